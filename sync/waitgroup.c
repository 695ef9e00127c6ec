// C port of go1.19 src/sync/waitgroup.go: waits for a collection of
// goroutines to finish.
//
// C: state is a naturally aligned 64-bit atomic (counter in the high half,
// waiters in the low half), so Go's alignment shuffle (state()) is not
// needed.
#include "sync/sync.h"

#include "runtime_netpoll/runtime_impl.h"

/* Go: sync/waitgroup.go (*WaitGroup).Add */
void
sync_WaitGroup_Add(sync_WaitGroup *wg, int delta)
{
	uint64_t state;
	int32_t v;
	uint32_t w;

	if (delta < 0) {
		// Done calls synchronize with the Wait they unblock.
		runtime_racereleasemerge(wg);
	}
	state = atomic_fetch_add(&wg->state, (uint64_t)(int64_t)delta << 32) +
		((uint64_t)(int64_t)delta << 32);
	v = (int32_t)(state >> 32);
	w = (uint32_t)state;
	if (v < 0)
		runtime_panicstring("sync: negative WaitGroup counter");
	if (w != 0 && delta > 0 && v == (int32_t)delta)
		runtime_panicstring("sync: WaitGroup misuse: Add called concurrently with Wait");
	if (v > 0 || w == 0)
		return;
	// Counter 0 with waiters: nobody may change the state now but us
	// (Add and Wait must not run concurrently with this), so a cheap
	// check catches misuse, then the waiter count goes back to 0.
	if (atomic_load(&wg->state) != state)
		runtime_panicstring("sync: WaitGroup misuse: Add called concurrently with Wait");
	atomic_store(&wg->state, 0);
	for (; w != 0; w--)
		sync_runtime_Semrelease(&wg->sema, false, 0);
}

/* Go: sync/waitgroup.go (*WaitGroup).Done */
void
sync_WaitGroup_Done(sync_WaitGroup *wg)
{
	sync_WaitGroup_Add(wg, -1);
}

/* Go: sync/waitgroup.go (*WaitGroup).Wait */
void
sync_WaitGroup_Wait(sync_WaitGroup *wg)
{
	for (;;) {
		uint64_t state = atomic_load(&wg->state);
		int32_t v = (int32_t)(state >> 32);

		if (v == 0) {
			// Counter is 0: nothing to wait for.
			runtime_raceacquire(wg);
			return;
		}
		// Count ourselves as a waiter.
		if (atomic_compare_exchange_strong(&wg->state, &state, state + 1)) {
			sync_runtime_Semacquire(&wg->sema);
			if (atomic_load(&wg->state) != 0)
				runtime_panicstring("sync: WaitGroup is reused before previous "
						    "Wait has returned");
			runtime_raceacquire(wg);
			return;
		}
	}
}

// C port of go1.19 src/sync/rwmutex.go: a reader/writer lock. Held by any
// number of readers or one writer; a pending writer keeps new readers out,
// so writers cannot starve.
#include "sync/sync.h"

#include "runtime_netpoll/runtime_impl.h"

// The most readers at once (Go: rwmutexMaxReaders).
enum { rwmutexMaxReaders = 1 << 30 };

static void rUnlockSlow(sync_RWMutex *rw, int32_t r);

// C: Go's race.Disable/Enable around the internal atomics hide them from
// the race detector; TSan sees C11 atomics anyway, so only the explicit
// acquire/release annotations are kept.

/* Go: sync/rwmutex.go (*RWMutex).RLock */
void
sync_RWMutex_RLock(sync_RWMutex *rw)
{
	if (atomic_fetch_add(&rw->readerCount, 1) + 1 < 0) {
		// A writer is pending: wait for it.
		sync_runtime_SemacquireMutex(&rw->readerSem, false, 0);
	}
	runtime_raceacquire(&rw->readerSem);
}

/* Go: sync/rwmutex.go (*RWMutex).TryRLock */
bool
sync_RWMutex_TryRLock(sync_RWMutex *rw)
{
	for (;;) {
		int32_t c = atomic_load(&rw->readerCount);

		if (c < 0)
			return false;
		if (atomic_compare_exchange_strong(&rw->readerCount, &c, c + 1)) {
			runtime_raceacquire(&rw->readerSem);
			return true;
		}
	}
}

/* Go: sync/rwmutex.go (*RWMutex).RUnlock */
void
sync_RWMutex_RUnlock(sync_RWMutex *rw)
{
	int32_t r;

	runtime_racereleasemerge(&rw->writerSem);
	if ((r = atomic_fetch_sub(&rw->readerCount, 1) - 1) < 0) {
		// Slow path, out of line so the fast path stays small.
		rUnlockSlow(rw, r);
	}
}

/* Go: sync/rwmutex.go (*RWMutex).rUnlockSlow */
static void
rUnlockSlow(sync_RWMutex *rw, int32_t r)
{
	if (r + 1 == 0 || r + 1 == -rwmutexMaxReaders)
		runtime_throw("sync: RUnlock of unlocked RWMutex");
	// A writer is pending: the last departing reader lets it in.
	if (atomic_fetch_sub(&rw->readerWait, 1) - 1 == 0)
		sync_runtime_Semrelease(&rw->writerSem, false, 1);
}

/* Go: sync/rwmutex.go (*RWMutex).Lock */
void
sync_RWMutex_Lock(sync_RWMutex *rw)
{
	int32_t r;

	// Other writers first.
	sync_Mutex_Lock(&rw->w);
	// Tell readers a writer is pending.
	r = atomic_fetch_add(&rw->readerCount, -rwmutexMaxReaders);
	// Wait for the readers inside.
	if (r != 0 && atomic_fetch_add(&rw->readerWait, r) + r != 0)
		sync_runtime_SemacquireMutex(&rw->writerSem, false, 0);
	runtime_raceacquire(&rw->readerSem);
	runtime_raceacquire(&rw->writerSem);
}

/* Go: sync/rwmutex.go (*RWMutex).TryLock */
bool
sync_RWMutex_TryLock(sync_RWMutex *rw)
{
	int32_t zero = 0;

	if (!sync_Mutex_TryLock(&rw->w))
		return false;
	if (!atomic_compare_exchange_strong(&rw->readerCount, &zero, -rwmutexMaxReaders)) {
		sync_Mutex_Unlock(&rw->w);
		return false;
	}
	runtime_raceacquire(&rw->readerSem);
	runtime_raceacquire(&rw->writerSem);
	return true;
}

/* Go: sync/rwmutex.go (*RWMutex).Unlock */
void
sync_RWMutex_Unlock(sync_RWMutex *rw)
{
	int32_t r;

	runtime_racerelease(&rw->readerSem);

	// Tell readers no writer is inside.
	r = atomic_fetch_add(&rw->readerCount, rwmutexMaxReaders) + rwmutexMaxReaders;
	if (r >= rwmutexMaxReaders)
		runtime_throw("sync: Unlock of unlocked RWMutex");
	// Let in the readers that blocked meanwhile.
	for (int32_t i = 0; i < r; i++)
		sync_runtime_Semrelease(&rw->readerSem, false, 0);
	// Let other writers in.
	sync_Mutex_Unlock(&rw->w);
}

/* Go: sync/rwmutex.go (*rlocker).Lock */
static void
rlockerLock(void *r)
{
	sync_RWMutex_RLock(r);
}

/* Go: sync/rwmutex.go (*rlocker).Unlock */
static void
rlockerUnlock(void *r)
{
	sync_RWMutex_RUnlock(r);
}

/* Go: sync/rwmutex.go (*RWMutex).RLocker */
sync_Locker
sync_RWMutex_RLocker(sync_RWMutex *rw)
{
	return (sync_Locker){rlockerLock, rlockerUnlock, rw};
}

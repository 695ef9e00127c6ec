// C port of go1.19 src/sync/mutex.go: a fair mutual exclusion lock.
//
// Two modes, as in Go. Normal: waiters queue FIFO, but a woken waiter
// competes with newly arriving goroutines (which hold the CPU and often
// win); a waiter that fails for more than starvationThresholdNs switches
// the mutex to starvation mode. Starvation: Unlock hands the mutex straight
// to the first waiter, newcomers queue at the tail without spinning; the
// last waiter, or one that waited less than the threshold, switches back.
#include "sync/sync.h"

#include "runtime_netpoll/runtime_impl.h"

enum {
	mutexLocked = 1 << 0, // the mutex is held
	mutexWoken = 1 << 1,  // a waiter is awake and trying to take it
	mutexStarving = 1 << 2,
	mutexWaiterShift = 3,

	starvationThresholdNs = 1000000,
};

static void lockSlow(sync_Mutex *m);
static void unlockSlow(sync_Mutex *m, int32_t new);

static inline bool
cas(_Atomic int32_t *p, int32_t old, int32_t new)
{
	return atomic_compare_exchange_strong(p, &old, new);
}

/* Go: sync/mutex.go (*Mutex).Lock */
void
sync_Mutex_Lock(sync_Mutex *m)
{
	// Fast path: an unlocked mutex.
	if (cas(&m->state, 0, mutexLocked)) {
		runtime_raceacquire(m);
		return;
	}
	// Slow path, out of line so the fast path stays small.
	lockSlow(m);
}

/* Go: sync/mutex.go (*Mutex).TryLock */
bool
sync_Mutex_TryLock(sync_Mutex *m)
{
	int32_t old = atomic_load_explicit(&m->state, memory_order_relaxed);

	if ((old & (mutexLocked | mutexStarving)) != 0)
		return false;

	// Another goroutine may be racing to take it; give up then.
	if (!cas(&m->state, old, old | mutexLocked))
		return false;

	runtime_raceacquire(m);
	return true;
}

/* Go: sync/mutex.go (*Mutex).lockSlow */
static void
lockSlow(sync_Mutex *m)
{
	int64_t waitStartTime = 0;
	bool starving = false;
	bool awoke = false;
	int iter = 0;
	int32_t old = atomic_load_explicit(&m->state, memory_order_relaxed);

	for (;;) {
		int32_t new;

		// Spin only in normal mode while the mutex is held: in
		// starvation mode it goes to a waiter, never to us.
		if ((old & (mutexLocked | mutexStarving)) == mutexLocked &&
		    sync_runtime_canSpin(iter)) {
			// Set mutexWoken so that Unlock does not wake another
			// waiter while we spin.
			if (!awoke && (old & mutexWoken) == 0 && (old >> mutexWaiterShift) != 0 &&
			    cas(&m->state, old, old | mutexWoken))
				awoke = true;
			sync_runtime_doSpin();
			iter++;
			old = atomic_load_explicit(&m->state, memory_order_relaxed);
			continue;
		}
		new = old;
		// A starving mutex is not for newcomers.
		if ((old & mutexStarving) == 0)
			new |= mutexLocked;
		if ((old & (mutexLocked | mutexStarving)) != 0)
			new += 1 << mutexWaiterShift;
		// Switch to starvation mode, but only if the mutex is held
		// (Unlock expects waiters in starvation mode).
		if (starving && (old & mutexLocked) != 0)
			new |= mutexStarving;
		if (awoke) {
			// We were woken: clear the flag either way.
			if ((new &mutexWoken) == 0)
				runtime_throw("sync: inconsistent mutex state");
			new &= ~mutexWoken;
		}
		if (cas(&m->state, old, new)) {
			bool queueLifo;

			if ((old & (mutexLocked | mutexStarving)) == 0)
				break; // locked the mutex with CAS
			// A goroutine that waited before goes to the front.
			queueLifo = waitStartTime != 0;
			if (waitStartTime == 0)
				waitStartTime = runtime_nanotime();
			sync_runtime_SemacquireMutex(&m->sema, queueLifo, 1);
			starving = starving ||
				   runtime_nanotime() - waitStartTime > starvationThresholdNs;
			old = atomic_load_explicit(&m->state, memory_order_relaxed);
			if ((old & mutexStarving) != 0) {
				int32_t delta;

				// Handed to us in starvation mode: the state is
				// inconsistent (locked not set, we still counted
				// as a waiter) until we fix it.
				if ((old & (mutexLocked | mutexWoken)) != 0 ||
				    (old >> mutexWaiterShift) == 0)
					runtime_throw("sync: inconsistent mutex state");
				delta = (int32_t)(mutexLocked - (1 << mutexWaiterShift));
				if (!starving || (old >> mutexWaiterShift) == 1) {
					// Leave starvation mode now: staying in it
					// with the last waiter gone would make
					// goroutines hand the mutex over in lockstep.
					delta -= mutexStarving;
				}
				atomic_fetch_add(&m->state, delta);
				break;
			}
			awoke = true;
			iter = 0;
		} else {
			old = atomic_load_explicit(&m->state, memory_order_relaxed);
		}
	}

	runtime_raceacquire(m);
}

/* Go: sync/mutex.go (*Mutex).Unlock */
void
sync_Mutex_Unlock(sync_Mutex *m)
{
	int32_t new;

	runtime_racerelease(m);

	// Fast path: drop the lock bit.
	new = atomic_fetch_add(&m->state, -mutexLocked) - mutexLocked;
	if (new != 0) {
		// Slow path, out of line so the fast path stays small.
		unlockSlow(m, new);
	}
}

/* Go: sync/mutex.go (*Mutex).unlockSlow */
static void
unlockSlow(sync_Mutex *m, int32_t new)
{
	// C: Go's sync.fatal is runtime.fatal: "fatal error: ...", no recover.
	if (((new + mutexLocked) & mutexLocked) == 0)
		runtime_throw("sync: unlock of unlocked mutex");
	if ((new &mutexStarving) == 0) {
		int32_t old = new;

		for (;;) {
			// Nobody to wake, or someone already woke, locked or
			// was handed the mutex: done. In starvation mode the
			// mutex goes to a waiter, not to us.
			if ((old >> mutexWaiterShift) == 0 ||
			    (old & (mutexLocked | mutexWoken | mutexStarving)) != 0)
				return;
			// Take one waiter off the count and wake it.
			new = (old - (1 << mutexWaiterShift)) | mutexWoken;
			if (cas(&m->state, old, new)) {
				sync_runtime_Semrelease(&m->sema, false, 1);
				return;
			}
			old = atomic_load_explicit(&m->state, memory_order_relaxed);
		}
	} else {
		// Starvation mode: hand the mutex and our time slice to the
		// first waiter. mutexLocked stays clear; the waiter sets it.
		// A newcomer still sees mutexStarving and does not take it.
		sync_runtime_Semrelease(&m->sema, true, 1);
	}
}

static void
mutexLock(void *l)
{
	sync_Mutex_Lock(l);
}

static void
mutexUnlock(void *l)
{
	sync_Mutex_Unlock(l);
}

/* Go: sync/mutex.go Locker (a *Mutex as a Locker) */
sync_Locker
sync_Mutex_Locker(sync_Mutex *m)
{
	return (sync_Locker){mutexLock, mutexUnlock, m};
}

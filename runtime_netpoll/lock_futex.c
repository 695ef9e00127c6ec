// C port of go1.19 src/runtime/lock_futex.go (runtime mutexes and notes on
// Linux futexes) and the futex calls of os_linux.go.
#include "runtime_netpoll/runtime_impl.h"
#include "runtime_netpoll/sanitizers.h"

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum {
	mutex_unlocked = runtime_mutexUnlocked,
	mutex_locked = 1,
	mutex_sleeping = 2,
	// runtime_mutexLockedOneP (3): chan_impl.h's lockChan, without an atomic

	active_spin = 4,
	active_spin_cnt = 30,
	passive_spin = 1,
};

/* Go: runtime/os_linux.go futexsleep */
// Sleeps while *addr == val, at most ns nanoseconds (ns < 0: forever).
// Spurious wakeups are allowed.
void
runtime_futexsleep(_Atomic uint32_t *addr, uint32_t val, int64_t ns)
{
	struct timespec ts, *tsp = NULL;

	if (ns >= 0) {
		ts.tv_sec = ns / 1000000000;
		ts.tv_nsec = ns % 1000000000;
		tsp = &ts;
	}
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, tsp, NULL, 0);
}

/* Go: runtime/os_linux.go futexwakeup */
void
runtime_futexwakeup(_Atomic uint32_t *addr, uint32_t cnt)
{
	if (syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, cnt, NULL, NULL, 0) < 0)
		runtime_throw(
			"futexwakeup addr failed"); // GCOVR_EXCL_LINE: kernel refused a valid futex
}

/* Go: runtime/lock_futex.go lock2 (after the first exchange) */
// C: Go's lock2 is one function; here the contended part is its own, so
// that the uncontended lock saves no registers (and inlines under LTO).
// v is what the first exchange found.
__attribute__((noinline, cold)) static void
lockSlow(runtime_mutex *l, uint32_t v)
{
	uint32_t wait = v;
	int spin = runtime_NumCPU() > 1 ? active_spin : 0;

	for (;;) {
		for (int i = 0; i < spin + passive_spin; i++) {
			while (atomic_load_explicit(&l->key, memory_order_relaxed) ==
			       mutex_unlocked) {
				uint32_t unlocked = mutex_unlocked;
				if (atomic_compare_exchange_strong(&l->key, &unlocked, wait))
					return;
			}
			if (i < spin)
				runtime_procyield(active_spin_cnt);
			else
				sched_yield();
		}
		v = atomic_exchange(&l->key, mutex_sleeping);
		if (v == mutex_unlocked)
			return;
		wait = mutex_sleeping;
		runtime_futexsleep(&l->key, mutex_sleeping, -1);
	}
}

/* Go: runtime/lock_futex.go lock2 */
// C: a thread that is not an M (before go_main) has no m.locks to count.
void
runtime_lock(runtime_mutex *l)
{
	runtime_g *gp = runtime_getg();
	uint32_t v;

	if (gp != NULL && gp->m->locks++ < 0)
		runtime_throw("runtime·lock: lock count");
	v = atomic_exchange(&l->key, mutex_locked);
	if (v != mutex_unlocked)
		lockSlow(l, v);
	runtime_raceacquire(l);
}

/* Go: runtime/lock_futex.go unlock2 */
void
runtime_unlock(runtime_mutex *l)
{
	runtime_g *gp;
	uint32_t v;

	runtime_racerelease(l);
	v = atomic_exchange(&l->key, mutex_unlocked);
	if (v == mutex_unlocked)
		runtime_throw("unlock of unlocked lock");
	if (v == mutex_sleeping)
		runtime_futexwakeup(&l->key, 1);
	gp = runtime_getg();
	if (gp != NULL && --gp->m->locks < 0)
		runtime_throw("runtime·unlock: lock count");
}

/* Go: runtime/lock_futex.go noteclear */
void
runtime_noteclear(runtime_note *n)
{
	atomic_store(&n->key, 0);
}

/* Go: runtime/lock_futex.go notewakeup */
void
runtime_notewakeup(runtime_note *n)
{
	runtime_racerelease(n);
	if (atomic_exchange(&n->key, 1) != 0)
		runtime_throw("notewakeup - double wakeup");
	runtime_futexwakeup(&n->key, 1);
}

// Go: cgo_yield, which Go sets for ThreadSanitizer's sake. TSan holds an
// asynchronous signal for a thread until that thread calls a function TSan
// intercepts; an M asleep on a futex would hold it forever. So, as Go does
// when cgo_yield is set, sleeps are cut into 10 ms slices with a call TSan
// sees in between.
#ifdef GONET_TSAN
static const bool cgo_yield = true;
#else
static const bool cgo_yield = false;
#endif

static void
cgoYield(void)
{
	struct timespec ts = {0, 0};

	nanosleep(&ts, NULL);
}

/* Go: runtime/lock_futex.go notesleep */
void
runtime_notesleep(runtime_note *n)
{
	runtime_g *gp = runtime_getg();

	if (gp != NULL && gp != gp->m->g0)
		runtime_throw("notesleep not on g0");
	while (atomic_load(&n->key) == 0) {
		if (gp != NULL)
			gp->m->blocked = true;
		runtime_futexsleep(&n->key, 0, cgo_yield ? 10000000 : -1);
		if (cgo_yield)
			cgoYield();
		if (gp != NULL)
			gp->m->blocked = false;
	}
	runtime_raceacquire(n);
}

/* Go: runtime/lock_futex.go notetsleep_internal */
static bool
notetsleep_internal(runtime_note *n, int64_t ns)
{
	int64_t deadline, now;

	if (ns < 0) {
		while (atomic_load(&n->key) == 0) {
			runtime_futexsleep(&n->key, 0, cgo_yield ? 10000000 : -1);
			if (cgo_yield)
				cgoYield();
		}
		runtime_raceacquire(n);
		return true;
	}
	if (atomic_load(&n->key) != 0)
		goto woken;
	deadline = runtime_nanotime() + ns;
	for (;;) {
		runtime_futexsleep(&n->key, 0, cgo_yield && ns > 10000000 ? 10000000 : ns);
		if (cgo_yield)
			cgoYield();
		if (atomic_load(&n->key) != 0)
			break;
		now = runtime_nanotime();
		if (now >= deadline)
			break;
		ns = deadline - now;
	}
	if (atomic_load(&n->key) == 0)
		return false;
woken:
	runtime_raceacquire(n);
	return true;
}

/* Go: runtime/lock_futex.go notetsleep */
bool
runtime_notetsleep(runtime_note *n, int64_t ns)
{
	return notetsleep_internal(n, ns);
}

/* Go: runtime/lock_futex.go notetsleepg */
// From a goroutine: the M blocks, so the P is handed to sysmon's care.
bool
runtime_notetsleepg(runtime_note *n, int64_t ns)
{
	bool ok;

	runtime_entersyscallblock();
	ok = notetsleep_internal(n, ns);
	runtime_exitsyscall();
	return ok;
}

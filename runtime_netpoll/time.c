// C port of go1.19 src/runtime/time.go: per-P timer heaps (a 4-ary heap in
// p.timers) and their status machine, time.Sleep, the runtime half of
// time.Timer, and proc.go's checkTimers.
//
// The timer status protocol is Go's (see the transition table at the top
// of time.go): a timer's status field is the only thing other Ps may
// change; p.timers and every timer's when/pp fields are guarded by
// p.timersLock. Timer functions run with that lock released.
//
// C: Ps are never destroyed while the runtime runs, so Go's moveTimers
// (which hands a dying P's timers to another) has no C twin.
#include "runtime_netpoll/runtime_impl.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

// Values of runtime_timer.status (Go: runtime/time.go timerNoStatus ...).
enum {
	timerNoStatus = 0,    // not in any heap, never added or already run
	timerWaiting,         // in some P's heap, waiting for when
	timerRunning,         // its function is being started (briefly)
	timerDeleted,         // stopped, still in a heap until its P removes it
	timerRemoving,        // being removed from the heap (briefly)
	timerRemoved,         // stopped and out of every heap
	timerModifying,       // being changed by modtimer/deltimer (briefly)
	timerModifiedEarlier, // moved earlier; new when in nextwhen; maybe misplaced
	timerModifiedLater,   // moved later (or same); new when in nextwhen
	timerMoving,          // modified timer being re-sorted (briefly)
};

// The largest when a timer may have (Go: maxWhen).
#define maxWhen INT64_MAX

// Set to true to check the heap after every adjustment (Go: verifyTimers).
static const bool verifyTimers = false;

static void badTimer(void) __attribute__((noreturn));
static void cleantimers(runtime_p *pp);
static void doaddtimer(runtime_p *pp, runtime_timer *t);
static int32_t siftupTimer(runtime_timer **t, int32_t n, int32_t i);
static void siftdownTimer(runtime_timer **t, int32_t n, int32_t i);
static void updateTimer0When(runtime_p *pp);
static void updateTimerModifiedEarliest(runtime_p *pp, int64_t nextwhen);
static void verifyTimerHeap(runtime_p *pp);
static bool resetForSleep(runtime_g *gp, void *ut);
static void goroutineReady(void *arg, uintptr_t seq);

/* Go: runtime/runtime1.go acquirem */
// C: preemption is cooperative; m.locks only documents that the code
// below must not give up the P while a timer is in timerModifying.
static runtime_m *
acquirem(void)
{
	runtime_m *mp = runtime_getg()->m;

	mp->locks++;
	return mp;
}

/* Go: runtime/runtime1.go releasem */
static void
releasem(runtime_m *mp)
{
	mp->locks--;
}

/* Go: runtime/os_linux.go osyield */
static void
osyield(void)
{
	sched_yield();
}

// The number of entries of pp.timers (Go: len(pp.timers)). C: the heap
// array has no separate length: numTimers always equals it once
// timersLock is released, and only the lock holder changes either.
static inline int32_t
timerslen(runtime_p *pp)
{
	return (int32_t)atomic_load_explicit(&pp->numTimers, memory_order_relaxed);
}

static inline uint32_t
loadStatus(runtime_timer *t)
{
	return atomic_load(&t->status);
}

static inline bool
casStatus(runtime_timer *t, uint32_t old, uint32_t new)
{
	return atomic_compare_exchange_strong(&t->status, &old, new);
}

static inline runtime_p *
currentP(void)
{
	return runtime_getg()->m->p;
}

/* Go: runtime/time.go timeSleep */
// C: time_Sleep (time/sleep.c) is the Go-visible name.
void
runtime_timeSleep(int64_t ns)
{
	runtime_g *gp;
	runtime_timer *t;

	if (ns <= 0)
		return;

	gp = runtime_getg();
	t = gp->timer;
	if (t == NULL) {
		t = runtime_newobject(sizeof(*t));
		gp->timer = t;
	}
	t->f = goroutineReady;
	t->arg = gp;
	// C: the sum wraps as in Go, taken unsigned (signed overflow is undefined).
	t->nextwhen = (int64_t)((uint64_t)runtime_nanotime() + (uint64_t)ns);
	if (t->nextwhen < 0) // overflow
		t->nextwhen = maxWhen;
	runtime_gopark(resetForSleep, t, runtime_waitReasonSleep);
}

/* Go: runtime/time.go resetForSleep */
// Runs on g0 once the sleeper is parked, so a short sleep cannot fire
// (and ready the goroutine) before it has actually parked.
static bool
resetForSleep(runtime_g *gp, void *ut)
{
	runtime_timer *t = ut;

	(void)gp;
	runtime_resettimer(t, t->nextwhen);
	return true;
}

/* Go: runtime/time.go startTimer */
void
runtime_startTimer(runtime_timer *t)
{
	runtime_racerelease(t);
	runtime_addtimer(t);
}

/* Go: runtime/time.go stopTimer */
bool
runtime_stopTimer(runtime_timer *t)
{
	return runtime_deltimer(t);
}

/* Go: runtime/time.go resetTimer */
bool
runtime_resetTimer(runtime_timer *t, int64_t when)
{
	runtime_racerelease(t);
	return runtime_resettimer(t, when);
}

/* Go: runtime/time.go modTimer */
void
runtime_modTimer(runtime_timer *t, int64_t when, int64_t period, void (*f)(void *, uintptr_t),
		 void *arg, uintptr_t seq)
{
	runtime_modtimer(t, when, period, f, arg, seq);
}

/* Go: runtime/time.go goroutineReady */
static void
goroutineReady(void *arg, uintptr_t seq)
{
	(void)seq;
	runtime_goready(arg);
}

/* Go: runtime/time.go addtimer */
void
runtime_addtimer(runtime_timer *t)
{
	runtime_m *mp;
	runtime_p *pp;
	int64_t when;

	// A when of zero or less would break runtimer's arithmetic and hide
	// the timer from checkTimers.
	if (t->when <= 0)
		runtime_throw("timer when must be positive");
	if (t->period < 0)
		runtime_throw("timer period must be non-negative");
	if (atomic_load(&t->status) != timerNoStatus)
		runtime_throw("addtimer called with initialized timer");
	atomic_store(&t->status, timerWaiting);

	when = t->when;

	// Stay on this P while its heap is in use.
	mp = acquirem();

	pp = currentP();
	runtime_lock(&pp->timersLock);
	cleantimers(pp);
	doaddtimer(pp, t);
	runtime_unlock(&pp->timersLock);

	runtime_wakeNetPoller(when);

	releasem(mp);
}

/* Go: runtime/time.go doaddtimer */
// The caller holds pp.timersLock.
static void
doaddtimer(runtime_p *pp, runtime_timer *t)
{
	int32_t i;

	// Timers need the poller to sleep until they are due.
	if (!runtime_netpollinited())
		runtime_netpollGenericInit();

	if (atomic_load(&t->pp) != NULL)
		runtime_throw("doaddtimer: P already set in timer");
	atomic_store(&t->pp, pp);
	i = timerslen(pp);
	// C: append grows the array by doubling, as Go's append does.
	if (i == pp->timersCap) {
		int32_t ncap = pp->timersCap < 16 ? 16 : 2 * pp->timersCap;
		runtime_timer **nt = realloc(pp->timers, (size_t)ncap * sizeof(*nt));

		if (nt == NULL)
			runtime_throw("out of memory"); // GCOVR_EXCL_LINE: malloc failure
		pp->timers = nt;
		pp->timersCap = ncap;
	}
	pp->timers[i] = t;
	siftupTimer(pp->timers, i + 1, i);
	if (t == pp->timers[0])
		atomic_store(&pp->timer0When, (uint64_t)t->when);
	atomic_fetch_add(&pp->numTimers, 1);
}

/* Go: runtime/time.go deltimer */
// Marks t deleted; the P whose heap holds it removes it later. Reports
// whether t was stopped before it ran.
bool
runtime_deltimer(runtime_timer *t)
{
	for (;;) {
		uint32_t s = loadStatus(t);

		switch (s) {
		case timerWaiting:
		case timerModifiedLater:
		case timerModifiedEarlier: {
			// C: Go has two identical arms for these three states.
			// m.locks is held while the status is timerModifying.
			runtime_m *mp = acquirem();

			if (casStatus(t, s, timerModifying)) {
				// Read pp before the status says deleted: from
				// then on its P may clear it.
				runtime_p *tpp = atomic_load(&t->pp);

				if (!casStatus(t, timerModifying, timerDeleted))
					badTimer();
				releasem(mp);
				atomic_fetch_add(&tpp->deletedTimers, 1);
				// Not run yet.
				return true;
			}
			releasem(mp);
			break;
		}
		case timerDeleted:
		case timerRemoving:
		case timerRemoved:
			// Already run or stopped.
			return false;
		case timerRunning:
		case timerMoving:
			// Another P runs or moves it: wait until it is done.
			osyield();
			break;
		case timerNoStatus:
			// Never added, or already run.
			return false;
		case timerModifying:
			// A concurrent modtimer: wait for it.
			osyield();
			break;
		default:
			badTimer();
		}
	}
}

/* Go: runtime/time.go dodeltimer */
// Removes timers[i] from pp's heap and returns the smallest index that
// changed. The caller holds pp.timersLock.
static int32_t
dodeltimer(runtime_p *pp, int32_t i)
{
	runtime_timer *t = pp->timers[i];
	int32_t last, smallestChanged;
	uint32_t n;

	if (atomic_load(&t->pp) != pp)
		runtime_throw("dodeltimer: wrong P");
	atomic_store(&t->pp, NULL);
	last = timerslen(pp) - 1;
	if (i != last)
		pp->timers[i] = pp->timers[last];
	pp->timers[last] = NULL;
	smallestChanged = i;
	if (i != last) {
		// The former last timer may belong above its new parent.
		smallestChanged = siftupTimer(pp->timers, last, i);
		siftdownTimer(pp->timers, last, i);
	}
	// C: Go shrinks the slice before updateTimer0When; here the length
	// is numTimers, so timers[0] is read only when one is left.
	if (i == 0)
		atomic_store(&pp->timer0When, last == 0 ? 0 : (uint64_t)pp->timers[0]->when);
	n = atomic_fetch_sub(&pp->numTimers, 1) - 1;
	if (n == 0) {
		// No timers left, so none is modified.
		atomic_store(&pp->timerModifiedEarliest, 0);
	}
	return smallestChanged;
}

/* Go: runtime/time.go dodeltimer0 */
// Removes the first timer of pp's heap. The caller holds pp.timersLock.
static void
dodeltimer0(runtime_p *pp)
{
	runtime_timer *t = pp->timers[0];
	int32_t last;
	uint32_t n;

	if (atomic_load(&t->pp) != pp)
		runtime_throw("dodeltimer0: wrong P");
	atomic_store(&t->pp, NULL);
	last = timerslen(pp) - 1;
	if (last > 0)
		pp->timers[0] = pp->timers[last];
	pp->timers[last] = NULL;
	if (last > 0)
		siftdownTimer(pp->timers, last, 0);
	// C: see dodeltimer on the length and updateTimer0When.
	atomic_store(&pp->timer0When, last == 0 ? 0 : (uint64_t)pp->timers[0]->when);
	n = atomic_fetch_sub(&pp->numTimers, 1) - 1;
	if (n == 0)
		atomic_store(&pp->timerModifiedEarliest, 0);
}

/* Go: runtime/time.go modtimer */
// Changes an existing timer (netpoll deadlines, Timer.Reset). Reports
// whether t was changed before it ran.
bool
runtime_modtimer(runtime_timer *t, int64_t when, int64_t period, void (*f)(void *, uintptr_t),
		 void *arg, uintptr_t seq)
{
	uint32_t status, newStatus;
	bool wasRemoved = false;
	bool pending = false;
	runtime_m *mp = NULL;
	runtime_p *pp, *tpp;

	if (when <= 0)
		runtime_throw("timer when must be positive");
	if (period < 0)
		runtime_throw("timer period must be non-negative");

	for (;;) {
		switch (status = loadStatus(t)) {
		case timerWaiting:
		case timerModifiedEarlier:
		case timerModifiedLater:
			// m.locks is held while the status is timerModifying.
			mp = acquirem();
			if (casStatus(t, status, timerModifying)) {
				pending = true; // not run yet
				goto loopdone;
			}
			releasem(mp);
			break;
		case timerNoStatus:
		case timerRemoved:
			mp = acquirem();
			// Run already and out of every heap: add it like addtimer.
			if (casStatus(t, status, timerModifying)) {
				wasRemoved = true;
				pending = false; // already run or stopped
				goto loopdone;
			}
			releasem(mp);
			break;
		case timerDeleted:
			mp = acquirem();
			if (casStatus(t, status, timerModifying)) {
				atomic_fetch_sub(&atomic_load(&t->pp)->deletedTimers, 1);
				pending = false; // already stopped
				goto loopdone;
			}
			releasem(mp);
			break;
		case timerRunning:
		case timerRemoving:
		case timerMoving:
			// Another P runs or moves it: wait until it is done.
			osyield();
			break;
		case timerModifying:
			// A concurrent modtimer: wait for it.
			osyield();
			break;
		default:
			badTimer();
		}
	}
loopdone:
	t->period = period;
	t->f = f;
	t->arg = arg;
	t->seq = seq;

	if (wasRemoved) {
		t->when = when;
		pp = currentP();
		runtime_lock(&pp->timersLock);
		doaddtimer(pp, t);
		runtime_unlock(&pp->timersLock);
		if (!casStatus(t, timerModifying, timerWaiting))
			badTimer();
		releasem(mp);
		runtime_wakeNetPoller(when);
	} else {
		// t sits in some P's heap, whose order depends on t.when: leave
		// when alone and let that P move t when it re-sorts its heap.
		t->nextwhen = when;

		newStatus = timerModifiedLater;
		if (when < t->when)
			newStatus = timerModifiedEarlier;

		tpp = atomic_load(&t->pp);

		if (newStatus == timerModifiedEarlier)
			updateTimerModifiedEarliest(tpp, when);

		if (!casStatus(t, timerModifying, newStatus))
			badTimer();
		releasem(mp);

		// An earlier timer may need the poller awake sooner.
		if (newStatus == timerModifiedEarlier)
			runtime_wakeNetPoller(when);
	}

	return pending;
}

/* Go: runtime/time.go resettimer */
// Sets a new when; an inactive timer becomes active. Reports whether t
// was changed before it ran.
bool
runtime_resettimer(runtime_timer *t, int64_t when)
{
	return runtime_modtimer(t, when, t->period, t->f, t->arg, t->seq);
}

/* Go: runtime/time.go cleantimers */
// Removes deleted timers and re-sorts modified ones at the head of pp's
// heap. The caller holds pp.timersLock.
// C: Go stops early when the goroutine is asked to preempt; gonet's
// preemption is cooperative, so there is no such request.
static void
cleantimers(runtime_p *pp)
{
	for (;;) {
		runtime_timer *t;
		uint32_t s;

		if (timerslen(pp) == 0)
			return;

		t = pp->timers[0];
		if (atomic_load(&t->pp) != pp)
			runtime_throw("cleantimers: bad p");
		switch (s = loadStatus(t)) {
		case timerDeleted:
			if (!casStatus(t, s, timerRemoving))
				continue;
			dodeltimer0(pp);
			if (!casStatus(t, timerRemoving, timerRemoved))
				badTimer();
			atomic_fetch_sub(&pp->deletedTimers, 1);
			break;
		case timerModifiedEarlier:
		case timerModifiedLater:
			if (!casStatus(t, s, timerMoving))
				continue;
			// when may change now that t is ours.
			t->when = t->nextwhen;
			// Put t where it belongs.
			dodeltimer0(pp);
			doaddtimer(pp, t);
			if (!casStatus(t, timerMoving, timerWaiting))
				badTimer();
			break;
		default:
			// The head is fine.
			return;
		}
	}
}

/* Go: runtime/time.go addAdjustedTimers */
// Puts back the timers adjusttimers took off the heap.
static void
addAdjustedTimers(runtime_p *pp, runtime_timer **moved, int32_t nmoved)
{
	for (int32_t i = 0; i < nmoved; i++) {
		runtime_timer *t = moved[i];

		doaddtimer(pp, t);
		if (!casStatus(t, timerMoving, timerWaiting))
			badTimer();
	}
}

/* Go: runtime/time.go adjusttimers */
// Once the earliest timerModifiedEarlier time has come, walks the whole
// heap: deleted timers go, modified ones are put back in order. The
// caller holds pp.timersLock.
static void
adjusttimers(runtime_p *pp, int64_t now)
{
	runtime_timer **moved = NULL;
	int32_t nmoved = 0, capmoved = 0;
	uint64_t first;

	// Until the first timer moved earlier is due, leave the heap as it
	// is: programs that push timers back and forth rarely let them fire.
	first = atomic_load(&pp->timerModifiedEarliest);
	if (first == 0 || (int64_t)first > now) {
		if (verifyTimers)
			verifyTimerHeap(pp);
		return;
	}

	// Every timerModifiedEarlier timer is handled below.
	atomic_store(&pp->timerModifiedEarliest, 0);

	for (int32_t i = 0; i < timerslen(pp); i++) {
		runtime_timer *t = pp->timers[i];
		uint32_t s;

		if (atomic_load(&t->pp) != pp)
			runtime_throw("adjusttimers: bad p");
		switch (s = loadStatus(t)) {
		case timerDeleted:
			if (casStatus(t, s, timerRemoving)) {
				int32_t changed = dodeltimer(pp, i);

				if (!casStatus(t, timerRemoving, timerRemoved))
					badTimer();
				atomic_fetch_sub(&pp->deletedTimers, 1);
				// Resume at the first entry that moved (the
				// loop adds one).
				i = changed - 1;
			}
			break;
		case timerModifiedEarlier:
		case timerModifiedLater:
			if (casStatus(t, s, timerMoving)) {
				int32_t changed;

				// when may change now that t is ours.
				t->when = t->nextwhen;
				// Keep t aside: adding it back now could make
				// the walk miss another timer.
				changed = dodeltimer(pp, i);
				// C: moved is Go's slice, grown by hand.
				if (nmoved == capmoved) {
					capmoved = capmoved == 0 ? 8 : 2 * capmoved;
					moved = realloc(moved, (size_t)capmoved * sizeof(*moved));
					if (moved == NULL)
						runtime_throw(
							"out of memory"); // GCOVR_EXCL_LINE: malloc failure
				}
				moved[nmoved++] = t;
				// Resume at the first entry that moved.
				i = changed - 1;
			}
			break;
		case timerNoStatus:
		case timerRunning:
		case timerRemoving:
		case timerRemoved:
		case timerMoving:
			badTimer();
		case timerWaiting:
			// Nothing to do.
			break;
		case timerModifying:
			// Look again once the change is done.
			osyield();
			i--;
			break;
		default:
			badTimer();
		}
	}

	if (nmoved > 0)
		addAdjustedTimers(pp, moved, nmoved);
	free(moved);

	if (verifyTimers)
		verifyTimerHeap(pp);
}

/* Go: runtime/time.go nobarrierWakeTime */
int64_t
runtime_nobarrierWakeTime(runtime_p *pp)
{
	int64_t next = (int64_t)atomic_load(&pp->timer0When);
	int64_t nextAdj = (int64_t)atomic_load(&pp->timerModifiedEarliest);

	if (next == 0 || (nextAdj != 0 && nextAdj < next))
		next = nextAdj;
	return next;
}

/* Go: runtime/time.go runOneTimer */
// Runs t, the first timer of pp's heap, with pp.timersLock released
// around its function. The caller holds pp.timersLock.
static void
runOneTimer(runtime_p *pp, runtime_timer *t, int64_t now)
{
	void (*f)(void *, uintptr_t);
	void *arg;
	uintptr_t seq;

	// C: Go switches to the timer's race context; TSan is told that
	// whatever happened before startTimer/resetTimer happens before f.
	runtime_raceacquire(t);

	f = t->f;
	arg = t->arg;
	seq = t->seq;

	if (t->period > 0) {
		// A periodic timer stays in the heap with its next when.
		int64_t delta = t->when - now;

		// C: Go lets this wrap and checks the sign; signed overflow is
		// undefined in C, so the sum is taken unsigned.
		t->when = (int64_t)((uint64_t)t->when +
				    (uint64_t)t->period * (uint64_t)(1 + -delta / t->period));
		if (t->when < 0) // overflow
			t->when = maxWhen;
		siftdownTimer(pp->timers, timerslen(pp), 0);
		if (!casStatus(t, timerRunning, timerWaiting))
			badTimer();
		updateTimer0When(pp);
	} else {
		// Take it out of the heap.
		dodeltimer0(pp);
		if (!casStatus(t, timerRunning, timerNoStatus))
			badTimer();
	}

	runtime_unlock(&pp->timersLock);

	f(arg, seq);

	runtime_lock(&pp->timersLock);
}

/* Go: runtime/time.go runtimer */
// Looks at the first timer of pp's heap and runs it if it is due.
// Returns 0 if a timer ran, -1 if the heap is empty, else the when of the
// first timer. The caller holds pp.timersLock, which a running timer
// releases for a while.
static int64_t
runtimer(runtime_p *pp, int64_t now)
{
	for (;;) {
		runtime_timer *t = pp->timers[0];
		uint32_t s;

		if (atomic_load(&t->pp) != pp)
			runtime_throw("runtimer: bad p");
		switch (s = loadStatus(t)) {
		case timerWaiting:
			if (t->when > now) {
				// Not due yet.
				return t->when;
			}

			if (!casStatus(t, s, timerRunning))
				continue;
			// runOneTimer releases pp.timersLock for a while.
			runOneTimer(pp, t, now);
			return 0;

		case timerDeleted:
			if (!casStatus(t, s, timerRemoving))
				continue;
			dodeltimer0(pp);
			if (!casStatus(t, timerRemoving, timerRemoved))
				badTimer();
			atomic_fetch_sub(&pp->deletedTimers, 1);
			if (timerslen(pp) == 0)
				return -1;
			break;

		case timerModifiedEarlier:
		case timerModifiedLater:
			if (!casStatus(t, s, timerMoving))
				continue;
			t->when = t->nextwhen;
			dodeltimer0(pp);
			doaddtimer(pp, t);
			if (!casStatus(t, timerMoving, timerWaiting))
				badTimer();
			break;

		case timerModifying:
			// Wait for the change to finish.
			osyield();
			break;

		case timerNoStatus:
		case timerRemoved:
			// A new or stopped timer has no business in a heap.
			badTimer();
		case timerRunning:
		case timerRemoving:
		case timerMoving:
			// Only a holder of pp.timersLock sets these, and that is us.
			badTimer();
		default:
			badTimer();
		}
	}
}

/* Go: runtime/time.go clearDeletedTimers */
// Drops every deleted timer from pp's heap (many stopped long timers,
// e.g. from context.WithTimeout, would clog it) and re-sorts modified
// ones. The caller holds pp.timersLock.
static void
clearDeletedTimers(runtime_p *pp)
{
	runtime_timer **timers = pp->timers;
	int32_t n = timerslen(pp);
	int32_t cdel = 0;
	int32_t to = 0;
	bool changedHeap = false;

	// Every timerModifiedEarlier timer is handled below; clear the mark
	// first so that one modified meanwhile sets it again.
	atomic_store(&pp->timerModifiedEarliest, 0);

	for (int32_t k = 0; k < n; k++) {
		runtime_timer *t = timers[k];

		for (;;) {
			uint32_t s;

			switch (s = loadStatus(t)) {
			case timerWaiting:
				if (changedHeap) {
					timers[to] = t;
					siftupTimer(timers, to + 1, to);
				}
				to++;
				goto nextTimer;
			case timerModifiedEarlier:
			case timerModifiedLater:
				if (casStatus(t, s, timerMoving)) {
					t->when = t->nextwhen;
					timers[to] = t;
					siftupTimer(timers, to + 1, to);
					to++;
					changedHeap = true;
					if (!casStatus(t, timerMoving, timerWaiting))
						badTimer();
					goto nextTimer;
				}
				break;
			case timerDeleted:
				if (casStatus(t, s, timerRemoving)) {
					atomic_store(&t->pp, NULL);
					cdel++;
					if (!casStatus(t, timerRemoving, timerRemoved))
						badTimer();
					changedHeap = true;
					goto nextTimer;
				}
				break;
			case timerModifying:
				// Wait for the change to finish.
				osyield();
				break;
			case timerNoStatus:
			case timerRemoved:
				// Not a status a heap entry can have.
				badTimer();
			case timerRunning:
			case timerRemoving:
			case timerMoving:
				// Some other P believes it owns this timer.
				badTimer();
			default:
				badTimer();
			}
		}
nextTimer:;
	}

	// C: no GC to help; the tail is cleared only to keep the array tidy.
	for (int32_t i = to; i < n; i++)
		timers[i] = NULL;

	atomic_fetch_sub(&pp->deletedTimers, (uint32_t)cdel);
	atomic_fetch_sub(&pp->numTimers, (uint32_t)cdel);

	updateTimer0When(pp);

	if (verifyTimers)
		verifyTimerHeap(pp);
}

/* Go: runtime/time.go verifyTimerHeap */
// Checks the heap order (debugging only, see verifyTimers). The caller
// holds pp.timersLock.
static void
verifyTimerHeap(runtime_p *pp)
{
	int32_t n = timerslen(pp);

	for (int32_t i = 1; i < n; i++) {
		runtime_timer *t = pp->timers[i];
		// 4-ary heap: see siftupTimer and siftdownTimer.
		int32_t p = (i - 1) / 4;

		if (t->when < pp->timers[p]->when) {
			fprintf(stderr, "bad timer heap at %d: %d: %lld, %d: %lld\n", i, p,
				(long long)pp->timers[p]->when, i, (long long)t->when);
			runtime_throw("bad timer heap");
		}
	}
	// C: the length is numTimers (see timerslen), so Go's "timer heap
	// len != numTimers" check has nothing to compare.
}

/* Go: runtime/time.go updateTimer0When */
// The caller holds pp.timersLock.
static void
updateTimer0When(runtime_p *pp)
{
	if (timerslen(pp) == 0)
		atomic_store(&pp->timer0When, 0);
	else
		atomic_store(&pp->timer0When, (uint64_t)pp->timers[0]->when);
}

/* Go: runtime/time.go updateTimerModifiedEarliest */
// Lowers pp.timerModifiedEarliest to nextwhen. pp.timersLock is not held.
static void
updateTimerModifiedEarliest(runtime_p *pp, int64_t nextwhen)
{
	for (;;) {
		uint64_t old = atomic_load(&pp->timerModifiedEarliest);

		if (old != 0 && (int64_t)old < nextwhen)
			return;
		if (atomic_compare_exchange_strong(&pp->timerModifiedEarliest, &old,
						   (uint64_t)nextwhen))
			return;
	}
}

/* Go: runtime/time.go timeSleepUntil */
// The time the next timer of any P is due, maxWhen if none.
// C: the set of Ps is fixed while the runtime runs, so Go's allpLock is
// not needed.
int64_t
runtime_timeSleepUntil(void)
{
	int64_t next = maxWhen;

	for (int32_t i = 0; i < runtime_gomaxprocs; i++) {
		runtime_p *pp = runtime_allp[i];
		int64_t w;

		if (pp == NULL)
			continue;

		w = (int64_t)atomic_load(&pp->timer0When);
		if (w != 0 && w < next)
			next = w;

		w = (int64_t)atomic_load(&pp->timerModifiedEarliest);
		if (w != 0 && w < next)
			next = w;
	}

	return next;
}

// Heap maintenance. Like Go, the index checks call badTimer rather than
// run off the array: a racy use of a timer then fails loudly.

/* Go: runtime/time.go siftupTimer */
// Moves t[i] up to its place in the 4-ary heap t[0:n]; returns the
// smallest index that changed.
static int32_t
siftupTimer(runtime_timer **t, int32_t n, int32_t i)
{
	runtime_timer *tmp;
	int64_t when;

	if (i >= n)
		badTimer();
	when = t[i]->when;
	if (when <= 0)
		badTimer();
	tmp = t[i];
	while (i > 0) {
		int32_t p = (i - 1) / 4; // parent

		if (when >= t[p]->when)
			break;
		t[i] = t[p];
		i = p;
	}
	if (tmp != t[i])
		t[i] = tmp;
	return i;
}

/* Go: runtime/time.go siftdownTimer */
// Moves t[i] down to its place in the 4-ary heap t[0:n].
static void
siftdownTimer(runtime_timer **t, int32_t n, int32_t i)
{
	runtime_timer *tmp;
	int64_t when;

	if (i >= n)
		badTimer();
	when = t[i]->when;
	if (when <= 0)
		badTimer();
	tmp = t[i];
	for (;;) {
		int32_t c = i * 4 + 1; // left child
		int32_t c3 = c + 2;    // mid child
		int64_t w;

		if (c >= n)
			break;
		w = t[c]->when;
		if (c + 1 < n && t[c + 1]->when < w) {
			w = t[c + 1]->when;
			c++;
		}
		if (c3 < n) {
			int64_t w3 = t[c3]->when;

			if (c3 + 1 < n && t[c3 + 1]->when < w3) {
				w3 = t[c3 + 1]->when;
				c3++;
			}
			if (w3 < w) {
				w = w3;
				c = c3;
			}
		}
		if (w >= when)
			break;
		t[i] = t[c];
		i = c;
	}
	if (tmp != t[i])
		t[i] = tmp;
}

/* Go: runtime/time.go badTimer */
// The timer structures are corrupt, most likely from racy use of a timer.
static void
badTimer(void)
{
	runtime_throw("timer data corruption");
}

/* Go: runtime/proc.go checkTimers (the part under timersLock) */
// C: out of line, so that the common early return of checkTimers, on
// every pass through the scheduler, saves no registers.
__attribute__((noinline)) static void
checkTimersRun(runtime_p *pp, int64_t now, int64_t *pollUntil, bool *ran)
{
	runtime_lock(&pp->timersLock);

	if (timerslen(pp) > 0) {
		adjusttimers(pp, now);
		while (timerslen(pp) > 0) {
			// runtimer may release pp.timersLock for a while.
			int64_t tw = runtimer(pp, now);

			if (tw != 0) {
				if (tw > 0)
					*pollUntil = tw;
				break;
			}
			*ran = true;
		}
	}

	// Many deleted timers on our own P: clear them. Only the local P
	// does this, to keep contention on timersLock low.
	if (pp == currentP() && (int32_t)atomic_load(&pp->deletedTimers) > timerslen(pp) / 4)
		clearDeletedTimers(pp);

	runtime_unlock(&pp->timersLock);
}

/* Go: runtime/proc.go checkTimers */
// Runs the due timers of pp. *rnow is the time used (now, or the clock
// if now is 0), *pollUntil the when of the next timer (0: none), *ran
// whether any timer ran. C: callers use runtime_checkTimers, whose inline
// part returns at once when pp has no timers (runtime_impl.h).
void
runtime_checkTimersSlow(runtime_p *pp, int64_t now, int64_t *rnow, int64_t *pollUntil, bool *ran)
{
	int64_t next, nextAdj;

	*pollUntil = 0;
	*ran = false;

	// Nothing to do before the first timer, or the first moved one, is due.
	next = (int64_t)atomic_load(&pp->timer0When);
	nextAdj = (int64_t)atomic_load(&pp->timerModifiedEarliest);
	if (next == 0 || (nextAdj != 0 && nextAdj < next))
		next = nextAdj;

	if (next == 0) {
		// No timers at all.
		*rnow = now;
		return;
	}

	if (now == 0)
		now = runtime_nanotime();
	if (now < next) {
		// None is due; go on only if the deleted timers below would be
		// cleared.
		if (pp != currentP() ||
		    atomic_load(&pp->deletedTimers) <= atomic_load(&pp->numTimers) / 4) {
			*rnow = now;
			*pollUntil = next;
			return;
		}
	}

	checkTimersRun(pp, now, pollUntil, ran);
	*rnow = now;
}

/* C: no Go twin */
// Makes sure no heap refers to t any more, so its owner may free it. A
// stopped timer stays in its P's heap (timerDeleted) until that P cleans
// it up, which Go leaves to the P and its GC; C must free the memory, so
// the timer is taken out of the heap here, under that P's timersLock. An
// active timer is stopped first. t must not be reset concurrently.
void
runtime_cleartimer(runtime_timer *t)
{
	for (;;) {
		uint32_t s = loadStatus(t);
		runtime_p *tpp;

		switch (s) {
		case timerNoStatus:
		case timerRemoved:
			return;
		case timerWaiting:
		case timerModifiedEarlier:
		case timerModifiedLater:
			runtime_deltimer(t);
			break;
		case timerDeleted:
			tpp = atomic_load(&t->pp);
			if (tpp == NULL) {
				osyield();
				break;
			}
			// Every P-side change of a deleted timer holds timersLock:
			// under it, a timer still deleted and still on tpp is ours.
			runtime_lock(&tpp->timersLock);
			if (atomic_load(&t->pp) == tpp &&
			    casStatus(t, timerDeleted, timerRemoving)) {
				int32_t i = 0, n = timerslen(tpp);

				while (i < n && tpp->timers[i] != t)
					i++;
				if (i == n)
					badTimer();
				dodeltimer(tpp, i);
				if (!casStatus(t, timerRemoving, timerRemoved))
					badTimer();
				atomic_fetch_sub(&tpp->deletedTimers, 1);
			}
			runtime_unlock(&tpp->timersLock);
			break;
		default:
			// Being run, moved, removed or modified: wait.
			osyield();
			break;
		}
	}
}

/* Go: runtime/proc.go (*p).destroy (its timer part) */
// C: frees pp's heap array when the runtime stops. Timers still in it are
// left to their owners; Go would move them to another P (moveTimers).
void
runtime_destroyTimers(runtime_p *pp)
{
	runtime_lock(&pp->timersLock);
	for (int32_t i = 0; i < timerslen(pp); i++) {
		atomic_store(&pp->timers[i]->pp, NULL);
		atomic_store(&pp->timers[i]->status, timerRemoved);
	}
	free(pp->timers);
	pp->timers = NULL;
	pp->timersCap = 0;
	atomic_store(&pp->numTimers, 0);
	atomic_store(&pp->deletedTimers, 0);
	atomic_store(&pp->timer0When, 0);
	atomic_store(&pp->timerModifiedEarliest, 0);
	runtime_unlock(&pp->timersLock);
}

// The runtime's internal interface: what proc.c, time.c, sema.c, chan.c and
// netpoll*.c call in each other, and what tests reach (Go's export_test.go).
// The library exports every symbol here.
#ifndef GONET_RUNTIME_RUNTIME_IMPL_H
#define GONET_RUNTIME_RUNTIME_IMPL_H

#include "runtime_netpoll/runtime2.h"
#include "runtime_netpoll/runtime.h"
#include "runtime_netpoll/panic.h"

// --- the current goroutine (Go: getg) -------------------------------------
// C: a thread-local pointer. Read it again after anything that may switch
// goroutines: a goroutine can resume on another thread (M). For the same
// reason no function that may park reads errno (the compiler may cache its
// thread-local address); syscall wrappers return errors instead.
//
// C: the thread-local is read with one instruction pair in inline assembly,
// never through a cached address: `volatile` keeps the compiler from
// reusing a value read before a switch, and the initial-exec model makes
// the offset the same on every thread.
extern _Thread_local runtime_g *runtime_tls_g __attribute__((tls_model("initial-exec")));

static inline __attribute__((always_inline)) runtime_g *
runtime_getg(void)
{
	runtime_g *gp;

	__asm__ volatile("movq runtime_tls_g@gottpoff(%%rip), %0\n\t"
			 "movq %%fs:(%0), %0"
			 : "=r"(gp));
	return gp;
}

// --- context switch (asm_amd64.S) -----------------------------------------
// Saves the current context in *save and resumes *to.
void runtime_gogo(runtime_gobuf *save, runtime_gobuf *to);
// The bottom frame of a goroutine; it calls runtime_goentry (proc.c).
void runtime_gostart(void);
__attribute__((noreturn)) void runtime_goentry(void);
void runtime_systemstack_switch(void (*fn)(void *), void *arg, uintptr_t sp);
void runtime_procyield(uint32_t cycles);

// --- locks and notes (lock_futex.c) ----------------------------------------
void runtime_lock(runtime_mutex *l);
void runtime_unlock(runtime_mutex *l);
// Two values of the lock word (lock_futex.c has the rest): free, and taken
// with one P by runtime_lockChan (chan_impl.h).
enum { runtime_mutexUnlocked = 0, runtime_mutexLockedOneP = 3 };
void runtime_noteclear(runtime_note *n);
void runtime_notewakeup(runtime_note *n);
void runtime_notesleep(runtime_note *n);
// Sleeps at most ns nanoseconds (ns < 0: forever); true if woken.
bool runtime_notetsleep(runtime_note *n, int64_t ns);
// Like notetsleep, from a goroutine: the M enters a blocking syscall.
bool runtime_notetsleepg(runtime_note *n, int64_t ns);
void runtime_futexsleep(_Atomic uint32_t *addr, uint32_t val, int64_t ns);
void runtime_futexwakeup(_Atomic uint32_t *addr, uint32_t cnt);

// --- time (Go: runtime nanotime, time.now) ---------------------------------
int64_t runtime_nanotime(void); // CLOCK_MONOTONIC
uint32_t runtime_fastrand(void);
uint32_t runtime_fastrandn(uint32_t n);

// --- goroutines (proc.c) ---------------------------------------------------
// Go: gopark. Puts the current G into waiting with `reason`; on g0, calls
// unlockf(gp, lock) and, if it returns false, makes gp runnable at once.
void runtime_gopark(bool (*unlockf)(runtime_g *, void *), void *lock, runtime_waitReason reason);
// Go: goparkunlock: gopark that unlocks `lock` (a runtime_mutex).
void runtime_goparkunlock(runtime_mutex *lock, runtime_waitReason reason);
// Go: goready. Makes a waiting gp runnable (in the current P's runnext).
void runtime_goready(runtime_g *gp);
// Go: mcall. Switches to g0 and calls fn(gp) there; fn must not return
// to gp (it schedules something else), gp resumes when rescheduled.
void runtime_mcall(void (*fn)(runtime_g *gp));
// Go: systemstack. Runs fn(arg) on this M's own (large) stack.
void runtime_systemstack(void (*fn)(void *), void *arg);
uint32_t runtime_readgstatus(runtime_g *gp);
void runtime_casgstatus(runtime_g *gp, uint32_t oldval, uint32_t newval);
// Go: goyield. Yields, staying on this P's local run queue.
void runtime_goyield(void);
// Go: wakep. Tries to put one more P to work for runnable goroutines.
void runtime_wakep(void);
// Go: injectglist. Makes every G on the list runnable.
void runtime_injectglist(runtime_gList *glist);
// Go: ready (goready's body), used by netpoll and timers as well.
void runtime_ready(runtime_g *gp, bool next);

// entersyscall/exitsyscall bracket a blocking call made from a goroutine so
// that sysmon can hand the P to another M while it blocks.
void runtime_entersyscall(void);
void runtime_entersyscallblock(void);
void runtime_exitsyscall(void);
// C: entersyscall if the caller is a goroutine running on a P (Go's
// Syscall is only called from goroutines; gonet's syscall wrappers also
// serve threads outside go_main). Returns whether it did, for the
// matching exitsyscall.
bool runtime_entersyscallOnG(void);
// C: wakes sysmon if it has slept in sysmonwait for a full tick while a P
// runs goroutines (findRunnable calls it; Go's entersyscall would). now:
// the time if the caller has it, else 0.
void runtime_sysmonWakeBusy(int64_t now);

// Go: runqput/runqget/runqgrab/runqsteal/runqempty, globrunqput/get.
void runtime_runqput(runtime_p *pp, runtime_g *gp, bool next);
runtime_g *runtime_runqget(runtime_p *pp, bool *inheritTime);
bool runtime_runqempty(runtime_p *pp);
uint32_t runtime_runqgrab(runtime_p *pp, _Atomic(runtime_g *) *batch, uint32_t batchHead,
			  bool stealRunNextG);
runtime_g *runtime_runqsteal(runtime_p *pp, runtime_p *p2, bool stealRunNextG);
void runtime_globrunqput(runtime_g *gp);
runtime_g *runtime_globrunqget(runtime_p *pp, int32_t max);

void runtime_gList_push(runtime_gList *l, runtime_g *gp);
runtime_g *runtime_gList_pop(runtime_gList *l);
bool runtime_gList_empty(const runtime_gList *l);
void runtime_gQueue_pushBack(runtime_gQueue *q, runtime_g *gp);
runtime_g *runtime_gQueue_pop(runtime_gQueue *q);

// sudogs (Go: proc.go acquireSudog/releaseSudog).
runtime_sudog *runtime_acquireSudog(void);
void runtime_releaseSudog(runtime_sudog *s);

// --- stacks (stack.c) ------------------------------------------------------
extern size_t runtime_stackSize; // GONET_STACK, default 64 KiB; constant after schedinit
// A stack of runtime_stackSize bytes above a PROT_NONE guard page.
runtime_stack runtime_stackalloc(void);
void runtime_stackfree(runtime_stack stk);
// Tests: at most n stacks get a guard page (the rest use canaries).
void runtime_setGuardedStacksMax(int64_t n);
// Throws "stack overflow" if gp, switching away with its stack pointer at
// sp, has overrun its unguarded stack (sp below lo, or the canary gone).
void runtime_stackcheck(runtime_g *gp, uintptr_t sp);
void runtime_stackinit(void);
// Installs the alternate signal stack of the current M (stack overflow).
void runtime_minitSignalStack(runtime_m *mp);
void runtime_unminitSignalStack(runtime_m *mp);

// --- timers (time.c, Go: runtime/time.go) ----------------------------------
void runtime_addtimer(runtime_timer *t);
bool runtime_deltimer(runtime_timer *t);
bool runtime_modtimer(runtime_timer *t, int64_t when, int64_t period, void (*f)(void *, uintptr_t),
		      void *arg, uintptr_t seq);
bool runtime_resettimer(runtime_timer *t, int64_t when);
// Go: proc.go checkTimers. Runs due timers of pp; *rnow is the time used,
// *pollUntil the next timer's when (0: none), *ran whether any ran.
void runtime_checkTimersSlow(runtime_p *pp, int64_t now, int64_t *rnow, int64_t *pollUntil,
			     bool *ran);
// C: checkTimers' first test, "pp has no timers at all", which is what
// nearly every call from findRunnable finds, is inline; the rest (the same
// test again, then Go's whole function) is runtime_checkTimersSlow, in
// time.c. It saves a call that spills registers each time a P looks for
// work (about a twentieth of an unbuffered channel's hand-off).
static inline void
runtime_checkTimers(runtime_p *pp, int64_t now, int64_t *rnow, int64_t *pollUntil, bool *ran)
{
	if (atomic_load(&pp->timer0When) == 0 && atomic_load(&pp->timerModifiedEarliest) == 0) {
		*rnow = now;
		*pollUntil = 0;
		*ran = false;
		return;
	}
	runtime_checkTimersSlow(pp, now, rnow, pollUntil, ran);
}
// Go: time.go nobarrierWakeTime: when pp's next timer is due (0: none).
int64_t runtime_nobarrierWakeTime(runtime_p *pp);
// Go: time.go timeSleepUntil: the earliest timer of all Ps (max int64: none).
int64_t runtime_timeSleepUntil(void);
// Go: proc.go wakeNetPoller: makes sure someone notices a timer due at when.
void runtime_wakeNetPoller(int64_t when);
// C: no moveTimers: the number of Ps is fixed once go_main starts, so no P
// is ever destroyed with timers on it.
// Go: time.go timeSleep (time.Sleep), startTimer, stopTimer, resetTimer,
// modTimer: what package time calls (time/sleep.c).
void runtime_timeSleep(int64_t ns);
void runtime_startTimer(runtime_timer *t);
bool runtime_stopTimer(runtime_timer *t);
bool runtime_resetTimer(runtime_timer *t, int64_t when);
void runtime_modTimer(runtime_timer *t, int64_t when, int64_t period, void (*f)(void *, uintptr_t),
		      void *arg, uintptr_t seq);
// C: takes t out of any P's heap (stopping it if active) so that its owner
// may free it: a stopped Go timer lingers in its heap until the GC-free
// cleanup of its P. t must not be reset concurrently.
void runtime_cleartimer(runtime_timer *t);
// C: Go's (*p).destroy, timer part: frees pp's heap array when the runtime
// stops; timers still on it are marked removed and left to their owners.
// Call before freeing the Gs (g.timer of a sleeping G may be on a heap).
void runtime_destroyTimers(runtime_p *pp);

// --- semaphores (sema.c, Go: runtime/sema.go) ------------------------------
void runtime_semacquire(_Atomic uint32_t *addr);
void runtime_semrelease(_Atomic uint32_t *addr);
// What package sync calls (Go: sync.runtime_Semacquire ...; the C symbol is
// the runtime's name, as for poll_runtime_pollOpen). skipframes is kept for
// Go's signature; gonet has no profiles to skip frames in.
void sync_runtime_Semacquire(_Atomic uint32_t *addr);
void sync_runtime_SemacquireMutex(_Atomic uint32_t *addr, bool lifo, int skipframes);
void sync_runtime_Semrelease(_Atomic uint32_t *addr, bool handoff, int skipframes);
// What internal/poll calls (Go: poll.runtime_Semacquire/Semrelease).
void poll_runtime_Semacquire(_Atomic uint32_t *addr);
void poll_runtime_Semrelease(_Atomic uint32_t *addr);
// Go: export_test.go SemNwait: the waiters in addr's semaRoot (tests).
uint32_t runtime_SemNwait(_Atomic uint32_t *addr);
// Go: proc.go sync_runtime_canSpin / sync_runtime_doSpin (sync.Mutex).
bool sync_runtime_canSpin(int i);
void sync_runtime_doSpin(void);
// Go: sema.go notifyList* (sync.Cond). The list is sync.h's sync_notifyList.
typedef struct sync_notifyList sync_notifyList;
uint32_t runtime_notifyListAdd(sync_notifyList *l);
void runtime_notifyListWait(sync_notifyList *l, uint32_t t);
void runtime_notifyListNotifyAll(sync_notifyList *l);
void runtime_notifyListNotifyOne(sync_notifyList *l);

// --- the poller contract (netpoll.c / netpoll_epoll.c) ---------------------
// Go: netpollGenericInit / netpollinited / netpoll / netpollBreak.
void runtime_netpollGenericInit(void);
bool runtime_netpollinited(void);
// Polls for ready descriptors, blocking at most delay ns (< 0: forever,
// 0: not at all). Returns the goroutines made runnable.
runtime_gList runtime_netpoll(int64_t delay);
void runtime_netpollBreak(void);
// Goroutines parked on descriptors; findrunnable polls only when nonzero.
extern _Atomic uint32_t runtime_netpollWaiters;

// Ms and Ps (proc_m.c).
void runtime_acquirep(runtime_p *pp);
runtime_p *runtime_releasep(void);
int64_t runtime_pidleput(runtime_p *pp, int64_t now); // sched.lock held
runtime_p *runtime_pidleget(int64_t now);             // sched.lock held
void runtime_startm(runtime_p *pp, bool spinning);
void runtime_stopm(void);
void runtime_handoffp(runtime_p *pp);
int32_t runtime_mcount(void);
// True once the main goroutine has returned and go_main collects the Ms.
bool runtime_sched_exiting(void);
// How many times go_main has started (per-run state, os/signal).
int64_t runtime_goMainEpoch(void);
void runtime_globrunqputbatch(runtime_gQueue *batch, int32_t n);
void runtime_runqputbatch(runtime_p *pp, runtime_gQueue *q, int32_t qsize);
// Go: execute. Runs gp on this M until it switches back to g0.
void runtime_execute(runtime_g *gp, bool inheritTime);
// Shared by proc.c, proc_m.c and proc_syscall.c.
void runtime_setg(runtime_g *gp);
bool runtime_schedule(void); // false: the runtime is shutting down
runtime_g *runtime_newprocMain(runtime_p *pp, void (*fn)(void *), void *arg);
void runtime_freeAllGs(void);
void runtime_freeSudogCache(void);
void runtime_sysmon(void);
// Installs the goroutine dump for fatal errors and SIGQUIT (traceback.c).
void runtime_initTraceback(void);
// Closes the poller's descriptors (go_main's teardown).
void runtime_netpollFree(void);

// --- the scheduler's state --------------------------------------------------
runtime_m *runtime_allm(void);
runtime_g *runtime_allgs(void); // walk with g->alllink under allglock
void runtime_stampWaitsince(int64_t now);
extern runtime_mutex runtime_allglock;
// Go: checkdead. Throws when every goroutine is asleep forever.
void runtime_checkdead(void);
int64_t runtime_gcount(void);

// Race detector annotations for synchronisation TSan cannot see (futexes,
// hand-offs between goroutines). No-ops unless built with TSAN.
#include "runtime_netpoll/sanitizers.h"
#ifdef GONET_TSAN
void runtime_raceacquire(void *addr);
void runtime_racerelease(void *addr);
void runtime_racereleasemerge(void *addr);
#else
// Go: runtime/race0.go: no-ops without the race detector.
#define runtime_raceacquire(addr)      ((void)(addr))
#define runtime_racerelease(addr)      ((void)(addr))
#define runtime_racereleasemerge(addr) ((void)(addr))
#endif

#endif

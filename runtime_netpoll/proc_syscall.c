// C port of go1.19 src/runtime/proc.go, part 4: blocking system calls
// (entersyscall, entersyscallblock, exitsyscall) and sysmon, the thread
// that retakes Ps from Ms stuck in them and polls the network when nobody
// has for 10 ms.
//
// C: gonet's preemption is cooperative, so sysmon cannot stop a running
// goroutine; preemptone only ends its time slice at the next scheduling
// point (a goroutine that never blocks or yields keeps its P).
#include "runtime_netpoll/runtime_impl.h"

#include <unistd.h>

/* Go: runtime/proc.go entersyscall_sysmon */
static void
entersyscall_sysmon(void)
{
	runtime_lock(&runtime_sched.lock);
	if (atomic_load(&runtime_sched.sysmonwait) != 0) {
		atomic_store(&runtime_sched.sysmonwait, 0);
		runtime_notewakeup(&runtime_sched.sysmonnote);
	}
	runtime_unlock(&runtime_sched.lock);
}

/* Go: runtime/proc.go reentersyscall / entersyscall */
// The goroutine is about to block in a system call: it keeps its P only
// loosely (status _Psyscall), so sysmon can hand the P to another M.
void
runtime_entersyscall(void)
{
	runtime_g *gp = runtime_getg();
	runtime_m *mp = gp->m;
	runtime_p *pp;

	mp->locks++;
	runtime_casgstatus(gp, runtime_Grunning, runtime_Gsyscall);
	if (atomic_load(&runtime_sched.sysmonwait) != 0)
		entersyscall_sysmon();
	pp = mp->p;
	mp->syscalltick = atomic_load(&pp->syscalltick);
	pp->m = NULL;
	mp->oldp = pp;
	mp->p = NULL;
	atomic_store(&pp->status, runtime_Psyscall);
	mp->locks--;
}

/* C: no Go twin */
bool
runtime_entersyscallOnG(void)
{
	runtime_g *gp = runtime_getg();

	if (gp == NULL || gp->m == NULL || gp == gp->m->g0 || gp->m->p == NULL || gp->m->locks != 0)
		return false;
	runtime_entersyscall();
	return true;
}

/* Go: runtime/proc.go entersyscallblock */
// For a call known to block: the P is handed off at once.
void
runtime_entersyscallblock(void)
{
	runtime_g *gp = runtime_getg();
	runtime_m *mp = gp->m;

	mp->locks++;
	mp->syscalltick = atomic_load(&mp->p->syscalltick);
	atomic_fetch_add(&mp->p->syscalltick, 1);
	runtime_casgstatus(gp, runtime_Grunning, runtime_Gsyscall);
	runtime_handoffp(runtime_releasep()); // Go: entersyscallblock_handoff
	mp->locks--;
}

/* Go: runtime/proc.go exitsyscallfast_reacquired */
static void
exitsyscallfast_reacquired(void)
{
	runtime_m *mp = runtime_getg()->m;

	// The P was retaken and entered a syscall again in between: make
	// sysmon see a new syscall.
	if (mp->syscalltick != atomic_load(&mp->p->syscalltick))
		atomic_fetch_add(&mp->p->syscalltick, 1);
}

/* Go: runtime/proc.go exitsyscallfast_pidle */
static bool
exitsyscallfast_pidle(void)
{
	runtime_p *pp;

	runtime_lock(&runtime_sched.lock);
	pp = runtime_pidleget(0);
	if (pp != NULL && atomic_load(&runtime_sched.sysmonwait) != 0) {
		atomic_store(&runtime_sched.sysmonwait, 0);
		runtime_notewakeup(&runtime_sched.sysmonnote);
	}
	runtime_unlock(&runtime_sched.lock);
	if (pp != NULL) {
		runtime_acquirep(pp);
		return true;
	}
	return false;
}

/* Go: runtime/proc.go exitsyscallfast */
static bool
exitsyscallfast(runtime_p *oldp)
{
	uint32_t want = runtime_Psyscall;

	// Take back the old P if sysmon did not.
	if (oldp != NULL && atomic_load(&oldp->status) == runtime_Psyscall &&
	    atomic_compare_exchange_strong(&oldp->status, &want, runtime_Pidle)) {
		runtime_acquirep(oldp); // Go: wirep
		exitsyscallfast_reacquired();
		return true;
	}
	// Else any idle P.
	if (runtime_sched.pidle != NULL && exitsyscallfast_pidle())
		return true;
	return false;
}

/* Go: runtime/proc.go exitsyscall0 */
// On g0: no P was free, so gp waits in the global queue and the M stops.
static void
exitsyscall0(runtime_g *gp)
{
	runtime_m *mp = runtime_getg()->m;
	runtime_p *pp;

	runtime_casgstatus(gp, runtime_Gsyscall, runtime_Grunnable);
	mp->curg = NULL; // Go: dropg
	gp->m = NULL;
	runtime_lock(&runtime_sched.lock);
	pp = runtime_pidleget(0);
	if (pp == NULL) {
		runtime_globrunqput(gp);
	} else if (atomic_load(&runtime_sched.sysmonwait) != 0) {
		atomic_store(&runtime_sched.sysmonwait, 0);
		runtime_notewakeup(&runtime_sched.sysmonnote);
	}
	runtime_unlock(&runtime_sched.lock);
	if (pp != NULL) {
		runtime_acquirep(pp);
		runtime_execute(gp, false);
		return;
	}
	runtime_stopm();
	// C: back to mstart1's loop, which calls schedule().
}

/* Go: runtime/proc.go exitsyscall */
void
runtime_exitsyscall(void)
{
	runtime_g *gp = runtime_getg();
	runtime_m *mp = gp->m;
	runtime_p *oldp = mp->oldp;

	mp->locks++;
	atomic_store_explicit(&gp->waitsince, 0, memory_order_relaxed);
	mp->oldp = NULL;
	if (exitsyscallfast(oldp)) {
		atomic_fetch_add(&mp->p->syscalltick, 1);
		runtime_casgstatus(gp, runtime_Gsyscall, runtime_Grunning);
		mp->locks--;
		return;
	}
	mp->locks--;
	runtime_mcall(exitsyscall0);
	// Back, maybe on another M, with a P.
	gp = runtime_getg();
	atomic_fetch_add(&gp->m->p->syscalltick, 1);
}

enum { forcePreemptNS = 10 * 1000 * 1000 }; // 10 ms

// How often sysmon stamps waiting goroutines (runtime_stampWaitsince): the
// dump counts whole minutes, and an idle sysmon sleeps up to a minute.
static const int64_t stampWaitsincePeriod = 10LL * 1000 * 1000 * 1000;

/* Go: runtime/proc.go preemptone */
// C: preemption is cooperative. Go would stop the running G at its next
// safe point; here the P's next scheduling point ends the time slice: the
// G in runnext, which would inherit the slice, goes to the back of the run
// queue instead (findRunnable).
static void
preemptone(runtime_p *pp)
{
	atomic_store(&pp->preempt, true);
}

/* Go: runtime/proc.go incidlelocked */
// C: sysmon calls it around handing work to Ps (Go's locked Ms call it too;
// gonet has none).
static void
incidlelocked(int32_t v)
{
	runtime_lock(&runtime_sched.lock);
	runtime_sched.nmidlelocked += v;
	if (v > 0)
		runtime_checkdead();
	runtime_unlock(&runtime_sched.lock);
}

/* Go: runtime/proc.go retake */
// Takes Ps from Ms that have been in a system call for a sysmon tick.
static uint32_t
retake(int64_t now)
{
	uint32_t n = 0;

	for (int32_t i = 0; i < runtime_gomaxprocs; i++) {
		runtime_p *pp = runtime_allp[i];
		uint32_t s = atomic_load(&pp->status);
		uint32_t t;

		bool sysretake = false;
		if (s == runtime_Prunning || s == runtime_Psyscall) {
			// A time slice that ran for 10 ms is cut (Go: preemptone).
			t = atomic_load_explicit(&pp->schedtick, memory_order_relaxed);
			if (pp->sysmontick_schedtick != t) {
				pp->sysmontick_schedtick = t;
				pp->sysmontick_schedwhen = now;
			} else if (pp->sysmontick_schedwhen + forcePreemptNS <= now) {
				preemptone(pp);
				// A syscall that long loses its P as well.
				sysretake = true;
			}
		}
		if (s != runtime_Psyscall)
			continue;
		t = atomic_load(&pp->syscalltick);
		if (!sysretake && pp->sysmontick_syscalltick != t) {
			pp->sysmontick_syscalltick = t;
			pp->sysmontick_syscallwhen = now;
			continue;
		}
		// Leave it if there is nothing else to do, for up to 10 ms.
		if (runtime_runqempty(pp) &&
		    atomic_load(&runtime_sched.nmspinning) + atomic_load(&runtime_sched.npidle) >
			    0 &&
		    pp->sysmontick_syscallwhen + 10 * 1000 * 1000 > now)
			continue;
		// Count sysmon as running until the P is handed on: else the M
		// in the syscall may return meanwhile, find no P, go idle and
		// find every M idle with its goroutine runnable (checkdead).
		incidlelocked(-1);
		if (atomic_compare_exchange_strong(&pp->status, &s, runtime_Pidle)) {
			n++;
			atomic_fetch_add(&pp->syscalltick, 1);
			runtime_handoffp(pp);
		}
		incidlelocked(1);
	}
	return n;
}

// How sysmonIdle's sleep ended.
enum { sysmonSlept, sysmonWokeSyscall, sysmonWokeBusy };

// sysmon's idle sleep: everything is idle, so wait for the next timer or
// for a goroutine leaving a syscall (sysmonnote). C: or for a busy P
// (runtime_sysmonWakeBusy).
static int
sysmonIdle(int64_t now)
{
	int woke = sysmonSlept;
	int64_t next;

	runtime_lock(&runtime_sched.lock);
	if (atomic_load(&runtime_sched.npidle) == runtime_gomaxprocs && !runtime_sched_exiting()) {
		next = runtime_timeSleepUntil();
		if (next > now) {
			int64_t sleep = 60LL * 1000 * 1000 * 1000; // Go: forcegcperiod/2
			atomic_store(&runtime_sched.sysmonSleepSince, now);
			atomic_store(&runtime_sched.sysmonwait, 1);
			runtime_unlock(&runtime_sched.lock);
			if (next - now < sleep)
				sleep = next - now;
			if (runtime_notetsleep(&runtime_sched.sysmonnote, sleep))
				woke = sysmonWokeSyscall;
			runtime_lock(&runtime_sched.lock);
			atomic_store(&runtime_sched.sysmonwait, 0);
			runtime_noteclear(&runtime_sched.sysmonnote);
			if (runtime_sched.sysmonWokenBusy) {
				runtime_sched.sysmonWokenBusy = false;
				woke = sysmonWokeBusy;
			}
		}
	}
	runtime_unlock(&runtime_sched.lock);
	return woke;
}

/* C: no Go twin */
// Go's sysmon, asleep because every P was idle, is woken by the first system
// call of the busy stretch that follows (entersyscall). gonet's socket reads
// and writes skip entersyscall (syscall_linux.c), so a P that the poller put
// back to work would run on with sysmon asleep for up to a minute: no time
// slice cut at 10 ms, no look at the network for a P that never runs dry
// (TestPingPongHogAfterPollerWake, TestNetpollUnderHogsAfterPollerWake).
// findRunnable calls this instead, each round while sysmon sleeps (a clock
// read), and sysmon is woken once it has slept a full tick (10 ms, its
// longest): at most a hundred wakes a second however often the P runs dry
// between messages, where waking it at each return from the poller, as
// entersyscall does for Go, would be once per message. And sysmon wakes to its
// longest tick, not to the 20 µs ticks a blocking system call needs: what it is
// woken for here is 10 ms work, and a P busy but for short idle moments would
// otherwise have it tick every 20 µs until it caught one.
void
runtime_sysmonWakeBusy(int64_t now)
{
	if (now == 0)
		now = runtime_nanotime();
	if (now - atomic_load(&runtime_sched.sysmonSleepSince) < 10 * 1000 * 1000)
		return;
	runtime_lock(&runtime_sched.lock);
	if (atomic_load(&runtime_sched.sysmonwait) != 0) {
		atomic_store(&runtime_sched.sysmonwait, 0);
		runtime_sched.sysmonWokenBusy = true;
		runtime_notewakeup(&runtime_sched.sysmonnote);
	}
	runtime_unlock(&runtime_sched.lock);
}

/* Go: runtime/proc.go sysmon */
void
runtime_sysmon(void)
{
	uint32_t idle = 0, delay = 0; // cycles in a row with nothing done; µs
	int64_t now, lastpoll, lastStamp = 0;

	runtime_lock(&runtime_sched.lock);
	runtime_sched.nmsys++;
	runtime_checkdead();
	runtime_unlock(&runtime_sched.lock);
	lastStamp = runtime_nanotime();
	while (!runtime_sched_exiting()) {
		if (idle == 0)
			delay = 20; // 20 µs at first ...
		else if (idle > 50)
			delay *= 2; // ... doubling after 1 ms ...
		if (delay > 10 * 1000)
			delay = 10 * 1000; // ... up to 10 ms
		usleep(delay);
		now = runtime_nanotime();
		if (atomic_load(&runtime_sched.npidle) == runtime_gomaxprocs) {
			switch (sysmonIdle(now)) {
			case sysmonWokeSyscall:
				idle = 0;
				delay = 20;
				break;
			case sysmonWokeBusy: // C: see runtime_sysmonWakeBusy
				idle = 51;
				delay = 10 * 1000;
				break;
			}
		}
		now = runtime_nanotime();
		// Poll the network if nobody has for 10 ms.
		lastpoll = atomic_load(&runtime_sched.lastpoll);
		if (runtime_netpollinited() && lastpoll != 0 && lastpoll + 10 * 1000 * 1000 < now) {
			runtime_gList list;
			atomic_compare_exchange_strong(&runtime_sched.lastpoll, &lastpoll, now);
			list = runtime_netpoll(0);
			if (!runtime_gList_empty(&list)) {
				// As in retake: running until the Ms are started.
				incidlelocked(-1);
				runtime_injectglist(&list);
				incidlelocked(1);
			}
		}
		// C: Go's GC stamps waiting goroutines for the dump; gonet has none.
		if (now - lastStamp >= stampWaitsincePeriod) {
			runtime_stampWaitsince(now);
			lastStamp = now;
		}
		// C: Go does this only on NetBSD; here it also covers timers of a P
		// whose M is busy in a long cooperative stretch.
		if (runtime_timeSleepUntil() < now)
			runtime_startm(NULL, false);
		if (retake(now) != 0)
			idle = 0;
		else
			idle++;
	}
}

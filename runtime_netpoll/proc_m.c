// C port of go1.19 src/runtime/proc.go, part 3: Ms (threads) and Ps
// (processors): schedinit, newm, mstart, startm, stopm, handoffp,
// acquirep, releasep, the idle lists, and go_main, which plays the part of
// Go's rt0_go + runtime.main + exit.
#include "runtime_netpoll/runtime_impl.h"
#include "runtime_netpoll/netpoll.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/sanitizers.h"
#ifdef GONET_TSAN
#include <sanitizer/tsan_interface.h>
#endif

static runtime_m *allm;            // every M, guarded by sched.lock
static runtime_m *m0;              // the thread that called go_main
static int32_t gomaxprocsOverride; // runtime_GOMAXPROCS before go_main; set by the caller's thread
static _Atomic bool running;       // go_main is running
static _Atomic bool exiting;       // the main goroutine returned; Ms are leaving
static _Atomic int64_t epoch;      // how many times go_main has started

int64_t
runtime_goMainEpoch(void)
{
	return atomic_load(&epoch);
}

bool
runtime_sched_exiting(void)
{
	return atomic_load_explicit(&exiting, memory_order_acquire);
}

runtime_m *
runtime_allm(void)
{
	return allm;
}

/* Go: runtime/proc.go mcount */
int32_t
runtime_mcount(void)
{
	return (int32_t)runtime_sched.mnext;
}

/* Go: runtime/os_linux.go getproccount */
int
runtime_NumCPU(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1; // GCOVR_EXCL_LINE: cannot fail for the calling thread
	return CPU_COUNT(&set) > 0 ? CPU_COUNT(&set) : 1;
}

// The P count the next go_main starts with: runtime_GOMAXPROCS's setting,
// else $GOMAXPROCS, else the CPU count (Go: schedinit).
static int32_t
gomaxprocsNext(void)
{
	const char *s = getenv("GOMAXPROCS");

	if (gomaxprocsOverride > 0)
		return gomaxprocsOverride;
	return s != NULL && atoi(s) > 0 ? atoi(s) : runtime_NumCPU();
}

/* Go: runtime/debug.go GOMAXPROCS */
int
runtime_GOMAXPROCS(int n)
{
	int ret = atomic_load(&running) ? runtime_gomaxprocs : gomaxprocsNext();

	if (n > 0 && !atomic_load(&running))
		gomaxprocsOverride = n;
	return ret;
}

/* Go: runtime/proc.go wirep / acquirep */
void
runtime_acquirep(runtime_p *pp)
{
	runtime_m *mp = runtime_getg()->m;

	if (mp->p != NULL)
		runtime_throw("wirep: already in go");
	if (pp->m != NULL || atomic_load(&pp->status) != runtime_Pidle)
		runtime_throw("wirep: invalid p state");
	mp->p = pp;
	pp->m = mp;
	atomic_store(&pp->status, runtime_Prunning);
}

/* Go: runtime/proc.go releasep */
runtime_p *
runtime_releasep(void)
{
	runtime_m *mp = runtime_getg()->m;
	runtime_p *pp = mp->p;

	if (pp == NULL)
		runtime_throw("releasep: invalid arg");
	if (pp->m != mp || atomic_load(&pp->status) != runtime_Prunning)
		runtime_throw("releasep: invalid p state");
	mp->p = NULL;
	pp->m = NULL;
	atomic_store(&pp->status, runtime_Pidle);
	return pp;
}

/* Go: runtime/proc.go pidleput */
// Called with sched.lock held. C: Go reads the clock here when now is 0,
// for the GC CPU limiter's idle event; gonet has no GC and no limiter, and
// no caller uses the time returned, so now comes back as given. That is
// one clock read less each time a P goes idle: with one P and messages
// coming one at a time, once per message.
int64_t
runtime_pidleput(runtime_p *pp, int64_t now)
{
	if (!runtime_runqempty(pp))
		runtime_throw("pidleput: P has non-empty run queue");
	pp->link = runtime_sched.pidle;
	runtime_sched.pidle = pp;
	atomic_fetch_add(&runtime_sched.npidle, 1);
	return now;
}

/* Go: runtime/proc.go pidleget */
// Called with sched.lock held.
runtime_p *
runtime_pidleget(int64_t now)
{
	runtime_p *pp = runtime_sched.pidle;

	(void)now;
	if (pp != NULL) {
		runtime_sched.pidle = pp->link;
		atomic_fetch_sub(&runtime_sched.npidle, 1);
	}
	return pp;
}

/* Go: runtime/proc.go mput */
// Called with sched.lock held.
static void
mput(runtime_m *mp)
{
	mp->schedlink = runtime_sched.midle;
	runtime_sched.midle = mp;
	runtime_sched.nmidle++;
	runtime_checkdead();
}

/* Go: runtime/proc.go mget */
// Called with sched.lock held.
static runtime_m *
mget(void)
{
	runtime_m *mp = runtime_sched.midle;

	if (mp != NULL) {
		runtime_sched.midle = mp->schedlink;
		runtime_sched.nmidle--;
	}
	return mp;
}

// The scheduler loop every M runs on its g0 (Go: mstart1 → schedule).
// C: this loop is where an mcall lands; see proc.c.
static void
schedloop(runtime_m *mp)
{
	for (;;) {
		while (mp->mcallfn != NULL) {
			void (*fn)(runtime_g *) = mp->mcallfn;
			runtime_g *gp = mp->mcallg;
			mp->mcallfn = NULL;
			mp->mcallg = NULL;
			fn(gp);
		}
		if (!runtime_schedule())
			return;
	}
}

// Records the bounds of the current thread's stack as g0's.
static void
g0stackinit(runtime_g *g0)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;

	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		runtime_throw("pthread_getattr_np failed"); // GCOVR_EXCL_LINE: own thread
	pthread_attr_getstack(&attr, &addr, &size);
	pthread_attr_destroy(&attr);
	g0->stack.lo = (uintptr_t)addr;
	g0->stack.hi = (uintptr_t)addr + size;
#ifdef GONET_TSAN
	g0->tsanFiber = __tsan_get_current_fiber();
#endif
}

/* Go: runtime/proc.go allocm / mcommoninit */
// Called with sched.lock held.
static runtime_m *
allocm(runtime_p *pp)
{
	runtime_m *mp = runtime_newobject(sizeof(*mp));

	mp->g0 = runtime_newobject(sizeof(*mp->g0));
	mp->g0->m = mp;
	mp->nextp = pp;
	mp->id = runtime_sched.mnext++;
	if (runtime_sched.mnext > runtime_sched.maxmcount)
		runtime_throw("thread exhaustion");
	mp->alllink = allm;
	allm = mp;
	return mp;
}

/* Go: runtime/proc.go mstart / mstart1 / mexit */
static void *
mstart(void *arg)
{
	runtime_m *mp = arg;

	runtime_setg(mp->g0);
	g0stackinit(mp->g0);
	runtime_minitSignalStack(mp);
	// Go: minitSignalMask. The thread started with every signal blocked;
	// now it takes the mask of the thread that made it.
	pthread_sigmask(SIG_SETMASK, &mp->sigmask, NULL);
	if (mp->isSysmon) {
		runtime_sysmon();
	} else {
		// C: Go's mspinning mstartfn is startm's nmp->spinning = true.
		runtime_acquirep(mp->nextp);
		mp->nextp = NULL;
		schedloop(mp);
	}
	runtime_unminitSignalStack(mp);
	runtime_setg(NULL);
	return NULL;
}

/* Go: runtime/proc.go newm / newm1 / newosproc */
static void
newm(runtime_m *mp)
{
	pthread_attr_t attr;
	pthread_t t;
	sigset_t all, old;

	pthread_attr_init(&attr);
	// The new thread starts with every signal blocked, as Go's newosproc,
	// then takes the process's mask for normal signals.
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	mp->sigmask = old;
	if (pthread_create(&t, &attr, mstart, mp) != 0)
		runtime_throw("newosproc: pthread_create failed");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	runtime_lock(&runtime_sched.lock);
	mp->pthread = (uint64_t)t;
	runtime_unlock(&runtime_sched.lock);
}

/* Go: runtime/proc.go startm */
// Runs some M with pp (an idle P if nil), creating one if none is idle.
void
runtime_startm(runtime_p *pp, bool spinning)
{
	runtime_m *nmp;

	runtime_lock(&runtime_sched.lock);
	if (pp == NULL) {
		pp = runtime_pidleget(0);
		if (pp == NULL) {
			runtime_unlock(&runtime_sched.lock);
			if (spinning && atomic_fetch_sub(&runtime_sched.nmspinning, 1) - 1 < 0)
				runtime_throw("startm: negative nmspinning");
			return;
		}
	}
	nmp = mget();
	if (nmp == NULL) {
		nmp = allocm(pp);
		nmp->spinning = spinning;
		runtime_unlock(&runtime_sched.lock);
		newm(nmp);
		return;
	}
	runtime_unlock(&runtime_sched.lock);
	if (nmp->spinning)
		runtime_throw("startm: m is spinning");
	if (nmp->nextp != NULL)
		runtime_throw("startm: m has p");
	if (spinning && !runtime_runqempty(pp))
		runtime_throw("startm: p has runnable gs");
	nmp->spinning = spinning;
	nmp->nextp = pp;
	runtime_notewakeup(&nmp->park);
}

/* Go: runtime/proc.go stopm / mPark */
// Parks the current M (with no P) until startm hands it one.
void
runtime_stopm(void)
{
	runtime_m *mp = runtime_getg()->m;

	if (mp->locks != 0)
		runtime_throw("stopm holding locks");
	if (mp->p != NULL)
		runtime_throw("stopm holding p");
	if (mp->spinning)
		runtime_throw("stopm spinning");
	runtime_lock(&runtime_sched.lock);
	if (runtime_sched_exiting()) { // C: go_main is collecting the Ms
		runtime_unlock(&runtime_sched.lock);
		return;
	}
	mput(mp);
	runtime_unlock(&runtime_sched.lock);
	runtime_notesleep(&mp->park);
	runtime_noteclear(&mp->park);
	if (mp->nextp == NULL && runtime_sched_exiting())
		return;
	runtime_acquirep(mp->nextp);
	mp->nextp = NULL;
}

/* Go: runtime/proc.go handoffp */
// Hands off pp from a syscall or a stopping M: to an M if there is work,
// otherwise onto the idle list.
void
runtime_handoffp(runtime_p *pp)
{
	int32_t zero = 0;
	int64_t when;

	if (!runtime_runqempty(pp) || runtime_sched.runqsize != 0) {
		runtime_startm(pp, false);
		return;
	}
	// No local work: be a spinning M if nobody spins or idles.
	if (atomic_load(&runtime_sched.nmspinning) + atomic_load(&runtime_sched.npidle) == 0 &&
	    atomic_compare_exchange_strong(&runtime_sched.nmspinning, &zero, 1)) {
		runtime_startm(pp, true);
		return;
	}
	runtime_lock(&runtime_sched.lock);
	if (runtime_sched.runqsize != 0) {
		runtime_unlock(&runtime_sched.lock);
		runtime_startm(pp, false);
		return;
	}
	// The last P going idle: somebody must keep polling the network.
	if (atomic_load(&runtime_sched.npidle) == runtime_gomaxprocs - 1 &&
	    atomic_load(&runtime_sched.lastpoll) != 0) {
		runtime_unlock(&runtime_sched.lock);
		runtime_startm(pp, false);
		return;
	}
	when = runtime_nobarrierWakeTime(pp);
	runtime_pidleput(pp, 0);
	runtime_unlock(&runtime_sched.lock);
	if (when != 0)
		runtime_wakeNetPoller(when);
}

// C: Go's runtime turns SIGPIPE from a socket write into EPIPE with a
// handler of its own; without one, the default action would kill the
// process. Ignored only if nobody installed a handler.
static void
ignoreSIGPIPE(void)
{
	struct sigaction sa;

	if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL)
		signal(SIGPIPE, SIG_IGN);
}

/* Go: runtime/proc.go schedinit / procresize */
static void
schedinit(void)
{
	int32_t procs = gomaxprocsNext();

	memset(&runtime_sched, 0, sizeof(runtime_sched));
	runtime_sched.maxmcount = 10000;
	runtime_stackinit();
	runtime_initTraceback();
	ignoreSIGPIPE();
	runtime_gomaxprocs = procs;
	runtime_allp = runtime_newobject(sizeof(runtime_p *) * (size_t)procs);
	for (int32_t i = 0; i < procs; i++) {
		runtime_p *pp = runtime_newobject(sizeof(*pp));
		pp->id = i;
		atomic_store(&pp->status, runtime_Pidle);
		runtime_allp[i] = pp;
	}
	for (int32_t i = procs - 1; i > 0; i--)
		runtime_pidleput(runtime_allp[i], 0);
	runtime_netpollGenericInit();
	atomic_store(&runtime_sched.lastpoll, runtime_nanotime());
}

// go_main's state for the main goroutine.
static struct {
	int (*fn)(void *);
	void *arg;
	int ret;
} mainArgs; // written before the main goroutine starts, read by go_main after all Ms stopped

// C: Go's runtime.main ends the process with exit(0). Here the Ms are
// told to leave their scheduler loops, and go_main collects them.
static void
stopTheWorldForExit(void)
{
	runtime_lock(&runtime_sched.lock);
	atomic_store_explicit(&exiting, true, memory_order_release);
	for (runtime_m *mp = runtime_sched.midle; mp != NULL; mp = mp->schedlink)
		runtime_notewakeup(&mp->park);
	runtime_sched.midle = NULL;
	runtime_sched.nmidle = 0;
	// Under the lock, as every other waker of sysmon: two of them must
	// not both see sysmonwait set and wake the note twice.
	if (atomic_exchange(&runtime_sched.sysmonwait, 0) != 0)
		runtime_notewakeup(&runtime_sched.sysmonnote);
	runtime_unlock(&runtime_sched.lock);
	runtime_netpollBreak();
}

/* Go: runtime/proc.go main */
static void
runtimeMain(void *arg)
{
	(void)arg;
	mainArgs.ret = mainArgs.fn(mainArgs.arg);
	stopTheWorldForExit();
}

// Joins every M but m0, then frees the runtime's memory.
static void
teardown(void)
{
	for (;;) {
		runtime_m *mp;
		pthread_t t = 0;
		runtime_lock(&runtime_sched.lock);
		for (mp = allm; mp != NULL && (mp == m0 || mp->joined); mp = mp->alllink)
			;
		if (mp != NULL && mp->pthread != 0) {
			t = (pthread_t)mp->pthread;
			mp->joined = true;
		}
		runtime_unlock(&runtime_sched.lock);
		if (mp == NULL)
			break;
		if (t == 0) { // newm has not stored the thread yet
			sched_yield();
			continue;
		}
		pthread_join(t, NULL);
	}
	// Timers first: a sleeping G's timer is freed with the G.
	for (int32_t i = 0; i < runtime_gomaxprocs; i++)
		runtime_destroyTimers(runtime_allp[i]);
	runtime_freeAllGs();
	runtime_freeSudogCache();
	runtime_netpollFree();
	for (runtime_m *mp = allm, *next; mp != NULL; mp = next) {
		next = mp->alllink;
		free(mp->g0);
		free(mp);
	}
	allm = NULL;
	m0 = NULL;
	for (int32_t i = 0; i < runtime_gomaxprocs; i++)
		free(runtime_allp[i]);
	free(runtime_allp);
	runtime_allp = NULL;
}

int
go_main(int (*fn)(void *), void *arg)
{
	bool no = false;
	runtime_p *pp;
	runtime_m *sysmonm;

	if (!atomic_compare_exchange_strong(&running, &no, true))
		runtime_throw("go_main: the runtime is already running");
	atomic_store(&exiting, false);
	atomic_fetch_add(&epoch, 1);
	schedinit();
	mainArgs.fn = fn;
	mainArgs.arg = arg;
	mainArgs.ret = 0;

	runtime_lock(&runtime_sched.lock);
	m0 = allocm(NULL);
	runtime_unlock(&runtime_sched.lock);
	m0->pthread = 0; // never joined: it is the caller's thread
	runtime_setg(m0->g0);
	g0stackinit(m0->g0);
	runtime_minitSignalStack(m0);
	pp = runtime_allp[0];
	runtime_acquirep(pp);
	runtime_newprocMain(pp, runtimeMain, NULL);

	// sysmon runs on an M of its own, without a P.
	runtime_lock(&runtime_sched.lock);
	sysmonm = allocm(NULL);
	sysmonm->isSysmon = true;
	runtime_unlock(&runtime_sched.lock);
	newm(sysmonm);

	schedloop(m0);

	runtime_unminitSignalStack(m0);
	if (m0->p != NULL)
		runtime_releasep();
	runtime_setg(NULL);
	teardown();
	atomic_store(&running, false);
	return mainArgs.ret;
}

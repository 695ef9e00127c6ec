// C port of go1.19 src/runtime/proc.go, part 1: goroutines (newproc,
// goexit, gopark, goready, Gosched), the context switch around them, and
// the scheduler (schedule, findRunnable, stealWork). Run queues are in
// proc_runq.c, Ms and Ps in proc_m.c, system calls and sysmon in
// proc_syscall.c.
//
// C differs from Go in one structural way: Go's mcall runs fn on a fresh g0
// frame and fn never returns (it calls schedule). Here g0 runs a loop
// (mstart1 in proc_m.c): a goroutine's mcall switches back into that loop,
// which runs fn(gp) and then calls schedule() again. The effect is the same,
// and g0's frames are never abandoned, which keeps ASan and valgrind exact.
#include "runtime_netpoll/runtime_impl.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define nelem(a) (sizeof(a) / sizeof((a)[0]))

#include "runtime_netpoll/sanitizers.h"
#ifdef GONET_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#ifdef GONET_TSAN
#include <sanitizer/tsan_interface.h>
#endif
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define GONET_HAVE_VALGRIND 1
enum { systemstackValgrind = 512 << 10 }; // how much g0 stack fn may use
#endif
#endif

runtime_schedt runtime_sched;
int32_t runtime_gomaxprocs;
runtime_p **runtime_allp;
runtime_mutex runtime_allglock;
static runtime_g *allgs;            // all Gs ever created, guarded by allglock
static runtime_sudog *allsudogs;    // every sudog, guarded by sched.sudoglock
static _Atomic int32_t ngoroutines; // live user goroutines (C: Go derives it from allglen)
// The current G of this thread (Go: the g register); see runtime_getg.
_Thread_local runtime_g *runtime_tls_g __attribute__((tls_model("initial-exec"), used));

/* Go: runtime/asm_amd64.s setg */
__attribute__((noinline)) void
runtime_setg(runtime_g *gp)
{
	runtime_tls_g = gp;
}

/* Go: runtime/asm_amd64.s gogo */
// Switches from `from` to `to`, telling the sanitizers. Returns when
// something switches back to `from`.
static void
gogo(runtime_g *from, runtime_g *to)
{
	if (from->m == NULL || from != from->m->g0)
		runtime_stackcheck(from, (uintptr_t)__builtin_frame_address(0));
#ifdef GONET_ASAN
	__sanitizer_start_switch_fiber(from->dying ? NULL : &from->asanFakeStack,
				       (const void *)to->stack.lo, to->stack.hi - to->stack.lo);
#endif
#ifdef GONET_TSAN
	__tsan_switch_to_fiber(to->tsanFiber, 0);
#endif
	runtime_gogo(&from->sched, &to->sched);
#ifdef GONET_ASAN
	__sanitizer_finish_switch_fiber(from->asanFakeStack, NULL, NULL);
#endif
}

// The first C code on a new goroutine's stack (called by runtime_gostart).
void
runtime_goentry(void)
{
	runtime_g *gp;

#ifdef GONET_ASAN
	__sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
	gp = runtime_getg();
	gp->startfn(gp->startarg);
	runtime_Goexit();
}

/* Go: runtime/stubs.go mcall */
void
runtime_mcall(void (*fn)(runtime_g *))
{
	runtime_g *gp = runtime_getg();
	runtime_m *mp = gp->m;

	if (gp == mp->g0)
		runtime_throw("runtime: mcall called on m->g0 stack");
	mp->mcallfn = fn;
	mp->mcallg = gp;
	runtime_setg(mp->g0);
	gogo(gp, mp->g0);
}

/* Go: runtime/stubs.go systemstack */
// C: runs fn below the g0 frames of the scheduler loop, which are idle
// while a goroutine runs on this M.
void
runtime_systemstack(void (*fn)(void *), void *arg)
{
	runtime_g *gp = runtime_getg();
	runtime_g *g0;

	if (gp == NULL || gp == gp->m->g0) {
		fn(arg);
		return;
	}
	g0 = gp->m->g0;
	gp->m->locks++; // the goroutine must not switch while on g0's stack
#ifdef GONET_ASAN
	void *fake = NULL;
	__sanitizer_start_switch_fiber(&fake, (const void *)g0->stack.lo,
				       g0->stack.hi - g0->stack.lo);
#endif
#ifdef GONET_HAVE_VALGRIND
	// valgrind saw this thread's stack pointer leave for a goroutine stack
	// and holds the g0 frames below its last position as unaddressable.
	if (RUNNING_ON_VALGRIND)
		VALGRIND_MAKE_MEM_UNDEFINED(g0->sched.sp - 256 - systemstackValgrind,
					    systemstackValgrind);
#endif
	runtime_systemstack_switch(fn, arg, g0->sched.sp - 256);
#ifdef GONET_ASAN
	__sanitizer_finish_switch_fiber(fake, NULL, NULL);
#endif
	gp->m->locks--;
}

/* Go: runtime/proc.go readgstatus */
uint32_t
runtime_readgstatus(runtime_g *gp)
{
	return atomic_load(&gp->atomicstatus);
}

/* Go: runtime/proc.go casgstatus */
void
runtime_casgstatus(runtime_g *gp, uint32_t oldval, uint32_t newval)
{
	uint32_t old = oldval;

	if (oldval == newval)
		runtime_throw("casgstatus: bad incoming values");
	// C: no _Gscan bit: no garbage collector scans stacks, so only the
	// goroutine's current owner (itself, its M's g0, or the one waker that
	// won the right to ready it) writes the status. Go's CAS loop becomes
	// a check and a release store: one locked instruction less per
	// transition, three per goroutine switch.
	if (atomic_load_explicit(&gp->atomicstatus, memory_order_relaxed) != old)
		runtime_throw("casgstatus: bad status");
	atomic_store_explicit(&gp->atomicstatus, newval, memory_order_release);
}

/* Go: runtime/stubs.go fastrand */
// wyrand, on the M's state; threads that are not Ms use their own.
uint32_t
runtime_fastrand(void)
{
	static _Thread_local uint64_t seed;
	runtime_g *gp = runtime_getg();
	uint64_t *s = gp != NULL ? &gp->m->fastrand : &seed;
	__uint128_t prod;

	if (*s == 0)
		*s = (uint64_t)runtime_nanotime() | 1;
	*s += 0xa0761d6478bd642fULL;
	prod = (__uint128_t)*s * (*s ^ 0xe7037ed1a0b428dbULL);
	return (uint32_t)((uint64_t)(prod >> 64) ^ (uint64_t)prod);
}

/* Go: runtime/stubs.go fastrandn */
uint32_t
runtime_fastrandn(uint32_t n)
{
	return (uint32_t)(((uint64_t)runtime_fastrand() * n) >> 32);
}

/* Go: runtime/time_nofake.go nanotime */
int64_t
runtime_nanotime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

// --- creating and ending goroutines ---------------------------------------

/* Go: runtime/proc.go allgadd */
static void
allgadd(runtime_g *gp)
{
	runtime_lock(&runtime_allglock);
	gp->alllink = allgs;
	allgs = gp;
	runtime_unlock(&runtime_allglock);
}

runtime_g *
runtime_allgs(void)
{
	return allgs;
}

/* Go: runtime/mgcmark.go markroot (its waitsince stamp) */
// Stamps every goroutine that waits (or is in a system call) and has no
// stamp yet with now, for the dump's "N minutes". C: Go stamps them as
// its GC scans their stacks, so no park reads the clock; gonet has no GC,
// and sysmon calls this instead, every stampWaitsincePeriod. The G may be
// woken between the look at its status and the stamp; then the stamp is
// taken back unless the G waits again, as execute and exitsyscall clear
// it while the G runs.
void
runtime_stampWaitsince(int64_t now)
{
	runtime_lock(&runtime_allglock);
	for (runtime_g *gp = allgs; gp != NULL; gp = gp->alllink) {
		uint32_t s = runtime_readgstatus(gp);
		int64_t zero = 0, stamp = now;

		if ((s != runtime_Gwaiting && s != runtime_Gsyscall) ||
		    !atomic_compare_exchange_strong(&gp->waitsince, &zero, now))
			continue;
		s = runtime_readgstatus(gp);
		if (s != runtime_Gwaiting && s != runtime_Gsyscall)
			atomic_compare_exchange_strong(&gp->waitsince, &stamp, 0);
	}
	runtime_unlock(&runtime_allglock);
}

/* Go: runtime/proc.go malg */
static runtime_g *
malg(void)
{
	runtime_g *newg = runtime_newobject(sizeof(*newg));

	newg->stack = runtime_stackalloc();
#ifdef GONET_TSAN
	newg->tsanFiber = __tsan_create_fiber(0);
#endif
	return newg;
}

// Builds the first frame on gp's stack: the registers runtime_gogo pops
// (all zero, default control words) and the return into runtime_gostart.
static void
gostartcall(runtime_g *gp)
{
	uintptr_t *sp = (uintptr_t *)((gp->stack.hi - 64) & ~(uintptr_t)15);

	*--sp = (uintptr_t)runtime_gostart;
	for (int i = 0; i < 6; i++) // rbp rbx r12 r13 r14 r15
		*--sp = 0;
	*--sp = (uintptr_t)0x037f << 32 | 0x1f80; // x87 control word, mxcsr
	gp->sched.sp = (uintptr_t)sp;
}

/* Go: runtime/proc.go gfput */
// Puts a dead G (with its stack) on pp's free list; a long local list
// spills to the global one.
static void
gfput(runtime_p *pp, runtime_g *gp)
{
	if (runtime_readgstatus(gp) != runtime_Gdead)
		runtime_throw("gfput: bad status (not Gdead)");
	gp->schedlink = pp->gFree;
	pp->gFree = gp;
	pp->gFreeCount++;
	if (pp->gFreeCount >= 64) {
		runtime_lock(&runtime_sched.gFreeLock);
		while (pp->gFreeCount >= 32) {
			gp = pp->gFree;
			pp->gFree = gp->schedlink;
			pp->gFreeCount--;
			runtime_gList_push(&runtime_sched.gFree, gp);
			runtime_sched.gFreeCount++;
		}
		runtime_unlock(&runtime_sched.gFreeLock);
	}
}

/* Go: runtime/proc.go gfget */
static runtime_g *
gfget(runtime_p *pp)
{
	runtime_g *gp;

	if (pp->gFree == NULL && runtime_sched.gFreeCount > 0) {
		runtime_lock(&runtime_sched.gFreeLock);
		while (pp->gFreeCount < 32 && !runtime_gList_empty(&runtime_sched.gFree)) {
			gp = runtime_gList_pop(&runtime_sched.gFree);
			runtime_sched.gFreeCount--;
			gp->schedlink = pp->gFree;
			pp->gFree = gp;
			pp->gFreeCount++;
		}
		runtime_unlock(&runtime_sched.gFreeLock);
	}
	gp = pp->gFree;
	if (gp == NULL)
		return NULL;
	pp->gFree = gp->schedlink;
	pp->gFreeCount--;
	return gp;
}

/* Go: runtime/proc.go newproc1 */
static runtime_g *
newproc1(void (*fn)(void *), void *arg, uintptr_t callerpc)
{
	runtime_g *gp = runtime_getg();
	runtime_p *pp;
	runtime_g *newg;

	if (fn == NULL)
		runtime_throw("go of nil func value");
	gp->m->locks++; // disable preemption: pp stays ours
	pp = gp->m->p;
	newg = gfget(pp);
	if (newg == NULL) {
		newg = malg();
		atomic_store(&newg->atomicstatus, runtime_Gdead);
		allgadd(newg);
	}
	gostartcall(newg);
	newg->startfn = fn;
	newg->startarg = arg;
	newg->gopc = callerpc;
	atomic_store_explicit(&newg->waitsince, 0, memory_order_relaxed);
	newg->dying = false;
	newg->goid = (int64_t)atomic_fetch_add(&runtime_sched.goidgen, 1) + 1;
	runtime_casgstatus(newg, runtime_Gdead, runtime_Grunnable);
	atomic_fetch_add(&ngoroutines, 1);
	gp->m->locks--;
	return newg;
}

/* Go: runtime/proc.go newproc */
void
go(void (*fn)(void *), void *arg)
{
	runtime_g *gp = runtime_getg();
	runtime_g *newg;

	if (gp == NULL)
		runtime_throw("go: called outside go_main");
	newg = newproc1(fn, arg, (uintptr_t)__builtin_return_address(0));
	runtime_runqput(runtime_getg()->m->p, newg, true);
	runtime_wakep();
}

runtime_g *
runtime_newprocMain(runtime_p *pp, void (*fn)(void *), void *arg)
{
	runtime_g *newg = malg();

	atomic_store(&newg->atomicstatus, runtime_Gdead);
	allgadd(newg);
	gostartcall(newg);
	newg->startfn = fn;
	newg->startarg = arg;
	newg->goid = (int64_t)atomic_fetch_add(&runtime_sched.goidgen, 1) + 1;
	runtime_casgstatus(newg, runtime_Gdead, runtime_Grunnable);
	atomic_fetch_add(&ngoroutines, 1);
	runtime_runqput(pp, newg, true);
	return newg;
}

/* Go: runtime/proc.go dropg */
static void
dropg(void)
{
	runtime_m *mp = runtime_getg()->m;

	mp->curg->m = NULL;
	mp->curg = NULL;
}

/* Go: runtime/proc.go goexit0 */
static void
goexit0(runtime_g *gp)
{
	runtime_m *mp = runtime_getg()->m;

	runtime_casgstatus(gp, runtime_Grunning, runtime_Gdead);
	atomic_fetch_sub(&ngoroutines, 1);
	gp->m = NULL;
	gp->param = 0;
	gp->waitreason = runtime_waitReasonZero;
	gp->startfn = NULL;
	gp->startarg = NULL;
	dropg();
	gfput(mp->p, gp);
	// C: back to mstart1's loop, which calls schedule().
}

/* Go: runtime/panic.go Goexit */
// C: no deferred calls to run; the goroutine ends at once.
void
runtime_Goexit(void)
{
	runtime_g *gp = runtime_getg();

	gp->dying = true;
	runtime_mcall(goexit0);
	runtime_throw("runtime: goexit returned"); // GCOVR_EXCL_LINE: a dead G never resumes
}

int64_t
runtime_gcount(void)
{
	return atomic_load(&ngoroutines);
}

/* Go: runtime/debug.go NumGoroutine */
int
runtime_NumGoroutine(void)
{
	return (int)runtime_gcount();
}

int64_t
runtime_goid(void)
{
	runtime_g *gp = runtime_getg();

	return gp != NULL ? gp->goid : 0;
}

// --- parking and readying ---------------------------------------------------

/* Go: runtime/proc.go park_m */
static void
park_m(runtime_g *gp)
{
	runtime_m *mp = runtime_getg()->m;
	bool (*fn)(runtime_g *, void *) = mp->waitunlockf;

	runtime_casgstatus(gp, runtime_Grunning, runtime_Gwaiting);
	dropg();
	if (fn != NULL) {
		bool ok = fn(gp, mp->waitlock);
		mp->waitunlockf = NULL;
		mp->waitlock = NULL;
		if (!ok) {
			runtime_casgstatus(gp, runtime_Gwaiting, runtime_Grunnable);
			runtime_execute(gp, true);
		}
	}
	// C: back to mstart1's loop, which calls schedule().
}

/* Go: runtime/proc.go gopark */
void
runtime_gopark(bool (*unlockf)(runtime_g *, void *), void *lock, runtime_waitReason reason)
{
	runtime_g *gp = runtime_getg();
	runtime_m *mp = gp->m;

	if (runtime_readgstatus(gp) != runtime_Grunning)
		runtime_throw("gopark: bad g status");
	mp->waitlock = lock;
	mp->waitunlockf = unlockf;
	gp->waitreason = reason;
	runtime_mcall(park_m);
}

/* Go: runtime/proc.go parkunlock_c */
static bool
parkunlock_c(runtime_g *gp, void *lock)
{
	(void)gp;
	runtime_unlock(lock);
	return true;
}

/* Go: runtime/proc.go goparkunlock */
void
runtime_goparkunlock(runtime_mutex *lock, runtime_waitReason reason)
{
	runtime_gopark(parkunlock_c, lock, reason);
}

/* Go: runtime/proc.go ready */
// Marks gp ready to run, in the current P's run queue.
void
runtime_ready(runtime_g *gp, bool next)
{
	runtime_g *self = runtime_getg();

	if (runtime_readgstatus(gp) != runtime_Gwaiting)
		runtime_throw("bad g->status in ready");
	self->m->locks++; // disable preemption: the P stays ours
	runtime_casgstatus(gp, runtime_Gwaiting, runtime_Grunnable);
	runtime_runqput(self->m->p, gp, next);
	runtime_wakep();
	self->m->locks--;
}

/* Go: runtime/proc.go goready */
void
runtime_goready(runtime_g *gp)
{
	runtime_ready(gp, true);
}

/* Go: runtime/proc.go gosched_m / goschedImpl */
static void
gosched_m(runtime_g *gp)
{
	runtime_casgstatus(gp, runtime_Grunning, runtime_Grunnable);
	dropg();
	runtime_lock(&runtime_sched.lock);
	runtime_globrunqput(gp);
	runtime_unlock(&runtime_sched.lock);
	// C: back to mstart1's loop, which calls schedule().
}

/* Go: runtime/proc.go goyield_m */
static void
goyield_m(runtime_g *gp)
{
	runtime_p *pp = gp->m->p;

	runtime_casgstatus(gp, runtime_Grunning, runtime_Grunnable);
	dropg();
	runtime_runqput(pp, gp, false);
	// C: back to mstart1's loop, which calls schedule().
}

/* Go: runtime/proc.go goyield */
// Like Gosched, but the G stays on this P's local queue: used by a
// semaphore hand-off to run the woken G next.
void
runtime_goyield(void)
{
	runtime_mcall(goyield_m);
}

/* Go: runtime/proc.go Gosched */
void
runtime_Gosched(void)
{
	runtime_mcall(gosched_m);
}

// --- sudogs -------------------------------------------------------------------

/* Go: runtime/proc.go acquireSudog (the empty local cache) */
// C: out of line, so that the common path saves no registers.
__attribute__((noinline)) static void
sudogcacheRefill(runtime_p *pp)
{
	runtime_sudog *s;

	// Take a batch from the central cache, else allocate one.
	runtime_lock(&runtime_sched.sudoglock);
	while (pp->nsudog < (int32_t)nelem(pp->sudogcache) / 2 &&
	       runtime_sched.sudogcache != NULL) {
		s = runtime_sched.sudogcache;
		runtime_sched.sudogcache = s->next;
		s->next = NULL;
		pp->sudogcache[pp->nsudog++] = s;
	}
	runtime_unlock(&runtime_sched.sudoglock);
	if (pp->nsudog == 0) {
		s = runtime_newobject(sizeof(*s));
		runtime_lock(&runtime_sched.sudoglock);
		s->alllink = allsudogs;
		allsudogs = s;
		runtime_unlock(&runtime_sched.sudoglock);
		pp->sudogcache[pp->nsudog++] = s;
	}
}

/* Go: runtime/proc.go acquireSudog */
runtime_sudog *
runtime_acquireSudog(void)
{
	runtime_m *mp = runtime_getg()->m;
	runtime_p *pp;
	runtime_sudog *s;

	mp->locks++; // Go: acquirem; the P stays ours
	pp = mp->p;
	if (pp->nsudog == 0)
		sudogcacheRefill(pp);
	s = pp->sudogcache[--pp->nsudog];
	if (s->elem != NULL)
		runtime_throw("acquireSudog: found s.elem != nil in cache");
	// C: Go does not clear the rest; its users set what they use. Here
	// the fields releaseSudog does not check are cleared one by one: a
	// memset of the struct compiles to rep stos, whose start-up cost was a
	// tenth of a channel hand-off.
	s->g = NULL;
	s->acquiretime = 0;
	s->releasetime = 0;
	s->ticket = 0;
	s->success = false;
	s->parent = NULL;
	s->waittail = NULL;
	mp->locks--;
	return s;
}

/* Go: runtime/proc.go releaseSudog (the full local cache) */
// C: out of line, as sudogcacheRefill. Moves half of the local cache to
// the central one.
__attribute__((noinline)) static void
sudogcacheSpill(runtime_p *pp)
{
	runtime_sudog *first = NULL, *last = NULL;

	while (pp->nsudog > (int32_t)nelem(pp->sudogcache) / 2) {
		runtime_sudog *p = pp->sudogcache[--pp->nsudog];
		if (first == NULL)
			first = p;
		else
			last->next = p;
		last = p;
	}
	runtime_lock(&runtime_sched.sudoglock);
	last->next = runtime_sched.sudogcache;
	runtime_sched.sudogcache = first;
	runtime_unlock(&runtime_sched.sudoglock);
}

/* Go: runtime/proc.go releaseSudog */
void
runtime_releaseSudog(runtime_sudog *s)
{
	runtime_m *mp;
	runtime_p *pp;

	if (s->elem != NULL)
		runtime_throw("runtime: sudog with non-nil elem");
	if (s->isSelect)
		runtime_throw("runtime: sudog with non-false isSelect");
	if (s->next != NULL)
		runtime_throw("runtime: sudog with non-nil next");
	if (s->prev != NULL)
		runtime_throw("runtime: sudog with non-nil prev");
	if (s->waitlink != NULL)
		runtime_throw("runtime: sudog with non-nil waitlink");
	if (s->c != NULL)
		runtime_throw("runtime: sudog with non-nil c");
	mp = runtime_getg()->m;
	mp->locks++; // Go: acquirem; avoid moving to another P
	pp = mp->p;
	if (pp->nsudog == (int32_t)nelem(pp->sudogcache))
		sudogcacheSpill(pp);
	pp->sudogcache[pp->nsudog++] = s;
	mp->locks--;
}

void
runtime_freeSudogCache(void)
{
	runtime_sudog *s;

	// C: every sudog ever made, cached or held by a goroutine go_main
	// abandoned (Go's process exit reclaims those).
	for (int32_t i = 0; i < runtime_gomaxprocs; i++)
		runtime_allp[i]->nsudog = 0;
	runtime_sched.sudogcache = NULL;
	while ((s = allsudogs) != NULL) {
		allsudogs = s->alllink;
		free(s);
	}
}

void
runtime_freeAllGs(void)
{
	runtime_g *gp;

	while ((gp = allgs) != NULL) {
		allgs = gp->alllink;
		runtime_stackfree(gp->stack);
#ifdef GONET_TSAN
		__tsan_destroy_fiber(gp->tsanFiber);
#endif
		free(gp->timer);
		free(gp);
	}
	atomic_store(&ngoroutines, 0);
}

// --- the scheduler ---------------------------------------------------------

/* Go: runtime/proc.go execute */
// Runs gp on the current M until it switches back to g0.
void
runtime_execute(runtime_g *gp, bool inheritTime)
{
	runtime_m *mp = runtime_getg()->m;

	mp->curg = gp;
	gp->m = mp;
	runtime_casgstatus(gp, runtime_Grunnable, runtime_Grunning);
	atomic_store_explicit(&gp->waitsince, 0, memory_order_relaxed);
	if (!inheritTime) {
		// C: only the P's owner writes schedtick (sysmon reads it), so
		// a load and a store, not a locked add, as Go's plain ++.
		uint32_t t = atomic_load_explicit(&mp->p->schedtick, memory_order_relaxed);
		atomic_store_explicit(&mp->p->schedtick, t + 1, memory_order_relaxed);
	}
	runtime_setg(gp);
	gogo(mp->g0, gp);
	// C: gp called mcall; mstart1's loop runs mp->mcallfn next.
}

// Go: runtime/proc.go randomOrder / randomEnum: visits every P once in a
// pseudo-random order, stepping by a number coprime with the count.
typedef struct randomEnum {
	uint32_t i, count, pos, inc;
} randomEnum;

static uint32_t
gcd(uint32_t a, uint32_t b)
{
	while (b != 0) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Go: runtime/proc.go (*randomOrder).start */
// C: Go precomputes the coprimes in reset(); here the step is found by
// walking up from a random start, which gives the same distribution of
// orders for the small P counts gonet runs with.
static randomEnum
stealOrder_start(uint32_t r)
{
	uint32_t count = (uint32_t)runtime_gomaxprocs;
	randomEnum e = {0, count, r % count, 1};

	for (uint32_t c = 1 + (r / count) % count; c <= count; c++) {
		if (gcd(c, count) == 1) {
			e.inc = c;
			break;
		}
	}
	return e;
}

/* Go: runtime/proc.go checkTimersNoP */
static int64_t
checkTimersNoP(int64_t pollUntil)
{
	for (int32_t i = 0; i < runtime_gomaxprocs; i++) {
		int64_t w = runtime_nobarrierWakeTime(runtime_allp[i]);
		if (w != 0 && (pollUntil == 0 || w < pollUntil))
			pollUntil = w;
	}
	return pollUntil;
}

/* Go: runtime/proc.go checkRunqsNoP */
// C: Go snapshots allp and the idle mask; allp is constant here, and an
// idle P's run queue is empty, so the mask test is the queue test.
static runtime_p *
checkRunqsNoP(void)
{
	for (int32_t i = 0; i < runtime_gomaxprocs; i++) {
		runtime_p *p2 = runtime_allp[i];
		if (atomic_load(&p2->status) != runtime_Pidle && !runtime_runqempty(p2)) {
			runtime_p *pp;
			runtime_lock(&runtime_sched.lock);
			pp = runtime_pidleget(0);
			runtime_unlock(&runtime_sched.lock);
			if (pp != NULL)
				return pp;
			break;
		}
	}
	return NULL;
}

/* Go: runtime/proc.go stealWork */
static runtime_g *
stealWork(int64_t now, bool *inheritTime, int64_t *rnow, int64_t *rpollUntil, bool *newWork)
{
	runtime_p *pp = runtime_getg()->m->p;
	bool ranTimer = false;
	int64_t pollUntil = 0;
	enum { stealTries = 4 };

	*inheritTime = false;
	for (int i = 0; i < stealTries; i++) {
		bool stealTimersOrRunNextG = i == stealTries - 1;
		randomEnum e = stealOrder_start(runtime_fastrand());
		for (e.i = 0; e.i < e.count; e.i++, e.pos = (e.pos + e.inc) % e.count) {
			runtime_p *p2 = runtime_allp[e.pos];
			runtime_g *gp;
			if (runtime_sched_exiting()) {
				*newWork = true;
				goto out;
			}
			if (pp == p2)
				continue;
			// Run p2's timers on the last pass: they may make work here.
			if (stealTimersOrRunNextG && atomic_load(&p2->numTimers) > 0) {
				int64_t tnow, w;
				bool ran;
				runtime_checkTimers(p2, now, &tnow, &w, &ran);
				now = tnow;
				if (w != 0 && (pollUntil == 0 || w < pollUntil))
					pollUntil = w;
				if (ran) {
					if ((gp = runtime_runqget(pp, inheritTime)) != NULL) {
						*newWork = ranTimer;
						*rnow = now;
						*rpollUntil = pollUntil;
						return gp;
					}
					ranTimer = true;
				}
			}
			if (atomic_load(&p2->status) != runtime_Pidle &&
			    (gp = runtime_runqsteal(pp, p2, stealTimersOrRunNextG)) != NULL) {
				*newWork = ranTimer;
				*rnow = now;
				*rpollUntil = pollUntil;
				return gp;
			}
		}
	}
	*newWork = ranTimer;
out:
	*rnow = now;
	*rpollUntil = pollUntil;
	return NULL;
}

/* Go: runtime/proc.go findRunnable */
// Finds a goroutine to run: timers, the local queue, the global queue, the
// network, other Ps; blocks in netpoll or stopm when there is nothing.
// C: returns NULL only when the runtime is shutting down.
static runtime_g *
findRunnable(bool *inheritTime, bool *tryWakeP)
{
	runtime_m *mp = runtime_getg()->m;
	runtime_p *pp;
	runtime_g *gp;
	runtime_gList list;
	int64_t now, pollUntil, w;
	bool ran, newWork, wasSpinning;

	*inheritTime = false;
	*tryWakeP = false;
top:
	if (runtime_sched_exiting())
		return NULL;
	pp = mp->p;
	runtime_checkTimers(pp, 0, &now, &pollUntil, &ran);
	// C: what entersyscall does for Go's reads and writes; see
	// runtime_sysmonWakeBusy. now is the clock checkTimers read, if any.
	if (atomic_load_explicit(&runtime_sched.sysmonwait, memory_order_relaxed) != 0)
		runtime_sysmonWakeBusy(now);

	// Now and then look at the global queue, so it is not starved.
	if (atomic_load_explicit(&pp->schedtick, memory_order_relaxed) % 61 == 0 &&
	    runtime_sched.runqsize > 0) {
		runtime_lock(&runtime_sched.lock);
		gp = runtime_globrunqget(pp, 1);
		runtime_unlock(&runtime_sched.lock);
		if (gp != NULL)
			return gp;
	}
	// sysmon saw this time slice run 10 ms: runnext does not inherit it.
	if (atomic_load_explicit(&pp->preempt, memory_order_relaxed) &&
	    atomic_exchange(&pp->preempt, false)) {
		runtime_g *next = atomic_exchange(&pp->runnext, NULL);
		if (next != NULL)
			runtime_runqput(pp, next, false);
	}
	if ((gp = runtime_runqget(pp, inheritTime)) != NULL)
		return gp;
	if (runtime_sched.runqsize != 0) {
		runtime_lock(&runtime_sched.lock);
		gp = runtime_globrunqget(pp, 0);
		runtime_unlock(&runtime_sched.lock);
		if (gp != NULL)
			return gp;
	}
	// A non-blocking look at the network before stealing. C: skipped with
	// one P. It only saves the trip through stealing, and with one P there
	// is nobody to steal from: the blocking poll below comes a few hundred
	// ns later and returns at once with whatever this one would have found
	// (the same events, the same goroutines readied). What it costs is a
	// system call each time the P runs dry, which with one P is once per
	// message when messages come one at a time. bench/ab.sh: 4.5% less
	// server CPU per message at a fixed 25 000 msgs/s over 100
	// connections, 5% with one connection at 10 000, none in ping-pong.
	if (runtime_gomaxprocs > 1 && runtime_netpollinited() &&
	    atomic_load(&runtime_netpollWaiters) > 0 && atomic_load(&runtime_sched.lastpoll) != 0) {
		list = runtime_netpoll(0);
		if (!runtime_gList_empty(&list)) {
			gp = runtime_gList_pop(&list);
			runtime_injectglist(&list);
			runtime_casgstatus(gp, runtime_Gwaiting, runtime_Grunnable);
			return gp;
		}
	}
	// Steal, unless half the busy Ps already have a spinning M. C: not
	// with one P, for the reason above: there is no other P to take work
	// or timers from, so stealWork walks allp four times to find only its
	// own P, and spinning buys nothing (wakep finds no idle P while this
	// M holds the only one). The M goes straight to giving up its P,
	// which is the path Go's non-spinning Ms take; the global queue is
	// looked at there under sched.lock before the P is put idle.
	if (runtime_gomaxprocs > 1 &&
	    (mp->spinning || 2 * atomic_load(&runtime_sched.nmspinning) <
				     runtime_gomaxprocs - atomic_load(&runtime_sched.npidle))) {
		if (!mp->spinning) {
			mp->spinning = true;
			atomic_fetch_add(&runtime_sched.nmspinning, 1);
		}
		gp = stealWork(now, inheritTime, &now, &w, &newWork);
		if (gp != NULL)
			return gp;
		if (newWork)
			goto top;
		if (w != 0 && (pollUntil == 0 || w < pollUntil))
			pollUntil = w;
	}

	// Nothing to do: give up the P.
	runtime_lock(&runtime_sched.lock);
	if (runtime_sched.runqsize != 0) {
		gp = runtime_globrunqget(pp, 0);
		runtime_unlock(&runtime_sched.lock);
		return gp;
	}
	if (runtime_releasep() != pp)
		runtime_throw("findrunnable: wrong p");
	now = runtime_pidleput(pp, now);
	runtime_unlock(&runtime_sched.lock);

	// Stop spinning, then look once more at everything that may have
	// arrived while we were spinning (the other half of wakep's protocol).
	wasSpinning = mp->spinning;
	if (mp->spinning) {
		mp->spinning = false;
		if (atomic_fetch_sub(&runtime_sched.nmspinning, 1) - 1 < 0)
			runtime_throw("findrunnable: negative nmspinning");
		if ((pp = checkRunqsNoP()) != NULL) {
			runtime_acquirep(pp);
			mp->spinning = true;
			atomic_fetch_add(&runtime_sched.nmspinning, 1);
			goto top;
		}
		pollUntil = checkTimersNoP(pollUntil);
	}

	// Block in the poller until the next timer, if there is a reason to.
	if (runtime_netpollinited() &&
	    (atomic_load(&runtime_netpollWaiters) > 0 || pollUntil != 0) &&
	    atomic_exchange(&runtime_sched.lastpoll, 0) != 0) {
		int64_t delay = -1;
		// C: the runtime may have begun to stop since the check at top,
		// and the poller that took its break may be gone: look again now
		// that we are the poller, or nobody would wake us.
		if (runtime_sched_exiting()) {
			atomic_store(&runtime_sched.lastpoll, runtime_nanotime());
			return NULL;
		}
		atomic_store(&runtime_sched.pollUntil, pollUntil);
		if (mp->p != NULL)
			runtime_throw("findrunnable: netpoll with p");
		if (mp->spinning)
			runtime_throw("findrunnable: netpoll with spinning");
		now = runtime_nanotime();
		if (pollUntil != 0) {
			delay = pollUntil - now;
			if (delay < 0)
				delay = 0;
		}
		list = runtime_netpoll(delay); // blocks until there is work
		atomic_store(&runtime_sched.pollUntil, 0);
		atomic_store(&runtime_sched.lastpoll, now);
		runtime_lock(&runtime_sched.lock);
		pp = runtime_pidleget(now);
		runtime_unlock(&runtime_sched.lock);
		if (pp == NULL) {
			runtime_injectglist(&list);
		} else {
			runtime_acquirep(pp);
			if (!runtime_gList_empty(&list)) {
				gp = runtime_gList_pop(&list);
				runtime_injectglist(&list);
				runtime_casgstatus(gp, runtime_Gwaiting, runtime_Grunnable);
				return gp;
			}
			if (wasSpinning) {
				mp->spinning = true;
				atomic_fetch_add(&runtime_sched.nmspinning, 1);
			}
			goto top;
		}
	} else if (pollUntil != 0 && runtime_netpollinited()) {
		int64_t pollerPollUntil = atomic_load(&runtime_sched.pollUntil);
		if (pollerPollUntil == 0 || pollerPollUntil > pollUntil)
			runtime_netpollBreak();
	}
	runtime_stopm();
	goto top;
}

/* Go: runtime/proc.go resetspinning */
static void
resetspinning(void)
{
	runtime_m *mp = runtime_getg()->m;

	if (!mp->spinning)
		runtime_throw("resetspinning: not a spinning m");
	mp->spinning = false;
	if (atomic_fetch_sub(&runtime_sched.nmspinning, 1) - 1 < 0)
		runtime_throw("findrunnable: negative nmspinning");
	// Another M may be needed for the work this one found.
	runtime_wakep();
}

/* Go: runtime/proc.go schedule */
// One round of the scheduler: find a runnable goroutine and run it until
// it switches back. C: returns false when the runtime is shutting down.
bool
runtime_schedule(void)
{
	runtime_m *mp = runtime_getg()->m;
	runtime_g *gp;
	bool inheritTime, tryWakeP;

	if (mp->locks != 0)
		runtime_throw("schedule: holding locks");
	gp = findRunnable(&inheritTime, &tryWakeP);
	if (gp == NULL)
		return false;
	// A spinning M that found work stops spinning, and may start another.
	if (mp->spinning)
		resetspinning();
	if (tryWakeP)
		runtime_wakep();
	runtime_execute(gp, inheritTime);
	return true;
}

/* Go: runtime/proc.go wakep */
void
runtime_wakep(void)
{
	int32_t zero = 0;

	if (atomic_load(&runtime_sched.npidle) == 0)
		return;
	// Be conservative: at most one spinning M at a time is woken here.
	if (atomic_load(&runtime_sched.nmspinning) != 0 ||
	    !atomic_compare_exchange_strong(&runtime_sched.nmspinning, &zero, 1))
		return;
	runtime_startm(NULL, true);
}

/* Go: runtime/proc.go injectglist */
void
runtime_injectglist(runtime_gList *glist)
{
	runtime_gQueue q = {NULL, NULL}, globq = {NULL, NULL};
	runtime_g *gp, *self;
	runtime_p *pp;
	int32_t qsize = 0, npidle, n;

	if (runtime_gList_empty(glist))
		return;
	// Mark every G runnable first; they go to queues below.
	q.head = glist->head;
	for (gp = q.head; gp != NULL; gp = gp->schedlink) {
		q.tail = gp;
		qsize++;
		runtime_casgstatus(gp, runtime_Gwaiting, runtime_Grunnable);
	}
	glist->head = NULL;

	self = runtime_getg();
	pp = self != NULL ? self->m->p : NULL;
	if (pp == NULL) {
		runtime_lock(&runtime_sched.lock);
		runtime_globrunqputbatch(&q, qsize);
		runtime_unlock(&runtime_sched.lock);
		for (n = qsize; n != 0 && atomic_load(&runtime_sched.npidle) != 0; n--)
			runtime_startm(NULL, false);
		return;
	}
	// As many as there are idle Ps go to the global queue, for them.
	npidle = atomic_load(&runtime_sched.npidle);
	for (n = 0; n < npidle && q.head != NULL; n++)
		runtime_gQueue_pushBack(&globq, runtime_gQueue_pop(&q));
	if (n > 0) {
		runtime_lock(&runtime_sched.lock);
		runtime_globrunqputbatch(&globq, n);
		runtime_unlock(&runtime_sched.lock);
		for (int32_t k = n; k != 0 && atomic_load(&runtime_sched.npidle) != 0; k--)
			runtime_startm(NULL, false);
		qsize -= n;
	}
	if (q.head != NULL)
		runtime_runqputbatch(pp, &q, qsize);
}

/* Go: runtime/proc.go checkdead */
// Called with sched.lock held when an M goes idle.
void
runtime_checkdead(void)
{
	int32_t run = runtime_mcount() - runtime_sched.nmidle - runtime_sched.nmidlelocked -
		      runtime_sched.nmsys;
	int grunning = 0;

	if (run > 0 || runtime_sched_exiting())
		return;
	if (run < 0)
		runtime_throw("checkdead: inconsistent counts");
	runtime_lock(&runtime_allglock);
	for (runtime_g *gp = allgs; gp != NULL; gp = gp->alllink) {
		uint32_t s = runtime_readgstatus(gp);
		if (s == runtime_Gwaiting)
			grunning++;
		else if (s == runtime_Grunnable || s == runtime_Grunning || s == runtime_Gsyscall)
			runtime_throw("checkdead: runnable g");
	}
	runtime_unlock(&runtime_allglock);
	if (grunning == 0) {
		runtime_unlock(&runtime_sched.lock);
		runtime_throw("no goroutines (main called runtime.Goexit) - deadlock!");
	}
	// Timers pending: somebody will wake up for them.
	for (int32_t i = 0; i < runtime_gomaxprocs; i++)
		if (atomic_load(&runtime_allp[i]->numTimers) > 0)
			return;
	runtime_unlock(&runtime_sched.lock);
	runtime_throw("all goroutines are asleep - deadlock!");
}

/* Go: runtime/proc.go wakeNetPoller */
// A timer due at `when` was added: wake the M sleeping in netpoll if it
// sleeps past it, or get an M to look at timers if none is polling.
void
runtime_wakeNetPoller(int64_t when)
{
	if (atomic_load(&runtime_sched.lastpoll) == 0) {
		// Somebody is in netpoll, with pollUntil its wake time or 0.
		int64_t pollerPollUntil = atomic_load(&runtime_sched.pollUntil);
		if (pollerPollUntil == 0 || pollerPollUntil > when)
			runtime_netpollBreak();
	} else {
		runtime_wakep();
	}
}

// C port of go1.19 src/runtime/stack.go: goroutine stacks.
//
// C differs from Go here: Go's stacks start at 2 KiB and grow by copying,
// which needs the compiler's stack checks and pointer maps. C stacks cannot
// move, so each goroutine gets a fixed mmap'ed stack (GONET_STACK bytes,
// default 64 KiB) above a PROT_NONE guard page. Pages are touched only as
// the goroutine uses them, so a parked goroutine costs about one page of
// memory. Running into the guard page prints
// "runtime: goroutine N stack overflow" from a handler on the M's alternate
// signal stack, instead of corrupting the neighbouring memory.
//
// A guard page splits the mapping in two, and Linux allows a process only
// vm.max_map_count mappings (65530 by default). So only the first
// guardedStacksMax stacks get a guard page of their own; beyond that, stacks
// are carved from shared arenas with a canary word at their low end, which
// the scheduler checks when the goroutine switches away (runtime_stackcheck),
// so an overflow is still reported, if later.
#include "runtime_netpoll/runtime_impl.h"
#include "runtime_netpoll/sanitizers.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define GONET_HAVE_VALGRIND 1
#endif
#endif

enum {
	defaultStackSize = 64 << 10,
	minStackSize = 16 << 10,
	signalStackSize = 64 << 10,
	arenaStacks = 64, // stacks per unguarded arena
	canaryEvery = 64, // an unguarded stack's canary is read on one switch in this many
};

#define stackCanary 0x676f6e6574535441ULL // "gonetSTA"

size_t runtime_stackSize = defaultStackSize; // set by stackinit, constant afterwards
static size_t physPageSize;                  // set by stackinit
static struct sigaction oldsegv, oldbus;     // handlers we chain to, set by stackinit
static pthread_once_t sigonce = PTHREAD_ONCE_INIT;
static _Atomic int64_t guardedStacks; // guarded stacks in use
static int64_t guardedStacksMax;      // set by stackinit from vm.max_map_count
static runtime_mutex arenaLock;       // guards arenaFree
static uint64_t arenaFree;            // lo of a free unguarded stack, linked through arenaSlot

// Parses GONET_STACK: bytes, or with a k/K or m/M suffix.
static size_t
stackSizeFromEnv(void)
{
	const char *s = getenv("GONET_STACK");
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0')
		return defaultStackSize;
	v = strtoull(s, &end, 10);
	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		v <<= 20, end++;
	if (*end != '\0' || v == 0)
		runtime_throw("GONET_STACK: want a size such as 65536, 64k or 1m");
	if (v < minStackSize)
		v = minStackSize;
	return (size_t)v;
}

static void
writeString(const char *s)
{
	ssize_t r = write(2, s, strlen(s));
	(void)r;
}

// The SIGSEGV/SIGBUS handler, on the alternate signal stack. A fault in the
// guard page of the running goroutine is a stack overflow; anything else is
// handed back to the previous handler by returning into the fault again.
static void
sigsegv(int sig, siginfo_t *info, void *uctx)
{
	runtime_g *gp = runtime_getg();
	uintptr_t addr = (uintptr_t)info->si_addr;
	char buf[96];

	(void)uctx;
	// A fault below the stack's low end: its guard page, or, for an
	// unguarded stack, whatever lies below after the overflow ran through.
	if (gp != NULL && gp->m != NULL && gp != gp->m->g0 && addr < gp->stack.lo &&
	    (!gp->stack.guarded || addr >= gp->stack.lo - physPageSize)) {
		snprintf(buf, sizeof(buf), "runtime: goroutine %lld stack overflow\n",
			 (long long)gp->goid);
		writeString(buf);
		writeString("fatal error: stack overflow\n");
		signal(SIGABRT, SIG_DFL);
		abort();
	}
	sigaction(sig, sig == SIGSEGV ? &oldsegv : &oldbus, NULL);
}

// Guarded stacks may use the process's mapping budget but for 16384
// mappings left to malloc, thread stacks and the rest.
static int64_t
maxGuardedStacks(void)
{
	FILE *f = fopen("/proc/sys/vm/max_map_count", "re");
	long long n = 65530;

	if (f != NULL) {
		if (fscanf(f, "%lld", &n) != 1)
			n = 65530;
		fclose(f);
	}
#ifdef GONET_TSAN
	n = (n - 16384) / 6; // TSan maps more for each fiber
#else
	n = (n - 16384) / 2; // two mappings per guarded stack
#endif
	return n < 1024 ? 1024 : n;
}

// The stack size and the handlers are set once per process: free arena
// stacks keep their size across go_main calls.
static void
stackinitOnce(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct sigaction sa;

	runtime_stackSize = (stackSizeFromEnv() + page - 1) & ~(page - 1);
	guardedStacksMax = maxGuardedStacks();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sigsegv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &oldsegv);
	sigaction(SIGBUS, &sa, &oldbus);
}

// For tests (Go: export_test.go): how many stacks get a guard page; call
// before go_main. Guarded by nobody.
void
runtime_setGuardedStacksMax(int64_t n)
{
	pthread_once(&sigonce, stackinitOnce);
	guardedStacksMax = n;
}

/* Go: runtime/stack.go stackinit */
void
runtime_stackinit(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	physPageSize = page;
	pthread_once(&sigonce, stackinitOnce);
}

// An unguarded stack from a shared arena (see the top of this file).
//
// Each arena stack has a 64-byte slot just below its lo: the canary, and
// the free-list link while the stack is free. The slot is the unused top
// of the next lower stack (goroutines start 64 bytes below hi), or, for the
// arena's first stack, a page of its own: so the canary costs no page the
// goroutines below and above do not touch anyway, and an overflow out of
// lo hits it first.
static uint64_t *
arenaSlot(uintptr_t lo)
{
	return (uint64_t *)(lo - 64);
}

static runtime_stack
arenaStackalloc(void)
{
	runtime_stack stk = {0};
	uintptr_t lo;

	runtime_lock(&arenaLock);
	if (arenaFree == 0) {
		char *base = mmap(NULL, physPageSize + runtime_stackSize * arenaStacks,
				  PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
		if (base == MAP_FAILED) {
			runtime_unlock(&arenaLock);
			runtime_throw("runtime: cannot allocate memory for goroutine stack");
		}
		for (size_t i = 0; i < arenaStacks; i++) {
			lo = (uintptr_t)base + physPageSize + i * runtime_stackSize;
			arenaSlot(lo)[1] = arenaFree;
			arenaFree = lo;
		}
	}
	lo = arenaFree;
	arenaFree = arenaSlot(lo)[1];
	runtime_unlock(&arenaLock);
	arenaSlot(lo)[0] = stackCanary;
	stk.lo = lo;
	stk.hi = lo + runtime_stackSize;
	return stk;
}

/* Go: runtime/stack.go morestack's overflow check */
// C: Go's function prologues compare the stack pointer with the G's
// stackguard0 before the frame is used; C can only look afterwards. A stack
// with a guard page needs no check: the fault reports the overflow. For one
// without, called when its goroutine switches away with its stack pointer
// at sp. sp below lo: the goroutine is overrunning the next stack right now.
// The canary changed: it did so and came back. The canary lies in the top
// page of the next lower stack, which this goroutine touches for nothing
// else, so it is read only on one switch in canaryEvery and on the
// goroutine's last: read on every switch, that page cost an echo server
// with 1 000 busy connections on arena stacks 4% more CPU per message
// (bench/ab.sh, 2026-11-27).
void
runtime_stackcheck(runtime_g *gp, uintptr_t sp)
{
	if (gp->stack.guarded)
		return;
	if (sp >= gp->stack.lo && !gp->dying && ++gp->stack.sinceCheck < canaryEvery)
		return;
	gp->stack.sinceCheck = 0;
	if (sp < gp->stack.lo || arenaSlot(gp->stack.lo)[0] != stackCanary) {
		char buf[96];
		snprintf(buf, sizeof(buf), "runtime: goroutine %lld stack overflow\n",
			 (long long)gp->goid);
		writeString(buf);
		runtime_throw("stack overflow");
	}
}

/* Go: runtime/stack.go stackalloc */
runtime_stack
runtime_stackalloc(void)
{
	size_t total = runtime_stackSize + physPageSize;
	runtime_stack stk = {0};
	char *base;

	if (atomic_fetch_add(&guardedStacks, 1) >= guardedStacksMax) {
		atomic_fetch_sub(&guardedStacks, 1);
		stk = arenaStackalloc();
		goto registered;
	}
	base = mmap(NULL, total, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (base == MAP_FAILED)
		runtime_throw("runtime: cannot allocate memory for goroutine stack");
	// GCOVR_EXCL_START: mprotect of a fresh private mapping cannot fail
	if (mprotect(base, physPageSize, PROT_NONE) != 0)
		runtime_throw("runtime: cannot protect stack guard page");
	// GCOVR_EXCL_STOP
	stk.lo = (uintptr_t)base + physPageSize;
	stk.hi = (uintptr_t)base + total;
	stk.guarded = true;
registered:
#ifdef GONET_HAVE_VALGRIND
	stk.valgrindId = VALGRIND_STACK_REGISTER(stk.lo, stk.hi);
#endif
	return stk;
}

/* Go: runtime/stack.go stackfree */
void
runtime_stackfree(runtime_stack stk)
{
#ifdef GONET_HAVE_VALGRIND
	VALGRIND_STACK_DEREGISTER(stk.valgrindId);
#endif
	if (!stk.guarded) {
		runtime_lock(&arenaLock);
		arenaSlot(stk.lo)[1] = arenaFree;
		arenaFree = stk.lo;
		runtime_unlock(&arenaLock);
		return;
	}
	atomic_fetch_sub(&guardedStacks, 1);
	munmap((void *)(stk.lo - physPageSize), stk.hi - stk.lo + physPageSize);
}

/* Go: runtime/signal_unix.go minitSignalStack */
void
runtime_minitSignalStack(runtime_m *mp)
{
	void *p = mmap(NULL, signalStackSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		runtime_throw("runtime: cannot allocate signal stack");
	mp->gsignal.ss_sp = p;
	mp->gsignal.ss_size = signalStackSize;
	mp->gsignal.ss_flags = 0;
	if (sigaltstack(&mp->gsignal, NULL) != 0)
		runtime_throw("sigaltstack failed"); // GCOVR_EXCL_LINE: valid arguments
}

/* Go: runtime/signal_unix.go unminitSignalStack */
void
runtime_unminitSignalStack(runtime_m *mp)
{
	stack_t st = {.ss_flags = SS_DISABLE};

	if (mp->gsignal.ss_sp == NULL)
		return;
	sigaltstack(&st, NULL);
	munmap(mp->gsignal.ss_sp, mp->gsignal.ss_size);
	mp->gsignal.ss_sp = NULL;
}

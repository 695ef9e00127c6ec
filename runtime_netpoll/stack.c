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
#include "runtime_netpoll/runtime_impl.h"

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
};

size_t runtime_stackSize = defaultStackSize; // set by stackinit, constant afterwards
static size_t physPageSize;                  // set by stackinit
static struct sigaction oldsegv, oldbus;     // handlers we chain to, set by stackinit
static pthread_once_t sigonce = PTHREAD_ONCE_INIT;

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
	if (gp != NULL && gp->m != NULL && gp != gp->m->g0 && addr < gp->stack.lo &&
	    addr >= gp->stack.lo - physPageSize) {
		snprintf(buf, sizeof(buf), "runtime: goroutine %lld stack overflow\n",
			 (long long)gp->goid);
		writeString(buf);
		writeString("fatal error: stack overflow\n");
		signal(SIGABRT, SIG_DFL);
		abort();
	}
	sigaction(sig, sig == SIGSEGV ? &oldsegv : &oldbus, NULL);
}

static void
installSignalHandlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sigsegv;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &oldsegv);
	sigaction(SIGBUS, &sa, &oldbus);
}

/* Go: runtime/stack.go stackinit */
void
runtime_stackinit(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	physPageSize = page;
	runtime_stackSize = (stackSizeFromEnv() + page - 1) & ~(page - 1);
	pthread_once(&sigonce, installSignalHandlers);
}

/* Go: runtime/stack.go stackalloc */
runtime_stack
runtime_stackalloc(void)
{
	size_t total = runtime_stackSize + physPageSize;
	char *base = mmap(NULL, total, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	runtime_stack stk;

	if (base == MAP_FAILED)
		runtime_throw("runtime: cannot allocate memory for goroutine stack");
	if (mprotect(base, physPageSize, PROT_NONE) != 0)
		runtime_throw(
			"runtime: cannot protect stack guard page"); // GCOVR_EXCL_LINE: fresh mapping
	stk.lo = (uintptr_t)base + physPageSize;
	stk.hi = (uintptr_t)base + total;
	stk.valgrindId = 0;
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

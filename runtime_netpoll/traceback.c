// C port of the goroutine dump of go1.19 src/runtime/traceback.go
// (goroutineheader, tracebackothers) and runtime/mprof.go's Stack, plus
// the SIGQUIT handler of signal_unix.go that prints it.
//
// C: gonet cannot walk a C goroutine's frames the way Go walks its own
// (no pointer maps, no guaranteed frame pointers), so each goroutine gets
// Go's header line and the function it was started with
// ("created by ..."), not a full stack trace.
#include "runtime_netpoll/runtime_impl.h"
#include "runtime_netpoll/sanitizers.h"

#include <dlfcn.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const waitReasonStrings[runtime_waitReasonCount] = {
	[runtime_waitReasonZero] = "",
	[runtime_waitReasonIOWait] = "IO wait",
	[runtime_waitReasonChanReceiveNilChan] = "chan receive (nil chan)",
	[runtime_waitReasonChanSendNilChan] = "chan send (nil chan)",
	[runtime_waitReasonSelect] = "select",
	[runtime_waitReasonSelectNoCases] = "select (no cases)",
	[runtime_waitReasonChanReceive] = "chan receive",
	[runtime_waitReasonChanSend] = "chan send",
	[runtime_waitReasonSemacquire] = "semacquire",
	[runtime_waitReasonSleep] = "sleep",
	[runtime_waitReasonSyncCondWait] = "sync.Cond.Wait",
	[runtime_waitReasonPreempted] = "preempted",
};

/* Go: runtime/runtime2.go (waitReason).String */
const char *
runtime_waitReason_String(runtime_waitReason w)
{
	if (w < 0 || w >= runtime_waitReasonCount)
		return "unknown wait reason";
	return waitReasonStrings[w];
}

/* Go: runtime/traceback.go gStatusStrings */
static const char *
gStatusString(uint32_t s)
{
	switch (s) {
	case runtime_Gidle:
		return "idle";
	case runtime_Grunnable:
		return "runnable";
	case runtime_Grunning:
		return "running";
	case runtime_Gsyscall:
		return "syscall";
	case runtime_Gwaiting:
		return "waiting";
	case runtime_Gdead:
		return "dead";
	default:
		return "???";
	}
}

typedef struct buffer {
	char *p;
	size_t len, n;
} buffer;

static void __attribute__((format(printf, 2, 3))) bprintf(buffer *b, const char *format, ...)
{
	va_list ap;
	int k;

	va_start(ap, format);
	k = vsnprintf(b->p + b->n, b->n < b->len ? b->len - b->n : 0, format, ap);
	va_end(ap);
	if (k > 0)
		b->n = b->n + (size_t)k < b->len ? b->n + (size_t)k : b->len;
}

// The name of the function at pc, or its address.
static void
funcname(buffer *b, uintptr_t pc)
{
	Dl_info info;

	if (pc != 0 && dladdr((void *)pc, &info) != 0 && info.dli_sname != NULL)
		bprintf(b, "%s", info.dli_sname);
	else
		bprintf(b, "%#lx", (unsigned long)pc);
}

/* Go: runtime/traceback.go goroutineheader */
// "goroutine 7 [IO wait, 2 minutes]:" and the functions it runs.
static void
goroutineheader(buffer *b, runtime_g *gp, int64_t now)
{
	uint32_t s = runtime_readgstatus(gp);
	const char *status = gStatusString(s);
	int64_t waitfor = 0, since = atomic_load_explicit(&gp->waitsince, memory_order_relaxed);

	if (s == runtime_Gwaiting && gp->waitreason != runtime_waitReasonZero)
		status = runtime_waitReason_String(gp->waitreason);
	if ((s == runtime_Gwaiting || s == runtime_Gsyscall) && since != 0)
		waitfor = (now - since) / 60000000000LL;
	bprintf(b, "goroutine %lld [%s", (long long)gp->goid, status);
	if (waitfor >= 1)
		bprintf(b, ", %lld minutes", (long long)waitfor);
	bprintf(b, "]:\n");
	funcname(b, (uintptr_t)gp->startfn);
	bprintf(b, "(%p)\n", gp->startarg);
	if (gp->gopc != 0) {
		bprintf(b, "created by ");
		funcname(b, gp->gopc);
		bprintf(b, "\n");
	}
}

/* Go: runtime/mprof.go Stack */
size_t
runtime_Stack(char *buf, size_t len, bool all)
{
	buffer b = {buf, len, 0};
	runtime_g *self = runtime_getg();
	int64_t now = runtime_nanotime();

	if (self != NULL && self->m != NULL && self != self->m->g0)
		goroutineheader(&b, self, now);
	if (all) {
		runtime_lock(&runtime_allglock);
		for (runtime_g *gp = runtime_allgs(); gp != NULL; gp = gp->alllink) {
			if (gp == self || runtime_readgstatus(gp) == runtime_Gdead)
				continue;
			bprintf(&b, "\n");
			goroutineheader(&b, gp, now);
		}
		runtime_unlock(&runtime_allglock);
	}
	if (len > 0)
		buf[b.n < len ? b.n : len - 1] = '\0';
	return b.n;
}

static void
dumpgoroutines1(char *line, size_t len, int64_t now)
{
	for (runtime_g *gp = runtime_allgs(); gp != NULL; gp = gp->alllink) {
		buffer b = {line, len, 0};
		if (runtime_readgstatus(gp) == runtime_Gdead)
			continue;
		bprintf(&b, "\n");
		goroutineheader(&b, gp, now);
		if (write(2, line, b.n) < 0)
			break;
	}
}

#ifdef GONET_TSAN
// TSan's own annotations: the dump reads other goroutines' fields without
// locks on purpose (Go's runtime, not built for the race detector, does
// the same).
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
#define ignoreReadsBegin() AnnotateIgnoreReadsBegin(__FILE__, __LINE__)
#define ignoreReadsEnd()   AnnotateIgnoreReadsEnd(__FILE__, __LINE__)
#else
#define ignoreReadsBegin() ((void)0)
#define ignoreReadsEnd()   ((void)0)
#endif

// Prints every goroutine to stderr, after a fatal error or on SIGQUIT.
// C: takes no lock, as it may run in a signal handler or with locks held.
static void
dumpgoroutines(void)
{
	char line[512];
	int64_t now = runtime_nanotime();

	ignoreReadsBegin();
	dumpgoroutines1(line, sizeof(line), now);
	ignoreReadsEnd();
}

/* Go: runtime/proc.go schedtrace (detailed) */
// The scheduler's state, as GODEBUG=schedtrace=1,scheddetail=1 prints it.
static void
schedtrace(void)
{
	char line[256];

	if (runtime_allp == NULL)
		return;
	buffer b = {line, sizeof(line), 0};
	bprintf(&b,
		"SCHED: gomaxprocs=%d idleprocs=%d spinningthreads=%d idlethreads=%d runqueue=%d\n",
		runtime_gomaxprocs, atomic_load(&runtime_sched.npidle),
		atomic_load(&runtime_sched.nmspinning), runtime_sched.nmidle,
		atomic_load(&runtime_sched.runqsize));
	if (write(2, line, b.n) < 0)
		return;
	for (int32_t i = 0; i < runtime_gomaxprocs; i++) {
		runtime_p *pp = runtime_allp[i];
		runtime_m *mp = pp->m;
		runtime_g *next = atomic_load(&pp->runnext);
		b.n = 0;
		bprintf(&b, "  P%d: status=%u schedtick=%u m=%lld runqsize=%u runnext=%lld\n",
			pp->id, atomic_load(&pp->status), atomic_load(&pp->schedtick),
			mp != NULL ? (long long)mp->id : -1LL,
			atomic_load(&pp->runqtail) - atomic_load(&pp->runqhead),
			next != NULL ? (long long)next->goid : 0LL);
		if (write(2, line, b.n) < 0)
			return;
	}
}

/* Go: runtime/signal_unix.go sighandler for SIGQUIT */
static void
sigquit(int sig)
{
	static const char msg[] = "SIGQUIT: quit\n";
	ssize_t r = write(2, msg, sizeof(msg) - 1);

	(void)sig;
	(void)r;
	ignoreReadsBegin();
	schedtrace();
	ignoreReadsEnd();
	dumpgoroutines();
	_exit(2);
}

// Makes fatal errors print the goroutines, and SIGQUIT dump and exit as in
// Go. Called by go_main.
void
runtime_initTraceback(void)
{
	struct sigaction sa;

	runtime_tracebackHook = dumpgoroutines;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sigquit;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGQUIT, &sa, NULL);
}

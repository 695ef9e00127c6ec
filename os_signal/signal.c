// C port of go1.19 src/os/signal/signal.go and signal_unix.go (Notify,
// Stop, process, the watch loop).
//
// C differs from Go in where a signal comes from: Go's runtime handler
// queues it (sigsend) for signal_recv; here gonet's handler writes the
// signal number to a non-blocking pipe, and the watch loop goroutine reads
// that pipe through internal/poll, so it parks in netpoll like any reader.
#include "os_signal/signal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal_poll/poll.h"
#include "runtime_netpoll/runtime_impl.h"

enum { numSig = 65 };

// Go: handler; one per channel given to Notify.
typedef struct handler {
	runtime_hchan *c;
	uint32_t mask[(numSig + 31) / 32];
	struct handler *next;
} handler;

// Go: the handlers variable. lock is a runtime mutex: never held while
// parking.
static struct {
	runtime_mutex lock;
	handler *m;
	int64_t ref[numSig];
	struct sigaction old[numSig]; // what enableSignal replaced
} handlers;

// The pipe the signal handler writes to; set up once per process.
static int sigpipe[2] = {-1, -1};
static pthread_once_t pipeOnce = PTHREAD_ONCE_INIT;
// The go_main run whose watch loop reads the pipe (C: Go's
// watchSignalLoopOnce, per run of the runtime). Guarded by handlers.lock.
static int64_t loopEpoch = -1;
static poll_FD *loopFD; // the pipe's FD for that run, guarded by handlers.lock

/* Go: os/signal/signal.go (*handler).want */
static bool
handler_want(const handler *h, int sig)
{
	return (h->mask[sig / 32] >> (sig & 31)) & 1;
}

/* Go: runtime/signal_unix.go sighandler → sigsend */
// Async-signal-safe: one write of one byte.
static void
sighandler(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	ssize_t r = write(sigpipe[1], &b, 1);

	(void)r; // a full pipe drops the signal, as a full channel does
	errno = saved;
}

static void
makePipe(void)
{
	if (pipe2(sigpipe, O_NONBLOCK | O_CLOEXEC) != 0)
		runtime_throw("os/signal: cannot create the signal pipe");
}

/* Go: runtime/sigqueue.go signal_enable */
static void
enableSignal(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sighandler;
	sa.sa_flags = SA_RESTART | SA_ONSTACK;
	sigfillset(&sa.sa_mask);
	sigaction(sig, &sa, &handlers.old[sig]);
}

/* Go: runtime/sigqueue.go signal_disable */
static void
disableSignal(int sig)
{
	sigaction(sig, &handlers.old[sig], NULL);
}

/* Go: os/signal/signal.go process */
// Sends sig to every channel that wants it, without blocking.
static void
process(int sig)
{
	runtime_lock(&handlers.lock);
	for (handler *h = handlers.m; h != NULL; h = h->next)
		if (handler_want(h, sig))
			(void)runtime_selectnbsend(h->c, &sig);
	runtime_unlock(&handlers.lock);
}

/* Go: os/signal/signal_unix.go loop */
static void
loop(void *arg)
{
	poll_FD *fd = arg;
	uint8_t buf[64];
	ssize_t n;

	for (;;) {
		go_error *err = poll_FD_Read(fd, buf, sizeof(buf), &n);
		if (err != NULL) // only if the pipe broke: nothing more will come
			runtime_throw("os/signal: reading the signal pipe failed");
		for (ssize_t i = 0; i < n; i++)
			process(buf[i]);
	}
}

// Starts the watch loop of this go_main run. Called with handlers.lock held.
static void
watchSignalLoop(void)
{
	poll_FD *fd;
	go_error *err;

	if (loopEpoch == runtime_goMainEpoch())
		return;
	loopEpoch = runtime_goMainEpoch();
	// C: one FD per run; the previous run's goroutine was abandoned with
	// that run (docs/ownership.md), so its FD can go.
	free(loopFD);
	loopFD = fd = runtime_newobject(sizeof(*fd));
	fd->Sysfd = sigpipe[0];
	fd->IsStream = true;
	if ((err = poll_FD_Init(fd, "file", true)) != NULL)
		runtime_throw("os/signal: cannot poll the signal pipe");
	go(loop, fd);
}

// Signals Notify may take. C: the synchronous ones (a fault re-executes
// the faulting instruction after the handler returns) stay with the
// runtime, as Go relays them only when sent by kill; gonet cannot tell.
static bool
catchable(int sig)
{
	switch (sig) {
	case SIGKILL:
	case SIGSTOP:
	case SIGSEGV:
	case SIGBUS:
	case SIGFPE:
	case SIGILL:
	case SIGTRAP:
	case SIGSYS:
		return false;
	default:
		return sig > 0 && sig < numSig;
	}
}

/* Go: os/signal/signal.go Notify */
void
os_signal_Notify(runtime_hchan *c, const int *sigs, int n)
{
	handler *h;

	if (c == NULL)
		runtime_panicstring("os/signal: Notify using nil channel");
	pthread_once(&pipeOnce, makePipe);
	runtime_lock(&handlers.lock);
	for (h = handlers.m; h != NULL && h->c != c; h = h->next)
		;
	if (h == NULL) {
		h = runtime_newobject(sizeof(*h));
		h->c = c;
		h->next = handlers.m;
		handlers.m = h;
	}
	for (int i = 0; i < (n == 0 ? numSig : n); i++) {
		int sig = n == 0 ? i : sigs[i];
		if (!catchable(sig))
			continue; // Go: signum < 0, or a signal Notify leaves alone
		if (handler_want(h, sig))
			continue;
		h->mask[sig / 32] |= 1u << (sig & 31);
		if (handlers.ref[sig]++ == 0) {
			enableSignal(sig);
			watchSignalLoop();
		}
	}
	runtime_unlock(&handlers.lock);
}

/* Go: os/signal/signal.go Stop */
// C: Go waits for signals already in flight to be delivered (signalWaitUntilIdle);
// here process() runs under handlers.lock, so once c is unlinked nothing
// sends to it.
void
os_signal_Stop(runtime_hchan *c)
{
	handler **hp, *h;

	runtime_lock(&handlers.lock);
	for (hp = &handlers.m; *hp != NULL && (*hp)->c != c; hp = &(*hp)->next)
		;
	if ((h = *hp) == NULL) {
		runtime_unlock(&handlers.lock);
		return;
	}
	*hp = h->next;
	for (int sig = 1; sig < numSig; sig++)
		if (handler_want(h, sig) && --handlers.ref[sig] == 0)
			disableSignal(sig);
	runtime_unlock(&handlers.lock);
	free(h);
}

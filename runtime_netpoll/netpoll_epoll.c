// go:build linux
// C port of go1.19 src/runtime/netpoll_epoll.go: the epoll backend of the
// network poller (the contract is at the top of netpoll.c).
//
// C: Go 1.19 wakes a blocked netpoll with a pipe; an eventfd does the same
// with one descriptor.
#include "runtime_netpoll/runtime_impl.h"
#include "runtime_netpoll/netpoll.h"
#include "syscall/asm_linux_amd64.h"

#include <errno.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

static int epfd = -1;                   // the epoll instance; set by netpollinit
static int netpollBreakFd = -1;         // eventfd that netpollBreak writes
static _Atomic uint32_t netpollWakeSig; // 1 while a break is pending

/* Go: runtime/netpoll_epoll.go netpollinit */
void
runtime_netpollinit(void)
{
	struct epoll_event ev = {.events = EPOLLIN};

	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0) {
		fprintf(stderr, "runtime: epollcreate failed with %d\n", errno);
		runtime_throw("runtime: netpollinit failed");
	}
	netpollBreakFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (netpollBreakFd < 0) {
		fprintf(stderr, "runtime: eventfd failed with %d\n", errno);
		runtime_throw("runtime: eventfd failed");
	}
	ev.data.ptr = &netpollBreakFd;
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, netpollBreakFd, &ev) != 0) {
		fprintf(stderr, "runtime: epollctl failed with %d\n", errno);
		runtime_throw("runtime: epollctl failed");
	}
	atomic_store(&netpollWakeSig, 0);
}

// C: the other half of go_main's teardown (netpoll.c netpollFree).
void
runtime_netpollfini(void)
{
	close(netpollBreakFd);
	close(epfd);
	netpollBreakFd = epfd = -1;
}

/* Go: runtime/netpoll_epoll.go netpollIsPollDescriptor */
bool
runtime_netpollIsPollDescriptor(uintptr_t fd)
{
	return (int)fd == epfd || (int)fd == netpollBreakFd;
}

/* Go: runtime/netpoll_epoll.go netpollopen */
int32_t
runtime_netpollopen(uintptr_t fd, runtime_pollDesc *pd)
{
	struct epoll_event ev;

	// C: EPOLLPRI too, so that urgent data sets readStopSeen (netpoll.c
	// poll_runtime_pollShortReadDrained); alone it wakes nobody.
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLET;
	ev.data.ptr = pd;
	return epoll_ctl(epfd, EPOLL_CTL_ADD, (int)fd, &ev) == 0 ? 0 : errno;
}

/* Go: runtime/netpoll_epoll.go netpollclose */
int32_t
runtime_netpollclose(uintptr_t fd)
{
	struct epoll_event ev;

	return epoll_ctl(epfd, EPOLL_CTL_DEL, (int)fd, &ev) == 0 ? 0 : errno;
}

/* Go: runtime/netpoll_epoll.go netpollBreak */
void
runtime_netpollBreak(void)
{
	uint32_t zero = 0;
	uint64_t one = 1;

	// Only one pending wakeup at a time.
	if (!atomic_compare_exchange_strong(&netpollWakeSig, &zero, 1))
		return;
	for (;;) {
		ssize_t n = write(netpollBreakFd, &one, sizeof(one));
		if (n == sizeof(one))
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		fprintf(stderr, "runtime: netpollBreak write failed with %d\n", errno);
		runtime_throw("runtime: netpollBreak write failed");
	}
}

// epoll_wait's timeout for a delay in nanoseconds.
static int
waitms(int64_t delay)
{
	if (delay < 0)
		return -1;
	if (delay == 0)
		return 0;
	if (delay < 1000000)
		return 1;
	if (delay < 1000000000000000LL)
		return (int)(delay / 1000000);
	return 1000000000; // about 11.5 days: an arbitrary bound
}

enum {
	stackPrefetchLines = 8, // 512 bytes: gogo's save area and the park chain above it
};

/* C: no Go twin */
// Starts loading, for each goroutine netpoll just made ready, the top of
// its stack: gogo pops the saved registers from there and the goroutine
// then returns up the ~300-500 bytes of frames it parked from (Read, the
// fd lock, pollWait, gopark). With many connections taking turns, those
// lines are cold by then (the kernel's work for the others has evicted
// them), and they miss one after another, each behind a return that the
// stack switch made unpredictable. Prefetched here, the misses overlap
// each other and the work of the goroutines that run first. Measured with
// bench/ab.sh (two echo servers at the same time): 5-8% less server CPU
// per message with 1 000 connections while the machine's caches are busy,
// nothing when they are not; no change with 100 connections or one. A hint
// only: the stack is the goroutine's own (it is parked and on no run queue
// yet), and a prefetch never faults.
static void
prefetchStacks(runtime_gList list)
{
	for (runtime_g *gp = list.head; gp != NULL; gp = gp->schedlink) {
		const char *sp = (const char *)gp->sched.sp;

		for (int i = 0; i < stackPrefetchLines; i++)
			__builtin_prefetch(sp + 64 * i, 1, 2);
	}
}

/* Go: runtime/sys_linux_amd64.s epollwait */
// Returns the number of events, or -1 with *e set.
// C: a raw trap, as Go's runtime makes it (syscall/asm_linux_amd64.h); libc's
// epoll_wait is a cancellation point. TSan keeps libc's, which it intercepts.
static int
epollwait(int fd, struct epoll_event *ev, int nev, int ms, int *e)
{
#if GONET_TSAN
	int n = epoll_wait(fd, ev, nev, ms);

	*e = n < 0 ? errno : 0;
	return n;
#else
	uintptr_t r1;

	*e = (int)syscall_RawSyscall6(SYS_epoll_pwait, (uintptr_t)fd, (uintptr_t)ev, (uintptr_t)nev,
				      (uintptr_t)(intptr_t)ms, 0, 0, &r1);
	return (int)r1;
#endif
}

/* Go: runtime/netpoll_epoll.go netpoll */
runtime_gList
runtime_netpoll(int64_t delay)
{
	struct epoll_event events[128];
	runtime_gList toRun = {NULL};
	int ms, n, e;

	if (epfd == -1)
		return toRun;
	ms = waitms(delay);
retry:
	n = epollwait(epfd, events, 128, ms, &e);
	if (n < 0) {
		if (e != EINTR) {
			fprintf(stderr, "runtime: epollwait on fd %d failed with %d\n", epfd, e);
			runtime_throw("runtime: netpoll failed");
		}
		// A timed sleep was interrupted: let the caller work out how
		// long to sleep now.
		if (ms > 0)
			return toRun;
		goto retry;
	}
	for (int i = 0; i < n; i++) {
		struct epoll_event *ev = &events[i];
		int32_t mode = 0;

		if (ev->events == 0)
			continue;
		if (ev->data.ptr == &netpollBreakFd) {
			if (ev->events != EPOLLIN) {
				fprintf(stderr, "runtime: netpoll: break fd ready for %x\n",
					ev->events);
				runtime_throw("runtime: netpoll: break fd ready for something "
					      "unexpected");
			}
			if (delay != 0) {
				// A non-blocking poll may see the break too; only a
				// blocking one consumes it.
				uint64_t tmp;
				ssize_t r = read(netpollBreakFd, &tmp, sizeof(tmp));
				(void)r;
				atomic_store(&netpollWakeSig, 0);
			}
			continue;
		}
		if (ev->events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
			mode += 'r';
		if (ev->events & (EPOLLOUT | EPOLLHUP | EPOLLERR))
			mode += 'w';
		if (ev->events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR | EPOLLPRI))
			atomic_store(&((runtime_pollDesc *)ev->data.ptr)->readStopSeen, true);
		if (mode != 0) {
			runtime_pollDesc *pd = ev->data.ptr;
			runtime_pollDesc_setEventErr(pd, ev->events == EPOLLERR);
			runtime_netpollready(&toRun, pd, mode);
		}
	}
	prefetchStacks(toRun); // C: a cache hint, see prefetchStacks
	return toRun;
}

// C port of go1.19 src/runtime/netpoll.go: the platform-independent half
// of the network poller.
//
// The contract every backend (netpoll_epoll.c; later netpoll_kqueue.c)
// implements, as Go's netpoll.go states it:
//   netpollinit()              create the poller (called once)
//   netpollopen(fd, pd)        arm edge-triggered notifications for fd
//   netpollclose(fd)           disarm them
//   netpoll(delay)             poll; block for delay ns (< 0 forever,
//                              0 not at all); return the goroutines made
//                              runnable
//   netpollBreak()             wake a netpoll blocked in another thread
//   netpollIsPollDescriptor(fd) whether fd belongs to the poller itself
// and calls netpollready(&list, pd, mode) for every ready descriptor.
#include "runtime_netpoll/runtime_impl.h"
#include "runtime_netpoll/netpoll.h"

#include <stdlib.h>

enum { pollBlockSize = 4 * 1024 };

// C: a block of pollDescs; the chain keeps every block reachable from its
// start (valgrind would call a block reached only through interior
// pointers "possibly lost").
typedef struct pollBlock {
	struct pollBlock *next;
	runtime_pollDesc pds[];
} pollBlock;

// Go: pollCache. pollDescs are carved from 4 KiB blocks and recycled,
// never freed.
static struct {
	runtime_mutex lock; // protects first and blocks
	runtime_pollDesc *first;
	pollBlock *blocks;
} pollcache;

static _Atomic uint32_t netpollInited;   // 1 once netpollinit ran
static runtime_mutex netpollInitLock;    // serialises netpollinit
_Atomic uint32_t runtime_netpollWaiters; // goroutines parked in netpollblock

/* Go: runtime/netpoll.go netpollGenericInit */
void
runtime_netpollGenericInit(void)
{
	if (atomic_load(&netpollInited) == 0) {
		runtime_lock(&netpollInitLock);
		if (atomic_load(&netpollInited) == 0) {
			runtime_netpollinit();
			atomic_store(&netpollInited, 1);
		}
		runtime_unlock(&netpollInitLock);
	}
}

/* Go: runtime/netpoll.go netpollinited */
bool
runtime_netpollinited(void)
{
	return atomic_load(&netpollInited) != 0;
}

// C: Go's poller lives as long as the process; go_main's teardown closes
// it so the runtime can start again.
void
runtime_netpollFree(void)
{
	if (atomic_load(&netpollInited) == 0)
		return;
	runtime_netpollfini();
	atomic_store(&netpollInited, 0);
	atomic_store(&runtime_netpollWaiters, 0);
}

/* Go: runtime/netpoll.go (*pollDesc).info */
uint32_t
runtime_pollDesc_info(runtime_pollDesc *pd)
{
	return atomic_load(&pd->atomicInfo);
}

// Go: pollInfo's methods, the bits of a pollDesc's info. C: the info is a
// plain uint32_t.

/* Go: runtime/netpoll.go pollInfo.closing */
static bool
pollInfo_closing(uint32_t i)
{
	return (i & runtime_pollClosing) != 0;
}

/* Go: runtime/netpoll.go pollInfo.eventErr */
static bool
pollInfo_eventErr(uint32_t i)
{
	return (i & runtime_pollEventErr) != 0;
}

/* Go: runtime/netpoll.go pollInfo.expiredReadDeadline */
static bool
pollInfo_expiredReadDeadline(uint32_t i)
{
	return (i & runtime_pollExpiredReadDeadline) != 0;
}

/* Go: runtime/netpoll.go pollInfo.expiredWriteDeadline */
static bool
pollInfo_expiredWriteDeadline(uint32_t i)
{
	return (i & runtime_pollExpiredWriteDeadline) != 0;
}

/* Go: runtime/netpoll.go (*pollDesc).publishInfo */
// Called with pd->lock held: summarises closing, rd and wd.
void
runtime_pollDesc_publishInfo(runtime_pollDesc *pd)
{
	uint32_t info = 0, x;

	if (pd->closing)
		info |= runtime_pollClosing;
	if (pd->rd < 0)
		info |= runtime_pollExpiredReadDeadline;
	if (pd->wd < 0)
		info |= runtime_pollExpiredWriteDeadline;
	// Keep the event error bit, which netpoll sets without the lock.
	x = atomic_load(&pd->atomicInfo);
	while (!atomic_compare_exchange_weak(&pd->atomicInfo, &x,
					     (x & runtime_pollEventErr) | info))
		;
}

/* Go: runtime/netpoll.go (*pollDesc).setEventErr */
void
runtime_pollDesc_setEventErr(runtime_pollDesc *pd, bool b)
{
	uint32_t x = atomic_load(&pd->atomicInfo);

	while (((x & runtime_pollEventErr) != 0) != b &&
	       !atomic_compare_exchange_weak(&pd->atomicInfo, &x, x ^ runtime_pollEventErr))
		;
}

/* Go: runtime/netpoll.go poll_runtime_pollServerInit */
void
poll_runtime_pollServerInit(void)
{
	runtime_netpollGenericInit();
}

/* Go: runtime/netpoll.go poll_runtime_isPollServerDescriptor */
bool
poll_runtime_isPollServerDescriptor(uintptr_t fd)
{
	return runtime_netpollIsPollDescriptor(fd);
}

/* Go: runtime/netpoll.go (*pollCache).alloc */
static runtime_pollDesc *
pollCache_alloc(void)
{
	runtime_pollDesc *pd;

	runtime_lock(&pollcache.lock);
	if (pollcache.first == NULL) {
		size_t n = pollBlockSize / sizeof(runtime_pollDesc);
		runtime_pollDesc *mem;
		pollBlock *b;
		if (n == 0)
			n = 1;
		// C: Go's persistentalloc; the block stays reachable from
		// pollcache for the life of the process.
		b = runtime_newobject(sizeof(pollBlock) + n * sizeof(runtime_pollDesc));
		b->next = pollcache.blocks;
		pollcache.blocks = b;
		mem = b->pds;
		for (size_t i = 0; i < n; i++) {
			mem[i].link = pollcache.first;
			pollcache.first = &mem[i];
		}
	}
	pd = pollcache.first;
	pollcache.first = pd->link;
	runtime_unlock(&pollcache.lock);
	return pd;
}

/* Go: runtime/netpoll.go (*pollCache).free */
static void
pollCache_free(runtime_pollDesc *pd)
{
	runtime_lock(&pollcache.lock);
	pd->link = pollcache.first;
	pollcache.first = pd;
	runtime_unlock(&pollcache.lock);
}

/* Go: runtime/netpoll.go poll_runtime_pollOpen */
// Returns the pollDesc, or NULL with *errno_ set by netpollopen.
runtime_pollDesc *
poll_runtime_pollOpen(uintptr_t fd, int *errno_)
{
	runtime_pollDesc *pd = pollCache_alloc();
	uintptr_t wg, rg;
	int32_t e;

	runtime_lock(&pd->lock);
	wg = atomic_load(&pd->wg);
	if (wg != 0 && wg != runtime_pdReady)
		runtime_throw("runtime: blocked write on free polldesc");
	rg = atomic_load(&pd->rg);
	if (rg != 0 && rg != runtime_pdReady)
		runtime_throw("runtime: blocked read on free polldesc");
	pd->fd = fd;
	pd->closing = false;
	runtime_pollDesc_setEventErr(pd, false);
	atomic_store(&pd->readStopSeen, false);
	pd->rseq++;
	atomic_store(&pd->rg, 0);
	pd->rd = 0;
	pd->wseq++;
	atomic_store(&pd->wg, 0);
	pd->wd = 0;
	runtime_pollDesc_publishInfo(pd);
	runtime_unlock(&pd->lock);

	e = runtime_netpollopen(fd, pd);
	if (e != 0) {
		pollCache_free(pd);
		*errno_ = e;
		return NULL;
	}
	*errno_ = 0;
	return pd;
}

/* Go: runtime/netpoll.go poll_runtime_pollClose */
void
poll_runtime_pollClose(runtime_pollDesc *pd)
{
	uintptr_t wg, rg;

	if (!pd->closing)
		runtime_throw("runtime: close polldesc w/o unblock");
	wg = atomic_load(&pd->wg);
	if (wg != 0 && wg != runtime_pdReady)
		runtime_throw("runtime: blocked write on closing polldesc");
	rg = atomic_load(&pd->rg);
	if (rg != 0 && rg != runtime_pdReady)
		runtime_throw("runtime: blocked read on closing polldesc");
	runtime_netpollclose(pd->fd);
	pollCache_free(pd);
}

/* Go: runtime/netpoll.go poll_runtime_pollReset */
int
poll_runtime_pollReset(runtime_pollDesc *pd, int mode)
{
	int errcode = runtime_netpollcheckerr(pd, mode);

	if (errcode != runtime_pollNoError)
		return errcode;
	if (mode == 'r')
		atomic_store(&pd->rg, 0);
	else if (mode == 'w')
		atomic_store(&pd->wg, 0);
	return runtime_pollNoError;
}

// C: no Go twin. A TCP read that returns fewer bytes than asked for has
// emptied the socket's receive queue, and with edge-triggered epoll every
// byte that arrives later raises a new event, which sets rg to pdReady or
// wakes the waiter. The exceptions are the places where tcp_recvmsg stops
// short of queued data or of the end: urgent data, a FIN, an error. Their
// events set readStopSeen before they touch rg (netpoll_epoll.c); a reader
// that reset rg before its read and sees no stop flag after it knows that
// any such event arrives after the reset, so it is not lost.
bool
poll_runtime_pollShortReadDrained(runtime_pollDesc *pd)
{
	return !atomic_load(&pd->readStopSeen);
}

/* Go: runtime/netpoll.go poll_runtime_pollWait */
int
poll_runtime_pollWait(runtime_pollDesc *pd, int mode)
{
	int errcode = runtime_netpollcheckerr(pd, mode);

	if (errcode != runtime_pollNoError)
		return errcode;
	while (!runtime_netpollblock(pd, mode, false)) {
		errcode = runtime_netpollcheckerr(pd, mode);
		if (errcode != runtime_pollNoError)
			return errcode;
		// Woken by a timer that has since been reset, or by a stale
		// event: wait again.
	}
	return runtime_pollNoError;
}

/* Go: runtime/netpoll.go poll_runtime_pollWaitCanceled */
void
poll_runtime_pollWaitCanceled(runtime_pollDesc *pd, int mode)
{
	// Only for Windows' canceled I/O; kept for the contract.
	while (!runtime_netpollblock(pd, mode, true))
		;
}

// Go: makeArg wraps pd in an interface for the timer; C: the pointer itself.

// Arms, re-arms or deletes the read (or combined) deadline timer.
static void
setReadTimer(runtime_pollDesc *pd, int64_t rd0, bool combo, bool combo0)
{
	void (*rtf)(void *, uintptr_t) =
		combo ? runtime_netpollDeadline : runtime_netpollReadDeadline;

	if (pd->rt.f == NULL) {
		if (pd->rd > 0) {
			pd->rt.f = rtf;
			pd->rt.arg = pd;
			pd->rt.seq = pd->rseq;
			runtime_resettimer(&pd->rt, pd->rd);
		}
	} else if (pd->rd != rd0 || combo != combo0) {
		pd->rseq++; // make the pending timer stale
		if (pd->rd > 0) {
			runtime_modtimer(&pd->rt, pd->rd, 0, rtf, pd, pd->rseq);
		} else {
			runtime_deltimer(&pd->rt);
			pd->rt.f = NULL;
		}
	}
}

// The write deadline timer; unused while a combined timer covers both.
static void
setWriteTimer(runtime_pollDesc *pd, int64_t wd0, bool combo, bool combo0)
{
	if (pd->wt.f == NULL) {
		if (pd->wd > 0 && !combo) {
			pd->wt.f = runtime_netpollWriteDeadline;
			pd->wt.arg = pd;
			pd->wt.seq = pd->wseq;
			runtime_resettimer(&pd->wt, pd->wd);
		}
	} else if (pd->wd != wd0 || combo != combo0) {
		pd->wseq++; // make the pending timer stale
		if (pd->wd > 0 && !combo) {
			runtime_modtimer(&pd->wt, pd->wd, 0, runtime_netpollWriteDeadline, pd,
					 pd->wseq);
		} else {
			runtime_deltimer(&pd->wt);
			pd->wt.f = NULL;
		}
	}
}

/* Go: runtime/netpoll.go netpollgoready */
static void
netpollgoready(runtime_g *gp)
{
	atomic_fetch_sub(&runtime_netpollWaiters, 1);
	runtime_goready(gp);
}

/* Go: runtime/netpoll.go poll_runtime_pollSetDeadline */
// C: Go's one function is split in three (the two timer halves above) to
// stay within a screen; the order of operations is Go's.
void
poll_runtime_pollSetDeadline(runtime_pollDesc *pd, int64_t d, int mode)
{
	int64_t rd0, wd0;
	bool combo0, combo;
	runtime_g *rg = NULL, *wg = NULL;

	runtime_lock(&pd->lock);
	if (pd->closing) {
		runtime_unlock(&pd->lock);
		return;
	}
	rd0 = pd->rd;
	wd0 = pd->wd;
	combo0 = rd0 > 0 && rd0 == wd0;
	if (d > 0) {
		// C: Go's add wraps; in C a signed overflow is undefined.
		if (__builtin_add_overflow(d, runtime_nanotime(), &d) || d <= 0)
			d = INT64_MAX; // overflow: as good as never
	}
	if (mode == 'r' || mode == 'r' + 'w')
		pd->rd = d;
	if (mode == 'w' || mode == 'r' + 'w')
		pd->wd = d;
	runtime_pollDesc_publishInfo(pd);
	combo = pd->rd > 0 && pd->rd == pd->wd;
	setReadTimer(pd, rd0, combo, combo0);
	setWriteTimer(pd, wd0, combo, combo0);
	// A deadline in the past unblocks waiters now.
	if (pd->rd < 0)
		rg = runtime_netpollunblock(pd, 'r', false);
	if (pd->wd < 0)
		wg = runtime_netpollunblock(pd, 'w', false);
	runtime_unlock(&pd->lock);
	if (rg != NULL)
		netpollgoready(rg);
	if (wg != NULL)
		netpollgoready(wg);
}

/* Go: runtime/netpoll.go poll_runtime_pollUnblock */
void
poll_runtime_pollUnblock(runtime_pollDesc *pd)
{
	runtime_g *rg, *wg;

	runtime_lock(&pd->lock);
	if (pd->closing)
		runtime_throw("runtime: unblock on closing polldesc");
	pd->closing = true;
	pd->rseq++;
	pd->wseq++;
	runtime_pollDesc_publishInfo(pd);
	rg = runtime_netpollunblock(pd, 'r', false);
	wg = runtime_netpollunblock(pd, 'w', false);
	if (pd->rt.f != NULL) {
		runtime_deltimer(&pd->rt);
		pd->rt.f = NULL;
	}
	if (pd->wt.f != NULL) {
		runtime_deltimer(&pd->wt);
		pd->wt.f = NULL;
	}
	runtime_unlock(&pd->lock);
	if (rg != NULL)
		netpollgoready(rg);
	if (wg != NULL)
		netpollgoready(wg);
}

/* Go: runtime/netpoll.go netpollready */
// Called by the backend for each ready descriptor; adds the woken
// goroutines to toRun. mode is 'r', 'w' or 'r'+'w'.
void
runtime_netpollready(runtime_gList *toRun, runtime_pollDesc *pd, int32_t mode)
{
	runtime_g *rg = NULL, *wg = NULL;

	if (mode == 'r' || mode == 'r' + 'w')
		rg = runtime_netpollunblock(pd, 'r', true);
	if (mode == 'w' || mode == 'r' + 'w')
		wg = runtime_netpollunblock(pd, 'w', true);
	if (rg != NULL)
		runtime_gList_push(toRun, rg);
	if (wg != NULL)
		runtime_gList_push(toRun, wg);
}

/* Go: runtime/netpoll.go netpollcheckerr */
int
runtime_netpollcheckerr(runtime_pollDesc *pd, int32_t mode)
{
	uint32_t info = runtime_pollDesc_info(pd);

	if (pollInfo_closing(info))
		return runtime_pollErrClosing;
	if ((mode == 'r' && pollInfo_expiredReadDeadline(info)) ||
	    (mode == 'w' && pollInfo_expiredWriteDeadline(info)))
		return runtime_pollErrTimeout;
	// Only reads report an event error: a write will learn of it from the
	// system call itself.
	if (mode == 'r' && pollInfo_eventErr(info))
		return runtime_pollErrNotPollable;
	return runtime_pollNoError;
}

/* Go: runtime/netpoll.go netpollblockcommit */
// gopark's unlock function: publish the G in rg/wg, unless an event or
// timer already replaced pdWait.
static bool
netpollblockcommit(runtime_g *gp, void *gpp)
{
	uintptr_t wait = runtime_pdWait;
	bool r = atomic_compare_exchange_strong((_Atomic uintptr_t *)gpp, &wait, (uintptr_t)gp);

	if (r) {
		// Count before the scheduler's next look at the poller, so
		// findrunnable does not skip netpoll while we wait.
		atomic_fetch_add(&runtime_netpollWaiters, 1);
	}
	return r;
}

/* C: no Go twin */
// Counts a park on pp. Only the M holding pp runs this, so a load and a
// store cannot lose a count. The locked add on one global counter that
// this replaces cost the echo server 0.3-1.3% of its CPU per message
// (bench/ab.sh, after ÷ before, two sets of 7 rounds: 0.994 and 0.997 in
// ping-pong over 1 000 connections, 0.987 and 0.995 at 25 000 msgs/s
// over 100).
static inline void
countPark(runtime_p *pp)
{
	uint64_t n = atomic_load_explicit(&pp->netpollParks, memory_order_relaxed);

	atomic_store_explicit(&pp->netpollParks, n + 1, memory_order_relaxed);
}

/* C: no Go twin */
uint64_t
runtime_netpollParks(void)
{
	uint64_t n = 0;

	if (runtime_allp == NULL)
		return 0;
	for (int32_t i = 0; i < runtime_gomaxprocs; i++)
		n += atomic_load_explicit(&runtime_allp[i]->netpollParks, memory_order_relaxed);
	return n;
}

/* Go: runtime/netpoll.go netpollblock */
// Returns true if I/O is ready, false if a timeout or close interrupted.
// waitio: park even if an error is pending (Windows' canceled I/O).
bool
runtime_netpollblock(runtime_pollDesc *pd, int32_t mode, bool waitio)
{
	_Atomic uintptr_t *gpp = mode == 'w' ? &pd->wg : &pd->rg;
	uintptr_t old, v;

	// Move rg/wg to pdWait, or consume a pending notification.
	for (;;) {
		uintptr_t ready = runtime_pdReady, zero = 0;
		if (atomic_compare_exchange_strong(gpp, &ready, 0))
			return true;
		if (atomic_compare_exchange_strong(gpp, &zero, runtime_pdWait))
			break;
		// Anything else than pdReady or 0 means another G already waits.
		if ((v = atomic_load(gpp)) != runtime_pdReady && v != 0)
			runtime_throw("runtime: double wait");
	}
	// Re-check the error after setting pdWait: a concurrent close or
	// deadline sees pdWait and clears it, so either way we learn of it.
	if (waitio || runtime_netpollcheckerr(pd, mode) == runtime_pollNoError) {
		countPark(runtime_getg()->m->p);
		runtime_gopark(netpollblockcommit, (void *)gpp, runtime_waitReasonIOWait);
	}
	old = atomic_exchange(gpp, 0);
	if (old > runtime_pdWait)
		runtime_throw("runtime: corrupted polldesc");
	return old == runtime_pdReady;
}

/* Go: runtime/netpoll.go netpollunblock */
// Moves rg/wg on; returns the G to wake, if one was parked. ioready: the
// descriptor is ready (store pdReady) rather than timed out or closed.
runtime_g *
runtime_netpollunblock(runtime_pollDesc *pd, int32_t mode, bool ioready)
{
	_Atomic uintptr_t *gpp = mode == 'w' ? &pd->wg : &pd->rg;

	for (;;) {
		uintptr_t old = atomic_load(gpp);
		uintptr_t new_ = ioready ? runtime_pdReady : 0;
		if (old == runtime_pdReady)
			return NULL;
		if (old == 0 && !ioready) // nobody waits and nothing to report
			return NULL;
		if (atomic_compare_exchange_strong(gpp, &old, new_)) {
			if (old == runtime_pdWait)
				old = 0;
			return (runtime_g *)old;
		}
	}
}

/* Go: runtime/netpoll.go netpolldeadlineimpl */
static void
netpolldeadlineimpl(runtime_pollDesc *pd, uintptr_t seq, bool read, bool write)
{
	runtime_g *rg = NULL, *wg = NULL;

	runtime_lock(&pd->lock);
	// The seq the timer was armed with must be current: otherwise the
	// descriptor was reused or the deadline reset since.
	if (seq != (read ? pd->rseq : pd->wseq)) {
		runtime_unlock(&pd->lock);
		return;
	}
	if (read) {
		if (pd->rd <= 0 || pd->rt.f == NULL)
			runtime_throw("runtime: inconsistent read deadline");
		pd->rd = -1;
		runtime_pollDesc_publishInfo(pd);
		rg = runtime_netpollunblock(pd, 'r', false);
	}
	if (write) {
		if (pd->wd <= 0 || (pd->wt.f == NULL && !read))
			runtime_throw("runtime: inconsistent write deadline");
		pd->wd = -1;
		runtime_pollDesc_publishInfo(pd);
		wg = runtime_netpollunblock(pd, 'w', false);
	}
	runtime_unlock(&pd->lock);
	if (rg != NULL)
		netpollgoready(rg);
	if (wg != NULL)
		netpollgoready(wg);
}

/* Go: runtime/netpoll.go netpollDeadline */
void
runtime_netpollDeadline(void *arg, uintptr_t seq)
{
	netpolldeadlineimpl(arg, seq, true, true);
}

/* Go: runtime/netpoll.go netpollReadDeadline */
void
runtime_netpollReadDeadline(void *arg, uintptr_t seq)
{
	netpolldeadlineimpl(arg, seq, true, false);
}

/* Go: runtime/netpoll.go netpollWriteDeadline */
void
runtime_netpollWriteDeadline(void *arg, uintptr_t seq)
{
	netpolldeadlineimpl(arg, seq, false, true);
}

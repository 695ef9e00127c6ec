// C port of go1.19 src/runtime/chan.go: channels (hchan), send, receive,
// close, the direct hand-off between a sender and a parked receiver (and
// back), and the wait queues of sudogs that select.c shares.
//
// The protocol is Go's: every field of a channel is guarded by c.lock; a
// goroutine that must wait enqueues a sudog pointing at its element and
// parks through gopark, whose unlock function (chanparkcommit) releases
// c.lock only once the goroutine is off its stack, so a waker can never
// ready it before it has parked. The waker copies the element straight to
// or from the parked goroutine's memory (sendDirect/recvDirect), records
// success in the sudog and readies it.
//
// C: no garbage collector, no write barriers, no race-detector or
// block-profile hooks (TSan sees the lock's atomics and the run-queue
// hand-off instead). The fields read without the lock by the non-blocking
// fast paths (qcount, closed, waitq.first) are C11 atomics accessed with
// relaxed order, which is what Go's plain or atomic loads compile to.
#include "runtime_netpoll/chan.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/chan_impl.h"
#include "runtime_netpoll/runtime_impl.h"

#define relaxed memory_order_relaxed

enum {
	// C: Go aligns elements to maxAlign (8) and throws for larger
	// alignments; C elements may need 16 (long double), so the buffer
	// after the header is aligned to max_align_t.
	maxAlign = alignof(max_align_t),
	hchanSize = (sizeof(runtime_hchan) + maxAlign - 1) & ~(size_t)(maxAlign - 1),
};

// Go: malloc.go maxAlloc on linux/amd64 (48-bit address space).
static const uint64_t maxAlloc = (uint64_t)1 << 48;

/* Go: runtime/chan.go makechan */
runtime_hchan *
runtime_makechan(size_t elemsize, int size)
{
	runtime_hchan *c;
	size_t mem;

	if (elemsize >= 1 << 16)
		runtime_throw("makechan: invalid channel element type");
	if (size < 0 || (elemsize != 0 && (uint64_t)size > (maxAlloc - hchanSize) / elemsize))
		runtime_panicstring("makechan: size out of range");
	mem = elemsize * (size_t)size;

	// C: one allocation for the header and the buffer in every case
	// (Go separates them only for element types the GC must scan).
	c = runtime_newobject(hchanSize + mem);
	c->buf = (char *)c + hchanSize;
	c->elemsize = (uint16_t)elemsize;
	c->dataqsiz = (size_t)size;
	return c;
}

/* C: no Go twin (GC) */
void
runtime_chanfree(runtime_hchan *c)
{
	if (c == NULL)
		return;
	if (c->embedded)
		runtime_throw("chanfree: channel belongs to another object");
	runtime_lockChan(&c->lock);
	if (atomic_load_explicit(&c->recvq.first, relaxed) != NULL ||
	    atomic_load_explicit(&c->sendq.first, relaxed) != NULL)
		runtime_throw("chanfree: goroutines are blocked on the channel");
	runtime_unlockChan(&c->lock);
	free(c);
}

/* C: no Go twin (makechan into caller-provided memory) */
void
runtime_chaninit(runtime_hchan *c, size_t elemsize, int size, void *buf)
{
	if (elemsize >= 1 << 16)
		runtime_throw("makechan: invalid channel element type");
	if (size < 0)
		runtime_panicstring("makechan: size out of range");
	memset(c, 0, sizeof(*c));
	c->buf = buf;
	c->elemsize = (uint16_t)elemsize;
	c->dataqsiz = (size_t)size;
	c->embedded = true;
}

/* Go: runtime/chan.go chanbuf */
void *
runtime_chanbuf(runtime_hchan *c, size_t i)
{
	return (char *)c->buf + i * c->elemsize;
}

/* Go: runtime/mbarrier.go typedmemmove */
// Copies one element. C: no write barrier; a zero-size element copies
// nothing (its pointers may be nil, which memmove must not see). A
// word-sized element (a pointer, an int64) is one move, not a call to
// memmove; two slots of a channel never partly overlap.
void
runtime_typedmemmove(runtime_hchan *c, void *dst, const void *src)
{
	if (dst == src || c->elemsize == 0)
		return;
	if (c->elemsize == sizeof(uint64_t)) {
		memcpy(dst, src, sizeof(uint64_t));
		return;
	}
	memmove(dst, src, c->elemsize);
}

/* Go: runtime/mbarrier.go typedmemclr */
void
runtime_typedmemclr(runtime_hchan *c, void *ptr)
{
	if (c->elemsize == 0)
		return;
	memset(ptr, 0, c->elemsize);
}

/* Go: runtime/chan.go full */
// Whether a send on c would block. Read without the lock: the answer may
// be stale by the time the caller acts on it, as in Go.
static bool
full(runtime_hchan *c)
{
	if (c->dataqsiz == 0)
		return atomic_load_explicit(&c->recvq.first, relaxed) == NULL;
	return atomic_load_explicit(&c->qcount, relaxed) == c->dataqsiz;
}

/* Go: runtime/chan.go chansend1 */
void
runtime_chansend1(runtime_hchan *c, const void *elem)
{
	runtime_chansend(c, elem, true);
}

/* Go: runtime/chan.go chansend */
// Sends *ep on c. With block == false, returns false instead of waiting.
bool
runtime_chansend(runtime_hchan *c, const void *ep, bool block)
{
	runtime_g *gp;
	runtime_sudog *sg, *mysg;
	bool closed;

	if (c == NULL) {
		if (!block)
			return false;
		runtime_gopark(NULL, NULL, runtime_waitReasonChanSendNilChan);
		runtime_throw("unreachable");
	}

	// Fast path: a non-blocking send on an open, full channel fails
	// without the lock. Reading closed before full would be wrong only
	// the other way round (see Go's reasoning in chan.go).
	if (!block && atomic_load_explicit(&c->closed, relaxed) == 0 && full(c))
		return false;

	runtime_lockChan(&c->lock);

	if (atomic_load_explicit(&c->closed, relaxed) != 0) {
		runtime_unlockChan(&c->lock);
		runtime_panicstring("send on closed channel");
	}

	if ((sg = runtime_waitq_dequeue(&c->recvq)) != NULL) {
		// A receiver is waiting: hand the value over directly.
		runtime_send(c, sg, ep, runtime_chanunlock, c);
		return true;
	}

	if (atomic_load_explicit(&c->qcount, relaxed) < c->dataqsiz) {
		// Room in the buffer.
		runtime_typedmemmove(c, runtime_chanbuf(c, c->sendx), ep);
		c->sendx++;
		if (c->sendx == c->dataqsiz)
			c->sendx = 0;
		atomic_store_explicit(&c->qcount, atomic_load_explicit(&c->qcount, relaxed) + 1,
				      relaxed);
		runtime_unlockChan(&c->lock);
		return true;
	}

	if (!block) {
		runtime_unlockChan(&c->lock);
		return false;
	}

	// Block on the channel; a receiver will complete the operation.
	gp = runtime_getg();
	mysg = runtime_acquireSudog();
	mysg->releasetime = 0;
	// C: the sender's element is only read (sendDirect, recv).
	mysg->elem = (void *)ep;
	mysg->waitlink = NULL;
	mysg->g = gp;
	mysg->isSelect = false;
	mysg->c = c;
	gp->waiting = mysg;
	gp->param = 0;
	runtime_waitq_enqueue(&c->sendq, mysg);
	gp->parkingOnChan = true;
	runtime_gopark(runtime_chanparkcommit, &c->lock, runtime_waitReasonChanSend);

	// Woken: either a receiver took the value or c was closed.
	gp = runtime_getg();
	if (mysg != gp->waiting)
		runtime_throw("G waiting list is corrupted");
	gp->waiting = NULL;
	closed = !mysg->success;
	gp->param = 0;
	mysg->c = NULL;
	runtime_releaseSudog(mysg);
	if (closed) {
		if (atomic_load_explicit(&c->closed, relaxed) == 0)
			runtime_throw("chansend: spurious wakeup");
		runtime_panicstring("send on closed channel");
	}
	return true;
}

/* Go: runtime/chan.go send */
// Completes a send to the receiver sg, which a dequeue took off c.recvq.
// The channel lock(s) are held; unlockf(arg) releases them (Go passes a
// closure) before the receiver is readied.
void
runtime_send(runtime_hchan *c, runtime_sudog *sg, const void *ep, void (*unlockf)(void *),
	     void *arg)
{
	runtime_g *gp;

	if (sg->elem != NULL) {
		runtime_sendDirect(c, sg, ep);
		sg->elem = NULL;
	}
	gp = sg->g;
	unlockf(arg);
	gp->param = (uintptr_t)sg;
	sg->success = true;
	runtime_goready(gp);
}

/* Go: runtime/chan.go sendDirect */
// Writes the value straight into the parked receiver's memory (its
// stack, typically). C: no write barrier to run, no stack to move.
void
runtime_sendDirect(runtime_hchan *c, runtime_sudog *sg, const void *src)
{
	runtime_typedmemmove(c, sg->elem, src);
}

/* Go: runtime/chan.go recvDirect */
static void
recvDirect(runtime_hchan *c, runtime_sudog *sg, void *dst)
{
	runtime_typedmemmove(c, dst, sg->elem);
}

/* Go: runtime/chan.go closechan */
void
runtime_closechan(runtime_hchan *c)
{
	runtime_gList glist = {NULL};
	runtime_sudog *sg;
	runtime_g *gp;

	if (c == NULL)
		runtime_panicstring("close of nil channel");

	runtime_lockChan(&c->lock);
	if (atomic_load_explicit(&c->closed, relaxed) != 0) {
		runtime_unlockChan(&c->lock);
		runtime_panicstring("close of closed channel");
	}

	atomic_store_explicit(&c->closed, 1, relaxed);

	// Release every reader: they get the zero value and ok == false.
	while ((sg = runtime_waitq_dequeue(&c->recvq)) != NULL) {
		if (sg->elem != NULL) {
			runtime_typedmemclr(c, sg->elem);
			sg->elem = NULL;
		}
		gp = sg->g;
		gp->param = (uintptr_t)sg;
		sg->success = false;
		runtime_gList_push(&glist, gp);
	}

	// Release every writer: they will panic.
	while ((sg = runtime_waitq_dequeue(&c->sendq)) != NULL) {
		sg->elem = NULL;
		gp = sg->g;
		gp->param = (uintptr_t)sg;
		sg->success = false;
		runtime_gList_push(&glist, gp);
	}
	runtime_unlockChan(&c->lock);

	// Ready them all now that the lock is dropped.
	while (!runtime_gList_empty(&glist)) {
		gp = runtime_gList_pop(&glist);
		gp->schedlink = NULL;
		runtime_goready(gp);
	}
}

/* Go: runtime/chan.go empty */
// Whether a receive from c would block. Read without the lock.
static bool
empty(runtime_hchan *c)
{
	if (c->dataqsiz == 0)
		return atomic_load_explicit(&c->sendq.first, relaxed) == NULL;
	return atomic_load_explicit(&c->qcount, relaxed) == 0;
}

/* Go: runtime/chan.go chanrecv1 */
void
runtime_chanrecv1(runtime_hchan *c, void *elem)
{
	runtime_chanrecv(c, elem, true, NULL);
}

/* Go: runtime/chan.go chanrecv2 */
bool
runtime_chanrecv2(runtime_hchan *c, void *elem)
{
	bool received;

	runtime_chanrecv(c, elem, true, &received);
	return received;
}

/* Go: runtime/chan.go chanrecv */
// Receives from c into *ep (ep may be NULL: the value is dropped). With
// block == false, returns false (not selected) instead of waiting. A
// closed, empty channel selects with *received == false and zeroes *ep.
// C: Go's (selected, received) results: the return value and *received
// (which may be NULL).
bool
runtime_chanrecv(runtime_hchan *c, void *ep, bool block, bool *received)
{
	runtime_sudog *sg, *mysg;
	runtime_g *gp;
	bool success;

	if (received != NULL)
		*received = false;
	if (c == NULL) {
		if (!block)
			return false;
		runtime_gopark(NULL, NULL, runtime_waitReasonChanReceiveNilChan);
		runtime_throw("unreachable");
	}

	// Fast path: fail a non-blocking receive without the lock.
	if (!block && empty(c)) {
		// The channel cannot be reopened, so once closed is seen the
		// second emptiness check tells a closed-and-drained channel
		// from one that received a value in between.
		if (atomic_load(&c->closed) == 0)
			return false;
		if (empty(c)) {
			if (ep != NULL)
				runtime_typedmemclr(c, ep);
			return true;
		}
	}

	runtime_lockChan(&c->lock);

	if (atomic_load_explicit(&c->closed, relaxed) != 0) {
		if (atomic_load_explicit(&c->qcount, relaxed) == 0) {
			runtime_unlockChan(&c->lock);
			if (ep != NULL)
				runtime_typedmemclr(c, ep);
			return true;
		}
		// Closed with data left: drain the buffer first.
	} else if ((sg = runtime_waitq_dequeue(&c->sendq)) != NULL) {
		// A sender is waiting: take its value (unbuffered) or the
		// buffer's head, refilling the buffer from the sender.
		runtime_recv(c, sg, ep, runtime_chanunlock, c);
		if (received != NULL)
			*received = true;
		return true;
	}

	if (atomic_load_explicit(&c->qcount, relaxed) > 0) {
		// Take straight from the buffer.
		void *qp = runtime_chanbuf(c, c->recvx);

		if (ep != NULL)
			runtime_typedmemmove(c, ep, qp);
		runtime_typedmemclr(c, qp);
		c->recvx++;
		if (c->recvx == c->dataqsiz)
			c->recvx = 0;
		atomic_store_explicit(&c->qcount, atomic_load_explicit(&c->qcount, relaxed) - 1,
				      relaxed);
		runtime_unlockChan(&c->lock);
		if (received != NULL)
			*received = true;
		return true;
	}

	if (!block) {
		runtime_unlockChan(&c->lock);
		return false;
	}

	// Nobody to receive from: block.
	gp = runtime_getg();
	mysg = runtime_acquireSudog();
	mysg->releasetime = 0;
	mysg->elem = ep;
	mysg->waitlink = NULL;
	gp->waiting = mysg;
	mysg->g = gp;
	mysg->isSelect = false;
	mysg->c = c;
	gp->param = 0;
	runtime_waitq_enqueue(&c->recvq, mysg);
	gp->parkingOnChan = true;
	runtime_gopark(runtime_chanparkcommit, &c->lock, runtime_waitReasonChanReceive);

	// Woken by a sender (success) or by close.
	gp = runtime_getg();
	if (mysg != gp->waiting)
		runtime_throw("G waiting list is corrupted");
	gp->waiting = NULL;
	success = mysg->success;
	gp->param = 0;
	mysg->c = NULL;
	runtime_releaseSudog(mysg);
	if (received != NULL)
		*received = success;
	return true;
}

/* Go: runtime/chan.go recv */
// Completes a receive from the sender sg, taken off c.sendq. For an
// unbuffered channel the value comes straight from the sender; for a full
// buffer the receiver takes the head and the sender's value goes to the
// tail (the same slot, since the buffer is full). The lock(s) are held;
// unlockf(arg) releases them before the sender is readied.
void
runtime_recv(runtime_hchan *c, runtime_sudog *sg, void *ep, void (*unlockf)(void *), void *arg)
{
	runtime_g *gp;

	if (c->dataqsiz == 0) {
		if (ep != NULL)
			recvDirect(c, sg, ep);
	} else {
		void *qp = runtime_chanbuf(c, c->recvx);

		if (ep != NULL)
			runtime_typedmemmove(c, ep, qp);
		runtime_typedmemmove(c, qp, sg->elem);
		c->recvx++;
		if (c->recvx == c->dataqsiz)
			c->recvx = 0;
		c->sendx = c->recvx; // the buffer stays full
	}
	sg->elem = NULL;
	gp = sg->g;
	unlockf(arg);
	gp->param = (uintptr_t)sg;
	sg->success = true;
	runtime_goready(gp);
}

/* C: Go's closure func() { unlock(&c.lock) } */
void
runtime_chanunlock(void *arg)
{
	runtime_hchan *c = arg;

	runtime_unlockChan(&c->lock);
}

/* Go: runtime/chan.go chanparkcommit */
// gopark's unlock function: runs on g0 once gp is off its stack.
bool
runtime_chanparkcommit(runtime_g *gp, void *chanLock)
{
	gp->parkingOnChan = false;
	runtime_unlockChan(chanLock);
	return true;
}

/* Go: runtime/chan.go selectnbsend */
bool
runtime_selectnbsend(runtime_hchan *c, const void *elem)
{
	return runtime_chansend(c, elem, false);
}

/* Go: runtime/chan.go selectnbrecv */
bool
runtime_selectnbrecv(void *elem, runtime_hchan *c, bool *received)
{
	return runtime_chanrecv(c, elem, false, received);
}

/* Go: runtime/chan.go reflect_chanlen */
int
runtime_chanlen(runtime_hchan *c)
{
	if (c == NULL)
		return 0;
	return (int)atomic_load_explicit(&c->qcount, relaxed);
}

/* Go: runtime/chan.go reflect_chancap */
int
runtime_chancap(runtime_hchan *c)
{
	if (c == NULL)
		return 0;
	return (int)c->dataqsiz;
}

/* Go: runtime/chan.go (*waitq).enqueue */
void
runtime_waitq_enqueue(runtime_waitq *q, runtime_sudog *sgp)
{
	runtime_sudog *x;

	sgp->next = NULL;
	x = q->last;
	if (x == NULL) {
		sgp->prev = NULL;
		atomic_store_explicit(&q->first, sgp, relaxed);
		q->last = sgp;
		return;
	}
	sgp->prev = x;
	x->next = sgp;
	q->last = sgp;
}

/* Go: runtime/chan.go (*waitq).dequeue */
// Takes the first sudog that may still be woken. A select's sudog whose
// goroutine another case has already claimed (selectDone) is skipped.
runtime_sudog *
runtime_waitq_dequeue(runtime_waitq *q)
{
	for (;;) {
		runtime_sudog *sgp = atomic_load_explicit(&q->first, relaxed);
		runtime_sudog *y;
		uint32_t zero = 0;

		if (sgp == NULL)
			return NULL;
		y = sgp->next;
		if (y == NULL) {
			atomic_store_explicit(&q->first, NULL, relaxed);
			q->last = NULL;
		} else {
			y->prev = NULL;
			atomic_store_explicit(&q->first, y, relaxed);
			sgp->next = NULL; // removed (dequeueSudoG checks it)
		}

		// A select's goroutine may be woken by one case only: the
		// first to flip selectDone wins.
		if (sgp->isSelect && !atomic_compare_exchange_strong(&sgp->g->selectDone, &zero, 1))
			continue;

		return sgp;
	}
}

/* Go: runtime/select.go (*waitq).dequeueSudoG */
// Unlinks sgp wherever it is in q (a select's losing case).
void
runtime_waitq_dequeueSudoG(runtime_waitq *q, runtime_sudog *sgp)
{
	runtime_sudog *x = sgp->prev;
	runtime_sudog *y = sgp->next;

	if (x != NULL) {
		if (y != NULL) {
			// middle of the queue
			x->next = y;
			y->prev = x;
			sgp->next = NULL;
			sgp->prev = NULL;
			return;
		}
		// end of the queue
		x->next = NULL;
		q->last = x;
		sgp->prev = NULL;
		return;
	}
	if (y != NULL) {
		// start of the queue
		y->prev = NULL;
		atomic_store_explicit(&q->first, y, relaxed);
		sgp->next = NULL;
		return;
	}

	// x == y == nil: either the only element, or already removed by
	// a dequeue that lost the selectDone race.
	if (atomic_load_explicit(&q->first, relaxed) == sgp) {
		atomic_store_explicit(&q->first, NULL, relaxed);
		q->last = NULL;
	}
}

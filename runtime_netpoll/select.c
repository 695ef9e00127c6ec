// C port of go1.19 src/runtime/select.go: selectgo (what the compiler
// emits for a select statement), the empty select, and reflect.Select's
// entry point (reflect_rselect), which is the C API's friendly form.
//
// selectgo polls the cases in a random order (fastrandn), locks every
// channel involved in address order (a heap sort, so two selects over the
// same channels cannot deadlock), and, if nothing is ready, enqueues one
// sudog per case and parks. Whichever channel wakes it first wins the
// goroutine's selectDone flag; on wake-up it re-locks everything and
// unlinks the losing sudogs.
//
// C: no race/msan/asan annotations (Go's are for Go code), no block
// profile, no stack shrinking (activeStackChans).
#include "runtime_netpoll/chan.h"

#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/chan_impl.h"
#include "runtime_netpoll/runtime_impl.h"

/* Go: runtime/select.go (*hchan).sortkey */
static inline uintptr_t
sortkey(runtime_hchan *c)
{
	return (uintptr_t)c;
}

/* Go: runtime/select.go sellock */
static void
sellock(runtime_scase *scases, uint16_t *lockorder, int n)
{
	runtime_hchan *c = NULL;

	for (int i = 0; i < n; i++) {
		runtime_hchan *c0 = scases[lockorder[i]].c;

		if (c0 != c) {
			c = c0;
			runtime_lockChan(&c->lock);
		}
	}
}

/* Go: runtime/select.go selunlock */
// Unlocks in reverse order. The first unlock may let this goroutine be
// woken and leave selectgo, so nothing may touch scases afterwards except
// through the lock order already read.
static void
selunlock(runtime_scase *scases, uint16_t *lockorder, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		runtime_hchan *c = scases[lockorder[i]].c;

		if (i > 0 && c == scases[lockorder[i - 1]].c)
			continue; // unlocked on the next iteration
		runtime_unlockChan(&c->lock);
	}
}

// C: Go's closure func() { selunlock(scases, lockorder) } for send/recv.
struct selunlockArg {
	runtime_scase *scases;
	uint16_t *lockorder;
	int n;
};

static void
selunlockf(void *arg)
{
	struct selunlockArg *a = arg;

	selunlock(a->scases, a->lockorder, a->n);
}

/* Go: runtime/select.go selparkcommit */
// gopark's unlock function for a select: unlocks every channel, in the
// lock order that gp.waiting follows, once gp is off its stack.
static bool
selparkcommit(runtime_g *gp, void *unused)
{
	runtime_hchan *lastc = NULL;

	(void)unused;
	gp->parkingOnChan = false;
	for (runtime_sudog *sg = gp->waiting; sg != NULL; sg = sg->waitlink) {
		// A channel may appear in several consecutive cases: unlock it
		// once, after its last sudog (the next one may be readied as
		// soon as its lock goes).
		if (sg->c != lastc && lastc != NULL)
			runtime_unlockChan(&lastc->lock);
		lastc = sg->c;
	}
	if (lastc != NULL)
		runtime_unlockChan(&lastc->lock);
	return true;
}

/* Go: runtime/select.go block */
void
runtime_block(void)
{
	runtime_gopark(NULL, NULL, runtime_waitReasonSelectNoCases); // forever
	runtime_throw("unreachable");
}

/* Go: runtime/select.go selectgo */
int
runtime_selectgo(runtime_scase *cas0, uint16_t *order0, int nsends, int nrecvs, bool block,
		 bool *recvOK)
{
	int ncases = nsends + nrecvs;
	runtime_scase *scases = cas0;
	uint16_t *pollorder = order0;
	uint16_t *lockorder = order0 + ncases;
	int norder = 0;
	runtime_g *gp;
	runtime_sudog *sg = NULL, *sglist, *sgnext, **nextp;
	runtime_hchan *c = NULL;
	runtime_scase *k, *cas = NULL;
	void *qp;
	int casi = -1;
	bool caseSuccess, rok = false;
	struct selunlockArg ua;

	// Random poll order (an inside-out Fisher-Yates shuffle); cases on
	// nil channels drop out, as they can never proceed.
	for (int i = 0; i < ncases; i++) {
		runtime_scase *cs = &scases[i];
		uint32_t j;

		if (cs->c == NULL) {
			cs->elem = NULL;
			continue;
		}
		j = runtime_fastrandn((uint32_t)(norder + 1));
		pollorder[norder] = pollorder[j];
		pollorder[j] = (uint16_t)i;
		norder++;
	}

	// Lock order by channel address, a heap sort as Go's (it needs no
	// extra memory and has a bounded running time).
	for (int i = 0; i < norder; i++) {
		int j = i;
		runtime_hchan *ci = scases[pollorder[i]].c;

		// Add the case to the heap.
		while (j > 0 && sortkey(scases[lockorder[(j - 1) / 2]].c) < sortkey(ci)) {
			int kk = (j - 1) / 2;

			lockorder[j] = lockorder[kk];
			j = kk;
		}
		lockorder[j] = pollorder[i];
	}
	for (int i = norder - 1; i >= 0; i--) {
		uint16_t o = lockorder[i];
		runtime_hchan *ci = scases[o].c;
		int j = 0;

		// Move the heap's top to the end, sift down the former last.
		lockorder[i] = lockorder[0];
		for (;;) {
			int kk = j * 2 + 1;

			if (kk >= i)
				break;
			if (kk + 1 < i &&
			    sortkey(scases[lockorder[kk]].c) < sortkey(scases[lockorder[kk + 1]].c))
				kk++;
			if (sortkey(ci) < sortkey(scases[lockorder[kk]].c)) {
				lockorder[j] = lockorder[kk];
				j = kk;
				continue;
			}
			break;
		}
		lockorder[j] = o;
	}

	ua.scases = scases;
	ua.lockorder = lockorder;
	ua.n = norder;

	sellock(scases, lockorder, norder);

	// Pass 1: look for something already ready.
	for (int i = 0; i < norder; i++) {
		casi = pollorder[i];
		cas = &scases[casi];
		c = cas->c;

		if (casi >= nsends) {
			sg = runtime_waitq_dequeue(&c->sendq);
			if (sg != NULL)
				goto recv;
			if (atomic_load_explicit(&c->qcount, memory_order_relaxed) > 0)
				goto bufrecv;
			if (atomic_load_explicit(&c->closed, memory_order_relaxed) != 0)
				goto rclose;
		} else {
			if (atomic_load_explicit(&c->closed, memory_order_relaxed) != 0)
				goto sclose;
			sg = runtime_waitq_dequeue(&c->recvq);
			if (sg != NULL)
				goto send;
			if (atomic_load_explicit(&c->qcount, memory_order_relaxed) < c->dataqsiz)
				goto bufsend;
		}
	}

	if (!block) {
		selunlock(scases, lockorder, norder);
		casi = -1;
		goto retc;
	}

	// Pass 2: enqueue on every channel.
	gp = runtime_getg();
	if (gp->waiting != NULL)
		runtime_throw("gp.waiting != nil");
	nextp = &gp->waiting;
	for (int i = 0; i < norder; i++) {
		runtime_sudog *s;

		casi = lockorder[i];
		cas = &scases[casi];
		c = cas->c;
		s = runtime_acquireSudog();
		s->g = gp;
		s->isSelect = true;
		// The sudog keeps the element pointer; a send's is only read.
		s->elem = cas->elem;
		s->releasetime = 0;
		s->c = c;
		// gp.waiting in lock order, which selparkcommit relies on.
		*nextp = s;
		nextp = &s->waitlink;

		if (casi < nsends)
			runtime_waitq_enqueue(&c->sendq, s);
		else
			runtime_waitq_enqueue(&c->recvq, s);
	}

	// Wait to be woken by exactly one case.
	gp->param = 0;
	gp->parkingOnChan = true;
	runtime_gopark(selparkcommit, NULL, runtime_waitReasonSelect);
	gp = runtime_getg();

	sellock(scases, lockorder, norder);

	atomic_store(&gp->selectDone, 0);
	sg = (runtime_sudog *)gp->param;
	gp->param = 0;

	// Pass 3: dequeue from the channels that did not win. Whoever woke
	// us has already taken the winning sudog off its queue.
	casi = -1;
	cas = NULL;
	caseSuccess = false;
	sglist = gp->waiting;
	// Clear the sudogs before unlinking them (releaseSudog checks).
	for (runtime_sudog *sg1 = gp->waiting; sg1 != NULL; sg1 = sg1->waitlink) {
		sg1->isSelect = false;
		sg1->elem = NULL;
		sg1->c = NULL;
	}
	gp->waiting = NULL;

	for (int i = 0; i < norder; i++) {
		uint16_t casei = lockorder[i];

		k = &scases[casei];
		if (sg == sglist) {
			// sg has already been dequeued by the G that woke us.
			casi = casei;
			cas = k;
			caseSuccess = sglist->success;
		} else {
			c = k->c;
			if (casei < nsends)
				runtime_waitq_dequeueSudoG(&c->sendq, sglist);
			else
				runtime_waitq_dequeueSudoG(&c->recvq, sglist);
		}
		sgnext = sglist->waitlink;
		sglist->waitlink = NULL;
		runtime_releaseSudog(sglist);
		sglist = sgnext;
	}

	if (cas == NULL)
		runtime_throw("selectgo: bad wakeup");

	c = cas->c;

	if (casi < nsends) {
		if (!caseSuccess)
			goto sclose;
	} else {
		rok = caseSuccess;
	}

	selunlock(scases, lockorder, norder);
	goto retc;

bufrecv:
	// Receive from the buffer.
	rok = true;
	qp = runtime_chanbuf(c, c->recvx);
	if (cas->elem != NULL)
		runtime_typedmemmove(c, cas->elem, qp);
	runtime_typedmemclr(c, qp);
	c->recvx++;
	if (c->recvx == c->dataqsiz)
		c->recvx = 0;
	atomic_store_explicit(&c->qcount,
			      atomic_load_explicit(&c->qcount, memory_order_relaxed) - 1,
			      memory_order_relaxed);
	selunlock(scases, lockorder, norder);
	goto retc;

bufsend:
	// Send into the buffer.
	runtime_typedmemmove(c, runtime_chanbuf(c, c->sendx), cas->elem);
	c->sendx++;
	if (c->sendx == c->dataqsiz)
		c->sendx = 0;
	atomic_store_explicit(&c->qcount,
			      atomic_load_explicit(&c->qcount, memory_order_relaxed) + 1,
			      memory_order_relaxed);
	selunlock(scases, lockorder, norder);
	goto retc;

recv:
	// Receive from a parked sender.
	runtime_recv(c, sg, cas->elem, selunlockf, &ua);
	rok = true;
	goto retc;

rclose:
	// Read at the end of a closed channel.
	selunlock(scases, lockorder, norder);
	rok = false;
	if (cas->elem != NULL)
		runtime_typedmemclr(c, cas->elem);
	goto retc;

send:
	// Send to a parked receiver.
	runtime_send(c, sg, cas->elem, selunlockf, &ua);
	goto retc;

retc:
	if (recvOK != NULL)
		*recvOK = rok;
	return casi;

sclose:
	// Send on a closed channel.
	selunlock(scases, lockorder, norder);
	runtime_panicstring("send on closed channel");
}

// C: the scratch arrays of a select live on the goroutine's stack up to
// this many cases (the compiler's stack arrays), on the heap beyond.
enum { selectStackCases = 16 };

// The shared body of runtime_rselect and runtime_select.
static int
rselect(const runtime_selectCase *cases, int ncases, int dflt, bool block, bool *recvOK)
{
	runtime_scase selbuf[selectStackCases], *sel = selbuf;
	int origbuf[selectStackCases], *orig = origbuf;
	uint16_t orderbuf[2 * selectStackCases], *order = orderbuf;
	int nsends = 0, nrecvs = 0, chosen;
	bool rok = false;

	if (ncases > 1 << 16)
		runtime_panicstring("reflect.Select: too many cases (max 65536)");
	if (ncases > selectStackCases) {
		sel = runtime_newobject((size_t)ncases * sizeof(*sel));
		orig = runtime_newobject((size_t)ncases * sizeof(*orig));
		order = runtime_newobject(2 * (size_t)ncases * sizeof(*order));
	}
	// Sends from the front, receives from the back (reversed), as Go.
	for (int i = 0; i < ncases; i++) {
		int j;

		switch (cases[i].dir) {
		case runtime_selectDefault:
			continue;
		case runtime_selectSend:
			j = nsends++;
			break;
		case runtime_selectRecv:
			nrecvs++;
			j = ncases - nrecvs;
			break;
		default:
			runtime_panicstring("reflect.Select: invalid Dir");
		}
		sel[j].c = cases[i].c;
		sel[j].elem = cases[i].elem;
		orig[j] = i;
	}

	if (nsends + nrecvs == 0) {
		chosen = dflt;
		goto out;
	}

	// Close the gap between sends and receives.
	if (nsends + nrecvs < ncases) {
		memmove(&sel[nsends], &sel[ncases - nrecvs], (size_t)nrecvs * sizeof(*sel));
		memmove(&orig[nsends], &orig[ncases - nrecvs], (size_t)nrecvs * sizeof(*orig));
	}

	chosen = runtime_selectgo(sel, order, nsends, nrecvs, block, &rok);
	if (chosen < 0)
		chosen = dflt;
	else
		chosen = orig[chosen];
out:
	if (sel != selbuf) {
		free(sel);
		free(orig);
		free(order);
	}
	if (recvOK != NULL)
		*recvOK = rok;
	return chosen;
}

/* Go: runtime/select.go reflect_rselect */
int
runtime_rselect(const runtime_selectCase *cases, int ncases, bool *recvOK)
{
	int dflt = -1;

	if (ncases == 0)
		runtime_block();
	for (int i = 0; i < ncases; i++) {
		if (cases[i].dir == runtime_selectDefault) {
			// C: reflect.Select's own check.
			if (dflt >= 0)
				runtime_panicstring("reflect.Select: multiple default cases");
			dflt = i;
		}
	}
	return rselect(cases, ncases, dflt, dflt == -1, recvOK);
}

/* C: no Go twin (runtime_rselect with the default case as a flag) */
int
runtime_select(const runtime_selectCase *cases, int ncases, bool block, bool *recvOK)
{
	if (ncases == 0) {
		if (block)
			runtime_block();
		if (recvOK != NULL)
			*recvOK = false;
		return -1;
	}
	for (int i = 0; i < ncases; i++)
		if (cases[i].dir == runtime_selectDefault)
			runtime_panicstring("runtime_select: default case in cases (use block)");
	return rselect(cases, ncases, -1, block, recvOK);
}

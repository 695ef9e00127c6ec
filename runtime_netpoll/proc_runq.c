// C port of go1.19 src/runtime/proc.go, part 2: the run queues. Each P has
// a 256-entry ring that only its owner appends to and that other Ms steal
// half of, plus runnext; overflow goes to the global queue under sched.lock.
//
// C: the ring's slots are atomics with relaxed order where Go uses plain
// loads that a thief's CAS on runqhead later validates; the order of
// acquire/release operations is Go's.
#include "runtime_netpoll/runtime_impl.h"

#include <unistd.h>

#define relaxed memory_order_relaxed
#define acquire memory_order_acquire
#define release memory_order_release

/* Go: runtime/proc.go (*gList).push */
void
runtime_gList_push(runtime_gList *l, runtime_g *gp)
{
	gp->schedlink = l->head;
	l->head = gp;
}

/* Go: runtime/proc.go (*gList).pop */
runtime_g *
runtime_gList_pop(runtime_gList *l)
{
	runtime_g *gp = l->head;

	if (gp != NULL)
		l->head = gp->schedlink;
	return gp;
}

/* Go: runtime/proc.go (*gList).empty */
bool
runtime_gList_empty(const runtime_gList *l)
{
	return l->head == NULL;
}

/* Go: runtime/proc.go (*gQueue).pushBack */
void
runtime_gQueue_pushBack(runtime_gQueue *q, runtime_g *gp)
{
	gp->schedlink = NULL;
	if (q->tail != NULL)
		q->tail->schedlink = gp;
	else
		q->head = gp;
	q->tail = gp;
}

/* Go: runtime/proc.go (*gQueue).pop */
runtime_g *
runtime_gQueue_pop(runtime_gQueue *q)
{
	runtime_g *gp = q->head;

	if (gp != NULL) {
		q->head = gp->schedlink;
		if (q->head == NULL)
			q->tail = NULL;
	}
	return gp;
}

// C: sched.runqsize changes only under sched.lock; it is atomic because
// the scheduler reads it without the lock as a hint, as Go reads its plain
// int32. So a change is a relaxed load and store, not a locked add.
static inline void
runqsizeAdd(int32_t n)
{
	int32_t v = atomic_load_explicit(&runtime_sched.runqsize, memory_order_relaxed);

	atomic_store_explicit(&runtime_sched.runqsize, v + n, memory_order_relaxed);
}

/* Go: runtime/proc.go globrunqput */
void
runtime_globrunqput(runtime_g *gp)
{
	runtime_gQueue_pushBack(&runtime_sched.runq, gp);
	runqsizeAdd(1);
}

/* Go: runtime/proc.go globrunqputbatch */
void
runtime_globrunqputbatch(runtime_gQueue *batch, int32_t n)
{
	runtime_gQueue *q = &runtime_sched.runq;

	if (batch->head != NULL) {
		if (q->tail != NULL)
			q->tail->schedlink = batch->head;
		else
			q->head = batch->head;
		q->tail = batch->tail;
	}
	runqsizeAdd(n);
	batch->head = batch->tail = NULL;
}

/* Go: runtime/proc.go globrunqget */
// Takes a fair share of the global queue: one G to run, the rest into pp.
runtime_g *
runtime_globrunqget(runtime_p *pp, int32_t max)
{
	int32_t n;
	runtime_g *gp;

	if (runtime_sched.runqsize == 0)
		return NULL;
	n = runtime_sched.runqsize / runtime_gomaxprocs + 1;
	if (n > runtime_sched.runqsize)
		n = runtime_sched.runqsize;
	if (max > 0 && n > max)
		n = max;
	if (n > runtime_runqSize / 2)
		n = runtime_runqSize / 2;
	runqsizeAdd(-n);
	gp = runtime_gQueue_pop(&runtime_sched.runq);
	for (n--; n > 0; n--)
		runtime_runqput(pp, runtime_gQueue_pop(&runtime_sched.runq), false);
	return gp;
}

/* Go: runtime/proc.go runqempty */
bool
runtime_runqempty(runtime_p *pp)
{
	// Read head, tail and runnext consistently: a runqput may move the old
	// runnext into the ring between the loads.
	for (;;) {
		uint32_t head = atomic_load(&pp->runqhead);
		uint32_t tail = atomic_load(&pp->runqtail);
		runtime_g *runnext = atomic_load(&pp->runnext);
		if (tail == atomic_load(&pp->runqtail))
			return head == tail && runnext == NULL;
	}
}

/* Go: runtime/proc.go runqputslow */
// Moves half of a full local ring, plus gp, to the global queue.
static bool
runqputslow(runtime_p *pp, runtime_g *gp, uint32_t h, uint32_t t)
{
	runtime_g *batch[runtime_runqSize / 2 + 1];
	uint32_t n = (t - h) / 2;
	runtime_gQueue q;

	if (n != runtime_runqSize / 2)
		runtime_throw("runqputslow: queue is not full");
	for (uint32_t i = 0; i < n; i++)
		batch[i] = atomic_load_explicit(&pp->runq[(h + i) % runtime_runqSize], relaxed);
	if (!atomic_compare_exchange_strong_explicit(&pp->runqhead, &h, h + n, release, relaxed))
		return false;
	batch[n] = gp;
	for (uint32_t i = 0; i < n; i++)
		batch[i]->schedlink = batch[i + 1];
	q.head = batch[0];
	q.tail = batch[n];
	q.tail->schedlink = NULL;
	runtime_lock(&runtime_sched.lock);
	runtime_globrunqputbatch(&q, (int32_t)(n + 1));
	runtime_unlock(&runtime_sched.lock);
	return true;
}

/* C: no Go twin (runqput's pp.runnext.cas loop) */
// Sets pp's runnext to gp and returns the old one. Only pp's owner sets
// runnext, and runqgrab, the only other writer, runs on the M of another
// P. C: so with one P, which is fixed while go_main runs, a load and a
// store do what the exchange does, without its 6-7 ns (on the benchmark
// machine); an unbuffered channel's ping-pong makes one per switch, and
// runqget's CAS one more. The store is a release: sysmon and checkRunqsNoP
// read runnext from other threads, and see gp only after what made it.
static inline runtime_g *
runnextSwap(runtime_p *pp, runtime_g *gp)
{
	runtime_g *old;

	if (runtime_gomaxprocs != 1)
		return atomic_exchange(&pp->runnext, gp);
	old = atomic_load_explicit(&pp->runnext, relaxed);
	atomic_store_explicit(&pp->runnext, gp, release);
	return old;
}

/* Go: runtime/proc.go runqput */
// Puts gp on pp's queue; with next, into runnext (kicking the old one out
// to the ring). Only pp's owner calls this.
void
runtime_runqput(runtime_p *pp, runtime_g *gp, bool next)
{
	uint32_t h, t;

	if (next) {
		runtime_g *oldnext = runnextSwap(pp, gp);
		if (oldnext == NULL)
			return;
		gp = oldnext; // kick the old runnext to the regular queue
	}
	for (;;) {
		h = atomic_load_explicit(&pp->runqhead, acquire);
		t = atomic_load_explicit(&pp->runqtail, relaxed);
		if (t - h < runtime_runqSize) {
			atomic_store_explicit(&pp->runq[t % runtime_runqSize], gp, relaxed);
			atomic_store_explicit(&pp->runqtail, t + 1, release);
			return;
		}
		if (runqputslow(pp, gp, h, t))
			return;
		// the queue is not full any more: try again
	}
}

/* Go: runtime/proc.go runqputbatch */
void
runtime_runqputbatch(runtime_p *pp, runtime_gQueue *q, int32_t qsize)
{
	uint32_t h = atomic_load_explicit(&pp->runqhead, acquire);
	uint32_t t = atomic_load_explicit(&pp->runqtail, relaxed);
	uint32_t n = 0;

	while (q->head != NULL && t - h < runtime_runqSize) {
		atomic_store_explicit(&pp->runq[t % runtime_runqSize], runtime_gQueue_pop(q),
				      relaxed);
		t++;
		n++;
	}
	qsize -= (int32_t)n;
	atomic_store_explicit(&pp->runqtail, t, release);
	if (q->head != NULL) {
		runtime_lock(&runtime_sched.lock);
		runtime_globrunqputbatch(q, qsize);
		runtime_unlock(&runtime_sched.lock);
	}
}

/* Go: runtime/proc.go runqget */
// *inheritTime is true for runnext: it shares the current time slice.
runtime_g *
runtime_runqget(runtime_p *pp, bool *inheritTime)
{
	runtime_g *next = atomic_load(&pp->runnext);

	// Only the owner sets runnext; others may clear it (steal), so a CAS.
	// C: with one P nobody else can, and a store does (see runnextSwap).
	if (next != NULL && runtime_gomaxprocs == 1) {
		atomic_store_explicit(&pp->runnext, NULL, relaxed);
		*inheritTime = true;
		return next;
	}
	if (next != NULL && atomic_compare_exchange_strong(&pp->runnext, &next, NULL)) {
		*inheritTime = true;
		return next;
	}
	*inheritTime = false;
	for (;;) {
		uint32_t h = atomic_load_explicit(&pp->runqhead, acquire);
		uint32_t t = atomic_load_explicit(&pp->runqtail, relaxed);
		runtime_g *gp;
		if (t == h)
			return NULL;
		gp = atomic_load_explicit(&pp->runq[h % runtime_runqSize], relaxed);
		if (atomic_compare_exchange_strong_explicit(&pp->runqhead, &h, h + 1, release,
							    relaxed))
			return gp;
	}
}

/* Go: runtime/proc.go runqgrab */
// Takes half of pp's queue into batch (a ring of runqSize slots starting at
// batchHead); returns how many.
uint32_t
runtime_runqgrab(runtime_p *pp, _Atomic(runtime_g *) *batch, uint32_t batchHead, bool stealRunNextG)
{
	for (;;) {
		uint32_t h = atomic_load_explicit(&pp->runqhead, acquire);
		uint32_t t = atomic_load_explicit(&pp->runqtail, acquire);
		uint32_t n = t - h;
		n = n - n / 2;
		if (n == 0) {
			runtime_g *next;
			if (stealRunNextG && (next = atomic_load(&pp->runnext)) != NULL) {
				// pp's G may be about to park and run runnext itself:
				// give it a moment before stealing it.
				if (atomic_load(&pp->status) == runtime_Prunning)
					usleep(3);
				if (!atomic_compare_exchange_strong(&pp->runnext, &next, NULL))
					continue;
				atomic_store_explicit(&batch[batchHead % runtime_runqSize], next,
						      relaxed);
				return 1;
			}
			return 0;
		}
		if (n > runtime_runqSize / 2) // read an inconsistent h and t
			continue;
		for (uint32_t i = 0; i < n; i++) {
			runtime_g *gp = atomic_load_explicit(&pp->runq[(h + i) % runtime_runqSize],
							     relaxed);
			atomic_store_explicit(&batch[(batchHead + i) % runtime_runqSize], gp,
					      relaxed);
		}
		if (atomic_compare_exchange_strong_explicit(&pp->runqhead, &h, h + n, release,
							    relaxed))
			return n;
	}
}

/* Go: runtime/proc.go runqsteal */
// Steals half of p2's queue into pp's; returns one of the stolen Gs.
runtime_g *
runtime_runqsteal(runtime_p *pp, runtime_p *p2, bool stealRunNextG)
{
	uint32_t t = atomic_load_explicit(&pp->runqtail, relaxed);
	uint32_t n = runtime_runqgrab(p2, pp->runq, t, stealRunNextG);
	uint32_t h;
	runtime_g *gp;

	if (n == 0)
		return NULL;
	n--;
	gp = atomic_load_explicit(&pp->runq[(t + n) % runtime_runqSize], relaxed);
	if (n == 0)
		return gp;
	h = atomic_load_explicit(&pp->runqhead, acquire);
	if (t - h + n >= runtime_runqSize)
		runtime_throw("runqsteal: runq overflow");
	atomic_store_explicit(&pp->runqtail, t + n, release);
	return gp;
}

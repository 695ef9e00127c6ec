// What chan.c and select.c share (Go keeps them in one package): the
// generic send/receive, the hand-off helpers and the wait queues. Exported
// like runtime_impl.h so that tests can reach them.
#ifndef GONET_RUNTIME_CHAN_IMPL_H
#define GONET_RUNTIME_CHAN_IMPL_H

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime_impl.h"

/* C: no Go twin (Go's lock2 for a channel's lock, with one P) */
// With GOMAXPROCS 1, which is fixed while go_main runs, only the M that
// holds the one P runs goroutines, and channels are locked only from
// goroutines and from that M's own scheduler code acting for them
// (chanparkcommit, a timer's send). Two threads can therefore never hold
// or wait for a channel's lock at once, and when the P moves to another M
// it moves through sched.lock or an atomic on its status, which orders
// what one M did before what the next does. So the lock word is set with
// a plain store, where lock2 makes an atomic exchange: an unbuffered send
// and its receive take the lock twice and drop it twice, and each of the
// four exchanges costs 6-7 ns on the benchmark machine, a quarter of a
// switch. The word holds runtime_mutexLockedOneP, so that unlockChan knows which
// way it was taken. A thread without the P (not a goroutine: before
// go_main, or a misuse) takes the real lock, and finding the word set
// with one P means that misuse happened: a throw, not a silent race.
static inline void
runtime_lockChan(runtime_mutex *l)
{
	runtime_g *gp = runtime_getg();

	if (runtime_gomaxprocs != 1 || gp == NULL || gp->m->p == NULL) {
		runtime_lock(l);
		return;
	}
	if (atomic_load_explicit(&l->key, memory_order_relaxed) != runtime_mutexUnlocked)
		runtime_throw("lock: channel lock already held with one P");
	gp->m->locks++;
	atomic_store_explicit(&l->key, runtime_mutexLockedOneP, memory_order_relaxed);
}

/* C: no Go twin (Go's unlock2 for a channel's lock; see lockChan) */
static inline void
runtime_unlockChan(runtime_mutex *l)
{
	if (atomic_load_explicit(&l->key, memory_order_relaxed) != runtime_mutexLockedOneP) {
		runtime_unlock(l);
		return;
	}
	atomic_store_explicit(&l->key, runtime_mutexUnlocked, memory_order_relaxed);
	runtime_getg()->m->locks--;
}

// Go: chan.go chansend / chanrecv (block == false is a select with default).
bool runtime_chansend(runtime_hchan *c, const void *ep, bool block);
bool runtime_chanrecv(runtime_hchan *c, void *ep, bool block, bool *received);
// Go: chan.go send / recv / sendDirect: complete an operation with a parked
// partner; unlockf(arg) drops the channel lock(s) before it is readied.
void runtime_send(runtime_hchan *c, runtime_sudog *sg, const void *ep, void (*unlockf)(void *),
		  void *arg);
void runtime_recv(runtime_hchan *c, runtime_sudog *sg, void *ep, void (*unlockf)(void *),
		  void *arg);
void runtime_sendDirect(runtime_hchan *c, runtime_sudog *sg, const void *src);
// Go: chan.go chanbuf: the address of slot i of c's buffer.
void *runtime_chanbuf(runtime_hchan *c, size_t i);
// Go: mbarrier.go typedmemmove / typedmemclr of one element of c.
void runtime_typedmemmove(runtime_hchan *c, void *dst, const void *src);
void runtime_typedmemclr(runtime_hchan *c, void *ptr);
// C: unlockf for send/recv that drops c.lock (Go's closure).
void runtime_chanunlock(void *c);
// Go: chan.go chanparkcommit (gopark's unlock function for c.lock).
bool runtime_chanparkcommit(runtime_g *gp, void *chanLock);
// Go: (*waitq).enqueue, dequeue, dequeueSudoG.
void runtime_waitq_enqueue(runtime_waitq *q, runtime_sudog *sgp);
runtime_sudog *runtime_waitq_dequeue(runtime_waitq *q);
void runtime_waitq_dequeueSudoG(runtime_waitq *q, runtime_sudog *sgp);

#endif

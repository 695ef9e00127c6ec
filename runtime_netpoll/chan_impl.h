// What chan.c and select.c share (Go keeps them in one package): the
// generic send/receive, the hand-off helpers and the wait queues. Exported
// like runtime_impl.h so that tests can reach them.
#ifndef GONET_RUNTIME_CHAN_IMPL_H
#define GONET_RUNTIME_CHAN_IMPL_H

#include "runtime_netpoll/chan.h"

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

// C port of go1.19 src/sync/cond.go: a condition variable on a Locker,
// built on the runtime's notify lists (runtime_netpoll/sema.c).
#include "sync/sync.h"

#include <stdlib.h>

#include "runtime_netpoll/runtime_impl.h"

/* Go: sync/cond.go NewCond */
sync_Cond *
sync_NewCond(sync_Locker l)
{
	sync_Cond *c = runtime_newobject(sizeof(*c));

	c->L = l;
	return c;
}

/* C: no Go twin (Go's GC frees a Cond) */
void
sync_Cond_Free(sync_Cond *c)
{
	free(c);
}

/* Go: sync/cond.go (*copyChecker).check */
// The first use records the Cond's address; a copy then has the wrong one.
static void
check(_Atomic uintptr_t *c)
{
	uintptr_t zero = 0;

	if (atomic_load(c) != (uintptr_t)c &&
	    !atomic_compare_exchange_strong(c, &zero, (uintptr_t)c) &&
	    atomic_load(c) != (uintptr_t)c)
		runtime_panicstring("sync.Cond is copied");
}

/* Go: sync/cond.go (*Cond).Wait */
// Unlocks c.L, waits for Signal or Broadcast, and locks c.L again before
// returning; as in Go, the caller re-checks its condition in a loop.
void
sync_Cond_Wait(sync_Cond *c)
{
	uint32_t t;

	check(&c->checker);
	t = runtime_notifyListAdd(&c->notify);
	c->L.Unlock(c->L.l);
	runtime_notifyListWait(&c->notify, t);
	c->L.Lock(c->L.l);
}

/* Go: sync/cond.go (*Cond).Signal */
void
sync_Cond_Signal(sync_Cond *c)
{
	check(&c->checker);
	runtime_notifyListNotifyOne(&c->notify);
}

/* Go: sync/cond.go (*Cond).Broadcast */
void
sync_Cond_Broadcast(sync_Cond *c)
{
	check(&c->checker);
	runtime_notifyListNotifyAll(&c->notify);
}

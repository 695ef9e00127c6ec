// C port of go1.19 src/sync/once.go: an object that runs one action once.
#include "sync/sync.h"

static void doSlow(sync_Once *o, void (*f)(void *), void *arg);

/* Go: sync/once.go (*Once).Do */
// As in Go, done is set only after f returns, so every caller of Do
// returns after f has run (a plain CAS on done would not promise that).
void
sync_Once_Do(sync_Once *o, void (*f)(void *), void *arg)
{
	// Fast path, kept small.
	if (atomic_load(&o->done) == 0)
		doSlow(o, f, arg);
}

/* Go: sync/once.go (*Once).doSlow */
static void
doSlow(sync_Once *o, void (*f)(void *), void *arg)
{
	sync_Mutex_Lock(&o->m);
	if (atomic_load_explicit(&o->done, memory_order_relaxed) == 0) {
		f(arg);
		atomic_store(&o->done, 1); // C: defer atomic.StoreUint32(&o.done, 1)
	}
	sync_Mutex_Unlock(&o->m); // C: defer o.m.Unlock()
}

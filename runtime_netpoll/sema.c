// C port of go1.19 src/runtime/sema.go: the sleep/wakeup semaphores under
// sync.Mutex, sync.RWMutex, sync.WaitGroup and poll.FD's csema, the
// notify lists under sync.Cond, and proc.go's sync_runtime_canSpin and
// sync_runtime_doSpin (the spinning rules of sync.Mutex).
//
// As in Go, a semaphore is a uint32 counter anywhere in memory; goroutines
// that find it zero wait in one of semTabSize semaRoots chosen by address.
// A semaRoot keeps one sudog per distinct address in a treap (a binary
// search tree on the address, heap-ordered on a random ticket) and the
// other waiters on that address in a list hanging from it
// (waitlink/waittail), so every operation is O(log n) in the addresses.
#include "runtime_netpoll/runtime_impl.h"

#include "sync/sync.h"

// Go: runtime/sema.go semaRoot.
typedef struct semaRoot {
	runtime_mutex lock;
	runtime_sudog *treap;   // root of the tree of distinct waiting addresses, guarded by lock
	_Atomic uint32_t nwait; // number of waiters; read without the lock
} semaRoot;

// Prime, so that addresses do not pattern onto few roots (Go: semTabSize).
enum { semTabSize = 251 };

#define cacheLinePadSize 64

// Go: runtime/sema.go semTable: one root per cache line.
static struct {
	semaRoot root;
	char pad[cacheLinePadSize - sizeof(semaRoot)];
} semtable[semTabSize] __attribute__((aligned(cacheLinePadSize)));

static void semacquire1(_Atomic uint32_t *addr, bool lifo, int skipframes);
static void semrelease1(_Atomic uint32_t *addr, bool handoff, int skipframes);

/* Go: runtime/sema.go (*semTable).rootFor */
static semaRoot *
rootFor(_Atomic uint32_t *addr)
{
	return &semtable[((uintptr_t)addr >> 3) % semTabSize].root;
}

/* Go: runtime/sema.go sync_runtime_Semacquire */
void
sync_runtime_Semacquire(_Atomic uint32_t *addr)
{
	semacquire1(addr, false, 0);
}

/* Go: runtime/sema.go poll_runtime_Semacquire */
void
poll_runtime_Semacquire(_Atomic uint32_t *addr)
{
	semacquire1(addr, false, 0);
}

/* Go: runtime/sema.go sync_runtime_Semrelease */
void
sync_runtime_Semrelease(_Atomic uint32_t *addr, bool handoff, int skipframes)
{
	semrelease1(addr, handoff, skipframes);
}

/* Go: runtime/sema.go sync_runtime_SemacquireMutex */
void
sync_runtime_SemacquireMutex(_Atomic uint32_t *addr, bool lifo, int skipframes)
{
	semacquire1(addr, lifo, skipframes);
}

/* Go: runtime/sema.go poll_runtime_Semrelease */
void
poll_runtime_Semrelease(_Atomic uint32_t *addr)
{
	runtime_semrelease(addr);
}

/* Go: runtime/export_test.go SemNwait */
// The number of goroutines waiting in the root of addr (tests).
uint32_t
runtime_SemNwait(_Atomic uint32_t *addr)
{
	return atomic_load(&rootFor(addr)->nwait);
}

/* Go: runtime/sema.go readyWithTime */
// C: no block profile, so no release time to record.
static void
readyWithTime(runtime_sudog *s)
{
	runtime_goready(s->g);
}

/* Go: runtime/sema.go semacquire */
void
runtime_semacquire(_Atomic uint32_t *addr)
{
	semacquire1(addr, false, 0);
}

/* Go: runtime/sema.go cansemacquire */
static bool
cansemacquire(_Atomic uint32_t *addr)
{
	for (;;) {
		uint32_t v = atomic_load(addr);

		if (v == 0)
			return false;
		if (atomic_compare_exchange_strong(addr, &v, v - 1))
			return true;
	}
}

/* Go: runtime/sema.go (*semaRoot).rotateLeft */
// Turns (x a (y b c)) into (y (x a b) c).
static void
rotateLeft(semaRoot *root, runtime_sudog *x)
{
	// p -> (x a (y b c))
	runtime_sudog *p = x->parent;
	runtime_sudog *y = x->next;
	runtime_sudog *b = y->prev;

	y->prev = x;
	x->parent = y;
	x->next = b;
	if (b != NULL)
		b->parent = x;

	y->parent = p;
	if (p == NULL) {
		root->treap = y;
	} else if (p->prev == x) {
		p->prev = y;
	} else {
		if (p->next != x)
			runtime_throw("semaRoot rotateLeft");
		p->next = y;
	}
}

/* Go: runtime/sema.go (*semaRoot).rotateRight */
// Turns (y (x a b) c) into (x a (y b c)).
static void
rotateRight(semaRoot *root, runtime_sudog *y)
{
	// p -> (y (x a b) c)
	runtime_sudog *p = y->parent;
	runtime_sudog *x = y->prev;
	runtime_sudog *b = x->next;

	x->next = y;
	y->parent = x;
	y->prev = b;
	if (b != NULL)
		b->parent = y;

	x->parent = p;
	if (p == NULL) {
		root->treap = x;
	} else if (p->prev == y) {
		p->prev = x;
	} else {
		if (p->next != y)
			runtime_throw("semaRoot rotateRight");
		p->next = x;
	}
}

/* Go: runtime/sema.go (*semaRoot).queue */
// Adds s, for the current goroutine, to the waiters on addr: at the end of
// the address's list, or at its head when lifo. The caller holds root.lock.
static void
queue(semaRoot *root, _Atomic uint32_t *addr, runtime_sudog *s, bool lifo)
{
	runtime_sudog *last = NULL;
	runtime_sudog **pt = &root->treap;

	s->g = runtime_getg();
	s->elem = (void *)addr;
	s->next = NULL;
	s->prev = NULL;

	for (runtime_sudog *t = *pt; t != NULL; t = *pt) {
		if (t->elem == (void *)addr) {
			// addr already has waiters.
			if (lifo) {
				// s takes t's node in the tree ...
				*pt = s;
				s->ticket = t->ticket;
				s->acquiretime = t->acquiretime;
				s->parent = t->parent;
				s->prev = t->prev;
				s->next = t->next;
				if (s->prev != NULL)
					s->prev->parent = s;
				if (s->next != NULL)
					s->next->parent = s;
				// ... and t heads s's list.
				s->waitlink = t;
				s->waittail = t->waittail;
				if (s->waittail == NULL)
					s->waittail = t;
				t->parent = NULL;
				t->prev = NULL;
				t->next = NULL;
				t->waittail = NULL;
			} else {
				// s goes to the end of t's list.
				if (t->waittail == NULL)
					t->waitlink = s;
				else
					t->waittail->waitlink = s;
				t->waittail = s;
				s->waitlink = NULL;
			}
			return;
		}
		last = t;
		if ((uintptr_t)addr < (uintptr_t)t->elem)
			pt = &t->prev;
		else
			pt = &t->next;
	}

	// A new address: s becomes a leaf, then rises while its ticket (a
	// random priority) is below its parent's, which keeps the tree
	// balanced on average. The low bit is set because a zero ticket
	// means "no ticket" elsewhere.
	s->ticket = runtime_fastrand() | 1;
	s->parent = last;
	*pt = s;

	while (s->parent != NULL && s->parent->ticket > s->ticket) {
		if (s->parent->prev == s) {
			rotateRight(root, s->parent);
		} else {
			if (s->parent->next != s)
				runtime_panicstring("semaRoot queue");
			rotateLeft(root, s->parent);
		}
	}
}

/* Go: runtime/sema.go (*semaRoot).dequeue */
// Removes and returns the first waiter on addr (NULL if none). C: no
// mutex profile, so Go's second result (the wake-up time) is dropped.
// The caller holds root.lock.
static runtime_sudog *
dequeue(semaRoot *root, _Atomic uint32_t *addr)
{
	runtime_sudog **ps = &root->treap;
	runtime_sudog *s = *ps;
	runtime_sudog *t;

	for (; s != NULL; s = *ps) {
		if (s->elem == (void *)addr)
			goto Found;
		if ((uintptr_t)addr < (uintptr_t)s->elem)
			ps = &s->prev;
		else
			ps = &s->next;
	}
	return NULL;

Found:
	if ((t = s->waitlink) != NULL) {
		// The next waiter on addr takes s's node in the tree.
		*ps = t;
		t->ticket = s->ticket;
		t->parent = s->parent;
		t->prev = s->prev;
		if (t->prev != NULL)
			t->prev->parent = t;
		t->next = s->next;
		if (t->next != NULL)
			t->next->parent = t;
		if (t->waitlink != NULL)
			t->waittail = s->waittail;
		else
			t->waittail = NULL;
		t->acquiretime = 0; // C: Go stores the wake-up time for its profile
		s->waitlink = NULL;
		s->waittail = NULL;
	} else {
		// Rotate s down to a leaf, keeping the heap order, and cut it.
		while (s->next != NULL || s->prev != NULL) {
			if (s->next == NULL ||
			    (s->prev != NULL && s->prev->ticket < s->next->ticket))
				rotateRight(root, s);
			else
				rotateLeft(root, s);
		}
		if (s->parent != NULL) {
			if (s->parent->prev == s)
				s->parent->prev = NULL;
			else
				s->parent->next = NULL;
		} else {
			root->treap = NULL;
		}
	}
	s->parent = NULL;
	s->elem = NULL;
	s->next = NULL;
	s->prev = NULL;
	s->ticket = 0;
	return s;
}

/* Go: runtime/sema.go semacquire1 */
// C: no block or mutex profiles, so Go's profile flags are gone.
static void
semacquire1(_Atomic uint32_t *addr, bool lifo, int skipframes)
{
	runtime_g *gp = runtime_getg();
	runtime_sudog *s;
	semaRoot *root;

	(void)skipframes;
	if (gp != gp->m->curg)
		runtime_throw("semacquire not on the G stack");

	// Easy case.
	if (cansemacquire(addr))
		return;

	// Count ourselves as a waiter, try once more, then queue and sleep
	// until a semrelease dequeues us.
	s = runtime_acquireSudog();
	root = rootFor(addr);
	s->releasetime = 0;
	s->acquiretime = 0;
	s->ticket = 0;
	for (;;) {
		runtime_lock(&root->lock);
		// A waiter makes semrelease take the slow path.
		atomic_fetch_add(&root->nwait, 1);
		// Check again, or a release between the two could be missed.
		if (cansemacquire(addr)) {
			atomic_fetch_sub(&root->nwait, 1);
			runtime_unlock(&root->lock);
			break;
		}
		// Every semrelease from now on sees nwait and wakes us.
		queue(root, addr, s, lifo);
		runtime_goparkunlock(&root->lock, runtime_waitReasonSemacquire);
		if (s->ticket != 0 || cansemacquire(addr))
			break;
	}
	runtime_releaseSudog(s);
}

/* Go: runtime/sema.go semrelease */
void
runtime_semrelease(_Atomic uint32_t *addr)
{
	semrelease1(addr, false, 0);
}

/* Go: runtime/sema.go semrelease1 */
static void
semrelease1(_Atomic uint32_t *addr, bool handoff, int skipframes)
{
	semaRoot *root = rootFor(addr);
	runtime_sudog *s;

	(void)skipframes;
	atomic_fetch_add(addr, 1);

	// Easy case: nobody waits. The check must follow the add (see the
	// loop in semacquire1).
	if (atomic_load(&root->nwait) == 0)
		return;

	// Find a waiter and wake it.
	runtime_lock(&root->lock);
	if (atomic_load(&root->nwait) == 0) {
		// Another goroutine took the count: nobody to wake.
		runtime_unlock(&root->lock);
		return;
	}
	s = dequeue(root, addr);
	if (s != NULL)
		atomic_fetch_sub(&root->nwait, 1);
	runtime_unlock(&root->lock);
	if (s != NULL) { // readying may be slow: not under the lock
		bool handedOff = false;

		if (s->ticket != 0)
			runtime_throw("corrupted semaphore ticket");
		if (handoff && cansemacquire(addr)) {
			s->ticket = 1;
			handedOff = true;
		}
		readyWithTime(s);
		// C: Go reads s.ticket again here, but once readied the waiter
		// may run elsewhere and recycle s; a local remembers it instead.
		if (handedOff && runtime_getg()->m->locks == 0) {
			// Direct handoff: the waiter is in our runnext; yield so
			// that it runs now, on the rest of our time slice. Only
			// in starvation mode (handoff) is this worth it.
			// C: Go's goyield puts the yielding G on the local run
			// queue; proc.c exports Gosched, which uses the global one.
			runtime_Gosched();
		}
	}
}

// Go: runtime/sema.go less: a < b for counters that wrap around.
static bool
less(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* Go: runtime/sema.go notifyListAdd */
// Takes a ticket; the caller then waits with it in notifyListWait. Safe
// to call concurrently (Cond.Wait under an RWMutex read lock).
uint32_t
runtime_notifyListAdd(sync_notifyList *l)
{
	return atomic_fetch_add(&l->wait, 1);
}

/* Go: runtime/sema.go notifyListWait */
// Sleeps until ticket t is notified (at once if it already was).
void
runtime_notifyListWait(sync_notifyList *l, uint32_t t)
{
	runtime_sudog *s;

	runtime_lock(&l->lock);

	// Notified already.
	if (less(t, atomic_load(&l->notify))) {
		runtime_unlock(&l->lock);
		return;
	}

	// Queue ourselves.
	s = runtime_acquireSudog();
	s->g = runtime_getg();
	s->ticket = t;
	s->releasetime = 0;
	if (l->tail == NULL)
		l->head = s;
	else
		l->tail->next = s;
	l->tail = s;
	runtime_goparkunlock(&l->lock, runtime_waitReasonSyncCondWait);
	runtime_releaseSudog(s);
}

/* Go: runtime/sema.go notifyListNotifyAll */
void
runtime_notifyListNotifyAll(sync_notifyList *l)
{
	runtime_sudog *s;

	// Nobody took a ticket since the last notification.
	if (atomic_load(&l->wait) == atomic_load(&l->notify))
		return;

	// Take the whole list; the waiters are readied after the unlock.
	runtime_lock(&l->lock);
	s = l->head;
	l->head = NULL;
	l->tail = NULL;

	// Every ticket taken so far is notified: those holders are on the
	// list already or will see it before they park.
	atomic_store(&l->notify, atomic_load(&l->wait));
	runtime_unlock(&l->lock);

	while (s != NULL) {
		runtime_sudog *next = s->next;

		s->next = NULL;
		readyWithTime(s);
		s = next;
	}
}

/* Go: runtime/sema.go notifyListNotifyOne */
void
runtime_notifyListNotifyOne(sync_notifyList *l)
{
	uint32_t t;

	// Nobody took a ticket since the last notification.
	if (atomic_load(&l->wait) == atomic_load(&l->notify))
		return;

	runtime_lock(&l->lock);

	// Check again under the lock.
	t = atomic_load(&l->notify);
	if (t == atomic_load(&l->wait)) {
		runtime_unlock(&l->lock);
		return;
	}

	// The next ticket to notify.
	atomic_store(&l->notify, t + 1);

	// Find the holder of ticket t. It is near the head: tickets are taken
	// before queueing, so the list is only slightly out of order. If it
	// has not queued yet, it will see notify and not park.
	for (runtime_sudog *p = NULL, *s = l->head; s != NULL; p = s, s = s->next) {
		if (s->ticket == t) {
			runtime_sudog *n = s->next;

			if (p != NULL)
				p->next = n;
			else
				l->head = n;
			if (n == NULL)
				l->tail = p;
			runtime_unlock(&l->lock);
			s->next = NULL;
			readyWithTime(s);
			return;
		}
	}
	runtime_unlock(&l->lock);
}

// Go: runtime/lock_futex.go active_spin, active_spin_cnt.
enum {
	active_spin = 4,
	active_spin_cnt = 30,
};

/* Go: runtime/asm_amd64.s procyield */
static void
procyield(int cycles)
{
	for (int i = 0; i < cycles; i++) {
#if defined(__x86_64__)
		__builtin_ia32_pause();
#else
		__asm__ volatile("yield" ::: "memory"); // arm64 (asm_arm64.s)
#endif
	}
}

/* Go: runtime/proc.go sync_runtime_canSpin */
// sync.Mutex spins only a little: on a multicore machine, with more than
// one P, another P running and nothing else queued on ours.
bool
sync_runtime_canSpin(int i)
{
	runtime_p *pp;

	if (i >= active_spin || runtime_NumCPU() <= 1 ||
	    runtime_gomaxprocs <=
		    atomic_load(&runtime_sched.npidle) + atomic_load(&runtime_sched.nmspinning) + 1)
		return false;
	if ((pp = runtime_getg()->m->p) != NULL && !runtime_runqempty(pp))
		return false;
	return true;
}

/* Go: runtime/proc.go sync_runtime_doSpin */
void
sync_runtime_doSpin(void)
{
	procyield(active_spin_cnt);
}

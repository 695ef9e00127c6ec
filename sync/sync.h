// C port of the parts of go1.19 src/sync that gonet needs: Mutex (with
// starvation mode), RWMutex, WaitGroup, Once and Cond, built on the
// runtime's semaphores so that waiting parks the goroutine, not the thread.
//
// As in Go, the zero value of each type is ready to use (a static or
// calloc'ed object, or `sync_Mutex mu = {0};`), a value must not be copied
// after first use, and these types may only be used from goroutines (inside
// go_main), except that an uncontended Lock/Unlock never parks.
#ifndef GONET_SYNC_SYNC_H
#define GONET_SYNC_SYNC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "runtime_netpoll/runtime2.h" // runtime_mutex, runtime_sudog (notifyList)

// Go: sync.Locker.
// C: an interface value: the methods and the object they act on.
typedef struct sync_Locker {
	void (*Lock)(void *l);
	void (*Unlock)(void *l);
	void *l;
} sync_Locker;

// Go: sync.Mutex. Zero value: unlocked.
typedef struct sync_Mutex {
	_Atomic int32_t
		state; // mutexLocked | mutexWoken | mutexStarving | waiters << mutexWaiterShift
	_Atomic uint32_t sema; // semaphore the waiters park on
} sync_Mutex;

#define SYNC_MUTEX_INIT                                                                            \
	{                                                                                          \
		0, 0                                                                               \
	}

void sync_Mutex_Lock(sync_Mutex *m);
bool sync_Mutex_TryLock(sync_Mutex *m);
// Unlocking an unlocked Mutex is fatal: "fatal error: sync: unlock of
// unlocked mutex". As in Go, a Mutex is not tied to a goroutine.
void sync_Mutex_Unlock(sync_Mutex *m);
// C: the Locker interface value of m (Go: a *Mutex used as a Locker).
sync_Locker sync_Mutex_Locker(sync_Mutex *m);

// Go: sync.RWMutex. Zero value: unlocked.
typedef struct sync_RWMutex {
	sync_Mutex w;                // held while writers are pending
	_Atomic uint32_t writerSem;  // a writer waits here for the readers to leave
	_Atomic uint32_t readerSem;  // readers wait here for the writer to leave
	_Atomic int32_t readerCount; // pending readers (negative: a writer is pending)
	_Atomic int32_t readerWait;  // readers that must leave before the writer enters
} sync_RWMutex;

#define SYNC_RWMUTEX_INIT                                                                          \
	{                                                                                          \
		SYNC_MUTEX_INIT, 0, 0, 0, 0                                                        \
	}

void sync_RWMutex_RLock(sync_RWMutex *rw);
bool sync_RWMutex_TryRLock(sync_RWMutex *rw);
void sync_RWMutex_RUnlock(sync_RWMutex *rw);
void sync_RWMutex_Lock(sync_RWMutex *rw);
bool sync_RWMutex_TryLock(sync_RWMutex *rw);
void sync_RWMutex_Unlock(sync_RWMutex *rw);
// Go: (*RWMutex).RLocker: a Locker whose Lock/Unlock are RLock/RUnlock.
sync_Locker sync_RWMutex_RLocker(sync_RWMutex *rw);

// Go: sync.WaitGroup. Zero value: counter 0.
typedef struct sync_WaitGroup {
	_Atomic uint64_t state; // high 32 bits: counter, low 32 bits: waiters
	_Atomic uint32_t sema;
} sync_WaitGroup;

#define SYNC_WAITGROUP_INIT                                                                        \
	{                                                                                          \
		0, 0                                                                               \
	}

// Panics ("panic: sync: negative WaitGroup counter", ...) on misuse, as Go.
void sync_WaitGroup_Add(sync_WaitGroup *wg, int delta);
void sync_WaitGroup_Done(sync_WaitGroup *wg);
void sync_WaitGroup_Wait(sync_WaitGroup *wg);

// Go: sync.Once. Zero value: not done.
typedef struct sync_Once {
	_Atomic uint32_t done;
	sync_Mutex m;
} sync_Once;

#define SYNC_ONCE_INIT                                                                             \
	{                                                                                          \
		0, SYNC_MUTEX_INIT                                                                 \
	}

// Go: (*Once).Do(f). C: f takes an argument, as go() does.
void sync_Once_Do(sync_Once *o, void (*f)(void *), void *arg);

// Go: sync/runtime2.go notifyList: the runtime's ticket list behind Cond
// (runtime_notifyList* in runtime_netpoll/sema.c).
typedef struct sync_notifyList {
	_Atomic uint32_t wait;   // next ticket to hand out; incremented without lock
	_Atomic uint32_t notify; // next ticket to notify; written under lock
	runtime_mutex lock;      // guards head and tail
	runtime_sudog *head;     // parked waiters
	runtime_sudog *tail;
} sync_notifyList;

// Go: sync.Cond. L must be set before use (sync_NewCond, or an initializer).
typedef struct sync_Cond {
	sync_Locker L;
	sync_notifyList notify;
	_Atomic uintptr_t checker; // Go: copyChecker, the Cond's own address once used
} sync_Cond;

// Go: sync.NewCond. C: the Cond is calloc'ed; release it with sync_Cond_Free.
sync_Cond *sync_NewCond(sync_Locker l);
// C: frees a Cond from sync_NewCond. No goroutine may be waiting on it.
void sync_Cond_Free(sync_Cond *c);
void sync_Cond_Wait(sync_Cond *c);
void sync_Cond_Signal(sync_Cond *c);
void sync_Cond_Broadcast(sync_Cond *c);

#endif

// C port of go1.19 src/runtime/runtime2.go: the scheduler's data structures
// (g, m, p, schedt, gobuf, sudog), their status constants and wait reasons.
// Every shared field names what guards it, as Go's comments do.
#ifndef GONET_RUNTIME_RUNTIME2_H
#define GONET_RUNTIME_RUNTIME2_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>

typedef struct runtime_g runtime_g;
typedef struct runtime_m runtime_m;
typedef struct runtime_p runtime_p;
typedef struct runtime_sudog runtime_sudog;
typedef struct runtime_timer runtime_timer;
typedef struct runtime_hchan runtime_hchan;

// Go: runtime/lock_futex.go mutex. A futex word: unlocked, locked or
// sleeping. Never held across a goroutine switch.
typedef struct runtime_mutex {
	_Atomic uint32_t key;
} runtime_mutex;

// Go: runtime/lock_futex.go note. A one-shot wakeup for an M.
typedef struct runtime_note {
	_Atomic uint32_t key;
} runtime_note;

// Go: runtime/runtime2.go stack: [lo, hi).
typedef struct runtime_stack {
	uintptr_t lo;
	uintptr_t hi;
	unsigned valgrindId; // C: valgrind's name for the stack (VALGRIND_STACK_REGISTER)
	bool guarded;        // C: below lo is a PROT_NONE page; else a canary at lo (stack.c)
	uint8_t sinceCheck;  // C: switches since the canary was last read (runtime_stackcheck)
} runtime_stack;

// Go: runtime/runtime2.go gobuf. C: only the stack pointer is kept here;
// the callee-saved registers and the resume address are pushed on the
// goroutine's own stack by runtime_gogo (asm_amd64.S).
typedef struct runtime_gobuf {
	uintptr_t sp;
} runtime_gobuf;

// G status (Go: runtime/runtime2.go _Gidle ...).
enum {
	runtime_Gidle = 0,
	runtime_Grunnable = 1,
	runtime_Grunning = 2,
	runtime_Gsyscall = 3,
	runtime_Gwaiting = 4,
	runtime_Gdead = 6,
};

// Go: runtime/runtime2.go waitReason (the ones gonet parks for).
typedef enum runtime_waitReason {
	runtime_waitReasonZero = 0,
	runtime_waitReasonIOWait,
	runtime_waitReasonChanReceiveNilChan,
	runtime_waitReasonChanSendNilChan,
	runtime_waitReasonSelect,
	runtime_waitReasonSelectNoCases,
	runtime_waitReasonChanReceive,
	runtime_waitReasonChanSend,
	runtime_waitReasonSemacquire,
	runtime_waitReasonSleep,
	runtime_waitReasonSyncCondWait,
	runtime_waitReasonPreempted,
	runtime_waitReasonCount,
} runtime_waitReason;

const char *runtime_waitReason_String(runtime_waitReason w);

// Go: runtime/runtime2.go g.
struct runtime_g {
	runtime_stack stack;           // constant while the G is alive; lo is the guard page's top
	runtime_gobuf sched;           // saved context while not running
	runtime_m *m;                  // current M; nil when not running
	_Atomic uint32_t atomicstatus; // runtime_G*, changed with casgstatus
	runtime_g *schedlink;          // run queue / free list link, owned by the list's holder
	int64_t goid;                  // constant after newproc
	_Atomic int64_t waitsince;     // about when it began to wait, for the dump (stampWaitsince)
	runtime_waitReason waitreason; // valid while _Gwaiting
	uintptr_t param;               // passed by the waker (chan: sudog of the winning case)
	void (*startfn)(void *);       // the function go() started, for the dump
	void *startarg;
	uintptr_t gopc;              // caller of go(), for "created by"
	runtime_sudog *waiting;      // sudogs this G waits on (chan/select), owned by the G
	runtime_timer *timer;        // cached timer for time.Sleep, owned by the G
	_Atomic uint32_t selectDone; // chan.go: a select case won the race
	bool parkingOnChan;          // chan.go; read by nobody else in gonet
	bool preempt;                // unused: preemption is cooperative (docs)
	runtime_g *alllink;          // allgs list, guarded by allglock
	uint64_t sysexitticks;
	// Sanitizer and valgrind bookkeeping for stack switches.
	void *asanFakeStack;
	void *tsanFiber;
	bool dying; // C: goexit is switching away for the last time (ASan)
};

// Go: runtime/runtime2.go m.
struct runtime_m {
	runtime_g *g0;    // the scheduler's context on this thread's own stack
	runtime_g *curg;  // current running goroutine
	runtime_p *p;     // attached P for executing Go code (nil if not)
	runtime_p *nextp; // P handed over by startm, taken by mstart/stopm
	runtime_p *oldp;  // the P held before entering a syscall
	int64_t id;
	int32_t locks;
	bool spinning; // looking for work (counted in sched.nmspinning)
	bool blocked;  // parked on park
	runtime_note park;
	runtime_m *schedlink; // sched.midle list, guarded by sched.lock
	runtime_m *alllink;   // allm, guarded by sched.lock
	uint64_t fastrand;    // wyrand state, owned by the M
	uint64_t syscalltick;
	void (*mcallfn)(runtime_g *); // C: the function mcall runs on g0
	runtime_g *mcallg;
	bool (*waitunlockf)(runtime_g *, void *); // gopark's unlock function
	void *waitlock;
	uintptr_t g0sp;   // C: the g0 stack pointer systemstack runs below
	stack_t gsignal;  // the alternate signal stack (stack overflow reports)
	sigset_t sigmask; // the signal mask the thread runs with (Go: minitSignalMask)
	uint64_t pthread; // pthread_t of this M, set by newm under sched.lock
	bool joined;      // C: collected by go_main's teardown, under sched.lock
	bool isSysmon;
};

// P status (Go: runtime/runtime2.go _Pidle ...).
enum {
	runtime_Pidle = 0,
	runtime_Prunning = 1,
	runtime_Psyscall = 2,
	runtime_Pgcstop = 3,
	runtime_Pdead = 4,
};

#define runtime_runqSize 256

// Go: runtime/runtime2.go p.
struct runtime_p {
	int32_t id;
	_Atomic uint32_t status;      // one of runtime_P*
	runtime_p *link;              // sched.pidle, guarded by sched.lock
	_Atomic uint32_t schedtick;   // incremented on every scheduler call; sysmon reads it
	_Atomic uint32_t syscalltick; // incremented on every system call
	int64_t sysmontick_schedwhen;
	uint32_t sysmontick_schedtick;
	uint32_t sysmontick_syscalltick;
	int64_t sysmontick_syscallwhen;
	runtime_m *m; // back-link to associated M (nil if idle)
	// C: set by sysmon when one time slice ran 10 ms (Go preempts the G
	// then); the next scheduling point on this P ends the slice.
	_Atomic bool preempt;

	// Queue of runnable goroutines. Accessed without lock (head: atomic
	// load-acquire by thieves, tail: written only by the owner).
	_Atomic uint32_t runqhead;
	_Atomic uint32_t runqtail;
	_Atomic(runtime_g *) runq[runtime_runqSize];
	// A G readied by the current G, run next in its time slice.
	_Atomic(runtime_g *) runnext;

	// sudog cache (Go: p.sudogcache), owned by this P.
	runtime_sudog *sudogcache[128];
	int32_t nsudog;

	// Free Gs with stacks (status == Gdead), owned by this P.
	runtime_g *gFree;
	int32_t gFreeCount;

	// Timers (time.c). timer0When and timerModifiedEarliest are atomic.
	_Atomic uint64_t timer0When;
	_Atomic uint64_t timerModifiedEarliest;
	runtime_mutex timersLock; // guards timers
	runtime_timer **timers;   // the 4-ary heap
	int32_t timersCap;
	_Atomic uint32_t numTimers;
	_Atomic uint32_t deletedTimers;

	// C: a statistic Go does not keep: parks in netpollblock on this P
	// (runtime_netpollParks sums them). Only the M holding the P adds to
	// it, with a load and a store rather than a locked add; anyone reads.
	_Atomic uint64_t netpollParks;
};

// Go: runtime/runtime2.go gList / gQueue (linked through g.schedlink).
typedef struct runtime_gList {
	runtime_g *head;
} runtime_gList;

typedef struct runtime_gQueue {
	runtime_g *head;
	runtime_g *tail;
} runtime_gQueue;

// Go: runtime/runtime2.go schedt.
typedef struct runtime_schedt {
	_Atomic uint64_t goidgen;
	_Atomic int64_t lastpoll;  // time of last network poll, 0 while someone polls
	_Atomic int64_t pollUntil; // time to which the current poll is sleeping

	runtime_mutex lock; // guards the fields below unless marked atomic

	runtime_m *midle; // idle Ms waiting for work
	int32_t nmidle;   // number of idle Ms
	// Go: nmidlelocked. gonet has no locked Ms, so it is only ever 0 or
	// -1: sysmon counts itself as running while it hands work to Ps
	// (incidlelocked).
	int32_t nmidlelocked;
	int64_t mnext; // number of Ms created and next M ID
	int32_t maxmcount;
	int32_t nmsys; // system Ms (sysmon) not counted for deadlock

	_Atomic(runtime_p *) pidle; // idle Ps; read without the lock as a hint
	_Atomic int32_t npidle;
	_Atomic int32_t nmspinning;

	// Global runnable queue.
	runtime_gQueue runq;
	_Atomic int32_t runqsize; // read without the lock as a hint

	// Global cache of dead Gs with stacks.
	runtime_mutex gFreeLock;
	runtime_gList gFree;
	_Atomic int32_t gFreeCount; // read without the lock by gfget

	// sudog cache (chan.go / sema.go acquireSudog).
	runtime_mutex sudoglock;
	runtime_sudog *sudogcache;

	_Atomic uint32_t sysmonwait;
	runtime_note sysmonnote;
	// C: when sysmon last went to sleep in sysmonwait (written by sysmon
	// under lock, read without it by runtime_sysmonWakeBusy), and whether
	// runtime_sysmonWakeBusy woke it (guarded by lock).
	_Atomic int64_t sysmonSleepSince;
	bool sysmonWokenBusy;
	_Atomic bool sysmonStarted;
} runtime_schedt;

// Go: runtime/runtime2.go sudog: a G waiting on a channel or a semaphore.
struct runtime_sudog {
	runtime_g *g;
	runtime_sudog *next;
	runtime_sudog *prev;
	void *elem; // data element (may point to the stack)
	int64_t acquiretime;
	int64_t releasetime;
	uint32_t ticket;
	bool isSelect;
	bool success;
	runtime_sudog *parent;   // semaRoot tree
	runtime_sudog *waitlink; // g.waiting list or semaRoot
	runtime_sudog *waittail; // semaRoot
	runtime_hchan *c;        // channel
	runtime_sudog *alllink;  // C: every sudog, for go_main's teardown (sched.sudoglock)
};

// Go: runtime/time.go timer. f runs on the timer's P, from the scheduler,
// with the P's timersLock released; it must not block.
struct runtime_timer {
	_Atomic(runtime_p *) pp; // the P whose heap holds this timer
	int64_t when;
	int64_t period;
	void (*f)(void *arg, uintptr_t seq);
	void *arg;
	uintptr_t seq;
	int64_t nextwhen; // when, for timerModified* states
	_Atomic uint32_t status;
};

extern runtime_schedt runtime_sched;
extern int32_t runtime_gomaxprocs;
extern runtime_p **runtime_allp; // constant after schedinit

#endif

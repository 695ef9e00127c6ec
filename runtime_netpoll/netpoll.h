// C port of go1.19 src/runtime/netpoll.go's pollDesc and the functions that
// internal/poll reaches through go:linkname (poll_runtime_*).
#ifndef GONET_RUNTIME_NETPOLL_H
#define GONET_RUNTIME_NETPOLL_H

#include "runtime_netpoll/runtime2.h"

#include <stdatomic.h>

// Error codes returned by runtime_pollReset and runtime_pollWait.
enum {
	runtime_pollNoError = 0,        // no error
	runtime_pollErrClosing = 1,     // descriptor is closed
	runtime_pollErrTimeout = 2,     // I/O timeout
	runtime_pollErrNotPollable = 3, // general error polling descriptor
};

// rg and wg hold one of these, or the G waiting on the descriptor.
#define runtime_pdReady ((uintptr_t)1) // I/O readiness notification is pending
#define runtime_pdWait  ((uintptr_t)2) // a goroutine is about to park

// Bits of pollDesc.atomicInfo (Go: pollInfo).
enum {
	runtime_pollClosing = 1 << 0,
	runtime_pollEventErr = 1 << 1,
	runtime_pollExpiredReadDeadline = 1 << 2,
	runtime_pollExpiredWriteDeadline = 1 << 3,
};

// Go: runtime/netpoll.go pollDesc. Allocated from pollcache and never freed:
// a stale readiness event or timer may still name a reused pollDesc, and
// rseq/wseq make such a timer harmless.
typedef struct runtime_pollDesc runtime_pollDesc;
struct runtime_pollDesc {
	runtime_pollDesc *link; // in pollcache, protected by pollcache.lock
	uintptr_t fd;           // constant for pollDesc usage lifetime
	// closing, rd and wd summarised for netpollcheckerr, which cannot take
	// the lock; written only with lock held (and pollEventErr by netpoll).
	_Atomic uint32_t atomicInfo;
	_Atomic uintptr_t rg; // pdReady, pdWait, G waiting for read or 0
	_Atomic uintptr_t wg; // pdReady, pdWait, G waiting for write or 0
	// C: set by netpoll once the kernel reported peer shutdown, hang-up,
	// an error or urgent data: states at which a read may stop short with
	// bytes still to come (see poll_runtime_pollShortReadDrained).
	_Atomic bool readStopSeen;

	runtime_mutex lock; // protects the following fields
	bool closing;
	uint32_t user;    // user settable cookie
	uintptr_t rseq;   // protects from stale read timers
	runtime_timer rt; // read deadline timer (set if rt.f != NULL)
	int64_t rd;       // read deadline (a nanotime in the future, -1 when expired)
	uintptr_t wseq;   // protects from stale write timers
	runtime_timer wt; // write deadline timer
	int64_t wd;       // write deadline (a nanotime in the future, -1 when expired)
};

// Go: poll_runtime_pollServerInit, pollOpen, pollClose, pollReset,
// pollWait, pollWaitCanceled, pollSetDeadline, pollUnblock,
// isPollServerDescriptor. `mode` is 'r', 'w' or 'r'+'w'.
void poll_runtime_pollServerInit(void);
runtime_pollDesc *poll_runtime_pollOpen(uintptr_t fd, int *errno_);
void poll_runtime_pollClose(runtime_pollDesc *pd);
int poll_runtime_pollReset(runtime_pollDesc *pd, int mode);
int poll_runtime_pollWait(runtime_pollDesc *pd, int mode);
void poll_runtime_pollWaitCanceled(runtime_pollDesc *pd, int mode);
// d: nanoseconds from now; 0 clears the deadline, < 0 means already expired.
void poll_runtime_pollSetDeadline(runtime_pollDesc *pd, int64_t d, int mode);
void poll_runtime_pollUnblock(runtime_pollDesc *pd);
bool poll_runtime_isPollServerDescriptor(uintptr_t fd);
// C: whether a short read of a TCP stream on pd, made after
// poll_runtime_pollReset, took every byte that no later event will report
// (internal/poll's drained-read shortcut, fd_unix.c poll_FD_Read).
bool poll_runtime_pollShortReadDrained(runtime_pollDesc *pd);

// The rest of netpoll.go, for tests (Go's export_test.go reaches them too).
uint32_t runtime_pollDesc_info(runtime_pollDesc *pd);
void runtime_pollDesc_publishInfo(runtime_pollDesc *pd);
void runtime_pollDesc_setEventErr(runtime_pollDesc *pd, bool b);
void runtime_netpollready(runtime_gList *toRun, runtime_pollDesc *pd, int32_t mode);
int runtime_netpollcheckerr(runtime_pollDesc *pd, int32_t mode);
bool runtime_netpollblock(runtime_pollDesc *pd, int32_t mode, bool waitio);
runtime_g *runtime_netpollunblock(runtime_pollDesc *pd, int32_t mode, bool ioready);
void runtime_netpollDeadline(void *arg, uintptr_t seq);
void runtime_netpollReadDeadline(void *arg, uintptr_t seq);
void runtime_netpollWriteDeadline(void *arg, uintptr_t seq);

// C: a statistic Go does not keep: how many times a goroutine parked in
// netpollblock since go_main started the runtime (the demo prints parks
// per read); 0 outside go_main.
uint64_t runtime_netpollParks(void);

// The backend (netpoll_epoll.c).
void runtime_netpollinit(void);
void runtime_netpollfini(void);
int32_t runtime_netpollopen(uintptr_t fd, runtime_pollDesc *pd);
int32_t runtime_netpollclose(uintptr_t fd);
bool runtime_netpollIsPollDescriptor(uintptr_t fd);

#endif

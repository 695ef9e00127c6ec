// C port of go1.19 src/net/internal/socktest (switch.go, switch_unix.go,
// switch_posix.go, sys_unix.go, sys_cloexec.go): a switch that stands
// between net and the socket system calls in tests. It keeps a table of the
// sockets it opened, per-(family, type, protocol) counters, and lets a test
// run a filter before and after each call, or fail the call outright.
//
// A Switch is safe for concurrent use by several threads (or goroutines).
// C: unlike Go's, its Close keeps the table right when another thread's new
// socket reuses the descriptor being closed (see sys_unix.c Close).
//
// Error ownership through a call (C: Go has a garbage collector):
//  - The Status a filter sees is the switch's own, borrowed for the call.
//    Before the call st->Err and st->SocketErr are NULL, and a Filter leaves
//    them so; after the call they hold its results (static errno errors).
//  - An error returned by a Filter or an AfterFilter goes to the caller of the
//    switch method, who releases it: the switch returns it as is.
//  - An AfterFilter may replace st->Err or st->SocketErr (with any error,
//    heap ones included). It releases the value it replaces (a no-op for the
//    errnos the calls leave there). The switch owns what the AfterFilter
//    leaves: st->Err goes to the caller when the method returns it (it does
//    when the AfterFilter returned NULL), and the switch releases everything
//    else before returning.
#ifndef GONET_SOCKTEST_SOCKTEST_H
#define GONET_SOCKTEST_SOCKTEST_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "errors/errors.h"
#include "syscall/syscall.h"

// Go: socktest.Cookie, a socket's (family, type, protocol) in 64 bits:
// family in bits 48-63, type in bits 16-47, protocol in bits 0-7.
typedef uint64_t socktest_Cookie;

/* Go: net/internal/socktest/switch.go (Cookie).Family */
int socktest_Cookie_Family(socktest_Cookie c);
/* Go: net/internal/socktest/switch.go (Cookie).Type */
// C: an int of 32 bits: a type with bit 31 set reads negative (Go's int is 64 bits).
int socktest_Cookie_Type(socktest_Cookie c);
/* Go: net/internal/socktest/switch.go (Cookie).Protocol */
int socktest_Cookie_Protocol(socktest_Cookie c);

// Go: socktest.Status, the status of a socket system call and its socket.
typedef struct socktest_Status {
	socktest_Cookie Cookie;
	go_error *Err;       // result of the system call
	go_error *SocketErr; // the socket's SO_ERROR, as an errno error (GetsockoptInt)
} socktest_Status;

// Go: (Status).String. Returns a malloc'd string; the caller frees it.
char *socktest_Status_String(const socktest_Status *so);

// Go: socktest.Stat, the counters of one cookie.
typedef struct socktest_Stat {
	int Family;   // address family
	int Type;     // socket type
	int Protocol; // protocol number

	uint64_t Opened;    // sockets opened
	uint64_t Connected; // sockets connected
	uint64_t Listened;  // sockets listening
	uint64_t Accepted;  // sockets accepted
	uint64_t Closed;    // sockets closed

	uint64_t OpenFailed;    // failed opens
	uint64_t ConnectFailed; // failed connects
	uint64_t ListenFailed;  // failed listens
	uint64_t AcceptFailed;  // failed accepts
	uint64_t CloseFailed;   // failed closes
} socktest_Stat;

// Go: (Stat).String. Returns a malloc'd string; the caller frees it.
char *socktest_Stat_String(const socktest_Stat *st);

// Go: socktest.FilterType.
typedef enum socktest_FilterType {
	socktest_FilterSocket,        // Socket
	socktest_FilterConnect,       // Connect
	socktest_FilterListen,        // Listen
	socktest_FilterAccept,        // Accept and Accept4
	socktest_FilterGetsockoptInt, // GetsockoptInt
	socktest_FilterClose,         // Close
	socktest_maxFilterType,       // C: the size of the filter table
} socktest_FilterType;

// Go: socktest.AfterFilter. Runs after the system call of a socket the
// switch knows, with the call's result in st. A non-NULL error is what the
// switch method returns, instead of the call's own result.
typedef go_error *(*socktest_AfterFilter)(socktest_Status *st);

// Go: socktest.Filter, func(*Status) (AfterFilter, error). Runs before the
// system call of a socket the switch knows (for Socket: of every call). A
// non-NULL error cancels the system call and is what the switch method
// returns. *af, NULL on entry, may be set to run after the call.
// C: a plain function: state a Go closure would capture lives in statics.
typedef go_error *(*socktest_Filter)(socktest_Status *st, socktest_AfterFilter *af);

// C: Go's sync.Once for Switch.once (an atomic flag and a mutex).
typedef struct socktest_once {
	_Atomic uint32_t done;
	pthread_mutex_t m;
} socktest_once;

// One entry of the switch's socket table, indexed by descriptor.
typedef struct socktest_sotabEntry {
	bool ok;      // a socket of the switch has this descriptor
	uint64_t gen; // C: which socket of that descriptor (see sys_unix.c Close)
	socktest_Status so;
} socktest_sotabEntry;

// One entry of the per-cookie counters.
typedef struct socktest_statsEntry {
	socktest_Cookie c;
	socktest_Stat s;
} socktest_statsEntry;

// Go: socktest.Switch. Initialize with SOCKTEST_SWITCH_INIT (Go's zero
// value); socktest_Switch_destroy frees its tables. Fields are private.
typedef struct socktest_Switch {
	socktest_once once;

	pthread_rwlock_t fmu;                          // guards fltab
	socktest_Filter fltab[socktest_maxFilterType]; // C: Go's map[FilterType]Filter

	pthread_rwlock_t smu; // guards sotab and stats
	struct {
		socktest_sotabEntry *v; // v[s] for descriptor s < cap
		size_t cap;
		size_t len;   // number of entries with ok set
		uint64_t gen; // C: generations handed out so far
	} sotab;
	struct {
		socktest_statsEntry *v;
		size_t len, cap;
	} stats;
} socktest_Switch;

#define SOCKTEST_SWITCH_INIT                                                                       \
	{                                                                                          \
		.once = {.done = 0, .m = PTHREAD_MUTEX_INITIALIZER},                               \
		.fmu = PTHREAD_RWLOCK_INITIALIZER, .smu = PTHREAD_RWLOCK_INITIALIZER,              \
	}

// C: frees the switch's tables and forgets its filters, sockets and
// counters: the switch is back to SOCKTEST_SWITCH_INIT and may be used
// again. No other thread may use the switch meanwhile. Sockets in the table
// stay open: close them first (as Go's TestMain does with Sockets()).
void socktest_Switch_destroy(socktest_Switch *sw);

// Go: socktest.Sockets (map[int]Status) as a list of (descriptor, status)
// pairs in increasing descriptor order.
typedef struct socktest_Socket {
	int s;
	socktest_Status so;
} socktest_Socket;

typedef struct socktest_Sockets {
	socktest_Socket *v; // malloc'd; NULL when len is 0
	size_t len;
} socktest_Sockets;

// Go's `so, ok := tab[s]`.
bool socktest_Sockets_get(const socktest_Sockets *tab, int s, socktest_Status *so);
// Frees the copy returned by socktest_Switch_Sockets.
void socktest_Sockets_free(socktest_Sockets *tab);

/* Go: net/internal/socktest/switch.go (*Switch).Sockets */
// A copy of the socket table, owned by the caller (socktest_Sockets_free);
// later calls on the switch do not change it. Its statuses hold no errors
// (the table records cookies only), so the copy owns nothing but its array.
socktest_Sockets socktest_Switch_Sockets(socktest_Switch *sw);

// C: len(sw.Sockets()) without the copy.
size_t socktest_Switch_numSockets(socktest_Switch *sw);

/* Go: net/internal/socktest/switch.go (*Switch).Stats */
// A malloc'd copy of the counters, one Stat per cookie, *n of them; the
// caller frees it with free(). NULL and *n == 0 when there are none.
socktest_Stat *socktest_Switch_Stats(socktest_Switch *sw, size_t *n);

/* Go: net/internal/socktest/switch.go (*Switch).Set */
// C: t must be one of the FilterType constants (Go's map takes any value);
// another panics.
void socktest_Switch_Set(socktest_Switch *sw, socktest_FilterType t, socktest_Filter f);

// The system calls, with Go's results: on failure *s, *ns and the returned
// value are -1 and *sa is nil (len 0), as in Go.
go_error *socktest_Switch_Socket(socktest_Switch *sw, int family, int sotype, int proto,
				 int *s) GO_MUST_CHECK;
go_error *socktest_Switch_Close(socktest_Switch *sw, int s) GO_MUST_CHECK;
go_error *socktest_Switch_Connect(socktest_Switch *sw, int s,
				  const syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *socktest_Switch_Listen(socktest_Switch *sw, int s, int backlog) GO_MUST_CHECK;
go_error *socktest_Switch_Accept(socktest_Switch *sw, int s, int *ns,
				 syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *socktest_Switch_Accept4(socktest_Switch *sw, int s, int flags, int *ns,
				  syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *socktest_Switch_GetsockoptInt(socktest_Switch *sw, int s, int level, int opt,
					int *soerr) GO_MUST_CHECK;

#endif

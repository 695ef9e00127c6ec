// C port of go1.19 src/net/dial.go: Dialer, Dial, DialTimeout, ListenConfig,
// Listen.
//
// Ownership: see net/conn.h. A Dialer and a ListenConfig are plain values
// (the zero value is Go's zero Dialer / ListenConfig) that the caller owns;
// the Dialer borrows LocalAddr, Resolver, Cancel and ControlEnv for the
// duration of each call (a Happy Eyeballs racer that lost may still call
// Control shortly after DialContext returns, as in Go: keep ControlEnv
// alive as long as the Dialer). A dial or listen returns a new Conn / Listener
// owned by the caller, or NULL and an error owned by the caller.
#ifndef GONET_NET_DIAL_H
#define GONET_NET_DIAL_H

#include <stdbool.h>

#include "context/context.h"
#include "errors/errors.h"
#include "net/conn.h"
#include "net/net.h"
#include "runtime_netpoll/chan.h"
#include "syscall/syscall.h"
#include "time/time.h"

typedef struct net_Resolver net_Resolver; // net/lookup.h

// Go: the Control func(network, address string, c syscall.RawConn) error of
// Dialer and ListenConfig: called with env, after the socket is made and
// before it is bound or connected. c is borrowed for the call.
typedef go_error *(*net_ControlFunc)(void *env, const char *network, const char *address,
				     syscall_RawConn *c);

// Go: net.Dialer. The zero value dials as net_Dial does.
typedef struct net_Dialer {
	time_Duration Timeout;       // 0: no timeout (the OS's own connect timeout)
	time_Time Deadline;          // zero: none
	const net_Addr *LocalAddr;   // borrowed; NULL: chosen by the system
	bool DualStack;              // deprecated, as in Go (FallbackDelay < 0 disables)
	time_Duration FallbackDelay; // 0: 300 ms; < 0: no Happy Eyeballs fallback
	time_Duration KeepAlive;     // 0: 15 s; < 0: keep-alives off
	net_Resolver *Resolver;      // borrowed; NULL: &net_DefaultResolver
	runtime_hchan *Cancel;       // deprecated: a channel closed to cancel; borrowed
	net_ControlFunc Control;     // optional
	void *ControlEnv;            // Control's environment
} net_Dialer;

// Go: (*Dialer).Dial, (*Dialer).DialContext. ctx must be non-NULL (Go:
// "nil context" panic).
go_error *net_Dialer_Dial(net_Dialer *d, const char *network, const char *address,
			  net_Conn **c) GO_MUST_CHECK;
go_error *net_Dialer_DialContext(net_Dialer *d, context_Context *ctx, const char *network,
				 const char *address, net_Conn **c) GO_MUST_CHECK;

// Go: net.Dial, net.DialTimeout.
go_error *net_Dial(const char *network, const char *address, net_Conn **c) GO_MUST_CHECK;
go_error *net_DialTimeout(const char *network, const char *address, time_Duration timeout,
			  net_Conn **c) GO_MUST_CHECK;

// Go: net.ListenConfig. The zero value listens as net_Listen does.
typedef struct net_ListenConfig {
	net_ControlFunc Control; // optional
	void *ControlEnv;
	time_Duration KeepAlive; // for accepted conns: 0: 15 s; < 0: off
} net_ListenConfig;

// Go: (*ListenConfig).Listen and net.Listen ("tcp", "tcp4", "tcp6",
// "unix", "unixpacket").
go_error *net_ListenConfig_Listen(net_ListenConfig *lc, context_Context *ctx, const char *network,
				  const char *address, net_Listener **l) GO_MUST_CHECK;
go_error *net_Listen(const char *network, const char *address, net_Listener **l) GO_MUST_CHECK;

// Go: (*ListenConfig).ListenPacket and net.ListenPacket ("udp", "udp4",
// "udp6", "unixgram"; the raw IP networks are not ported yet and fail as
// Go's default case does, with "unexpected address type"). *c is owned by
// the caller.
go_error *net_ListenConfig_ListenPacket(net_ListenConfig *lc, context_Context *ctx,
					const char *network, const char *address,
					net_PacketConn **c) GO_MUST_CHECK;
go_error *net_ListenPacket(const char *network, const char *address,
			   net_PacketConn **c) GO_MUST_CHECK;

#endif

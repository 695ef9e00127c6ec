// C port of the helpers of go1.19 src/net/mockserver_test.go (and of
// platform_test.go's testable* predicates, net_test.go's withTCPConnPair
// and rawconn_unix_test.go's controlOnConnSetup) that the TCP and Unix
// socket tests use. They go into gonet_testutil, so a test built against
// the installed gonet can use them too.
//
// C: helpers that Go makes fail the test (t.Fatal) call cmocka's fail_msg,
// so call those from the test's main goroutine. Errors sent on a channel
// (transponder, transceiver) are owned by the receiver.
#ifndef GONET_TESTS_NET_MOCKSERVER_H
#define GONET_TESTS_NET_MOCKSERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/conn.h"
#include "net/dial.h"
#include "net/tcpsock.h"
#include "net/udpsock.h"
#include "net/unixsock.h"
#include "runtime_netpoll/chan.h"
#include "sync/sync.h"

// Go: conn_test.go someTimeout: deadlines that only check that setting one
// works.
#define someTimeout time_Hour

// Go: testableNetwork (platform_test.go), for the networks gonet has:
// "tcp", "udp", "tcp4" and "udp4" (if IPv4 works), "tcp6" and "udp6" (if
// IPv6 works), "unix", "unixgram", "unixpacket". Anything after a ':' is
// ignored, as in Go.
bool testableNetwork(const char *network);

// Go: testableAddress (platform_test.go): abstract Unix socket names
// ("@...") only on Linux, which is all gonet runs on.
bool testableAddress(const char *network, const char *address);

// Go: testableListenArgs (platform_test.go). C: as for Go's -short runs
// (testenv.HasExternalNetwork false), wildcard addresses are not testable.
bool testableListenArgs(const char *network, const char *address, const char *client);

// Go: testUnixAddr(t): a fresh name for a Unix socket, "sock" in a new
// directory of the temporary directory (os.MkdirTemp("", ""): $TMPDIR or
// /tmp), short enough for sun_path. Nothing is created at that name.
// C: the string is the suite's; it stays valid until testUnixAddrCleanup,
// which is Go's t.Cleanup (os.RemoveAll of the directory) for every name
// made so far. netTestTeardown calls it; a suite with its own fixture
// calls it in its teardown. A failure (no temporary directory) calls
// fail_msg, as Go's t.Fatal does, so call it from the test's main
// goroutine (it is safe to call from any thread otherwise).
const char *testUnixAddr(void);
void testUnixAddrCleanup(void);

// C: the per-test fixture of the net suites (Go: main_test.go's TestMain
// around each test): setup counts the open sockets and installs the
// socktest hooks; teardown asserts that the switch knows no socket and
// that no socket leaked, closes any left over, uninstalls the hooks, and
// removes the directories testUnixAddr made (testUnixAddrCleanup).
int netTestSetup(void **state);
int netTestTeardown(void **state);

// Go: newLocalListener(t, network, lcOpt...). lc may be NULL (Go's
// new(ListenConfig)). "tcp", "tcp4", "tcp6" listen on loopback, "unix" and
// "unixpacket" on a testUnixAddr name. Fails the test when no listener
// can be made.
net_Listener *newLocalListener(const char *network, net_ListenConfig *lc);

// Go: newLocalPacketListener(t, network, lcOpt...), likewise: "udp",
// "udp4", "udp6" on loopback, "unixgram" on a testUnixAddr name. The
// PacketConn is the caller's (Close, then net_PacketConn_Free).
net_PacketConn *newLocalPacketListener(const char *network, net_ListenConfig *lc);

// Go: localServer.
typedef struct localServer {
	sync_RWMutex lnmu;
	net_Listener *Listener; // NULL once torn down
	bool ownsListener;      // C: teardown frees Listener
	runtime_hchan *done;    // chan bool, closed when the handler returns
	// Accepted connections. C: guarded by clmu (Go's test reads it
	// unguarded after closing the listener; TSan would flag that here).
	sync_Mutex clmu;
	net_Conn **cl;
	size_t ncl;
} localServer;

// Go: newLocalServer(t, network).
localServer *newLocalServer(const char *network);
// Go: (&streamListener{Listener: ln}).newLocalServer(): a server on a
// listener someone else owns (and frees); teardown closes it, as Go's.
localServer *streamListener_newLocalServer(net_Listener *ln);
// Go: (*localServer).buildup(handler): runs handler(ls, ls.Listener, env)
// in a goroutine.
go_error *localServer_buildup(localServer *ls,
			      void (*handler)(localServer *ls, net_Listener *ln, void *env),
			      void *env) GO_MUST_CHECK;
// Go: (*localServer).teardown: closes the listener and the accepted conns,
// waits for the handler, and removes the socket file of a "unix" or
// "unixpacket" listener. C: also frees the listener (if it owns it) and
// the conns.
go_error *localServer_teardown(localServer *ls) GO_MUST_CHECK;
// C: tears ls down if needed and frees it.
void localServer_free(localServer *ls);

// Go: (*localServer).transponder(ln, ch): accepts one conn (with a
// deadline on a TCP or Unix listener), echoes one read back. ch is a chan
// error (element go_error *), closed at the end.
// C: Go's parseAcceptError/parseReadError/parseWriteError checks are
// error_test.go's; only the error itself is sent.
void localServer_transponder(localServer *ls, net_Listener *ln, runtime_hchan *ch);

// Go: transceiver(c, wb, ch): writes wb and reads as much back.
void transceiver(net_Conn *c, const uint8_t *wb, size_t len, runtime_hchan *ch);

// Go: localPacketServer, a PacketConn served by a handler goroutine.
typedef struct localPacketServer {
	sync_RWMutex pcmu;
	net_PacketConn *PacketConn; // NULL once torn down
	bool ownsPacketConn;        // C: teardown frees PacketConn
	runtime_hchan *done;        // chan bool, closed when the handler returns
} localPacketServer;

// Go: newLocalPacketServer(t, network): on newLocalPacketListener's conn.
localPacketServer *newLocalPacketServer(const char *network);
// Go: (&packetListener{PacketConn: c}).newLocalServer(): a server on a
// PacketConn someone else owns (and frees); teardown closes it, as Go's.
localPacketServer *packetListener_newLocalServer(net_PacketConn *c);
// Go: (*localPacketServer).buildup(handler): runs handler(ls, PacketConn,
// env) in a goroutine.
go_error *localPacketServer_buildup(localPacketServer *ls,
				    void (*handler)(localPacketServer *ls, net_PacketConn *c,
						    void *env),
				    void *env) GO_MUST_CHECK;
// Go: (*localPacketServer).teardown: closes the PacketConn, waits for the
// handler, removes the socket file of a "unixgram" one. C: also frees the
// PacketConn if it owns it.
go_error *localPacketServer_teardown(localPacketServer *ls) GO_MUST_CHECK;
// C: tears ls down if needed and frees it.
void localPacketServer_free(localPacketServer *ls);

// Go: packetTransponder(c, ch): reads one packet and writes it back to its
// sender (for a connected-mode sender, whose address is unknown, to the
// address the packet holds). ch as for transponder.
void packetTransponder(net_PacketConn *c, runtime_hchan *ch);
// Go: packetTransceiver(c, wb, dst, ch): writes wb to dst and reads as
// much back.
void packetTransceiver(net_PacketConn *c, const uint8_t *wb, size_t len, const net_Addr *dst,
		       runtime_hchan *ch);

// Go: net_test.go withTCPConnPair(t, peer1, peer2): peer1 gets the
// accepted end, peer2 the dialed end, each in a goroutine; the errors they
// return fail the test.
void withTCPConnPair(go_error *(*peer1)(net_TCPConn *c, void *env),
		     go_error *(*peer2)(net_TCPConn *c, void *env), void *env);

// Go: rawconn_unix_test.go controlOnConnSetup, a Dialer/ListenConfig
// Control that sets IP_TTL (or IPV6_UNICAST_HOPS) through the RawConn, or
// for the Unix networks reads SO_ERROR.
go_error *controlOnConnSetup(void *env, const char *network, const char *address,
			     syscall_RawConn *c);

#endif

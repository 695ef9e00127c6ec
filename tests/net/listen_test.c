// C port of go1.19 src/net/listen_test.go, TCP and UDP part:
// TestTCPListener, TestUDPListener, TestDualStackTCPListener,
// TestDualStackUDPListener, TestWildWildcardListener, TestClosingListener and
// TestListenConfigControl, with the helpers checkFirstListener,
// checkSecondListener, checkDualStackSecondListener,
// checkDualStackAddrFamily and differentWildcardAddr, and
// platform_test.go's testableListenArgs.
#include "gotest.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errortest.h"
#include "localhelpers.h"
#include "net/lookup.h"
#include "net/net_impl.h"
#include "net/udpsock.h"
#include "socktest_install.h"
#include "sync/sync.h"

static int socketsAtStart;

// C: the teardown of the tests that make Unix socket names.
static int
unixTeardown(void **state)
{
	testUnixAddrCleanup(); // Go: testUnixAddr's t.Cleanup
	return socktestTeardown(state);
}

static int
setup(void **state)
{
	socketsAtStart = testOpenSockets();
	return socktestSetup(state);
}

static void
assertNoLeak(void)
{
	if (!waitGoroutines())
		fail_msg("%d goroutines left (leaked)", runtime_NumGoroutine() - 1);
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

/* Go: net/listen_test.go (*TCPListener).port */
static char *
TCPListener_port(net_TCPListener *ln)
{
	char *s = net_Addr_String(net_TCPListener_Addr(ln)), *host, *port;
	go_error *err = net_SplitHostPort(s, &host, &port);

	free(s);
	if (err != NULL) {
		go_error_release(err);
		return strdup("");
	}
	free(host);
	return port;
}

static const struct {
	const char *network;
	const char *address;
} tcpListenerTests[] = {
	{"tcp", ""},
	{"tcp", "0.0.0.0"},
	{"tcp", "::ffff:0.0.0.0"},
	{"tcp", "::"},

	{"tcp", "127.0.0.1"},
	{"tcp", "::ffff:127.0.0.1"},
	{"tcp", "::1"},

	{"tcp4", ""},
	{"tcp4", "0.0.0.0"},
	{"tcp4", "::ffff:0.0.0.0"},

	{"tcp4", "127.0.0.1"},
	{"tcp4", "::ffff:127.0.0.1"},

	{"tcp6", ""},
	{"tcp6", "::"},

	{"tcp6", "::1"},
};

/* Go: net/listen_test.go (*UDPConn).port */
static char *
UDPConn_port(net_UDPConn *c)
{
	char *s = net_Addr_String(net_UDPConn_LocalAddr(c)), *host, *port;
	go_error *err = net_SplitHostPort(s, &host, &port);

	free(s);
	if (err != NULL) {
		go_error_release(err);
		return strdup("");
	}
	free(host);
	return port;
}

static const struct {
	const char *network;
	const char *address;
} udpListenerTests[] = {
	{"udp", ""},
	{"udp", "0.0.0.0"},
	{"udp", "::ffff:0.0.0.0"},
	{"udp", "::"},

	{"udp", "127.0.0.1"},
	{"udp", "::ffff:127.0.0.1"},
	{"udp", "::1"},

	{"udp4", ""},
	{"udp4", "0.0.0.0"},
	{"udp4", "::ffff:0.0.0.0"},

	{"udp4", "127.0.0.1"},
	{"udp4", "::ffff:127.0.0.1"},

	{"udp6", ""},
	{"udp6", "::"},

	{"udp6", "::1"},
};

/* Go: net/platform_test.go testableListenArgs */
// C: TCP and UDP networks (their addresses resolve alike, so
// ResolveTCPAddr serves both), and no client address (Go's callers here
// pass "").
// Go also skips wildcard addresses when the external network is off
// limits (-short), as mockserver.h's testableListenArgs always does;
// listening on a wildcard port sends nothing, so here the wildcard cases
// run.
static bool
testableListenArgsWildcard(const char *network, const char *address)
{
	net_TCPAddr addr;
	go_error *err = net_ResolveTCPAddr("tcp", address, &addr);

	(void)network;
	if (err != NULL) {
		go_error_release(err);
		return false;
	}
	net_IP ip = addr.IP;
	// Test functionality of IPv4 communication using AF_INET and IPv6
	// communication using AF_INET6 sockets.
	if (!net_supportsIPv4() && net_IP_To4(ip).len != 0)
		return false;
	if (!net_supportsIPv6() && net_IP_To16(ip).len != 0 && net_IP_To4(ip).len == 0)
		return false;
	return true;
}

/* Go: net/listen_test.go checkDualStackAddrFamily */
// C: Go's switch on the type of fd.laddr: a *TCPAddr or a *UDPAddr.
static go_error *
checkDualStackAddrFamily(net_netFD *fd)
{
	bool wildcard;
	int family;

	if (fd->laddr != NULL && fd->laddr->m == &net_TCPAddr_methods) {
		const net_TCPAddr *a = (const net_TCPAddr *)fd->laddr;

		wildcard = net_TCPAddr_isWildcard(a);
		family = net_TCPAddr_family(a);
	} else if (fd->laddr != NULL && fd->laddr->m == &net_UDPAddr_methods) {
		const net_UDPAddr *a = (const net_UDPAddr *)fd->laddr;

		wildcard = net_UDPAddr_isWildcard(a);
		family = net_UDPAddr_family(a);
	} else {
		return errors_Newf("unexpected protocol address type: %s",
				   fd->laddr ? fd->laddr->m->type : "<nil>");
	}
	char *s = net_Addr_String(fd->laddr);
	go_error *err = NULL;
	// A node with IPv6 and IPv4-mapping support listens on a wildcard
	// address with an AF_INET6 socket.
	if (net_supportsIPv4map() && wildcard) {
		if (fd->family != AF_INET6)
			err = errors_Newf("Listen(%s, %s) returns %d; want %d", fd->net, s,
					  fd->family, AF_INET6);
	} else if (fd->family != family) {
		err = errors_Newf("Listen(%s, %s) returns %d; want %d", fd->net, s, fd->family,
				  family);
	}
	free(s);
	return err;
}

/* Go: net/listen_test.go checkFirstListener */
// C: Go's ln any is a Listener (TCP networks) or a PacketConn (UDP ones).
static go_error *
checkFirstListener(const char *network, net_Listener *ln, net_PacketConn *pc)
{
	net_netFD *fd;
	int want;

	if (strncmp(network, "tcp", 3) == 0)
		fd = net_Listener_TCPListener(ln)->fd;
	else if (strncmp(network, "udp", 3) == 0)
		fd = net_PacketConn_UDPConn(pc)->conn.fd;
	else
		return net_newUnknownNetworkError(network);
	if (strcmp(network, "tcp") == 0 || strcmp(network, "udp") == 0)
		return checkDualStackAddrFamily(fd);
	if (strcmp(network, "tcp4") == 0 || strcmp(network, "udp4") == 0)
		want = AF_INET;
	else if (strcmp(network, "tcp6") == 0 || strcmp(network, "udp6") == 0)
		want = AF_INET6;
	else
		return net_newUnknownNetworkError(network);
	if (fd->family != want) {
		char *s = net_Addr_String(fd->laddr);
		go_error *err = errors_Newf("%s got %d; want %d", s, fd->family, want);

		free(s);
		return err;
	}
	return NULL;
}

/* Go: net/listen_test.go checkSecondListener */
static go_error *
checkSecondListener(const char *network, const char *address, go_error *err)
{
	if (strcmp(network, "tcp") == 0 || strcmp(network, "tcp4") == 0 ||
	    strcmp(network, "tcp6") == 0 || strcmp(network, "udp") == 0 ||
	    strcmp(network, "udp4") == 0 || strcmp(network, "udp6") == 0) {
		if (err == NULL)
			return errors_Newf("%s %s should fail", network, address);
		return NULL;
	}
	return net_newUnknownNetworkError(network);
}

// TestTCPListener tests both single and double listen to a test listener
// with same address family, same listening address and same port.
GO_TEST(TestTCPListener)
{
	for (size_t i = 0; i < nelem(tcpListenerTests); i++) {
		const char *network = tcpListenerTests[i].network;
		char *addr0 = net_JoinHostPort(tcpListenerTests[i].address, "0");
		net_Listener *ln1, *ln2;
		go_error *err, *cerr;

		if (!testableListenArgsWildcard(network, addr0)) {
			free(addr0);
			continue;
		}
		if ((err = net_Listen(network, addr0, &ln1)) != NULL)
			fail_msg("%s", go_error_Error(err));
		free(addr0);
		if ((cerr = checkFirstListener(network, ln1, NULL)) != NULL)
			fail_msg("%s", go_error_Error(cerr));
		char *port = TCPListener_port(net_Listener_TCPListener(ln1));
		char *addr = net_JoinHostPort(tcpListenerTests[i].address, port);
		err = net_Listen(network, addr, &ln2);
		free(addr);
		free(port);
		if (err == NULL)
			closeListener(ln2);
		if ((cerr = checkSecondListener(network, tcpListenerTests[i].address, err)) != NULL)
			fail_msg("%s", go_error_Error(cerr));
		go_error_release(err);
		closeListener(ln1);
	}
	assertNoLeak();
}

/* Go: net/listen_test.go TestUDPListener */
// TestUDPListener tests both single and double listen to a test listener
// with same address family, same listening address and same port. C: the
// wildcard rows run, as TestTCPListener's do (testableListenArgsWildcard).
GO_TEST(TestUDPListener)
{
	for (size_t i = 0; i < nelem(udpListenerTests); i++) {
		const char *network = udpListenerTests[i].network;
		char *addr0 = net_JoinHostPort(udpListenerTests[i].address, "0");
		net_PacketConn *c1, *c2;
		go_error *err, *cerr;

		if (!testableListenArgsWildcard(network, addr0)) {
			free(addr0);
			continue;
		}
		if ((err = net_ListenPacket(network, addr0, &c1)) != NULL)
			fail_msg("%s", go_error_Error(err));
		free(addr0);
		if ((cerr = checkFirstListener(network, NULL, c1)) != NULL)
			fail_msg("%s", go_error_Error(cerr));
		char *port = UDPConn_port(net_PacketConn_UDPConn(c1));
		char *addr = net_JoinHostPort(udpListenerTests[i].address, port);
		err = net_ListenPacket(network, addr, &c2);
		free(addr);
		free(port);
		if (err == NULL) {
			go_error_release(net_PacketConn_Close(c2));
			net_PacketConn_Free(c2);
		}
		if ((cerr = checkSecondListener(network, udpListenerTests[i].address, err)) != NULL)
			fail_msg("%s", go_error_Error(cerr));
		go_error_release(err);
		go_error_release(net_PacketConn_Close(c1));
		net_PacketConn_Free(c1);
	}
	assertNoLeak();
}

/* Go: net/listen_test.go TestWildWildcardListener */
// C: ListenIP("ip:icmp", nil) is left out (gonet has no raw IP). Go
// recovers a panic here; a crash fails the test process.
GO_TEST(TestWildWildcardListener)
{
	net_Listener *ln;
	net_TCPListener *tln;
	net_PacketConn *pc;
	net_UDPConn *uc;
	go_error *err;

	if ((err = net_Listen("tcp", "", &ln)) == NULL)
		closeListener(ln);
	go_error_release(err);
	if ((err = net_ListenPacket("udp", "", &pc)) == NULL) {
		go_error_release(net_PacketConn_Close(pc));
		net_PacketConn_Free(pc);
	}
	go_error_release(err);
	if ((err = net_ListenTCP("tcp", NULL, &tln)) == NULL) {
		go_error_release(net_TCPListener_Close(tln));
		net_TCPListener_Free(tln);
	}
	go_error_release(err);
	if ((err = net_ListenUDP("udp", NULL, &uc)) == NULL) {
		go_error_release(net_UDPConn_Close(uc));
		net_UDPConn_Free(uc);
	}
	go_error_release(err);
	assertNoLeak();
}

// ---- TestDualStackTCPListener ----

static const struct {
	const char *network1, *address1; // first listener
	const char *network2, *address2; // second listener
	go_error *xerr;                  // expected error value, nil or other
} dualStackTCPListenerTests[] = {
	{"tcp", "", "tcp", "", syscall_EADDRINUSE},
	{"tcp", "", "tcp", "0.0.0.0", syscall_EADDRINUSE},
	{"tcp", "0.0.0.0", "tcp", "", syscall_EADDRINUSE},

	{"tcp", "", "tcp", "::", syscall_EADDRINUSE},
	{"tcp", "::", "tcp", "", syscall_EADDRINUSE},
	{"tcp", "0.0.0.0", "tcp", "::", syscall_EADDRINUSE},
	{"tcp", "::", "tcp", "0.0.0.0", syscall_EADDRINUSE},
	{"tcp", "::ffff:0.0.0.0", "tcp", "::", syscall_EADDRINUSE},
	{"tcp", "::", "tcp", "::ffff:0.0.0.0", syscall_EADDRINUSE},

	{"tcp4", "", "tcp6", "", NULL},
	{"tcp6", "", "tcp4", "", NULL},
	{"tcp4", "0.0.0.0", "tcp6", "::", NULL},
	{"tcp6", "::", "tcp4", "0.0.0.0", NULL},

	{"tcp", "127.0.0.1", "tcp", "::1", NULL},
	{"tcp", "::1", "tcp", "127.0.0.1", NULL},
	{"tcp4", "127.0.0.1", "tcp6", "::1", NULL},
	{"tcp6", "::1", "tcp4", "127.0.0.1", NULL},
};

/* Go: net/listen_test.go differentWildcardAddr */
static bool
differentWildcardAddr(const char *i, const char *j)
{
	bool iw =
		strcmp(i, "") == 0 || strcmp(i, "0.0.0.0") == 0 || strcmp(i, "::ffff:0.0.0.0") == 0;
	bool jw =
		strcmp(j, "") == 0 || strcmp(j, "0.0.0.0") == 0 || strcmp(j, "::ffff:0.0.0.0") == 0;

	if (iw && jw)
		return false;
	if (strcmp(i, "[::]") == 0 && strcmp(j, "[::]") == 0)
		return false;
	return true;
}

/* Go: net/listen_test.go checkDualStackSecondListener */
static go_error *
checkDualStackSecondListener(const char *network, const char *address, go_error *err,
			     go_error *xerr)
{
	if (strcmp(network, "tcp") == 0 || strcmp(network, "tcp4") == 0 ||
	    strcmp(network, "tcp6") == 0 || strcmp(network, "udp") == 0 ||
	    strcmp(network, "udp4") == 0 || strcmp(network, "udp6") == 0) {
		if ((xerr == NULL && err != NULL) || (xerr != NULL && err == NULL))
			return errors_Newf("%s %s got %s; want %s", network, address,
					   err ? go_error_Error(err) : "<nil>",
					   xerr ? go_error_Error(xerr) : "<nil>");
		return NULL;
	}
	return net_newUnknownNetworkError(network);
}

// TestDualStackTCPListener tests both single and double listen to a test
// listener with various address families, different listening address
// and same port.
GO_TEST(TestDualStackTCPListener)
{
	int failures = 0;

	if (!net_supportsIPv4() || !net_supportsIPv6())
		GO_SKIP(); // both IPv4 and IPv6 are required
	for (size_t k = 0; k < nelem(dualStackTCPListenerTests); k++) {
		const char *network1 = dualStackTCPListenerTests[k].network1;
		const char *address1 = dualStackTCPListenerTests[k].address1;
		const char *network2 = dualStackTCPListenerTests[k].network2;
		const char *address2 = dualStackTCPListenerTests[k].address2;
		go_error *xerr = dualStackTCPListenerTests[k].xerr;
		go_error *firstErr = NULL, *secondErr = NULL;
		char *addr0 = net_JoinHostPort(address1, "0");
		bool testable = testableListenArgsWildcard(network1, addr0);

		free(addr0);
		if (!testable)
			continue;
		if (!net_supportsIPv4map() && differentWildcardAddr(address1, address2))
			xerr = NULL;
		for (int i = 0; i < 5; i++) {
			go_error_release(firstErr);
			go_error_release(secondErr);
			firstErr = secondErr = NULL;

			net_TCPListener *lns[2];
			go_error *err = newDualStackListener(lns);
			if (err != NULL)
				fail_msg("%s", go_error_Error(err));
			char *port = TCPListener_port(lns[0]);
			for (int j = 0; j < 2; j++) {
				go_error_release(net_TCPListener_Close(lns[j]));
				net_TCPListener_Free(lns[j]);
			}
			net_Listener *ln1, *ln2;
			char *a1 = net_JoinHostPort(address1, port);
			firstErr = net_Listen(network1, a1, &ln1);
			free(a1);
			free(port);
			if (firstErr != NULL)
				continue;
			go_error *cerr = checkFirstListener(network1, ln1, NULL);
			if (cerr != NULL)
				fail_msg("%s", go_error_Error(cerr));
			port = TCPListener_port(net_Listener_TCPListener(ln1));
			char *a2 = net_JoinHostPort(address2, port);
			err = net_Listen(network2, a2, &ln2);
			free(a2);
			free(port);
			if (err == NULL)
				closeListener(ln2);
			secondErr = checkDualStackSecondListener(network2, address2, err, xerr);
			go_error_release(err);
			closeListener(ln1);
			if (secondErr != NULL)
				continue;
			break;
		}
		if (firstErr != NULL) {
			print_error("#%zu: %s\n", k, go_error_Error(firstErr));
			failures++;
		}
		if (secondErr != NULL) {
			print_error("#%zu: %s\n", k, go_error_Error(secondErr));
			failures++;
		}
		go_error_release(firstErr);
		go_error_release(secondErr);
	}
	assert_int_equal(failures, 0);
	assertNoLeak();
}

// ---- TestDualStackUDPListener ----

static const struct {
	const char *network1, *address1; // first listener
	const char *network2, *address2; // second listener
	go_error *xerr;                  // expected error value, nil or other
} dualStackUDPListenerTests[] = {
	{"udp", "", "udp", "", syscall_EADDRINUSE},
	{"udp", "", "udp", "0.0.0.0", syscall_EADDRINUSE},
	{"udp", "0.0.0.0", "udp", "", syscall_EADDRINUSE},

	{"udp", "", "udp", "::", syscall_EADDRINUSE},
	{"udp", "::", "udp", "", syscall_EADDRINUSE},
	{"udp", "0.0.0.0", "udp", "::", syscall_EADDRINUSE},
	{"udp", "::", "udp", "0.0.0.0", syscall_EADDRINUSE},
	{"udp", "::ffff:0.0.0.0", "udp", "::", syscall_EADDRINUSE},
	{"udp", "::", "udp", "::ffff:0.0.0.0", syscall_EADDRINUSE},

	{"udp4", "", "udp6", "", NULL},
	{"udp6", "", "udp4", "", NULL},
	{"udp4", "0.0.0.0", "udp6", "::", NULL},
	{"udp6", "::", "udp4", "0.0.0.0", NULL},

	{"udp", "127.0.0.1", "udp", "::1", NULL},
	{"udp", "::1", "udp", "127.0.0.1", NULL},
	{"udp4", "127.0.0.1", "udp6", "::1", NULL},
	{"udp6", "::1", "udp4", "127.0.0.1", NULL},
};

/* Go: net/listen_test.go TestDualStackUDPListener */
// TestDualStackUDPListener tests both single and double listen to a test
// listener with various address families, different listening address
// and same port. C: the wildcard rows run, as TestDualStackTCPListener's
// do (testableListenArgsWildcard).
GO_TEST(TestDualStackUDPListener)
{
	int failures = 0;

	if (!net_supportsIPv4() || !net_supportsIPv6()) {
		print_message("both IPv4 and IPv6 are required\n");
		GO_SKIP(); // Go: t.Skip
	}
	for (size_t k = 0; k < nelem(dualStackUDPListenerTests); k++) {
		const char *network1 = dualStackUDPListenerTests[k].network1;
		const char *address1 = dualStackUDPListenerTests[k].address1;
		const char *network2 = dualStackUDPListenerTests[k].network2;
		const char *address2 = dualStackUDPListenerTests[k].address2;
		go_error *xerr = dualStackUDPListenerTests[k].xerr;
		go_error *firstErr = NULL, *secondErr = NULL;
		char *addr0 = net_JoinHostPort(address1, "0");
		bool testable = testableListenArgsWildcard(network1, addr0);

		free(addr0);
		if (!testable)
			continue;
		if (!net_supportsIPv4map() && differentWildcardAddr(address1, address2))
			xerr = NULL;
		for (int i = 0; i < 5; i++) {
			go_error_release(firstErr);
			go_error_release(secondErr);
			firstErr = secondErr = NULL;

			net_UDPConn *cs[2];
			go_error *err = newDualStackPacketListener(cs);
			if (err != NULL)
				fail_msg("%s", go_error_Error(err));
			char *port = UDPConn_port(cs[0]);
			for (int j = 0; j < 2; j++) {
				go_error_release(net_UDPConn_Close(cs[j]));
				net_UDPConn_Free(cs[j]);
			}
			net_PacketConn *c1, *c2;
			char *a1 = net_JoinHostPort(address1, port);
			firstErr = net_ListenPacket(network1, a1, &c1);
			free(a1);
			free(port);
			if (firstErr != NULL)
				continue;
			go_error *cerr = checkFirstListener(network1, NULL, c1);
			if (cerr != NULL)
				fail_msg("%s", go_error_Error(cerr));
			port = UDPConn_port(net_PacketConn_UDPConn(c1));
			char *a2 = net_JoinHostPort(address2, port);
			err = net_ListenPacket(network2, a2, &c2);
			free(a2);
			free(port);
			if (err == NULL) {
				go_error_release(net_PacketConn_Close(c2));
				net_PacketConn_Free(c2);
			}
			secondErr = checkDualStackSecondListener(network2, address2, err, xerr);
			go_error_release(err);
			go_error_release(net_PacketConn_Close(c1));
			net_PacketConn_Free(c1);
			if (secondErr != NULL)
				continue;
			break;
		}
		if (firstErr != NULL) {
			print_error("#%zu: %s\n", k, go_error_Error(firstErr));
			failures++;
		}
		if (secondErr != NULL) {
			print_error("#%zu: %s\n", k, go_error_Error(secondErr));
			failures++;
		}
		go_error_release(firstErr);
		go_error_release(secondErr);
	}
	assert_int_equal(failures, 0);
	assertNoLeak();
}

// ---- TestClosingListener ----

typedef struct closingArg {
	net_Listener *ln;
	sync_WaitGroup wg; // C: the listener is freed once the goroutine is done
} closingArg;

static void
closingAcceptLoop(void *arg)
{
	closingArg *a = arg;

	acceptClose(a->ln);
	sync_WaitGroup_Done(&a->wg);
}

GO_TEST(TestClosingListener)
{
	closingArg a = {.ln = newLocalListener("tcp", NULL)};
	char *addr = net_Addr_String(net_Listener_Addr(a.ln));
	net_Listener *ln2;
	go_error *err;

	sync_WaitGroup_Add(&a.wg, 1);
	go(closingAcceptLoop, &a);
	// Let the goroutine start. If it does not, the test passes without
	// testing anything, which is fine.
	time_Sleep(time_Millisecond);
	go_error_release(net_Listener_Close(a.ln));

	if ((err = net_Listen("tcp", addr, &ln2)) != NULL)
		fail_msg("%s", go_error_Error(err));
	closeListener(ln2);
	free(addr);
	sync_WaitGroup_Wait(&a.wg);
	net_Listener_Free(a.ln);
	assertNoLeak();
}

/* Go: net/listen_test.go TestListenConfigControl */
GO_TEST(TestListenConfigControl)
{
	static const char *const streamNetworks[] = {"tcp", "tcp4", "tcp6", "unix", "unixpacket"};
	static const char *const packetNetworks[] = {"udp", "udp4", "udp6", "unixgram"};

	print_message("=== RUN   TestListenConfigControl/StreamListen\n"); // Go: t.Run
	for (size_t i = 0; i < nelem(streamNetworks); i++) {
		net_ListenConfig lc = {.Control = controlOnConnSetup};

		if (!testableNetwork(streamNetworks[i]))
			continue;
		closeListener(newLocalListener(streamNetworks[i], &lc));
	}
	print_message("=== RUN   TestListenConfigControl/PacketListen\n");
	for (size_t i = 0; i < nelem(packetNetworks); i++) {
		net_ListenConfig lc = {.Control = controlOnConnSetup};
		net_PacketConn *c;

		if (!testableNetwork(packetNetworks[i]))
			continue;
		c = newLocalPacketListener(packetNetworks[i], &lc);
		go_error_release(net_PacketConn_Close(c));
		net_PacketConn_Free(c);
	}
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestTCPListener, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestUDPListener, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestWildWildcardListener, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDualStackTCPListener, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDualStackUDPListener, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestClosingListener, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestListenConfigControl, setup, unixTeardown),
};

GONET_TEST_MAIN(tests)

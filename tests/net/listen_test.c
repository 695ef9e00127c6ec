// C port of go1.19 src/net/listen_test.go, TCP part: TestTCPListener and
// TestWildWildcardListener, with the helpers checkFirstListener,
// checkSecondListener and checkDualStackAddrFamily, and platform_test.go's
// testableListenArgs.
#include "gotest.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errortest.h"
#include "localhelpers.h"
#include "net/lookup.h"
#include "net/net_impl.h"
#include "socktest_install.h"

static int socketsAtStart;

static int
setup(void **state)
{
	(void)state;
	// Go's runtime keeps a write on a broken socket from killing the
	// process (EPIPE only); gonet's does not (see NOTES-for-N1), so the
	// fixture ignores SIGPIPE, as mockserver.c's does.
	signal(SIGPIPE, SIG_IGN);
	socketsAtStart = testOpenSockets();
	installTestHooks();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	forceCloseSockets();
	uninstallTestHooks();
	socktest_Switch_destroy(&sw);
	return 0;
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

/* Go: net/platform_test.go testableListenArgs */
// C: TCP networks only, and no client address (Go's callers here pass "").
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
static go_error *
checkDualStackAddrFamily(net_netFD *fd)
{
	const net_TCPAddr *a = (const net_TCPAddr *)fd->laddr;

	if (fd->laddr == NULL || fd->laddr->m != &net_TCPAddr_methods)
		return errors_Newf("unexpected protocol address type: %s",
				   fd->laddr ? fd->laddr->m->type : "<nil>");
	char *s = net_Addr_String(fd->laddr);
	go_error *err = NULL;
	// A node with IPv6 and IPv4-mapping support listens on a wildcard
	// address with an AF_INET6 socket.
	if (net_supportsIPv4map() && net_TCPAddr_isWildcard(a)) {
		if (fd->family != AF_INET6)
			err = errors_Newf("Listen(%s, %s) returns %d; want %d", fd->net, s,
					  fd->family, AF_INET6);
	} else if (fd->family != net_TCPAddr_family(a)) {
		err = errors_Newf("Listen(%s, %s) returns %d; want %d", fd->net, s, fd->family,
				  net_TCPAddr_family(a));
	}
	free(s);
	return err;
}

/* Go: net/listen_test.go checkFirstListener */
static go_error *
checkFirstListener(const char *network, net_Listener *ln)
{
	net_TCPListener *tln = net_Listener_TCPListener(ln);
	net_netFD *fd = tln->fd;
	int want;

	if (strcmp(network, "tcp") == 0)
		return checkDualStackAddrFamily(fd);
	if (strcmp(network, "tcp4") == 0)
		want = AF_INET;
	else if (strcmp(network, "tcp6") == 0)
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
	    strcmp(network, "tcp6") == 0) {
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
		if ((cerr = checkFirstListener(network, ln1)) != NULL)
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

// C: the TCP calls only: gonet has no ListenPacket, ListenUDP or ListenIP.
// Go recovers a panic here; a crash fails the test process.
GO_TEST(TestWildWildcardListener)
{
	net_Listener *ln;
	net_TCPListener *tln;
	go_error *err;

	if ((err = net_Listen("tcp", "", &ln)) == NULL)
		closeListener(ln);
	go_error_release(err);
	if ((err = net_ListenTCP("tcp", NULL, &tln)) == NULL) {
		go_error_release(net_TCPListener_Close(tln));
		net_TCPListener_Free(tln);
	}
	go_error_release(err);
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestTCPListener, setup, teardown),
	cmocka_unit_test_setup_teardown(TestWildWildcardListener, setup, teardown),
};

GONET_TEST_MAIN(tests)

// Tests of go1.19 src/net/hook.go, hook_unix.go and src/internal/poll's
// hook_unix.go, hook_cloexec.go (Go tests them only through net's tests):
// the defaults, and installTestHooks / uninstallTestHooks of
// tests/socktest_install.c (Go: net/main_unix_test.go) routing a real socket
// round trip through the switch and back. Every test ends asserting that no
// socket leaked.
#include "testmain.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "hooks/hooks.h"
#include "socktest/socktest.h"
#include "socktest_install.h"

static int socketsAtStart;
static int socketFilterCalls, closeFilterCalls, acceptFilterCalls;

static int
setup(void **state)
{
	(void)state;
	socketFilterCalls = closeFilterCalls = acceptFilterCalls = 0;
	socketsAtStart = testOpenSockets();
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
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

static void
assertDefaults(void)
{
	assert_ptr_equal(net_socketFunc, syscall_Socket);
	assert_ptr_equal(net_connectFunc, syscall_Connect);
	assert_ptr_equal(net_listenFunc, syscall_Listen);
	assert_ptr_equal(net_getsockoptIntFunc, syscall_GetsockoptInt);
	assert_ptr_equal(poll_CloseFunc, syscall_Close);
	assert_ptr_equal(poll_AcceptFunc, syscall_Accept);
	assert_ptr_equal(poll_Accept4Func, syscall_Accept4);
}

static void
TestHookDefaults(void **state)
{
	(void)state;
	assertDefaults();
	assert_null(net_testHookDialTCP);
	assert_string_equal(net_testHookHostsPath, "/etc/hosts");
	// The no-op hooks are there to be called.
	net_testHookSetKeepAlive(15 * time_Second);
	net_testHookDialChannel();
	net_testHookCanceledDial();
	assertNoLeak();
}

static struct {
	void *env;
	context_Context *ctx;
	const char *network, *host;
	int calls;
} lookupSeen;

static char lookupResult[1]; // stands for an array of net_IPAddr

static go_error *
fakeLookupIP(void *env, context_Context *ctx, const char *network, const char *host,
	     net_IPAddr **addrs, size_t *naddrs)
{
	lookupSeen.env = env;
	lookupSeen.ctx = ctx;
	lookupSeen.network = network;
	lookupSeen.host = host;
	lookupSeen.calls++;
	if (strcmp(host, "fail") == 0) {
		*addrs = NULL;
		*naddrs = 0;
		return syscall_ENOENT;
	}
	*addrs = (net_IPAddr *)lookupResult;
	*naddrs = 3;
	return NULL;
}

// The default testHookLookupIP calls fn with its arguments and returns its
// results unchanged.
static void
TestHookLookupIPDefault(void **state)
{
	int env;
	context_Context *ctx = (context_Context *)&env; // opaque: only passed along
	net_lookupIPFunc fn = {fakeLookupIP, &env};
	net_IPAddr *addrs = NULL;
	size_t n = 0;

	(void)state;
	assert_null(net_testHookLookupIP(ctx, fn, "ip4", "localhost", &addrs, &n));
	assert_int_equal(lookupSeen.calls, 1);
	assert_ptr_equal(lookupSeen.env, &env);
	assert_ptr_equal(lookupSeen.ctx, ctx);
	assert_string_equal(lookupSeen.network, "ip4");
	assert_string_equal(lookupSeen.host, "localhost");
	assert_ptr_equal(addrs, (net_IPAddr *)lookupResult);
	assert_int_equal(n, 3);
	assert_ptr_equal(net_testHookLookupIP(ctx, fn, "ip", "fail", &addrs, &n), syscall_ENOENT);
	assert_null(addrs);
	assert_int_equal(n, 0);
	assert_int_equal(lookupSeen.calls, 2);
	assertNoLeak();
}

static go_error *
socketFilter(socktest_Status *st, socktest_AfterFilter *af)
{
	(void)st;
	(void)af;
	socketFilterCalls++;
	return NULL;
}

static go_error *
closeFilter(socktest_Status *st, socktest_AfterFilter *af)
{
	(void)st;
	(void)af;
	closeFilterCalls++;
	return NULL;
}

static go_error *
acceptFilter(socktest_Status *st, socktest_AfterFilter *af)
{
	(void)st;
	(void)af;
	acceptFilterCalls++;
	return NULL;
}

// A listener, a client and an accepted socket through the hooks, then
// closed: returns the number of sockets the switch knew at the peak.
static size_t
loopbackRoundTrip(void)
{
	syscall_Sockaddr addr, from;
	int ln, c, ns, ns2, c2, v;
	size_t peak;

	memset(&addr, 0, sizeof(addr));
	addr.len = sizeof(struct sockaddr_in);
	addr.u.in4.sin_family = AF_INET;
	addr.u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_null(net_socketFunc(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP, &ln));
	assert_null(syscall_Bind(ln, &addr));
	assert_null(syscall_Getsockname(ln, &addr));
	assert_null(net_listenFunc(ln, 4));
	assert_null(net_socketFunc(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP, &c));
	assert_null(net_connectFunc(c, &addr));
	assert_null(net_getsockoptIntFunc(c, SOL_SOCKET, SO_ERROR, &v));
	assert_int_equal(v, 0);
	assert_null(poll_Accept4Func(ln, SOCK_NONBLOCK | SOCK_CLOEXEC, &ns, &from));
	assert_null(net_socketFunc(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP, &c2));
	assert_null(net_connectFunc(c2, &addr));
	assert_null(poll_AcceptFunc(ln, &ns2, &from));
	assert_int_equal(from.len, sizeof(struct sockaddr_in));
	peak = socktest_Switch_numSockets(&sw);
	assert_null(poll_CloseFunc(ns2));
	assert_null(poll_CloseFunc(c2));
	assert_null(poll_CloseFunc(ns));
	assert_null(poll_CloseFunc(c));
	assert_null(poll_CloseFunc(ln));
	return peak;
}

/* Go: net/main_unix_test.go installTestHooks, uninstallTestHooks */
static void
TestInstallTestHooks(void **state)
{
	socktest_Stat *st;
	size_t n;
	char *s;

	(void)state;
	socktest_Switch_Set(&sw, socktest_FilterSocket, socketFilter);
	socktest_Switch_Set(&sw, socktest_FilterClose, closeFilter);
	socktest_Switch_Set(&sw, socktest_FilterAccept, acceptFilter);

	// Installed: every call goes through sw.
	installTestHooks();
	assert_ptr_not_equal(net_socketFunc, syscall_Socket);
	assert_ptr_not_equal(poll_Accept4Func, syscall_Accept4);
	assert_int_equal(loopbackRoundTrip(), 5);
	assert_int_equal(socketFilterCalls, 3);
	assert_int_equal(acceptFilterCalls, 2);
	assert_int_equal(closeFilterCalls, 5);
	st = socktest_Switch_Stats(&sw, &n);
	assert_int_equal(n, 1);
	s = socktest_Stat_String(&st[0]);
	assert_string_equal(s, "(inet4, stream|0x80000, tcp): opened=3 connected=3 listened=1 "
			       "accepted=2 closed=5 openfailed=0 connectfailed=0 listenfailed=0 "
			       "acceptfailed=0 closefailed=0");
	free(s);
	free(st);

	// Uninstalled: the syscalls again, the switch sees nothing.
	uninstallTestHooks();
	assertDefaults();
	assert_int_equal(loopbackRoundTrip(), 0);
	assert_int_equal(socketFilterCalls, 3);
	assert_int_equal(closeFilterCalls, 5);
	assertNoLeak();
}

/* Go: net/main_unix_test.go forceCloseSockets */
static void
TestForceCloseSockets(void **state)
{
	int s1, s2;

	(void)state;
	installTestHooks();
	assert_null(net_socketFunc(AF_INET, SOCK_STREAM, 0, &s1));
	assert_null(net_socketFunc(AF_INET, SOCK_DGRAM, 0, &s2));
	assert_int_equal(socktest_Switch_numSockets(&sw), 2);
	forceCloseSockets();
	uninstallTestHooks();
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestHookDefaults, setup, teardown),
	cmocka_unit_test_setup_teardown(TestHookLookupIPDefault, setup, teardown),
	cmocka_unit_test_setup_teardown(TestInstallTestHooks, setup, teardown),
	cmocka_unit_test_setup_teardown(TestForceCloseSockets, setup, teardown),
};

GONET_TEST_MAIN(tests)

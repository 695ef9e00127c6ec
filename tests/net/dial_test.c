// C port of go1.19 src/net/dial_test.go (TestDialLocal, TestDialParallel,
// TestDialerFallbackDelay, TestDialerPartialDeadline, TestDialerLocalAddr,
// TestDialerDualStack, TestDialerKeepAlive, TestDialCancel,
// TestDialListenerAddr, TestDialerControl, TestProhibitionaryDialArg,
// TestDialerDualStackFDLeak, TestDialParallelSpuriousConnection,
// TestCancelAfterDial, TestDialWithNonZeroDeadline) and timeout_test.go's
// TestDialTimeoutMaxDuration. Loopback only: where Go dials its black-hole
// address (198.18.0.254, 2001:2::254) the fake dialers below never touch
// the network, and TestDialCancel dials a listener whose accept queue is
// full (localhelpers.h blackhole).
#include "gotest.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context/context.h"
#include "errortest.h"
#include "hooks/hooks.h"
#include "localhelpers.h"
#include "net/lookup.h"
#include "net/net_impl.h"
#include "net/udpsock.h"
#include "net/unixsock.h"
#include "runtime_netpoll/chan.h"
#include "socktest_install.h"
#include "sync/sync.h"
#include "time/time.h"

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

// Every test ends here: nothing left open by net (the switch's table) or
// by anyone (the process's sockets).
static void
assertNoLeak(void)
{
	if (!waitGoroutines())
		fail_msg("%d goroutines left (leaked)", runtime_NumGoroutine() - 1);
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

static char *
addrString(const net_Addr *a)
{
	return net_Addr_String(a);
}

// Go's `_, port, err := SplitHostPort(ln.Addr().String())`.
static char *
listenerPort(net_Listener *ln)
{
	char *s = addrString(net_Listener_Addr(ln)), *host, *port;
	go_error *err = net_SplitHostPort(s, &host, &port);

	free(s);
	assert_null(err);
	free(host);
	return port;
}

GO_TEST(TestDialLocal)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	char *port = listenerPort(ln);
	char *addr = net_JoinHostPort("", port);
	net_Conn *c;
	go_error *err = net_Dial("tcp", addr, &c);

	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	closeConn(c);
	closeListener(ln);
	free(addr);
	free(port);
	assertNoLeak();
}

// Go: issue 18806: a listener on ":0" can be dialed at its Addr().String().
GO_TEST(TestDialListenerAddr)
{
	net_Listener *ln;
	net_Conn *c;
	go_error *err = net_Listen("tcp", ":0", &ln);
	char *addr;

	assert_null(err);
	addr = addrString(net_Listener_Addr(ln));
	if ((err = net_Dial("tcp", addr, &c)) != NULL)
		fail_msg("for addr \"%s\", dial error: %s", addr, go_error_Error(err));
	closeConn(c);
	closeListener(ln);
	free(addr);
	assertNoLeak();
}

// Go: dial_test.go slowDst4, slowDst6.
static const char slowDst4[] = "198.18.0.254";
static const char slowDst6[] = "2001:2::254";

// ---- TestDialParallel ----

enum { maxDialParallelAddrs = 1000 };

typedef struct dialParallelTest {
	const char *primaries[2];
	int nprimaries; // C: -1 means 1000 copies of primaries[0] (Go's nCopies)
	const char *fallbacks[2];
	int nfallbacks;
	const char *teardownNetwork;
	bool expectOk;
	time_Duration expectElapsed;
} dialParallelTest;

#define instant       ((time_Duration)0)
#define fallbackDelay (200 * time_Millisecond)

static const dialParallelTest dialParallelTests[] = {
	// These should just work on the first try.
	{{"127.0.0.1"}, 1, {0}, 0, "", true, instant},
	{{"::1"}, 1, {0}, 0, "", true, instant},
	{{"127.0.0.1", "::1"}, 2, {slowDst6}, 1, "tcp6", true, instant},
	{{"::1", "127.0.0.1"}, 2, {slowDst4}, 1, "tcp4", true, instant},
	// Primary is slow; fallback should kick in.
	{{slowDst4}, 1, {"::1"}, 1, "", true, fallbackDelay},
	// Skip a "connection refused" in the primary thread.
	{{"127.0.0.1", "::1"}, 2, {0}, 0, "tcp4", true, instant},
	{{"::1", "127.0.0.1"}, 2, {0}, 0, "tcp6", true, instant},
	// Skip a "connection refused" in the fallback thread.
	{{slowDst4, slowDst6}, 2, {"::1", "127.0.0.1"}, 2, "tcp6", true, fallbackDelay},
	// Primary refused, fallback without delay.
	{{"127.0.0.1"}, 1, {"::1"}, 1, "tcp4", true, instant},
	{{"::1"}, 1, {"127.0.0.1"}, 1, "tcp6", true, instant},
	// Everything is refused.
	{{"127.0.0.1"}, 1, {0}, 0, "tcp4", false, instant},
	// Nothing to do; fail instantly.
	{{0}, 0, {0}, 0, "", false, instant},
	// Connecting to tons of addresses should not trip the deadline.
	{{"::1"}, -1, {0}, 0, "", true, instant},
};

// The fake dialer's conns (see fakeDialTCP).
static net_TCPConn fakeConns[512];
static _Atomic size_t nfakeConns;
static _Atomic bool fakeConnsExhausted;

// The case the fake dialTCP reads (Go's closure over tt).
static const dialParallelTest *curParallelTest;

// Go: TestDialParallel's dialTCP closure.
static go_error *
fakeDialTCP(context_Context *ctx, const char *net, const net_TCPAddr *laddr,
	    const net_TCPAddr *raddr, net_TCPConn **c)
{
	const char *n = net_IP_To4(raddr->IP).len != 0 ? "tcp4" : "tcp6";
	char buf[net_IPStringLen];
	const char *r = net_IP_String(raddr->IP, buf);

	(void)net;
	(void)laddr;
	*c = NULL;
	if (strcmp(n, curParallelTest->teardownNetwork) == 0)
		return errors_New("unreachable");
	if (strcmp(r, slowDst4) == 0 || strcmp(r, slowDst6) == 0) {
		runtime_chanrecv1(context_Context_Done(ctx), NULL);
		return context_Context_Err(ctx);
	}
	// Go: &TCPConn{}, a conn with no netFD: Close fails with EINVAL, Free
	// does nothing. C: the garbage collector reclaims Go's; here they come
	// from a static pool, so that nobody has to free them.
	size_t i = atomic_fetch_add(&nfakeConns, 1);
	if (i >= nelem(fakeConns)) {
		atomic_store(&fakeConnsExhausted, true);
		return errors_New("fake TCPConn pool exhausted");
	}
	fakeConns[i].ifc.m = &net_TCPConn_methods;
	*c = &fakeConns[i];
	return NULL;
}

// Convert a list of IP strings into TCPAddrs (Go: makeAddrs).
static void
makeAddrs(const char *const *ips, int n, const char *port, net_addrList *out)
{
	int count = n < 0 ? maxDialParallelAddrs : n;

	*out = (net_addrList){0};
	for (int i = 0; i < count; i++) {
		char *hp = net_JoinHostPort(n < 0 ? ips[0] : ips[i], port);
		net_TCPAddr addr;
		go_error *err = net_ResolveTCPAddr("tcp", hp, &addr);

		free(hp);
		assert_null(err);
		net_addrList_append(out, net_Addr_clone(&addr.addr));
	}
}

static void
sleepCancel(void *arg)
{
	struct {
		context_CancelFunc cancel;
		sync_WaitGroup wg;
	} *a = arg;

	time_Sleep(5 * time_Millisecond);
	context_CancelFunc_Call(a->cancel);
	sync_WaitGroup_Done(&a->wg);
}

GO_TEST(TestDialParallel)
{
	const time_Duration forever = 60 * time_Minute;

	for (size_t i = 0; i < nelem(dialParallelTests); i++) {
		const dialParallelTest *tt = &dialParallelTests[i];
		net_addrList primaries, fallbacks;
		net_Conn *c = NULL;
		go_error *err;
		time_Time startTime;
		time_Duration elapsed;

		curParallelTest = tt;
		makeAddrs(tt->primaries, tt->nprimaries, "80", &primaries);
		makeAddrs(tt->fallbacks, tt->nfallbacks, "80", &fallbacks);
		net_Dialer d = {.FallbackDelay = fallbackDelay};
		if (tt->expectElapsed == instant)
			d.FallbackDelay = forever;
		startTime = time_Now();
		net_sysDialer sd = {
			.Dialer = d,
			.network = "tcp",
			.address = "?",
			.testHookDialTCP = fakeDialTCP,
		};
		err = net_sysDialer_dialParallel(&sd, context_Background(), &primaries, &fallbacks,
						 &c);
		elapsed = time_Since(startTime);

		if (c != NULL)
			closeConn(c);

		if (tt->expectOk && err != NULL)
			fail_msg("#%zu: got %s; want nil", i, go_error_Error(err));
		else if (!tt->expectOk && err == NULL)
			fail_msg("#%zu: got nil; want non-nil", i);
		go_error_release(err);

		if (elapsed < tt->expectElapsed || elapsed >= forever)
			fail_msg("#%zu: got %s; want >= %s, < forever", i,
				 time_Duration_String(elapsed).s,
				 time_Duration_String(tt->expectElapsed).s);

		// Repeat each case, ensuring that it can be canceled.
		struct {
			context_CancelFunc cancel;
			sync_WaitGroup wg;
		} a = {0};
		context_Context *ctx = context_WithCancel(context_Background(), &a.cancel);
		sync_WaitGroup_Add(&a.wg, 1);
		go(sleepCancel, &a);
		// Ignore errors, since all we care about is that the call can be
		// canceled.
		c = NULL;
		go_error_release(net_sysDialer_dialParallel(&sd, ctx, &primaries, &fallbacks, &c));
		if (c != NULL)
			closeConn(c);
		sync_WaitGroup_Wait(&a.wg);
		context_Release(ctx);
		net_addrList_free(&primaries);
		net_addrList_free(&fallbacks);
	}
	assert_false(atomic_load(&fakeConnsExhausted));
	assertNoLeak();
}

// ---- TestDialerFallbackDelay ----

// Go: dial_test.go lookupSlowFast.
static go_error *
lookupSlowFast(context_Context *ctx, net_lookupIPFunc fn, const char *network, const char *host,
	       net_IPAddr **addrs, size_t *n)
{
	if (strcmp(host, "slow6loopback4") == 0) {
		// Returns a slow IPv6 address, and a local IPv4 address.
		net_IPAddr *a = calloc(2, sizeof(*a));

		a[0] = NET_IPADDR(.IP = net_ParseIP(slowDst6));
		a[1] = NET_IPADDR(.IP = net_ParseIP("127.0.0.1"));
		*addrs = a;
		*n = 2;
		return NULL;
	}
	return fn.fn(fn.env, ctx, network, host, addrs, n);
}

// Go: dial_test.go slowDialTCP.
// C: Go dials the black-hole address for real and then waits for the
// context; here a slow address is never dialed (loopback only): the dial
// just waits for the deadline, as the black hole would make it.
static go_error *
slowDialTCP(context_Context *ctx, const char *network, const net_TCPAddr *laddr,
	    const net_TCPAddr *raddr, net_TCPConn **c)
{
	if (net_IP_Equal(net_ParseIP(slowDst4), raddr->IP) ||
	    net_IP_Equal(net_ParseIP(slowDst6), raddr->IP)) {
		// Wait for the deadline, or indefinitely if none exists.
		runtime_chanrecv1(context_Context_Done(ctx), NULL);
		*c = NULL;
		return net_newOpError("dial", network, NULL, &raddr->addr,
				      net_mapErr(context_Context_Err(ctx)));
	}
	char *ra = net_TCPAddr_String(raddr);
	net_sysDialer sd = {.network = network, .address = ra};
	go_error *err = net_sysDialer_doDialTCP(&sd, ctx, laddr, raddr, c);
	free(ra);
	return err;
}

GO_TEST(TestDialerFallbackDelay)
{
	static const struct {
		bool dualstack;
		time_Duration delay;
		time_Duration expectElapsed;
	} testCases[] = {
		// Use a very brief delay, which should fallback immediately.
		{true, 1 * time_Nanosecond, 0},
		// Use a 200ms explicit timeout.
		{true, 200 * time_Millisecond, 200 * time_Millisecond},
		// The default is 300ms.
		{true, 0, 300 * time_Millisecond},
	};
	dualStackServer *dss;
	go_error *err;

	if (!net_supportsIPv4() || !net_supportsIPv6())
		GO_SKIP(); // both IPv4 and IPv6 are required

	net_testHookLookupIP = lookupSlowFast;
	net_testHookDialTCP = slowDialTCP;

	if ((err = newDualStackServer(&dss)) != NULL)
		fail_msg("%s", go_error_Error(err));
	dualStackServer_buildup(dss, dualStackAcceptClose);

	for (size_t i = 0; i < nelem(testCases); i++) {
		net_Dialer d = {.DualStack = testCases[i].dualstack,
				.FallbackDelay = testCases[i].delay};
		char *addr = net_JoinHostPort("slow6loopback4", dss->port);
		net_Conn *c = NULL;
		time_Time startTime = time_Now();

		err = net_Dialer_Dial(&d, "tcp", addr, &c);
		time_Duration elapsed = time_Since(startTime);
		free(addr);
		if (err == NULL)
			closeConn(c);
		else if (testCases[i].dualstack)
			fail_msg("%s", go_error_Error(err));
		time_Duration expectMin = testCases[i].expectElapsed - 1 * time_Millisecond;
		time_Duration expectMax =
			testCases[i].expectElapsed + 95 * time_Millisecond * testTimeScale();
		if (elapsed < expectMin)
			fail_msg("#%zu: got %s; want >= %s", i, time_Duration_String(elapsed).s,
				 time_Duration_String(expectMin).s);
		if (elapsed > expectMax)
			fail_msg("#%zu: got %s; want <= %s", i, time_Duration_String(elapsed).s,
				 time_Duration_String(expectMax).s);
	}
	dualStackServer_teardown(dss);
	net_testHookLookupIP = NULL;
	net_testHookDialTCP = NULL;
	assertNoLeak();
}

// ---- TestDialerPartialDeadline ----

GO_TEST(TestDialerPartialDeadline)
{
	// Go: time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC).
	const time_Time now = time_Unix(946684800, 0);
	const time_Time noDeadline = net_noDeadline;
	const struct {
		time_Time now;
		time_Time deadline;
		int addrs;
		time_Time expectDeadline;
		go_error *expectErr;
	} testCases[] = {
		// Regular division.
		{now, time_Time_Add(now, 12 * time_Second), 1, time_Time_Add(now, 12 * time_Second),
		 NULL},
		{now, time_Time_Add(now, 12 * time_Second), 2, time_Time_Add(now, 6 * time_Second),
		 NULL},
		{now, time_Time_Add(now, 12 * time_Second), 3, time_Time_Add(now, 4 * time_Second),
		 NULL},
		// Bump against the 2-second sane minimum.
		{now, time_Time_Add(now, 12 * time_Second), 999,
		 time_Time_Add(now, 2 * time_Second), NULL},
		// Total available is now below the sane minimum.
		{now, time_Time_Add(now, 1900 * time_Millisecond), 999,
		 time_Time_Add(now, 1900 * time_Millisecond), NULL},
		// Null deadline.
		{now, noDeadline, 1, noDeadline, NULL},
		// Step the clock forward and cross the deadline.
		{time_Time_Add(now, -1 * time_Millisecond), now, 1, now, NULL},
		{time_Time_Add(now, 0 * time_Millisecond), now, 1, noDeadline, net_errTimeout},
		{time_Time_Add(now, 1 * time_Millisecond), now, 1, noDeadline, net_errTimeout},
	};

	for (size_t i = 0; i < nelem(testCases); i++) {
		time_Time deadline;
		go_error *err = net_partialDeadline(testCases[i].now, testCases[i].deadline,
						    testCases[i].addrs, &deadline);

		if (err != testCases[i].expectErr)
			fail_msg("#%zu: got %s; want %s", i, err ? go_error_Error(err) : "<nil>",
				 testCases[i].expectErr ? go_error_Error(testCases[i].expectErr)
							: "<nil>");
		if (!time_Time_Equal(deadline, testCases[i].expectDeadline))
			fail_msg("#%zu: got %lld; want %lld", i,
				 (long long)time_Time_UnixNano(deadline),
				 (long long)time_Time_UnixNano(testCases[i].expectDeadline));
	}
}

// ---- TestDialerLocalAddr ----

static void
localServerAcceptClose(localServer *ls, net_Listener *ln, void *env)
{
	(void)env;
	(void)ls;
	acceptClose(ln);
}

GO_TEST(TestDialerLocalAddr)
{
	enum { nilAddr, tcpZero, tcpIP, udpAddr, unixAddr };
	// Go: &UDPAddr{} and &UnixAddr{}, Addrs whose Network() is not "tcp".
	static net_UDPAddr zeroUDP = NET_UDPADDR();
	static net_UnixAddr zeroUnix = NET_UNIXADDR();
	const net_IP v4zero = net_ParseIP("0.0.0.0"), v4zero4 = net_IP_To4(net_ParseIP("0.0.0.0"));
	const net_IP v6zero = net_ParseIP("::");
	const net_IP lo4 = net_IP_To4(net_ParseIP("127.0.0.1")),
		     lo16 = net_IP_To16(net_ParseIP("127.0.0.1"));
	// The error column: NULL (want success) or anything (want an error);
	// Go's values are kept as documentation.
	go_error someError = {&net_AddrError_methods};
	go_error *const addrErr = &someError;
	struct test {
		const char *network, *raddr;
		int kind;
		net_IP ip;
		go_error *error;
	} tests[] = {
		{"tcp4", "127.0.0.1", nilAddr, {0}, NULL},
		{"tcp4", "127.0.0.1", tcpZero, {0}, NULL},
		{"tcp4", "127.0.0.1", tcpIP, v4zero, NULL},
		{"tcp4", "127.0.0.1", tcpIP, v4zero4, NULL},
		{"tcp4", "127.0.0.1", tcpIP, v6zero, addrErr},
		{"tcp4", "127.0.0.1", tcpIP, lo4, NULL},
		{"tcp4", "127.0.0.1", tcpIP, lo16, NULL},
		{"tcp4", "127.0.0.1", tcpIP, net_IPv6loopback, net_errNoSuitableAddress},
		{"tcp4", "127.0.0.1", udpAddr, {0}, addrErr},
		{"tcp4", "127.0.0.1", unixAddr, {0}, addrErr},

		{"tcp6", "::1", nilAddr, {0}, NULL},
		{"tcp6", "::1", tcpZero, {0}, NULL},
		{"tcp6", "::1", tcpIP, v4zero, NULL},
		{"tcp6", "::1", tcpIP, v4zero4, NULL},
		{"tcp6", "::1", tcpIP, v6zero, NULL},
		{"tcp6", "::1", tcpIP, lo4, net_errNoSuitableAddress},
		{"tcp6", "::1", tcpIP, lo16, net_errNoSuitableAddress},
		{"tcp6", "::1", tcpIP, net_IPv6loopback, NULL},
		{"tcp6", "::1", udpAddr, {0}, addrErr},
		{"tcp6", "::1", unixAddr, {0}, addrErr},

		{"tcp", "127.0.0.1", nilAddr, {0}, NULL},
		{"tcp", "127.0.0.1", tcpZero, {0}, NULL},
		{"tcp", "127.0.0.1", tcpIP, v4zero, NULL},
		{"tcp", "127.0.0.1", tcpIP, v4zero4, NULL},
		{"tcp", "127.0.0.1", tcpIP, lo4, NULL},
		{"tcp", "127.0.0.1", tcpIP, lo16, NULL},
		{"tcp", "127.0.0.1", tcpIP, net_IPv6loopback, net_errNoSuitableAddress},
		{"tcp", "127.0.0.1", udpAddr, {0}, addrErr},
		{"tcp", "127.0.0.1", unixAddr, {0}, addrErr},

		{"tcp", "::1", nilAddr, {0}, NULL},
		{"tcp", "::1", tcpZero, {0}, NULL},
		{"tcp", "::1", tcpIP, v4zero, NULL},
		{"tcp", "::1", tcpIP, v4zero4, NULL},
		{"tcp", "::1", tcpIP, v6zero, NULL},
		{"tcp", "::1", tcpIP, lo4, net_errNoSuitableAddress},
		{"tcp", "::1", tcpIP, lo16, net_errNoSuitableAddress},
		{"tcp", "::1", tcpIP, net_IPv6loopback, NULL},
		{"tcp", "::1", udpAddr, {0}, addrErr},
		{"tcp", "::1", unixAddr, {0}, addrErr},

		// The issue 34264 case, set below.
		{"tcp", "127.0.0.1", tcpIP, v6zero, NULL},
	};
	localServer *lss[2];
	int failures = 0;

	if (!net_supportsIPv4() || !net_supportsIPv6())
		GO_SKIP(); // both IPv4 and IPv6 are required
	if (!net_supportsIPv4map())
		tests[nelem(tests) - 1].error = addrErr;

	net_testHookLookupIP = lookupLocalhost;
	for (int i = 0; i < 2; i++) {
		lss[i] = newLocalServer(i == 0 ? "tcp4" : "tcp6");
		assert_null(localServer_buildup(lss[i], localServerAcceptClose, NULL));
	}

	for (size_t i = 0; i < nelem(tests); i++) {
		struct test *tt = &tests[i];
		net_TCPAddr tcpla = NET_TCPADDR(.IP = tt->ip);
		const net_Addr *la = NULL;
		char *addr = NULL;
		net_IP ip = net_ParseIP(tt->raddr);
		net_Conn *c = NULL;
		go_error *err, *perr;

		switch (tt->kind) {
		case tcpZero:
		case tcpIP:
			la = &tcpla.addr;
			break;
		case udpAddr:
			la = &zeroUDP.addr;
			break;
		case unixAddr:
			la = &zeroUnix.addr;
			break;
		}
		net_Dialer d = {.LocalAddr = la};
		if (net_IP_To4(ip).len != 0)
			addr = addrString(net_Listener_Addr(lss[0]->Listener));
		if (net_IP_To16(ip).len != 0 && net_IP_To4(ip).len == 0)
			addr = addrString(net_Listener_Addr(lss[1]->Listener));
		err = net_Dialer_Dial(&d, tt->network, addr, &c);
		if ((err == NULL && tt->error != NULL) || (err != NULL && tt->error == NULL)) {
			char *las = la != NULL ? net_Addr_String(la) : strdup("<nil>");

			print_error("#%zu: %s %s->%s: got %s; want %s\n", i, tt->network, las,
				    tt->raddr, err ? go_error_Error(err) : "<nil>",
				    tt->error ? "an error" : "<nil>");
			free(las);
			failures++;
		}
		free(addr);
		if (err != NULL) {
			if ((perr = parseDialError(err)) != NULL) {
				print_error("#%zu: %s\n", i, go_error_Error(perr));
				go_error_release(perr);
				failures++;
			}
			go_error_release(err);
			continue;
		}
		closeConn(c);
	}
	for (int i = 0; i < 2; i++) {
		assert_null(localServer_teardown(lss[i]));
		localServer_free(lss[i]);
	}
	net_testHookLookupIP = NULL;
	assert_int_equal(failures, 0);
	assertNoLeak();
}

// ---- TestDialerDualStack ----

// Go: dial_test.go dialClosedPort.
static time_Duration
dialClosedPort(void)
{
	net_Listener *l;
	net_Conn *c;
	go_error *err = net_Listen("tcp", "127.0.0.1:0", &l);
	char *addr;

	if (err != NULL)
		fail_msg("dialClosedPort: Listen failed: %s", go_error_Error(err));
	addr = addrString(net_Listener_Addr(l));
	closeListener(l);

	time_Time startTime = time_Now();
	err = net_Dial("tcp", addr, &c);
	if (err == NULL)
		closeConn(c);
	go_error_release(err);
	free(addr);
	return time_Since(startTime);
}

// C: Go skips this test as flaky (issue 13324, a slow CI network); it is
// deterministic on loopback, so it runs here.
GO_TEST(TestDialerDualStack)
{
	static const bool dualstacks[] = {false, true};
	time_Duration closedPortDelay;
	int failures = 0;

	if (!net_supportsIPv4() || !net_supportsIPv6())
		GO_SKIP(); // both IPv4 and IPv6 are required

	closedPortDelay = dialClosedPort();
	net_testHookLookupIP = lookupLocalhost;

	time_Duration timeout = 150 * time_Millisecond * testTimeScale() + closedPortDelay;
	for (size_t k = 0; k < nelem(dualstacks); k++) {
		dualStackServer *dss;
		go_error *err = newDualStackServer(&dss);

		if (err != NULL)
			fail_msg("%s", go_error_Error(err));
		dualStackServer_buildup(dss, dualStackAcceptClose);

		net_Dialer d = {.DualStack = dualstacks[k], .Timeout = timeout};
		for (size_t j = 0; j < 2; j++) {
			char *addr = net_JoinHostPort("localhost", dss->port);
			net_Conn *c;

			err = net_Dialer_Dial(&d, "tcp", addr, &c);
			free(addr);
			if (err != NULL) {
				print_error("%s\n", go_error_Error(err));
				go_error_release(err);
				failures++;
				continue;
			}
			const net_TCPAddr *la = (const net_TCPAddr *)net_Conn_LocalAddr(c);
			assert_ptr_equal(la->addr.m, &net_TCPAddr_methods);
			if (net_IP_To4(la->IP).len != 0)
				dualStackServer_teardownNetwork(dss, "tcp4");
			else if (net_IP_To16(la->IP).len != 0)
				dualStackServer_teardownNetwork(dss, "tcp6");
			closeConn(c);
		}
		dualStackServer_teardown(dss);
	}
	net_testHookLookupIP = NULL;
	assert_int_equal(failures, 0);
	assertNoLeak();
}

// ---- TestDialerKeepAlive ----

static time_Duration keepAliveGot;

static void
recordKeepAlive(time_Duration d)
{
	keepAliveGot = d;
}

static void
ignoreKeepAlive(time_Duration d)
{
	(void)d;
}

GO_TEST(TestDialerKeepAlive)
{
	static const struct {
		time_Duration ka;
		time_Duration expected;
	} tests[] = {
		{-1, -1},
		{0, 15 * time_Second},
		{5 * time_Second, 5 * time_Second},
		{30 * time_Second, 30 * time_Second},
	};
	localServer *ls = newLocalServer("tcp");
	char *addr;

	assert_null(localServer_buildup(ls, localServerAcceptClose, NULL));
	addr = addrString(net_Listener_Addr(ls->Listener));
	for (size_t i = 0; i < nelem(tests); i++) {
		net_Dialer d = {.KeepAlive = tests[i].ka};
		net_Conn *c;
		go_error *err;

		keepAliveGot = -1;
		net_testHookSetKeepAlive = recordKeepAlive;
		if ((err = net_Dialer_Dial(&d, "tcp", addr, &c)) != NULL)
			fail_msg("%s", go_error_Error(err));
		closeConn(c);
		if (keepAliveGot != tests[i].expected)
			fail_msg("Dialer.KeepAlive = %s: SetKeepAlive set to %s, want %s",
				 time_Duration_String(d.KeepAlive).s,
				 time_Duration_String(keepAliveGot).s,
				 time_Duration_String(tests[i].expected).s);
	}
	net_testHookSetKeepAlive = ignoreKeepAlive;
	free(addr);
	assert_null(localServer_teardown(ls));
	localServer_free(ls);
	assertNoLeak();
}

// ---- TestDialCancel ----

typedef struct dialResult {
	net_Dialer *d;
	const char *addr;
	runtime_hchan *errc;  // chan error, 1
	runtime_hchan *connc; // chan Conn, 1
} dialResult;

static void
dialCancelDial(void *arg)
{
	dialResult *r = arg;
	net_Conn *c = NULL;
	go_error *err = net_Dialer_Dial(r->d, "tcp", r->addr, &c);

	if (err != NULL)
		runtime_chansend1(r->errc, &err);
	else
		runtime_chansend1(r->connc, &c);
}

GO_TEST(TestDialCancel)
{
	const int cancelTick = 5; // the timer tick we cancel the dial at
	const int timeoutTick = 100;
	blackhole bh;
	time_Ticker *ticker;
	runtime_hchan *cancel = runtime_makechan(0, 0);
	net_Dialer d = {.Cancel = cancel};
	dialResult r = {&d, NULL, runtime_makechan(sizeof(go_error *), 1),
			runtime_makechan(sizeof(net_Conn *), 1)};
	int ticks = 0;
	bool done = false;

	assert_true(newBlackhole(&bh));
	r.addr = bh.addr;
	ticker = time_NewTicker(10 * time_Millisecond * testTimeScale());
	go(dialCancelDial, &r);
	while (!done) {
		time_Time tick;
		net_Conn *c;
		go_error *err;
		runtime_selectCase cases[] = {
			{runtime_selectRecv, ticker->C, &tick},
			{runtime_selectRecv, r.connc, &c},
			{runtime_selectRecv, r.errc, &err},
		};

		switch (runtime_select(cases, 3, true, NULL)) {
		case 0:
			ticks++;
			if (ticks == cancelTick)
				runtime_closechan(cancel);
			if (ticks == timeoutTick)
				fail_msg("timeout waiting for dial to fail");
			break;
		case 1:
			closeConn(c);
			fail_msg("unexpected successful connection");
			break;
		case 2: {
			go_error *perr = parseDialError(err);

			if (perr != NULL) {
				print_error("%s\n", go_error_Error(perr));
				go_error_release(perr);
				fail();
			}
			if (ticks < cancelTick)
				fail_msg("dial error after %d ticks (%d before cancel sent): %s",
					 ticks, cancelTick - ticks, go_error_Error(err));
			if (err->m != &net_OpError_methods ||
			    ((net_OpError *)err)->Err != net_errCanceled)
				fail_msg("dial error = %s (%s); want OpError with Err == "
					 "errCanceled",
					 go_error_Error(err), err->m->type);
			go_error_release(err);
			done = true; // success.
			break;
		}
		}
	}
	time_Ticker_Free(ticker);
	runtime_chanfree(r.errc);
	runtime_chanfree(r.connc);
	runtime_chanfree(cancel);
	blackhole_close(&bh);
	assertNoLeak();
}

// ---- TestDialerControl ----

/* Go: net/dial_test.go TestDialerControl */
GO_TEST(TestDialerControl)
{
	static const char *const streamNetworks[] = {"tcp", "tcp4", "tcp6", "unix", "unixpacket"};
	static const char *const packetNetworks[] = {"udp", "udp4", "udp6", "unixgram"};
	int failures = 0;

	print_message("=== RUN   TestDialerControl/StreamDial\n"); // Go: t.Run
	for (size_t i = 0; i < nelem(streamNetworks); i++) {
		const char *network = streamNetworks[i];
		net_Listener *ln;
		net_Dialer d = {.Control = controlOnConnSetup};
		char *addr;
		net_Conn *c;
		go_error *err;

		if (!testableNetwork(network))
			continue;
		ln = newLocalListener(network, NULL);
		addr = addrString(net_Listener_Addr(ln));
		err = net_Dialer_Dial(&d, network, addr, &c);
		free(addr);
		if (err != NULL) {
			print_error("%s: %s\n", network, go_error_Error(err)); // Go: t.Error
			go_error_release(err);
			failures++;
		} else {
			closeConn(c);
		}
		closeListener(ln); // Go: defer ln.Close()
	}
	print_message("=== RUN   TestDialerControl/PacketDial\n");
	for (size_t i = 0; i < nelem(packetNetworks); i++) {
		const char *network = packetNetworks[i];
		net_PacketConn *c1;
		net_Dialer d = {.Control = controlOnConnSetup};
		char *addr;
		net_Conn *c2;
		go_error *err;

		if (!testableNetwork(network))
			continue;
		c1 = newLocalPacketListener(network, NULL);
		addr = addrString(net_PacketConn_LocalAddr(c1));
		err = net_Dialer_Dial(&d, network, addr, &c2);
		if (err != NULL) {
			print_error("%s: %s\n", network, go_error_Error(err));
			go_error_release(err);
			failures++;
		} else {
			closeConn(c2);
		}
		// Go: the deferred c1.Close() and os.Remove(c1's name).
		go_error_release(net_PacketConn_Close(c1));
		net_PacketConn_Free(c1);
		if (strcmp(network, "unixgram") == 0)
			unlink(addr);
		free(addr);
	}
	assert_int_equal(failures, 0);
	assertNoLeak();
}

// Go: timeout_test.go TestDialTimeoutMaxDuration.
GO_TEST(TestDialTimeoutMaxDuration)
{
	static const struct {
		time_Duration timeout;
		time_Duration delta; // for deadline
	} tests[] = {
		// Large timeouts that will overflow an int64 unix nanos.
		{INT64_MAX, 0},
		{0, INT64_MAX},
	};
	net_Listener *ln = newLocalListener("tcp", NULL);
	char *addr = addrString(net_Listener_Addr(ln));
	go_error *err;

	for (size_t i = 0; i < nelem(tests); i++) {
		net_Dialer d = {.Timeout = tests[i].timeout};
		net_Conn *c;

		if (tests[i].delta != 0)
			d.Deadline = time_Time_Add(time_Now(), tests[i].delta);
		err = net_Dialer_Dial(&d, net_Addr_Network(net_Listener_Addr(ln)), addr, &c);
		if (err != NULL)
			fail_msg("timeout=%s/delta=%s: %s",
				 time_Duration_String(tests[i].timeout).s,
				 time_Duration_String(tests[i].delta).s, go_error_Error(err));
		assert_null(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	free(addr);
	err = net_Listener_Close(ln);
	assert_null(err);
	net_Listener_Free(ln);
	assertNoLeak();
}

// ---- the other dial_test.go tests ----

static const struct {
	const char *network;
	const char *address;
} prohibitionaryDialArgTests[] = {
	{"tcp6", "127.0.0.1"},
	{"tcp6", "::ffff:127.0.0.1"},
};

// C: Go requires the external network here, but only dials its own
// listener on [::].
GO_TEST(TestProhibitionaryDialArg)
{
	net_Listener *ln;
	go_error *err;
	char *port;

	if (!net_supportsIPv4map())
		GO_SKIP(); // mapping ipv4 address inside ipv6 address not supported
	if ((err = net_Listen("tcp", "[::]:0", &ln)) != NULL)
		fail_msg("%s", go_error_Error(err));
	port = listenerPort(ln);
	for (size_t i = 0; i < nelem(prohibitionaryDialArgTests); i++) {
		char *addr = net_JoinHostPort(prohibitionaryDialArgTests[i].address, port);
		net_Conn *c;

		err = net_Dial(prohibitionaryDialArgTests[i].network, addr, &c);
		free(addr);
		if (err == NULL) {
			closeConn(c);
			fail_msg("#%zu: %s", i, "<nil>");
		}
		go_error_release(err);
	}
	free(port);
	closeListener(ln);
	assertNoLeak();
}

typedef struct fdLeakArg {
	net_Dialer *d;
	const char *addr;
	sync_WaitGroup *wg;
} fdLeakArg;

static _Atomic int goroutineFailures;

static void
fdLeakDial(void *arg)
{
	fdLeakArg *a = arg;
	net_Conn *c;
	go_error *err = net_Dialer_Dial(a->d, "tcp", a->addr, &c);

	if (err != NULL) {
		fprintf(stderr, "%s\n", go_error_Error(err));
		go_error_release(err);
		atomic_fetch_add(&goroutineFailures, 1);
	} else {
		closeConn(c);
	}
	sync_WaitGroup_Done(a->wg);
}

GO_TEST(TestDialerDualStackFDLeak)
{
	enum { N = 10 };
	dualStackServer *dss;
	go_error *err;
	size_t before;

	if (!net_supportsIPv4() || !net_supportsIPv6())
		GO_SKIP(); // both IPv4 and IPv6 are required
	before = socktest_Switch_numSockets(&sw);
	net_testHookLookupIP = lookupLocalhost;
	if ((err = newDualStackServer(&dss)) != NULL)
		fail_msg("%s", go_error_Error(err));
	dualStackServer_buildup(dss, dualStackAcceptClose);

	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	net_Dialer d = {.DualStack = true, .Timeout = 5 * time_Second};
	char *addr = net_JoinHostPort("localhost", dss->port);
	fdLeakArg args[N];
	atomic_store(&goroutineFailures, 0);
	sync_WaitGroup_Add(&wg, N);
	for (int i = 0; i < N; i++) {
		args[i] = (fdLeakArg){&d, addr, &wg};
		go(fdLeakDial, &args[i]);
	}
	sync_WaitGroup_Wait(&wg);
	dualStackServer_teardown(dss);
	free(addr);
	net_testHookLookupIP = NULL;
	assert_int_equal(atomic_load(&goroutineFailures), 0);
	size_t after = socktest_Switch_numSockets(&sw);
	if (after != before)
		fail_msg("got %zu; want %zu", after, before);
	assertNoLeak();
}

// ---- TestDialParallelSpuriousConnection ----

static sync_WaitGroup spuriousDialing, spuriousClosed;
static time_Time spuriousReadDeadline;

static void
spuriousHandler(dualStackServer *dss, net_Listener *ln)
{
	net_Conn *c;
	go_error *err;
	uint8_t b[1];
	ssize_t n;

	(void)dss;
	// Accept one connection per address.
	if ((err = net_Listener_Accept(ln, &c)) != NULL) {
		fprintf(stderr, "%s\n", go_error_Error(err));
		go_error_release(err);
		atomic_fetch_add(&goroutineFailures, 1);
		sync_WaitGroup_Done(&spuriousClosed);
		return;
	}
	// The client should close itself, without sending data.
	go_error_release(net_Conn_SetReadDeadline(c, spuriousReadDeadline));
	err = net_Conn_Read(c, b, sizeof(b), &n);
	if (err != io_EOF) {
		fprintf(stderr, "got %s; want %s\n", err ? go_error_Error(err) : "<nil>",
			go_error_Error(io_EOF));
		atomic_fetch_add(&goroutineFailures, 1);
	}
	go_error_release(err);
	closeConn(c);
	sync_WaitGroup_Done(&spuriousClosed);
}

static go_error *
spuriousDialTCP(context_Context *ctx, const char *net, const net_TCPAddr *laddr,
		const net_TCPAddr *raddr, net_TCPConn **c)
{
	(void)ctx;
	// Wait until Happy Eyeballs kicks in and both connections are
	// dialing, and inhibit cancellation: dialParallel must juggle two
	// successful connections.
	sync_WaitGroup_Done(&spuriousDialing);
	sync_WaitGroup_Wait(&spuriousDialing);

	// Ignore the provided context (which will be canceled) and complete
	// with a valid connection, which the caller should close.
	char *ra = net_TCPAddr_String(raddr);
	net_sysDialer sd = {.network = net, .address = ra};
	go_error *err = net_sysDialer_doDialTCP(&sd, context_Background(), laddr, raddr, c);
	free(ra);
	return err;
}

static void
makeAddr(const char *ip, const char *port, net_addrList *out)
{
	const char *ips[] = {ip};

	makeAddrs(ips, 1, port, out);
}

GO_TEST(TestDialParallelSpuriousConnection)
{
	dualStackServer *dss;
	go_error *err;
	net_addrList primaries, fallbacks;
	net_Conn *c;

	if (!net_supportsIPv4() || !net_supportsIPv6())
		GO_SKIP(); // both IPv4 and IPv6 are required
	spuriousReadDeadline = time_Time_Add(time_Now(), 5 * time_Second * testTimeScale());
	spuriousClosed = (sync_WaitGroup)SYNC_WAITGROUP_INIT;
	spuriousDialing = (sync_WaitGroup)SYNC_WAITGROUP_INIT;
	atomic_store(&goroutineFailures, 0);
	sync_WaitGroup_Add(&spuriousClosed, 2);
	if ((err = newDualStackServer(&dss)) != NULL)
		fail_msg("%s", go_error_Error(err));
	dualStackServer_buildup(dss, spuriousHandler);

	sync_WaitGroup_Add(&spuriousDialing, 2);
	net_testHookDialTCP = spuriousDialTCP;

	net_sysDialer sd = {
		.Dialer = {.FallbackDelay = 100 * time_Millisecond},
		.network = "tcp",
		.address = "?",
	};
	makeAddr("127.0.0.1", dss->port, &primaries);
	makeAddr("::1", dss->port, &fallbacks);
	// dialParallel returns one connection (and closes the other).
	err = net_sysDialer_dialParallel(&sd, context_Background(), &primaries, &fallbacks, &c);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	closeConn(c);

	// The server should've seen both connections.
	sync_WaitGroup_Wait(&spuriousClosed);
	net_testHookDialTCP = NULL;
	net_addrList_free(&primaries);
	net_addrList_free(&fallbacks);
	dualStackServer_teardown(dss);
	assert_int_equal(atomic_load(&goroutineFailures), 0);
	assertNoLeak();
}

// ---- TestCancelAfterDial ----

// Go: bufio.NewReader(c).ReadString('\n'), one byte at a time (C: no
// bufio; nothing is read past the newline, so a later read sees the rest).
static go_error *
readLine(net_Conn *c, char *line, size_t cap, size_t *len)
{
	go_error *err = NULL;

	*len = 0;
	while (*len + 1 < cap) {
		ssize_t n = 0;

		if ((err = net_Conn_Read(c, (uint8_t *)line + *len, 1, &n)) != NULL)
			break;
		*len += (size_t)n;
		if (n == 1 && line[*len - 1] == '\n')
			break;
	}
	line[*len] = '\0';
	return err;
}

typedef struct echoLineArg {
	net_Listener *ln;
	sync_WaitGroup wg;
} echoLineArg;

// Echo back the first line of each incoming connection.
static void
echoFirstLine(void *arg)
{
	echoLineArg *a = arg;

	for (;;) {
		net_Conn *c;
		char line[64];
		size_t len;
		ssize_t n;
		go_error *err = net_Listener_Accept(a->ln, &c);

		if (err != NULL) {
			go_error_release(err);
			break;
		}
		if ((err = readLine(c, line, sizeof(line), &len)) != NULL) {
			fprintf(stderr, "%s\n", go_error_Error(err));
			go_error_release(err);
			atomic_fetch_add(&goroutineFailures, 1);
			closeConn(c);
			continue;
		}
		if ((err = net_Conn_Write(c, (const uint8_t *)line, len, &n)) != NULL) {
			fprintf(stderr, "%s\n", go_error_Error(err));
			go_error_release(err);
			atomic_fetch_add(&goroutineFailures, 1);
		}
		closeConn(c);
	}
	sync_WaitGroup_Done(&a->wg);
}

static void
cancelAfterDialTry(net_Listener *ln)
{
	static const char message[] = "echo!\n";
	runtime_hchan *cancel = runtime_makechan(0, 0);
	net_Dialer d = {.Cancel = cancel};
	char *addr = net_Addr_String(net_Listener_Addr(ln));
	net_Conn *c = NULL;
	go_error *err = net_Dialer_Dial(&d, "tcp", addr, &c);
	char line[64];
	size_t len;
	ssize_t n;
	uint8_t b;

	free(addr);
	// Immediately after dialing, request cancellation and sleep. Before
	// Go's issue 15078 was fixed, later operations then failed with an
	// i/o timeout about half of the time.
	runtime_closechan(cancel);
	time_Sleep(10 * time_Millisecond);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));

	// Send some data to confirm that the connection is still alive.
	if ((err = net_Conn_Write(c, (const uint8_t *)message, sizeof(message) - 1, &n)) != NULL)
		fail_msg("%s", go_error_Error(err));
	// The server should echo the line, and close the connection.
	if ((err = readLine(c, line, sizeof(line), &len)) != NULL)
		fail_msg("%s", go_error_Error(err));
	if (strcmp(line, message) != 0)
		fail_msg("got \"%s\"; want \"%s\"", line, message);
	err = net_Conn_Read(c, &b, 1, &n);
	if (err != io_EOF)
		fail_msg("got %s; want %s", err ? go_error_Error(err) : "<nil>",
			 go_error_Error(io_EOF));
	closeConn(c);
	runtime_chanfree(cancel);
}

GO_TEST(TestCancelAfterDial)
{
	echoLineArg a = {.ln = newLocalListener("tcp", NULL)};

	atomic_store(&goroutineFailures, 0);
	sync_WaitGroup_Add(&a.wg, 1);
	go(echoFirstLine, &a);
	// This bug manifested about 50% of the time, so try it a few times.
	for (int i = 0; i < 10; i++)
		cancelAfterDialTry(a.ln);
	go_error_release(net_Listener_Close(a.ln));
	sync_WaitGroup_Wait(&a.wg);
	net_Listener_Free(a.ln);
	assert_int_equal(atomic_load(&goroutineFailures), 0);
	assertNoLeak();
}

// ---- TestDialWithNonZeroDeadline ----

// Go: contextWithNonZeroDeadline, a Context embedding Background whose
// Deadline returns a non-zero time with ok == false.
static bool
nonZeroDeadline(context_Context *c, time_Time *deadline)
{
	(void)c;
	(void)deadline; // C: left alone when !ok (context.h); Go returns time.Unix(0, 0)
	return false;
}

static runtime_hchan *
bgDone(context_Context *c)
{
	(void)c;
	return context_Context_Done(context_Background());
}

static go_error *
bgErr(context_Context *c)
{
	(void)c;
	return context_Context_Err(context_Background());
}

static void *
bgValue(context_Context *c, const void *key)
{
	(void)c;
	return context_Context_Value(context_Background(), key);
}

static const context_ContextMethods contextWithNonZeroDeadline_methods = {
	.type = "net.contextWithNonZeroDeadline",
	.Deadline = nonZeroDeadline,
	.Done = bgDone,
	.Err = bgErr,
	.Value = bgValue,
};

GO_TEST(TestDialWithNonZeroDeadline)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	char *port = listenerPort(ln);
	char *addr = net_JoinHostPort("", port);
	context_Context ctx = {.m = &contextWithNonZeroDeadline_methods};
	net_Dialer dialer = {0};
	net_Conn *c;
	go_error *err = net_Dialer_DialContext(&dialer, &ctx, "tcp", addr, &c);

	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	closeConn(c);
	free(addr);
	free(port);
	closeListener(ln);
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestDialLocal, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialListenerAddr, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialParallel, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialerFallbackDelay, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialerPartialDeadline, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialerLocalAddr, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialerDualStack, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialerKeepAlive, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialCancel, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialerControl, setup, unixTeardown),
	cmocka_unit_test_setup_teardown(TestDialTimeoutMaxDuration, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestProhibitionaryDialArg, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialerDualStackFDLeak, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialParallelSpuriousConnection, setup,
					socktestTeardown),
	cmocka_unit_test_setup_teardown(TestCancelAfterDial, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestDialWithNonZeroDeadline, setup, socktestTeardown),
};

GONET_TEST_MAIN(tests)

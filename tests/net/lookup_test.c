// C port of go1.19 src/net/lookup_test.go: the service-name tests
// (TestLookupPort, TestLookupPort_Minimal) and the host lookups that stay
// on this machine (hosts files, literals, test hooks): TestLookupProtocol_Minimal,
// TestLookupNonLDH, TestLookupIPv6LinkLocalAddrWithZone, TestIPVersion,
// TestLookupIPAddrPreservesContextValues,
// TestLookupIPAddrConcurrentCallsForNetworks, TestWithUnexpiredValuesPreserved.
// The tests that need DNS servers on the Internet are not ported.
#include "testmain.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context/context.h"
#include "gotest.h"
#include "hooks/hooks.h"
#include "net/lookup.h"
#include "net/net.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"

/* Go: net/error_test.go parseLookupPortError */
// C: returns NULL when err is of a type LookupPort may return, else a
// description of what is wrong.
static const char *
parseLookupPortError(go_error *nestedErr)
{
	if (nestedErr == NULL)
		return NULL;
	if (nestedErr->m == &net_AddrError_methods || nestedErr->m == &net_DNSError_methods)
		return NULL;
	return "unexpected type on 1st nested level";
}

/* Go: net/lookup_test.go TestLookupPort */
static void
TestLookupPort(void **state)
{
	// See https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml
	static const struct {
		const char *network;
		const char *name;
		int port;
		bool ok;
	} tests[] = {
		{"tcp", "0", 0, true},
		{"udp", "0", 0, true},
		{"udp", "domain", 53, true},

		{"--badnet--", "zzz", 0, false},
		{"tcp", "--badport--", 0, false},
		{"tcp", "-1", 0, false},
		{"tcp", "65536", 0, false},
		{"udp", "-1", 0, false},
		{"udp", "65536", 0, false},
		{"tcp", "123456789", 0, false},

		// Issue 13610: LookupPort("tcp", "")
		{"tcp", "", 0, true},
		{"tcp4", "", 0, true},
		{"tcp6", "", 0, true},
		{"udp", "", 0, true},
		{"udp4", "", 0, true},
		{"udp6", "", 0, true},

		// C: Go appends this one on every system but android
		{"tcp", "http", 80, true},
	};
	const char *perr;
	go_error *err;
	int port;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		err = net_LookupPort(tests[i].network, tests[i].name, &port);
		if (port != tests[i].port || (err == NULL) != tests[i].ok)
			fail_msg("LookupPort(%s, %s) = %d, %s; want %d, error=%d", tests[i].network,
				 tests[i].name, port, go_error_Error(err), tests[i].port,
				 !tests[i].ok);
		if (err != NULL) {
			if ((perr = parseLookupPortError(err)) != NULL)
				fail_msg("%s", perr);
		}
		go_error_release(err);
	}
}

/* Go: net/lookup_test.go TestLookupPort_Minimal */
static void
TestLookupPort_Minimal(void **state)
{
	static const struct {
		const char *network;
		const char *name;
		int port;
	} tests[] = {
		{"tcp", "http", 80},   {"tcp", "HTTP", 80}, // case shouldn't matter
		{"tcp", "https", 443}, {"tcp", "ssh", 22},   {"tcp", "gopher", 70},
		{"tcp4", "http", 80},  {"tcp6", "http", 80},
	};
	go_error *err;
	int port;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		err = net_LookupPort(tests[i].network, tests[i].name, &port);
		if (port != tests[i].port || err != NULL)
			fail_msg("LookupPort(%s, %s) = %d, %s; want %d, error=nil",
				 tests[i].network, tests[i].name, port, go_error_Error(err),
				 tests[i].port);
	}
}

// C only: LookupPort's error texts and the services map (/etc/services on
// top of Go's built-in table), checked against Go 1.19 run with
// CGO_ENABLED=0 on the same /etc/services.
static void
TestLookupPortErrors(void **state)
{
	static const struct {
		const char *network, *service;
		int port;
		const char *err;
	} tests[] = {
		{"tcp", "--badport--", 0, "address tcp/--badport--: unknown port"},
		{"--badnet--", "zzz", 0, "address --badnet--: unknown network"},
		{"tcp", "65536", 0, "address 65536: invalid port"},
		{"tcp", "-1", 0, "address -1: invalid port"},
		{"", "http", 0, "address ip/http: unknown port"},
		{"udp6", "DOMAIN", 53, NULL},
		{"tcp4", "Http", 80, NULL},
		{"tcp", "mobility-header-and-more-stuff-here", 0,
		 "address tcp/mobility-header-and-more-stuff-here: unknown port"},
		{"udp", "nosuchservice", 0, "address udp/nosuchservice: unknown port"},
	};
	go_error *err;
	int port;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		err = net_LookupPort(tests[i].network, tests[i].service, &port);
		assert_int_equal(port, tests[i].port);
		if (tests[i].err == NULL)
			assert_null(err);
		else
			assert_error_text(err, tests[i].err);
		go_error_release(err);
	}
	// an alias from /etc/services ("http 80/tcp www"), where the file has it
	err = net_LookupPort("tcp", "www", &port);
	if (err == NULL)
		assert_int_equal(port, 80);
	go_error_release(err);
}

/* Go: net/lookup_test.go TestLookupProtocol_Minimal */
static void
TestLookupProtocol_Minimal(void **state)
{
	static const struct {
		const char *name;
		int want;
	} tests[] = {
		{"tcp", 6},  {"TcP", 6}, // case shouldn't matter
		{"icmp", 1}, {"igmp", 2}, {"udp", 17}, {"ipv6-icmp", 58},
	};
	go_error *err;
	int got;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		err = net_lookupProtocol(context_Background(), tests[i].name, &got);
		if (got != tests[i].want || err != NULL)
			fail_msg("LookupProtocol(%s) = %d, %s; want %d, error=nil", tests[i].name,
				 got, go_error_Error(err), tests[i].want);
	}
}

/* Go: net/lookup_test.go TestLookupNonLDH */
// Names that are not letters, digits and hyphens are not found (and are
// not sent to DNS at all).
GO_TEST(TestLookupNonLDH)
{
	char **addrs;
	size_t n;
	go_error *err;
	const char *text;

	err = net_LookupHost("!!!.###.bogus..domain.", &addrs, &n);
	if (err == NULL)
		fail_msg("lookup succeeded: %zu addresses", n);
	text = go_error_Error(err);
	if (strlen(text) < strlen("no such host") ||
	    strcmp(text + strlen(text) - strlen("no such host"), "no such host") != 0)
		fail_msg("lookup error = %s, want no such host", text);
	assert_ptr_equal(err->m, &net_DNSError_methods);
	if (!((net_DNSError *)err)->IsNotFound)
		fail_msg("lookup error = %d, want true", ((net_DNSError *)err)->IsNotFound);
	assert_string_equal(text, "lookup !!!.###.bogus..domain.: no such host");
	go_error_release(err);
	sync_WaitGroup_Wait(&net_dnsWaitGroup); // C: defer dnsWaitGroup.Wait()
}

/* Go: net/lookup_test.go TestLookupIPv6LinkLocalAddrWithZone */
GO_TEST(TestLookupIPv6LinkLocalAddrWithZone)
{
	net_IPAddr *ipaddrs;
	char **addrs;
	size_t n;
	go_error *err;

	if (!net_supportsIPv6())
		GO_SKIP(); // IPv6 is required
	err = net_Resolver_LookupIPAddr(&net_DefaultResolver, context_Background(), "fe80::1%lo0",
					&ipaddrs, &n);
	assert_null(err);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(ipaddrs[i].Zone, "lo0");
	free(ipaddrs);
	err = net_Resolver_LookupHost(&net_DefaultResolver, context_Background(), "fe80::1%lo0",
				      &addrs, &n);
	assert_null(err);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(addrs[i], "fe80::1%lo0");
		free(addrs[i]);
	}
	free(addrs);
}

/* Go: net/lookup_test.go TestIPVersion */
static void
TestIPVersion(void **state)
{
	static const struct {
		const char *network;
		char version;
	} ipVersionTests[] = {
		{"tcp", 0}, {"tcp4", '4'}, {"tcp6", '6'}, {"udp", 0}, {"udp4", '4'}, {"udp6", '6'},
		{"ip", 0},  {"ip4", '4'},  {"ip6", '6'},  {"ip7", 0}, {"", 0},
	};

	(void)state;
	for (size_t i = 0; i < nelem(ipVersionTests); i++) {
		char version = net_ipVersion(ipVersionTests[i].network);

		if (version != ipVersionTests[i].version)
			fail_msg("Family for: %s. Expected: %c, Got: %c", ipVersionTests[i].network,
				 ipVersionTests[i].version, version);
	}
}

// The keys and values of TestLookupIPAddrPreservesContextValues (Go uses
// "key-1", 384 and a new(float64) as keys: three distinct objects here).
static const char key1[] = "key-1";
static const int key2 = 384;
static const double key3 = 0;
static int value1 = 12;
static char value2[] = "value2";
static int value3 = 137;
static const struct {
	const void *key;
	void *value;
} keyValues[] = {{key1, &value1}, {&key2, value2}, {&key3, &value3}};
static _Atomic int hookFailures;

// A hook's result: the wanted addresses, as a fresh array.
static void
returnIPs(const net_IPAddr *want, size_t nwant, net_IPAddr **addrs, size_t *naddrs)
{
	*addrs = NULL;
	if (nwant > 0) {
		*addrs = malloc(nwant * sizeof(net_IPAddr));
		assert_non_null(*addrs);
		memcpy(*addrs, want, nwant * sizeof(net_IPAddr));
	}
	*naddrs = nwant;
}

static net_IPAddr wantIPs[2];

static go_error *
checkCtxValues(context_Context *ctx, net_lookupIPFunc fn, const char *network, const char *host,
	       net_IPAddr **addrs, size_t *naddrs)
{
	(void)fn;
	(void)network;
	(void)host;
	for (size_t i = 0; i < nelem(keyValues); i++) {
		if (context_Context_Value(ctx, keyValues[i].key) != keyValues[i].value)
			atomic_fetch_add(&hookFailures, 1); // Value lookup: got != want
	}
	returnIPs(wantIPs, 2, addrs, naddrs);
	return NULL;
}

static bool
ipAddrsDeepEqual(const net_IPAddr *got, size_t ngot, const net_IPAddr *want, size_t nwant)
{
	if (ngot != nwant)
		return false;
	for (size_t i = 0; i < ngot; i++) {
		if (got[i].IP.len != want[i].IP.len ||
		    memcmp(got[i].IP.b, want[i].IP.b, got[i].IP.len) != 0 ||
		    strcmp(got[i].Zone, want[i].Zone) != 0)
			return false;
	}
	return true;
}

/* Go: net/lookup_test.go TestLookupIPAddrPreservesContextValues */
// Go's issue 28600: the lookup sees the values of the caller's context.
GO_TEST(TestLookupIPAddrPreservesContextValues)
{
	__typeof__(net_testHookLookupIP) origTestHookLookupIP = net_testHookLookupIP;
	net_Resolver zero = {0};
	net_Resolver *resolvers[] = {NULL, &zero};
	context_Context *ctx = context_Background();

	for (size_t i = 0; i < nelem(keyValues); i++) {
		context_Context *c = context_WithValue(ctx, keyValues[i].key, keyValues[i].value);

		context_Release(ctx);
		ctx = c;
	}
	wantIPs[0] = NET_IPADDR(.IP = net_IPv4(127, 0, 0, 1));
	wantIPs[1] = NET_IPADDR(.IP = net_IPv6loopback);
	atomic_store(&hookFailures, 0);
	net_testHookLookupIP = checkCtxValues;
	for (size_t i = 0; i < nelem(resolvers); i++) {
		net_IPAddr *gotIPs;
		size_t n;
		go_error *err;

		err = net_Resolver_LookupIPAddr(resolvers[i], ctx, "golang.org", &gotIPs, &n);
		if (err != NULL)
			fail_msg("Resolver #%zu: unexpected error: %s", i, go_error_Error(err));
		if (!ipAddrsDeepEqual(gotIPs, n, wantIPs, 2))
			fail_msg("#%zu: mismatched IPAddr results", i);
		free(gotIPs);
	}
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	net_testHookLookupIP = origTestHookLookupIP; // C: defer
	context_Release(ctx);
	assert_int_equal(atomic_load(&hookFailures), 0);
}

// TestLookupIPAddrConcurrentCallsForNetworks' closure and goroutines.
static struct {
	const char *network;
	net_IPAddr ips[2];
	size_t n;
} concurrentResults[] = {
	{.network = "udp", .n = 2}, {.network = "udp4", .n = 1}, {.network = "udp6", .n = 1}};
static _Atomic int32_t calls;
static runtime_hchan *waitCh;
static context_Context *concurrentCtx;
static sync_WaitGroup concurrentWG;

static size_t
resultIndex(const char *network)
{
	for (size_t i = 0; i < nelem(concurrentResults); i++) {
		if (strcmp(concurrentResults[i].network, network) == 0)
			return i;
	}
	return 0;
}

static go_error *
concurrentHook(context_Context *ctx, net_lookupIPFunc fn, const char *network, const char *host,
	       net_IPAddr **addrs, size_t *naddrs)
{
	size_t k = resultIndex(network);

	(void)fn;
	(void)host;
	// Block until every distinct query has called: a lookup group that
	// merged two of them would never get here for the second.
	if (atomic_fetch_add(&calls, 1) + 1 == (int32_t)nelem(concurrentResults))
		runtime_closechan(waitCh);
	runtime_selectCase cases[] = {
		{runtime_selectRecv, waitCh, NULL},
		{runtime_selectRecv, context_Context_Done(ctx), NULL},
	};
	if (runtime_select(cases, 2, true, NULL) == 1) {
		*addrs = NULL;
		*naddrs = 0;
		return go_error_retain(context_Context_Err(ctx));
	}
	returnIPs(concurrentResults[k].ips, concurrentResults[k].n, addrs, naddrs);
	return NULL;
}

static void
concurrentQuery(void *arg)
{
	const char *network = arg;
	size_t k = resultIndex(network);
	net_IPAddr *gotIPs;
	size_t n;
	go_error *err;

	err = net_Resolver_lookupIPAddr(&net_DefaultResolver, concurrentCtx, network, "golang.org",
					&gotIPs, &n);
	if (err != NULL)
		atomic_fetch_add(&hookFailures, 1); // unexpected error
	go_error_release(err);
	if (!ipAddrsDeepEqual(gotIPs, n, concurrentResults[k].ips, concurrentResults[k].n))
		atomic_fetch_add(&hookFailures, 1); // mismatched IPAddr results
	free(gotIPs);
	sync_WaitGroup_Done(&concurrentWG);
}

/* Go: net/lookup_test.go TestLookupIPAddrConcurrentCallsForNetworks */
// Go's issue 30521: the group calls the resolver once per network.
GO_TEST(TestLookupIPAddrConcurrentCallsForNetworks)
{
	__typeof__(net_testHookLookupIP) origTestHookLookupIP = net_testHookLookupIP;
	static const char *const queries[] = {"udp", "udp4", "udp6", "udp", "udp"};
	context_CancelFunc cancel;

	concurrentResults[0].ips[0] = NET_IPADDR(.IP = net_IPv4(127, 0, 0, 1));
	concurrentResults[0].ips[1] = NET_IPADDR(.IP = net_IPv6loopback);
	concurrentResults[1].ips[0] = NET_IPADDR(.IP = net_IPv4(127, 0, 0, 1));
	concurrentResults[2].ips[0] = NET_IPADDR(.IP = net_IPv6loopback);
	atomic_store(&calls, 0);
	atomic_store(&hookFailures, 0);
	waitCh = runtime_makechan(0, 0);
	net_testHookLookupIP = concurrentHook;
	concurrentCtx = context_WithTimeout(context_Background(), 10 * time_Second, &cancel);
	for (size_t i = 0; i < nelem(queries); i++) {
		sync_WaitGroup_Add(&concurrentWG, 1);
		go(concurrentQuery, (void *)queries[i]);
	}
	sync_WaitGroup_Wait(&concurrentWG);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	context_CancelFunc_Call(cancel); // C: defer cancel()
	context_Release(concurrentCtx);
	net_testHookLookupIP = origTestHookLookupIP; // C: defer
	runtime_chanfree(waitCh);
	assert_int_equal(atomic_load(&hookFailures), 0);
}

/* Go: net/lookup_test.go TestWithUnexpiredValuesPreserved */
GO_TEST(TestWithUnexpiredValuesPreserved)
{
	static const char key[] = "key-1";
	static int value = 2;
	context_CancelFunc cancel;
	context_Context *c0 = context_WithCancel(context_Background(), &cancel);
	context_Context *c1 = context_WithValue(c0, key, &value);
	// The values-preserving context, as LookupIPAddr makes (Go's issue 28600).
	context_Context *ctx = net_withUnexpiredValuesPreserved(c1);

	if (context_Context_Value(ctx, key) != &value)
		fail_msg("Lookup before expiry: Got %p Want %p", context_Context_Value(ctx, key),
			 (void *)&value);
	context_CancelFunc_Call(cancel);
	if (context_Context_Value(ctx, key) != NULL)
		fail_msg("Lookup after expiry: Got %p want nil", context_Context_Value(ctx, key));
	context_Release(ctx);
	context_Release(c1);
	context_Release(c0);
}

// C only: lookups answered by a hosts file (Go's "files" source), with the
// hosts path hook: LookupHost and LookupIPAddr of a name, and the failure
// of a name neither the file nor a DNS server could know.
static const char *
testdata(const char *name)
{
	static char path[4096];
	const char *slash = strrchr(__FILE__, '/');

	snprintf(path, sizeof(path), "%.*s/%s", slash != NULL ? (int)(slash - __FILE__) : 1,
		 slash != NULL ? __FILE__ : ".", name);
	return path;
}

GO_TEST(TestLookupHostFiles)
{
	const char *orig = net_testHookHostsPath;
	static const char *const want[] = {"127.0.0.1", "127.0.0.2", "127.0.0.3"};
	net_IPAddr *ips;
	char **addrs;
	size_t n;
	go_error *err;

	net_testHookHostsPath = testdata("testdata/ipv4-hosts");
	err = net_LookupHost("localhost", &addrs, &n);
	assert_null(err);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(addrs[i], want[i]);
		free(addrs[i]);
	}
	free(addrs);
	err = net_Resolver_LookupIPAddr(NULL, context_Background(), "LocalHost.LocalDomain", &ips,
					&n);
	assert_null(err);
	assert_int_equal(n, 1);
	assert_true(net_IP_Equal(ips[0].IP, net_IPv4(127, 0, 0, 3)));
	free(ips);
	// Empty names never resolve.
	err = net_LookupHost("", &addrs, &n);
	assert_error_text(err, "lookup : no such host");
	assert_true(((net_DNSError *)err)->IsNotFound);
	go_error_release(err);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	net_testHookHostsPath = orig;
}

// C only: literals never reach the hooks (Go's fast path).
GO_TEST(TestLookupIPLiteral)
{
	net_IP *ips;
	char **addrs;
	size_t n;
	go_error *err;

	err = net_LookupIP("127.0.0.1", &ips, &n);
	assert_null(err);
	assert_int_equal(n, 1);
	assert_true(net_IP_Equal(ips[0], net_IPv4(127, 0, 0, 1)));
	free(ips);
	err = net_Resolver_LookupIP(NULL, context_Background(), "ip6", "::1", &ips, &n);
	assert_null(err);
	assert_int_equal(n, 1);
	assert_true(net_IP_Equal(ips[0], net_IPv6loopback));
	free(ips);
	err = net_Resolver_LookupIP(NULL, context_Background(), "ip4", "::1", &ips, &n);
	assert_error_text(err, "address ::1: no suitable address found");
	go_error_release(err);
	err = net_Resolver_LookupIP(NULL, context_Background(), "tcp", "::1", &ips, &n);
	assert_error_text(err, "unknown network tcp");
	go_error_release(err);
	err = net_LookupHost("127.0.0.1", &addrs, &n);
	assert_null(err);
	assert_int_equal(n, 1);
	assert_string_equal(addrs[0], "127.0.0.1");
	free(addrs[0]);
	free(addrs);
}

// A hook that waits for the test to release it (or its context to end).
static runtime_hchan *release;

static go_error *
blockingHook(context_Context *ctx, net_lookupIPFunc fn, const char *network, const char *host,
	     net_IPAddr **addrs, size_t *naddrs)
{
	(void)fn;
	(void)network;
	(void)host;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, release, NULL},
		{runtime_selectRecv, context_Context_Done(ctx), NULL},
	};
	*addrs = NULL;
	*naddrs = 0;
	if (runtime_select(cases, 2, true, NULL) == 1)
		return go_error_retain(context_Context_Err(ctx));
	returnIPs(wantIPs, 1, addrs, naddrs);
	return NULL;
}

// C only: a caller whose context ends gets Go's DNSError at once
// ("operation was canceled", "i/o timeout" with IsTimeout), and a lookup
// nobody else waits for is canceled (its hook sees its context end).
GO_TEST(TestLookupIPAddrCancel)
{
	__typeof__(net_testHookLookupIP) orig = net_testHookLookupIP;
	context_CancelFunc cancel;
	context_Context *ctx;
	net_IPAddr *ips;
	size_t n;
	go_error *err;

	release = runtime_makechan(0, 0);
	wantIPs[0] = NET_IPADDR(.IP = net_IPv4(127, 0, 0, 1));
	net_testHookLookupIP = blockingHook;

	ctx = context_WithCancel(context_Background(), &cancel);
	context_CancelFunc_Call(cancel);
	err = net_Resolver_LookupIPAddr(NULL, ctx, "golang.org", &ips, &n);
	assert_error_text(err, "lookup golang.org: operation was canceled");
	assert_false(go_error_Timeout(err));
	assert_null(ips);
	go_error_release(err);
	context_Release(ctx);

	ctx = context_WithTimeout(context_Background(), 20 * time_Millisecond, &cancel);
	err = net_Resolver_LookupIPAddr(NULL, ctx, "golang.org", &ips, &n);
	assert_error_text(err, "lookup golang.org: i/o timeout");
	assert_true(go_error_Timeout(err));
	go_error_release(err);
	context_CancelFunc_Call(cancel);
	context_Release(ctx);
	sync_WaitGroup_Wait(&net_dnsWaitGroup); // both lookups were canceled

	// And one that completes.
	go((void (*)(void *))runtime_closechan, release);
	err = net_Resolver_LookupIPAddr(NULL, context_Background(), "golang.org", &ips, &n);
	assert_null(err);
	assert_int_equal(n, 1);
	free(ips);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	net_testHookLookupIP = orig;
	runtime_chanfree(release);
}

// C only: (*Resolver).resolveAddrList, the dialer's and listener's entry
// point: networks, ports, literals, hints (Go's texts, checked with Go 1.19).
GO_TEST(TestResolveAddrList)
{
	static const struct {
		const char *op, *network, *addr;
		const char *hint; // a TCPAddr "ip:port", or NULL
		const char *want; // the addresses' String()s joined by ' ', or NULL
		const char *err;
	} tests[] = {
		{"dial", "tcp", "127.0.0.1:80", NULL, "127.0.0.1:80", NULL},
		{"dial", "tcp", "127.0.0.1:http", NULL, "127.0.0.1:80", NULL},
		{"listen", "tcp", ":0", NULL, ":0", NULL},
		{"listen", "tcp", "", NULL, ":0", NULL},
		{"dial", "tcp6", "[::1]:80", NULL, "[::1]:80", NULL},
		{"dial", "tcp", "[fe80::1%lo]:80", NULL, "[fe80::1%lo]:80", NULL},
		{"dial", "tcp4", "[::1]:80", NULL, NULL, "address ::1: no suitable address found"},
		{"dial", "tcp6", "127.0.0.1:80", NULL, NULL,
		 "address 127.0.0.1: no suitable address found"},
		{"dial", "tcp", "127.0.0.1", NULL, NULL,
		 "address 127.0.0.1: missing port in address"},
		{"dial", "tcp", "127.0.0.1:nosuchport", NULL, NULL,
		 "address tcp/nosuchport: unknown port"},
		{"dial", "tcp", "", NULL, NULL, "missing address"},
		{"dial", "tcpx", "127.0.0.1:80", NULL, NULL, "unknown network tcpx"},
		{"dial", "ip", "127.0.0.1", NULL, NULL, "unknown network ip"},
		{"dial", "ip:nosuchproto", "127.0.0.1", NULL, NULL,
		 "address nosuchproto: unknown IP protocol specified"},
		{"dial", "ip4:icmp", "127.0.0.1", NULL, "127.0.0.1", NULL},
		{"dial", "ip6:58", "::1", NULL, "::1", NULL},
		{"dial", "tcp", "[::1]:80", "127.0.0.1:0", NULL,
		 "address 127.0.0.1:0: no suitable address found"},
		{"dial", "tcp", "127.0.0.1:80", "127.0.0.1:0", "127.0.0.1:80", NULL},
		{"dial", "tcp", "[::1]:80", ":0", "[::1]:80", NULL},
		{"listen", "tcp", "[::1]:80", "127.0.0.1:0", "[::1]:80", NULL},
	};

	for (size_t i = 0; i < nelem(tests); i++) {
		net_TCPAddr hint = NET_TCPADDR(.Port = 0);
		net_addrList addrs;
		char got[256] = "";
		go_error *err;

		if (tests[i].hint != NULL) {
			char *h, *p;

			assert_null(net_SplitHostPort(tests[i].hint, &h, &p));
			hint.IP = net_ParseIP(h);
			free(h);
			free(p);
		}
		err = net_Resolver_resolveAddrList(
			NULL, context_Background(), tests[i].op, tests[i].network, tests[i].addr,
			tests[i].hint != NULL ? &hint.addr : NULL, &addrs);
		if (tests[i].err != NULL) {
			if (err == NULL || strcmp(go_error_Error(err), tests[i].err) != 0)
				fail_msg("#%zu: %s %s %s: got %s; want %s", i, tests[i].op,
					 tests[i].network, tests[i].addr, go_error_Error(err),
					 tests[i].err);
			assert_int_equal(addrs.n, 0);
			go_error_release(err);
			continue;
		}
		if (err != NULL)
			fail_msg("#%zu: %s %s %s: %s", i, tests[i].op, tests[i].network,
				 tests[i].addr, go_error_Error(err));
		for (size_t j = 0; j < addrs.n; j++) {
			char *s = net_Addr_String(addrs.addrs[j]);

			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
				 j > 0 ? " " : "", s);
			free(s);
		}
		if (strcmp(got, tests[i].want) != 0)
			fail_msg("#%zu: got %s; want %s", i, got, tests[i].want);
		assert_ptr_equal(net_addrList_forResolve(&addrs, tests[i].network, tests[i].addr),
				 addrs.addrs[0]);
		net_addrList_free(&addrs);
	}
}

// One test per line: tests/CMakeLists.txt registers them line by line.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestLookupPort),
	cmocka_unit_test(TestLookupPort_Minimal),
	cmocka_unit_test(TestLookupPortErrors),
	cmocka_unit_test(TestLookupProtocol_Minimal),
	cmocka_unit_test(TestLookupNonLDH),
	cmocka_unit_test(TestLookupIPv6LinkLocalAddrWithZone),
	cmocka_unit_test(TestIPVersion),
	cmocka_unit_test(TestLookupIPAddrPreservesContextValues),
	cmocka_unit_test(TestLookupIPAddrConcurrentCallsForNetworks),
	cmocka_unit_test(TestWithUnexpiredValuesPreserved),
	cmocka_unit_test(TestLookupHostFiles),
	cmocka_unit_test(TestLookupIPLiteral),
	cmocka_unit_test(TestLookupIPAddrCancel),
	cmocka_unit_test(TestResolveAddrList),
};
// clang-format on

GONET_TEST_MAIN(tests)

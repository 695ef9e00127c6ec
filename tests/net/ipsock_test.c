// C port of go1.19 src/net/ipsock_test.go: TestAddrList and
// TestAddrListPartition, with Go's whole tables. An address is written as
// text ("127.0.0.1", "fe80::1%eth0") and built as Go builds it (ParseIP,
// IPv4 and IPv6loopback all give 16 bytes).
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/lookup.h"

enum { maxAddrs = 4 };

// "ip" or "ip%zone" as an IPAddr.
static net_IPAddr
ipAddr(const char *s)
{
	net_IPAddr a = NET_IPADDR(.IP = {0});
	const char *pct = strchr(s, '%');
	char host[64];

	snprintf(host, sizeof(host), "%.*s", pct != NULL ? (int)(pct - s) : (int)strlen(s), s);
	a.IP = net_ParseIP(host);
	if (pct != NULL)
		snprintf(a.Zone, sizeof(a.Zone), "%s", pct + 1);
	return a;
}

/* Go: net/ipsock_test.go testInetaddr */
static net_Addr *
testInetaddr(const net_IPAddr *ip, void *env)
{
	net_TCPAddr a = NET_TCPADDR(.IP = ip->IP, .Port = 5682);

	(void)env;
	memcpy(a.Zone, ip->Zone, sizeof(a.Zone));
	return net_Addr_clone(&a.addr);
}

// reflect.DeepEqual(addr, &TCPAddr{IP: want's IP, Port: 5682, Zone: want's zone}).
static bool
tcpAddrDeepEqual(const net_Addr *addr, const char *want)
{
	const net_TCPAddr *a = (const net_TCPAddr *)addr;
	net_IPAddr w;

	if (addr == NULL || want == NULL)
		return addr == NULL && want == NULL;
	w = ipAddr(want);
	return addr->m == &net_TCPAddr_methods && a->IP.len == w.IP.len &&
	       memcmp(a->IP.b, w.IP.b, w.IP.len) == 0 && a->Port == 5682 &&
	       strcmp(a->Zone, w.Zone) == 0;
}

static bool
listDeepEqual(const net_addrList *l, const char *const want[maxAddrs])
{
	size_t n = 0;

	while (n < maxAddrs && want[n] != NULL)
		n++;
	if (l->n != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!tcpAddrDeepEqual(l->addrs[i], want[i]))
			return false;
	}
	return true;
}

/* Go: net/ipsock_test.go addrListTests */
static const struct {
	bool (*filter)(const net_IPAddr *);
	const char *ips[maxAddrs];
	const char *first;
	const char *primaries[maxAddrs];
	const char *fallbacks[maxAddrs];
	bool err; // &AddrError{errNoSuitableAddress.Error(), "ADDR"}
} addrListTests[] = {
	{NULL, {"127.0.0.1", "::1"}, "127.0.0.1", {"127.0.0.1"}, {"::1"}, false},
	{NULL, {"::1", "127.0.0.1"}, "127.0.0.1", {"::1"}, {"127.0.0.1"}, false},
	{NULL,
	 {"127.0.0.1", "192.168.0.1"},
	 "127.0.0.1",
	 {"127.0.0.1", "192.168.0.1"},
	 {NULL},
	 false},
	{NULL, {"::1", "fe80::1%eth0"}, "::1", {"::1", "fe80::1%eth0"}, {NULL}, false},
	{NULL,
	 {"127.0.0.1", "192.168.0.1", "::1", "fe80::1%eth0"},
	 "127.0.0.1",
	 {"127.0.0.1", "192.168.0.1"},
	 {"::1", "fe80::1%eth0"},
	 false},
	{NULL,
	 {"::1", "fe80::1%eth0", "127.0.0.1", "192.168.0.1"},
	 "127.0.0.1",
	 {"::1", "fe80::1%eth0"},
	 {"127.0.0.1", "192.168.0.1"},
	 false},
	{NULL,
	 {"127.0.0.1", "::1", "192.168.0.1", "fe80::1%eth0"},
	 "127.0.0.1",
	 {"127.0.0.1", "192.168.0.1"},
	 {"::1", "fe80::1%eth0"},
	 false},
	{NULL,
	 {"::1", "127.0.0.1", "fe80::1%eth0", "192.168.0.1"},
	 "127.0.0.1",
	 {"::1", "fe80::1%eth0"},
	 {"127.0.0.1", "192.168.0.1"},
	 false},

	{net_ipv4only, {"127.0.0.1", "::1"}, "127.0.0.1", {"127.0.0.1"}, {NULL}, false},
	{net_ipv4only, {"::1", "127.0.0.1"}, "127.0.0.1", {"127.0.0.1"}, {NULL}, false},

	{net_ipv6only, {"127.0.0.1", "::1"}, "::1", {"::1"}, {NULL}, false},
	{net_ipv6only, {"::1", "127.0.0.1"}, "::1", {"::1"}, {NULL}, false},

	// No addresses.
	{NULL, {NULL}, NULL, {NULL}, {NULL}, true},
	{net_ipv4only, {NULL}, NULL, {NULL}, {NULL}, true},
	{net_ipv4only, {"::1"}, NULL, {NULL}, {NULL}, true},
	{net_ipv6only, {NULL}, NULL, {NULL}, {NULL}, true},
	{net_ipv6only, {"127.0.0.1"}, NULL, {NULL}, {NULL}, true},
};

/* Go: net/ipsock_test.go TestAddrList */
static void
TestAddrList(void **state)
{
	(void)state;
	if (!net_supportsIPv4() || !net_supportsIPv6())
		skip(); // both IPv4 and IPv6 are required
	for (size_t i = 0; i < nelem(addrListTests); i++) {
		net_IPAddr ips[maxAddrs];
		net_addrList addrs, primaries, fallbacks;
		size_t nips = 0;
		go_error *err;

		while (nips < maxAddrs && addrListTests[i].ips[nips] != NULL) {
			ips[nips] = ipAddr(addrListTests[i].ips[nips]);
			nips++;
		}
		err = net_filterAddrList(addrListTests[i].filter, ips, nips, testInetaddr, NULL,
					 "ADDR", &addrs);
		if (addrListTests[i].err) {
			if (err == NULL || err->m != &net_AddrError_methods ||
			    strcmp(((net_AddrError *)err)->Err, "no suitable address found") != 0 ||
			    strcmp(((net_AddrError *)err)->Addr, "ADDR") != 0)
				fail_msg("#%zu: got %s; want AddrError", i, go_error_Error(err));
			assert_string_equal(go_error_Error(err),
					    "address ADDR: no suitable address found");
			go_error_release(err);
			if (addrs.n != 0)
				fail_msg("#%zu: got %zu; want 0", i, addrs.n);
			continue;
		}
		if (err != NULL)
			fail_msg("#%zu: got %s; want <nil>", i, go_error_Error(err));
		if (!tcpAddrDeepEqual(net_addrList_first(&addrs, net_isIPv4),
				      addrListTests[i].first))
			fail_msg("#%zu: first: got a different address", i);
		net_addrList_partition(&addrs, net_isIPv4, &primaries, &fallbacks);
		if (!listDeepEqual(&primaries, addrListTests[i].primaries))
			fail_msg("#%zu: primaries differ", i);
		if (!listDeepEqual(&fallbacks, addrListTests[i].fallbacks))
			fail_msg("#%zu: fallbacks differ", i);
		if (addrs.n != primaries.n + fallbacks.n)
			fail_msg("#%zu: got %zu; want %zu", i, addrs.n, primaries.n + fallbacks.n);
		net_addrList_free(&primaries);
		net_addrList_free(&fallbacks);
		net_addrList_free(&addrs);
	}
}

// The closure of TestAddrListPartition: what it captures.
static uint8_t lastByte;
static bool invert;

static bool
partitionStrategy(const net_Addr *a)
{
	net_IP ip = ((const net_IPAddr *)a)->IP;

	return (ip.b[ip.len - 1] == lastByte) != invert;
}

/* Go: net/ipsock_test.go TestAddrListPartition */
static void
TestAddrListPartition(void **state)
{
	net_IPAddr a0 = NET_IPADDR(.IP = net_ParseIP("fe80::"), .Zone = "eth0");
	net_IPAddr a1 = NET_IPADDR(.IP = net_ParseIP("fe80::1"), .Zone = "eth0");
	net_IPAddr a2 = NET_IPADDR(.IP = net_ParseIP("fe80::2"), .Zone = "eth0");
	net_Addr *elems[] = {&a0.addr, &a1.addr, &a2.addr};
	net_addrList addrs = {elems, 3};
	static const struct {
		uint8_t lastByte;
		int primaries[3]; // indexes into addrs, -1 ends
		int fallbacks[3];
	} cases[] = {
		{0, {0, -1}, {1, 2, -1}},
		{1, {0, 2, -1}, {1, -1}},
		{2, {0, 1, -1}, {2, -1}},
		{3, {0, 1, 2}, {-1}},
	};

	(void)state;
	for (size_t i = 0; i < nelem(cases); i++) {
		// Inverting the strategy must not change the result.
		for (int inv = 0; inv < 2; inv++) {
			net_addrList primaries, fallbacks;
			const net_addrList *got[2] = {&primaries, &fallbacks};
			const int *want[2] = {cases[i].primaries, cases[i].fallbacks};

			lastByte = cases[i].lastByte;
			invert = inv != 0;
			net_addrList_partition(&addrs, partitionStrategy, &primaries, &fallbacks);
			for (int k = 0; k < 2; k++) {
				size_t n = 0;

				while (n < 3 && want[k][n] >= 0)
					n++;
				if (got[k]->n != n)
					fail_msg("#%zu: got %zu addresses; want %zu", i, got[k]->n,
						 n);
				for (size_t j = 0; j < n; j++) {
					const net_IPAddr *g = (const net_IPAddr *)got[k]->addrs[j];
					const net_IPAddr *w = (const net_IPAddr *)elems[want[k][j]];

					if (g->addr.m != &net_IPAddr_methods ||
					    !net_IP_Equal(g->IP, w->IP) || g->IP.len != w->IP.len ||
					    strcmp(g->Zone, w->Zone) != 0)
						fail_msg("#%zu: address %zu differs", i, j);
				}
			}
			net_addrList_free(&primaries);
			net_addrList_free(&fallbacks);
		}
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestAddrList),
	cmocka_unit_test(TestAddrListPartition),
};

GONET_TEST_MAIN(tests)

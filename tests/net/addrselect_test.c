// C port of go1.19 src/net/addrselect_test.go: TestSortByRFC6724,
// TestRFC6724PolicyTableClassify, TestRFC6724ClassifyScope,
// TestRFC6724CommonPrefixLength.
#include "testmain.h"

#include <string.h>

#include "net/lookup.h"

#define IPADDR(s) NET_IPADDR(.IP = net_ParseIP(s))

static bool
ipEqualBytes(net_IP a, net_IP b) // reflect.DeepEqual on two IPs
{
	return a.len == b.len && memcmp(a.b, b.b, a.len) == 0;
}

static bool
ipAddrsDeepEqual(const net_IPAddr *a, const net_IPAddr *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!ipEqualBytes(a[i].IP, b[i].IP) || strcmp(a[i].Zone, b[i].Zone) != 0)
			return false;
	}
	return true;
}

/* Go: net/addrselect_test.go TestSortByRFC6724 */
static void
TestSortByRFC6724(void **state)
{
	enum { maxN = 6 };
	struct {
		size_t n;
		const char *in[maxN];
		const char *srcs[maxN];
		const char *want[maxN];
		bool reverse; // also test it starting backwards
	} tests[] = {
		// The examples of RFC 6724 section 10.2.

		// Prefer matching scope.
		{2,
		 {"2001:db8:1::1", "198.51.100.121"},
		 {"2001:db8:1::2", "169.254.13.78"},
		 {"2001:db8:1::1", "198.51.100.121"},
		 true},
		// Prefer matching scope.
		{2,
		 {"2001:db8:1::1", "198.51.100.121"},
		 {"fe80::1", "198.51.100.117"},
		 {"198.51.100.121", "2001:db8:1::1"},
		 true},
		// Prefer higher precedence.
		{2,
		 {"2001:db8:1::1", "10.1.2.3"},
		 {"2001:db8:1::2", "10.1.2.4"},
		 {"2001:db8:1::1", "10.1.2.3"},
		 true},
		// Prefer smaller scope.
		{2,
		 {"2001:db8:1::1", "fe80::1"},
		 {"2001:db8:1::2", "fe80::2"},
		 {"fe80::1", "2001:db8:1::1"},
		 true},
		// Go's issue 13283: a 10/8 source does not make 23/8
		// destinations better.
		{6,
		 {"54.83.193.112", "184.72.238.214", "23.23.172.185", "75.101.148.21",
		  "23.23.134.56", "23.21.50.150"},
		 {"10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4"},
		 {"54.83.193.112", "184.72.238.214", "23.23.172.185", "75.101.148.21",
		  "23.23.134.56", "23.21.50.150"},
		 false},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		size_t n = tests[i].n;
		net_IPAddr in[maxN], inCopy[maxN], want[maxN];
		net_IP srcCopy[maxN];

		for (size_t j = 0; j < n; j++) {
			in[j] = IPADDR(tests[i].in[j]);
			want[j] = IPADDR(tests[i].want[j]);
			inCopy[j] = in[j];
			srcCopy[j] = net_ParseIP(tests[i].srcs[j]);
		}
		net_sortByRFC6724withSrcs(inCopy, srcCopy, n);
		if (!ipAddrsDeepEqual(inCopy, want, n))
			fail_msg("test %zu: got a different order", i);
		if (tests[i].reverse) {
			for (size_t j = 0; j < n; j++) {
				inCopy[j] = in[j];
				srcCopy[j] = net_ParseIP(tests[i].srcs[j]);
			}
			for (size_t j = 0; j < n / 2; j++) {
				size_t k = n - j - 1;
				net_IPAddr a = inCopy[j];
				net_IP s = srcCopy[j];

				inCopy[j] = inCopy[k];
				inCopy[k] = a;
				srcCopy[j] = srcCopy[k];
				srcCopy[k] = s;
			}
			net_sortByRFC6724withSrcs(inCopy, srcCopy, n);
			if (!ipAddrsDeepEqual(inCopy, want, n))
				fail_msg("test %zu, starting backwards: got a different order", i);
		}
	}
}

/* Go: net/addrselect_test.go TestRFC6724PolicyTableClassify */
static void
TestRFC6724PolicyTableClassify(void **state)
{
	struct {
		const char *ip;
		const char *prefixIP;
		int ones;
		uint8_t precedence, label;
	} tests[] = {
		{"127.0.0.1", "::ffff:0:0", 96, 35, 4},
		{"2601:645:8002:a500:986f:1db8:c836:bd65", "::", 0, 40, 1},
		{"::1", "::1", 128, 50, 0},
		{"2002::ab12", "2002::", 16, 30, 2},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		net_policyTableEntry got = net_policyTable_Classify(net_ParseIP(tests[i].ip));
		net_IPMask mask = net_CIDRMask(tests[i].ones, 128);

		if (!ipEqualBytes(got.Prefix.IP, net_ParseIP(tests[i].prefixIP)) ||
		    got.Prefix.Mask.len != mask.len ||
		    memcmp(got.Prefix.Mask.b, mask.b, mask.len) != 0 ||
		    got.Precedence != tests[i].precedence || got.Label != tests[i].label)
			fail_msg("%zu. Classify(%s) = {%u %u}; want {%u %u}", i, tests[i].ip,
				 got.Precedence, got.Label, tests[i].precedence, tests[i].label);
	}
}

/* Go: net/addrselect_test.go TestRFC6724ClassifyScope */
static void
TestRFC6724ClassifyScope(void **state)
{
	struct {
		net_IP ip;
		net_scope want;
	} tests[] = {
		{net_ParseIP("127.0.0.1"), net_scopeLinkLocal},   // RFC 6724 section 3.2
		{net_ParseIP("::1"), net_scopeLinkLocal},         // RFC 4007 section 4
		{net_ParseIP("169.254.1.2"), net_scopeLinkLocal}, // RFC 6724 section 3.2
		{net_ParseIP("fec0::1"), net_scopeSiteLocal},
		{net_ParseIP("8.8.8.8"), net_scopeGlobal},

		{net_ParseIP("ff02::"), net_scopeLinkLocal}, // IPv6 multicast
		{net_ParseIP("ff05::"), net_scopeSiteLocal},
		{net_ParseIP("ff04::"), net_scopeAdminLocal},
		{net_ParseIP("ff0e::"), net_scopeGlobal},

		{net_IPv4(0xe0, 0, 0, 0), net_scopeGlobal}, // IPv4 multicast, 16 bytes
		{net_IPv4(0xe0, 2, 2, 2), net_scopeGlobal},
		{net_IP_To4(net_IPv4(0xe0, 0, 0, 0)), net_scopeGlobal}, // and 4 bytes
		{net_IP_To4(net_IPv4(0xe0, 2, 2, 2)), net_scopeGlobal},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		net_scope got = net_classifyScope(tests[i].ip);

		if (got != tests[i].want)
			fail_msg("%zu. classifyScope = %x; want %x", i, got, tests[i].want);
	}
}

/* Go: net/addrselect_test.go TestRFC6724CommonPrefixLength */
static void
TestRFC6724CommonPrefixLength(void **state)
{
	struct {
		net_IP a, b;
		int want;
	} tests[] = {
		{net_ParseIP("fe80::1"), net_ParseIP("fe80::2"), 64},
		{net_ParseIP("fe81::1"), net_ParseIP("fe80::2"), 15},
		{net_ParseIP("127.0.0.1"), net_ParseIP("fe80::1"), 0}, // different sizes
		{net_IPv4(1, 2, 3, 4), NET_IP(1, 2, 3, 4), 32},
		{NET_IP(1, 2, 255, 255), NET_IP(1, 2, 0, 0), 16},
		{NET_IP(1, 2, 127, 255), NET_IP(1, 2, 0, 0), 17},
		{NET_IP(1, 2, 63, 255), NET_IP(1, 2, 0, 0), 18},
		{NET_IP(1, 2, 31, 255), NET_IP(1, 2, 0, 0), 19},
		{NET_IP(1, 2, 15, 255), NET_IP(1, 2, 0, 0), 20},
		{NET_IP(1, 2, 7, 255), NET_IP(1, 2, 0, 0), 21},
		{NET_IP(1, 2, 3, 255), NET_IP(1, 2, 0, 0), 22},
		{NET_IP(1, 2, 1, 255), NET_IP(1, 2, 0, 0), 23},
		{NET_IP(1, 2, 0, 255), NET_IP(1, 2, 0, 0), 24},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		int got = net_commonPrefixLen(tests[i].a, tests[i].b);

		if (got != tests[i].want)
			fail_msg("%zu. commonPrefixLen = %d; want %d", i, got, tests[i].want);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSortByRFC6724),
	cmocka_unit_test(TestRFC6724PolicyTableClassify),
	cmocka_unit_test(TestRFC6724ClassifyScope),
	cmocka_unit_test(TestRFC6724CommonPrefixLength),
};

GONET_TEST_MAIN(tests)

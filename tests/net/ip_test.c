// C port of go1.19 src/net/ip_test.go (the tests of pure code; the lookup
// and Marshal/UnmarshalText ones are left out with those functions).
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

// Go: IPv4(a, b, c, d) where C needs a constant.
#define IPV4(a, b, c, d) NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d)

static const net_IP nilIP;
static const net_IPMask nilMask;

// reflect.DeepEqual on two IPs (or masks): same length, same bytes.
static bool
ipDeepEqual(net_IP a, net_IP b)
{
	return a.len == b.len && memcmp(a.b, b.b, a.len) == 0;
}

static bool
maskDeepEqual(net_IPMask a, net_IPMask b)
{
	return a.len == b.len && memcmp(a.b, b.b, a.len) == 0;
}

// %v of an IP, for failure messages.
static const char *
str(net_IP ip, char buf[net_IPStringLen])
{
	return net_IP_String(ip, buf);
}

/* Go: net/ip_test.go TestParseIP */
static void
TestParseIP(void **state)
{
	const struct {
		const char *in;
		net_IP out;
	} parseIPTests[] = {
		{"127.0.1.2", net_IPv4(127, 0, 1, 2)},
		{"127.0.0.1", net_IPv4(127, 0, 0, 1)},
		{"::ffff:127.1.2.3", net_IPv4(127, 1, 2, 3)},
		{"::ffff:7f01:0203", net_IPv4(127, 1, 2, 3)},
		{"0:0:0:0:0000:ffff:127.1.2.3", net_IPv4(127, 1, 2, 3)},
		{"0:0:0:0:000000:ffff:127.1.2.3", net_IPv4(127, 1, 2, 3)},
		{"0:0:0:0::ffff:127.1.2.3", net_IPv4(127, 1, 2, 3)},

		{"2001:4860:0:2001::68",
		 NET_IP(0x20, 0x01, 0x48, 0x60, 0, 0, 0x20, 0x01, 0, 0, 0, 0, 0, 0, 0x00, 0x68)},
		{"2001:4860:0000:2001:0000:0000:0000:0068",
		 NET_IP(0x20, 0x01, 0x48, 0x60, 0, 0, 0x20, 0x01, 0, 0, 0, 0, 0, 0, 0x00, 0x68)},

		{"-0.0.0.0", nilIP},
		{"0.-1.0.0", nilIP},
		{"0.0.-2.0", nilIP},
		{"0.0.0.-3", nilIP},
		{"127.0.0.256", nilIP},
		{"abc", nilIP},
		{"123:", nilIP},
		{"fe80::1%lo0", nilIP},
		{"fe80::1%911", nilIP},
		{"", nilIP},
		{"a1:a2:a3:a4::b1:b2:b3:b4", nilIP}, // Issue 6628
		{"127.001.002.003", nilIP},
		{"::ffff:127.001.002.003", nilIP},
		{"123.000.000.000", nilIP},
		{"1.2..4", nilIP},
		{"0123.0.0.1", nilIP},
	};
	char b1[net_IPStringLen], b2[net_IPStringLen];
	net_IP out;

	(void)state;
	for (size_t i = 0; i < nelem(parseIPTests); i++) {
		out = net_ParseIP(parseIPTests[i].in);
		if (!ipDeepEqual(out, parseIPTests[i].out))
			fail_msg("ParseIP(%s) = %s, want %s", parseIPTests[i].in, str(out, b1),
				 str(parseIPTests[i].out, b2));
		if (parseIPTests[i].in[0] == '\0')
			continue; // Go: tested in TestMarshalEmptyIP below
		{
			net_IP uout = {0};
			go_error *err =
				net_IP_UnmarshalText(&uout, (const uint8_t *)parseIPTests[i].in,
						     strlen(parseIPTests[i].in));
			bool bad = !ipDeepEqual(uout, parseIPTests[i].out) ||
				   (parseIPTests[i].out.len == 0) != (err != NULL);

			go_error_release(err);
			if (bad)
				fail_msg("IP.UnmarshalText(%s) = %s, want %s", parseIPTests[i].in,
					 str(uout, b1), str(parseIPTests[i].out, b2));
		}
	}
}

/* Go: net/ip_test.go TestMarshalEmptyIP (Issue 6339) */
static void
TestMarshalEmptyIP(void **state)
{
	// Go: nil and []byte(""); C: both are zero bytes, with and without a
	// pointer.
	const uint8_t *ins[] = {NULL, (const uint8_t *)""};
	char buf[net_IPStringLen];
	go_error *err;
	size_t n;

	(void)state;
	for (size_t i = 0; i < nelem(ins); i++) {
		net_IP out = NET_IP(1, 2, 3, 4);

		err = net_IP_UnmarshalText(&out, ins[i], 0);
		if (err != NULL || out.len != 0)
			fail_msg("UnmarshalText(%zu) = %s, %s; want nil, nil", i, str(out, buf),
				 err != NULL ? go_error_Error(err) : "<nil>");
	}
	err = net_IP_MarshalText(nilIP, buf, &n);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	if (n != 0 || buf[0] != '\0')
		fail_msg("got %s, want []byte(\"\")", buf);
}

// C: MarshalText(in) gives byt (NULL: nothing) and, when addr is set, an
// *AddrError{Err: "invalid IP address", Addr: addr} (Go's DeepEqual).
static bool
marshalTextIs(net_IP in, const char *byt, const char *addr)
{
	char buf[net_IPStringLen];
	size_t n;
	go_error *err = net_IP_MarshalText(in, buf, &n);
	bool ok = n == (byt != NULL ? strlen(byt) : 0) && (n == 0 || memcmp(buf, byt, n) == 0);

	if (addr == NULL)
		ok = ok && err == NULL;
	else
		ok = ok && err != NULL && err->m == &net_AddrError_methods &&
		     strcmp(((net_AddrError *)err)->Err, "invalid IP address") == 0 &&
		     strcmp(((net_AddrError *)err)->Addr, addr) == 0;
	go_error_release(err);
	return ok;
}

/* Go: net/ip_test.go TestIPString */
static void
TestIPString(void **state)
{
	const struct {
		net_IP in;
		const char *str;
		const char *byt;   // Go: []byte; NULL is nil
		const char *error; // C: the Addr of the *AddrError wanted, or NULL
	} ipStringTests[] = {
		// IPv4 address
		{NET_IP(192, 0, 2, 1), "192.0.2.1", "192.0.2.1", NULL},
		{NET_IP(0, 0, 0, 0), "0.0.0.0", "0.0.0.0", NULL},

		// IPv4-mapped IPv6 address
		{NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1), "192.0.2.1",
		 "192.0.2.1", NULL},
		{NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0), "0.0.0.0", "0.0.0.0",
		 NULL},

		// IPv6 address
		{NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0x1, 0x23, 0, 0x12, 0, 0x1),
		 "2001:db8::123:12:1", "2001:db8::123:12:1", NULL},
		{NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1), "2001:db8::1",
		 "2001:db8::1", NULL},
		{NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0x1, 0, 0, 0, 0x1, 0, 0, 0, 0x1),
		 "2001:db8:0:1:0:1:0:1", "2001:db8:0:1:0:1:0:1", NULL},
		{NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0x1, 0, 0, 0, 0x1, 0, 0, 0, 0x1, 0, 0),
		 "2001:db8:1:0:1:0:1:0", "2001:db8:1:0:1:0:1:0", NULL},
		{NET_IP(0x20, 0x1, 0, 0, 0, 0, 0, 0, 0, 0x1, 0, 0, 0, 0, 0, 0x1), "2001::1:0:0:1",
		 "2001::1:0:0:1", NULL},
		{NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0x1, 0, 0, 0, 0, 0, 0),
		 "2001:db8:0:0:1::", "2001:db8:0:0:1::", NULL},
		{NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0x1, 0, 0, 0, 0, 0, 0x1),
		 "2001:db8::1:0:0:1", "2001:db8::1:0:0:1", NULL},
		{NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0xa, 0, 0xb, 0, 0xc, 0, 0xd),
		 "2001:db8::a:b:c:d", "2001:db8::a:b:c:d", NULL},
		{net_IPv6unspecified, "::", "::", NULL},

		// IP wildcard equivalent address in Dial/Listen API
		{nilIP, "<nil>", NULL, NULL},

		// Opaque byte sequence
		{NET_IP(0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef), "?0123456789abcdef", NULL,
		 "0123456789abcdef"},
	};
	char buf[net_IPStringLen];

	(void)state;
	for (size_t i = 0; i < nelem(ipStringTests); i++) {
		const char *out = net_IP_String(ipStringTests[i].in, buf);

		if (strcmp(out, ipStringTests[i].str) != 0)
			fail_msg("IP.String(%zu) = %s, want %s", i, out, ipStringTests[i].str);
		if (!marshalTextIs(ipStringTests[i].in, ipStringTests[i].byt,
				   ipStringTests[i].error))
			fail_msg("IP.MarshalText(%s) differs (case %zu)", ipStringTests[i].str, i);
	}
}

/* Go: net/ip_test.go TestIPMask */
static void
TestIPMask(void **state)
{
	const struct {
		net_IP in;
		net_IPMask mask;
		net_IP out;
	} ipMaskTests[] = {
		{net_IPv4(192, 168, 1, 127), net_IPv4Mask(255, 255, 255, 128),
		 net_IPv4(192, 168, 1, 0)},
		{net_IPv4(192, 168, 1, 127), net_IPMaskFromIP(net_ParseIP("255.255.255.192")),
		 net_IPv4(192, 168, 1, 64)},
		{net_IPv4(192, 168, 1, 127),
		 net_IPMaskFromIP(net_ParseIP("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffe0")),
		 net_IPv4(192, 168, 1, 96)},
		{net_IPv4(192, 168, 1, 127), net_IPv4Mask(255, 0, 255, 0), net_IPv4(192, 0, 1, 0)},
		{net_ParseIP("2001:db8::1"), net_IPMaskFromIP(net_ParseIP("ffff:ff80::")),
		 net_ParseIP("2001:d80::")},
		{net_ParseIP("2001:db8::1"), net_IPMaskFromIP(net_ParseIP("f0f0:0f0f::")),
		 net_ParseIP("2000:d08::")},
	};
	char b1[net_IPStringLen], b2[net_IPStringLen];
	net_IP out;

	(void)state;
	for (size_t i = 0; i < nelem(ipMaskTests); i++) {
		out = net_IP_Mask(ipMaskTests[i].in, ipMaskTests[i].mask);
		if (out.len == 0 || !net_IP_Equal(ipMaskTests[i].out, out))
			fail_msg("IP(%s).Mask(%zu) = %s, want %s", str(ipMaskTests[i].in, b1), i,
				 str(out, b2), str(ipMaskTests[i].out, b1));
	}
}

/* Go: net/ip_test.go TestIPMaskString */
static void
TestIPMaskString(void **state)
{
	const struct {
		net_IPMask in;
		const char *out;
	} ipMaskStringTests[] = {
		{net_IPv4Mask(255, 255, 255, 240), "fffffff0"},
		{net_IPv4Mask(255, 0, 128, 0), "ff008000"},
		{net_IPMaskFromIP(net_ParseIP("ffff:ff80::")), "ffffff80000000000000000000000000"},
		{net_IPMaskFromIP(net_ParseIP("ef00:ff80::cafe:0")),
		 "ef00ff800000000000000000cafe0000"},
		{nilMask, "<nil>"},
	};
	char buf[net_IPStringLen];

	(void)state;
	for (size_t i = 0; i < nelem(ipMaskStringTests); i++) {
		const char *out = net_IPMask_String(ipMaskStringTests[i].in, buf);

		if (strcmp(out, ipMaskStringTests[i].out) != 0)
			fail_msg("IPMask.String(%zu) = %s, want %s", i, out,
				 ipMaskStringTests[i].out);
	}
}

/* Go: net/ip_test.go TestParseCIDR */
static void
TestParseCIDR(void **state)
{
	// C: net is {IP, Mask}; ok false stands for Go's nil *IPNet, and err for
	// the *ParseError, which is always {"CIDR address", in}.
#define NET(ip, mask) (ip), (mask), true
#define PMASK(s)      net_IPMaskFromIP(net_ParseIP(s))
	const struct {
		const char *in;
		net_IP ip;
		net_IP netIP;
		net_IPMask netMask;
		bool ok;
	} parseCIDRTests[] = {
		{"135.104.0.0/32", net_IPv4(135, 104, 0, 0),
		 NET(net_IPv4(135, 104, 0, 0), net_IPv4Mask(255, 255, 255, 255))},
		{"0.0.0.0/24", net_IPv4(0, 0, 0, 0),
		 NET(net_IPv4(0, 0, 0, 0), net_IPv4Mask(255, 255, 255, 0))},
		{"135.104.0.0/24", net_IPv4(135, 104, 0, 0),
		 NET(net_IPv4(135, 104, 0, 0), net_IPv4Mask(255, 255, 255, 0))},
		{"135.104.0.1/32", net_IPv4(135, 104, 0, 1),
		 NET(net_IPv4(135, 104, 0, 1), net_IPv4Mask(255, 255, 255, 255))},
		{"135.104.0.1/24", net_IPv4(135, 104, 0, 1),
		 NET(net_IPv4(135, 104, 0, 0), net_IPv4Mask(255, 255, 255, 0))},
		{"::1/128", net_ParseIP("::1"),
		 NET(net_ParseIP("::1"), PMASK("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))},
		{"abcd:2345::/127", net_ParseIP("abcd:2345::"),
		 NET(net_ParseIP("abcd:2345::"), PMASK("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"))},
		{"abcd:2345::/65", net_ParseIP("abcd:2345::"),
		 NET(net_ParseIP("abcd:2345::"), PMASK("ffff:ffff:ffff:ffff:8000::"))},
		{"abcd:2345::/64", net_ParseIP("abcd:2345::"),
		 NET(net_ParseIP("abcd:2345::"), PMASK("ffff:ffff:ffff:ffff::"))},
		{"abcd:2345::/63", net_ParseIP("abcd:2345::"),
		 NET(net_ParseIP("abcd:2345::"), PMASK("ffff:ffff:ffff:fffe::"))},
		{"abcd:2345::/33", net_ParseIP("abcd:2345::"),
		 NET(net_ParseIP("abcd:2345::"), PMASK("ffff:ffff:8000::"))},
		{"abcd:2345::/32", net_ParseIP("abcd:2345::"),
		 NET(net_ParseIP("abcd:2345::"), PMASK("ffff:ffff::"))},
		{"abcd:2344::/31", net_ParseIP("abcd:2344::"),
		 NET(net_ParseIP("abcd:2344::"), PMASK("ffff:fffe::"))},
		{"abcd:2300::/24", net_ParseIP("abcd:2300::"),
		 NET(net_ParseIP("abcd:2300::"), PMASK("ffff:ff00::"))},
		{"abcd:2345::/24", net_ParseIP("abcd:2345::"),
		 NET(net_ParseIP("abcd:2300::"), PMASK("ffff:ff00::"))},
		{"2001:DB8::/48", net_ParseIP("2001:DB8::"),
		 NET(net_ParseIP("2001:DB8::"), PMASK("ffff:ffff:ffff::"))},
		{"2001:DB8::1/48", net_ParseIP("2001:DB8::1"),
		 NET(net_ParseIP("2001:DB8::"), PMASK("ffff:ffff:ffff::"))},
		{"192.168.1.1/255.255.255.0", nilIP, nilIP, nilMask, false},
		{"192.168.1.1/35", nilIP, nilIP, nilMask, false},
		{"2001:db8::1/-1", nilIP, nilIP, nilMask, false},
		{"2001:db8::1/-0", nilIP, nilIP, nilMask, false},
		{"-0.0.0.0/32", nilIP, nilIP, nilMask, false},
		{"0.-1.0.0/32", nilIP, nilIP, nilMask, false},
		{"0.0.-2.0/32", nilIP, nilIP, nilMask, false},
		{"0.0.0.-3/32", nilIP, nilIP, nilMask, false},
		{"0.0.0.0/-0", nilIP, nilIP, nilMask, false},
		{"127.000.000.001/32", nilIP, nilIP, nilMask, false},
		{"", nilIP, nilIP, nilMask, false},
	};
#undef NET
#undef PMASK
	char b1[net_IPStringLen], b2[net_IPStringLen], want[256];
	net_IPNet n;
	net_IP ip;
	go_error *err;

	(void)state;
	for (size_t i = 0; i < nelem(parseCIDRTests); i++) {
		const char *in = parseCIDRTests[i].in;

		err = net_ParseCIDR(in, &ip, &n);
		if (parseCIDRTests[i].ok) {
			if (err != NULL)
				fail_msg("ParseCIDR(%s) = %s; want nil", in, go_error_Error(err));
		} else {
			// reflect.DeepEqual(err, &ParseError{Type: "CIDR address", Text: in})
			net_ParseError *pe;

			if (err == NULL || err->m != &net_ParseError_methods)
				fail_msg("ParseCIDR(%s) = %s; want *ParseError", in,
					 go_error_Error(err));
			pe = (net_ParseError *)err;
			assert_string_equal(pe->Type, "CIDR address");
			assert_string_equal(pe->Text, in);
			snprintf(want, sizeof(want), "invalid CIDR address: %s", in);
			assert_string_equal(go_error_Error(err), want);
			assert_int_equal(ip.len, 0);
		}
		if (err == NULL && (!net_IP_Equal(parseCIDRTests[i].ip, ip) ||
				    !net_IP_Equal(parseCIDRTests[i].netIP, n.IP) ||
				    !maskDeepEqual(n.Mask, parseCIDRTests[i].netMask)))
			fail_msg("ParseCIDR(%s) = %s, {%s, ...}; want %s", in, str(ip, b1),
				 str(n.IP, b2), str(parseCIDRTests[i].ip, b1));
		go_error_release(err);
	}
}

/* Go: net/ip_test.go TestIPNetContains */
static void
TestIPNetContains(void **state)
{
	const struct {
		net_IP ip;
		net_IPNet net;
		bool ok;
	} ipNetContainsTests[] = {
		{net_IPv4(172, 16, 1, 1), {net_IPv4(172, 16, 0, 0), net_CIDRMask(12, 32)}, true},
		{net_IPv4(172, 24, 0, 1), {net_IPv4(172, 16, 0, 0), net_CIDRMask(13, 32)}, false},
		{net_IPv4(192, 168, 0, 3),
		 {net_IPv4(192, 168, 0, 0), net_IPv4Mask(0, 0, 255, 252)},
		 true},
		{net_IPv4(192, 168, 0, 4),
		 {net_IPv4(192, 168, 0, 0), net_IPv4Mask(0, 255, 0, 252)},
		 false},
		{net_ParseIP("2001:db8:1:2::1"),
		 {net_ParseIP("2001:db8:1::"), net_CIDRMask(47, 128)},
		 true},
		{net_ParseIP("2001:db8:1:2::1"),
		 {net_ParseIP("2001:db8:2::"), net_CIDRMask(47, 128)},
		 false},
		{net_ParseIP("2001:db8:1:2::1"),
		 {net_ParseIP("2001:db8:1::"), net_IPMaskFromIP(net_ParseIP("ffff:0:ffff::"))},
		 true},
		{net_ParseIP("2001:db8:1:2::1"),
		 {net_ParseIP("2001:db8:1::"), net_IPMaskFromIP(net_ParseIP("0:0:0:ffff::"))},
		 false},
	};
	char b1[net_IPNetStringLen], b2[net_IPStringLen];

	(void)state;
	for (size_t i = 0; i < nelem(ipNetContainsTests); i++) {
		bool ok = net_IPNet_Contains(&ipNetContainsTests[i].net, ipNetContainsTests[i].ip);

		if (ok != ipNetContainsTests[i].ok)
			fail_msg("IPNet(%s).Contains(%s) = %d, want %d",
				 net_IPNet_String(&ipNetContainsTests[i].net, b1),
				 str(ipNetContainsTests[i].ip, b2), ok, ipNetContainsTests[i].ok);
	}
}

/* Go: net/ip_test.go TestIPNetString */
static void
TestIPNetString(void **state)
{
	const net_IPNet n0 = {net_IPv4(192, 168, 1, 0), net_CIDRMask(26, 32)};
	const net_IPNet n1 = {net_IPv4(192, 168, 1, 0), net_IPv4Mask(255, 0, 255, 0)};
	const net_IPNet n2 = {net_ParseIP("2001:db8::"), net_CIDRMask(55, 128)};
	const net_IPNet n3 = {net_ParseIP("2001:db8::"),
			      net_IPMaskFromIP(net_ParseIP("8000:f123:0:cafe::"))};
	const struct {
		const net_IPNet *in;
		const char *out;
	} ipNetStringTests[] = {
		{&n0, "192.168.1.0/26"}, {&n1, "192.168.1.0/ff00ff00"},
		{&n2, "2001:db8::/55"},  {&n3, "2001:db8::/8000f1230000cafe0000000000000000"},
		{NULL, "<nil>"},
	};
	char buf[net_IPNetStringLen];

	(void)state;
	for (size_t i = 0; i < nelem(ipNetStringTests); i++) {
		const char *out = net_IPNet_String(ipNetStringTests[i].in, buf);

		if (strcmp(out, ipNetStringTests[i].out) != 0)
			fail_msg("IPNet.String(%zu) = %s, want %s", i, out,
				 ipNetStringTests[i].out);
	}
	assert_string_equal(net_IPNet_Network(&n0), "ip+net");
}

/* Go: net/ip_test.go TestCIDRMask */
static void
TestCIDRMask(void **state)
{
	const struct {
		int ones;
		int bits;
		net_IPMask out;
	} cidrMaskTests[] = {
		{0, 32, net_IPv4Mask(0, 0, 0, 0)},
		{12, 32, net_IPv4Mask(255, 240, 0, 0)},
		{24, 32, net_IPv4Mask(255, 255, 255, 0)},
		{32, 32, net_IPv4Mask(255, 255, 255, 255)},
		{0, 128, NET_IPMASK(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
		{4, 128, NET_IPMASK(0xf0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
		{48, 128,
		 NET_IPMASK(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
		{128, 128,
		 NET_IPMASK(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
			    0xff, 0xff, 0xff, 0xff)},
		{33, 32, nilMask},
		{32, 33, nilMask},
		{-1, 128, nilMask},
		{128, -1, nilMask},
	};
	char b1[net_IPStringLen], b2[net_IPStringLen];
	net_IPMask out;

	(void)state;
	for (size_t i = 0; i < nelem(cidrMaskTests); i++) {
		out = net_CIDRMask(cidrMaskTests[i].ones, cidrMaskTests[i].bits);
		if (!maskDeepEqual(out, cidrMaskTests[i].out))
			fail_msg("CIDRMask(%d, %d) = %s, want %s", cidrMaskTests[i].ones,
				 cidrMaskTests[i].bits, net_IPMask_String(out, b1),
				 net_IPMask_String(cidrMaskTests[i].out, b2));
	}
}

/* Go: net/ip_test.go TestNetworkNumberAndMask */
static void
TestNetworkNumberAndMask(void **state)
{
	const net_IP v4addr = NET_IP(192, 168, 0, 1);
	const net_IP v4mappedv6addr =
		NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 0, 1);
	const net_IP v6addr =
		NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0x1, 0x23, 0, 0x12, 0, 0x1);
	const net_IPMask v4mask = NET_IPMASK(255, 255, 255, 0);
	const net_IPMask v4mappedv6mask = NET_IPMASK(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
						     0xff, 0xff, 0xff, 0xff, 255, 255, 255, 0);
	const net_IPMask v6mask =
		NET_IPMASK(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0);
	const net_IP badaddr = NET_IP(192, 168, 0);
	const net_IPMask badmask = NET_IPMASK(255, 255, 0);
	const net_IPMask v4maskzero = NET_IPMASK(0, 0, 0, 0);
	const struct {
		net_IPNet in;
		net_IPNet out;
	} networkNumberAndMaskTests[] = {
		{{v4addr, v4mask}, {v4addr, v4mask}},
		{{v4addr, v4mappedv6mask}, {v4addr, v4mask}},
		{{v4mappedv6addr, v4mappedv6mask}, {v4addr, v4mask}},
		{{v4mappedv6addr, v6mask}, {v4addr, v4maskzero}},
		{{v4addr, v6mask}, {v4addr, v4maskzero}},
		{{v6addr, v6mask}, {v6addr, v6mask}},
		{{v6addr, v4mappedv6mask}, {v6addr, v4mappedv6mask}},
		{.in = {v6addr, v4mask}},
		{.in = {v4addr, badmask}},
		{.in = {v4mappedv6addr, badmask}},
		{.in = {v6addr, badmask}},
		{.in = {badaddr, v4mask}},
		{.in = {badaddr, v4mappedv6mask}},
		{.in = {badaddr, v6mask}},
		{.in = {badaddr, badmask}},
	};
	net_IP ip;
	net_IPMask m;

	(void)state;
	for (size_t i = 0; i < nelem(networkNumberAndMaskTests); i++) {
		net_networkNumberAndMask(&networkNumberAndMaskTests[i].in, &ip, &m);
		if (!ipDeepEqual(ip, networkNumberAndMaskTests[i].out.IP) ||
		    !maskDeepEqual(m, networkNumberAndMaskTests[i].out.Mask))
			fail_msg("networkNumberAndMask(%zu): wrong result", i);
	}
}

/* Go: net/ip_test.go TestSplitHostPort */
static void
TestSplitHostPort(void **state)
{
	static const struct {
		const char *hostPort;
		const char *host;
		const char *port;
	} okTests[] = {
		// Host name
		{"localhost:http", "localhost", "http"},
		{"localhost:80", "localhost", "80"},

		// Go-specific host name with zone identifier
		{"localhost%lo0:http", "localhost%lo0", "http"},
		{"localhost%lo0:80", "localhost%lo0", "80"},
		{"[localhost%lo0]:http", "localhost%lo0", "http"}, // Go 1 behavior
		{"[localhost%lo0]:80", "localhost%lo0", "80"},     // Go 1 behavior

		// IP literal
		{"127.0.0.1:http", "127.0.0.1", "http"},
		{"127.0.0.1:80", "127.0.0.1", "80"},
		{"[::1]:http", "::1", "http"},
		{"[::1]:80", "::1", "80"},

		// IP literal with zone identifier
		{"[::1%lo0]:http", "::1%lo0", "http"},
		{"[::1%lo0]:80", "::1%lo0", "80"},

		// Go-specific wildcard for host name
		{":http", "", "http"}, // Go 1 behavior
		{":80", "", "80"},     // Go 1 behavior

		// Go-specific wildcard for service name or transport port number
		{"golang.org:", "golang.org", ""}, // Go 1 behavior
		{"127.0.0.1:", "127.0.0.1", ""},   // Go 1 behavior
		{"[::1]:", "::1", ""},             // Go 1 behavior

		// Opaque service name
		{"golang.org:https%foo", "golang.org", "https%foo"}, // Go 1 behavior
	};
	static const struct {
		const char *hostPort;
		const char *err;
	} errTests[] = {
		{"golang.org", "missing port in address"},
		{"127.0.0.1", "missing port in address"},
		{"[::1]", "missing port in address"},
		{"[fe80::1%lo0]", "missing port in address"},
		{"[localhost%lo0]", "missing port in address"},
		{"localhost%lo0", "missing port in address"},

		{"::1", "too many colons in address"},
		{"fe80::1%lo0", "too many colons in address"},
		{"fe80::1%lo0:80", "too many colons in address"},

		// Test cases that didn't fail in Go 1

		{"[foo:bar]", "missing port in address"},
		{"[foo:bar]baz", "missing port in address"},
		{"[foo]bar:baz", "missing port in address"},

		{"[foo]:[bar]:baz", "too many colons in address"},

		{"[foo]:[bar]baz", "unexpected '[' in address"},
		{"foo[bar]:baz", "unexpected '[' in address"},

		{"foo]bar:baz", "unexpected ']' in address"},
	};
	char *host, *port;
	go_error *err;

	(void)state;
	for (size_t i = 0; i < nelem(okTests); i++) {
		err = net_SplitHostPort(okTests[i].hostPort, &host, &port);
		if (err != NULL || strcmp(host, okTests[i].host) != 0 ||
		    strcmp(port, okTests[i].port) != 0)
			fail_msg("SplitHostPort(%s) = %s, %s, %s; want %s, %s, nil",
				 okTests[i].hostPort, host, port, go_error_Error(err),
				 okTests[i].host, okTests[i].port);
		free(host);
		free(port);
	}
	for (size_t i = 0; i < nelem(errTests); i++) {
		net_AddrError *e;

		err = net_SplitHostPort(errTests[i].hostPort, &host, &port);
		if (err == NULL)
			fail_msg("SplitHostPort(%s) should have failed", errTests[i].hostPort);
		assert_ptr_equal(err->m, &net_AddrError_methods); // err.(*AddrError)
		e = (net_AddrError *)err;
		if (strcmp(e->Err, errTests[i].err) != 0)
			fail_msg("SplitHostPort(%s) = _, _, %s; want %s", errTests[i].hostPort,
				 e->Err, errTests[i].err);
		assert_string_equal(e->Addr, errTests[i].hostPort);
		if (host != NULL || port != NULL)
			fail_msg("SplitHostPort(%s) = %s, %s, err; want \"\", \"\", err on failure",
				 errTests[i].hostPort, host, port);
		go_error_release(err);
	}
}

/* Go: net/ip_test.go TestJoinHostPort */
static void
TestJoinHostPort(void **state)
{
	static const struct {
		const char *host;
		const char *port;
		const char *hostPort;
	} tests[] = {
		// Host name
		{"localhost", "http", "localhost:http"},
		{"localhost", "80", "localhost:80"},

		// Go-specific host name with zone identifier
		{"localhost%lo0", "http", "localhost%lo0:http"},
		{"localhost%lo0", "80", "localhost%lo0:80"},

		// IP literal
		{"127.0.0.1", "http", "127.0.0.1:http"},
		{"127.0.0.1", "80", "127.0.0.1:80"},
		{"::1", "http", "[::1]:http"},
		{"::1", "80", "[::1]:80"},

		// IP literal with zone identifier
		{"::1%lo0", "http", "[::1%lo0]:http"},
		{"::1%lo0", "80", "[::1%lo0]:80"},

		// Go-specific wildcard for host name
		{"", "http", ":http"}, // Go 1 behavior
		{"", "80", ":80"},     // Go 1 behavior

		// Go-specific wildcard for service name or transport port number
		{"golang.org", "", "golang.org:"}, // Go 1 behavior
		{"127.0.0.1", "", "127.0.0.1:"},   // Go 1 behavior
		{"::1", "", "[::1]:"},             // Go 1 behavior

		// Opaque service name
		{"golang.org", "https%foo", "golang.org:https%foo"}, // Go 1 behavior
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		char *hostPort = net_JoinHostPort(tests[i].host, tests[i].port);

		if (strcmp(hostPort, tests[i].hostPort) != 0)
			fail_msg("JoinHostPort(%s, %s) = %s; want %s", tests[i].host, tests[i].port,
				 hostPort, tests[i].hostPort);
		free(hostPort);
	}
}

/* Go: net/ip_test.go TestIPAddrFamily */
static void
TestIPAddrFamily(void **state)
{
	const struct {
		net_IP in;
		bool af4;
		bool af6;
	} ipAddrFamilyTests[] = {
		{net_IPv4bcast, true, false},
		{net_IPv4allsys, true, false},
		{net_IPv4allrouter, true, false},
		{net_IPv4zero, true, false},
		{net_IPv4(224, 0, 0, 1), true, false},
		{net_IPv4(127, 0, 0, 1), true, false},
		{net_IPv4(240, 0, 0, 1), true, false},
		{net_IPv6unspecified, false, true},
		{net_IPv6loopback, false, true},
		{net_IPv6interfacelocalallnodes, false, true},
		{net_IPv6linklocalallnodes, false, true},
		{net_IPv6linklocalallrouters, false, true},
		{net_ParseIP("ff05::a:b:c:d"), false, true},
		{net_ParseIP("fe80::1:2:3:4"), false, true},
		{net_ParseIP("2001:db8::123:12:1"), false, true},
	};
	char buf[net_IPStringLen];

	(void)state;
	for (size_t i = 0; i < nelem(ipAddrFamilyTests); i++) {
		net_IP in = ipAddrFamilyTests[i].in;
		bool af;

		af = net_IP_To4(in).len != 0;
		if (af != ipAddrFamilyTests[i].af4)
			fail_msg("verifying IPv4 address family for %s = %d, want %d", str(in, buf),
				 af, ipAddrFamilyTests[i].af4);
		af = in.len == net_IPv6len && net_IP_To4(in).len == 0;
		if (af != ipAddrFamilyTests[i].af6)
			fail_msg("verifying IPv6 address family for %s = %d, want %d", str(in, buf),
				 af, ipAddrFamilyTests[i].af6);
	}
}

/* Go: net/ip_test.go TestIPAddrScope */
static void
TestIPAddrScope(void **state)
{
#define F(f) net_IP_##f, #f
	static const struct {
		bool (*scope)(net_IP);
		const char *name;
		net_IP in;
		bool ok;
	} ipAddrScopeTests[] = {
		{F(IsUnspecified), IPV4(0, 0, 0, 0), true},
		{F(IsUnspecified), IPV4(127, 0, 0, 1), false},
		{F(IsUnspecified), NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), true},
		{F(IsUnspecified), NET_IP(0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01),
		 false},
		{F(IsUnspecified), {0}, false},
		{F(IsLoopback), IPV4(127, 0, 0, 1), true},
		{F(IsLoopback), IPV4(127, 255, 255, 254), true},
		{F(IsLoopback), IPV4(128, 1, 2, 3), false},
		{F(IsLoopback), NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), true},
		{F(IsLoopback), NET_IP(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02),
		 false},
		{F(IsLoopback), {0}, false},
		{F(IsMulticast), IPV4(224, 0, 0, 0), true},
		{F(IsMulticast), IPV4(239, 0, 0, 0), true},
		{F(IsMulticast), IPV4(240, 0, 0, 0), false},
		{F(IsMulticast), NET_IP(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01),
		 true},
		{F(IsMulticast), NET_IP(0xff, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
		 true},
		{F(IsMulticast), NET_IP(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
		 false},
		{F(IsMulticast), {0}, false},
		{F(IsInterfaceLocalMulticast), IPV4(224, 0, 0, 0), false},
		{F(IsInterfaceLocalMulticast), IPV4(0xff, 0x01, 0, 0), false},
		{F(IsInterfaceLocalMulticast),
		 NET_IP(0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01), true},
		{F(IsInterfaceLocalMulticast), {0}, false},
		{F(IsLinkLocalMulticast), IPV4(224, 0, 0, 0), true},
		{F(IsLinkLocalMulticast), IPV4(239, 0, 0, 0), false},
		{F(IsLinkLocalMulticast), IPV4(0xff, 0x02, 0, 0), false},
		{F(IsLinkLocalMulticast),
		 NET_IP(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02), true},
		{F(IsLinkLocalMulticast),
		 NET_IP(0xff, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), false},
		{F(IsLinkLocalMulticast), {0}, false},
		{F(IsLinkLocalUnicast), IPV4(169, 254, 0, 0), true},
		{F(IsLinkLocalUnicast), IPV4(169, 255, 0, 0), false},
		{F(IsLinkLocalUnicast), IPV4(0xfe, 0x80, 0, 0), false},
		{F(IsLinkLocalUnicast),
		 NET_IP(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), true},
		{F(IsLinkLocalUnicast),
		 NET_IP(0xfe, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), false},
		{F(IsLinkLocalUnicast), {0}, false},
		{F(IsGlobalUnicast), IPV4(240, 0, 0, 0), true},
		{F(IsGlobalUnicast), IPV4(232, 0, 0, 0), false},
		{F(IsGlobalUnicast), IPV4(169, 254, 0, 0), false},
		{F(IsGlobalUnicast), IPV4(255, 255, 255, 255), false},
		{F(IsGlobalUnicast),
		 NET_IP(0x20, 0x1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0x1, 0x23, 0, 0x12, 0, 0x1), true},
		{F(IsGlobalUnicast), NET_IP(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
		 false},
		{F(IsGlobalUnicast), NET_IP(0xff, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
		 false},
		{F(IsGlobalUnicast), {0}, false},
		{F(IsPrivate), {0}, false},
		{F(IsPrivate), IPV4(1, 1, 1, 1), false},
		{F(IsPrivate), IPV4(9, 255, 255, 255), false},
		{F(IsPrivate), IPV4(10, 0, 0, 0), true},
		{F(IsPrivate), IPV4(10, 255, 255, 255), true},
		{F(IsPrivate), IPV4(11, 0, 0, 0), false},
		{F(IsPrivate), IPV4(172, 15, 255, 255), false},
		{F(IsPrivate), IPV4(172, 16, 0, 0), true},
		{F(IsPrivate), IPV4(172, 16, 255, 255), true},
		{F(IsPrivate), IPV4(172, 23, 18, 255), true},
		{F(IsPrivate), IPV4(172, 31, 255, 255), true},
		{F(IsPrivate), IPV4(172, 31, 0, 0), true},
		{F(IsPrivate), IPV4(172, 32, 0, 0), false},
		{F(IsPrivate), IPV4(192, 167, 255, 255), false},
		{F(IsPrivate), IPV4(192, 168, 0, 0), true},
		{F(IsPrivate), IPV4(192, 168, 255, 255), true},
		{F(IsPrivate), IPV4(192, 169, 0, 0), false},
		{F(IsPrivate),
		 NET_IP(0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
			0xff, 0xff, 0xff, 0xff),
		 false},
		{F(IsPrivate), NET_IP(0xfc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), true},
		{F(IsPrivate), NET_IP(0xfc, 0xff, 0x12, 0, 0, 0, 0, 0x44, 0, 0, 0, 0, 0, 0, 0, 0),
		 true},
		{F(IsPrivate),
		 NET_IP(0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
			0xff, 0xff, 0xff, 0xff),
		 true},
		{F(IsPrivate), NET_IP(0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), false},
	};
#undef F
	char buf[net_IPStringLen];

	(void)state;
	// C: the IPv4 rows spell IPv4(...) with the IPV4 macro, and the IPv6
	// ones the values of IPv6loopback etc., because a static table needs
	// constants; TestWellKnownIPs checks the two agree.
	for (size_t i = 0; i < nelem(ipAddrScopeTests); i++) {
		net_IP in = ipAddrScopeTests[i].in, ip;
		bool ok = ipAddrScopeTests[i].scope(in);

		if (ok != ipAddrScopeTests[i].ok)
			fail_msg("%s(%s) = %d, want %d", ipAddrScopeTests[i].name, str(in, buf), ok,
				 ipAddrScopeTests[i].ok);
		ip = net_IP_To4(in);
		if (ip.len == 0)
			continue;
		ok = ipAddrScopeTests[i].scope(ip);
		if (ok != ipAddrScopeTests[i].ok)
			fail_msg("%s(%s) = %d, want %d", ipAddrScopeTests[i].name, str(ip, buf), ok,
				 ipAddrScopeTests[i].ok);
	}
}

// C only: the constants TestIPAddrScope spells out are Go's variables, and
// the functions that have no Go test of their own (To16, DefaultMask,
// IPMask.Size, matchAddrFamily, ipEmptyString, parseIPZone) answer as Go's.
static void
TestWellKnownIPs(void **state)
{
	char buf[net_IPStringLen];
	net_string zone;
	net_IP ip;
	int ones, bits;

	(void)state;
	assert_true(ipDeepEqual(net_IPv4zero, net_IPv4(0, 0, 0, 0)));
	assert_true(ipDeepEqual(net_IPv4bcast, IPV4(255, 255, 255, 255)));
	assert_true(ipDeepEqual(net_IPv6zero, net_ParseIP("::")));
	assert_true(ipDeepEqual(net_IPv6loopback, net_ParseIP("::1")));
	assert_true(ipDeepEqual(net_IPv6interfacelocalallnodes, net_ParseIP("ff01::1")));
	assert_true(ipDeepEqual(net_IPv6linklocalallnodes, net_ParseIP("ff02::1")));
	assert_true(ipDeepEqual(net_IPv6linklocalallrouters, net_ParseIP("ff02::2")));
	assert_string_equal(net_IP_String(net_IPv4allsys, buf), "224.0.0.1");
	assert_string_equal(net_IP_String(net_IPv4allrouter, buf), "224.0.0.2");

	assert_true(ipDeepEqual(net_IP_To16(NET_IP(10, 1, 2, 3)), net_IPv4(10, 1, 2, 3)));
	assert_int_equal(net_IP_To16(NET_IP(1, 2, 3)).len, 0);
	assert_true(maskDeepEqual(net_IP_DefaultMask(net_IPv4(10, 0, 0, 1)),
				  net_IPv4Mask(0xff, 0, 0, 0)));
	assert_true(maskDeepEqual(net_IP_DefaultMask(net_IPv4(172, 16, 0, 1)),
				  net_IPv4Mask(0xff, 0xff, 0, 0)));
	assert_true(maskDeepEqual(net_IP_DefaultMask(net_IPv4(192, 168, 0, 1)),
				  net_IPv4Mask(0xff, 0xff, 0xff, 0)));
	assert_int_equal(net_IP_DefaultMask(net_IPv6loopback).len, 0);

	net_IPMask_Size(net_CIDRMask(20, 32), &ones, &bits);
	assert_int_equal(ones, 20);
	assert_int_equal(bits, 32);
	net_IPMask_Size(net_IPv4Mask(255, 0, 255, 0), &ones, &bits);
	assert_int_equal(ones, 0);
	assert_int_equal(bits, 0);

	assert_true(net_IP_matchAddrFamily(net_IPv4(1, 2, 3, 4), NET_IP(5, 6, 7, 8)));
	assert_true(net_IP_matchAddrFamily(net_IPv6loopback, net_ParseIP("fe80::1")));
	assert_false(net_IP_matchAddrFamily(net_IPv6loopback, net_IPv4(1, 2, 3, 4)));

	assert_string_equal(net_ipEmptyString(nilIP, buf), "");
	assert_string_equal(net_ipEmptyString(net_IPv6loopback, buf), "::1");

	ip = net_parseIPZone(net_str("fe80::1%eth0"), &zone);
	assert_true(ipDeepEqual(ip, net_ParseIP("fe80::1")));
	assert_true(net_string_eq(zone, net_str("eth0")));
	ip = net_parseIPZone(net_str("127.0.0.1"), &zone);
	assert_true(ipDeepEqual(ip, net_IPv4(127, 0, 0, 1)));
	assert_int_equal(zone.n, 0);
	ip = net_parseIPZone(net_str("localhost"), &zone);
	assert_int_equal(ip.len, 0);
}

// One test per line: tests/CMakeLists.txt registers them line by line.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestParseIP),
	cmocka_unit_test(TestMarshalEmptyIP),
	cmocka_unit_test(TestIPString),
	cmocka_unit_test(TestIPMask),
	cmocka_unit_test(TestIPMaskString),
	cmocka_unit_test(TestParseCIDR),
	cmocka_unit_test(TestIPNetContains),
	cmocka_unit_test(TestIPNetString),
	cmocka_unit_test(TestCIDRMask),
	cmocka_unit_test(TestNetworkNumberAndMask),
	cmocka_unit_test(TestSplitHostPort),
	cmocka_unit_test(TestJoinHostPort),
	cmocka_unit_test(TestIPAddrFamily),
	cmocka_unit_test(TestIPAddrScope),
	cmocka_unit_test(TestWellKnownIPs),
};
// clang-format on

GONET_TEST_MAIN(tests)

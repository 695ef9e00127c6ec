// C port of go1.19 src/net/ip.go.
//
// C: MarshalText and UnmarshalText (encoding.TextMarshaler) are not ported.
#include "net/ip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/ipsock.h"
#include "net/net.h"
#include "runtime_netpoll/panic.h"

static const uint8_t v4InV6Prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

#define IPV4IN6(a, b, c, d) NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d)

/* Go: net/ip.go IPv4 */
net_IP
net_IPv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	net_IP p = {.len = net_IPv6len};

	memcpy(p.b, v4InV6Prefix, sizeof(v4InV6Prefix));
	p.b[12] = a;
	p.b[13] = b;
	p.b[14] = c;
	p.b[15] = d;
	return p;
}

/* Go: net/ip.go IPv4Mask */
net_IPMask
net_IPv4Mask(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return NET_IPMASK(a, b, c, d);
}

/* Go: net/ip.go CIDRMask */
net_IPMask
net_CIDRMask(int ones, int bits)
{
	net_IPMask m = {0};
	unsigned n;
	int l;

	if (bits != 8 * net_IPv4len && bits != 8 * net_IPv6len)
		return m;
	if (ones < 0 || ones > bits)
		return m;
	l = bits / 8;
	m.len = (uint8_t)l;
	n = (unsigned)ones;
	for (int i = 0; i < l; i++) {
		if (n >= 8) {
			m.b[i] = 0xff;
			n -= 8;
			continue;
		}
		m.b[i] = (uint8_t) ~(0xff >> n);
		n = 0;
	}
	return m;
}

const net_IP net_IPv4bcast = IPV4IN6(255, 255, 255, 255);
const net_IP net_IPv4allsys = IPV4IN6(224, 0, 0, 1);
const net_IP net_IPv4allrouter = IPV4IN6(224, 0, 0, 2);
const net_IP net_IPv4zero = IPV4IN6(0, 0, 0, 0);

const net_IP net_IPv6zero = NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
const net_IP net_IPv6unspecified = NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
const net_IP net_IPv6loopback = NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
const net_IP net_IPv6interfacelocalallnodes =
	NET_IP(0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01);
const net_IP net_IPv6linklocalallnodes =
	NET_IP(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01);
const net_IP net_IPv6linklocalallrouters =
	NET_IP(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02);

/* Go: net/ip.go IP.IsUnspecified */
bool
net_IP_IsUnspecified(net_IP ip)
{
	return net_IP_Equal(ip, net_IPv4zero) || net_IP_Equal(ip, net_IPv6unspecified);
}

/* Go: net/ip.go IP.IsLoopback */
bool
net_IP_IsLoopback(net_IP ip)
{
	net_IP ip4 = net_IP_To4(ip);

	if (ip4.len != 0)
		return ip4.b[0] == 127;
	return net_IP_Equal(ip, net_IPv6loopback);
}

/* Go: net/ip.go IP.IsPrivate */
bool
net_IP_IsPrivate(net_IP ip)
{
	net_IP ip4 = net_IP_To4(ip);

	if (ip4.len != 0) {
		// RFC 1918: 10/8, 172.16/12 and 192.168/16
		return ip4.b[0] == 10 || (ip4.b[0] == 172 && (ip4.b[1] & 0xf0) == 16) ||
		       (ip4.b[0] == 192 && ip4.b[1] == 168);
	}
	// RFC 4193: fc00::/7
	return ip.len == net_IPv6len && (ip.b[0] & 0xfe) == 0xfc;
}

/* Go: net/ip.go IP.IsMulticast */
bool
net_IP_IsMulticast(net_IP ip)
{
	net_IP ip4 = net_IP_To4(ip);

	if (ip4.len != 0)
		return (ip4.b[0] & 0xf0) == 0xe0;
	return ip.len == net_IPv6len && ip.b[0] == 0xff;
}

/* Go: net/ip.go IP.IsInterfaceLocalMulticast */
bool
net_IP_IsInterfaceLocalMulticast(net_IP ip)
{
	return ip.len == net_IPv6len && ip.b[0] == 0xff && (ip.b[1] & 0x0f) == 0x01;
}

/* Go: net/ip.go IP.IsLinkLocalMulticast */
bool
net_IP_IsLinkLocalMulticast(net_IP ip)
{
	net_IP ip4 = net_IP_To4(ip);

	if (ip4.len != 0)
		return ip4.b[0] == 224 && ip4.b[1] == 0 && ip4.b[2] == 0;
	return ip.len == net_IPv6len && ip.b[0] == 0xff && (ip.b[1] & 0x0f) == 0x02;
}

/* Go: net/ip.go IP.IsLinkLocalUnicast */
bool
net_IP_IsLinkLocalUnicast(net_IP ip)
{
	net_IP ip4 = net_IP_To4(ip);

	if (ip4.len != 0)
		return ip4.b[0] == 169 && ip4.b[1] == 254;
	return ip.len == net_IPv6len && ip.b[0] == 0xfe && (ip.b[1] & 0xc0) == 0x80;
}

/* Go: net/ip.go IP.IsGlobalUnicast */
bool
net_IP_IsGlobalUnicast(net_IP ip)
{
	return (ip.len == net_IPv4len || ip.len == net_IPv6len) &&
	       !net_IP_Equal(ip, net_IPv4bcast) && !net_IP_IsUnspecified(ip) &&
	       !net_IP_IsLoopback(ip) && !net_IP_IsMulticast(ip) && !net_IP_IsLinkLocalUnicast(ip);
}

/* Go: net/ip.go isZeros */
static bool
isZeros(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* Go: net/ip.go IP.To4 */
net_IP
net_IP_To4(net_IP ip)
{
	net_IP nil = {0};

	if (ip.len == net_IPv4len)
		return ip;
	if (ip.len == net_IPv6len && isZeros(ip.b, 10) && ip.b[10] == 0xff && ip.b[11] == 0xff)
		return NET_IP(ip.b[12], ip.b[13], ip.b[14], ip.b[15]); // C: a copy of ip[12:16]
	return nil;
}

/* Go: net/ip.go IP.To16 */
net_IP
net_IP_To16(net_IP ip)
{
	net_IP nil = {0};

	if (ip.len == net_IPv4len)
		return net_IPv4(ip.b[0], ip.b[1], ip.b[2], ip.b[3]);
	if (ip.len == net_IPv6len)
		return ip;
	return nil;
}

/* Go: net/ip.go IP.DefaultMask */
net_IPMask
net_IP_DefaultMask(net_IP ip)
{
	net_IPMask nil = {0};

	if ((ip = net_IP_To4(ip)).len == 0)
		return nil;
	if (ip.b[0] < 0x80)
		return NET_IPMASK(0xff, 0, 0, 0); // classAMask
	if (ip.b[0] < 0xC0)
		return NET_IPMASK(0xff, 0xff, 0, 0); // classBMask
	return NET_IPMASK(0xff, 0xff, 0xff, 0);      // classCMask
}

/* Go: net/ip.go allFF */
static bool
allFF(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != 0xff)
			return false;
	return true;
}

/* Go: net/ip.go IP.Mask */
net_IP
net_IP_Mask(net_IP ip, net_IPMask mask)
{
	net_IP out = {0};
	int n;

	if (mask.len == net_IPv6len && ip.len == net_IPv4len && allFF(mask.b, 12))
		mask = NET_IPMASK(mask.b[12], mask.b[13], mask.b[14], mask.b[15]);
	if (mask.len == net_IPv4len && ip.len == net_IPv6len &&
	    memcmp(ip.b, v4InV6Prefix, sizeof(v4InV6Prefix)) == 0)
		ip = NET_IP(ip.b[12], ip.b[13], ip.b[14], ip.b[15]);
	n = ip.len;
	if (n != mask.len)
		return out; // nil
	out.len = (uint8_t)n;
	for (int i = 0; i < n; i++)
		out.b[i] = ip.b[i] & mask.b[i];
	return out;
}

/* Go: net/ip.go ubtoa */
static int
ubtoa(char *dst, int start, uint8_t v)
{
	if (v < 10) {
		dst[start] = (char)(v + '0');
		return 1;
	} else if (v < 100) {
		dst[start + 1] = (char)(v % 10 + '0');
		dst[start] = (char)(v / 10 + '0');
		return 2;
	}
	dst[start + 2] = (char)(v % 10 + '0');
	dst[start + 1] = (char)((v / 10) % 10 + '0');
	dst[start] = (char)(v / 100 + '0');
	return 3;
}

/* Go: net/ip.go hexString */
// C: writes into s (2*n+1 bytes) and returns the length written.
static size_t
hexString(char *s, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		s[i * 2] = net_hexDigit[b[i] >> 4];
		s[i * 2 + 1] = net_hexDigit[b[i] & 0xf];
	}
	s[2 * n] = '\0';
	return 2 * n;
}

/* Go: net/ip.go IP.String */
char *
net_IP_String(net_IP ip, char buf[net_IPStringLen])
{
	net_IP p = ip, p4;
	int n, e0, e1, j;
	size_t m;

	if (ip.len == 0) {
		strcpy(buf, "<nil>");
		return buf;
	}
	// IPv4 and IPv4-mapped addresses print dotted
	p4 = net_IP_To4(p);
	if (p4.len == net_IPv4len) {
		n = ubtoa(buf, 0, p4.b[0]);
		buf[n++] = '.';
		n += ubtoa(buf, n, p4.b[1]);
		buf[n++] = '.';
		n += ubtoa(buf, n, p4.b[2]);
		buf[n++] = '.';
		n += ubtoa(buf, n, p4.b[3]);
		buf[n] = '\0';
		return buf;
	}
	if (p.len != net_IPv6len) {
		buf[0] = '?';
		hexString(buf + 1, ip.b, ip.len);
		return buf;
	}

	// the longest run of zero groups becomes "::"
	e0 = -1;
	e1 = -1;
	for (int i = 0; i < net_IPv6len; i += 2) {
		j = i;
		while (j < net_IPv6len && p.b[j] == 0 && p.b[j + 1] == 0)
			j += 2;
		if (j > i && j - i > e1 - e0) {
			e0 = i;
			e1 = j;
			i = j;
		}
	}
	// RFC 5952: a single zero group is not shortened
	if (e1 - e0 <= 2) {
		e0 = -1;
		e1 = -1;
	}

	m = 0;
	for (int i = 0; i < net_IPv6len; i += 2) {
		if (i == e0) {
			buf[m++] = ':';
			buf[m++] = ':';
			i = e1;
			if (i >= net_IPv6len)
				break;
		} else if (i > 0) {
			buf[m++] = ':';
		}
		m = net_appendHex(buf, m, ((uint32_t)p.b[i] << 8) | (uint32_t)p.b[i + 1]);
	}
	buf[m] = '\0';
	return buf;
}

/* Go: net/ip.go ipEmptyString */
char *
net_ipEmptyString(net_IP ip, char buf[net_IPStringLen])
{
	if (ip.len == 0) {
		buf[0] = '\0';
		return buf;
	}
	return net_IP_String(ip, buf);
}

/* Go: net/ip.go IP.MarshalText */
go_error *
net_IP_MarshalText(net_IP ip, char buf[net_IPStringLen], size_t *n)
{
	char hex[2 * net_IPv6len + 1];

	*n = 0;
	buf[0] = '\0';
	if (ip.len == 0)
		return NULL;
	if (ip.len != net_IPv4len && ip.len != net_IPv6len) {
		hexString(hex, ip.b, ip.len);
		return net_newAddrError("invalid IP address", hex);
	}
	*n = strlen(net_IP_String(ip, buf));
	return NULL;
}

/* Go: net/ip.go IP.Equal */
bool
net_IP_Equal(net_IP ip, net_IP x)
{
	if (ip.len == x.len)
		return memcmp(ip.b, x.b, ip.len) == 0;
	if (ip.len == net_IPv4len && x.len == net_IPv6len)
		return memcmp(x.b, v4InV6Prefix, 12) == 0 && memcmp(ip.b, x.b + 12, 4) == 0;
	if (ip.len == net_IPv6len && x.len == net_IPv4len)
		return memcmp(ip.b, v4InV6Prefix, 12) == 0 && memcmp(ip.b + 12, x.b, 4) == 0;
	return false;
}

/* Go: net/ip.go IP.matchAddrFamily */
bool
net_IP_matchAddrFamily(net_IP ip, net_IP x)
{
	return (net_IP_To4(ip).len != 0 && net_IP_To4(x).len != 0) ||
	       (net_IP_To16(ip).len != 0 && net_IP_To4(ip).len == 0 && net_IP_To16(x).len != 0 &&
		net_IP_To4(x).len == 0);
}

/* Go: net/ip.go simpleMaskLength */
static int
simpleMaskLength(net_IPMask mask)
{
	int n = 0;
	uint8_t v;

	for (int i = 0; i < mask.len; i++) {
		v = mask.b[i];
		if (v == 0xff) {
			n += 8;
			continue;
		}
		// the first byte that is not 0xff: count its leading ones
		while ((v & 0x80) != 0) {
			n++;
			v = (uint8_t)(v << 1);
		}
		// and everything after them must be zero
		if (v != 0)
			return -1;
		for (i++; i < mask.len; i++)
			if (mask.b[i] != 0)
				return -1;
		break;
	}
	return n;
}

/* Go: net/ip.go IPMask.Size */
void
net_IPMask_Size(net_IPMask m, int *ones, int *bits)
{
	*ones = simpleMaskLength(m);
	*bits = m.len * 8;
	if (*ones == -1) {
		*ones = 0;
		*bits = 0;
	}
}

/* Go: net/ip.go IPMask.String */
char *
net_IPMask_String(net_IPMask m, char buf[net_IPStringLen])
{
	if (m.len == 0) {
		strcpy(buf, "<nil>");
		return buf;
	}
	hexString(buf, m.b, m.len);
	return buf;
}

/* Go: net/ip.go networkNumberAndMask */
void
net_networkNumberAndMask(const net_IPNet *n, net_IP *ipp, net_IPMask *mp)
{
	net_IP ip;
	net_IPMask m;

	*ipp = (net_IP){0};
	*mp = (net_IPMask){0};
	if ((ip = net_IP_To4(n->IP)).len == 0) {
		ip = n->IP;
		if (ip.len != net_IPv6len)
			return;
	}
	m = n->Mask;
	switch (m.len) {
	case net_IPv4len:
		if (ip.len != net_IPv4len)
			return;
		break;
	case net_IPv6len:
		if (ip.len == net_IPv4len)
			m = NET_IPMASK(m.b[12], m.b[13], m.b[14], m.b[15]);
		break;
	default:
		return;
	}
	*ipp = ip;
	*mp = m;
}

/* Go: net/ip.go (*IPNet).Contains */
bool
net_IPNet_Contains(const net_IPNet *n, net_IP ip)
{
	net_IP nn, x;
	net_IPMask m;
	int l;

	net_networkNumberAndMask(n, &nn, &m);
	if ((x = net_IP_To4(ip)).len != 0)
		ip = x;
	l = ip.len;
	if (l != nn.len)
		return false;
	for (int i = 0; i < l; i++)
		if ((nn.b[i] & m.b[i]) != (ip.b[i] & m.b[i]))
			return false;
	return true;
}

/* Go: net/ip.go (*IPNet).Network */
const char *
net_IPNet_Network(const net_IPNet *n)
{
	(void)n;
	return "ip+net";
}

/* Go: net/ip.go (*IPNet).String */
char *
net_IPNet_String(const net_IPNet *n, char buf[net_IPNetStringLen])
{
	char ipbuf[net_IPStringLen], mbuf[net_IPStringLen];
	net_IP nn;
	net_IPMask m;
	int l;

	if (n == NULL) {
		strcpy(buf, "<nil>");
		return buf;
	}
	net_networkNumberAndMask(n, &nn, &m);
	if (nn.len == 0 || m.len == 0) {
		strcpy(buf, "<nil>");
		return buf;
	}
	l = simpleMaskLength(m);
	if (l == -1)
		snprintf(buf, net_IPNetStringLen, "%s/%s", net_IP_String(nn, ipbuf),
			 net_IPMask_String(m, mbuf));
	else
		snprintf(buf, net_IPNetStringLen, "%s/%u", net_IP_String(nn, ipbuf), (unsigned)l);
	return buf;
}

/* Go: net/ip.go parseIPv4 */
net_IP
net_parseIPv4(net_string s)
{
	net_IP nil = {0};
	uint8_t p[net_IPv4len];
	int n, c;

	for (int i = 0; i < net_IPv4len; i++) {
		if (s.n == 0)
			return nil; // too few octets
		if (i > 0) {
			if (s.p[0] != '.')
				return nil;
			s = net_sliceFrom(s, 1);
		}
		if (!net_dtoi(s, &n, &c) || n > 0xFF)
			return nil;
		if (c > 1 && s.p[0] == '0')
			return nil; // a leading zero in a multi-digit octet
		s = net_sliceFrom(s, (size_t)c);
		p[i] = (uint8_t)n;
	}
	if (s.n != 0)
		return nil;
	return net_IPv4(p[0], p[1], p[2], p[3]);
}

/* Go: net/ip.go parseIPv6Zone */
net_IP
net_parseIPv6Zone(net_string s, net_string *zone)
{
	net_splitHostZone(s, &s, zone);
	return net_parseIPv6(s);
}

/* Go: net/ip.go parseIPv6 */
net_IP
net_parseIPv6(net_string s)
{
	net_IP nil = {0}, ip = {.len = net_IPv6len}, ip4;
	int ellipsis = -1; // where the "::" goes in ip
	int i, n, c, k;

	// a leading "::", perhaps all there is
	if (s.n >= 2 && s.p[0] == ':' && s.p[1] == ':') {
		ellipsis = 0;
		s = net_sliceFrom(s, 2);
		if (s.n == 0)
			return ip;
	}

	// groups of hex digits separated by colons
	i = 0;
	while (i < net_IPv6len) {
		if (!net_xtoi(s, &n, &c) || n > 0xFFFF)
			return nil;

		// a dot means an embedded IPv4 address ends the text
		if ((size_t)c < s.n && s.p[c] == '.') {
			if (ellipsis < 0 && i != net_IPv6len - net_IPv4len)
				return nil; // not at the end of the address
			if (i + net_IPv4len > net_IPv6len)
				return nil; // no room left for 4 bytes
			ip4 = net_parseIPv4(s);
			if (ip4.len == 0)
				return nil;
			ip.b[i] = ip4.b[12];
			ip.b[i + 1] = ip4.b[13];
			ip.b[i + 2] = ip4.b[14];
			ip.b[i + 3] = ip4.b[15];
			s.n = 0;
			i += net_IPv4len;
			break;
		}

		// store the 16-bit group
		ip.b[i] = (uint8_t)(n >> 8);
		ip.b[i + 1] = (uint8_t)n;
		i += 2;

		// the end of the text ends the address
		s = net_sliceFrom(s, (size_t)c);
		if (s.n == 0)
			break;

		// else a colon and at least one more byte must follow
		if (s.p[0] != ':' || s.n == 1)
			return nil;
		s = net_sliceFrom(s, 1);

		// a second colon is the "::"
		if (s.p[0] == ':') {
			if (ellipsis >= 0)
				return nil; // only one "::" is allowed
			ellipsis = i;
			s = net_sliceFrom(s, 1);
			if (s.n == 0)
				break; // a trailing "::"
		}
	}

	// leftover text is an error
	if (s.n != 0)
		return nil;

	// too few groups: the "::" stands for the missing zeros
	if (i < net_IPv6len) {
		if (ellipsis < 0)
			return nil;
		n = net_IPv6len - i;
		for (k = i - 1; k >= ellipsis; k--)
			ip.b[k + n] = ip.b[k];
		for (k = ellipsis + n - 1; k >= ellipsis; k--)
			ip.b[k] = 0;
	} else if (ellipsis >= 0) {
		return nil; // a "::" that stands for no group at all
	}
	return ip;
}

/* Go: net/ip.go ParseIP */
// C: the body, on a (pointer, length) string; net_ParseIP takes a C string.
static net_IP
parseIP(net_string s)
{
	net_IP nil = {0};

	for (size_t i = 0; i < s.n; i++) {
		switch (s.p[i]) {
		case '.':
			return net_parseIPv4(s);
		case ':':
			return net_parseIPv6(s);
		}
	}
	return nil;
}

net_IP
net_ParseIP(const char *s)
{
	return parseIP(net_str(s));
}

/* Go: net/ip.go (*IP).UnmarshalText */
go_error *
net_IP_UnmarshalText(net_IP *ip, const uint8_t *text, size_t len)
{
	net_IP x, nil = {0};
	go_error *err;
	char *s;

	if (len == 0) {
		*ip = nil;
		return NULL;
	}
	x = parseIP((net_string){(const char *)text, len});
	if (x.len == 0) {
		// C: the error's Text is a C string: it ends at a NUL in text.
		s = strndup((const char *)text, len);
		if (s == NULL)
			runtime_throw("out of memory");
		err = net_newParseError("IP address", s);
		free(s);
		return err;
	}
	*ip = x;
	return NULL;
}

/* Go: net/ip.go parseIPZone */
net_IP
net_parseIPZone(net_string s, net_string *zone)
{
	net_IP nil = {0};

	for (size_t i = 0; i < s.n; i++) {
		switch (s.p[i]) {
		case '.':
			*zone = (net_string){"", 0};
			return net_parseIPv4(s);
		case ':':
			return net_parseIPv6Zone(s, zone);
		}
	}
	*zone = (net_string){"", 0};
	return nil;
}

/* Go: net/ip.go ParseCIDR */
go_error *
net_ParseCIDR(const char *str, net_IP *ipp, net_IPNet *ipnet)
{
	net_string s = net_str(str), addr, mask;
	const char *slash = strchr(str, '/');
	int iplen, n, i;
	net_IP ip;
	net_IPMask m;

	*ipp = (net_IP){0};
	*ipnet = (net_IPNet){0};
	if (slash == NULL)
		return net_newParseError("CIDR address", str);
	addr = net_slice(s, 0, (size_t)(slash - str));
	mask = net_sliceFrom(s, addr.n + 1);
	iplen = net_IPv4len;
	ip = net_parseIPv4(addr);
	if (ip.len == 0) {
		iplen = net_IPv6len;
		ip = net_parseIPv6(addr);
	}
	if (!net_dtoi(mask, &n, &i) || ip.len == 0 || (size_t)i != mask.n || n < 0 || n > 8 * iplen)
		return net_newParseError("CIDR address", str);
	m = net_CIDRMask(n, 8 * iplen);
	*ipp = ip;
	ipnet->IP = net_IP_Mask(ip, m);
	ipnet->Mask = m;
	return NULL;
}

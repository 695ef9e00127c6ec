// C port of go1.19 src/net/addrselect.go: destination address selection
// as RFC 6724 section 6 orders it (sortByRFC6724, srcAddrs, ipAttr,
// byRFC6724, the policy table, classifyScope, commonPrefixLen).
#include "net/lookup.h"

#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hooks/hooks.h"
#include "runtime_netpoll/panic.h"

// Go: ipAttr.
typedef struct ipAttr {
	net_scope Scope;
	uint8_t Precedence;
	uint8_t Label;
} ipAttr;

// A prefix of the policy table: Go's mustCIDR(s) result, written out.
#define PREFIX(ones, ...)                                                                          \
	{                                                                                          \
		.IP = NET_IP(__VA_ARGS__), .Mask = {.len = net_IPv6len, .b = MASK##ones }          \
	}
#define MASK128                                                                                    \
	{                                                                                          \
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,      \
			0xff, 0xff, 0xff                                                           \
	}
#define MASK96                                                                                     \
	{                                                                                          \
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff             \
	}
#define MASK32                                                                                     \
	{                                                                                          \
		0xff, 0xff, 0xff, 0xff                                                             \
	}
#define MASK16                                                                                     \
	{                                                                                          \
		0xff, 0xff                                                                         \
	}
#define MASK10                                                                                     \
	{                                                                                          \
		0xff, 0xc0                                                                         \
	}
#define MASK7                                                                                      \
	{                                                                                          \
		0xfe                                                                               \
	}
#define MASK0                                                                                      \
	{                                                                                          \
		0                                                                                  \
	}

/* Go: net/addrselect.go rfc6724policyTable */
// C: Go sorts the table by decreasing prefix length in an init function
// (an insertion sort for so few entries, so equal lengths keep their
// order); the table is written here already in that order.
const net_policyTableEntry net_rfc6724policyTable[] = {
	{PREFIX(128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), 50, 0},      // ::1/128
	{PREFIX(96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0), 35, 4}, // ::ffff:0:0/96
	{PREFIX(96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1, 3},        // ::/96
	{PREFIX(32, 0x20, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 5, 5},  // 2001::/32
	{PREFIX(16, 0x20, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 30, 2}, // 2002::/16
	{PREFIX(16, 0x3f, 0xfe, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1, 12}, // 3ffe::/16
	{PREFIX(10, 0xfe, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1, 11}, // fec0::/10
	{PREFIX(7, 0xfc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 3, 13},     // fc00::/7
	{PREFIX(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 40, 1},        // ::/0
};
const size_t net_rfc6724policyTableLen =
	sizeof(net_rfc6724policyTable) / sizeof(net_rfc6724policyTable[0]);

/* Go: net/addrselect.go policyTable.Classify */
net_policyTableEntry
net_policyTable_Classify(net_IP ip)
{
	for (size_t i = 0; i < net_rfc6724policyTableLen; i++) {
		if (net_IPNet_Contains(&net_rfc6724policyTable[i].Prefix, ip))
			return net_rfc6724policyTable[i];
	}
	return (net_policyTableEntry){0};
}

/* Go: net/addrselect.go classifyScope */
net_scope
net_classifyScope(net_IP ip)
{
	bool ipv6;

	if (net_IP_IsLoopback(ip) || net_IP_IsLinkLocalUnicast(ip))
		return net_scopeLinkLocal;
	ipv6 = ip.len == net_IPv6len && net_IP_To4(ip).len == 0;
	if (ipv6 && net_IP_IsMulticast(ip))
		return (net_scope)(ip.b[1] & 0xf);
	// Site-local addresses (fec0::/10), deprecated by RFC 3879 but
	// still classified (RFC 6724 section 3.1).
	if (ipv6 && ip.b[0] == 0xfe && (ip.b[1] & 0xc0) == 0xc0)
		return net_scopeSiteLocal;
	return net_scopeGlobal;
}

/* Go: net/addrselect.go commonPrefixLen */
// Only the first 64 bits count (the prefix, not the interface id).
int
net_commonPrefixLen(net_IP a, net_IP b)
{
	net_IP a4 = net_IP_To4(a), b4 = net_IP_To4(b);
	int cpl = 0;
	size_t len;

	if (a4.len != 0)
		a = a4;
	if (b4.len != 0)
		b = b4;
	if (a.len != b.len)
		return 0;
	len = a.len > 8 ? 8 : a.len;
	for (size_t i = 0; i < len; i++) {
		uint8_t ab = a.b[i], bb = b.b[i];
		int bits = 8;

		if (ab == bb) {
			cpl += 8;
			continue;
		}
		for (;;) {
			ab >>= 1;
			bb >>= 1;
			bits--;
			if (ab == bb)
				return cpl + bits;
		}
	}
	return cpl;
}

/* Go: net/addrselect.go ipAttrOf */
static ipAttr
ipAttrOf(net_IP ip)
{
	net_policyTableEntry match;

	if (ip.len == 0)
		return (ipAttr){0};
	match = net_policyTable_Classify(ip);
	return (ipAttr){
		.Scope = net_classifyScope(ip),
		.Precedence = match.Precedence,
		.Label = match.Label,
	};
}

// Go: byRFC6724.
typedef struct byRFC6724 {
	net_IPAddr *addrs; // addresses to sort
	ipAttr *addrAttr;
	net_IP *srcs; // len 0 where unreachable
	ipAttr *srcAttr;
} byRFC6724;

/* Go: net/addrselect.go (*byRFC6724).Less */
// The rules of RFC 6724 section 6 that need no more than we know: 3, 4
// (home addresses) and 7 (native transport) are left out as in Go.
static bool
byRFC6724_Less(const byRFC6724 *s, size_t i, size_t j)
{
	net_IP DA = s->addrs[i].IP, DB = s->addrs[j].IP;
	net_IP SourceDA = s->srcs[i], SourceDB = s->srcs[j];
	const ipAttr *attrDA = &s->addrAttr[i], *attrDB = &s->addrAttr[j];
	const ipAttr *attrSourceDA = &s->srcAttr[i], *attrSourceDB = &s->srcAttr[j];
	const bool preferDA = true, preferDB = false;

	// Rule 1: unreachable destinations last.
	if (SourceDA.len == 0 && SourceDB.len == 0)
		return false; // equal
	if (SourceDB.len == 0)
		return preferDA;
	if (SourceDA.len == 0)
		return preferDB;
	// Rule 2: matching scope.
	if (attrDA->Scope == attrSourceDA->Scope && attrDB->Scope != attrSourceDB->Scope)
		return preferDA;
	if (attrDA->Scope != attrSourceDA->Scope && attrDB->Scope == attrSourceDB->Scope)
		return preferDB;
	// Rule 5: matching label.
	if (attrSourceDA->Label == attrDA->Label && attrSourceDB->Label != attrDB->Label)
		return preferDA;
	if (attrSourceDA->Label != attrDA->Label && attrSourceDB->Label == attrDB->Label)
		return preferDB;
	// Rule 6: higher precedence.
	if (attrDA->Precedence > attrDB->Precedence)
		return preferDA;
	if (attrDA->Precedence < attrDB->Precedence)
		return preferDB;
	// Rule 8: smaller scope.
	if (attrDA->Scope < attrDB->Scope)
		return preferDA;
	if (attrDA->Scope > attrDB->Scope)
		return preferDB;
	// Rule 9: longest matching prefix, for IPv6 only (as Go, see its
	// issue 13283 and RFC 6724's errata).
	if (net_IP_To4(DA).len == 0 && net_IP_To4(DB).len == 0) {
		int commonA = net_commonPrefixLen(SourceDA, DA);
		int commonB = net_commonPrefixLen(SourceDB, DB);

		if (commonA > commonB)
			return preferDA;
		if (commonA < commonB)
			return preferDB;
	}
	// Rule 10: keep the order.
	return false;
}

/* Go: net/addrselect.go (*byRFC6724).Swap */
static void
byRFC6724_Swap(byRFC6724 *s, size_t i, size_t j)
{
	net_IPAddr a = s->addrs[i];
	net_IP ip = s->srcs[i];
	ipAttr t = s->addrAttr[i];

	s->addrs[i] = s->addrs[j];
	s->addrs[j] = a;
	s->srcs[i] = s->srcs[j];
	s->srcs[j] = ip;
	s->addrAttr[i] = s->addrAttr[j];
	s->addrAttr[j] = t;
	t = s->srcAttr[i];
	s->srcAttr[i] = s->srcAttr[j];
	s->srcAttr[j] = t;
}

/* Go: net/addrselect.go sortByRFC6724withSrcs */
// C: sort.Stable as a binary-free insertion sort (stable, and address
// lists are short).
void
net_sortByRFC6724withSrcs(net_IPAddr *addrs, net_IP *srcs, size_t n)
{
	byRFC6724 s;

	if (n == 0)
		return;
	s.addrs = addrs;
	s.srcs = srcs;
	s.addrAttr = runtime_newobject(n * sizeof(ipAttr));
	s.srcAttr = runtime_newobject(n * sizeof(ipAttr));
	for (size_t i = 0; i < n; i++) {
		s.addrAttr[i] = ipAttrOf(addrs[i].IP);
		s.srcAttr[i] = ipAttrOf(srcs[i]);
	}
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i; j > 0 && byRFC6724_Less(&s, j, j - 1); j--)
			byRFC6724_Swap(&s, j, j - 1);
	}
	free(s.addrAttr);
	free(s.srcAttr);
}

/* Go: net/addrselect.go srcAddrs */
// C: Go dials UDP (DialUDP to port 9, the discard service) and reads the
// local address; gonet has no UDPConn, so this makes the same system
// calls through the same hooks: socket, connect (a UDP connect only picks
// a route and a source address, it sends nothing), getsockname, close.
static void
srcAddrs(const net_IPAddr *addrs, size_t n, net_IP *srcs)
{
	for (size_t i = 0; i < n; i++) {
		syscall_Sockaddr sa = {0}, local = {0};
		net_IP ip4 = net_IP_To4(addrs[i].IP);
		int family = ip4.len != 0 ? AF_INET : AF_INET6;
		go_error *err;
		int s;

		srcs[i] = (net_IP){0};
		if (addrs[i].IP.len == 0)
			continue;
		if (family == AF_INET) {
			sa.len = sizeof(sa.u.in4);
			sa.u.in4.sin_family = AF_INET;
			sa.u.in4.sin_port = htons(9);
			memcpy(&sa.u.in4.sin_addr, ip4.b, net_IPv4len);
		} else {
			if (addrs[i].IP.len != net_IPv6len)
				continue;
			sa.len = sizeof(sa.u.in6);
			sa.u.in6.sin6_family = AF_INET6;
			sa.u.in6.sin6_port = htons(9);
			memcpy(&sa.u.in6.sin6_addr, addrs[i].IP.b, net_IPv6len);
			if (addrs[i].Zone[0] != '\0') {
				unsigned idx = if_nametoindex(addrs[i].Zone);

				if (idx == 0)
					idx = (unsigned)atoi(addrs[i].Zone);
				sa.u.in6.sin6_scope_id = idx;
			}
		}
		err = net_socketFunc(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, &s);
		if (err != NULL) {
			go_error_release(err);
			continue;
		}
		err = net_connectFunc(s, &sa);
		if (err == NULL)
			err = syscall_Getsockname(s, &local);
		if (err == NULL && local.u.sa.sa_family == AF_INET) {
			srcs[i].len = net_IPv4len;
			memcpy(srcs[i].b, &local.u.in4.sin_addr, net_IPv4len);
			srcs[i] = net_IP_To16(srcs[i]); // Go: IPv4(a, b, c, d)
		} else if (err == NULL && local.u.sa.sa_family == AF_INET6) {
			srcs[i].len = net_IPv6len;
			memcpy(srcs[i].b, &local.u.in6.sin6_addr, net_IPv6len);
		}
		go_error_release(err);
		go_error_release(poll_CloseFunc(s));
	}
}

/* Go: net/addrselect.go sortByRFC6724 */
void
net_sortByRFC6724(net_IPAddr *addrs, size_t n)
{
	net_IP *srcs;

	if (n < 2)
		return;
	srcs = runtime_newobject(n * sizeof(net_IP));
	srcAddrs(addrs, n, srcs);
	net_sortByRFC6724withSrcs(addrs, srcs, n);
	free(srcs);
}

// C port of go1.19 src/net/ipsock.go (SplitHostPort, splitHostZone,
// JoinHostPort, ipv4only, ipv6only), and of the address types: IPAddr's
// methods from iprawsock.go, TCPAddr's from tcpsock.go and UDPAddr's from
// udpsock.go, each with the net_Addr method table that makes it an Addr.
//
// C: the AddrPort methods and constructors (net/netip) are not ported.
#include "net/ipsock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/panic.h"

static char *
dupString(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		runtime_throw("out of memory");
	return p;
}

bool
net_copyZone(char zone[net_ZoneLen], net_string z)
{
	if (z.n >= net_ZoneLen)
		return false;
	if (z.n > 0)
		memcpy(zone, z.p, z.n);
	zone[z.n] = '\0';
	return true;
}

// --- IPAddr ---

/* Go: net/iprawsock.go (*IPAddr).Network */
const char *
net_IPAddr_Network(const net_IPAddr *a)
{
	(void)a;
	return "ip";
}

/* Go: net/iprawsock.go (*IPAddr).String */
char *
net_IPAddr_String(const net_IPAddr *a)
{
	char buf[net_IPStringLen];
	const char *ip;
	char *s;

	if (a == NULL)
		return dupString("<nil>");
	ip = net_ipEmptyString(a->IP, buf);
	if (a->Zone[0] != '\0') {
		if (asprintf(&s, "%s%%%s", ip, a->Zone) < 0)
			runtime_throw("out of memory");
		return s;
	}
	return dupString(ip);
}

/* Go: net/iprawsock.go (*IPAddr).isWildcard */
bool
net_IPAddr_isWildcard(const net_IPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

/* Go: net/iprawsock.go (*IPAddr).opAddr */
net_Addr *
net_IPAddr_opAddr(net_IPAddr *a)
{
	if (a == NULL)
		return NULL;
	return &a->addr;
}

static const char *
IPAddr_Network(const net_Addr *a)
{
	return net_IPAddr_Network((const net_IPAddr *)a);
}

static char *
IPAddr_String(const net_Addr *a)
{
	return net_IPAddr_String((const net_IPAddr *)a);
}

static net_Addr *
IPAddr_clone(const net_Addr *a)
{
	net_IPAddr *c = runtime_newobject(sizeof(*c));

	*c = *(const net_IPAddr *)a;
	return &c->addr;
}

static void
freeAddr(net_Addr *a)
{
	free(a);
}

const net_Addr_methods net_IPAddr_methods = {
	.type = "*net.IPAddr",
	.Network = IPAddr_Network,
	.String = IPAddr_String,
	.clone = IPAddr_clone,
	.free = freeAddr,
};

// --- TCPAddr ---

/* Go: net/tcpsock.go (*TCPAddr).Network */
const char *
net_TCPAddr_Network(const net_TCPAddr *a)
{
	(void)a;
	return "tcp";
}

// C: the body TCPAddr's and UDPAddr's String share (Go writes it twice).
static char *
ipPortString(net_IP ipa, int portnum, const char *zone)
{
	char buf[net_IPStringLen], port[16];
	const char *ip;
	char *host, *s;

	ip = net_ipEmptyString(ipa, buf);
	snprintf(port, sizeof(port), "%d", portnum);
	if (zone[0] != '\0') {
		if (asprintf(&host, "%s%%%s", ip, zone) < 0)
			runtime_throw("out of memory");
		s = net_JoinHostPort(host, port);
		free(host);
		return s;
	}
	return net_JoinHostPort(ip, port);
}

/* Go: net/tcpsock.go (*TCPAddr).String */
char *
net_TCPAddr_String(const net_TCPAddr *a)
{
	if (a == NULL)
		return dupString("<nil>");
	return ipPortString(a->IP, a->Port, a->Zone);
}

/* Go: net/tcpsock.go (*TCPAddr).isWildcard */
bool
net_TCPAddr_isWildcard(const net_TCPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

/* Go: net/tcpsock.go (*TCPAddr).opAddr */
net_Addr *
net_TCPAddr_opAddr(net_TCPAddr *a)
{
	if (a == NULL)
		return NULL;
	return &a->addr;
}

static const char *
TCPAddr_Network(const net_Addr *a)
{
	return net_TCPAddr_Network((const net_TCPAddr *)a);
}

static char *
TCPAddr_String(const net_Addr *a)
{
	return net_TCPAddr_String((const net_TCPAddr *)a);
}

static net_Addr *
TCPAddr_clone(const net_Addr *a)
{
	net_TCPAddr *c = runtime_newobject(sizeof(*c));

	*c = *(const net_TCPAddr *)a;
	return &c->addr;
}

const net_Addr_methods net_TCPAddr_methods = {
	.type = "*net.TCPAddr",
	.Network = TCPAddr_Network,
	.String = TCPAddr_String,
	.clone = TCPAddr_clone,
	.free = freeAddr,
};

// --- ipsock.go ---

/* Go: net/ipsock.go ipv4only */
bool
net_ipv4only(const net_IPAddr *addr)
{
	return net_IP_To4(addr->IP).len != 0;
}

/* Go: net/ipsock.go ipv6only */
bool
net_ipv6only(const net_IPAddr *addr)
{
	return addr->IP.len == net_IPv6len && net_IP_To4(addr->IP).len == 0;
}

static ssize_t
indexByte(net_string s, char c)
{
	const char *p = s.n > 0 ? memchr(s.p, c, s.n) : NULL;

	return p != NULL ? p - s.p : -1;
}

/* Go: net/ipsock.go SplitHostPort */
// C: Go's addrErr closure is the `fail` label.
go_error *
net_SplitHostPort(const char *hostportstr, char **hostp, char **portp)
{
	static const char missingPort[] = "missing port in address";
	static const char tooManyColons[] = "too many colons in address";
	net_string hostport = net_str(hostportstr), host;
	const char *why;
	size_t j = 0, k = 0;
	ssize_t end;
	int i;

	*hostp = NULL;
	*portp = NULL;

	// the port follows the last colon
	i = net_last(hostport, ':');
	if (i < 0) {
		why = missingPort;
		goto fail;
	}

	if (hostport.p[0] == '[') {
		// the first ']' should come right before the last ':'
		end = indexByte(hostport, ']');
		if (end < 0) {
			why = "missing ']' in address";
			goto fail;
		}
		if ((size_t)end + 1 == hostport.n) {
			// "[host]" with nothing after it: no colon for a port
			why = missingPort;
			goto fail;
		} else if (end + 1 != i) {
			// ']' is followed by something other than the last colon
			why = hostport.p[end + 1] == ':' ? tooManyColons : missingPort;
			goto fail;
		}
		host = net_slice(hostport, 1, (size_t)end);
		j = 1;               // no '[' may follow the first byte
		k = (size_t)end + 1; // nor a ']' the closing one
	} else {
		host = net_slice(hostport, 0, (size_t)i);
		if (indexByte(host, ':') >= 0) {
			why = tooManyColons;
			goto fail;
		}
	}
	if (indexByte(net_sliceFrom(hostport, j), '[') >= 0) {
		why = "unexpected '[' in address";
		goto fail;
	}
	if (indexByte(net_sliceFrom(hostport, k), ']') >= 0) {
		why = "unexpected ']' in address";
		goto fail;
	}

	*hostp = net_string_dup(host);
	*portp = net_string_dup(net_sliceFrom(hostport, (size_t)i + 1));
	return NULL;
fail:
	return net_newAddrError(why, hostportstr);
}

/* Go: net/ipsock.go splitHostZone */
void
net_splitHostZone(net_string s, net_string *host, net_string *zone)
{
	int i;

	// the zone follows the last '%'
	if ((i = net_last(s, '%')) > 0) {
		*host = net_slice(s, 0, (size_t)i);
		*zone = net_sliceFrom(s, (size_t)i + 1);
	} else {
		*host = s;
		*zone = (net_string){"", 0};
	}
}

/* Go: net/ipsock.go JoinHostPort */
char *
net_JoinHostPort(const char *host, const char *port)
{
	char *s;
	int r;

	// a colon in host means an IPv6 literal, which needs brackets
	if (strchr(host, ':') != NULL)
		r = asprintf(&s, "[%s]:%s", host, port);
	else
		r = asprintf(&s, "%s:%s", host, port);
	if (r < 0)
		runtime_throw("out of memory");
	return s;
}

// --- UDPAddr ---

/* Go: net/udpsock.go (*UDPAddr).Network */
const char *
net_UDPAddr_Network(const net_UDPAddr *a)
{
	(void)a;
	return "udp";
}

/* Go: net/udpsock.go (*UDPAddr).String */
char *
net_UDPAddr_String(const net_UDPAddr *a)
{
	if (a == NULL)
		return dupString("<nil>");
	return ipPortString(a->IP, a->Port, a->Zone);
}

/* Go: net/udpsock.go (*UDPAddr).isWildcard */
bool
net_UDPAddr_isWildcard(const net_UDPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

/* Go: net/udpsock.go (*UDPAddr).opAddr */
net_Addr *
net_UDPAddr_opAddr(net_UDPAddr *a)
{
	if (a == NULL)
		return NULL;
	return &a->addr;
}

static const char *
UDPAddr_Network(const net_Addr *a)
{
	return net_UDPAddr_Network((const net_UDPAddr *)a);
}

static char *
UDPAddr_String(const net_Addr *a)
{
	return net_UDPAddr_String((const net_UDPAddr *)a);
}

static net_Addr *
UDPAddr_clone(const net_Addr *a)
{
	net_UDPAddr *c = runtime_newobject(sizeof(*c));

	*c = *(const net_UDPAddr *)a;
	return &c->addr;
}

const net_Addr_methods net_UDPAddr_methods = {
	.type = "*net.UDPAddr",
	.Network = UDPAddr_Network,
	.String = UDPAddr_String,
	.clone = UDPAddr_clone,
	.free = freeAddr,
};

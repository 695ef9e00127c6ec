// C port of go1.19 src/net/ipsock_posix.go (favoriteAddrFamily,
// internetSocket, ipToSockaddr; the IP stack probe is N2's, in the
// resolver's files), of sockaddr_posix.go's sockaddr interface as a
// dispatch over the concrete address types, and of ipsock.go's loopbackIP.
#include "net/net_impl.h"

#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "net/lookup.h"
#include "runtime_netpoll/panic.h"

// C: Go's sockaddr interface is implemented by *TCPAddr, *UDPAddr and
// *UnixAddr here (IPAddr comes with raw IP sockets); anything else is a
// programming error.
static const net_TCPAddr *
tcpAddr(const net_Addr *a)
{
	if (a->m != &net_TCPAddr_methods)
		runtime_throw("net: sockaddr of an unsupported Addr type");
	return (const net_TCPAddr *)a;
}

static const net_UnixAddr *
unixAddr(const net_Addr *a)
{
	return a != NULL && a->m == &net_UnixAddr_methods ? (const net_UnixAddr *)a : NULL;
}

static const net_UDPAddr *
udpAddr(const net_Addr *a)
{
	return a != NULL && a->m == &net_UDPAddr_methods ? (const net_UDPAddr *)a : NULL;
}

/* Go: net/sockaddr_posix.go sockaddr.family */
int
net_sockaddr_family(const net_Addr *a)
{
	if (unixAddr(a) != NULL)
		return net_UnixAddr_family(unixAddr(a));
	if (udpAddr(a) != NULL)
		return net_UDPAddr_family(udpAddr(a));
	return net_TCPAddr_family(a != NULL ? tcpAddr(a) : NULL);
}

/* Go: net/sockaddr_posix.go sockaddr.isWildcard */
bool
net_sockaddr_isWildcard(const net_Addr *a)
{
	if (unixAddr(a) != NULL)
		return net_UnixAddr_isWildcard(unixAddr(a));
	if (udpAddr(a) != NULL)
		return net_UDPAddr_isWildcard(udpAddr(a));
	return net_TCPAddr_isWildcard(a != NULL ? tcpAddr(a) : NULL);
}

/* Go: net/sockaddr_posix.go sockaddr.sockaddr */
go_error *
net_sockaddr_sockaddr(const net_Addr *a, int family, syscall_Sockaddr *sa)
{
	if (unixAddr(a) != NULL)
		return net_UnixAddr_sockaddr(unixAddr(a), family, sa);
	if (udpAddr(a) != NULL)
		return net_UDPAddr_sockaddr(udpAddr(a), family, sa);
	return net_TCPAddr_sockaddr(a != NULL ? tcpAddr(a) : NULL, family, sa);
}

/* Go: net/sockaddr_posix.go sockaddr.toLocal */
void
net_sockaddr_toLocal(const net_Addr *a, const char *net, net_addrBuf *out)
{
	if (unixAddr(a) != NULL)
		net_UnixAddr_toLocal(unixAddr(a), net, out);
	else if (udpAddr(a) != NULL)
		net_UDPAddr_toLocal(udpAddr(a), net, out);
	else
		net_TCPAddr_toLocal(tcpAddr(a), net, out);
}

/* Go: net/ipsock.go loopbackIP */
net_IP
net_loopbackIP(const char *net)
{
	size_t n = strlen(net);

	if (n > 0 && net[n - 1] == '6')
		return net_IPv6loopback;
	return NET_IP(127, 0, 0, 1);
}

/* Go: net/ipsock_posix.go favoriteAddrFamily */
// A network ending in 4 or 6 decides; a wildcard listen prefers one
// dual-stack AF_INET6 socket where IPv4-mapped addresses work; otherwise
// the addresses' own families decide.
void
net_favoriteAddrFamily(const char *network, const net_Addr *laddr, const net_Addr *raddr,
		       const char *mode, int *family, bool *ipv6only)
{
	size_t n = strlen(network);

	*ipv6only = false;
	switch (n > 0 ? network[n - 1] : '\0') {
	case '4':
		*family = AF_INET;
		return;
	case '6':
		*family = AF_INET6;
		*ipv6only = true;
		return;
	}
	if (strcmp(mode, "listen") == 0 && (laddr == NULL || net_sockaddr_isWildcard(laddr))) {
		if (net_supportsIPv4map() || !net_supportsIPv4()) {
			*family = AF_INET6;
			return;
		}
		if (laddr == NULL) {
			*family = AF_INET;
			return;
		}
		*family = net_sockaddr_family(laddr);
		return;
	}
	if ((laddr == NULL || net_sockaddr_family(laddr) == AF_INET) &&
	    (raddr == NULL || net_sockaddr_family(raddr) == AF_INET)) {
		*family = AF_INET;
		return;
	}
	*family = AF_INET6;
}

/* Go: net/ipsock_posix.go internetSocket */
// C: Go maps a wildcard raddr to loopback on AIX, Windows and OpenBSD
// only; Linux dials the wildcard as it is.
go_error *
net_internetSocket(context_Context *ctx, const char *net, const net_Addr *laddr,
		   const net_Addr *raddr, int sotype, int proto, const char *mode,
		   net_ctrlFn ctrlFn, net_netFD **fd)
{
	int family;
	bool ipv6only;

	net_favoriteAddrFamily(net, laddr, raddr, mode, &family, &ipv6only);
	return net_socket(ctx, net, family, sotype, proto, ipv6only, laddr, raddr, ctrlFn, fd);
}

/* Go: net/ipsock_posix.go ipToSockaddrInet4 */
go_error *
net_ipToSockaddrInet4(net_IP ip, int port, struct sockaddr_in *sa)
{
	char buf[net_IPStringLen];
	net_IP ip4;

	memset(sa, 0, sizeof(*sa));
	if (ip.len == 0)
		ip = net_IPv4zero;
	ip4 = net_IP_To4(ip);
	if (ip4.len == 0)
		return net_newAddrError("non-IPv4 address", net_IP_String(ip, buf));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	memcpy(&sa->sin_addr, ip4.b, 4);
	return NULL;
}

// Go: zoneCache.index(zone): the interface index a zone names (an
// interface name or a decimal index), 0 for none.
// C: if_nametoindex instead of Go's cached interface table.
static unsigned int
zoneIndex(const char *zone)
{
	unsigned int index;
	int n, i;

	if (zone[0] == '\0')
		return 0;
	if ((index = if_nametoindex(zone)) != 0)
		return index;
	if (net_dtoi(net_str(zone), &n, &i) && (size_t)i == strlen(zone))
		return (unsigned int)n;
	return 0;
}

/* Go: net/ipsock_posix.go ipToSockaddrInet6 */
go_error *
net_ipToSockaddrInet6(net_IP ip, int port, const char *zone, struct sockaddr_in6 *sa)
{
	char buf[net_IPStringLen];
	net_IP ip6;

	memset(sa, 0, sizeof(*sa));
	// A wildcard (either family's) means every address: with IPv4-mapped
	// addresses the IPv6 wildcard covers both spaces.
	if (ip.len == 0 || net_IP_Equal(ip, net_IPv4zero))
		ip = net_IPv6zero;
	// Any IPv6 address, IPv4-mapped ones included.
	ip6 = net_IP_To16(ip);
	if (ip6.len == 0)
		return net_newAddrError("non-IPv6 address", net_IP_String(ip, buf));
	sa->sin6_family = AF_INET6;
	sa->sin6_port = htons((uint16_t)port);
	sa->sin6_scope_id = zoneIndex(zone != NULL ? zone : "");
	memcpy(&sa->sin6_addr, ip6.b, 16);
	return NULL;
}

/* Go: net/ipsock_posix.go ipToSockaddr */
go_error *
net_ipToSockaddr(int family, net_IP ip, int port, const char *zone, syscall_Sockaddr *sa)
{
	char buf[net_IPStringLen];
	go_error *err;

	memset(sa, 0, sizeof(*sa));
	sa->invalid = port < 0 || port > 0xFFFF; // C: see syscall_Sockaddr
	switch (family) {
	case AF_INET:
		if ((err = net_ipToSockaddrInet4(ip, port, &sa->u.in4)) != NULL)
			return err;
		sa->len = sizeof(sa->u.in4);
		return NULL;
	case AF_INET6:
		if ((err = net_ipToSockaddrInet6(ip, port, zone, &sa->u.in6)) != NULL)
			return err;
		sa->len = sizeof(sa->u.in6);
		return NULL;
	}
	return net_newAddrError("invalid address family", net_IP_String(ip, buf));
}

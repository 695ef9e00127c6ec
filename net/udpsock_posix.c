// C port of go1.19 src/net/udpsock_posix.go: UDP addresses as socket
// addresses, the datagram reads and writes, dialing and listening.
//
// C: not ported: the netip.AddrPort variants (readFromAddrPort,
// writeToAddrPort, writeMsgAddrPort; gonet has no net/netip) and the
// multicast listeners (they take a *net.Interface, which gonet has not).
#include "net/net_impl.h"

#include <string.h>

/* Go: net/udpsock_posix.go sockaddrToUDP */
net_Addr *
net_sockaddrToUDP(const syscall_Sockaddr *sa, net_addrBuf *buf)
{
	if (sa->len == 0)
		return NULL;
	switch (sa->u.sa.sa_family) {
	case AF_INET:
		buf->udp = NET_UDPADDR(.Port = ntohs(sa->u.in4.sin_port));
		buf->udp.IP.len = net_IPv4len;
		memcpy(buf->udp.IP.b, &sa->u.in4.sin_addr, net_IPv4len);
		return &buf->addr;
	case AF_INET6:
		buf->udp = NET_UDPADDR(.Port = ntohs(sa->u.in6.sin6_port));
		buf->udp.IP.len = net_IPv6len;
		memcpy(buf->udp.IP.b, &sa->u.in6.sin6_addr, net_IPv6len);
		net_zoneName(sa->u.in6.sin6_scope_id, buf->udp.Zone);
		return &buf->addr;
	}
	return NULL;
}

/* Go: net/udpsock_posix.go (*UDPAddr).family */
int
net_UDPAddr_family(const net_UDPAddr *a)
{
	if (a == NULL || a->IP.len <= net_IPv4len)
		return AF_INET;
	if (net_IP_To4(a->IP).len != 0)
		return AF_INET;
	return AF_INET6;
}

/* Go: net/udpsock_posix.go (*UDPAddr).sockaddr */
go_error *
net_UDPAddr_sockaddr(const net_UDPAddr *a, int family, syscall_Sockaddr *sa)
{
	if (a == NULL) {
		memset(sa, 0, sizeof(*sa));
		return NULL;
	}
	return net_ipToSockaddr(family, a->IP, a->Port, a->Zone, sa);
}

/* Go: net/udpsock_posix.go (*UDPAddr).toLocal */
void
net_UDPAddr_toLocal(const net_UDPAddr *a, const char *net, net_addrBuf *out)
{
	out->udp = NET_UDPADDR(.IP = net_loopbackIP(net), .Port = a->Port);
	memcpy(out->udp.Zone, a->Zone, sizeof(out->udp.Zone));
}

// C: the UDPAddr of a kernel sockaddr_in or sockaddr_in6.
static void
fromInet4(const struct sockaddr_in *from, net_UDPAddr *addr)
{
	*addr = NET_UDPADDR(.Port = ntohs(from->sin_port));
	addr->IP.len = net_IPv4len;
	memcpy(addr->IP.b, &from->sin_addr, net_IPv4len);
}

static void
fromInet6(const struct sockaddr_in6 *from, net_UDPAddr *addr)
{
	*addr = NET_UDPADDR(.Port = ntohs(from->sin6_port));
	addr->IP.len = net_IPv6len;
	memcpy(addr->IP.b, &from->sin6_addr, net_IPv6len);
	net_zoneName(from->sin6_scope_id, addr->Zone);
}

/* Go: net/udpsock_posix.go (*UDPConn).readFrom */
// C: *addr is the caller's (Go passes the UDPAddr to fill and returns nil
// instead on error); on error it is left zeroed.
go_error *
net_UDPConn_readFrom(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n, net_UDPAddr *addr)
{
	struct sockaddr_in from4;
	struct sockaddr_in6 from6;
	go_error *err = NULL;

	*n = 0;
	*addr = NET_UDPADDR();
	switch (c->conn.fd->family) {
	case AF_INET:
		err = net_netFD_readFromInet4(c->conn.fd, b, len, n, &from4);
		if (err == NULL)
			fromInet4(&from4, addr);
		break;
	case AF_INET6:
		err = net_netFD_readFromInet6(c->conn.fd, b, len, n, &from6);
		if (err == NULL)
			fromInet6(&from6, addr);
		break;
	}
	return err;
}

/* Go: net/udpsock_posix.go (*UDPConn).readMsg */
// C: Go 1.19 returns a netip.AddrPort (the sender as the kernel gave it,
// even on error); here the UDPAddr is filled the same way.
go_error *
net_UDPConn_readMsg(net_UDPConn *c, uint8_t *b, size_t len, uint8_t *oob, size_t ooblen, ssize_t *n,
		    ssize_t *oobn, int *flags, net_UDPAddr *addr)
{
	struct sockaddr_in sa4 = {0};
	struct sockaddr_in6 sa6 = {0};
	go_error *err = NULL;

	switch (c->conn.fd->family) {
	case AF_INET:
		err = net_netFD_readMsgInet4(c->conn.fd, b, len, oob, ooblen, 0, n, oobn, flags,
					     &sa4);
		fromInet4(&sa4, addr);
		break;
	case AF_INET6:
		err = net_netFD_readMsgInet6(c->conn.fd, b, len, oob, ooblen, 0, n, oobn, flags,
					     &sa6);
		fromInet6(&sa6, addr);
		break;
	}
	return err;
}

/* Go: net/udpsock_posix.go (*UDPConn).writeTo */
go_error *
net_UDPConn_writeTo(net_UDPConn *c, const uint8_t *b, size_t len, const net_UDPAddr *addr,
		    ssize_t *n)
{
	char buf[net_IPStringLen];
	struct sockaddr_in sa4;
	struct sockaddr_in6 sa6;
	go_error *err;

	*n = 0;
	if (c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (addr == NULL)
		return net_errMissingAddress;
	// C: the kernel's sockaddr_in cannot hold a port outside 0..65535;
	// Go's SockaddrInet4/6.sockaddr() refuses one inside sendto.
	if (addr->Port < 0 || addr->Port > 0xFFFF)
		return net_wrapSyscallError("sendto", syscall_EINVAL);
	switch (c->conn.fd->family) {
	case AF_INET:
		if ((err = net_ipToSockaddrInet4(addr->IP, addr->Port, &sa4)) != NULL)
			return err;
		return net_netFD_writeToInet4(c->conn.fd, b, len, &sa4, n);
	case AF_INET6:
		if ((err = net_ipToSockaddrInet6(addr->IP, addr->Port, addr->Zone, &sa6)) != NULL)
			return err;
		return net_netFD_writeToInet6(c->conn.fd, b, len, &sa6, n);
	}
	return net_newAddrError("invalid address family", net_IP_String(addr->IP, buf));
}

/* Go: net/udpsock_posix.go (*UDPConn).writeMsg */
go_error *
net_UDPConn_writeMsg(net_UDPConn *c, const uint8_t *b, size_t len, const uint8_t *oob,
		     size_t ooblen, const net_UDPAddr *addr, ssize_t *n, ssize_t *oobn)
{
	syscall_Sockaddr sa;
	go_error *err;

	*n = 0;
	*oobn = 0;
	if (c->conn.fd->isConnected && addr != NULL)
		return net_ErrWriteToConnected;
	if (!c->conn.fd->isConnected && addr == NULL)
		return net_errMissingAddress;
	if ((err = net_UDPAddr_sockaddr(addr, c->conn.fd->family, &sa)) != NULL)
		return err;
	return net_netFD_writeMsg(c->conn.fd, b, len, oob, ooblen, &sa, n, oobn);
}

/* Go: net/udpsock_posix.go (*sysDialer).dialUDP */
go_error *
net_sysDialer_dialUDP(net_sysDialer *sd, context_Context *ctx, const net_UDPAddr *laddr,
		      const net_UDPAddr *raddr, net_UDPConn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	err = net_internetSocket(ctx, sd->network, laddr != NULL ? &laddr->addr : NULL,
				 raddr != NULL ? &raddr->addr : NULL, SOCK_DGRAM, 0, "dial",
				 net_dialerCtrlFn(&sd->Dialer), &fd);
	if (err != NULL)
		return err;
	*c = net_newUDPConn(fd);
	return NULL;
}

/* Go: net/udpsock_posix.go (*sysListener).listenUDP */
go_error *
net_sysListener_listenUDP(net_sysListener *sl, context_Context *ctx, const net_UDPAddr *laddr,
			  net_UDPConn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	err = net_internetSocket(ctx, sl->network, laddr != NULL ? &laddr->addr : NULL, NULL,
				 SOCK_DGRAM, 0, "listen", net_listenConfigCtrlFn(&sl->ListenConfig),
				 &fd);
	if (err != NULL)
		return err;
	*c = net_newUDPConn(fd);
	return NULL;
}

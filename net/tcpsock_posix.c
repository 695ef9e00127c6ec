// C port of go1.19 src/net/tcpsock_posix.go: TCP addresses as socket
// addresses, dialing (with the self-connect retry), accepting, listening.
#include "net/net_impl.h"

#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "hooks/hooks.h"
#include "os/error.h"

/* Go: net/interface.go (*ipv6ZoneCache).name */
// The interface name of index, or the index in decimal when no interface
// has it; "" for 0. C: if_indextoname instead of Go's cached table.
void
net_zoneName(unsigned int index, char zone[net_ZoneLen])
{
	char name[IF_NAMESIZE];

	zone[0] = '\0';
	if (index == 0)
		return;
	if (if_indextoname(index, name) != NULL && strlen(name) < net_ZoneLen) {
		memcpy(zone, name, strlen(name) + 1);
		return;
	}
	snprintf(zone, net_ZoneLen, "%u", index);
}

/* Go: net/tcpsock_posix.go sockaddrToTCP */
net_Addr *
net_sockaddrToTCP(const syscall_Sockaddr *sa, net_addrBuf *buf)
{
	if (sa->len == 0)
		return NULL;
	switch (sa->u.sa.sa_family) {
	case AF_INET:
		buf->tcp = NET_TCPADDR(.Port = ntohs(sa->u.in4.sin_port));
		buf->tcp.IP.len = net_IPv4len;
		memcpy(buf->tcp.IP.b, &sa->u.in4.sin_addr, net_IPv4len);
		return &buf->addr;
	case AF_INET6:
		buf->tcp = NET_TCPADDR(.Port = ntohs(sa->u.in6.sin6_port));
		buf->tcp.IP.len = net_IPv6len;
		memcpy(buf->tcp.IP.b, &sa->u.in6.sin6_addr, net_IPv6len);
		net_zoneName(sa->u.in6.sin6_scope_id, buf->tcp.Zone);
		return &buf->addr;
	}
	return NULL;
}

/* Go: net/tcpsock_posix.go (*TCPAddr).family */
int
net_TCPAddr_family(const net_TCPAddr *a)
{
	if (a == NULL || a->IP.len <= net_IPv4len)
		return AF_INET;
	if (net_IP_To4(a->IP).len != 0)
		return AF_INET;
	return AF_INET6;
}

/* Go: net/tcpsock_posix.go (*TCPAddr).sockaddr */
go_error *
net_TCPAddr_sockaddr(const net_TCPAddr *a, int family, syscall_Sockaddr *sa)
{
	if (a == NULL) {
		sa->len = 0;
		return NULL;
	}
	return net_ipToSockaddr(family, a->IP, a->Port, a->Zone, sa);
}

/* Go: net/tcpsock_posix.go (*TCPAddr).toLocal */
// The loopback address of net's family, with a's port (and zone).
void
net_TCPAddr_toLocal(const net_TCPAddr *a, const char *net, net_addrBuf *out)
{
	out->tcp = NET_TCPADDR(.IP = net_loopbackIP(net), .Port = a->Port);
	memcpy(out->tcp.Zone, a->Zone, sizeof(out->tcp.Zone));
}

/* Go: net/tcpsock_posix.go (*TCPConn).readFrom */
// C: no os.File, so sendFile never applies: splice, else a plain copy.
go_error *
net_TCPConn_readFrom(net_TCPConn *c, io_Reader *r, int64_t *n)
{
	go_error *err;
	bool handled;

	err = net_splice(c->conn.fd, r, n, &handled);
	if (handled)
		return err;
	return net_genericReadFrom(net_TCPConn_Writer(c), r, n);
}

/* Go: net/tcpsock_posix.go (*sysDialer).dialTCP */
go_error *
net_sysDialer_dialTCP(net_sysDialer *sd, context_Context *ctx, const net_TCPAddr *laddr,
		      const net_TCPAddr *raddr, net_TCPConn **c)
{
	if (sd->testHookDialTCP != NULL)
		return sd->testHookDialTCP(ctx, sd->network, laddr, raddr, c);
	if (net_testHookDialTCP != NULL)
		return net_testHookDialTCP(ctx, sd->network, laddr, raddr, c);
	return net_sysDialer_doDialTCP(sd, ctx, laddr, raddr, c);
}

/* Go: net/tcpsock_posix.go (*sysDialer).doDialTCP */
// Without a local port the kernel may connect a socket to itself (a TCP
// simultaneous open against a port nobody listens on; Go issue 2690), or
// pick a local address already in use (EADDRNOTAVAIL): close and retry,
// twice at most.
go_error *
net_sysDialer_doDialTCP(net_sysDialer *sd, context_Context *ctx, const net_TCPAddr *laddr,
			const net_TCPAddr *raddr, net_TCPConn **c)
{
	const net_Addr *la = laddr != NULL ? &laddr->addr : NULL;
	const net_Addr *ra = raddr != NULL ? &raddr->addr : NULL;
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	err = net_internetSocket(ctx, sd->network, la, ra, SOCK_STREAM, 0, "dial",
				 net_dialerCtrlFn(&sd->Dialer), &fd);
	for (int i = 0; i < 2 && (laddr == NULL || laddr->Port == 0) &&
			(net_selfConnect(fd, err) || net_spuriousENOTAVAIL(err));
	     i++) {
		if (err == NULL) {
			go_error_release(net_netFD_Close(fd));
			net_netFD_free(fd);
		}
		go_error_release(err);
		err = net_internetSocket(ctx, sd->network, la, ra, SOCK_STREAM, 0, "dial",
					 net_dialerCtrlFn(&sd->Dialer), &fd);
	}
	if (err != NULL)
		return err;
	*c = net_newTCPConn(fd);
	return NULL;
}

/* Go: net/tcpsock_posix.go selfConnect */
bool
net_selfConnect(net_netFD *fd, go_error *err)
{
	const net_TCPAddr *l, *r;

	// A failed connect did not connect to itself.
	if (err != NULL)
		return false;
	// A missing address is trouble too: ask for another try.
	if (fd->laddr == NULL || fd->raddr == NULL)
		return true;
	l = (const net_TCPAddr *)fd->laddr;
	r = (const net_TCPAddr *)fd->raddr;
	return l->Port == r->Port && net_IP_Equal(l->IP, r->IP);
}

/* Go: net/tcpsock_posix.go spuriousENOTAVAIL */
bool
net_spuriousENOTAVAIL(go_error *err)
{
	if (err != NULL && err->m == &net_OpError_methods)
		err = ((net_OpError *)err)->Err;
	if (err != NULL && err->m == &os_SyscallError_methods)
		err = ((os_SyscallError *)err)->Err;
	return err == syscall_EADDRNOTAVAIL;
}

/* Go: net/tcpsock_posix.go (*TCPListener).ok */
bool
net_TCPListener_ok(const net_TCPListener *ln)
{
	return ln != NULL && ln->fd != NULL;
}

/* Go: net/tcpsock_posix.go (*TCPListener).accept */
// C: as in Go 1.19, testHookSetKeepAlive is the Dialer's, not called here.
go_error *
net_TCPListener_accept(net_TCPListener *ln, net_TCPConn **c)
{
	net_netFD *fd;
	net_TCPConn *tc;
	go_error *err;
	time_Duration ka;

	*c = NULL;
	if ((err = net_netFD_accept(ln->fd, &fd)) != NULL)
		return err;
	tc = net_newTCPConn(fd);
	if (ln->lc.KeepAlive >= 0) {
		go_error_release(net_setKeepAlive(fd, true));
		ka = ln->lc.KeepAlive;
		if (ln->lc.KeepAlive == 0)
			ka = net_defaultTCPKeepAlive;
		go_error_release(net_setKeepAlivePeriod(fd, ka));
	}
	*c = tc;
	return NULL;
}

/* Go: net/tcpsock_posix.go (*TCPListener).close */
go_error *
net_TCPListener_close(net_TCPListener *ln)
{
	return net_netFD_Close(ln->fd);
}

/* Go: net/tcpsock_posix.go (*TCPListener).file */
go_error *
net_TCPListener_file(net_TCPListener *ln, int *f)
{
	return net_netFD_dup(ln->fd, f);
}

/* Go: net/tcpsock_posix.go (*sysListener).listenTCP */
go_error *
net_sysListener_listenTCP(net_sysListener *sl, context_Context *ctx, const net_TCPAddr *laddr,
			  net_TCPListener **ln)
{
	net_netFD *fd;
	net_TCPListener *l;
	go_error *err;

	*ln = NULL;
	err = net_internetSocket(ctx, sl->network, laddr != NULL ? &laddr->addr : NULL, NULL,
				 SOCK_STREAM, 0, "listen",
				 net_listenConfigCtrlFn(&sl->ListenConfig), &fd);
	if (err != NULL)
		return err;
	// C: &TCPListener{fd, lc} lives in fd's allocation.
	l = &fd->owner.tcpln;
	l->ifc.m = &net_TCPListener_methods;
	l->fd = fd;
	l->lc = sl->ListenConfig;
	*ln = l;
	return NULL;
}

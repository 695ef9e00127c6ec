// C port of go1.19 src/net/sock_posix.go: socket, the netFD's dial,
// listenStream and listenDatagram, ctrlNetwork and addrFunc.
#include "net/net_impl.h"

#include <stdlib.h>
#include <string.h>

#include "hooks/hooks.h"
#include "os/error.h"

/* Go: net/sock_posix.go socket */
go_error *
net_socket(context_Context *ctx, const char *net, int family, int sotype, int proto, bool ipv6only,
	   const net_Addr *laddr, const net_Addr *raddr, net_ctrlFn ctrlFn, net_netFD **fdp)
{
	go_error *err;
	net_netFD *fd;
	int s;

	*fdp = NULL;
	if ((err = net_sysSocket(family, sotype, proto, &s)) != NULL)
		return err;
	if ((err = net_setDefaultSockopts(s, family, sotype, ipv6only)) != NULL) {
		go_error_release(poll_CloseFunc(s));
		return err;
	}
	if ((err = net_newFD(s, family, sotype, net, &fd)) != NULL) {
		go_error_release(poll_CloseFunc(s));
		return err;
	}

	// A local address without a remote one asks for a listener (or a
	// bound datagram socket); anything else is a dialer.
	if (laddr != NULL && raddr == NULL) {
		switch (sotype) {
		case SOCK_STREAM:
		case SOCK_SEQPACKET:
			err = net_netFD_listenStream(fd, laddr, net_listenerBacklog(), ctrlFn);
			goto done;
		case SOCK_DGRAM:
			err = net_netFD_listenDatagram(fd, laddr, ctrlFn);
			goto done;
		}
	}
	err = net_netFD_dial(fd, ctx, laddr, raddr, ctrlFn);
done:
	if (err != NULL) {
		// C: fd.Close(), then what the GC does.
		go_error_release(net_netFD_Close(fd));
		net_netFD_free(fd);
		return err;
	}
	*fdp = fd;
	return NULL;
}

/* Go: net/sock_posix.go (*netFD).ctrlNetwork */
// C: the result is a static string (Go builds fd.net + "4").
const char *
net_netFD_ctrlNetwork(net_netFD *fd)
{
	static const struct {
		const char *net, *net4, *net6;
	} nets[] = {
		{"tcp", "tcp4", "tcp6"},
		{"udp", "udp4", "udp6"},
		{"ip", "ip4", "ip6"},
	};
	size_t n = strlen(fd->net);

	if (strcmp(fd->net, "unix") == 0 || strcmp(fd->net, "unixgram") == 0 ||
	    strcmp(fd->net, "unixpacket") == 0)
		return fd->net;
	if (n > 0 && (fd->net[n - 1] == '4' || fd->net[n - 1] == '6'))
		return fd->net;
	for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++) {
		if (strcmp(fd->net, nets[i].net) == 0)
			return fd->family == AF_INET ? nets[i].net4 : nets[i].net6;
	}
	return fd->net;
}

static net_Addr *
nilAddr(const syscall_Sockaddr *sa, net_addrBuf *buf)
{
	(void)sa;
	(void)buf;
	return NULL;
}

/* Go: net/sock_posix.go (*netFD).addrFunc */
// C: raw IP sockets are not ported: they answer nil, as Go's default
// does.
net_addrFunc
net_netFD_addrFunc(net_netFD *fd)
{
	switch (fd->family) {
	case AF_INET:
	case AF_INET6:
		switch (fd->sotype) {
		case SOCK_STREAM:
			return net_sockaddrToTCP;
		case SOCK_DGRAM:
			return net_sockaddrToUDP;
		}
		break;
	case AF_UNIX:
		switch (fd->sotype) {
		case SOCK_STREAM:
			return net_sockaddrToUnix;
		case SOCK_DGRAM:
			return net_sockaddrToUnixgram;
		case SOCK_SEQPACKET:
			return net_sockaddrToUnixpacket;
		}
		break;
	}
	return nilAddr;
}

/* Go: net/sock_posix.go (*netFD).dial */
go_error *
net_netFD_dial(net_netFD *fd, context_Context *ctx, const net_Addr *laddr, const net_Addr *raddr,
	       net_ctrlFn ctrlFn)
{
	go_error *err;
	net_rawConn c;
	char *ctrlAddr = NULL;
	syscall_Sockaddr lsa = {0}, rsa = {0}, crsa = {0};
	net_addrBuf lbuf, rbuf;
	net_addrFunc addrFunc;

	if (ctrlFn.f != NULL) {
		net_rawConn_init(&c, fd);
		if (raddr != NULL)
			ctrlAddr = net_Addr_String(raddr);
		else if (laddr != NULL)
			ctrlAddr = net_Addr_String(laddr);
		err = ctrlFn.f(ctrlFn.env, net_netFD_ctrlNetwork(fd),
			       ctrlAddr != NULL ? ctrlAddr : "", &c.rc);
		free(ctrlAddr);
		if (err != NULL)
			return err;
	}
	if (laddr != NULL) {
		if ((err = net_sockaddr_sockaddr(laddr, fd->family, &lsa)) != NULL)
			return err;
		if (lsa.len != 0 && (err = syscall_Bind(fd->pfd.Sysfd, &lsa)) != NULL)
			return os_NewSyscallError("bind", err);
	}
	if (raddr != NULL) {
		if ((err = net_sockaddr_sockaddr(raddr, fd->family, &rsa)) != NULL)
			return err;
		if ((err = net_netFD_connect(fd, ctx, &lsa, &rsa, &crsa)) != NULL)
			return err;
		fd->isConnected = true;
	} else {
		if ((err = net_netFD_init(fd)) != NULL)
			return err;
	}
	// The addresses come from the socket itself: the local one from
	// getsockname; the remote one from connect's result, else from
	// getpeername, else the caller's raddr.
	lsa.len = 0;
	go_error_release(syscall_Getsockname(fd->pfd.Sysfd, &lsa));
	addrFunc = net_netFD_addrFunc(fd);
	if (crsa.len != 0) {
		net_netFD_setAddr(fd, addrFunc(&lsa, &lbuf), addrFunc(&crsa, &rbuf));
	} else if (rsa.len = 0, syscall_Getpeername(fd->pfd.Sysfd, &rsa) == NULL && rsa.len != 0) {
		net_netFD_setAddr(fd, addrFunc(&lsa, &lbuf), addrFunc(&rsa, &rbuf));
	} else {
		net_netFD_setAddr(fd, addrFunc(&lsa, &lbuf), raddr);
	}
	return NULL;
}

/* Go: net/sock_posix.go (*netFD).listenStream */
go_error *
net_netFD_listenStream(net_netFD *fd, const net_Addr *laddr, int backlog, net_ctrlFn ctrlFn)
{
	go_error *err;
	syscall_Sockaddr lsa = {0};
	net_rawConn c;
	char *s;
	net_addrBuf lbuf;

	if ((err = net_setDefaultListenerSockopts(fd->pfd.Sysfd)) != NULL)
		return err;
	if ((err = net_sockaddr_sockaddr(laddr, fd->family, &lsa)) != NULL)
		return err;
	if (ctrlFn.f != NULL) {
		net_rawConn_init(&c, fd);
		s = net_Addr_String(laddr);
		err = ctrlFn.f(ctrlFn.env, net_netFD_ctrlNetwork(fd), s, &c.rc);
		free(s);
		if (err != NULL)
			return err;
	}
	if ((err = syscall_Bind(fd->pfd.Sysfd, &lsa)) != NULL)
		return os_NewSyscallError("bind", err);
	if ((err = net_listenFunc(fd->pfd.Sysfd, backlog)) != NULL)
		return os_NewSyscallError("listen", err);
	if ((err = net_netFD_init(fd)) != NULL)
		return err;
	lsa.len = 0;
	go_error_release(syscall_Getsockname(fd->pfd.Sysfd, &lsa));
	net_netFD_setAddr(fd, net_netFD_addrFunc(fd)(&lsa, &lbuf), NULL);
	return NULL;
}

/* Go: net/sock_posix.go (*netFD).listenDatagram */
// A UDP multicast address gets a socket bound to the wildcard address with
// a reusable port, so that one port can serve several groups (Go's issue
// 6135).
go_error *
net_netFD_listenDatagram(net_netFD *fd, const net_Addr *laddr, net_ctrlFn ctrlFn)
{
	go_error *err;
	syscall_Sockaddr lsa = {0};
	net_rawConn c;
	char *s;
	net_addrBuf lbuf;
	net_UDPAddr wildcard;

	if (laddr->m == &net_UDPAddr_methods) {
		const net_UDPAddr *addr = (const net_UDPAddr *)laddr;

		if (addr->IP.len != 0 && net_IP_IsMulticast(addr->IP)) {
			if ((err = net_setDefaultMulticastSockopts(fd->pfd.Sysfd)) != NULL)
				return err;
			wildcard = *addr;
			if (fd->family == AF_INET)
				wildcard.IP = net_IPv4zero;
			else if (fd->family == AF_INET6)
				wildcard.IP = net_IPv6unspecified;
			laddr = &wildcard.addr;
		}
	}
	if ((err = net_sockaddr_sockaddr(laddr, fd->family, &lsa)) != NULL)
		return err;
	if (ctrlFn.f != NULL) {
		net_rawConn_init(&c, fd);
		s = net_Addr_String(laddr);
		err = ctrlFn.f(ctrlFn.env, net_netFD_ctrlNetwork(fd), s, &c.rc);
		free(s);
		if (err != NULL)
			return err;
	}
	if ((err = syscall_Bind(fd->pfd.Sysfd, &lsa)) != NULL)
		return os_NewSyscallError("bind", err);
	if ((err = net_netFD_init(fd)) != NULL)
		return err;
	lsa.len = 0;
	go_error_release(syscall_Getsockname(fd->pfd.Sysfd, &lsa));
	net_netFD_setAddr(fd, net_netFD_addrFunc(fd)(&lsa, &lbuf), NULL);
	return NULL;
}

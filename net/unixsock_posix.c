// C port of go1.19 src/net/unixsock_posix.go: Unix sockets, their
// addresses as socket addresses, dialing, accepting, listening, and the
// datagram reads and writes. (unixsock_readmsg_cmsg_cloexec.go's
// readMsgFlags too: Linux passes descriptors close-on-exec.)
#include "net/net_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks/hooks.h"
#include "runtime_netpoll/panic.h"

// Go: readMsgFlags: descriptors received in ancillary data are opened
// close-on-exec (so setReadMsgCloseOnExec has nothing to do on Linux).
enum { readMsgFlags = MSG_CMSG_CLOEXEC };

/* Go: net/unixsock_posix.go unixSocket */
go_error *
net_unixSocket(context_Context *ctx, const char *net, const net_UnixAddr *laddr,
	       const net_UnixAddr *raddr, const char *mode, net_ctrlFn ctrlFn, net_netFD **fd)
{
	int sotype;

	*fd = NULL;
	if (strcmp(net, "unix") == 0)
		sotype = SOCK_STREAM;
	else if (strcmp(net, "unixgram") == 0)
		sotype = SOCK_DGRAM;
	else if (strcmp(net, "unixpacket") == 0)
		sotype = SOCK_SEQPACKET;
	else
		return net_newUnknownNetworkError(net);

	if (strcmp(mode, "dial") == 0) {
		if (laddr != NULL && net_UnixAddr_isWildcard(laddr))
			laddr = NULL;
		if (raddr != NULL && net_UnixAddr_isWildcard(raddr))
			raddr = NULL;
		if (raddr == NULL && (sotype != SOCK_DGRAM || laddr == NULL))
			return net_errMissingAddress;
	} else if (strcmp(mode, "listen") != 0) {
		return errors_Newf("unknown mode: %s", mode);
	}
	return net_socket(ctx, net, AF_UNIX, sotype, 0, false, net_UnixAddr_opAddr(laddr),
			  net_UnixAddr_opAddr(raddr), ctrlFn, fd);
}

/* Go: syscall/syscall_linux.go anyToSockaddr, its AF_UNIX case */
// The name in a kernel sockaddr_un: a leading NUL shows as '@' (the
// convention for abstract names), and the name ends at the first NUL
// (everyone's convention, though Linux allows NULs in abstract names).
// C: Go decodes a zeroed buffer the kernel filled; here only the first
// sa->len bytes are the kernel's, the rest count as zeros. So an unnamed
// socket (the family alone) is named "@", as in Go.
static void
sockaddrUnixName(const syscall_Sockaddr *sa, char name[net_UnixNameLen])
{
	char path[sizeof(sa->u.un.sun_path)] = {0};
	size_t off = offsetof(struct sockaddr_un, sun_path), n;

	if (sa->len > off)
		memcpy(path, sa->u.un.sun_path,
		       sa->len - off < sizeof(path) ? sa->len - off : sizeof(path));
	if (path[0] == '\0')
		path[0] = '@';
	for (n = 0; n < sizeof(path) && path[n] != '\0'; n++)
		name[n] = path[n];
	name[n] = '\0';
}

// C: UnixAddr{Name: the name in sa, Net: net} built in buf; NULL for a
// sockaddr of another family (Go's type switch finds no *SockaddrUnix).
static net_Addr *
sockaddrToUnixNet(const syscall_Sockaddr *sa, net_addrBuf *buf, const char *net)
{
	if (sa->len == 0 || sa->u.sa.sa_family != AF_UNIX)
		return NULL;
	sockaddrUnixName(sa, buf->unixAddr.name);
	buf->unixAddr.a = NET_UNIXADDR(.Name = buf->unixAddr.name, .Net = net);
	return &buf->addr;
}

/* Go: net/unixsock_posix.go sockaddrToUnix */
net_Addr *
net_sockaddrToUnix(const syscall_Sockaddr *sa, net_addrBuf *buf)
{
	return sockaddrToUnixNet(sa, buf, "unix");
}

/* Go: net/unixsock_posix.go sockaddrToUnixgram */
net_Addr *
net_sockaddrToUnixgram(const syscall_Sockaddr *sa, net_addrBuf *buf)
{
	return sockaddrToUnixNet(sa, buf, "unixgram");
}

/* Go: net/unixsock_posix.go sockaddrToUnixpacket */
net_Addr *
net_sockaddrToUnixpacket(const syscall_Sockaddr *sa, net_addrBuf *buf)
{
	return sockaddrToUnixNet(sa, buf, "unixpacket");
}

/* Go: net/unixsock_posix.go sotypeToNet */
const char *
net_sotypeToNet(int sotype)
{
	switch (sotype) {
	case SOCK_STREAM:
		return "unix";
	case SOCK_DGRAM:
		return "unixgram";
	case SOCK_SEQPACKET:
		return "unixpacket";
	}
	runtime_panicstring("sotypeToNet unknown socket type");
}

/* Go: net/unixsock_posix.go (*UnixAddr).family */
int
net_UnixAddr_family(const net_UnixAddr *a)
{
	(void)a;
	return AF_UNIX;
}

/* Go: net/unixsock_posix.go (*UnixAddr).sockaddr and syscall's
 * (*SockaddrUnix).sockaddr */
// The kernel form of a's name: '@' first names an abstract socket (a
// leading NUL, no terminating one). C: Go's UnixAddr.sockaddr never
// fails; a name that does not fit fails in the system call that takes it
// (bind: invalid argument), so here it is marked invalid, which those
// calls report.
go_error *
net_UnixAddr_sockaddr(const net_UnixAddr *a, int family, syscall_Sockaddr *sa)
{
	const char *name;
	size_t n;

	(void)family;
	memset(sa, 0, sizeof(*sa));
	if (a == NULL)
		return NULL;
	name = net_UnixAddr_name(a);
	n = strlen(name);
	if (n > sizeof(sa->u.un.sun_path) || (n == sizeof(sa->u.un.sun_path) && name[0] != '@')) {
		sa->invalid = true;
		sa->len = sizeof(sa->u.un);
		return NULL;
	}
	sa->u.un.sun_family = AF_UNIX;
	memcpy(sa->u.un.sun_path, name, n);
	sa->len = (socklen_t)offsetof(struct sockaddr_un, sun_path);
	if (n > 0)
		sa->len += (socklen_t)n + 1;
	if (sa->u.un.sun_path[0] == '@') {
		sa->u.un.sun_path[0] = '\0';
		sa->len--; // an abstract name has no terminating NUL
	}
	return NULL;
}

/* Go: net/unixsock_posix.go (*UnixAddr).toLocal */
void
net_UnixAddr_toLocal(const net_UnixAddr *a, const char *net, net_addrBuf *out)
{
	(void)net;
	out->unixAddr.a = *a;
}

// C: the sender in sa as a heap UnixAddr for the caller, NULL when sa is
// not a Unix one or has no name (Go: `if sa.Name != ""`).
static net_UnixAddr *
senderAddr(net_UnixConn *c, const syscall_Sockaddr *sa)
{
	net_addrBuf buf;
	net_Addr *a;

	a = sockaddrToUnixNet(sa, &buf, net_sotypeToNet(c->conn.fd->sotype));
	if (a == NULL || buf.unixAddr.name[0] == '\0')
		return NULL;
	return (net_UnixAddr *)net_Addr_clone(a);
}

/* Go: net/unixsock_posix.go (*UnixConn).readFrom */
go_error *
net_UnixConn_readFrom(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n, net_UnixAddr **addr)
{
	syscall_Sockaddr sa = {0};
	go_error *err;

	err = net_netFD_readFrom(c->conn.fd, b, len, n, &sa);
	*addr = senderAddr(c, &sa);
	return err;
}

/* Go: net/unixsock_posix.go (*UnixConn).readMsg */
go_error *
net_UnixConn_readMsg(net_UnixConn *c, uint8_t *b, size_t len, uint8_t *oob, size_t ooblen,
		     ssize_t *n, ssize_t *oobn, int *flags, net_UnixAddr **addr)
{
	syscall_Sockaddr sa = {0};
	go_error *err;

	err = net_netFD_readMsg(c->conn.fd, b, len, oob, ooblen, readMsgFlags, n, oobn, flags, &sa);
	*addr = senderAddr(c, &sa);
	return err;
}

/* Go: net/unixsock_posix.go (*UnixConn).writeTo */
go_error *
net_UnixConn_writeTo(net_UnixConn *c, const uint8_t *b, size_t len, const net_UnixAddr *addr,
		     ssize_t *n)
{
	syscall_Sockaddr sa;
	go_error *err;

	if (c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (addr == NULL)
		return net_errMissingAddress;
	if (strcmp(net_UnixAddr_Network(addr), net_sotypeToNet(c->conn.fd->sotype)) != 0)
		return syscall_EAFNOSUPPORT;
	if ((err = net_UnixAddr_sockaddr(addr, AF_UNIX, &sa)) != NULL)
		return err;
	return net_netFD_writeTo(c->conn.fd, b, len, &sa, n);
}

/* Go: net/unixsock_posix.go (*UnixConn).writeMsg */
go_error *
net_UnixConn_writeMsg(net_UnixConn *c, const uint8_t *b, size_t len, const uint8_t *oob,
		      size_t ooblen, const net_UnixAddr *addr, ssize_t *n, ssize_t *oobn)
{
	syscall_Sockaddr sa = {0};
	go_error *err;

	if (c->conn.fd->sotype == SOCK_DGRAM && c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (addr != NULL) {
		if (strcmp(net_UnixAddr_Network(addr), net_sotypeToNet(c->conn.fd->sotype)) != 0)
			return syscall_EAFNOSUPPORT;
		if ((err = net_UnixAddr_sockaddr(addr, AF_UNIX, &sa)) != NULL)
			return err;
	}
	return net_netFD_writeMsg(c->conn.fd, b, len, oob, ooblen, &sa, n, oobn);
}

/* Go: net/unixsock_posix.go (*sysDialer).dialUnix */
go_error *
net_sysDialer_dialUnix(net_sysDialer *sd, context_Context *ctx, const net_UnixAddr *laddr,
		       const net_UnixAddr *raddr, net_UnixConn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	err = net_unixSocket(ctx, sd->network, laddr, raddr, "dial", net_dialerCtrlFn(&sd->Dialer),
			     &fd);
	if (err != NULL)
		return err;
	*c = net_newUnixConn(fd);
	return NULL;
}

/* Go: net/unixsock_posix.go (*UnixListener).accept */
go_error *
net_UnixListener_accept(net_UnixListener *ln, net_UnixConn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	if ((err = net_netFD_accept(ln->fd, &fd)) != NULL)
		return err;
	*c = net_newUnixConn(fd);
	return NULL;
}

// C: the body of Go's unlinkOnce.Do closure.
static void
unlinkPath(void *arg)
{
	net_UnixListener *ln = arg;

	if (ln->path[0] != '@' && ln->unlink)
		go_error_release(syscall_Unlink(ln->path));
}

/* Go: net/unixsock_posix.go (*UnixListener).close */
// The kernel does not remove the file a listening socket created, so
// Close does, before closing the descriptor and only once. Something
// else may have replaced the file since (nothing can tell); removing
// first, then closing, at least agrees with ListenUnix's own cleanup.
go_error *
net_UnixListener_close(net_UnixListener *ln)
{
	sync_Once_Do(&ln->unlinkOnce, unlinkPath, ln);
	return net_netFD_Close(ln->fd);
}

/* Go: net/unixsock_posix.go (*UnixListener).file */
go_error *
net_UnixListener_file(net_UnixListener *ln, int *f)
{
	return net_netFD_dup(ln->fd, f);
}

/* Go: net/unixsock_posix.go (*UnixListener).SetUnlinkOnClose */
void
net_UnixListener_SetUnlinkOnClose(net_UnixListener *l, bool unlink)
{
	l->unlink = unlink;
}

/* Go: net/unixsock_posix.go (*sysListener).listenUnix */
go_error *
net_sysListener_listenUnix(net_sysListener *sl, context_Context *ctx, const net_UnixAddr *laddr,
			   net_UnixListener **ln)
{
	net_netFD *fd;
	net_UnixListener *l;
	go_error *err;

	*ln = NULL;
	err = net_unixSocket(ctx, sl->network, laddr, NULL, "listen",
			     net_listenConfigCtrlFn(&sl->ListenConfig), &fd);
	if (err != NULL)
		return err;
	// C: &UnixListener{fd, path: fd.laddr.String(), unlink: true} lives
	// in fd's allocation.
	l = &fd->owner.unixln;
	l->ifc.m = &net_UnixListener_methods;
	l->fd = fd;
	l->path = net_Addr_String(fd->laddr);
	l->unlink = true;
	*ln = l;
	return NULL;
}

/* Go: net/unixsock_posix.go (*sysListener).listenUnixgram */
go_error *
net_sysListener_listenUnixgram(net_sysListener *sl, context_Context *ctx, const net_UnixAddr *laddr,
			       net_UnixConn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	err = net_unixSocket(ctx, sl->network, laddr, NULL, "listen",
			     net_listenConfigCtrlFn(&sl->ListenConfig), &fd);
	if (err != NULL)
		return err;
	*c = net_newUnixConn(fd);
	return NULL;
}

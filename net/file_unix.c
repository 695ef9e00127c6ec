// C port of go1.19 src/net/file_unix.go: dupSocket, newFileFD, fileConn,
// fileListener, filePacketConn.
#include "net/net_impl.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "hooks/hooks.h"
#include "os/error.h"
#include "runtime_netpoll/panic.h"

/* Go: net/file_unix.go dupSocket */
// C: f is the descriptor Go gets from f.Fd().
static go_error *
dupSocket(int f, int *s)
{
	const char *call = "";
	go_error *err;

	*s = -1;
	if ((err = poll_DupCloseOnExec(f, s, &call)) != NULL) {
		if (call[0] != '\0')
			err = os_NewSyscallError(call, err);
		return err;
	}
	if ((err = syscall_SetNonblock(*s, true)) != NULL) {
		go_error_release(poll_CloseFunc(*s));
		*s = -1;
		return os_NewSyscallError("setnonblock", err);
	}
	return NULL;
}

// Go: the type switch on newFileFD's local Sockaddr: the family, or
// AF_UNSPEC for one that cannot make a netFD.
static int
sockaddrFamily(const syscall_Sockaddr *sa)
{
	if (sa->len == 0)
		return AF_UNSPEC;
	switch (sa->u.sa.sa_family) {
	case AF_INET:
	case AF_INET6:
	case AF_UNIX:
		return sa->u.sa.sa_family;
	}
	return AF_UNSPEC;
}

/* Go: net/file_unix.go newFileFD */
static go_error *
newFileFD(int f, net_netFD **out)
{
	syscall_Sockaddr lsa = {0}, rsa = {0};
	net_addrBuf lbuf, rbuf;
	net_Addr *laddr, *raddr;
	int s, family, sotype;
	net_netFD *fd;
	go_error *err;

	*out = NULL;
	if ((err = dupSocket(f, &s)) != NULL)
		return err;
	if ((err = syscall_GetsockoptInt(s, SOL_SOCKET, SO_TYPE, &sotype)) != NULL) {
		go_error_release(poll_CloseFunc(s));
		return os_NewSyscallError("getsockopt", err);
	}
	go_error_release(syscall_Getsockname(s, &lsa)); // Go: lsa, _ :=
	go_error_release(syscall_Getpeername(s, &rsa));
	if ((family = sockaddrFamily(&lsa)) == AF_UNSPEC) {
		go_error_release(poll_CloseFunc(s));
		return syscall_EPROTONOSUPPORT;
	}
	if ((err = net_newFD(s, family, sotype, "", &fd)) != NULL) {
		go_error_release(poll_CloseFunc(s));
		return err;
	}
	laddr = net_netFD_addrFunc(fd)(&lsa, &lbuf);
	raddr = net_netFD_addrFunc(fd)(&rsa, &rbuf);
	// C: Go's laddr.Network() on a nil laddr would panic; the socket
	// kinds gonet cannot name (raw IP ...) get "" and fail in fileConn.
	snprintf(fd->net, sizeof(fd->net), "%s", net_Addr_Network(laddr));
	if ((err = net_netFD_init(fd)) != NULL) {
		go_error_release(net_netFD_Close(fd));
		net_netFD_free(fd);
		return err;
	}
	net_netFD_setAddr(fd, laddr, raddr);
	*out = fd;
	return NULL;
}

// C: the kinds of laddr fileConn and fileListener switch on.
static bool
isAddr(const net_Addr *a, const net_Addr_methods *m)
{
	return a != NULL && a->m == m;
}

/* Go: net/file_unix.go fileConn */
// C: raw IP sockets are not ported yet: they take the default case.
go_error *
net_fileConn(int f, net_Conn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	if ((err = newFileFD(f, &fd)) != NULL)
		return err;
	if (isAddr(fd->laddr, &net_TCPAddr_methods)) {
		*c = net_TCPConn_Conn(net_newTCPConn(fd));
		return NULL;
	}
	if (isAddr(fd->laddr, &net_UDPAddr_methods)) {
		*c = net_UDPConn_Conn(net_newUDPConn(fd));
		return NULL;
	}
	if (isAddr(fd->laddr, &net_UnixAddr_methods)) {
		*c = net_UnixConn_Conn(net_newUnixConn(fd));
		return NULL;
	}
	go_error_release(net_netFD_Close(fd));
	net_netFD_free(fd);
	return syscall_EINVAL;
}

/* Go: net/file_unix.go fileListener */
// C: each listener lives in fd's allocation, as listenTCP's and
// listenUnix's do.
go_error *
net_fileListener(int f, net_Listener **ln)
{
	net_TCPListener *tl;
	net_UnixListener *ul;
	net_netFD *fd;
	go_error *err;

	*ln = NULL;
	if ((err = newFileFD(f, &fd)) != NULL)
		return err;
	if (isAddr(fd->laddr, &net_TCPAddr_methods)) {
		// Go: &TCPListener{fd: fd}
		tl = &fd->owner.tcpln;
		tl->ifc.m = &net_TCPListener_methods;
		tl->fd = fd;
		*ln = net_TCPListener_Listener(tl);
		return NULL;
	}
	if (isAddr(fd->laddr, &net_UnixAddr_methods)) {
		// Go: &UnixListener{fd: fd, path: laddr.Name, unlink: false}
		ul = &fd->owner.unixln;
		ul->ifc.m = &net_UnixListener_methods;
		ul->fd = fd;
		ul->path = strdup(net_UnixAddr_name((const net_UnixAddr *)fd->laddr));
		if (ul->path == NULL)
			runtime_throw("out of memory");
		ul->unlink = false;
		*ln = net_UnixListener_Listener(ul);
		return NULL;
	}
	go_error_release(net_netFD_Close(fd));
	net_netFD_free(fd);
	return syscall_EINVAL;
}

/* Go: net/file_unix.go filePacketConn */
// C: raw IP sockets are not ported yet: they take the default case.
go_error *
net_filePacketConn(int f, net_PacketConn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	if ((err = newFileFD(f, &fd)) != NULL)
		return err;
	if (isAddr(fd->laddr, &net_UDPAddr_methods)) {
		*c = net_UDPConn_PacketConn(net_newUDPConn(fd));
		return NULL;
	}
	if (isAddr(fd->laddr, &net_UnixAddr_methods)) {
		*c = net_UnixConn_PacketConn(net_newUnixConn(fd));
		return NULL;
	}
	go_error_release(net_netFD_Close(fd));
	net_netFD_free(fd);
	return syscall_EINVAL;
}

// C port of go1.19 src/net/file_unix.go: dupSocket, newFileFD, fileConn,
// fileListener (filePacketConn waits for UDP).
#include "net/net_impl.h"

#include <stdio.h>
#include <sys/socket.h>

#include "hooks/hooks.h"
#include "os/error.h"

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
// AF_UNSPEC for one that cannot make a netFD. C: also AF_UNIX, as gonet
// has no UnixAddr yet.
static int
sockaddrFamily(const syscall_Sockaddr *sa)
{
	if (sa->len == 0)
		return AF_UNSPEC;
	switch (sa->u.sa.sa_family) {
	case AF_INET:
	case AF_INET6:
		return sa->u.sa.sa_family;
	}
	return AF_UNSPEC;
}

/* Go: net/file_unix.go newFileFD */
static go_error *
newFileFD(int f, net_netFD **out)
{
	syscall_Sockaddr lsa = {0}, rsa = {0};
	net_fdAddr lbuf, rbuf;
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
	// kinds gonet cannot name (UDP ...) get "" and fail in fileConn.
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

// C: newFileFD, then the type switch of fileConn and fileListener, whose
// only case here is *TCPAddr (the kind gonet has); any other closes fd
// and fails with EINVAL, as Go's default does.
static go_error *
newFileTCPFD(int f, net_netFD **out)
{
	net_netFD *fd;
	go_error *err;

	*out = NULL;
	if ((err = newFileFD(f, &fd)) != NULL)
		return err;
	if (fd->laddr == NULL || fd->laddr->m != &net_TCPAddr_methods) {
		go_error_release(net_netFD_Close(fd));
		net_netFD_free(fd);
		return syscall_EINVAL;
	}
	*out = fd;
	return NULL;
}

/* Go: net/file_unix.go fileConn */
go_error *
net_fileConn(int f, net_Conn **c)
{
	net_netFD *fd;
	go_error *err;

	*c = NULL;
	if ((err = newFileTCPFD(f, &fd)) != NULL)
		return err;
	*c = net_TCPConn_Conn(net_newTCPConn(fd));
	return NULL;
}

/* Go: net/file_unix.go fileListener */
go_error *
net_fileListener(int f, net_Listener **ln)
{
	net_TCPListener *l;
	net_netFD *fd;
	go_error *err;

	*ln = NULL;
	if ((err = newFileTCPFD(f, &fd)) != NULL)
		return err;
	// Go: &TCPListener{fd: fd}. C: in fd's allocation, as listenTCP does.
	l = &fd->owner.tcpln;
	l->ifc.m = &net_TCPListener_methods;
	l->fd = fd;
	*ln = net_TCPListener_Listener(l);
	return NULL;
}

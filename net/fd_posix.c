// C port of go1.19 src/net/fd_posix.go: the netFD's addresses, Close,
// shutdown, Read, Write, deadlines, and the datagram reads and writes
// (with a generic Sockaddr, and UDP's with an IPv4 or IPv6 one).
#include "net/net_impl.h"

#include <stdlib.h>
#include <string.h>

#include "internal_poll/poll_impl.h"

// C: keeps a borrowed address in fd: a TCPAddr or a UDPAddr is copied into
// buf, any other Addr is cloned (and freed by net_netFD_free).
static net_Addr *
keepAddr(const net_Addr *a, net_fdAddr *buf)
{
	if (a == NULL)
		return NULL;
	if (a->m == &net_TCPAddr_methods) {
		buf->tcp = *(const net_TCPAddr *)a;
		return &buf->addr;
	}
	if (a->m == &net_UDPAddr_methods) {
		buf->udp = *(const net_UDPAddr *)a;
		return &buf->addr;
	}
	return net_Addr_clone(a);
}

static void
dropAddr(net_Addr *a, net_fdAddr *buf)
{
	if (a != NULL && a != &buf->addr)
		net_Addr_free(a);
}

/* Go: net/fd_posix.go (*netFD).setAddr */
// C: no finalizer to arm: net_netFD_free closes a netFD nobody closed.
void
net_netFD_setAddr(net_netFD *fd, const net_Addr *laddr, const net_Addr *raddr)
{
	net_Addr *l = keepAddr(laddr, &fd->laddrBuf);
	net_Addr *r = keepAddr(raddr, &fd->raddrBuf);

	dropAddr(fd->laddr, &fd->laddrBuf);
	dropAddr(fd->raddr, &fd->raddrBuf);
	fd->laddr = l;
	fd->raddr = r;
}

/* Go: net/fd_posix.go (*netFD).Close */
go_error *
net_netFD_Close(net_netFD *fd)
{
	return poll_FD_Close(&fd->pfd);
}

// C: Go's GC and the finalizer setAddr arms. A netFD whose descriptor was
// never closed is closed first, as the finalizer would.
void
net_netFD_free(net_netFD *fd)
{
	if (fd == NULL)
		return;
	if ((atomic_load(&fd->pfd.fdmu.state) & poll_mutexClosed) == 0)
		go_error_release(net_netFD_Close(fd));
	dropAddr(fd->laddr, &fd->laddrBuf);
	dropAddr(fd->raddr, &fd->raddrBuf);
	free(fd);
}

/* Go: net/fd_posix.go (*netFD).shutdown */
go_error *
net_netFD_shutdown(net_netFD *fd, int how)
{
	return net_wrapSyscallError("shutdown", poll_FD_Shutdown(&fd->pfd, how));
}

/* Go: net/fd_posix.go (*netFD).closeRead */
go_error *
net_netFD_closeRead(net_netFD *fd)
{
	return net_netFD_shutdown(fd, SHUT_RD);
}

/* Go: net/fd_posix.go (*netFD).closeWrite */
go_error *
net_netFD_closeWrite(net_netFD *fd)
{
	return net_netFD_shutdown(fd, SHUT_WR);
}

/* Go: net/fd_posix.go (*netFD).Read */
go_error *
net_netFD_Read(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n)
{
	return net_wrapSyscallError("read", poll_FD_Read(&fd->pfd, p, len, n));
}

/* Go: net/fd_posix.go (*netFD).Write */
go_error *
net_netFD_Write(net_netFD *fd, const uint8_t *p, size_t len, ssize_t *n)
{
	return net_wrapSyscallError("write", poll_FD_Write(&fd->pfd, p, len, n));
}

/* Go: net/fd_posix.go (*netFD).SetDeadline */
go_error *
net_netFD_SetDeadline(net_netFD *fd, time_Time t)
{
	return poll_FD_SetDeadline(&fd->pfd, t);
}

/* Go: net/fd_posix.go (*netFD).SetReadDeadline */
go_error *
net_netFD_SetReadDeadline(net_netFD *fd, time_Time t)
{
	return poll_FD_SetReadDeadline(&fd->pfd, t);
}

/* Go: net/fd_posix.go (*netFD).SetWriteDeadline */
go_error *
net_netFD_SetWriteDeadline(net_netFD *fd, time_Time t)
{
	return poll_FD_SetWriteDeadline(&fd->pfd, t);
}

/* Go: net/fd_posix.go (*netFD).readFrom */
go_error *
net_netFD_readFrom(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n, syscall_Sockaddr *sa)
{
	return net_wrapSyscallError("recvfrom", poll_FD_ReadFrom(&fd->pfd, p, len, n, sa));
}

/* Go: net/fd_posix.go (*netFD).readMsg */
go_error *
net_netFD_readMsg(net_netFD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen, int flags,
		  ssize_t *n, ssize_t *oobn, int *retflags, syscall_Sockaddr *sa)
{
	return net_wrapSyscallError("recvmsg", poll_FD_ReadMsg(&fd->pfd, p, len, oob, ooblen, flags,
							       n, oobn, retflags, sa));
}

/* Go: net/fd_posix.go (*netFD).writeTo */
go_error *
net_netFD_writeTo(net_netFD *fd, const uint8_t *p, size_t len, const syscall_Sockaddr *sa,
		  ssize_t *n)
{
	return net_wrapSyscallError("sendto", poll_FD_WriteTo(&fd->pfd, p, len, sa, n));
}

/* Go: net/fd_posix.go (*netFD).writeMsg */
go_error *
net_netFD_writeMsg(net_netFD *fd, const uint8_t *p, size_t len, const uint8_t *oob, size_t ooblen,
		   const syscall_Sockaddr *sa, ssize_t *n, ssize_t *oobn)
{
	return net_wrapSyscallError("sendmsg",
				    poll_FD_WriteMsg(&fd->pfd, p, len, oob, ooblen, sa, n, oobn));
}

/* Go: net/fd_posix.go (*netFD).readFromInet4 */
go_error *
net_netFD_readFromInet4(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n, struct sockaddr_in *from)
{
	return net_wrapSyscallError("recvfrom", poll_FD_ReadFromInet4(&fd->pfd, p, len, from, n));
}

/* Go: net/fd_posix.go (*netFD).readFromInet6 */
go_error *
net_netFD_readFromInet6(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n,
			struct sockaddr_in6 *from)
{
	return net_wrapSyscallError("recvfrom", poll_FD_ReadFromInet6(&fd->pfd, p, len, from, n));
}

/* Go: net/fd_posix.go (*netFD).readMsgInet4 */
go_error *
net_netFD_readMsgInet4(net_netFD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
		       int flags, ssize_t *n, ssize_t *oobn, int *retflags, struct sockaddr_in *sa)
{
	return net_wrapSyscallError("recvmsg", poll_FD_ReadMsgInet4(&fd->pfd, p, len, oob, ooblen,
								    flags, sa, n, oobn, retflags));
}

/* Go: net/fd_posix.go (*netFD).readMsgInet6 */
go_error *
net_netFD_readMsgInet6(net_netFD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
		       int flags, ssize_t *n, ssize_t *oobn, int *retflags, struct sockaddr_in6 *sa)
{
	return net_wrapSyscallError("recvmsg", poll_FD_ReadMsgInet6(&fd->pfd, p, len, oob, ooblen,
								    flags, sa, n, oobn, retflags));
}

/* Go: net/fd_posix.go (*netFD).writeToInet4 */
go_error *
net_netFD_writeToInet4(net_netFD *fd, const uint8_t *p, size_t len, const struct sockaddr_in *sa,
		       ssize_t *n)
{
	return net_wrapSyscallError("sendto", poll_FD_WriteToInet4(&fd->pfd, p, len, sa, n));
}

/* Go: net/fd_posix.go (*netFD).writeToInet6 */
go_error *
net_netFD_writeToInet6(net_netFD *fd, const uint8_t *p, size_t len, const struct sockaddr_in6 *sa,
		       ssize_t *n)
{
	return net_wrapSyscallError("sendto", poll_FD_WriteToInet6(&fd->pfd, p, len, sa, n));
}

/* Go: net/fd_posix.go (*netFD).writeMsgInet4 */
go_error *
net_netFD_writeMsgInet4(net_netFD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
			size_t ooblen, const struct sockaddr_in *sa, ssize_t *n, ssize_t *oobn)
{
	return net_wrapSyscallError(
		"sendmsg", poll_FD_WriteMsgInet4(&fd->pfd, p, len, oob, ooblen, sa, n, oobn));
}

/* Go: net/fd_posix.go (*netFD).writeMsgInet6 */
go_error *
net_netFD_writeMsgInet6(net_netFD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
			size_t ooblen, const struct sockaddr_in6 *sa, ssize_t *n, ssize_t *oobn)
{
	return net_wrapSyscallError(
		"sendmsg", poll_FD_WriteMsgInet6(&fd->pfd, p, len, oob, ooblen, sa, n, oobn));
}

// C port of the go1.19 src/syscall functions internal/poll calls besides the
// socket calls of syscall_unix.c: read/write and their positioned forms,
// recvfrom/sendto/recvmsg/sendmsg (syscall_unix.go, syscall_linux.go), the
// file calls (zsyscall_linux_amd64.go), sendfile, splice and pipe2
// (syscall_linux.go), and the setsockopt forms of syscall_unix.go and
// syscall_linux.go. Each returns its errno as a static error, NULL on success.
//
// Go's Syscall tells the scheduler about every call (entersyscall), so a
// call that blocks gives up its P. The calls here that can wait on a disk
// (pread, pwrite, ftruncate, fsync, getdents64, sendfile) do the same when a
// goroutine makes them. C: the others skip it: read, write and the socket
// calls, because net's descriptors are non-blocking and never wait, and the
// calls on a descriptor's metadata, which do not wait either. internal/poll
// brackets read and write itself for a descriptor in blocking mode
// (readFunc in internal_poll/fd_unix.c).
#include "syscall/syscall.h"
#include "syscall/asm_linux_amd64.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <netinet/in.h>

#include "runtime_netpoll/runtime_impl.h"

// errno of the call that just failed, as an error value.
static go_error *
errnoErr(void)
{
	return syscall_Errno(errno);
}

// C: the end of the bracket runtime_entersyscallOnG began (onG: whether it
// did), after the call's errno became err: exitsyscall may resume the
// goroutine on another thread, with another errno.
static go_error *
exitsyscall(bool onG, go_error *err)
{
	if (onG)
		runtime_exitsyscall();
	return err;
}

/* Go: syscall/syscall_unix.go Read (zsyscall_linux_amd64.go read) */
// C: a raw trap (asm_linux_amd64.h), not libc's wrapper. Go's Syscall also
// tells the scheduler it is in a system call; gonet's Read and Write do not
// (net's descriptors never block; poll.FD's blockingRead and blockingWrite
// do it for a descriptor that can).
go_error *
syscall_Read(int fd, uint8_t *p, size_t len, ssize_t *n)
{
#if GONET_TSAN
	*n = read(fd, p, len);
	return *n < 0 ? errnoErr() : NULL;
#else
	uintptr_t r1, e;

	e = syscall_RawSyscall(SYS_read, (uintptr_t)fd, (uintptr_t)p, len, &r1);
	*n = (ssize_t)r1;
	return e != 0 ? syscall_Errno((int)e) : NULL;
#endif
}

/* C: no Go twin (recvfrom(2) with no flags and no address) */
// Read for a socket: Linux defines recv with no flags as read(2) on a
// socket, and as a socket call it skips the file layer read(2) crosses
// first (fdget_pos, vfs_read, rw_verify_area). poll.FD calls it, not
// Read, for its network sockets; see readFunc in internal_poll/fd_unix.c.
go_error *
syscall_Recv(int fd, uint8_t *p, size_t len, ssize_t *n)
{
#if GONET_TSAN
	*n = recv(fd, p, len, 0);
	return *n < 0 ? errnoErr() : NULL;
#else
	uintptr_t r1, e;

	e = syscall_RawSyscall6(SYS_recvfrom, (uintptr_t)fd, (uintptr_t)p, len, 0, 0, 0, &r1);
	*n = (ssize_t)r1;
	return e != 0 ? syscall_Errno((int)e) : NULL;
#endif
}

/* C: no Go twin (sendto(2) with no flags and no address) */
// Write for a socket, as syscall_Recv is Read for one.
go_error *
syscall_Send(int fd, const uint8_t *p, size_t len, ssize_t *n)
{
#if GONET_TSAN
	*n = send(fd, p, len, 0);
	return *n < 0 ? errnoErr() : NULL;
#else
	uintptr_t r1, e;

	e = syscall_RawSyscall6(SYS_sendto, (uintptr_t)fd, (uintptr_t)p, len, 0, 0, 0, &r1);
	*n = (ssize_t)r1;
	return e != 0 ? syscall_Errno((int)e) : NULL;
#endif
}

/* Go: syscall/syscall_unix.go Write (zsyscall_linux_amd64.go write) */
go_error *
syscall_Write(int fd, const uint8_t *p, size_t len, ssize_t *n)
{
#if GONET_TSAN
	*n = write(fd, p, len);
	return *n < 0 ? errnoErr() : NULL;
#else
	uintptr_t r1, e;

	e = syscall_RawSyscall(SYS_write, (uintptr_t)fd, (uintptr_t)p, len, &r1);
	*n = (ssize_t)r1;
	return e != 0 ? syscall_Errno((int)e) : NULL;
#endif
}

/* Go: syscall/zsyscall_linux_amd64.go pread */
go_error *
syscall_Pread(int fd, uint8_t *p, size_t len, int64_t offset, ssize_t *n)
{
	bool onG = runtime_entersyscallOnG();

	*n = pread(fd, p, len, (off_t)offset);
	return exitsyscall(onG, *n < 0 ? errnoErr() : NULL);
}

/* Go: syscall/zsyscall_linux_amd64.go pwrite */
go_error *
syscall_Pwrite(int fd, const uint8_t *p, size_t len, int64_t offset, ssize_t *n)
{
	bool onG = runtime_entersyscallOnG();

	*n = pwrite(fd, p, len, (off_t)offset);
	return exitsyscall(onG, *n < 0 ? errnoErr() : NULL);
}

/* Go: syscall/syscall_unix.go Recvfrom */
// C: the sender's address stays in the kernel's form; len 0 when there is
// none (Go's nil Sockaddr).
go_error *
syscall_Recvfrom(int fd, uint8_t *p, size_t len, int flags, ssize_t *n, syscall_Sockaddr *from)
{
	syscall_Sockaddr rsa;

	rsa.len = sizeof(rsa.u);
	memset(&rsa.u.ss, 0, sizeof(rsa.u.ss));
	*n = recvfrom(fd, p, len, flags, &rsa.u.sa, &rsa.len);
	if (*n < 0) {
		if (from != NULL)
			from->len = 0;
		return errnoErr();
	}
	if (from != NULL) {
		*from = rsa;
		if (rsa.u.sa.sa_family == AF_UNSPEC)
			from->len = 0;
	}
	return NULL;
}

/* Go: syscall/syscall_unix.go Sendto */
go_error *
syscall_Sendto(int fd, const uint8_t *p, size_t len, int flags, const syscall_Sockaddr *to)
{
	const struct sockaddr *sa = NULL;
	socklen_t salen = 0;

	if (to != NULL && to->invalid)
		return syscall_EINVAL;
	if (to != NULL && to->len != 0) {
		sa = &to->u.sa;
		salen = to->len;
	}
	return sendto(fd, p, len, flags, sa, salen) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_linux.go Recvmsg */
go_error *
syscall_Recvmsg(int fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen, int flags, ssize_t *n,
		ssize_t *oobn, int *recvflags, syscall_Sockaddr *from)
{
	struct msghdr msg;
	syscall_Sockaddr rsa;
	struct iovec iov = {0};
	uint8_t dummy;
	go_error *err;

	memset(&msg, 0, sizeof(msg));
	memset(&rsa, 0, sizeof(rsa));
	*n = *oobn = 0;
	*recvflags = 0;
	if (from != NULL)
		from->len = 0;
	msg.msg_name = &rsa.u.sa;
	msg.msg_namelen = sizeof(rsa.u);
	if (len > 0) {
		iov.iov_base = p;
		iov.iov_len = len;
	}
	if (ooblen > 0) {
		if (len == 0) {
			int sockType;
			if ((err = syscall_GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, &sockType)) !=
			    NULL)
				return err;
			// Receive at least one normal byte.
			if (sockType != SOCK_DGRAM) {
				iov.iov_base = &dummy;
				iov.iov_len = 1;
			}
		}
		msg.msg_control = oob;
		msg.msg_controllen = ooblen;
	}
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if ((*n = recvmsg(fd, &msg, flags)) < 0)
		return errnoErr();
	*oobn = (ssize_t)msg.msg_controllen;
	*recvflags = msg.msg_flags;
	// Only an unconnected socket names the source.
	if (from != NULL && rsa.u.sa.sa_family != AF_UNSPEC) {
		*from = rsa;
		from->len = msg.msg_namelen;
	}
	return NULL;
}

/* Go: syscall/syscall_linux.go SendmsgN */
go_error *
syscall_SendmsgN(int fd, const uint8_t *p, size_t len, const uint8_t *oob, size_t ooblen,
		 const syscall_Sockaddr *to, int flags, ssize_t *n)
{
	struct msghdr msg;
	struct iovec iov = {0};
	uint8_t dummy = 0;
	go_error *err;

	memset(&msg, 0, sizeof(msg));
	*n = 0;
	if (to != NULL && to->invalid)
		return syscall_EINVAL;
	if (to != NULL && to->len != 0) {
		msg.msg_name = (void *)&to->u.sa;
		msg.msg_namelen = to->len;
	}
	if (len > 0) {
		iov.iov_base = (void *)p;
		iov.iov_len = len;
	}
	if (ooblen > 0) {
		if (len == 0) {
			int sockType;
			if ((err = syscall_GetsockoptInt(fd, SOL_SOCKET, SO_TYPE, &sockType)) !=
			    NULL)
				return err;
			// Send at least one normal byte.
			if (sockType != SOCK_DGRAM) {
				iov.iov_base = &dummy;
				iov.iov_len = 1;
			}
		}
		msg.msg_control = (void *)oob;
		msg.msg_controllen = ooblen;
	}
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if ((*n = sendmsg(fd, &msg, flags)) < 0) {
		*n = 0;
		return errnoErr();
	}
	if (ooblen > 0 && len == 0)
		*n = 0;
	return NULL;
}

/* Go: syscall/syscall_linux_amd64.go Seek */
go_error *
syscall_Seek(int fd, int64_t offset, int whence, int64_t *off)
{
	*off = lseek(fd, (off_t)offset, whence);
	return *off < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_linux.go Fchmod */
go_error *
syscall_Fchmod(int fd, uint32_t mode)
{
	return fchmod(fd, (mode_t)mode) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/zsyscall_linux_amd64.go Fchdir */
go_error *
syscall_Fchdir(int fd)
{
	return fchdir(fd) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/zsyscall_linux_amd64.go Fstat */
go_error *
syscall_Fstat(int fd, struct stat *st)
{
	return fstat(fd, st) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/zsyscall_linux_amd64.go Fchown */
go_error *
syscall_Fchown(int fd, int uid, int gid)
{
	return fchown(fd, (uid_t)uid, (gid_t)gid) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/zsyscall_linux_amd64.go Ftruncate */
go_error *
syscall_Ftruncate(int fd, int64_t length)
{
	bool onG = runtime_entersyscallOnG();

	return exitsyscall(onG, ftruncate(fd, (off_t)length) < 0 ? errnoErr() : NULL);
}

/* Go: syscall/zsyscall_linux_amd64.go Fsync */
go_error *
syscall_Fsync(int fd)
{
	bool onG = runtime_entersyscallOnG();

	return exitsyscall(onG, fsync(fd) < 0 ? errnoErr() : NULL);
}

/* Go: syscall/zsyscall_linux_amd64.go Shutdown */
go_error *
syscall_Shutdown(int fd, int how)
{
	return shutdown(fd, how) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/zsyscall_linux_amd64.go Dup */
go_error *
syscall_Dup(int oldfd, int *fd)
{
	*fd = dup(oldfd);
	return *fd < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_linux.go ReadDirent (Getdents) */
go_error *
syscall_ReadDirent(int fd, uint8_t *buf, size_t len, ssize_t *n)
{
	bool onG = runtime_entersyscallOnG();

	*n = syscall(SYS_getdents64, fd, buf, len);
	return exitsyscall(onG, *n < 0 ? errnoErr() : NULL);
}

/* Go: syscall/syscall_linux_amd64.go Sendfile */
go_error *
syscall_Sendfile(int outfd, int infd, int64_t *offset, size_t count, ssize_t *written)
{
	off_t off = offset != NULL ? (off_t)*offset : 0;
	bool onG = runtime_entersyscallOnG();
	go_error *err;

	*written = sendfile(outfd, infd, offset != NULL ? &off : NULL, count);
	err = exitsyscall(onG, *written < 0 ? errnoErr() : NULL);
	if (offset != NULL)
		*offset = off;
	return err;
}

/* Go: syscall/zsyscall_linux_amd64.go Splice */
go_error *
syscall_Splice(int rfd, int64_t *roff, int wfd, int64_t *woff, size_t len, int flags, int64_t *n)
{
	loff_t r = roff != NULL ? *roff : 0, w = woff != NULL ? *woff : 0;

	*n = splice(rfd, roff != NULL ? &r : NULL, wfd, woff != NULL ? &w : NULL, len,
		    (unsigned)flags);
	if (roff != NULL)
		*roff = r;
	if (woff != NULL)
		*woff = w;
	return *n < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_linux.go Pipe2 */
go_error *
syscall_Pipe2(int p[2], int flags)
{
	return pipe2(p, flags) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go SetsockoptByte */
go_error *
syscall_SetsockoptByte(int fd, int level, int opt, uint8_t value)
{
	return setsockopt(fd, level, opt, &value, 1) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go SetsockoptInet4Addr */
go_error *
syscall_SetsockoptInet4Addr(int fd, int level, int opt, const uint8_t value[4])
{
	return setsockopt(fd, level, opt, value, 4) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go SetsockoptLinger */
go_error *
syscall_SetsockoptLinger(int fd, int level, int opt, const struct linger *l)
{
	return setsockopt(fd, level, opt, l, sizeof(*l)) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go SetsockoptIPMreq */
go_error *
syscall_SetsockoptIPMreq(int fd, int level, int opt, const struct ip_mreq *mreq)
{
	return setsockopt(fd, level, opt, mreq, sizeof(*mreq)) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_linux.go SetsockoptIPMreqn */
go_error *
syscall_SetsockoptIPMreqn(int fd, int level, int opt, const struct ip_mreqn *mreq)
{
	return setsockopt(fd, level, opt, mreq, sizeof(*mreq)) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go SetsockoptIPv6Mreq */
go_error *
syscall_SetsockoptIPv6Mreq(int fd, int level, int opt, const struct ipv6_mreq *mreq)
{
	return setsockopt(fd, level, opt, mreq, sizeof(*mreq)) < 0 ? errnoErr() : NULL;
}

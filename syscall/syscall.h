// C port of the parts of go1.19 src/syscall that net and internal/poll use:
// Errno as an error value (syscall_unix.go), Sockaddr, and the socket system
// calls (syscall_unix.go, syscall_linux.go, exec_unix.go). Each call returns
// its errno as a static error (NULL on success), as Go's do.
#ifndef GONET_SYSCALL_SYSCALL_H
#define GONET_SYSCALL_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <netinet/in.h>

#include "errors/errors.h"
#include "syscall/zerrors_linux.h"

// Go: syscall.Errno. One static value per errno; `err == syscall_EAGAIN`
// compares errors as Go does.
typedef struct syscall_ErrnoValue {
	go_error err;
	const char *text; // Go's Error() text
} syscall_ErrnoValue;

extern const go_error_methods syscall_Errno_methods;
extern syscall_ErrnoValue syscall_errnos[syscall_maxErrno];
// Stands for any errno outside the table (Linux returns none): "errno out of range".
extern syscall_ErrnoValue syscall_errnoOutOfRange;

// syscall.Errno(e) as an error. Errno 0 is a non-nil error, as in Go.
static inline go_error *
syscall_Errno(int e)
{
	if (e < 0 || e >= syscall_maxErrno)
		return &syscall_errnoOutOfRange.err;
	return &syscall_errnos[e].err;
}

// The type assertion err.(syscall.Errno): true and *e set when err is one.
bool syscall_isErrno(go_error *err, int *e);

// Go: syscall.Sockaddr. C: the kernel's own address forms, in a union big
// enough for any of them; len == 0 is Go's nil Sockaddr.
typedef struct syscall_Sockaddr {
	socklen_t len;
	// C: Go's Sockaddr*.sockaddr() fails with EINVAL for what the kernel
	// form cannot hold (an IP port outside 0..65535, a Unix name longer
	// than sun_path); the calls that take a Sockaddr (Bind, Connect,
	// Sendto, SendmsgN) return EINVAL when this is set, as Go's do.
	bool invalid;
	union {
		struct sockaddr sa;
		struct sockaddr_in in4;
		struct sockaddr_in6 in6;
		struct sockaddr_un un;
		struct sockaddr_storage ss;
	} u;
} syscall_Sockaddr;

go_error *syscall_Socket(int domain, int typ, int proto, int *fd) GO_MUST_CHECK;
go_error *syscall_Socketpair(int domain, int typ, int proto, int fd[2]) GO_MUST_CHECK;
go_error *syscall_Connect(int fd, const syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_Bind(int fd, const syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_Listen(int s, int n) GO_MUST_CHECK;
go_error *syscall_Accept(int fd, int *nfd, syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_Accept4(int fd, int flags, int *nfd, syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_Close(int fd) GO_MUST_CHECK;
go_error *syscall_Unlink(const char *path) GO_MUST_CHECK;
go_error *syscall_GetsockoptInt(int fd, int level, int opt, int *value) GO_MUST_CHECK;
go_error *syscall_SetsockoptInt(int fd, int level, int opt, int value) GO_MUST_CHECK;
go_error *syscall_Getsockname(int fd, syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_Getpeername(int fd, syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_SetNonblock(int fd, bool nonblocking) GO_MUST_CHECK;
void syscall_CloseOnExec(int fd);

// ---- more system calls, for internal/poll (syscall/syscall_linux.c) ----
// Go: syscall.Read, Write, Pread, Pwrite ([]byte as pointer and length).
// *n is the kernel's result (-1 on error, as Go's n).
go_error *syscall_Read(int fd, uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *syscall_Write(int fd, const uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
// C: no Go twin. recv(2) and send(2) with no flags and no address: on a
// socket Linux defines them as read(2) and write(2), and they skip the file
// layer those go through first. poll.FD uses them for its network sockets.
go_error *syscall_Recv(int fd, uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *syscall_Send(int fd, const uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *syscall_Pread(int fd, uint8_t *p, size_t len, int64_t offset, ssize_t *n) GO_MUST_CHECK;
go_error *syscall_Pwrite(int fd, const uint8_t *p, size_t len, int64_t offset,
			 ssize_t *n) GO_MUST_CHECK;
// Go: syscall.Recvfrom, Sendto, Recvmsg, SendmsgN. A NULL or zero-length
// Sockaddr is Go's nil one.
go_error *syscall_Recvfrom(int fd, uint8_t *p, size_t len, int flags, ssize_t *n,
			   syscall_Sockaddr *from) GO_MUST_CHECK;
go_error *syscall_Sendto(int fd, const uint8_t *p, size_t len, int flags,
			 const syscall_Sockaddr *to) GO_MUST_CHECK;
go_error *syscall_Recvmsg(int fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen, int flags,
			  ssize_t *n, ssize_t *oobn, int *recvflags,
			  syscall_Sockaddr *from) GO_MUST_CHECK;
go_error *syscall_SendmsgN(int fd, const uint8_t *p, size_t len, const uint8_t *oob, size_t ooblen,
			   const syscall_Sockaddr *to, int flags, ssize_t *n) GO_MUST_CHECK;
// Go: syscall.Seek, Fchmod, Fchdir, Fstat, Fchown, Ftruncate, Fsync,
// Shutdown, Dup, ReadDirent (getdents64).
go_error *syscall_Seek(int fd, int64_t offset, int whence, int64_t *off) GO_MUST_CHECK;
go_error *syscall_Fchmod(int fd, uint32_t mode) GO_MUST_CHECK;
go_error *syscall_Fchdir(int fd) GO_MUST_CHECK;
struct stat;
go_error *syscall_Fstat(int fd, struct stat *st) GO_MUST_CHECK;
go_error *syscall_Fchown(int fd, int uid, int gid) GO_MUST_CHECK;
go_error *syscall_Ftruncate(int fd, int64_t length) GO_MUST_CHECK;
go_error *syscall_Fsync(int fd) GO_MUST_CHECK;
go_error *syscall_Shutdown(int fd, int how) GO_MUST_CHECK;
go_error *syscall_Dup(int oldfd, int *fd) GO_MUST_CHECK;
go_error *syscall_ReadDirent(int fd, uint8_t *buf, size_t len, ssize_t *n) GO_MUST_CHECK;
// Go: syscall.Sendfile, Splice, Pipe2 (Linux).
go_error *syscall_Sendfile(int outfd, int infd, int64_t *offset, size_t count,
			   ssize_t *written) GO_MUST_CHECK;
go_error *syscall_Splice(int rfd, int64_t *roff, int wfd, int64_t *woff, size_t len, int flags,
			 int64_t *n) GO_MUST_CHECK;
go_error *syscall_Pipe2(int p[2], int flags) GO_MUST_CHECK;
// Go: syscall.SetsockoptByte, SetsockoptInet4Addr, SetsockoptLinger,
// SetsockoptIPMreq, SetsockoptIPMreqn, SetsockoptIPv6Mreq.
// C: the option structures are the kernel's own.
struct linger;
struct ip_mreq;
struct ip_mreqn;
struct ipv6_mreq;
go_error *syscall_SetsockoptByte(int fd, int level, int opt, uint8_t value) GO_MUST_CHECK;
go_error *syscall_SetsockoptInet4Addr(int fd, int level, int opt,
				      const uint8_t value[4]) GO_MUST_CHECK;
go_error *syscall_SetsockoptLinger(int fd, int level, int opt,
				   const struct linger *l) GO_MUST_CHECK;
go_error *syscall_SetsockoptIPMreq(int fd, int level, int opt,
				   const struct ip_mreq *mreq) GO_MUST_CHECK;
go_error *syscall_SetsockoptIPMreqn(int fd, int level, int opt,
				    const struct ip_mreqn *mreq) GO_MUST_CHECK;
go_error *syscall_SetsockoptIPv6Mreq(int fd, int level, int opt,
				     const struct ipv6_mreq *mreq) GO_MUST_CHECK;

// Go: syscall.RawConn, the interface that gives access to a descriptor
// without taking it over. A C closure is a function and its environment.
//  - Control runs f(env, fd) while fd is guaranteed to stay open.
//  - Read and Write call f(env, fd) until it returns true (done), waiting
//    for the descriptor to become readable or writable in between.
// C: `free` is optional: a RawConn handed out by a SyscallConn method is
// heap memory released with syscall_RawConn_Free; one lent to a Control
// callback (Dialer.Control, ListenConfig.Control) is borrowed for the call.
typedef struct syscall_RawConn syscall_RawConn;
typedef struct syscall_RawConn_methods {
	const char *type; // Go's dynamic type name, e.g. "*net.rawConn"
	go_error *(*Control)(syscall_RawConn *c, void (*f)(void *env, uintptr_t fd), void *env);
	go_error *(*Read)(syscall_RawConn *c, bool (*f)(void *env, uintptr_t fd), void *env);
	go_error *(*Write)(syscall_RawConn *c, bool (*f)(void *env, uintptr_t fd), void *env);
	void (*free)(syscall_RawConn *c); // C only; NULL when borrowed
} syscall_RawConn_methods;
struct syscall_RawConn {
	const syscall_RawConn_methods *m;
};

// The interface calls.
static inline GO_MUST_CHECK go_error *
syscall_RawConn_Control(syscall_RawConn *c, void (*f)(void *env, uintptr_t fd), void *env)
{
	return c->m->Control(c, f, env);
}

static inline GO_MUST_CHECK go_error *
syscall_RawConn_Read(syscall_RawConn *c, bool (*f)(void *env, uintptr_t fd), void *env)
{
	return c->m->Read(c, f, env);
}

static inline GO_MUST_CHECK go_error *
syscall_RawConn_Write(syscall_RawConn *c, bool (*f)(void *env, uintptr_t fd), void *env)
{
	return c->m->Write(c, f, env);
}

// C: releases a RawConn a SyscallConn method returned (NULL is fine).
static inline void
syscall_RawConn_Free(syscall_RawConn *c)
{
	if (c != NULL && c->m->free != NULL)
		c->m->free(c);
}

#endif

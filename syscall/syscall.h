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
go_error *syscall_GetsockoptInt(int fd, int level, int opt, int *value) GO_MUST_CHECK;
go_error *syscall_SetsockoptInt(int fd, int level, int opt, int value) GO_MUST_CHECK;
go_error *syscall_Getsockname(int fd, syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_Getpeername(int fd, syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *syscall_SetNonblock(int fd, bool nonblocking) GO_MUST_CHECK;
void syscall_CloseOnExec(int fd);

#endif

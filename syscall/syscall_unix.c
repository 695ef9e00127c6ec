// C port of go1.19 src/syscall/syscall_unix.go (Errno's methods, Socket,
// Connect, GetsockoptInt ...) and exec_unix.go (SetNonblock, CloseOnExec).
#include "syscall/syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "internal_oserror/errors.h"
#include "runtime_netpoll/runtime_impl.h"

/* Go: syscall/syscall_unix.go (Errno).Error */
static const char *
Errno_Error(go_error *err)
{
	return ((syscall_ErrnoValue *)err)->text;
}

static int
errnoOf(go_error *err)
{
	return (int)((syscall_ErrnoValue *)err - syscall_errnos);
}

/* Go: syscall/syscall_unix.go (Errno).Is */
static bool
Errno_Is(go_error *err, go_error *target)
{
	int e = errnoOf(err);

	if (target == oserror_ErrPermission)
		return e == EACCES || e == EPERM;
	if (target == oserror_ErrExist)
		return e == EEXIST || e == ENOTEMPTY;
	if (target == oserror_ErrNotExist)
		return e == ENOENT;
	return false;
}

/* Go: syscall/syscall_unix.go (Errno).Timeout */
static bool
Errno_Timeout(go_error *err)
{
	int e = errnoOf(err);

	return e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT;
}

/* Go: syscall/syscall_unix.go (Errno).Temporary */
static bool
Errno_Temporary(go_error *err)
{
	int e = errnoOf(err);

	return e == EINTR || e == EMFILE || e == ENFILE || Errno_Timeout(err);
}

const go_error_methods syscall_Errno_methods = {
	.type = "syscall.Errno",
	.Error = Errno_Error,
	.Is = Errno_Is,
	.Timeout = Errno_Timeout,
	.Temporary = Errno_Temporary,
};

// C: outside the table's range errnoOf would index past it; this value has
// methods of its own that answer false.
static const go_error_methods errnoOutOfRange_methods = {
	.type = "syscall.Errno",
	.Error = Errno_Error,
};
syscall_ErrnoValue syscall_errnoOutOfRange = {{&errnoOutOfRange_methods}, "errno out of range"};

bool
syscall_isErrno(go_error *err, int *e)
{
	if (err == NULL || err->m != &syscall_Errno_methods)
		return false;
	*e = errnoOf(err);
	return true;
}

// errno of the call that just failed, as an error value.
static go_error *
errnoErr(void)
{
	return syscall_Errno(errno);
}

/* Go: syscall/syscall_unix.go Socket */
go_error *
syscall_Socket(int domain, int typ, int proto, int *fd)
{
	*fd = socket(domain, typ, proto);
	return *fd < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go Socketpair */
go_error *
syscall_Socketpair(int domain, int typ, int proto, int fd[2])
{
	return socketpair(domain, typ, proto, fd) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go Connect */
go_error *
syscall_Connect(int fd, const syscall_Sockaddr *sa)
{
	if (sa->invalid)
		return syscall_EINVAL;
	return connect(fd, &sa->u.sa, sa->len) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go Bind */
go_error *
syscall_Bind(int fd, const syscall_Sockaddr *sa)
{
	if (sa->invalid)
		return syscall_EINVAL;
	return bind(fd, &sa->u.sa, sa->len) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/zsyscall_linux_amd64.go Listen */
go_error *
syscall_Listen(int s, int n)
{
	return listen(s, n) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_linux_accept4.go Accept */
// C: the peer's address stays in the kernel's form (no anyToSockaddr), so
// no family can fail to convert.
go_error *
syscall_Accept(int fd, int *nfd, syscall_Sockaddr *sa)
{
	return syscall_Accept4(fd, 0, nfd, sa);
}

/* Go: syscall/syscall_linux.go Accept4 */
go_error *
syscall_Accept4(int fd, int flags, int *nfd, syscall_Sockaddr *sa)
{
	sa->len = sizeof(sa->u);
	*nfd = accept4(fd, &sa->u.sa, &sa->len, flags);
	if (*nfd < 0) {
		sa->len = 0;
		return errnoErr();
	}
	return NULL;
}

/* Go: syscall/zsyscall_linux_amd64.go Close */
// close(2) can block: on a socket with SO_LINGER set it waits up to the
// linger time for unsent data. Go's Close is a Syscall, which tells the
// scheduler, so sysmon hands the P on and other goroutines run meanwhile;
// so does this one when a goroutine calls it (TestCloseLingerLeavesP). C:
// errno is read before exitsyscall, which may resume the goroutine on
// another thread.
go_error *
syscall_Close(int fd)
{
	bool onG = runtime_entersyscallOnG();
	int r = close(fd), e = errno;

	if (onG)
		runtime_exitsyscall();
	return r < 0 ? syscall_Errno(e) : NULL;
}

/* Go: syscall/syscall_linux.go Unlink */
// C: Go's Unlink is unlinkat(AT_FDCWD, path, 0), which unlink(2) is.
go_error *
syscall_Unlink(const char *path)
{
	return unlink(path) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go GetsockoptInt */
go_error *
syscall_GetsockoptInt(int fd, int level, int opt, int *value)
{
	socklen_t n = sizeof(*value);

	*value = 0;
	return getsockopt(fd, level, opt, value, &n) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go SetsockoptInt */
go_error *
syscall_SetsockoptInt(int fd, int level, int opt, int value)
{
	return setsockopt(fd, level, opt, &value, sizeof(value)) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/syscall_unix.go Getsockname */
go_error *
syscall_Getsockname(int fd, syscall_Sockaddr *sa)
{
	sa->len = sizeof(sa->u);
	if (getsockname(fd, &sa->u.sa, &sa->len) < 0) {
		sa->len = 0;
		return errnoErr();
	}
	return NULL;
}

/* Go: syscall/syscall_unix.go Getpeername */
go_error *
syscall_Getpeername(int fd, syscall_Sockaddr *sa)
{
	sa->len = sizeof(sa->u);
	if (getpeername(fd, &sa->u.sa, &sa->len) < 0) {
		sa->len = 0;
		return errnoErr();
	}
	return NULL;
}

/* Go: syscall/exec_unix.go SetNonblock */
go_error *
syscall_SetNonblock(int fd, bool nonblocking)
{
	int flag = fcntl(fd, F_GETFL);

	if (flag < 0)
		return errnoErr();
	flag = nonblocking ? flag | O_NONBLOCK : flag & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, flag) < 0 ? errnoErr() : NULL;
}

/* Go: syscall/exec_unix.go CloseOnExec */
void
syscall_CloseOnExec(int fd)
{
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
}

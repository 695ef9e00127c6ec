// Tests of syscall.Errno and the syscall wrappers (Go has them in
// syscall/syscall_test.go and os/error_test.go; the texts are Go's).
#include "testmain.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "errors/errors.h"
#include "os/error.h"
#include "syscall/syscall.h"

// Go prints its own lower-case table, not strerror's.
static void
TestErrnoError(void **state)
{
	static const struct {
		int e;
		const char *want;
	} tests[] = {
		{ECONNREFUSED, "connection refused"},
		{EAGAIN, "resource temporarily unavailable"},
		{EMFILE, "too many open files"},
		{ETIMEDOUT, "connection timed out"},
		{EADDRINUSE, "address already in use"},
		{0, "errno 0"},
		{200, "errno 200"},
		{-1, "errno out of range"},
		{5000, "errno out of range"},
	};
	(void)state;
	for (size_t i = 0; i < nelem(tests); i++)
		assert_error_text(syscall_Errno(tests[i].e), tests[i].want);
	assert_ptr_equal(syscall_Errno(EAGAIN), syscall_EAGAIN);
	assert_ptr_equal(syscall_EWOULDBLOCK, syscall_EAGAIN);
}

/* Go: syscall/syscall_unix.go (Errno).Timeout, Temporary, Is */
static void
TestErrnoMethods(void **state)
{
	int e = 0;

	(void)state;
	assert_true(go_error_Timeout(syscall_EAGAIN));
	assert_true(go_error_Timeout(syscall_ETIMEDOUT));
	assert_false(go_error_Timeout(syscall_ECONNREFUSED));
	assert_true(go_error_Temporary(syscall_EINTR));
	assert_true(go_error_Temporary(syscall_EMFILE));
	assert_true(go_error_Temporary(syscall_ENFILE));
	assert_true(go_error_Temporary(syscall_EAGAIN));
	assert_false(go_error_Temporary(syscall_ECONNRESET));
	assert_false(go_error_Timeout(syscall_Errno(-1)));
	assert_true(errors_Is(syscall_EPERM, os_ErrPermission));
	assert_true(errors_Is(syscall_EACCES, os_ErrPermission));
	assert_true(errors_Is(syscall_ENOTEMPTY, os_ErrExist));
	assert_true(errors_Is(syscall_ENOENT, os_ErrNotExist));
	assert_false(errors_Is(syscall_ENOENT, os_ErrExist));
	assert_true(syscall_isErrno(syscall_EINVAL, &e));
	assert_int_equal(e, EINVAL);
	assert_false(syscall_isErrno(os_ErrClosed, &e));
	assert_false(syscall_isErrno(NULL, &e));
	assert_false(syscall_isErrno(syscall_Errno(9999), &e));
}

/* Go: os/error.go NewSyscallError */
static void
TestSyscallError(void **state)
{
	go_error *err;
	go_error *errno_ = NULL;

	(void)state;
	assert_null(os_NewSyscallError("connect", NULL));
	err = os_NewSyscallError("connect", syscall_ECONNREFUSED);
	assert_error_text(err, "connect: connection refused");
	assert_ptr_equal(errors_Unwrap(err), syscall_ECONNREFUSED);
	assert_true(errors_Is(err, syscall_ECONNREFUSED));
	assert_true(errors_As(err, &syscall_Errno_methods, &errno_));
	assert_ptr_equal(errno_, syscall_ECONNREFUSED);
	assert_false(go_error_Timeout(err));
	assert_false(go_error_Temporary(err)); // *SyscallError has no Temporary
	go_error_release(err);
	err = os_NewSyscallError("read", syscall_EAGAIN);
	assert_true(go_error_Timeout(err));
	assert_false(go_error_Temporary(err));
	go_error_release(err);
}

// The wrappers return Go's errors from real calls.
static void
TestSyscallWrappers(void **state)
{
	int fd = -1, fds[2], v = 0, flags;
	syscall_Sockaddr sa = {0};

	(void)state;
	assert_ptr_equal(syscall_Socket(12345, SOCK_STREAM, 0, &fd), syscall_EAFNOSUPPORT);
	assert_ptr_equal(syscall_Close(-1), syscall_EBADF);
	assert_null(syscall_Socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
	assert_null(syscall_SetNonblock(fds[0], true));
	flags = fcntl(fds[0], F_GETFL);
	assert_true(flags & O_NONBLOCK);
	assert_null(syscall_SetNonblock(fds[0], false));
	assert_false(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	syscall_CloseOnExec(fds[0]);
	assert_true(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
	assert_null(syscall_GetsockoptInt(fds[0], SOL_SOCKET, SO_TYPE, &v));
	assert_int_equal(v, SOCK_STREAM);
	assert_null(syscall_SetsockoptInt(fds[0], SOL_SOCKET, SO_SNDBUF, 65536));
	assert_null(syscall_Getsockname(fds[0], &sa));
	assert_int_equal(sa.u.sa.sa_family, AF_UNIX);
	assert_null(syscall_Getpeername(fds[0], &sa));
	assert_ptr_equal(syscall_Accept4(fds[0], 0, &fd, &sa), syscall_EINVAL);
	assert_int_equal(sa.len, 0);
	assert_ptr_equal(syscall_Listen(fds[0], 1), syscall_EINVAL);
	assert_ptr_equal(syscall_Getsockname(-1, &sa), syscall_EBADF);
	assert_ptr_equal(syscall_Getpeername(-1, &sa), syscall_EBADF);
	assert_ptr_equal(syscall_SetNonblock(-1, true), syscall_EBADF);
	assert_null(syscall_Close(fds[0]));
	assert_null(syscall_Close(fds[1]));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestErrnoError),
	cmocka_unit_test(TestErrnoMethods),
	cmocka_unit_test(TestSyscallError),
	cmocka_unit_test(TestSyscallWrappers),
};

GONET_TEST_MAIN(tests)

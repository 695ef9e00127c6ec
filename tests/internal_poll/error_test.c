// C port of go1.19 src/internal/poll/error_test.go (TestReadError, with
// error_linux_test.go's badStateFile), and the package's error values
// (fd.go): texts, Timeout and Temporary, dynamic types for errors_As, and
// convertErr's mapping of the runtime's codes.
#include "gotest.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "internal_poll/poll_impl.h"
#include "os/error.h"
#include "runtime_netpoll/netpoll.h"
#include "time/time.h"

/* Go: internal/poll/error_linux_test.go isBadStateFileError */
static bool
isBadStateFileError(go_error *err)
{
	return err == poll_ErrNotPollable || err == syscall_EBADFD;
}

/* Go: internal/poll/error_test.go TestReadError/ErrNotPollable */
// C: badStateFile is /dev/net/tun opened as os.OpenFile would (O_RDWR,
// non-blocking, registered with the poller as a "file"): epoll reports an
// error on it, or read fails with EBADFD.
GO_TEST(TestReadError)
{
	poll_FD f = {0};
	uint8_t b[1];
	ssize_t n;
	go_error *err;

	if (getuid() != 0)
		GO_SKIP(); // Go: "must be root"
	f.Sysfd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (f.Sysfd < 0)
		GO_SKIP();
	f.ZeroReadIsEOF = true;
	go_error_release(poll_FD_Init(&f, "file", true)); // Go's os ignores it too

	// Give the poller and the waiter a chance to be separate goroutines.
	time_Sleep(100 * time_Millisecond);

	err = poll_FD_Read(&f, b, sizeof(b), &n);
	if (!isBadStateFileError(err))
		fail_msg("got %s; want not pollable or file in bad state error",
			 err != NULL ? go_error_Error(err) : "<nil>");
	go_error_release(poll_FD_Close(&f));
}

// C: fd.go's error values.
static void
TestErrorValues(void **state)
{
	go_error *target = NULL;

	(void)state;
	assert_string_equal(go_error_Error(poll_ErrNetClosing), "use of closed network connection");
	assert_false(go_error_Timeout(poll_ErrNetClosing));
	assert_false(go_error_Temporary(poll_ErrNetClosing));
	assert_string_equal(go_error_Error(poll_ErrFileClosing), "use of closed file");
	assert_string_equal(go_error_Error(poll_ErrNoDeadline),
			    "file type does not support deadline");
	assert_string_equal(go_error_Error(poll_ErrNotPollable), "not pollable");
	assert_string_equal(go_error_Error(poll_ErrDeadlineExceeded), "i/o timeout");
	assert_true(go_error_Timeout(poll_ErrDeadlineExceeded));
	assert_true(go_error_Temporary(poll_ErrDeadlineExceeded));
	assert_true(
		errors_As(poll_ErrDeadlineExceeded, &poll_DeadlineExceededError_methods, &target));
	assert_ptr_equal(target, poll_ErrDeadlineExceeded);
	assert_true(errors_As(poll_ErrNetClosing, &poll_errNetClosing_methods, &target));

	assert_ptr_equal(poll_errClosing(false), poll_ErrNetClosing);
	assert_ptr_equal(poll_errClosing(true), poll_ErrFileClosing);

	// Wrapped, as net wraps them: errors_Is finds them.
	{
		go_error *w = os_NewSyscallError("read", poll_ErrDeadlineExceeded);
		assert_true(errors_Is(w, poll_ErrDeadlineExceeded));
		assert_true(go_error_Timeout(w));
		assert_string_equal(go_error_Error(w), "read: i/o timeout");
		go_error_release(w);
	}

	// errnoErr.
	assert_null(poll_errnoErr(0));
	assert_ptr_equal(poll_errnoErr(EAGAIN), syscall_EAGAIN);
	assert_ptr_equal(poll_errnoErr(EINVAL), syscall_EINVAL);
}

/* C: internal/poll/fd_poll_runtime.go convertErr */
static void
TestConvertErr(void **state)
{
	(void)state;
	assert_null(poll_convertErr(runtime_pollNoError, false));
	assert_ptr_equal(poll_convertErr(runtime_pollErrClosing, false), poll_ErrNetClosing);
	assert_ptr_equal(poll_convertErr(runtime_pollErrClosing, true), poll_ErrFileClosing);
	assert_ptr_equal(poll_convertErr(runtime_pollErrTimeout, false), poll_ErrDeadlineExceeded);
	assert_ptr_equal(poll_convertErr(runtime_pollErrNotPollable, false), poll_ErrNotPollable);
	// Anything else: panic("unreachable").
	expect_assert_failure(poll_convertErr(42, false));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestReadError),
	cmocka_unit_test(TestErrorValues),
	cmocka_unit_test(TestConvertErr),
};

GONET_TEST_MAIN(tests)

// Tests of go1.19 src/internal/poll/sock_cloexec.go and FD.Accept through
// the hooks, with a socktest.Switch installed (Go: net's main_test.go
// setup): a real accept on 127.0.0.1, faults injected into accept4 (an
// error returned as is, ECONNABORTED retried, ENOSYS sending accept to
// the accept+fcntl fallback) and into close (Close returns the error).
// Every test ends asserting that no socket leaked.
#include "gotest.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>

#include "hooks/hooks.h"
#include "internal_poll/poll_impl.h"
#include "polltest.h"
#include "socktest/socktest.h"
#include "socktest_install.h"

static int socketsAtStart;

static int
setup(void **state)
{
	(void)state;
	socketsAtStart = testOpenSockets();
	installTestHooks();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	forceCloseSockets();
	uninstallTestHooks();
	socktest_Switch_destroy(&sw);
	return 0;
}

static void
assertNoLeak(void)
{
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

// Filters. failures: how many calls fail before the rest pass.
static _Atomic int failures;
static go_error *failWith;

static go_error *
failFirst(socktest_Status *st, socktest_AfterFilter *af)
{
	(void)st;
	(void)af;
	if (atomic_fetch_sub(&failures, 1) > 0)
		return failWith;
	return NULL;
}

static void
setFilter(socktest_FilterType t, go_error *err, int n)
{
	failWith = err;
	atomic_store(&failures, n);
	socktest_Switch_Set(&sw, t, failFirst);
}

// Accepts one connection from a dialer and checks the accepted socket is
// non-blocking and close-on-exec, as accept must leave it.
static go_error *
acceptOne(poll_FD *ln, const syscall_Sockaddr *addr, const char **errcall)
{
	syscall_Sockaddr rsa;
	int s, c = pollDialTCP(addr);
	go_error *err;

	assert_true(c >= 0);
	err = poll_FD_Accept(ln, &s, &rsa, errcall);
	if (err == NULL) {
		poll_FD fd = {.Sysfd = s, .IsStream = true, .ZeroReadIsEOF = true};
		assert_true(s >= 0);
		assert_int_equal(rsa.u.sa.sa_family, AF_INET);
		assert_string_equal(*errcall, "");
		assert_int_equal(fcntl(s, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
		assert_int_equal(fcntl(s, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
		assert_null(poll_FD_Init(&fd, "tcp", true));
		pollClose(&fd);
	} else {
		assert_int_equal(s, -1);
		assert_int_equal(rsa.len, 0);
	}
	go_error_release(poll_CloseFunc(c));
	return err;
}

GO_TEST(TestAccept)
{
	poll_FD ln;
	syscall_Sockaddr addr;
	const char *errcall;

	pollListenTCP(&ln, &addr);
	assert_null(acceptOne(&ln, &addr, &errcall));
	pollClose(&ln);
	assertNoLeak();
}

// An accept4 error other than "no accept4" comes back as is, named accept4.
GO_TEST(TestAcceptError)
{
	poll_FD ln;
	syscall_Sockaddr addr;
	const char *errcall;

	pollListenTCP(&ln, &addr);
	setFilter(socktest_FilterAccept, syscall_EMFILE, 1);
	assert_ptr_equal(acceptOne(&ln, &addr, &errcall), syscall_EMFILE);
	assert_string_equal(errcall, "accept4");
	socktest_Switch_Set(&sw, socktest_FilterAccept, NULL);
	// The connection is still queued: the next Accept takes it.
	{
		int s;
		syscall_Sockaddr rsa;
		poll_FD fd = {0};
		assert_null(poll_FD_Accept(&ln, &s, &rsa, &errcall));
		fd.Sysfd = s;
		assert_null(poll_FD_Init(&fd, "tcp", true));
		pollClose(&fd);
	}
	pollClose(&ln);
	assertNoLeak();
}

// ECONNABORTED (a queued connection reset before accept) is retried.
GO_TEST(TestAcceptConnAborted)
{
	poll_FD ln;
	syscall_Sockaddr addr;
	const char *errcall;

	pollListenTCP(&ln, &addr);
	setFilter(socktest_FilterAccept, syscall_ECONNABORTED, 2);
	assert_null(acceptOne(&ln, &addr, &errcall));
	assert_true(atomic_load(&failures) < 0); // both failures were retried
	socktest_Switch_Set(&sw, socktest_FilterAccept, NULL);
	pollClose(&ln);
	assertNoLeak();
}

// ENOSYS, EINVAL, EACCES, EFAULT from accept4 mean "no accept4": accept,
// then close-on-exec and non-blocking by hand.
GO_TEST(TestAcceptFallback)
{
	go_error *const noAccept4[] = {syscall_ENOSYS, syscall_EINVAL, syscall_EACCES,
				       syscall_EFAULT};
	poll_FD ln;
	syscall_Sockaddr addr;
	const char *errcall;

	pollListenTCP(&ln, &addr);
	for (size_t i = 0; i < nelem(noAccept4); i++) {
		setFilter(socktest_FilterAccept, noAccept4[i], 1);
		assert_null(acceptOne(&ln, &addr, &errcall));
	}
	// The fallback's own failure is named accept.
	setFilter(socktest_FilterAccept, syscall_ENOSYS, 2);
	assert_ptr_equal(acceptOne(&ln, &addr, &errcall), syscall_ENOSYS);
	assert_string_equal(errcall, "accept");
	socktest_Switch_Set(&sw, socktest_FilterAccept, NULL);
	pollClose(&ln);
	// The refused connection stayed in the listener's queue, now closed.
	assertNoLeak();
}

// Close returns CloseFunc's error (and the descriptor is gone from the
// FD's point of view; the switch left it open, and forceCloseSockets
// closes it in teardown, as Go's TestMain does).
GO_TEST(TestCloseError)
{
	poll_FD ln;
	syscall_Sockaddr addr;
	go_error *err;

	pollListenTCP(&ln, &addr);
	setFilter(socktest_FilterClose, syscall_EIO, 1);
	err = poll_FD_Close(&ln);
	assert_ptr_equal(err, syscall_EIO);
	assert_int_equal(ln.Sysfd, -1);
	assert_ptr_equal(poll_FD_Close(&ln), poll_ErrNetClosing);
	socktest_Switch_Set(&sw, socktest_FilterClose, NULL);
	assert_int_equal(socktest_Switch_numSockets(&sw), 1);
	forceCloseSockets();
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestAccept, setup, teardown),
	cmocka_unit_test_setup_teardown(TestAcceptError, setup, teardown),
	cmocka_unit_test_setup_teardown(TestAcceptConnAborted, setup, teardown),
	cmocka_unit_test_setup_teardown(TestAcceptFallback, setup, teardown),
	cmocka_unit_test_setup_teardown(TestCloseError, setup, teardown),
};

GONET_TEST_MAIN(tests)

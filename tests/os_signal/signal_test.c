// After go1.19 src/os/signal/signal_test.go (TestSignal, TestStop), with
// SIGHUP and SIGWINCH raised in this process. C: Go sends them with
// kill(getpid()); raise() sends them to the running thread, which TSan
// (it holds a signal for a thread until that thread calls into libc)
// then delivers at once.
#include "gotest.h"

#include <signal.h>
#include <unistd.h>

#include "os_signal/signal.h"
#include "runtime_netpoll/chan.h"
#include "time/time.h"

// Waits up to a second (scaled under valgrind) for sig on c.
static void
waitSig(runtime_hchan *c, int sig)
{
	time_Timer *timeout = time_NewTimer(time_Second * testTimeScale());
	int got = 0;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, c, &got},
		{runtime_selectRecv, timeout->C, NULL},
	};
	int chosen = runtime_rselect(cases, 2, NULL);

	time_Timer_Free(timeout);
	assert_int_equal(chosen, 0);
	assert_int_equal(got, sig);
}

// Fails if anything arrives on c within 50 ms.
static void
quiet(runtime_hchan *c)
{
	time_Sleep(50 * time_Millisecond);
	assert_int_equal(runtime_chanlen(c), 0);
}

/* Go: os/signal/signal_test.go TestSignal */
GO_TEST(TestSignal)
{
	runtime_hchan *c = runtime_makechan(sizeof(int), 1);
	runtime_hchan *c1 = runtime_makechan(sizeof(int), 1);

	// Ask for SIGHUP.
	os_signal_Notify(c, (int[]){SIGHUP}, 1);
	raise(SIGHUP);
	waitSig(c, SIGHUP);

	// Ask for everything we can get; c1 sees SIGWINCH, c does not.
	os_signal_Notify(c1, NULL, 0);
	raise(SIGWINCH);
	waitSig(c1, SIGWINCH);
	quiet(c);

	// Both see SIGHUP.
	raise(SIGHUP);
	waitSig(c, SIGHUP);
	waitSig(c1, SIGHUP);

	os_signal_Stop(c1);
	os_signal_Stop(c);
	runtime_chanfree(c);
	runtime_chanfree(c1);
}

/* Go: os/signal/signal_test.go TestStop */
// After Stop, a caught signal no longer reaches the channel; with no
// channel left, the signal's old action is back (here: ignore SIGWINCH,
// whose default is to ignore it too).
GO_TEST(TestStop)
{
	runtime_hchan *c = runtime_makechan(sizeof(int), 1);
	runtime_hchan *keep = runtime_makechan(sizeof(int), 1);

	os_signal_Notify(c, (int[]){SIGWINCH}, 1);
	os_signal_Notify(keep, (int[]){SIGWINCH}, 1);
	raise(SIGWINCH);
	waitSig(c, SIGWINCH);
	waitSig(keep, SIGWINCH);
	os_signal_Stop(c);
	raise(SIGWINCH);
	waitSig(keep, SIGWINCH);
	quiet(c);
	os_signal_Stop(keep);
	os_signal_Stop(keep); // a second Stop does nothing
	runtime_chanfree(c);
	runtime_chanfree(keep);
}

/* Go: Notify with a nil channel panics. */
GO_TEST(TestNotifyNilChannel)
{
	expect_assert_failure(os_signal_Notify(NULL, (int[]){SIGHUP}, 1));
}

static const struct CMUnitTest tests[] = {
	// clang-format off
	cmocka_unit_test(TestSignal),
	cmocka_unit_test(TestStop),
	cmocka_unit_test(TestNotifyNilChannel),
	// clang-format on
};

GONET_TEST_MAIN(tests)

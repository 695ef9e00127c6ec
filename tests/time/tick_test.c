// C port of go1.19 src/time/tick_test.go: Ticker, Tick.
#include "gotest.h"

#include <stdio.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "time/time.h"

GO_TEST(TestTicker)
{
	// Timing tests are flaky by nature: a short round first, a long one
	// if it fails, as Go does.
	static const struct {
		int count;
		time_Duration delta;
	} tests[] = {
		{10, 20 * time_Millisecond},
		{8, 1 * time_Second},
	};
	char errs[2][256];
	int nerrs = 0;

	for (size_t ti = 0; ti < nelem(tests); ti++) {
		int count = tests[ti].count;
		time_Duration delta = tests[ti].delta * testTimeScale();
		time_Ticker *ticker = time_NewTicker(delta);
		time_Time t0 = time_Now();
		time_Duration dt, target, slop;

		for (int i = 0; i < count / 2; i++)
			runtime_chanrecv1(ticker->C, NULL);
		time_Ticker_Reset(ticker, delta * 2);
		for (int i = count / 2; i < count; i++)
			runtime_chanrecv1(ticker->C, NULL);
		time_Ticker_Stop(ticker);
		dt = time_Since(t0);
		target = 3 * delta * (time_Duration)(count / 2);
		slop = target * 3 / 10;
		if (dt < target - slop || dt > target + slop) {
			snprintf(errs[nerrs++], sizeof(errs[0]),
				 "%d %s ticks then %d %s ticks took %s, expected [%s,%s]",
				 count / 2, time_Duration_String(delta).s, count / 2,
				 time_Duration_String(delta * 2).s, time_Duration_String(dt).s,
				 time_Duration_String(target - slop).s,
				 time_Duration_String(target + slop).s);
			if (dt > target + slop)
				time_Sleep(time_Second / 2); // overloaded: let it recover
			time_Ticker_Free(ticker);
			continue;
		}
		// The ticker has stopped.
		time_Sleep(2 * delta);
		if (runtime_selectnbrecv(NULL, ticker->C, NULL)) {
			snprintf(errs[nerrs++], sizeof(errs[0]), "Ticker did not shut down");
			time_Ticker_Free(ticker);
			continue;
		}
		time_Ticker_Free(ticker);
		for (int i = 0; i < nerrs; i++)
			print_message("ignored to avoid flakiness: %s\n", errs[i]);
		return;
	}
	for (int i = 0; i < nerrs; i++)
		print_error("%s\n", errs[i]);
	fail_msg("saw %d errors", nerrs);
}

// Go issue 21874: Stop on a Ticker made without NewTicker.
GO_TEST(TestTickerStopWithDirectInitialization)
{
	runtime_hchan *c = runtime_makechan(sizeof(time_Time), 0);
	time_Ticker tk = {.C = c};

	time_Ticker_Stop(&tk);
	runtime_chanfree(c);
}

// Tearing a ticker down must not deadlock.
GO_TEST(TestTeardown)
{
	time_Duration Delta = (testUnderValgrind() ? 20 : 100) * time_Millisecond;

	for (int i = 0; i < 3; i++) {
		time_Ticker *ticker = time_NewTicker(Delta);

		runtime_chanrecv1(ticker->C, NULL);
		time_Ticker_Stop(ticker);
		time_Ticker_Free(ticker);
	}
}

// The Tick convenience wrapper.
GO_TEST(TestTick)
{
	runtime_hchan *c;
	time_Time t;

	// A negative duration gives nil.
	if ((c = time_Tick(-1)) != NULL)
		fail_msg("Tick(-1) = %p; want nil", (void *)c);
	// C: and a positive one ticks (Go's test stops at nil).
	c = time_Tick(time_Millisecond);
	runtime_chanrecv1(c, &t);
	runtime_chanrecv1(c, &t);
	assert_false(time_Time_IsZero(t));
	time_Tick_Free(c);
}

GO_TEST(TestNewTickerLtZeroDuration)
{
	expect_assert_failure(time_NewTicker(-1));
}

GO_TEST(TestTickerResetLtZeroDuration)
{
	time_Ticker *tk = time_NewTicker(time_Second);

	expect_assert_failure(time_Ticker_Reset(tk, 0));
	time_Ticker_Free(tk);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestTicker),
	cmocka_unit_test(TestTickerStopWithDirectInitialization),
	cmocka_unit_test(TestTeardown),
	cmocka_unit_test(TestTick),
	cmocka_unit_test(TestNewTickerLtZeroDuration),
	cmocka_unit_test(TestTickerResetLtZeroDuration),
};

GONET_TEST_MAIN(tests)

// C port of the channel tests of go1.19 src/time/sleep_test.go: Timer.C,
// After, Reset and Stop with channels. (sleep_test.c holds the rest of
// that file, written without channels.) Timing tolerances are Go's,
// scaled by testTimeScale() under valgrind.
#include "gotest.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

GO_TEST(TestAfter)
{
	const time_Duration delay = 100 * time_Millisecond;
	time_Time start = time_Now(), end, min;
	runtime_hchan *c = time_After(delay);
	time_Duration duration;

	runtime_chanrecv1(c, &end);
	time_After_Free(c);
	if ((duration = time_Time_Sub(time_Now(), start)) < delay)
		fail_msg("After(%s) slept for only %lld ns", time_Duration_String(delay).s,
			 (long long)duration);
	min = time_Time_Add(start, delay);
	if (time_Time_Before(end, min))
		fail_msg("After(%s) expect >= min, got earlier", time_Duration_String(delay).s);
}

GO_TEST(TestAfterTick)
{
	enum { Count = 10 };
	time_Duration Delta = 100 * time_Millisecond;
	time_Time t0 = time_Now();
	time_Duration d, target;

	if (testUnderValgrind())
		Delta = 10 * time_Millisecond; // Go: testing.Short
	for (int i = 0; i < Count; i++) {
		runtime_hchan *c = time_After(Delta);

		runtime_chanrecv1(c, NULL);
		time_After_Free(c);
	}
	d = time_Since(t0);
	target = Delta * Count;
	if (d < target * 9 / 10)
		fail_msg("%d ticks of %s too fast: took %s, expected %s", Count,
			 time_Duration_String(Delta).s, time_Duration_String(d).s,
			 time_Duration_String(target).s);
	if (!testUnderValgrind() && d > target * 30 / 10)
		fail_msg("%d ticks of %s too slow: took %s, expected %s", Count,
			 time_Duration_String(Delta).s, time_Duration_String(d).s,
			 time_Duration_String(target).s);
}

static void
nop(void *arg)
{
	(void)arg;
}

static void
sendTrue(void *arg)
{
	bool t = true;

	(void)runtime_selectnbsend(arg, &t); // c1 <- true (buffered 1)
}

GO_TEST(TestAfterStop)
{
	// Flaky by nature: fail only after five failures in a row, as Go.
	const char *err = NULL;

	for (int i = 0; i < 5; i++) {
		time_Timer *tf = time_AfterFunc(100 * time_Millisecond, nop, NULL);
		time_Timer *t0 = time_NewTimer(50 * time_Millisecond);
		runtime_hchan *c1 = runtime_makechan(sizeof(bool), 1);
		time_Timer *t1 = time_AfterFunc(150 * time_Millisecond, sendTrue, c1);
		runtime_hchan *c2 = time_After(200 * time_Millisecond);
		runtime_selectCase cases[] = {
			{runtime_selectRecv, t0->C, NULL},
			{runtime_selectRecv, c1, NULL},
		};

		err = NULL;
		if (!time_Timer_Stop(t0)) {
			err = "failed to stop event 0";
			goto next;
		}
		if (!time_Timer_Stop(t1)) {
			err = "failed to stop event 1";
			goto next;
		}
		runtime_chanrecv1(c2, NULL);
		switch (runtime_select(cases, 2, false, NULL)) {
		case 0:
			err = "event 0 was not stopped";
			goto next;
		case 1:
			err = "event 1 was not stopped";
			goto next;
		}
		if (time_Timer_Stop(t1))
			err = "Stop returned true twice";
next:
		// C: Go leaves these to the GC. tf has fired by now (c2 came
		// later) and its goroutine does nothing.
		time_Timer_Free(tf);
		time_Timer_Free(t0);
		time_Timer_Free(t1);
		time_After_Free(c2);
		runtime_chanfree(c1);
		if (err == NULL)
			return;
	}
	fail_msg("%s", err);
}

// --- TestAfterQueuing ---------------------------------------------------------

static const int slots[] = {5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0};

struct afterResult {
	int slot;
	time_Time t;
};

struct awaitArg {
	int slot;
	runtime_hchan *result, *ac;
	sync_WaitGroup *wg; // C: tells when result may be freed
};

/* Go: time/sleep_test.go await */
static void
await(void *arg)
{
	struct awaitArg *a = arg;
	struct afterResult r = {a->slot, {0, 0}};

	runtime_chanrecv1(a->ac, &r.t);
	runtime_chansend1(a->result, &r);
	sync_WaitGroup_Done(a->wg);
}

static const char *
testAfterQueuing(time_Duration delta)
{
	static char msg[256];
	runtime_hchan *result = runtime_makechan(sizeof(struct afterResult), nelem(slots));
	struct awaitArg args[nelem(slots)];
	int order[nelem(slots)];
	time_Time times[nelem(slots)];
	time_Time t0 = time_Now();
	const char *err = NULL;
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;

	sync_WaitGroup_Add(&wg, (int)nelem(slots));
	for (size_t i = 0; i < nelem(slots); i++) {
		args[i] = (struct awaitArg){slots[i], result, time_After(slots[i] * delta), &wg};
		go(await, &args[i]);
	}
	for (size_t i = 0; i < nelem(slots); i++) {
		struct afterResult r;

		runtime_chanrecv1(result, &r);
		order[i] = r.slot;
		times[i] = r.t;
	}
	for (size_t i = 1; i < nelem(slots); i++)
		if (order[i] < order[i - 1]) {
			err = "After calls returned out of order";
			goto out;
		}
	for (size_t i = 0; i < nelem(slots); i++) {
		time_Duration dt = time_Time_Sub(times[i], t0);
		time_Duration target = order[i] * delta;

		if (dt < target - delta / 2 || dt > target + delta * 10) {
			snprintf(msg, sizeof(msg), "After(%s) arrived at %s, expected [%s,%s]",
				 time_Duration_String(target).s, time_Duration_String(dt).s,
				 time_Duration_String(target - delta / 2).s,
				 time_Duration_String(target + delta * 10).s);
			err = msg;
			goto out;
		}
	}
out:
	sync_WaitGroup_Wait(&wg); // C: before the channels go
	for (size_t i = 0; i < nelem(slots); i++)
		time_After_Free(args[i].ac);
	runtime_chanfree(result);
	return err;
}

GO_TEST(TestAfterQueuing)
{
	const char *err = "!=nil";

	for (int i = 0; i < 5 && err != NULL; i++) {
		time_Duration delta = (time_Duration)(20 + i * 50) * time_Millisecond;

		if ((err = testAfterQueuing(delta * testTimeScale())) != NULL)
			print_message("attempt %d failed: %s\n", i, err);
	}
	if (err != NULL)
		fail_msg("%s", err);
}

// --- TestReset ----------------------------------------------------------------

static bool
ready(runtime_hchan *c)
{
	return runtime_selectnbrecv(NULL, c, NULL);
}

/* Go: time/sleep_test.go testReset */
static const char *
testReset(time_Duration d)
{
	time_Timer *t0 = time_NewTimer(2 * d);
	const char *err = NULL;

	time_Sleep(d);
	if (!time_Timer_Reset(t0, 3 * d)) {
		err = "resetting unfired timer returned false";
		goto out;
	}
	time_Sleep(2 * d);
	if (ready(t0->C)) {
		err = "timer fired early";
		goto out;
	}
	time_Sleep(2 * d);
	if (!ready(t0->C)) {
		err = "reset timer did not fire";
		goto out;
	}
	if (time_Timer_Reset(t0, 50 * time_Millisecond))
		err = "resetting expired timer returned true";
out:
	time_Timer_Free(t0);
	return err;
}

GO_TEST(TestReset)
{
	const time_Duration unit = 25 * time_Millisecond;
	const time_Duration tries[] = {1 * unit, 3 * unit, 7 * unit, 15 * unit};
	const char *err = NULL;

	for (size_t i = 0; i < nelem(tries); i++) {
		err = testReset(tries[i] * testTimeScale());
		if (err == NULL)
			return;
	}
	fail_msg("%s", err);
}

// Test that zero duration timers aren't missed by the scheduler (Go issue
// 44868). C: 10000 rounds instead of a million.
GO_TEST(TestZeroTimer)
{
	int n = testUnderValgrind() ? 500 : 10000;

	for (int i = 0; i < n; i++) {
		time_Time s = time_Now();
		time_Timer *ti = time_NewTimer(0);
		time_Duration diff;

		runtime_chanrecv1(ti->C, NULL);
		time_Timer_Free(ti);
		if ((diff = time_Since(s)) > 2 * time_Second)
			fail_msg(
				"Expected time to get value from Timer channel in less than 2 sec, "
				"took %s",
				time_Duration_String(diff).s);
	}
}

// Moving a timer earlier quickly must not drop it (Go issue 47329).
GO_TEST(TestTimerModifiedEarlier)
{
	time_Duration past = time_Until(time_Unix(0, 0));
	int count = testUnderValgrind() ? 100 : 1000;
	int fail = 0;

	for (int i = 0; i < count; i++) {
		time_Timer *timer = time_NewTimer(time_Hour);
		time_Timer *deadline;
		runtime_selectCase cases[2];
		time_Time now;

		for (int j = 0; j < 10; j++) {
			if (!time_Timer_Stop(timer))
				runtime_chanrecv1(timer->C, NULL);
			time_Timer_Reset(timer, past);
		}

		deadline = time_NewTimer(10 * time_Second);
		now = time_Now();
		cases[0] = (runtime_selectCase){runtime_selectRecv, timer->C, NULL};
		cases[1] = (runtime_selectCase){runtime_selectRecv, deadline->C, NULL};
		switch (runtime_rselect(cases, 2, NULL)) {
		case 0:
			if (time_Since(now) > 8 * time_Second) {
				print_error("timer took too long\n");
				fail++;
			}
			break;
		case 1:
			print_error("deadline expired\n");
			fail++;
			break;
		}
		time_Timer_Stop(deadline); // C: Go defers it to the end
		time_Timer_Free(deadline);
		time_Timer_Free(timer);
	}
	if (fail > 0)
		fail_msg("%d failures", fail);
}

// Moving timers earlier and later quickly must not lose any (Go issue
// 47762).
GO_TEST(TestAdjustTimers)
{
	enum { ntimers = 100 };
	time_Timer *timers[ntimers] = {0};
	int states[ntimers] = {0};
	int indices[ntimers];
	int nindices = ntimers;

	for (int i = 0; i < ntimers; i++)
		indices[i] = i;
	for (int i = ntimers - 1; i > 0; i--) { // rnd.Perm
		int j = rand() % (i + 1), x = indices[i];

		indices[i] = indices[j];
		indices[j] = x;
	}
	while (nindices != 0) {
		int ii = rand() % nindices;
		int i = indices[ii];
		time_Timer *timer = timers[i];
		int state = states[i]++;
		time_Time now;
		time_Duration dur;

		switch (state) {
		case 0:
			timers[i] = time_NewTimer(0);
			break;
		case 1:
			runtime_chanrecv1(timer->C, NULL); // now idle
			break;
		// Reset to long durations that will be canceled.
		case 2:
			assert_false(time_Timer_Reset(timer, 1 * time_Minute));
			break;
		case 4:
			assert_false(time_Timer_Reset(timer, 3 * time_Minute));
			break;
		case 6:
			assert_false(time_Timer_Reset(timer, 2 * time_Minute));
			break;
		// Stop and drain a long timer.
		case 3:
		case 5:
		case 7:
			if (!time_Timer_Stop(timer))
				runtime_chanrecv1(timer->C, NULL);
			break;
		// A short timer that must fire promptly.
		case 8:
			assert_false(time_Timer_Reset(timer, 0));
			break;
		case 9:
			now = time_Now();
			runtime_chanrecv1(timer->C, NULL);
			dur = time_Since(now);
			if (dur > 750 * time_Millisecond * testTimeScale())
				fail_msg("timer %d took %s to complete", i,
					 time_Duration_String(dur).s);
			break;
		// Done: swap with the tail and drop it.
		case 10:
			indices[ii] = indices[nindices - 1];
			nindices--;
			time_Timer_Free(timer);
			break;
		}
	}
}

// --- C: Free racing with a firing timer ---------------------------------------

// A timer freed while it fires must neither send on the recycled channel
// nor touch freed memory (ASan, TSan, valgrind check the latter); the next
// owner of the cell must start with an empty channel.
GO_TEST(TestTimerFreeWhileFiring)
{
	int n = testUnderValgrind() ? 200 : 20000;

	for (int i = 0; i < n; i++) {
		time_Timer *t = time_NewTimer((time_Duration)(i % 3) * time_Microsecond);

		if (i % 2 == 0)
			runtime_Gosched();
		time_Timer_Free(t);
		t = time_NewTimer(time_Hour);
		assert_int_equal(runtime_chanlen(t->C), 0);
		time_Timer_Free(t);
	}
	time_Sleep(time_Millisecond);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestAfter),
	cmocka_unit_test(TestAfterTick),
	cmocka_unit_test(TestAfterStop),
	cmocka_unit_test(TestAfterQueuing),
	cmocka_unit_test(TestReset),
	cmocka_unit_test(TestZeroTimer),
	cmocka_unit_test(TestTimerModifiedEarlier),
	cmocka_unit_test(TestAdjustTimers),
	cmocka_unit_test(TestTimerFreeWhileFiring),
};

GONET_TEST_MAIN(tests)

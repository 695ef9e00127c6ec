// C port of go1.19 src/time/sleep_test.go: the tests that need no
// channels, and channel tests rewritten around AfterFunc (a flag or a
// counter stands in for Timer.C), plus stress tests of the runtime timers.
#include "gotest.h"

#include <stdlib.h>

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"
#include "time/time.h"

static void
sleepHalf(void *arg)
{
	time_Sleep(*(time_Duration *)arg / 2);
	// C: Go calls Interrupt() here, a no-op off Windows.
}

GO_TEST(TestSleep)
{
	static time_Duration delay = 100 * time_Millisecond;
	time_Time start;
	time_Duration duration;

	go(sleepHalf, &delay);
	start = time_Now();
	time_Sleep(delay);
	duration = time_Time_Sub(time_Now(), start);
	assert_true(duration >= delay);
}

// TestAfterFunc: a function that re-arms itself with AfterFunc(0) ten
// times. C: the final `c <- true` is a WaitGroup; the Timers are freed at
// the end (Go's GC collects them).
static struct {
	int i;
	time_Timer *timers[16];
	int ntimers;
	sync_WaitGroup c;
	sync_WaitGroup sleepers; // C: the goroutines still in Sleep(1s)
} afterFunc;

static void
afterFuncF(void *arg)
{
	(void)arg;
	afterFunc.i--;
	if (afterFunc.i >= 0) {
		// The slot is taken before the timer can fire and take the next.
		int k = afterFunc.ntimers++;
		sync_WaitGroup_Add(&afterFunc.sleepers, 1);
		afterFunc.timers[k] = time_AfterFunc(0, afterFuncF, NULL);
		time_Sleep(1 * time_Second);
		sync_WaitGroup_Done(&afterFunc.sleepers);
	} else {
		sync_WaitGroup_Done(&afterFunc.c);
	}
}

GO_TEST(TestAfterFunc)
{
	afterFunc.i = 10;
	sync_WaitGroup_Add(&afterFunc.c, 1);
	afterFunc.ntimers = 1;
	afterFunc.timers[0] = time_AfterFunc(0, afterFuncF, NULL);
	sync_WaitGroup_Wait(&afterFunc.c);
	assert_int_equal(afterFunc.ntimers, 11);
	// C: Go leaves the sleepers behind; here they end before the Timers go.
	sync_WaitGroup_Wait(&afterFunc.sleepers);
	for (int k = 0; k < afterFunc.ntimers; k++)
		time_Timer_Free(afterFunc.timers[k]);
}

// TestAfterStress: a timer with period 1ns (Go: NewTicker(1)) ticks 100
// times while another goroutine keeps sleeping 1ns. C: the ticker is a
// runtime timer whose function counts the ticks (Ticker.C needs channels).
static _Atomic uint32_t afterStressStop;
static _Atomic uint32_t afterStressTicks;

static void
afterStressSleeper(void *arg)
{
	(void)arg;
	while (atomic_load(&afterStressStop) == 0) {
		runtime_Gosched(); // C: Go calls runtime.GC()
		time_Sleep(time_Nanosecond);
	}
	atomic_store(&afterStressStop, 2);
}

static void
afterStressTick(void *arg, uintptr_t seq)
{
	(void)arg;
	(void)seq;
	atomic_fetch_add(&afterStressTicks, 1);
}

GO_TEST(TestAfterStress)
{
	runtime_timer ticker = {.when = runtime_nanotime() + 1, .period = 1, .f = afterStressTick};

	go(afterStressSleeper, NULL);
	runtime_startTimer(&ticker);
	while (atomic_load(&afterStressTicks) < 100)
		time_Sleep(time_Microsecond);
	assert_true(runtime_stopTimer(&ticker));
	runtime_cleartimer(&ticker);
	atomic_store(&afterStressStop, 1);
	while (atomic_load(&afterStressStop) != 2)
		time_Sleep(time_Millisecond);
}

// TestTimerStopStress: 100 goroutines arm a 2s timer and stop it after 1s;
// none may fire.
static _Atomic int timerStopStressFired;
static sync_WaitGroup timerStopStressWG;

static void
timerStopStressFail(void *arg)
{
	(void)arg;
	atomic_fetch_add(&timerStopStressFired, 1); // Go: t.Errorf("timer %d was not stopped")
}

static void
timerStopStress(void *arg)
{
	time_Timer *timer = time_AfterFunc(2 * time_Second, timerStopStressFail, arg);

	time_Sleep(1 * time_Second);
	time_Timer_Stop(timer);
	time_Timer_Free(timer);
	sync_WaitGroup_Done(&timerStopStressWG);
}

GO_TEST(TestTimerStopStress)
{
	for (int i = 0; i < 100; i++) {
		sync_WaitGroup_Add(&timerStopStressWG, 1);
		go(timerStopStress, NULL);
	}
	time_Sleep(3 * time_Second);
	assert_int_equal(atomic_load(&timerStopStressFired), 0);
	// C: Go leaves the goroutines; here the Timers are freed, so wait.
	sync_WaitGroup_Wait(&timerStopStressWG);
}

// TestSleepZeroDeadlock: Sleep(0) must return at once and leave the
// goroutine runnable. C: runtime.GC is a Gosched, the channels a WaitGroup.
static sync_WaitGroup sleepZeroWG;

static void
sleepZeroGC(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++)
		runtime_Gosched();
	sync_WaitGroup_Done(&sleepZeroWG);
}

GO_TEST(TestSleepZeroDeadlock)
{
	sync_WaitGroup_Add(&sleepZeroWG, 1);
	go(sleepZeroGC, NULL);
	for (int i = 0; i < 100; i++) {
		time_Sleep(0);
		runtime_Gosched();
	}
	sync_WaitGroup_Wait(&sleepZeroWG);
}

// TestReset. C: the fired flag stands in for t0.C.
static void
setFlag(void *arg)
{
	atomic_store((_Atomic int *)arg, 1);
}

static const char *
testReset(time_Duration d)
{
	static _Atomic int fired;
	const char *err = NULL;
	time_Timer *t0;

	atomic_store(&fired, 0);
	t0 = time_AfterFunc(2 * d, setFlag, &fired);
	time_Sleep(d);
	if (!time_Timer_Reset(t0, 3 * d)) {
		err = "resetting unfired timer returned false";
		goto out;
	}
	time_Sleep(2 * d);
	if (atomic_load(&fired)) {
		err = "timer fired early";
		goto out;
	}
	time_Sleep(2 * d);
	if (!atomic_load(&fired)) {
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
	// Longer units for slow or loaded machines, as Go does.
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

// TestOverflowSleep: a sleep so long that when overflows must not turn
// into a short one, and a negative one returns at once. C: After(d) is an
// AfterFunc setting a flag.
static _Atomic int bigSleepReturned;

static void
bigSleep(void *arg)
{
	(void)arg;
	time_Sleep(time_maxDuration);
	atomic_store(&bigSleepReturned, 1); // Go: panic("big sleep returned")
}

GO_TEST(TestOverflowSleep)
{
	static _Atomic int bigFired, negFired;
	time_Timer *big, *neg;
	time_Time start;

	go(bigSleep, NULL);

	big = time_AfterFunc(time_maxDuration, setFlag, &bigFired);
	time_Sleep(25 * time_Millisecond);
	assert_false(atomic_load(&bigFired));
	assert_false(atomic_load(&bigSleepReturned));

	time_Sleep(time_minDuration); // returns at once
	neg = time_AfterFunc(time_minDuration, setFlag, &negFired);
	start = time_Now();
	while (!atomic_load(&negFired) && time_Since(start) < 1 * time_Second)
		time_Sleep(time_Millisecond);
	assert_true(atomic_load(&negFired)); // Go: "negative timeout didn't fire"
	time_Timer_Free(big);
	time_Timer_Free(neg);
}

// Go: time/internal_test.go CheckRuntimeTimerPeriodOverflow: a timer with a
// huge period that is due at once must not corrupt the heap.
static void
empty(void *arg, uintptr_t seq)
{
	(void)arg;
	(void)seq;
}

GO_TEST(TestOverflowPeriodRuntimeTimer)
{
	runtime_timer r = {.when = runtime_nanotime(), .period = INT64_MAX, .f = empty};

	runtime_startTimer(&r);
	// If the heap were broken, this later timer would hang.
	time_Sleep(25 * time_Millisecond);
	runtime_stopTimer(&r); // C: defer stopTimer(r)
	runtime_cleartimer(&r);
}

static void
TestZeroTimerResetPanics(void **state)
{
	time_Timer tr = {.r = {.when = 0}}; // Go: var tr Timer

	(void)state;
	expect_assert_failure(time_Timer_Reset(&tr, 1));
}

static void
TestZeroTimerStopPanics(void **state)
{
	time_Timer tr = {.r = {.when = 0}}; // Go: var tr Timer

	(void)state;
	expect_assert_failure(time_Timer_Stop(&tr));
}

// TestZeroTimer: zero-duration timers are not missed. C: 10 000 rounds,
// not Go's 1 000 000 (a -short run), and a WaitGroup stands in for ti.C.
static void
wgDone(void *arg)
{
	sync_WaitGroup_Done(arg);
}

GO_TEST(TestZeroTimer)
{
	int n = 10000 / testTimeScale();

	for (int i = 0; i < n; i++) {
		sync_WaitGroup wg = {0};
		time_Time s = time_Now();
		time_Timer *ti;

		sync_WaitGroup_Add(&wg, 1);
		ti = time_AfterFunc(0, wgDone, &wg);
		sync_WaitGroup_Wait(&wg);
		assert_true(time_Since(s) <= 2 * time_Second);
		time_Timer_Free(ti);
	}
}

// TestTimerModifiedEarlier: moving a timer earlier many times in a row
// must not lose it.
static void
countFired(void *arg)
{
	atomic_fetch_add((_Atomic int *)arg, 1);
}

// Waits until *fired reaches want, at most d. Go: <-timer.C.
static bool
waitFired(_Atomic int *fired, int want, time_Duration d)
{
	time_Time start = time_Now();

	while (atomic_load(fired) < want) {
		if (time_Since(start) > d)
			return false;
		time_Sleep(50 * time_Microsecond);
	}
	return true;
}

GO_TEST(TestTimerModifiedEarlier)
{
	time_Duration past = time_Until(time_Unix(0, 0));
	int count = 1000, fail = 0;

	for (int i = 0; i < count; i++) {
		_Atomic int fired = 0;
		int received = 0;
		time_Timer *timer = time_AfterFunc(time_Hour, countFired, &fired);
		time_Time now;

		for (int j = 0; j < 10; j++) {
			if (!time_Timer_Stop(timer)) // <-timer.C
				assert_true(waitFired(&fired, ++received, 10 * time_Second));
			time_Timer_Reset(timer, past);
		}

		now = time_Now();
		if (!waitFired(&fired, ++received, 10 * time_Second))
			fail++; // Go: "deadline expired"
		else if (time_Since(now) > 8 * time_Second)
			fail++;
		// The goroutine of the last firing may still run: let it finish
		// before `fired` goes out of scope.
		while (runtime_NumGoroutine() > 1)
			runtime_Gosched();
		time_Timer_Free(timer);
	}
	assert_int_equal(fail, 0);
}

// TestAdjustTimers: moving timers earlier and later at random must not
// lose any sleep. C: each Timer.C receive waits for the firing count.
GO_TEST(TestAdjustTimers)
{
	enum { n = 100 };
	static time_Timer *timers[n];
	static _Atomic int fired[n];
	static int received[n];
	int states[n] = {0};
	int indices[n];
	int nindices = n;
	unsigned seed = (unsigned)time_Time_UnixNano(time_Now());

	for (int i = 0; i < n; i++)
		indices[i] = i;
	for (int i = n - 1; i > 0; i--) { // rnd.Perm
		int j = rand_r(&seed) % (i + 1), tmp = indices[i];

		indices[i] = indices[j];
		indices[j] = tmp;
	}

	while (nindices != 0) {
		int ii = rand_r(&seed) % nindices;
		int i = indices[ii];
		time_Timer *timer = timers[i];
		int state = states[i]++;
		time_Time now;

		switch (state) {
		case 0:
			timers[i] = time_AfterFunc(0, countFired, &fired[i]);
			break;
		case 1:
			// The timer is idle once this one fired.
			assert_true(waitFired(&fired[i], ++received[i], 10 * time_Second));
			break;
		// Long resets, stopped below.
		case 2:
			assert_false(time_Timer_Reset(
				timer, 1 * time_Minute)); // "shouldn't be active (1)"
			break;
		case 4:
			assert_false(time_Timer_Reset(timer, 3 * time_Minute));
			break;
		case 6:
			assert_false(time_Timer_Reset(timer, 2 * time_Minute));
			break;
		// Stop a long timer; drain it if it fired anyway.
		case 3:
		case 5:
		case 7:
			if (!time_Timer_Stop(timer))
				assert_true(waitFired(&fired[i], ++received[i], 10 * time_Second));
			break;
		// A short timer that must fire promptly.
		case 8:
			assert_false(time_Timer_Reset(timer, 0));
			break;
		case 9:
			now = time_Now();
			assert_true(waitFired(&fired[i], ++received[i], 10 * time_Second));
			assert_true(time_Since(now) <= 750 * time_Millisecond * testTimeScale());
			break;
		// Done: swap with the tail and drop it.
		case 10:
			indices[ii] = indices[nindices - 1];
			nindices--;
			break;
		}
	}
	while (runtime_NumGoroutine() > 1)
		runtime_Gosched();
	for (int i = 0; i < n; i++)
		time_Timer_Free(timers[i]);
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSleep),
	cmocka_unit_test(TestAfterFunc),
	cmocka_unit_test(TestAfterStress),
	cmocka_unit_test(TestTimerStopStress),
	cmocka_unit_test(TestSleepZeroDeadlock),
	cmocka_unit_test(TestReset),
	cmocka_unit_test(TestOverflowSleep),
	cmocka_unit_test(TestOverflowPeriodRuntimeTimer),
	cmocka_unit_test(TestZeroTimerResetPanics),
	cmocka_unit_test(TestZeroTimerStopPanics),
	cmocka_unit_test(TestZeroTimer),
	cmocka_unit_test(TestTimerModifiedEarlier),
	cmocka_unit_test(TestAdjustTimers),
};
// clang-format on

GONET_TEST_MAIN(tests)

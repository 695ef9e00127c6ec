// Stress tests of the runtime timers (runtime_netpoll/time.c), not in Go:
// many goroutines that sleep at once, and timers reset and stopped from
// goroutines on other Ps than the heap that holds them.
#include "gotest.h"

#include <stdlib.h>

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"
#include "time/time.h"

// 100 000 goroutines each sleep (0-10 ms) and wake. The creator never
// yields, so most of them are parked in timers at the same time.
//
// C: under TSan every goroutine's fiber also costs TSan mappings of its
// own, and with the stacks' guard pages that passes vm.max_map_count
// (65530) long before 100 000 goroutines; there at most maxAlive of them
// exist at once (a semaphore), still 100 000 in all.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifdef UNDER_TSAN
enum { maxAlive = 10000 };
#else
enum { maxAlive = 100000 };
#endif

static sync_WaitGroup sleepWG;
static _Atomic int sleepEarly;
static _Atomic uint32_t alive = maxAlive;

static void
sleeper(void *arg)
{
	time_Duration d = (time_Duration)(uintptr_t)arg;
	int64_t start = runtime_nanotime();

	time_Sleep(d);
	if (runtime_nanotime() - start < d)
		atomic_fetch_add(&sleepEarly, 1);
	runtime_semrelease(&alive);
	sync_WaitGroup_Done(&sleepWG);
}

GO_TEST(TestSleepStress)
{
	int n = testUnderValgrind() ? 10000 : 100000;
	unsigned seed = 1;

	sync_WaitGroup_Add(&sleepWG, n);
	for (int i = 0; i < n; i++) {
		uintptr_t d = (uintptr_t)(rand_r(&seed) % 10000) * (uintptr_t)time_Microsecond;

		runtime_semacquire(&alive);
		go(sleeper, (void *)d);
	}
	sync_WaitGroup_Wait(&sleepWG);
	assert_int_equal(atomic_load(&sleepEarly), 0);
	assert_int_equal(atomic_load(&alive), maxAlive);
}

// Timers made on the main goroutine's P, then reset and stopped by workers
// that run on any P. Every arming either fires once or is cancelled (by a
// Stop or Reset that returns true), so at the end the firing counts must
// equal arms - cancels, with no firing lost or repeated.
enum { ntimers = 512, nworkers = 8, rounds = 100 };
static time_Timer *timers[ntimers];
static _Atomic int fired[ntimers];
static int armed[ntimers];     // guarded by the owning worker
static int cancelled[ntimers]; // guarded by the owning worker
static sync_WaitGroup workersWG;

static void
countFire(void *arg)
{
	atomic_fetch_add((_Atomic int *)arg, 1);
}

static void
worker(void *arg)
{
	uintptr_t w = (uintptr_t)arg;
	unsigned seed = (unsigned)w + 1;

	for (int r = 0; r < rounds; r++) {
		for (uintptr_t i = w; i < ntimers; i += nworkers) {
			switch (rand_r(&seed) % 4) {
			case 0: // short: likely to fire
				armed[i]++;
				if (time_Timer_Reset(timers[i],
						     (time_Duration)(rand_r(&seed) % 2000) *
							     time_Microsecond))
					cancelled[i]++;
				break;
			case 1: // far: will be stopped or moved again
				armed[i]++;
				if (time_Timer_Reset(timers[i], time_Hour))
					cancelled[i]++;
				break;
			case 2: // in the past (timerModifiedEarlier)
				armed[i]++;
				if (time_Timer_Reset(timers[i], -time_Second))
					cancelled[i]++;
				break;
			default:
				if (time_Timer_Stop(timers[i]))
					cancelled[i]++;
				break;
			}
		}
		if (r % 8 == 0)
			time_Sleep(100 * time_Microsecond);
		else
			runtime_Gosched();
	}
	for (uintptr_t i = w; i < ntimers; i += nworkers) {
		if (time_Timer_Stop(timers[i]))
			cancelled[i]++;
	}
	sync_WaitGroup_Done(&workersWG);
}

static bool
countsMatch(void)
{
	for (int i = 0; i < ntimers; i++) {
		if (atomic_load(&fired[i]) != armed[i] - cancelled[i])
			return false;
	}
	return true;
}

GO_TEST(TestTimerResetStopStress)
{
	time_Time start;

	for (int i = 0; i < ntimers; i++) {
		timers[i] = time_AfterFunc(time_Hour, countFire, &fired[i]);
		armed[i] = 1;
	}
	sync_WaitGroup_Add(&workersWG, nworkers);
	for (uintptr_t w = 0; w < nworkers; w++)
		go(worker, (void *)w);
	sync_WaitGroup_Wait(&workersWG);

	// Every timer is stopped; firings already started still have to
	// run their goroutines.
	start = time_Now();
	while (!countsMatch() && time_Since(start) < 10 * time_Second)
		time_Sleep(time_Millisecond);
	for (int i = 0; i < ntimers; i++)
		assert_int_equal(atomic_load(&fired[i]), armed[i] - cancelled[i]);
	// And nothing fires afterwards.
	time_Sleep(5 * time_Millisecond);
	assert_true(countsMatch());
	for (int i = 0; i < ntimers; i++)
		time_Timer_Free(timers[i]);
}

// Many stopped far timers (as from context.WithTimeout) are cleared from
// the heap (clearDeletedTimers) and never fire, while a near timer among
// them still fires on time.
GO_TEST(TestTimerManyStopped)
{
	enum { n = 20000 };
	static time_Timer *ts[n];
	static _Atomic int farFired, nearFired;
	time_Timer *near;
	time_Time start;

	for (int i = 0; i < n; i++)
		ts[i] = time_AfterFunc(time_Hour + i * time_Millisecond, countFire, &farFired);
	for (int i = 0; i < n; i++)
		assert_true(time_Timer_Stop(ts[i]));
	near = time_AfterFunc(time_Millisecond, countFire, &nearFired);
	start = time_Now();
	while (!atomic_load(&nearFired) && time_Since(start) < 10 * time_Second)
		time_Sleep(time_Millisecond);
	assert_int_equal(atomic_load(&nearFired), 1);
	assert_int_equal(atomic_load(&farFired), 0);
	for (int i = 0; i < n; i++)
		time_Timer_Free(ts[i]);
	time_Timer_Free(near);
}

// A periodic runtime timer fires again and again until deleted.
static _Atomic int ticks;

static void
tick(void *arg, uintptr_t seq)
{
	(void)arg;
	assert_true(seq == 42);
	atomic_fetch_add(&ticks, 1);
}

GO_TEST(TestPeriodicTimer)
{
	runtime_timer t = {.when = runtime_nanotime() + 1,
			   .period = 200 * time_Microsecond,
			   .f = tick,
			   .seq = 42};

	runtime_addtimer(&t);
	while (atomic_load(&ticks) < 10)
		time_Sleep(time_Millisecond);
	assert_true(runtime_deltimer(&t));
	assert_false(runtime_deltimer(&t));
	runtime_cleartimer(&t);
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSleepStress),
	cmocka_unit_test(TestTimerResetStopStress),
	cmocka_unit_test(TestTimerManyStopped),
	cmocka_unit_test(TestPeriodicTimer),
};
// clang-format on

GONET_TEST_MAIN(tests)

// C port of go1.19 src/sync/mutex_test.go.
#include "gotest.h"

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"
#include "time/time.h"

// C: Go's chan bool cdone is a WaitGroup.
typedef struct hammer {
	void *obj;
	int loops;
	sync_WaitGroup *cdone;
} hammer;

static void
HammerSemaphore(void *arg)
{
	hammer *h = arg;

	for (int i = 0; i < h->loops; i++) {
		sync_runtime_Semacquire(h->obj);
		sync_runtime_Semrelease(h->obj, false, 0);
	}
	sync_WaitGroup_Done(h->cdone);
}

GO_TEST(TestSemaphore)
{
	static _Atomic uint32_t s = 1;
	static sync_WaitGroup c;
	static hammer h = {(void *)&s, 1000, &c};

	for (int i = 0; i < 10; i++) {
		sync_WaitGroup_Add(&c, 1);
		go(HammerSemaphore, &h);
	}
	sync_WaitGroup_Wait(&c);
	assert_int_equal(atomic_load(&s), 1);
}

static void
HammerMutex(void *arg)
{
	hammer *h = arg;
	sync_Mutex *m = h->obj;

	for (int i = 0; i < h->loops; i++) {
		if (i % 3 == 0) {
			if (sync_Mutex_TryLock(m))
				sync_Mutex_Unlock(m);
			continue;
		}
		sync_Mutex_Lock(m);
		sync_Mutex_Unlock(m);
	}
	sync_WaitGroup_Done(h->cdone);
}

GO_TEST(TestMutex)
{
	static sync_Mutex m;
	static sync_WaitGroup c;
	static hammer h = {&m, 1000, &c};

	sync_Mutex_Lock(&m);
	assert_false(sync_Mutex_TryLock(&m)); // "TryLock succeeded with mutex locked"
	sync_Mutex_Unlock(&m);
	assert_true(sync_Mutex_TryLock(&m)); // "TryLock failed with mutex unlocked"
	sync_Mutex_Unlock(&m);

	for (int i = 0; i < 10; i++) {
		sync_WaitGroup_Add(&c, 1);
		go(HammerMutex, &h);
	}
	sync_WaitGroup_Wait(&c);
	assert_int_equal(atomic_load(&m.state), 0);
}

// Go's misuseTests, run in the test process: each misuse is fatal
// ("fatal error: sync: unlock of unlocked mutex" ...), which the test
// harness turns into an assertion failure.
static void
TestMutexMisuse(void **state)
{
	(void)state;
	{ // Mutex.Unlock
		sync_Mutex mu = SYNC_MUTEX_INIT;
		expect_assert_failure(sync_Mutex_Unlock(&mu));
	}
	{ // Mutex.Unlock2
		sync_Mutex mu = SYNC_MUTEX_INIT;
		sync_Mutex_Lock(&mu);
		sync_Mutex_Unlock(&mu);
		expect_assert_failure(sync_Mutex_Unlock(&mu));
	}
	{ // RWMutex.Unlock
		sync_RWMutex mu = SYNC_RWMUTEX_INIT;
		expect_assert_failure(sync_RWMutex_Unlock(&mu));
	}
	{ // RWMutex.Unlock2
		sync_RWMutex mu = SYNC_RWMUTEX_INIT;
		sync_RWMutex_RLock(&mu);
		expect_assert_failure(sync_RWMutex_Unlock(&mu));
	}
	{ // RWMutex.Unlock3
		sync_RWMutex mu = SYNC_RWMUTEX_INIT;
		sync_RWMutex_Lock(&mu);
		sync_RWMutex_Unlock(&mu);
		expect_assert_failure(sync_RWMutex_Unlock(&mu));
	}
	{ // RWMutex.RUnlock
		sync_RWMutex mu = SYNC_RWMUTEX_INIT;
		expect_assert_failure(sync_RWMutex_RUnlock(&mu));
	}
	{ // RWMutex.RUnlock2
		sync_RWMutex mu = SYNC_RWMUTEX_INIT;
		sync_RWMutex_Lock(&mu);
		expect_assert_failure(sync_RWMutex_RUnlock(&mu));
	}
	{ // RWMutex.RUnlock3
		sync_RWMutex mu = SYNC_RWMUTEX_INIT;
		sync_RWMutex_RLock(&mu);
		sync_RWMutex_RUnlock(&mu);
		expect_assert_failure(sync_RWMutex_RUnlock(&mu));
	}
}

// TestMutexFairness: a goroutine that holds the mutex almost all the time
// must not keep another from getting it for long (starvation mode).
static sync_Mutex fairMu;
static _Atomic int fairStop;      // C: Go's stop channel
static _Atomic int fairDone;      // C: Go's done channel
static sync_WaitGroup fairExited; // C: both goroutines end before the test

static void
fairHog(void *arg)
{
	(void)arg;
	for (;;) {
		sync_Mutex_Lock(&fairMu);
		time_Sleep(100 * time_Microsecond);
		sync_Mutex_Unlock(&fairMu);
		if (atomic_load(&fairStop))
			break;
	}
	sync_WaitGroup_Done(&fairExited);
}

static void
fairVictim(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10; i++) {
		time_Sleep(100 * time_Microsecond);
		sync_Mutex_Lock(&fairMu);
		sync_Mutex_Unlock(&fairMu);
	}
	atomic_store(&fairDone, 1);
	sync_WaitGroup_Done(&fairExited);
}

GO_TEST(TestMutexFairness)
{
	time_Time start = time_Now();

	sync_WaitGroup_Add(&fairExited, 2);
	go(fairHog, NULL);
	go(fairVictim, NULL);
	while (!atomic_load(&fairDone) && time_Since(start) < 10 * time_Second)
		time_Sleep(time_Millisecond);
	atomic_store(&fairStop, 1);          // C: defer close(stop)
	assert_true(atomic_load(&fairDone)); // "can't acquire Mutex in 10 seconds"
	sync_WaitGroup_Wait(&fairExited);
}

// Not in Go: many goroutines on few mutexes, with sleeps inside the
// critical section so that waiters queue, wake and starve; a plain
// counter checks the exclusion.
enum { stressG = 64, stressIters = 200 };
static sync_Mutex stressMu[4];
static long stressCount[4];
static sync_WaitGroup stressWG;

static void
mutexStressWorker(void *arg)
{
	uintptr_t id = (uintptr_t)arg;

	for (int i = 0; i < stressIters; i++) {
		int k = (int)((id + (uintptr_t)i) % 4);

		sync_Mutex_Lock(&stressMu[k]);
		stressCount[k]++;
		if (i % 50 == 0)
			time_Sleep(10 * time_Microsecond);
		else if (i % 7 == 0)
			runtime_Gosched();
		sync_Mutex_Unlock(&stressMu[k]);
	}
	sync_WaitGroup_Done(&stressWG);
}

GO_TEST(TestMutexStress)
{
	long total = 0;

	for (uintptr_t g = 0; g < stressG; g++) {
		sync_WaitGroup_Add(&stressWG, 1);
		go(mutexStressWorker, (void *)g);
	}
	sync_WaitGroup_Wait(&stressWG);
	for (int k = 0; k < 4; k++) {
		total += stressCount[k];
		assert_int_equal(atomic_load(&stressMu[k].state), 0);
	}
	assert_int_equal(total, (long)stressG * stressIters);
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSemaphore),
	cmocka_unit_test(TestMutex),
	cmocka_unit_test(TestMutexMisuse),
	cmocka_unit_test(TestMutexFairness),
	cmocka_unit_test(TestMutexStress),
};
// clang-format on

GONET_TEST_MAIN(tests)

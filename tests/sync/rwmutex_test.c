// C port of go1.19 src/sync/rwmutex_test.go. C: GOMAXPROCS is fixed while
// the runtime runs, so each GOMAXPROCS setting gets its own go_main.
#include "gotest.h"

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"

// C: Go's channels clocked and cdone are WaitGroups; cunlock is a
// WaitGroup used as a latch (the readers Wait, the test Dones it once).
typedef struct parallel {
	sync_RWMutex m;
	sync_WaitGroup clocked, cunlock, cdone;
	int numReaders;
} parallel;

static void
parallelReader(void *arg)
{
	parallel *p = arg;

	sync_RWMutex_RLock(&p->m);
	sync_WaitGroup_Done(&p->clocked);
	sync_WaitGroup_Wait(&p->cunlock);
	sync_RWMutex_RUnlock(&p->m);
	sync_WaitGroup_Done(&p->cdone);
}

static int
doTestParallelReadersMain(void *arg)
{
	parallel p = {.numReaders = *(int *)arg};

	sync_WaitGroup_Add(&p.clocked, p.numReaders);
	sync_WaitGroup_Add(&p.cdone, p.numReaders);
	sync_WaitGroup_Add(&p.cunlock, 1);
	for (int i = 0; i < p.numReaders; i++)
		go(parallelReader, &p);
	// Every reader holds the read lock at once.
	sync_WaitGroup_Wait(&p.clocked);
	sync_WaitGroup_Done(&p.cunlock);
	// Wait for the goroutines to finish.
	sync_WaitGroup_Wait(&p.cdone);
	return 0;
}

static void
doTestParallelReaders(int numReaders, int gomaxprocs)
{
	runtime_GOMAXPROCS(gomaxprocs);
	assert_int_equal(go_main(doTestParallelReadersMain, &numReaders), 0);
}

static void
TestParallelReaders(void **state)
{
	int procs = runtime_GOMAXPROCS(0);

	(void)state;
	doTestParallelReaders(1, 4);
	doTestParallelReaders(3, 4);
	doTestParallelReaders(4, 2);
	runtime_GOMAXPROCS(procs); // C: defer runtime.GOMAXPROCS(...)
}

typedef struct hammer {
	sync_RWMutex rwm;
	_Atomic int32_t activity; // active readers + 10000 * active writers
	int num_iterations;
	sync_WaitGroup cdone;
	_Atomic int failures; // C: Go panics with "wlock(%d)"
} hammer;

static void
reader(void *arg)
{
	hammer *h = arg;

	for (int i = 0; i < h->num_iterations; i++) {
		int32_t n;

		sync_RWMutex_RLock(&h->rwm);
		n = atomic_fetch_add(&h->activity, 1) + 1;
		if (n < 1 || n >= 10000)
			atomic_fetch_add(&h->failures, 1);
		for (volatile int k = 0; k < 100; k++) {
		}
		atomic_fetch_add(&h->activity, -1);
		sync_RWMutex_RUnlock(&h->rwm);
	}
	sync_WaitGroup_Done(&h->cdone);
}

static void
writer(void *arg)
{
	hammer *h = arg;

	for (int i = 0; i < h->num_iterations; i++) {
		int32_t n;

		sync_RWMutex_Lock(&h->rwm);
		n = atomic_fetch_add(&h->activity, 10000) + 10000;
		if (n != 10000)
			atomic_fetch_add(&h->failures, 1);
		for (volatile int k = 0; k < 100; k++) {
		}
		atomic_fetch_add(&h->activity, -10000);
		sync_RWMutex_Unlock(&h->rwm);
	}
	sync_WaitGroup_Done(&h->cdone);
}

static int numReaders;

static int
hammerMain(void *arg)
{
	hammer *h = arg;
	int i;

	sync_WaitGroup_Add(&h->cdone, 2 + numReaders);
	go(writer, h);
	for (i = 0; i < numReaders / 2; i++)
		go(reader, h);
	go(writer, h);
	for (; i < numReaders; i++)
		go(reader, h);
	// Wait for the 2 writers and all readers to finish.
	sync_WaitGroup_Wait(&h->cdone);
	return atomic_load(&h->failures);
}

static void
HammerRWMutex(int gomaxprocs, int nreaders, int num_iterations)
{
	hammer h = {.num_iterations = num_iterations};

	runtime_GOMAXPROCS(gomaxprocs);
	numReaders = nreaders;
	assert_int_equal(go_main(hammerMain, &h), 0);
}

static void
TestRWMutex(void **state)
{
	sync_RWMutex m = SYNC_RWMUTEX_INIT;
	int procs, n;

	(void)state;
	sync_RWMutex_Lock(&m);
	assert_false(sync_RWMutex_TryLock(&m));  // "TryLock succeeded with mutex locked"
	assert_false(sync_RWMutex_TryRLock(&m)); // "TryRLock succeeded with mutex locked"
	sync_RWMutex_Unlock(&m);

	assert_true(sync_RWMutex_TryLock(&m)); // "TryLock failed with mutex unlocked"
	sync_RWMutex_Unlock(&m);

	assert_true(sync_RWMutex_TryRLock(&m)); // "TryRLock failed with mutex unlocked"
	assert_true(sync_RWMutex_TryRLock(&m)); // "TryRLock failed with mutex rlocked"
	assert_false(sync_RWMutex_TryLock(&m)); // "TryLock succeeded with mutex rlocked"
	sync_RWMutex_RUnlock(&m);
	sync_RWMutex_RUnlock(&m);

	procs = runtime_GOMAXPROCS(0);
	n = testUnderValgrind() ? 100 : 1000;
	HammerRWMutex(1, 1, n);
	HammerRWMutex(1, 3, n);
	HammerRWMutex(1, 10, n);
	HammerRWMutex(4, 1, n);
	HammerRWMutex(4, 3, n);
	HammerRWMutex(4, 10, n);
	HammerRWMutex(10, 1, n);
	HammerRWMutex(10, 3, n);
	HammerRWMutex(10, 10, n);
	HammerRWMutex(10, 5, n);
	runtime_GOMAXPROCS(procs);
}

// TestRLocker: the Locker of RLocker takes the read lock. C: Go's
// channels wlocked and rlocked (buffer 1) are flags: send waits for the
// flag to be clear and sets it, receive waits for it and clears it.
static sync_RWMutex wl;
static _Atomic int wlocked, rlocked;
static sync_WaitGroup rlockerDone;

static void
chanSend(_Atomic int *c)
{
	int zero = 0;

	while (!atomic_compare_exchange_strong(c, &zero, 1)) {
		zero = 0;
		runtime_Gosched();
	}
}

static void
chanRecv(_Atomic int *c)
{
	int one = 1;

	while (!atomic_compare_exchange_strong(c, &one, 0)) {
		one = 1;
		runtime_Gosched();
	}
}

static void
rlockerLocker(void *arg)
{
	sync_Locker *rl = arg;

	for (int i = 0; i < 10; i++) {
		rl->Lock(rl->l);
		rl->Lock(rl->l);
		chanSend(&rlocked);
		sync_RWMutex_Lock(&wl);
		chanSend(&wlocked);
	}
	sync_WaitGroup_Done(&rlockerDone);
}

GO_TEST(TestRLocker)
{
	sync_Locker rl = sync_RWMutex_RLocker(&wl);

	sync_WaitGroup_Add(&rlockerDone, 1);
	go(rlockerLocker, &rl);
	for (int i = 0; i < 10; i++) {
		chanRecv(&rlocked);
		rl.Unlock(rl.l);
		assert_int_equal(atomic_load(&wlocked), 0); // "RLocker() didn't read-lock it"
		rl.Unlock(rl.l);
		chanRecv(&wlocked);
		assert_int_equal(atomic_load(&rlocked),
				 0); // "RLocker() didn't respect the write lock"
		sync_RWMutex_Unlock(&wl);
	}
	sync_WaitGroup_Wait(&rlockerDone);
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestParallelReaders),
	cmocka_unit_test(TestRWMutex),
	cmocka_unit_test(TestRLocker),
};
// clang-format on

GONET_TEST_MAIN(tests)

// C port of go1.19 src/sync/waitgroup_test.go.
#include "gotest.h"

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"

// C: Go's `exited` channel is a counter and a third WaitGroup.
static sync_WaitGroup *wg1, *wg2;
static _Atomic int exited;
static sync_WaitGroup exitedWG;

static void
waiter(void *arg)
{
	(void)arg;
	sync_WaitGroup_Done(wg1);
	sync_WaitGroup_Wait(wg2);
	atomic_fetch_add(&exited, 1);
	sync_WaitGroup_Done(&exitedWG);
}

static void
testWaitGroup(sync_WaitGroup *w1, sync_WaitGroup *w2)
{
	const int n = 16;

	wg1 = w1;
	wg2 = w2;
	atomic_store(&exited, 0);
	sync_WaitGroup_Add(wg1, n);
	sync_WaitGroup_Add(wg2, n);
	sync_WaitGroup_Add(&exitedWG, n);
	for (int i = 0; i != n; i++)
		go(waiter, NULL);
	sync_WaitGroup_Wait(wg1);
	for (int i = 0; i != n; i++) {
		assert_int_equal(atomic_load(&exited), 0); // "WaitGroup released group too soon"
		sync_WaitGroup_Done(wg2);
	}
	sync_WaitGroup_Wait(&exitedWG); // blocks if the barrier failed to release someone
	assert_int_equal(atomic_load(&exited), n);
}

GO_TEST(TestWaitGroup)
{
	static sync_WaitGroup w1, w2;

	// Several rounds: the barrier must be reusable.
	for (int i = 0; i != 8; i++)
		testWaitGroup(&w1, &w2);
}

static void
TestWaitGroupMisuse(void **state)
{
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;

	(void)state;
	sync_WaitGroup_Add(&wg, 1);
	sync_WaitGroup_Done(&wg);
	// "panic: sync: negative WaitGroup counter"
	expect_assert_failure(sync_WaitGroup_Done(&wg));
}

typedef struct raceArg {
	sync_WaitGroup *wg;
	_Atomic int32_t *n;
} raceArg;

static void
raceWorker(void *arg)
{
	raceArg *a = arg;

	atomic_fetch_add(a->n, 1);
	sync_WaitGroup_Done(a->wg);
}

GO_TEST(TestWaitGroupRace)
{
	for (int i = 0; i < 1000; i++) {
		sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
		_Atomic int32_t n = 0;
		raceArg a = {&wg, &n};

		sync_WaitGroup_Add(&wg, 1);
		go(raceWorker, &a);
		sync_WaitGroup_Add(&wg, 1);
		go(raceWorker, &a);
		sync_WaitGroup_Wait(&wg);
		assert_int_equal(atomic_load(&n), 2); // "Spurious wakeup from Wait"
		// C: the workers may still be returning from Done, which
		// touches wg no more; the stack frame is safe to reuse.
	}
}

typedef struct X {
	char x;
	sync_WaitGroup wg;
} X;

static void
alignDone(void *arg)
{
	sync_WaitGroup_Done(&((X *)arg)->wg);
}

GO_TEST(TestWaitGroupAlign)
{
	X x = {0};

	sync_WaitGroup_Add(&x.wg, 1);
	go(alignDone, &x);
	sync_WaitGroup_Wait(&x.wg);
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestWaitGroup),
	cmocka_unit_test(TestWaitGroupMisuse),
	cmocka_unit_test(TestWaitGroupRace),
	cmocka_unit_test(TestWaitGroupAlign),
};
// clang-format on

GONET_TEST_MAIN(tests)

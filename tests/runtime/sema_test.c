// C port of go1.19 src/runtime/sema_test.go (TestSemaHandoff*), plus
// stress tests of the semaphore table: many producers and consumers, many
// addresses in one semaRoot, and LIFO queueing.
#include "gotest.h"

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"
#include "time/time.h"

// testSemaHandoff. C: the `done` channel is a flag.
static _Atomic uint32_t sema, res;
static _Atomic int done;
static sync_WaitGroup handoffWG;

static void
busy(void *arg)
{
	(void)arg;
	while (!atomic_load(&done))
		runtime_Gosched();
	sync_WaitGroup_Done(&handoffWG);
}

static void
handoffWaiter(void *arg)
{
	uint32_t zero = 0;

	(void)arg;
	sync_runtime_Semacquire(&sema);
	atomic_compare_exchange_strong(&res, &zero, 1);

	sync_runtime_Semrelease(&sema, true, 0);
	atomic_store(&done, 1);
	sync_WaitGroup_Done(&handoffWG);
}

static bool
testSemaHandoff(void)
{
	uint32_t zero = 0;

	atomic_store(&sema, 0);
	atomic_store(&res, 0);
	atomic_store(&done, 0);

	// Keep the other Ps a little busy so that this goroutine does not
	// move to an idle one and win the race.
	for (int i = 0; i < runtime_GOMAXPROCS(0); i++) {
		sync_WaitGroup_Add(&handoffWG, 1);
		go(busy, NULL);
	}

	sync_WaitGroup_Add(&handoffWG, 1);
	go(handoffWaiter, NULL);
	while (runtime_SemNwait(&sema) == 0)
		runtime_Gosched(); // until the waiter blocks in Semacquire

	// Release with handoff, then race the waiter's CAS with ours: the
	// waiter must go first.
	sync_runtime_Semrelease(&sema, true, 0);
	atomic_compare_exchange_strong(&res, &zero, 2);

	sync_WaitGroup_Wait(&handoffWG);

	return atomic_load(&res) == 1; // did the waiter run first?
}

static int
semaHandoffMain(void *arg)
{
	const int iter = 10000 / testTimeScale() / (testUnderValgrind() ? 10 : 1);
	int ok = 0;

	(void)arg;
	for (int i = 0; i < iter; i++) {
		if (testSemaHandoff())
			ok++;
	}
	// Two thirds of direct handoffs pass, as in Go.
	if (ok < iter * 2 / 3)
		fail_msg("direct handoff < 2/3: %d %d", ok, iter);
	return 0;
}

static void
TestSemaHandoff(void **state)
{
	(void)state;
	assert_int_equal(go_main(semaHandoffMain, NULL), 0);
}

// C: GOMAXPROCS is set before go_main instead of changed while running.
static void
testSemaHandoffProcs(int n)
{
	int procs = runtime_GOMAXPROCS(0);

	if (procs <= n) {
		skip(); // "GOMAXPROCS <= n"
		return;
	}
	runtime_GOMAXPROCS(n);
	assert_int_equal(go_main(semaHandoffMain, NULL), 0);
	runtime_GOMAXPROCS(procs);
}

static void
TestSemaHandoff1(void **state)
{
	(void)state;
	testSemaHandoffProcs(1);
}

static void
TestSemaHandoff2(void **state)
{
	(void)state;
	testSemaHandoffProcs(2);
}

// Not in Go: producers release and consumers acquire on several
// semaphores whose addresses share one semaRoot (the table has 251 roots
// indexed by addr>>3), so the treap holds several addresses with lists.
enum {
	nsem = 8,
	producers = 16,
	consumers = 16,
	perProducer = 2000,
};
static struct {
	_Atomic uint32_t v;
	char pad[251 * 8 - sizeof(_Atomic uint32_t)];
} sems[nsem];
static _Atomic long acquired[nsem];
static sync_WaitGroup stressWG;

static void
producer(void *arg)
{
	uintptr_t id = (uintptr_t)arg;

	for (int i = 0; i < perProducer; i++) {
		runtime_semrelease(&sems[(id + (uintptr_t)i) % nsem].v);
		if (i % 64 == 0)
			runtime_Gosched();
	}
	sync_WaitGroup_Done(&stressWG);
}

static void
consumer(void *arg)
{
	uintptr_t id = (uintptr_t)arg;
	// Each consumer takes as many as a producer gives, on the same
	// addresses, so every acquire is matched by a release.
	for (int i = 0; i < perProducer; i++) {
		int k = (int)((id + (uintptr_t)i) % nsem);

		if (i % 2 == 0)
			runtime_semacquire(&sems[k].v);
		else
			sync_runtime_SemacquireMutex(&sems[k].v, i % 4 == 1, 0);
		atomic_fetch_add(&acquired[k], 1);
	}
	sync_WaitGroup_Done(&stressWG);
}

GO_TEST(TestSemaStress)
{
	long total = 0;

	for (uintptr_t i = 0; i < consumers; i++) {
		sync_WaitGroup_Add(&stressWG, 1);
		go(consumer, (void *)i);
	}
	time_Sleep(time_Millisecond); // let consumers queue up first
	for (uintptr_t i = 0; i < producers; i++) {
		sync_WaitGroup_Add(&stressWG, 1);
		go(producer, (void *)i);
	}
	sync_WaitGroup_Wait(&stressWG);
	for (int k = 0; k < nsem; k++) {
		total += atomic_load(&acquired[k]);
		assert_int_equal(atomic_load(&sems[k].v), 0);
		assert_int_equal(runtime_SemNwait(&sems[k].v), 0);
	}
	assert_int_equal(total, (long)consumers * perProducer);
}

// Not in Go: a LIFO waiter (SemacquireMutex with lifo, as a Mutex waiter
// that already waited) is woken before the FIFO ones.
static _Atomic uint32_t lifoSema;
static _Atomic int order[3];
static _Atomic int norder;
static sync_WaitGroup lifoWG;

static void
lifoWaiter(void *arg)
{
	int id = (int)(uintptr_t)arg;

	sync_runtime_SemacquireMutex(&lifoSema, id == 2, 0);
	order[atomic_fetch_add(&norder, 1)] = id;
	sync_WaitGroup_Done(&lifoWG);
}

GO_TEST(TestSemaLifo)
{
	for (uintptr_t id = 0; id < 3; id++) {
		sync_WaitGroup_Add(&lifoWG, 1);
		go(lifoWaiter, (void *)id);
		while (runtime_SemNwait(&lifoSema) != id + 1)
			runtime_Gosched();
	}
	for (int i = 0; i < 3; i++) {
		sync_runtime_Semrelease(&lifoSema, false, 0);
		while (atomic_load(&norder) != i + 1)
			runtime_Gosched();
	}
	sync_WaitGroup_Wait(&lifoWG);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 0);
	assert_int_equal(order[2], 1);
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSemaHandoff),
	cmocka_unit_test(TestSemaHandoff1),
	cmocka_unit_test(TestSemaHandoff2),
	cmocka_unit_test(TestSemaStress),
	cmocka_unit_test(TestSemaLifo),
};
// clang-format on

GONET_TEST_MAIN(tests)

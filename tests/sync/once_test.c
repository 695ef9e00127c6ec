// C port of go1.19 src/sync/once_test.go. C: TestOncePanic needs recover,
// which C lacks; it is not ported.
#include "gotest.h"

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"

static sync_Once once;
static int o;
static _Atomic int failures;
static sync_WaitGroup c;

static void
increment(void *arg)
{
	(void)arg;
	o++;
}

static void
run(void *arg)
{
	(void)arg;
	sync_Once_Do(&once, increment, NULL);
	if (o != 1)
		atomic_fetch_add(&failures, 1); // "once failed inside run"
	sync_WaitGroup_Done(&c);
}

GO_TEST(TestOnce)
{
	enum { N = 10 };

	for (int i = 0; i < N; i++) {
		sync_WaitGroup_Add(&c, 1);
		go(run, NULL);
	}
	sync_WaitGroup_Wait(&c);
	assert_int_equal(atomic_load(&failures), 0);
	assert_int_equal(o, 1); // "once failed outside run"
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestOnce),
};
// clang-format on

GONET_TEST_MAIN(tests)

// The test runner behind GONET_TEST_MAIN (testmain.h).
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"

// gotest.h's GO_SKIP flag: written by the main goroutine of the running
// case, read by the case after go_main returns (go_main's return orders them).
bool gotest_skipped;

#if defined(__SANITIZE_ADDRESS__)
#define GONET_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GONET_TEST_ASAN 1
#endif
#endif

#ifdef GONET_TEST_ASAN
#include <pthread.h>
#include <sanitizer/asan_interface.h>

// C: a failed assertion in a GO_TEST body longjmps from the main
// goroutine's stack back to cmocka's frame on the main thread's stack, past
// the scheduler's frames, whose scoped locals ASan had marked out of scope
// and never unmarks (its longjmp hook clears the stack it leaves, not the
// one it lands on). The teardown that runs next, or the next case's
// go_main, would be reported for touching them. So every case runs with a
// teardown that first clears the marks below the current frame (nothing
// there is live) and then calls the case's own teardown.
typedef struct caseFixture {
	CMFixtureFunction setup, teardown;
	void *initial_state;
} caseFixture;

// The fixture of the case running now; cases run one at a time, on the
// main thread, setup first (set there, read by the teardown after it).
static const caseFixture *currentFixture;

static void
unpoisonStackBelow(void)
{
	pthread_attr_t attr;
	void *lo;
	size_t size;
	char *here = __builtin_frame_address(0);

	if (pthread_getattr_np(pthread_self(), &attr) != 0)
		return;
	if (pthread_attr_getstack(&attr, &lo, &size) == 0 && here > (char *)lo &&
	    here < (char *)lo + size)
		__asan_unpoison_memory_region(lo, (size_t)(here - (char *)lo));
	pthread_attr_destroy(&attr);
}

static int
setupWrapper(void **state)
{
	currentFixture = *state;
	*state = currentFixture->initial_state;
	return currentFixture->setup != NULL ? currentFixture->setup(state) : 0;
}

static int
teardownWrapper(void **state)
{
	unpoisonStackBelow();
	return currentFixture->teardown != NULL ? currentFixture->teardown(state) : 0;
}

// The wrapped copy of the cases and their fixtures, freed after the run.
static struct CMUnitTest *wrappedTests;
static caseFixture *fixtures;

// A copy of tests whose fixtures are the wrappers.
static struct CMUnitTest *
wrapFixtures(const struct CMUnitTest *tests, size_t n)
{
	struct CMUnitTest *w = wrappedTests = calloc(n, sizeof(*w));
	caseFixture *f = fixtures = calloc(n, sizeof(*f));

	if (w == NULL || f == NULL)
		abort(); // test harness only
	for (size_t i = 0; i < n; i++) {
		f[i] = (caseFixture){tests[i].setup_func, tests[i].teardown_func,
				     tests[i].initial_state};
		w[i] = tests[i];
		w[i].setup_func = setupWrapper;
		w[i].teardown_func = teardownWrapper;
		w[i].initial_state = &f[i];
	}
	return w;
}
#endif

// runtime_throw and runtime_panicstring end up here: in a test a fatal error
// is an assertion failure, which expect_assert_failure() can catch.
static void
testFatalHook(const char *kind, const char *msg)
{
	// cmocka keeps a pointer to the text after it longjmps out of here.
	static _Thread_local char buf[512];

	snprintf(buf, sizeof(buf), "%s%s", kind, msg);
	fprintf(stderr, "%s\n", buf);
	mock_assert(0, buf, __FILE__, __LINE__);
}

bool
testUnderValgrind(void)
{
	const char *s = getenv("GONET_MEMCHECK");

	return s != NULL && strcmp(s, "1") == 0;
}

int
testTimeScale(void)
{
	return testUnderValgrind() ? 10 : 1;
}

int
runWithProcs(int procs, int (*fn)(void *), void *arg)
{
	int old = runtime_GOMAXPROCS(procs);
	int ret = go_main(fn, arg);

	runtime_GOMAXPROCS(old);
	return ret;
}

int
gonet_test_main(int argc, char **argv, const char *file, const struct CMUnitTest *tests, size_t n)
{
	const char *base = strrchr(file, '/');

	runtime_fatalHook = testFatalHook;
	if (argc > 1) {
		// A name that matches no case is an error, not an empty pass
		// (ctest runs each case by name; a stale binary would hide it).
		size_t i;
		for (i = 0; i < n && strcmp(tests[i].name, argv[1]) != 0; i++)
			;
		if (i == n) {
			fprintf(stderr, "%s: no test named %s\n", file, argv[1]);
			return 1;
		}
		cmocka_set_test_filter(argv[1]);
	}
#ifdef GONET_TEST_ASAN
	int failed;

	tests = wrapFixtures(tests, n);
	failed = _cmocka_run_group_tests(base != NULL ? base + 1 : file, tests, n, NULL, NULL);
	free(wrappedTests);
	free(fixtures);
	return failed;
#else
	return _cmocka_run_group_tests(base != NULL ? base + 1 : file, tests, n, NULL, NULL);
#endif
}

// Shared test entry point: one executable per Go test file, one ctest entry
// per Go test function (the function's name is argv[1], used as cmocka's
// filter). With no argument every case runs.
#ifndef GONET_TESTS_TESTMAIN_H
#define GONET_TESTS_TESTMAIN_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <cmocka.h>

#define nelem(a) (sizeof(a) / sizeof((a)[0]))

int gonet_test_main(int argc, char **argv, const char *file, const struct CMUnitTest *tests,
		    size_t n);

#define GONET_TEST_MAIN(tests)                                                                     \
	int main(int argc, char **argv)                                                            \
	{                                                                                          \
		return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));                 \
	}

// True when the suite runs under valgrind (make memcheck): timing tests
// scale their tolerances by testTimeScale().
bool testUnderValgrind(void);
int testTimeScale(void);

// Runs fn(arg) as go_main's main goroutine with GOMAXPROCS procs and
// returns its result. Go: defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(n)).
// C: GOMAXPROCS is fixed while go_main runs, so it is set around it.
int runWithProcs(int procs, int (*fn)(void *), void *arg);

// Asserts that err's Error() text is want (and that err is non-nil).
#define assert_error_text(err, want)                                                               \
	do {                                                                                       \
		assert_non_null(err);                                                              \
		assert_string_equal(go_error_Error(err), (want));                                  \
	} while (0)

#endif

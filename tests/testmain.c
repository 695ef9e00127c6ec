// The test runner behind GONET_TEST_MAIN (testmain.h).
#include "testmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/panic.h"

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
	return _cmocka_run_group_tests(base != NULL ? base + 1 : file, tests, n, NULL, NULL);
}

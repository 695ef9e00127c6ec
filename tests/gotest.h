// Running a test body as the main goroutine (Go's tests run on goroutines;
// gonet's need go_main around them).
//
//	GO_TEST(TestSleep)
//	{
//		time_Sleep(time_Millisecond);
//	}
//
// defines the cmocka case TestSleep, which runs the body inside
// go_main(). cmocka's assert_* may be used in the body (the main
// goroutine); other goroutines should record failures (atomics, counters)
// for the body to assert, as a failed cmocka assertion cannot unwind
// across goroutine stacks. expect_assert_failure works in any goroutine
// for a throw or panic raised in that same goroutine.
//
// A body skips with GO_SKIP() (Go's t.Skip), not cmocka's skip(): skip()
// would longjmp out of go_main and leave the runtime's threads running
// (valgrind reports them as leaks); GO_SKIP returns from the body, and the
// case calls skip() once go_main has returned.
#ifndef GONET_TESTS_GOTEST_H
#define GONET_TESTS_GOTEST_H

#include "testmain.h"

#include "runtime_netpoll/runtime.h"

// Set by GO_SKIP in the running GO_TEST body (the main goroutine); read by
// the case on the test's thread once go_main has returned.
extern bool gotest_skipped;

#define GO_SKIP()                                                                                  \
	do {                                                                                       \
		gotest_skipped = true;                                                             \
		return;                                                                            \
	} while (0)

#define GO_TEST(name)                                                                              \
	static void name##_body(void);                                                             \
	static int name##_main(void *arg)                                                          \
	{                                                                                          \
		(void)arg;                                                                         \
		name##_body();                                                                     \
		return 0;                                                                          \
	}                                                                                          \
	static void name(void **state)                                                             \
	{                                                                                          \
		(void)state;                                                                       \
		gotest_skipped = false;                                                            \
		assert_int_equal(go_main(name##_main, NULL), 0);                                   \
		if (gotest_skipped)                                                                \
			skip();                                                                    \
	}                                                                                          \
	static void name##_body(void)

#endif

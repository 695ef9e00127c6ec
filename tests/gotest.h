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
#ifndef GONET_TESTS_GOTEST_H
#define GONET_TESTS_GOTEST_H

#include "testmain.h"

#include "runtime_netpoll/runtime.h"

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
		assert_int_equal(go_main(name##_main, NULL), 0);                                   \
	}                                                                                          \
	static void name##_body(void)

#endif

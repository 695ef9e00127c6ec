// C port of go1.19 src/errors/errors_test.go.
#include "testmain.h"

#include "errors/errors.h"

/* Go: errors/errors_test.go TestNewEqual */
static void
TestNewEqual(void **state)
{
	go_error *a = errors_New("abc"), *b = errors_New("abc"), *err;

	(void)state;
	// Different allocations should not be equal.
	assert_ptr_not_equal(a, b);
	// Same allocation should be equal to itself (not crash).
	err = errors_New("jkl");
	assert_ptr_equal(err, err);
	go_error_release(a);
	go_error_release(b);
	go_error_release(err);
}

/* Go: errors/errors_test.go TestErrorMethod */
static void
TestErrorMethod(void **state)
{
	go_error *err = errors_New("abc");

	(void)state;
	assert_string_equal(go_error_Error(err), "abc");
	go_error_release(err);
}

// C: ownership. A retained error survives one release; Newf formats.
static void
TestRetainRelease(void **state)
{
	go_error *err = errors_Newf("%s %d", "dial", 7);

	(void)state;
	assert_ptr_equal(go_error_retain(err), err);
	go_error_release(err);
	assert_string_equal(go_error_Error(err), "dial 7");
	go_error_release(err);
	go_error_release(NULL); // nil is fine
	assert_ptr_equal(go_error_retain(NULL), NULL);
	assert_string_equal(go_error_Error(NULL), "<nil>");
	assert_false(go_error_Timeout(NULL));
	assert_false(go_error_Temporary(NULL));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestNewEqual),
	cmocka_unit_test(TestErrorMethod),
	cmocka_unit_test(TestRetainRelease),
};

GONET_TEST_MAIN(tests)

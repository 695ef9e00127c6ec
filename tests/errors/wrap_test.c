// C port of go1.19 src/errors/wrap_test.go (TestIs, TestAs, TestUnwrap).
// Go's test types wrapped, poser and errorT become C error types with their
// own method tables; they live on the stack and have no free method.
#include "testmain.h"

#include <string.h>

#include "errors/errors.h"
#include "internal_oserror/errors.h"
#include "os/error.h"
#include "syscall/syscall.h"

typedef struct wrapped {
	go_error err;
	const char *msg;
	go_error *wrapped;
} wrapped;

static const char *
wrapped_Error(go_error *e)
{
	return ((wrapped *)e)->msg;
}

static go_error *
wrapped_Unwrap(go_error *e)
{
	return ((wrapped *)e)->wrapped;
}

static const go_error_methods wrapped_methods = {
	.type = "errors_test.wrapped",
	.Error = wrapped_Error,
	.Unwrap = wrapped_Unwrap,
};
#define WRAPPED(m, w) ((wrapped){{&wrapped_methods}, (m), (w)})

typedef struct errorT {
	go_error err;
	const char *s;
} errorT;

static const char *
errorT_Error(go_error *e)
{
	return ((errorT *)e)->s;
}

static const go_error_methods errorT_methods = {.type = "errors_test.errorT",
						.Error = errorT_Error};
static errorT poserErrorT = {{&errorT_methods}, "poser"};

typedef struct poser {
	go_error err;
	const char *msg;
	bool (*f)(go_error *);
} poser;

static const char *
poser_Error(go_error *e)
{
	return ((poser *)e)->msg;
}

static bool
poser_Is(go_error *e, go_error *target)
{
	return ((poser *)e)->f(target);
}

static const go_error_methods poser_methods;

static bool
poser_As(go_error *e, const go_error_methods *type, go_error **target)
{
	if (type == &poser_methods)
		*target = e;
	else if (type == &errorT_methods)
		*target = &poserErrorT.err;
	else
		return false;
	return true;
}

static const go_error_methods poser_methods = {
	.type = "*errors_test.poser",
	.Error = poser_Error,
	.Is = poser_Is,
	.As = poser_As,
};

static go_error *err1, *err3;

static bool
either1or3(go_error *err)
{
	return err == err1 || err == err3;
}

/* Go: errors/wrap_test.go TestIs */
// C: Go's errorUncomparable rows have no C form (every C error is a pointer).
static void
TestIs(void **state)
{
	(void)state;
	err1 = errors_New("1");
	err3 = errors_New("3");
	wrapped erra = WRAPPED("wrap 2", err1);
	wrapped errb = WRAPPED("wrap 3", &erra.err);
	poser p = {{&poser_methods}, "either 1 or 3", either1or3};
	const struct {
		go_error *err, *target;
		bool match;
	} testCases[] = {
		{NULL, NULL, true},       {err1, NULL, false},        {err1, err1, true},
		{&erra.err, err1, true},  {&errb.err, err1, true},    {err1, err3, false},
		{&erra.err, err3, false}, {&errb.err, err3, false},   {&p.err, err1, true},
		{&p.err, err3, true},     {&p.err, &erra.err, false}, {&p.err, &errb.err, false},
	};
	for (size_t i = 0; i < nelem(testCases); i++) {
		bool got = errors_Is(testCases[i].err, testCases[i].target);
		if (got != testCases[i].match)
			fail_msg("case %zu: Is(%s, %s) = %d, want %d", i,
				 go_error_Error(testCases[i].err),
				 go_error_Error(testCases[i].target), got, testCases[i].match);
	}
	go_error_release(err1);
	go_error_release(err3);
}

/* Go: errors/wrap_test.go TestAs */
// C: a target is named by its method table. Go's interface-typed target
// (`var timeout interface{ Timeout() bool }`) has no C form.
static void
TestAs(void **state)
{
	(void)state;
	// errF: what os.Open("non-existing") wraps; here a SyscallError over ENOENT.
	go_error *errF = os_NewSyscallError("open", syscall_ENOENT);
	errorT t = {{&errorT_methods}, "T"};
	wrapped w1 = WRAPPED("pitied the fool", &t.err);
	errorT empty = {{&errorT_methods}, ""};
	wrapped w2 = WRAPPED("wrapped", NULL);
	poser p1 = {{&poser_methods}, "error", NULL};
	poser poserErr = {{&poser_methods}, "oh no", NULL};
	go_error *e = errors_New("err");
	const struct {
		go_error *err;
		const go_error_methods *target;
		bool match;
		go_error *want;
	} testCases[] = {
		{NULL, &os_SyscallError_methods, false, NULL},
		{&w1.err, &errorT_methods, true, &t.err},
		{errF, &os_SyscallError_methods, true, errF},
		{&empty.err, &os_SyscallError_methods, false, NULL},
		{&w2.err, &errorT_methods, false, NULL},
		{&p1.err, &errorT_methods, true, &poserErrorT.err},
		{&poserErr.err, &poser_methods, true, &poserErr.err},
		{e, &os_SyscallError_methods, false, NULL},
		{errF, &syscall_Errno_methods, true, syscall_ENOENT},
	};
	for (size_t i = 0; i < nelem(testCases); i++) {
		go_error *got = NULL;
		bool match = errors_As(testCases[i].err, testCases[i].target, &got);
		assert_int_equal(match, testCases[i].match);
		if (match)
			assert_ptr_equal(got, testCases[i].want);
	}
	go_error_release(e);
	go_error_release(errF);
}

/* Go: errors/wrap_test.go TestAsValidation */
static void
TestAsValidation(void **state)
{
	go_error *err = errors_New("error");

	(void)state;
	expect_assert_failure(errors_As(err, NULL, NULL));
	go_error_release(err);
}

/* Go: errors/wrap_test.go TestUnwrap */
static void
TestUnwrap(void **state)
{
	(void)state;
	go_error *e1 = errors_New("1");
	wrapped erra = WRAPPED("wrap 2", e1);
	wrapped w = WRAPPED("wrapped", NULL);
	errorT t = {{&errorT_methods}, "T"};
	const struct {
		go_error *err, *want;
	} testCases[] = {
		{NULL, NULL},
		{&w.err, NULL},
		{e1, NULL},
		{&erra.err, e1},
		{&WRAPPED("wrap 3", &erra.err).err, &erra.err},
		{&t.err, NULL},
	};
	for (size_t i = 0; i < nelem(testCases); i++)
		assert_ptr_equal(errors_Unwrap(testCases[i].err), testCases[i].want);
	go_error_release(e1);
}

// C: the oserror sentinels and os's aliases are the same values.
static void
TestOSErrorAliases(void **state)
{
	(void)state;
	assert_ptr_equal(os_ErrClosed, oserror_ErrClosed);
	assert_ptr_equal(os_ErrNotExist, oserror_ErrNotExist);
	assert_string_equal(go_error_Error(os_ErrClosed), "file already closed");
	go_error *e = os_NewSyscallError("mkdir", syscall_EEXIST);
	assert_true(errors_Is(e, os_ErrExist));
	assert_false(errors_Is(e, os_ErrNotExist));
	go_error_release(e);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestIs),
	cmocka_unit_test(TestAs),
	cmocka_unit_test(TestAsValidation),
	cmocka_unit_test(TestUnwrap),
	cmocka_unit_test(TestOSErrorAliases),
};

GONET_TEST_MAIN(tests)

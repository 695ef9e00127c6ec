// C port of go1.19 src/internal/poll/fd_posix_test.go (eofError through
// poll_impl.h, Go's export_posix_test.go EOFError).
#include "testmain.h"

#include "internal_poll/poll_impl.h"
#include "io/io.h"

// C: io.EOF and ErrNetClosing are not constant expressions, so the table
// names its errors and val() looks them up.
enum { nilErr, EOF_, NetClosing };

static const struct {
	ssize_t n;
	int err;
	bool zeroReadIsEOF; // C: Go's fd *FD, of which only this field matters
	int expected;
} eofErrorTests[] = {
	{100, nilErr, true, nilErr},
	{100, EOF_, true, EOF_},
	{100, NetClosing, true, NetClosing},
	{0, nilErr, true, EOF_},
	{0, EOF_, true, EOF_},
	{0, NetClosing, true, NetClosing},

	{100, nilErr, false, nilErr},
	{100, EOF_, false, EOF_},
	{100, NetClosing, false, NetClosing},
	{0, nilErr, false, nilErr},
	{0, EOF_, false, EOF_},
	{0, NetClosing, false, NetClosing},
};

static go_error *
val(int e)
{
	switch (e) {
	case EOF_:
		return io_EOF;
	case NetClosing:
		return poll_ErrNetClosing;
	}
	return NULL;
}

static const char *
str(go_error *e)
{
	return e == NULL ? "<nil>" : go_error_Error(e);
}

/* Go: internal/poll/fd_posix_test.go TestEOFError */
static void
TestEOFError(void **state)
{
	(void)state;
	for (size_t i = 0; i < nelem(eofErrorTests); i++) {
		poll_FD fd = {.ZeroReadIsEOF = eofErrorTests[i].zeroReadIsEOF};
		go_error *actual =
			poll_FD_eofError(&fd, eofErrorTests[i].n, val(eofErrorTests[i].err));
		if (actual != val(eofErrorTests[i].expected))
			fail_msg("eofError(%zd, %s, %d): expected %s, actual %s",
				 eofErrorTests[i].n, str(val(eofErrorTests[i].err)),
				 eofErrorTests[i].zeroReadIsEOF,
				 str(val(eofErrorTests[i].expected)), str(actual));
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestEOFError),
};

GONET_TEST_MAIN(tests)

// C port of the helpers of go1.19 src/net/error_test.go and
// error_unix_test.go that net's other test files share: the parse*Error
// checks of an error's nesting (OpError -> wrapped error -> errno) and the
// platform error predicates. Like mockserver.h, a helper header any ported
// test may include.
//
// Each parse*Error returns NULL when nestedErr is a valid error for that
// kind of call (nil included), else a new error describing the problem,
// which the caller releases. nestedErr stays the caller's.
#ifndef GONET_TESTS_NET_ERRORTEST_H
#define GONET_TESTS_NET_ERRORTEST_H

#include <stdbool.h>

#include "errors/errors.h"
#include "net/net.h"

// Go: error_unix_test.go errTimedout, errOpNotSupported (syscall errnos).
extern go_error *errTimedout;
extern go_error *errOpNotSupported;

// Go: error_test.go (*OpError).isValid.
go_error *net_OpError_isValid(net_OpError *e) GO_MUST_CHECK;

// Go: error_test.go parseDialError (errors from Dial and Listen).
go_error *parseDialError(go_error *nestedErr) GO_MUST_CHECK;
// Go: error_test.go parseReadError.
go_error *parseReadError(go_error *nestedErr) GO_MUST_CHECK;
// Go: error_test.go parseWriteError.
go_error *parseWriteError(go_error *nestedErr) GO_MUST_CHECK;
// Go: error_test.go parseCloseError.
go_error *parseCloseError(go_error *nestedErr, bool isShutdown) GO_MUST_CHECK;
// Go: error_test.go parseAcceptError.
go_error *parseAcceptError(go_error *nestedErr) GO_MUST_CHECK;
// Go: error_test.go parseCommonError.
go_error *parseCommonError(go_error *nestedErr) GO_MUST_CHECK;
// Go: error_test.go parseLookupPortError.
go_error *parseLookupPortError(go_error *nestedErr) GO_MUST_CHECK;

// Go: error_unix_test.go isPlatformError: err is a syscall.Errno.
bool isPlatformError(go_error *err);
// Go: error_unix_test.go samePlatformError.
bool samePlatformError(go_error *err, go_error *want);
// Go: error_unix_test.go isENOBUFS.
bool isENOBUFS(go_error *err);

// Go: timeout_test.go isDeadlineExceeded: a net.Error whose Timeout() is
// true and that is (or wraps) os.ErrDeadlineExceeded.
bool isDeadlineExceeded(go_error *err);

#endif

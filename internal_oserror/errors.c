// C port of go1.19 src/internal/oserror/errors.go.
// Go: package-level errors.New values; C: static errorStrings.
#include "internal_oserror/errors.h"

errors_errorString oserror_errInvalid = ERRORS_STATIC("invalid argument");
errors_errorString oserror_errPermission = ERRORS_STATIC("permission denied");
errors_errorString oserror_errExist = ERRORS_STATIC("file already exists");
errors_errorString oserror_errNotExist = ERRORS_STATIC("file does not exist");
errors_errorString oserror_errClosed = ERRORS_STATIC("file already closed");

go_error *const oserror_ErrInvalid = &oserror_errInvalid.err;
go_error *const oserror_ErrPermission = &oserror_errPermission.err;
go_error *const oserror_ErrExist = &oserror_errExist.err;
go_error *const oserror_ErrNotExist = &oserror_errNotExist.err;
go_error *const oserror_ErrClosed = &oserror_errClosed.err;

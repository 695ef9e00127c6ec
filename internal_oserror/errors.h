// C port of go1.19 src/internal/oserror/errors.go: the portable error
// sentinels that os and syscall share.
#ifndef GONET_INTERNAL_OSERROR_ERRORS_H
#define GONET_INTERNAL_OSERROR_ERRORS_H

#include "errors/errors.h"

// The objects behind the sentinels, so other packages can alias them in
// constant initializers (os.ErrClosed = oserror.ErrClosed).
extern errors_errorString oserror_errInvalid, oserror_errPermission, oserror_errExist,
	oserror_errNotExist, oserror_errClosed;

extern go_error *const oserror_ErrInvalid;    // "invalid argument"
extern go_error *const oserror_ErrPermission; // "permission denied"
extern go_error *const oserror_ErrExist;      // "file already exists"
extern go_error *const oserror_ErrNotExist;   // "file does not exist"
extern go_error *const oserror_ErrClosed;     // "file already closed"

#endif

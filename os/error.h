// C port of go1.19 src/os/error.go: the os error sentinels and
// *os.SyscallError.
#ifndef GONET_OS_ERROR_H
#define GONET_OS_ERROR_H

#include "errors/errors.h"

extern go_error *const os_ErrInvalid;    // oserror.ErrInvalid
extern go_error *const os_ErrPermission; // oserror.ErrPermission
extern go_error *const os_ErrExist;      // oserror.ErrExist
extern go_error *const os_ErrNotExist;   // oserror.ErrNotExist
extern go_error *const os_ErrClosed;     // oserror.ErrClosed

// Go: os.SyscallError{Syscall, Err}.
typedef struct os_SyscallError {
	go_heaperror he;
	go_error *Err; // owned
	char Syscall[];
} os_SyscallError;

extern const go_error_methods os_SyscallError_methods;

// Go: os.NewSyscallError. Takes over err; NULL for a nil err. The syscall
// name is copied.
go_error *os_NewSyscallError(const char *syscall, go_error *err) GO_MUST_CHECK;

#endif

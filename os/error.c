// C port of go1.19 src/os/error.go: SyscallError and the sentinels os takes
// from internal/oserror.
#include "os/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal_oserror/errors.h"
#include "runtime_netpoll/panic.h"

// C: Go aliases these variables at package init; here they are the same
// objects, so identity comparisons agree across packages.
go_error *const os_ErrInvalid = &oserror_errInvalid.err;
go_error *const os_ErrPermission = &oserror_errPermission.err;
go_error *const os_ErrExist = &oserror_errExist.err;
go_error *const os_ErrNotExist = &oserror_errNotExist.err;
go_error *const os_ErrClosed = &oserror_errClosed.err;

static char *
SyscallError_build(go_heaperror *he)
{
	os_SyscallError *e = (os_SyscallError *)he;
	char *s;

	if (asprintf(&s, "%s: %s", e->Syscall, go_error_Error(e->Err)) < 0)
		return NULL;
	return s;
}

/* Go: os/error.go (*SyscallError).Error */
static const char *
SyscallError_Error(go_error *err)
{
	return go_heaperror_text((go_heaperror *)err, SyscallError_build);
}

/* Go: os/error.go (*SyscallError).Unwrap */
static go_error *
SyscallError_Unwrap(go_error *err)
{
	return ((os_SyscallError *)err)->Err;
}

/* Go: os/error.go (*SyscallError).Timeout */
static bool
SyscallError_Timeout(go_error *err)
{
	return go_error_Timeout(((os_SyscallError *)err)->Err);
}

static void
SyscallError_free(go_error *err)
{
	go_error_release(((os_SyscallError *)err)->Err);
	free(err);
}

// C: *SyscallError has no Temporary method in Go 1.19, so none here.
const go_error_methods os_SyscallError_methods = {
	.type = "*os.SyscallError",
	.Error = SyscallError_Error,
	.Unwrap = SyscallError_Unwrap,
	.Timeout = SyscallError_Timeout,
	.free = SyscallError_free,
};

/* Go: os/error.go NewSyscallError */
go_error *
os_NewSyscallError(const char *syscall, go_error *err)
{
	size_t n;
	os_SyscallError *e;

	if (err == NULL)
		return NULL;
	n = strlen(syscall) + 1;
	e = runtime_newobject(sizeof(*e) + n);
	go_heaperror_init(&e->he, &os_SyscallError_methods);
	e->Err = err;
	memcpy(e->Syscall, syscall, n);
	return &e->he.err;
}

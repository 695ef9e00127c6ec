// C port of go1.19 src/internal/poll/errno_unix.go.
// C: Go boxes the common errnos once to avoid allocations; here every errno
// is a static value already, so only the nil case remains.
#include "internal_poll/poll_impl.h"

/* Go: internal/poll/errno_unix.go errnoErr */
go_error *
poll_errnoErr(int e)
{
	if (e == 0)
		return NULL;
	return syscall_Errno(e);
}

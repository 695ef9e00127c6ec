// C port of go1.19 src/internal/poll/fcntl_syscall.go.
#include "internal_poll/poll_impl.h"

#include <errno.h>
#include <fcntl.h>

/* Go: internal/poll/fcntl_syscall.go fcntl */
go_error *
poll_fcntl(int fd, int cmd, int arg, int *r)
{
	*r = fcntl(fd, cmd, arg);
	if (*r < 0)
		return syscall_Errno(errno);
	return NULL;
}

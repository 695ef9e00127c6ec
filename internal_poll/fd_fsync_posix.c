// C port of go1.19 src/internal/poll/fd_fsync_posix.go.
#include "internal_poll/poll_impl.h"

/* Go: internal/poll/fd_fsync_posix.go (*FD).Fsync */
go_error *
poll_FD_Fsync(poll_FD *fd)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	do // C: ignoringEINTR(func ...)
		err = syscall_Fsync(fd->Sysfd);
	while (err == syscall_EINTR);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

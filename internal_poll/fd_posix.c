// C port of go1.19 src/internal/poll/fd_posix.go: eofError and the
// reference-taking wrappers of shutdown, fchown, ftruncate, and RawControl.
// ignoringEINTR is written out as a loop at each call (C has no closures).
#include "internal_poll/poll_impl.h"

#include "io/io.h"

/* Go: internal/poll/fd_posix.go (*FD).eofError */
// A zero-byte read without error is EOF, if fd says so.
go_error *
poll_FD_eofError(poll_FD *fd, ssize_t n, go_error *err)
{
	if (n == 0 && err == NULL && fd->ZeroReadIsEOF)
		return io_EOF;
	return err;
}

/* Go: internal/poll/fd_posix.go (*FD).Shutdown */
go_error *
poll_FD_Shutdown(poll_FD *fd, int how)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_Shutdown(fd->Sysfd, how);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/fd_posix.go (*FD).Fchown */
go_error *
poll_FD_Fchown(poll_FD *fd, int uid, int gid)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	do // C: ignoringEINTR(func ...)
		err = syscall_Fchown(fd->Sysfd, uid, gid);
	while (err == syscall_EINTR);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/fd_posix.go (*FD).Ftruncate */
go_error *
poll_FD_Ftruncate(poll_FD *fd, int64_t size)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	do // C: ignoringEINTR(func ...)
		err = syscall_Ftruncate(fd->Sysfd, size);
	while (err == syscall_EINTR);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/fd_posix.go (*FD).RawControl */
go_error *
poll_FD_RawControl(poll_FD *fd, void (*f)(void *env, uintptr_t s), void *env)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	f(env, (uintptr_t)fd->Sysfd);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return NULL;
}

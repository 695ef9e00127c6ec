// C port of go1.19 src/internal/poll/sock_cloexec.go: accept that returns a
// non-blocking, close-on-exec descriptor, through the hooks of hooks/.
#include "internal_poll/poll_impl.h"

#include "hooks/hooks.h"

/* Go: internal/poll/sock_cloexec.go accept */
go_error *
poll_accept(int s, int *ns, syscall_Sockaddr *sa, const char **errcall)
{
	go_error *err = poll_Accept4Func(s, SOCK_NONBLOCK | SOCK_CLOEXEC, ns, sa);

	if (err == NULL) {
		*errcall = "";
		return NULL;
	}
	// Kernels without accept4 say so with one of these; anything else is
	// the call's real error.
	if (err != syscall_ENOSYS && err != syscall_EINVAL && err != syscall_EACCES &&
	    err != syscall_EFAULT) {
		*ns = -1;
		*errcall = "accept4";
		return err;
	}

	// No ForkLock (see Go's comment): the listener is non-blocking, and
	// gonet never forks anyway.
	err = poll_AcceptFunc(s, ns, sa);
	if (err == NULL)
		syscall_CloseOnExec(*ns);
	if (err != NULL) {
		*ns = -1;
		sa->len = 0;
		*errcall = "accept";
		return err;
	}
	if ((err = syscall_SetNonblock(*ns, true)) != NULL) {
		go_error_release(poll_CloseFunc(*ns)); // C: Go ignores the result too
		*ns = -1;
		sa->len = 0;
		*errcall = "setnonblock";
		return err;
	}
	*errcall = "";
	return NULL;
}

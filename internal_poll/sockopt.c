// C port of go1.19 src/internal/poll/sockopt.go, sockopt_linux.go,
// sockopt_unix.go and sockoptip.go: setsockopt under a reference, so that a
// concurrent Close cannot close the descriptor under the call.
#include "internal_poll/poll_impl.h"

#include <netinet/in.h>

/* Go: internal/poll/sockopt.go (*FD).SetsockoptInt */
go_error *
poll_FD_SetsockoptInt(poll_FD *fd, int level, int name, int arg)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_SetsockoptInt(fd->Sysfd, level, name, arg);
	// C: with a receive low-water mark the kernel reports new data only
	// once that much is queued, but a read returns less at once: Read's
	// drained-socket shortcut (fd_unix.c) would wait where Go's reads.
	if (err == NULL && level == SOL_SOCKET && name == SO_RCVLOWAT && arg > 1)
		atomic_store_explicit(&fd->shortReadDrains, false, memory_order_relaxed);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/sockopt.go (*FD).SetsockoptInet4Addr */
go_error *
poll_FD_SetsockoptInet4Addr(poll_FD *fd, int level, int name, const uint8_t arg[4])
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_SetsockoptInet4Addr(fd->Sysfd, level, name, arg);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/sockopt.go (*FD).SetsockoptLinger */
go_error *
poll_FD_SetsockoptLinger(poll_FD *fd, int level, int name, const struct linger *l)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_SetsockoptLinger(fd->Sysfd, level, name, l);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/sockopt_unix.go (*FD).SetsockoptByte */
go_error *
poll_FD_SetsockoptByte(poll_FD *fd, int level, int name, uint8_t arg)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_SetsockoptByte(fd->Sysfd, level, name, arg);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/sockopt_linux.go (*FD).SetsockoptIPMreqn */
go_error *
poll_FD_SetsockoptIPMreqn(poll_FD *fd, int level, int name, const struct ip_mreqn *mreq)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_SetsockoptIPMreqn(fd->Sysfd, level, name, mreq);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/sockoptip.go (*FD).SetsockoptIPMreq */
go_error *
poll_FD_SetsockoptIPMreq(poll_FD *fd, int level, int name, const struct ip_mreq *mreq)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_SetsockoptIPMreq(fd->Sysfd, level, name, mreq);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/sockoptip.go (*FD).SetsockoptIPv6Mreq */
go_error *
poll_FD_SetsockoptIPv6Mreq(poll_FD *fd, int level, int name, const struct ipv6_mreq *mreq)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_SetsockoptIPv6Mreq(fd->Sysfd, level, name, mreq);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

// C: no Go twin in internal/poll (net reads options through
// getsockoptIntFunc on pfd.Sysfd); the same call under a reference.
go_error *
poll_FD_GetsockoptInt(poll_FD *fd, int level, int name, int *v)
{
	go_error *err;

	*v = 0;
	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_GetsockoptInt(fd->Sysfd, level, name, v);
	go_error_release(poll_FD_decref(fd));
	return err;
}

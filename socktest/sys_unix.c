// C port of go1.19 src/net/internal/socktest/sys_unix.go: the system calls
// of a Switch. Each runs the filter, the call, the after-filter and the
// bookkeeping in Go's order. Ownership of the errors: see socktest.h.
//
// C: where Go's method ends with `defer sw.smu.Unlock()`, the C jumps to an
// unlock label. On a failed call the out-parameters get Go's results (-1, a
// nil Sockaddr).
#include "socktest/socktest_impl.h"

#include <sys/socket.h>

/* Go: net/internal/socktest/sys_unix.go (*Switch).Socket */
go_error *
socktest_Switch_Socket(socktest_Switch *sw, int family, int sotype, int proto, int *sp)
{
	socktest_Status so, nso;
	socktest_AfterFilter af;
	socktest_Filter f;
	go_error *err;
	int s;

	socktest_Switch_once(sw);

	so = (socktest_Status){.Cookie = socktest_cookie(family, sotype, proto)};
	pthread_rwlock_rdlock(&sw->fmu);
	f = sw->fltab[socktest_FilterSocket];
	pthread_rwlock_unlock(&sw->fmu);

	if ((err = socktest_Filter_apply(f, &so, &af)) != NULL) {
		*sp = -1;
		return err;
	}
	so.Err = syscall_Socket(family, sotype, proto, &s);
	if ((err = socktest_AfterFilter_apply(af, &so)) != NULL) {
		if (so.Err == NULL)
			go_error_release(syscall_Close(s)); // C: Go ignores this result too
		socktest_Status_release(&so);
		*sp = -1;
		return err;
	}

	pthread_rwlock_wrlock(&sw->smu);
	if (so.Err != NULL) {
		socktest_stats_getLocked(sw, so.Cookie)->OpenFailed++;
		err = so.Err; // C: the caller takes it over
		s = -1;
		goto unlock;
	}
	nso = socktest_Switch_addLocked(sw, s, family, sotype, proto);
	socktest_stats_getLocked(sw, nso.Cookie)->Opened++;
unlock:
	pthread_rwlock_unlock(&sw->smu);
	go_error_release(so.SocketErr);
	*sp = s;
	return err;
}

/* Go: net/internal/socktest/sys_unix.go (*Switch).Close */
// C: between close(2) and the table lock, another thread may open a socket
// that gets the same descriptor and enter it in the table; Go's delete would
// then drop that socket's entry. Deleting only the generation that sockso
// saw keeps the newer entry.
go_error *
socktest_Switch_Close(socktest_Switch *sw, int s)
{
	socktest_Status so;
	socktest_AfterFilter af;
	socktest_Filter f;
	go_error *err;
	uint64_t gen;

	if (!socktest_Switch_sockso(sw, s, &so, &gen))
		return syscall_Close(s);
	pthread_rwlock_rdlock(&sw->fmu);
	f = sw->fltab[socktest_FilterClose];
	pthread_rwlock_unlock(&sw->fmu);

	if ((err = socktest_Filter_apply(f, &so, &af)) != NULL)
		return err;
	so.Err = syscall_Close(s);
	if ((err = socktest_AfterFilter_apply(af, &so)) != NULL) {
		socktest_Status_release(&so);
		return err;
	}

	pthread_rwlock_wrlock(&sw->smu);
	if (so.Err != NULL) {
		socktest_stats_getLocked(sw, so.Cookie)->CloseFailed++;
		err = so.Err; // C: the caller takes it over
		goto unlock;
	}
	socktest_Switch_deleteLocked(sw, s, gen); // C: see above
	socktest_stats_getLocked(sw, so.Cookie)->Closed++;
unlock:
	pthread_rwlock_unlock(&sw->smu);
	go_error_release(so.SocketErr);
	return err;
}

/* Go: net/internal/socktest/sys_unix.go (*Switch).Connect */
go_error *
socktest_Switch_Connect(socktest_Switch *sw, int s, const syscall_Sockaddr *sa)
{
	socktest_Status so;
	socktest_AfterFilter af;
	socktest_Filter f;
	go_error *err;
	uint64_t gen;

	if (!socktest_Switch_sockso(sw, s, &so, &gen))
		return syscall_Connect(s, sa);
	pthread_rwlock_rdlock(&sw->fmu);
	f = sw->fltab[socktest_FilterConnect];
	pthread_rwlock_unlock(&sw->fmu);

	if ((err = socktest_Filter_apply(f, &so, &af)) != NULL)
		return err;
	so.Err = syscall_Connect(s, sa);
	if ((err = socktest_AfterFilter_apply(af, &so)) != NULL) {
		socktest_Status_release(&so);
		return err;
	}

	pthread_rwlock_wrlock(&sw->smu);
	if (so.Err != NULL) {
		socktest_stats_getLocked(sw, so.Cookie)->ConnectFailed++;
		err = so.Err; // C: the caller takes it over
		goto unlock;
	}
	socktest_stats_getLocked(sw, so.Cookie)->Connected++;
unlock:
	pthread_rwlock_unlock(&sw->smu);
	go_error_release(so.SocketErr);
	return err;
}

/* Go: net/internal/socktest/sys_unix.go (*Switch).Listen */
go_error *
socktest_Switch_Listen(socktest_Switch *sw, int s, int backlog)
{
	socktest_Status so;
	socktest_AfterFilter af;
	socktest_Filter f;
	go_error *err;
	uint64_t gen;

	if (!socktest_Switch_sockso(sw, s, &so, &gen))
		return syscall_Listen(s, backlog);
	pthread_rwlock_rdlock(&sw->fmu);
	f = sw->fltab[socktest_FilterListen];
	pthread_rwlock_unlock(&sw->fmu);

	if ((err = socktest_Filter_apply(f, &so, &af)) != NULL)
		return err;
	so.Err = syscall_Listen(s, backlog);
	if ((err = socktest_AfterFilter_apply(af, &so)) != NULL) {
		socktest_Status_release(&so);
		return err;
	}

	pthread_rwlock_wrlock(&sw->smu);
	if (so.Err != NULL) {
		socktest_stats_getLocked(sw, so.Cookie)->ListenFailed++;
		err = so.Err; // C: the caller takes it over
		goto unlock;
	}
	socktest_stats_getLocked(sw, so.Cookie)->Listened++;
unlock:
	pthread_rwlock_unlock(&sw->smu);
	go_error_release(so.SocketErr);
	return err;
}

/* Go: net/internal/socktest/sys_unix.go (*Switch).Accept */
go_error *
socktest_Switch_Accept(socktest_Switch *sw, int s, int *nsp, syscall_Sockaddr *sa)
{
	socktest_Status so, nso;
	socktest_AfterFilter af;
	socktest_Filter f;
	go_error *err;
	uint64_t gen;
	int ns;

	if (!socktest_Switch_sockso(sw, s, &so, &gen))
		return syscall_Accept(s, nsp, sa);
	pthread_rwlock_rdlock(&sw->fmu);
	f = sw->fltab[socktest_FilterAccept];
	pthread_rwlock_unlock(&sw->fmu);

	if ((err = socktest_Filter_apply(f, &so, &af)) != NULL) {
		*nsp = -1;
		sa->len = 0;
		return err;
	}
	so.Err = syscall_Accept(s, &ns, sa);
	if ((err = socktest_AfterFilter_apply(af, &so)) != NULL) {
		if (so.Err == NULL)
			go_error_release(syscall_Close(ns)); // C: Go ignores this result too
		socktest_Status_release(&so);
		*nsp = -1;
		sa->len = 0;
		return err;
	}

	pthread_rwlock_wrlock(&sw->smu);
	if (so.Err != NULL) {
		socktest_stats_getLocked(sw, so.Cookie)->AcceptFailed++;
		err = so.Err; // C: the caller takes it over
		ns = -1;
		sa->len = 0;
		goto unlock;
	}
	nso = socktest_Switch_addLocked(sw, ns, socktest_Cookie_Family(so.Cookie),
					socktest_Cookie_Type(so.Cookie),
					socktest_Cookie_Protocol(so.Cookie));
	socktest_stats_getLocked(sw, nso.Cookie)->Accepted++;
unlock:
	pthread_rwlock_unlock(&sw->smu);
	go_error_release(so.SocketErr);
	*nsp = ns;
	return err;
}

/* Go: net/internal/socktest/sys_unix.go (*Switch).GetsockoptInt */
go_error *
socktest_Switch_GetsockoptInt(socktest_Switch *sw, int s, int level, int opt, int *soerrp)
{
	socktest_Status so;
	socktest_AfterFilter af;
	socktest_Filter f;
	go_error *err;
	uint64_t gen;
	int soerr;

	if (!socktest_Switch_sockso(sw, s, &so, &gen))
		return syscall_GetsockoptInt(s, level, opt, soerrp);
	pthread_rwlock_rdlock(&sw->fmu);
	f = sw->fltab[socktest_FilterGetsockoptInt];
	pthread_rwlock_unlock(&sw->fmu);

	if ((err = socktest_Filter_apply(f, &so, &af)) != NULL) {
		*soerrp = -1;
		return err;
	}
	so.Err = syscall_GetsockoptInt(s, level, opt, &soerr);
	so.SocketErr = syscall_Errno(soerr);
	if ((err = socktest_AfterFilter_apply(af, &so)) != NULL) {
		socktest_Status_release(&so);
		*soerrp = -1;
		return err;
	}

	if (so.Err != NULL) {
		go_error_release(so.SocketErr);
		*soerrp = -1;
		return so.Err; // C: the caller takes it over
	}
	if (opt == SO_ERROR &&
	    (so.SocketErr == syscall_Errno(0) || so.SocketErr == syscall_EISCONN)) {
		pthread_rwlock_wrlock(&sw->smu);
		socktest_stats_getLocked(sw, so.Cookie)->Connected++;
		pthread_rwlock_unlock(&sw->smu);
	}
	go_error_release(so.SocketErr);
	*soerrp = soerr;
	return NULL;
}

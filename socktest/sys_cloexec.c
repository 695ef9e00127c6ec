// C port of go1.19 src/net/internal/socktest/sys_cloexec.go: Accept4, for
// the systems that have accept4(2). Same shape as Accept in sys_unix.c.
#include "socktest/socktest_impl.h"

/* Go: net/internal/socktest/sys_cloexec.go (*Switch).Accept4 */
go_error *
socktest_Switch_Accept4(socktest_Switch *sw, int s, int flags, int *nsp, syscall_Sockaddr *sa)
{
	socktest_Status so, nso;
	socktest_AfterFilter af;
	socktest_Filter f;
	go_error *err;
	uint64_t gen;
	int ns;

	if (!socktest_Switch_sockso(sw, s, &so, &gen))
		return syscall_Accept4(s, flags, nsp, sa);
	pthread_rwlock_rdlock(&sw->fmu);
	f = sw->fltab[socktest_FilterAccept];
	pthread_rwlock_unlock(&sw->fmu);

	if ((err = socktest_Filter_apply(f, &so, &af)) != NULL) {
		*nsp = -1;
		sa->len = 0;
		return err;
	}
	so.Err = syscall_Accept4(s, flags, &ns, sa);
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

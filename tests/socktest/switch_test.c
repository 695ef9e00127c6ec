// Tests of go1.19 src/net/internal/socktest/switch.go, switch_unix.go and
// switch_posix.go: cookies, the String texts (Go's, produced by running
// Go 1.19's socktest), Sockets() copies, Stats(), Set, and the C additions
// (destroy, numSockets). Every test ends asserting that no socket leaked.
#include "testmain.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "errors/errors.h"
#include "socktest/socktest.h"
#include "socktest/socktest_impl.h"
#include "socktest_leak.h"
#include "syscall/syscall.h"

static socktest_Switch sw = SOCKTEST_SWITCH_INIT;
static int socketsAtStart;

static int
setup(void **state)
{
	(void)state;
	socketsAtStart = testOpenSockets();
	return 0;
}

static int
teardown(void **state)
{
	socktest_Sockets tab = socktest_Switch_Sockets(&sw);

	(void)state;
	for (size_t i = 0; i < tab.len; i++)
		go_error_release(socktest_Switch_Close(&sw, tab.v[i].s));
	socktest_Sockets_free(&tab);
	socktest_Switch_destroy(&sw);
	return 0;
}

static void
assertNoLeak(void)
{
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

static void
TestCookie(void **state)
{
	static const struct {
		int family, sotype, proto;
		int wantType;
	} tests[] = {
		{AF_INET, SOCK_STREAM, IPPROTO_TCP, SOCK_STREAM},
		{AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP,
		 SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC},
		{AF_UNIX, SOCK_SEQPACKET, 0, SOCK_SEQPACKET},
		{0xffff, 0x7fffffff, 0xff, 0x7fffffff},
		{AF_INET, SOCK_RAW, 0x1ff, SOCK_RAW}, // the protocol keeps 8 bits
	};
	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		socktest_Cookie c =
			socktest_cookie(tests[i].family, tests[i].sotype, tests[i].proto);

		assert_int_equal(socktest_Cookie_Family(c), tests[i].family);
		assert_int_equal(socktest_Cookie_Type(c), tests[i].wantType);
		assert_int_equal(socktest_Cookie_Protocol(c), tests[i].proto & 0xff);
	}
	assert_int_equal(socktest_cookie(AF_INET, SOCK_STREAM, IPPROTO_TCP),
			 (uint64_t)AF_INET << 48 | (uint64_t)SOCK_STREAM << 16 | IPPROTO_TCP);
	assertNoLeak();
}

static void
TestStatusString(void **state)
{
	go_error *x = errors_New("x y");
	struct {
		socktest_Status so;
		const char *want;
	} tests[] = {
		{{0, NULL, NULL}, "(0, 0, default): syscallerr=<nil> socketerr=<nil>"},
		{{socktest_cookie(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP), NULL, NULL},
		 "(inet4, stream|0x80000, tcp): syscallerr=<nil> socketerr=<nil>"},
		{{socktest_cookie(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP),
		  syscall_ECONNREFUSED, x},
		 "(inet4, stream|0x80000, tcp): syscallerr=connection refused socketerr=x y"},
		{{socktest_cookie(AF_INET6, SOCK_DGRAM, IPPROTO_UDP), NULL, syscall_Errno(0)},
		 "(inet6, datagram, udp): syscallerr=<nil> socketerr=errno 0"},
		{{socktest_cookie(AF_UNIX, SOCK_RAW, 7), syscall_EINVAL, NULL},
		 "(local, raw, 7): syscallerr=invalid argument socketerr=<nil>"},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		char *s = socktest_Status_String(&tests[i].so);

		assert_string_equal(s, tests[i].want);
		free(s);
	}
	go_error_release(x);
	assertNoLeak();
}

static void
TestStatString(void **state)
{
	static const struct {
		socktest_Stat st;
		const char *want;
	} tests[] = {
		{{.Family = AF_UNIX, .Type = SOCK_SEQPACKET},
		 "(local, seqpacket, default): opened=0 connected=0 listened=0 accepted=0 closed=0 "
		 "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0"},
		{{.Family = 99, .Type = -1, .Protocol = 7},
		 "(99, 255|0xffffffffffffff00, 7): opened=0 connected=0 listened=0 accepted=0 "
		 "closed=0 openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 "
		 "closefailed=0"},
		{{.Family = AF_INET6, .Type = SOCK_RAW | 0x800, .Protocol = 255},
		 "(inet6, raw|0x800, 255): opened=0 connected=0 listened=0 accepted=0 closed=0 "
		 "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0"},
		{{.Family = AF_INET6, .Type = 0x100},
		 "(inet6, 0|0x100, default): opened=0 connected=0 listened=0 accepted=0 closed=0 "
		 "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0"},
		{{.Family = AF_INET,
		  .Type = SOCK_STREAM | SOCK_CLOEXEC,
		  .Protocol = IPPROTO_TCP,
		  .Opened = 1,
		  .Connected = 2,
		  .Listened = 3,
		  .Accepted = 4,
		  .Closed = 5,
		  .OpenFailed = 6,
		  .ConnectFailed = 7,
		  .ListenFailed = 8,
		  .AcceptFailed = 9,
		  .CloseFailed = 18446744073709551615u},
		 "(inet4, stream|0x80000, tcp): opened=1 connected=2 listened=3 accepted=4 "
		 "closed=5 "
		 "openfailed=6 connectfailed=7 listenfailed=8 acceptfailed=9 "
		 "closefailed=18446744073709551615"},
		{{.Family = AF_INET, .Type = 12345, .Protocol = 0},
		 "(inet4, 57|0x3000, default): opened=0 connected=0 listened=0 accepted=0 closed=0 "
		 "openfailed=0 connectfailed=0 listenfailed=0 acceptfailed=0 closefailed=0"},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		char *s = socktest_Stat_String(&tests[i].st);

		assert_string_equal(s, tests[i].want);
		free(s);
	}
	assertNoLeak();
}

// Sockets() is a copy: later opens and closes do not change it.
static void
TestSocketsCopy(void **state)
{
	socktest_Sockets empty, tab, after;
	socktest_Status so;
	int s1, s2;

	(void)state;
	empty = socktest_Switch_Sockets(&sw);
	assert_null(empty.v);
	assert_int_equal(empty.len, 0);
	socktest_Sockets_free(&empty);

	assert_null(socktest_Switch_Socket(&sw, AF_INET, SOCK_STREAM, IPPROTO_TCP, &s1));
	assert_null(socktest_Switch_Socket(&sw, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &s2));
	tab = socktest_Switch_Sockets(&sw);
	assert_int_equal(tab.len, 2);
	assert_int_equal(socktest_Switch_numSockets(&sw), 2);
	assert_true(tab.v[0].s < tab.v[1].s); // in descriptor order
	assert_true(socktest_Sockets_get(&tab, s2, &so));
	assert_int_equal(so.Cookie, socktest_cookie(AF_INET, SOCK_DGRAM, IPPROTO_UDP));
	assert_null(so.Err); // the table records cookies only
	assert_null(so.SocketErr);
	assert_false(socktest_Sockets_get(&tab, -1, &so));

	assert_null(socktest_Switch_Close(&sw, s1));
	after = socktest_Switch_Sockets(&sw);
	assert_int_equal(after.len, 1);
	assert_false(socktest_Sockets_get(&after, s1, &so));
	assert_true(socktest_Sockets_get(&tab, s1, &so)); // the old copy is unchanged
	assert_int_equal(tab.len, 2);
	socktest_Sockets_free(&after);
	socktest_Sockets_free(&tab);
	assert_null(tab.v);

	assert_null(socktest_Switch_Close(&sw, s2));
	assertNoLeak();
}

// Stats() is a copy too, one Stat per cookie, nil when empty.
static void
TestStats(void **state)
{
	socktest_Stat *st;
	size_t n = 99;
	int s;

	(void)state;
	assert_null(socktest_Switch_Stats(&sw, &n));
	assert_int_equal(n, 0);
	assert_null(socktest_Switch_Socket(&sw, AF_INET, SOCK_STREAM, IPPROTO_TCP, &s));
	assert_null(socktest_Switch_Close(&sw, s));
	assert_null(socktest_Switch_Socket(&sw, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &s));
	st = socktest_Switch_Stats(&sw, &n);
	assert_int_equal(n, 2);
	assert_int_equal(st[0].Type, SOCK_STREAM);
	assert_int_equal(st[0].Opened, 1);
	assert_int_equal(st[0].Closed, 1);
	assert_int_equal(st[1].Type, SOCK_DGRAM);
	assert_int_equal(st[1].Protocol, IPPROTO_UDP);
	assert_int_equal(st[1].Opened, 1);
	assert_null(socktest_Switch_Close(&sw, s));
	assert_int_equal(st[1].Closed, 0); // the copy does not follow
	free(st);
	// More cookies than the first block of the table holds.
	for (int proto = 0; proto < 12; proto++)
		assert_ptr_equal(socktest_Switch_Socket(&sw, 12345, SOCK_STREAM, proto, &s),
				 syscall_EAFNOSUPPORT);
	st = socktest_Switch_Stats(&sw, &n);
	assert_int_equal(n, 14);
	for (size_t i = 2; i < n; i++) {
		assert_int_equal(st[i].Protocol, (int)i - 2);
		assert_int_equal(st[i].OpenFailed, 1);
	}
	free(st);
	assertNoLeak();
}

// The socket table grows past its first block and keeps high descriptors.
static void
TestSocketsGrow(void **state)
{
	enum { N = 80 };
	int fds[N];
	socktest_Sockets tab;
	int s, hi;

	(void)state;
	for (int i = 0; i < N; i++)
		assert_null(socktest_Switch_Socket(&sw, AF_INET, SOCK_DGRAM, 0, &fds[i]));
	assert_int_equal(socktest_Switch_numSockets(&sw), N);
	// A descriptor far above the others, entered as Socket and Accept enter theirs.
	assert_null(syscall_Socket(AF_INET, SOCK_DGRAM, 0, &s));
	hi = fcntl(s, F_DUPFD_CLOEXEC, 500);
	assert_true(hi >= 500);
	assert_null(syscall_Close(s));
	pthread_rwlock_wrlock(&sw.smu);
	(void)socktest_Switch_addLocked(&sw, hi, AF_INET, SOCK_DGRAM, 0);
	pthread_rwlock_unlock(&sw.smu);
	tab = socktest_Switch_Sockets(&sw);
	assert_int_equal(tab.len, N + 1);
	assert_int_equal(tab.v[N].s, hi);
	socktest_Sockets_free(&tab);
	for (int i = 0; i < N; i++)
		assert_null(socktest_Switch_Close(&sw, fds[i]));
	assert_null(socktest_Switch_Close(&sw, hi));
	assertNoLeak();
}

// C: Close deletes the table entry only if it still belongs to the socket
// it closed. Replays the interleaving where another thread's socket takes
// the descriptor between close(2) and the table lock.
static void
TestDeleteKeepsReusedDescriptor(void **state)
{
	socktest_Status so;
	uint64_t gen, gen2;
	int s;

	(void)state;
	assert_null(socktest_Switch_Socket(&sw, AF_INET, SOCK_STREAM, 0, &s));
	assert_true(socktest_Switch_sockso(&sw, s, &so, &gen)); // Close looks s up
	pthread_rwlock_wrlock(&sw.smu);                         // ... closes it; s is reused
	(void)socktest_Switch_addLocked(&sw, s, AF_INET, SOCK_DGRAM, 0);
	socktest_Switch_deleteLocked(&sw, s, gen); // the first Close's delete
	pthread_rwlock_unlock(&sw.smu);
	assert_int_equal(socktest_Switch_numSockets(&sw), 1);
	assert_true(socktest_Switch_sockso(&sw, s, &so, &gen2));
	assert_int_not_equal(gen2, gen);
	assert_int_equal(socktest_Cookie_Type(so.Cookie), SOCK_DGRAM); // the newer socket
	pthread_rwlock_wrlock(&sw.smu);
	socktest_Switch_deleteLocked(&sw, -1, gen2); // nothing there: no-op
	socktest_Switch_deleteLocked(&sw, 1 << 20, gen2);
	pthread_rwlock_unlock(&sw.smu);
	assert_null(socktest_Switch_Close(&sw, s));
	assert_false(socktest_Switch_sockso(&sw, s, &so, &gen2));
	assertNoLeak();
}

static go_error *
nopFilter(socktest_Status *st, socktest_AfterFilter *af)
{
	(void)st;
	(void)af;
	return NULL;
}

// Set panics on a value outside the FilterType constants (C only: Go's map
// takes any key).
static void
TestSetInvalidFilterType(void **state)
{
	(void)state;
	expect_assert_failure(socktest_Switch_Set(&sw, socktest_maxFilterType, nopFilter));
	expect_assert_failure(socktest_Switch_Set(&sw, (socktest_FilterType)-1, nopFilter));
	socktest_Switch_Set(&sw, socktest_FilterClose, nopFilter);
	assertNoLeak();
}

// destroy forgets everything; the switch then works again from scratch.
static void
TestDestroyReuse(void **state)
{
	socktest_Switch local = SOCKTEST_SWITCH_INIT;
	size_t n;
	int s;

	(void)state;
	socktest_Switch_destroy(&local); // never used: nothing to free
	for (int round = 0; round < 2; round++) {
		socktest_Switch_Set(&local, socktest_FilterSocket, nopFilter);
		assert_null(socktest_Switch_Socket(&local, AF_INET, SOCK_STREAM, 0, &s));
		assert_int_equal(socktest_Switch_numSockets(&local), 1);
		assert_null(socktest_Switch_Close(&local, s));
		free(socktest_Switch_Stats(&local, &n));
		assert_int_equal(n, 1);
		socktest_Switch_destroy(&local);
		assert_int_equal(socktest_Switch_numSockets(&local), 0);
		assert_null(socktest_Switch_Stats(&local, &n));
		assert_null(local.fltab[socktest_FilterSocket]);
	}
	socktest_Switch_destroy(&local);
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestCookie, setup, teardown),
	cmocka_unit_test_setup_teardown(TestStatusString, setup, teardown),
	cmocka_unit_test_setup_teardown(TestStatString, setup, teardown),
	cmocka_unit_test_setup_teardown(TestSocketsCopy, setup, teardown),
	cmocka_unit_test_setup_teardown(TestStats, setup, teardown),
	cmocka_unit_test_setup_teardown(TestSocketsGrow, setup, teardown),
	cmocka_unit_test_setup_teardown(TestDeleteKeepsReusedDescriptor, setup, teardown),
	cmocka_unit_test_setup_teardown(TestSetInvalidFilterType, setup, teardown),
	cmocka_unit_test_setup_teardown(TestDestroyReuse, setup, teardown),
};

GONET_TEST_MAIN(tests)

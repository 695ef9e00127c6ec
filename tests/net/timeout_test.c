// C port of go1.19 src/net/timeout_test.go, TCP part: TestDialTimeout,
// TestAcceptTimeout, TestAcceptTimeoutMustReturn,
// TestAcceptTimeoutMustNotReturn, TestReadTimeout, TestWriteTimeout,
// TestWriteTimeoutMustNotReturn, TestReadTimeoutFluctuation,
// TestWriteTimeoutFluctuation, TestVariousDeadlines (default, 1 and 4 Ps),
// TestConcurrentSetDeadline, TestReadTimeoutMustNotReturn,
// TestReadWriteProlongedTimeout and TestReadWriteDeadlineRace; UDP part:
// TestReadFromTimeout, TestWriteToTimeout and
// TestReadFromTimeoutFluctuation. (TestDialTimeoutMaxDuration is with the
// dial tests, in dial_test.c.)
//
// Timings are Go's; under valgrind the bounds a slow machine may overrun
// (the "max" timers, maxDynamicTimeout) are multiplied by testTimeScale().
// A goroutine other than the test body never calls cmocka: it records
// failures in `failures` (printing why), which the body asserts.
//
// C: the channels a goroutine sends its result on as its last act have a
// buffer of one where Go's are unbuffered: a sender that blocked on an
// unbuffered channel still holds its sudog until it runs again, and may
// not get to before the test returns (the runtime abandons it, and the
// leak checkers see the sudog).
#include "gotest.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errortest.h"
#include "hooks/hooks.h"
#include "internal_poll/poll.h"
#include "localhelpers.h"
#include "net/net_impl.h"
#include "runtime_netpoll/chan.h"
#include "socktest_install.h"
#include "sync/sync.h"
#include "time/time.h"

static int socketsAtStart;
static _Atomic int failures; // t.Error from goroutines

static int
setup(void **state)
{
	socketsAtStart = testOpenSockets();
	atomic_store(&failures, 0);
	return socktestSetup(state);
}

static void
assertNoLeak(void)
{
	if (!waitGoroutines())
		fail_msg("%d goroutines left (leaked)", runtime_NumGoroutine() - 1);
	assert_int_equal(atomic_load(&failures), 0);
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

// Go's t.Error(err) from any goroutine.
static void
tError(const char *what, go_error *err)
{
	fprintf(stderr, "%s: %s\n", what, err != NULL ? go_error_Error(err) : "<nil>");
	atomic_fetch_add(&failures, 1);
}

static time_Duration
scaled(time_Duration d)
{
	return d * testTimeScale();
}

static char *
lnAddr(net_Listener *ln)
{
	return net_Addr_String(net_Listener_Addr(ln));
}

static net_Conn *
dialListener(net_Listener *ln)
{
	char *addr = lnAddr(ln);
	net_Conn *c;
	go_error *err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)), addr, &c);

	free(addr);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	return c;
}

// ---- TestDialTimeout ----

static const struct {
	time_Duration timeout;
	time_Duration delta; // for deadline

	time_Duration guard;
	time_Duration max;
} dialTimeoutTests[] = {
	// Tests that dial timeouts, deadlines in the past work.
	{-5 * time_Second, 0, -5 * time_Second, 100 * time_Millisecond},
	{0, -5 * time_Second, -5 * time_Second, 100 * time_Millisecond},
	{-5 * time_Second, 5 * time_Second, -5 * time_Second,
	 100 * time_Millisecond}, // timeout over deadline
	{INT64_MIN, 0, time_Second, 100 * time_Millisecond},
	{0, INT64_MIN, time_Second, 100 * time_Millisecond},

	{50 * time_Millisecond, 0, 100 * time_Millisecond, time_Second},
	{0, 50 * time_Millisecond, 100 * time_Millisecond, time_Second},
	{50 * time_Millisecond, 5 * time_Second, 100 * time_Millisecond,
	 time_Second}, // timeout over deadline
};

// Go's filter closure over tt.guard.
static _Atomic time_Duration dialGuard;

static go_error *
sleepThenTimedout(socktest_Status *so, socktest_AfterFilter *af)
{
	(void)so;
	(void)af;
	time_Sleep(atomic_load(&dialGuard));
	return errTimedout;
}

typedef struct dialTimeoutArg {
	net_Dialer d;
	runtime_hchan *ch; // chan error
} dialTimeoutArg;

static void
dialTimeoutDial(void *arg)
{
	dialTimeoutArg *a = arg;
	net_Conn *c = NULL;
	// This dial never starts to send any TCP SYN segment because of the
	// socket filter above.
	go_error *err = net_Dialer_Dial(&a->d, "tcp", "127.0.0.1:0", &c);

	if (err == NULL) {
		char *la = net_Addr_String(net_Conn_LocalAddr(c));
		char *ra = net_Addr_String(net_Conn_RemoteAddr(c));

		err = errors_Newf("unexpectedly established: tcp:%s->%s", la, ra);
		free(la);
		free(ra);
		closeConn(c);
	}
	runtime_chansend1(a->ch, &err);
}

GO_TEST(TestDialTimeout)
{
	for (size_t i = 0; i < nelem(dialTimeoutTests); i++) {
		dialTimeoutArg a = {.d = {.Timeout = dialTimeoutTests[i].timeout}};
		time_Timer *max;
		go_error *err;

		atomic_store(&dialGuard, dialTimeoutTests[i].guard);
		socktest_Switch_Set(&sw, socktest_FilterConnect, sleepThenTimedout);

		a.ch = runtime_makechan(sizeof(go_error *), 1);
		if (dialTimeoutTests[i].delta != 0)
			a.d.Deadline = time_Time_Add(time_Now(), dialTimeoutTests[i].delta);
		max = time_NewTimer(scaled(dialTimeoutTests[i].max));
		go(dialTimeoutDial, &a);

		runtime_selectCase cases[] = {
			{runtime_selectRecv, max->C, NULL},
			{runtime_selectRecv, a.ch, &err},
		};
		if (runtime_select(cases, 2, true, NULL) == 0)
			fail_msg("#%zu: Dial didn't return in an expected time", i);
		go_error *perr = parseDialError(err);
		if (perr != NULL)
			fail_msg("#%zu: %s", i, go_error_Error(perr));
		if (!go_error_Timeout(err))
			fail_msg("#%zu: %s", i, go_error_Error(err));
		go_error_release(err);
		time_Timer_Free(max);
		runtime_chanfree(a.ch);
	}
	socktest_Switch_Set(&sw, socktest_FilterConnect, NULL);
	assertNoLeak();
}

// ---- TestAcceptTimeout ----

static const struct {
	time_Duration timeout;
	bool xerrs[2]; // expected errors in transition (os.ErrDeadlineExceeded or nil)
} acceptTimeoutTests[] = {
	// Tests that accept deadlines in the past work, even if there's
	// incoming connections available.
	{-5 * time_Second, {true, true}},

	{50 * time_Millisecond, {false, true}},
};

typedef struct lnArg {
	net_Listener *ln;
	sync_WaitGroup wg;
	runtime_hchan *ch;    // chan error
	runtime_hchan *maxch; // chan *time.Timer
} lnArg;

static void
acceptTimeoutDial(void *arg)
{
	lnArg *a = arg;
	net_Dialer d = {.Timeout = 100 * time_Millisecond * testTimeScale()};
	char *addr = lnAddr(a->ln);
	net_Conn *c;
	go_error *err = net_Dialer_Dial(&d, net_Addr_Network(net_Listener_Addr(a->ln)), addr, &c);

	free(addr);
	if (err != NULL) {
		tError("dial", err);
		go_error_release(err);
	} else {
		closeConn(c);
	}
	sync_WaitGroup_Done(&a->wg);
}

// C: Go skips this test as flaky (issue 17948, slow builders); it runs here.
GO_TEST(TestAcceptTimeout)
{
	lnArg a = {.ln = newLocalListener("tcp", NULL)};
	net_TCPListener *tln = net_Listener_TCPListener(a.ln);

	for (size_t i = 0; i < nelem(acceptTimeoutTests); i++) {
		if (acceptTimeoutTests[i].timeout < 0) {
			sync_WaitGroup_Add(&a.wg, 1);
			go(acceptTimeoutDial, &a);
		}
		go_error *err = net_TCPListener_SetDeadline(
			tln, time_Time_Add(time_Now(), acceptTimeoutTests[i].timeout));
		if (err != NULL)
			fail_msg("$%zu: %s", i, go_error_Error(err));
		for (size_t j = 0; j < 2; j++) {
			for (;;) {
				net_Conn *c = NULL;

				err = net_Listener_Accept(a.ln, &c);
				if (acceptTimeoutTests[i].xerrs[j]) {
					go_error *perr = parseAcceptError(err);
					if (perr != NULL) {
						print_error("#%zu/%zu: %s\n", i, j,
							    go_error_Error(perr));
						go_error_release(perr);
						fail();
					}
					if (!isDeadlineExceeded(err))
						fail_msg("#%zu/%zu: %s", i, j,
							 err ? go_error_Error(err) : "<nil>");
				}
				if (err == NULL) {
					closeConn(c);
					time_Sleep(10 * time_Millisecond);
					continue;
				}
				go_error_release(err);
				break;
			}
		}
	}
	sync_WaitGroup_Wait(&a.wg);
	closeListener(a.ln);
	assertNoLeak();
}

// ---- TestAcceptTimeoutMustReturn ----

static void
acceptMustReturn(void *arg)
{
	lnArg *a = arg;
	net_TCPListener *tln = net_Listener_TCPListener(a->ln);
	go_error *err;
	net_Conn *c = NULL;

	if ((err = net_TCPListener_SetDeadline(tln, net_noDeadline)) != NULL) {
		tError("SetDeadline", err);
		go_error_release(err);
	}
	err = net_TCPListener_SetDeadline(tln, time_Time_Add(time_Now(), 10 * time_Millisecond));
	if (err != NULL) {
		tError("SetDeadline", err);
		go_error_release(err);
	}
	err = net_Listener_Accept(a->ln, &c);
	if (err == NULL)
		closeConn(c);
	runtime_chansend1(a->ch, &err);
}

GO_TEST(TestAcceptTimeoutMustReturn)
{
	lnArg a = {.ln = newLocalListener("tcp", NULL)};
	time_Timer *max = time_NewTimer(scaled(time_Second));
	go_error *err;

	a.ch = runtime_makechan(sizeof(go_error *), 1);
	go(acceptMustReturn, &a);

	runtime_selectCase cases[] = {
		{runtime_selectRecv, max->C, NULL},
		{runtime_selectRecv, a.ch, &err},
	};
	if (runtime_select(cases, 2, true, NULL) == 0) {
		go_error_release(net_Listener_Close(a.ln));
		runtime_chanrecv1(a.ch, &err); // wait for tester goroutine to stop
		fail_msg("Accept didn't return in an expected time");
	}
	go_error *perr = parseAcceptError(err);
	if (perr != NULL)
		fail_msg("%s", go_error_Error(perr));
	if (!isDeadlineExceeded(err))
		fail_msg("%s", err ? go_error_Error(err) : "<nil>");
	go_error_release(err);
	time_Timer_Free(max);
	runtime_chanfree(a.ch);
	closeListener(a.ln);
	assertNoLeak();
}

// ---- TestAcceptTimeoutMustNotReturn ----

static void
acceptMustNotReturn(void *arg)
{
	lnArg *a = arg;
	net_TCPListener *tln = net_Listener_TCPListener(a->ln);
	go_error *err;
	net_Conn *c = NULL;
	time_Timer *max;

	err = net_TCPListener_SetDeadline(tln, time_Time_Add(time_Now(), -5 * time_Second));
	if (err != NULL) {
		tError("SetDeadline", err);
		go_error_release(err);
	}
	if ((err = net_TCPListener_SetDeadline(tln, net_noDeadline)) != NULL) {
		tError("SetDeadline", err);
		go_error_release(err);
	}
	max = time_NewTimer(100 * time_Millisecond);
	runtime_chansend1(a->maxch, &max);
	err = net_Listener_Accept(a->ln, &c);
	if (err == NULL)
		closeConn(c); // C: Go drops it (the test fails anyway)
	runtime_chansend1(a->ch, &err);
}

GO_TEST(TestAcceptTimeoutMustNotReturn)
{
	lnArg a = {.ln = newLocalListener("tcp", NULL)};
	time_Timer *max;
	go_error *err;

	a.ch = runtime_makechan(sizeof(go_error *), 1);
	a.maxch = runtime_makechan(sizeof(time_Timer *), 1);
	go(acceptMustNotReturn, &a);
	runtime_chanrecv1(a.maxch, &max);

	runtime_selectCase cases[] = {
		{runtime_selectRecv, a.ch, &err},
		{runtime_selectRecv, max->C, NULL},
	};
	if (runtime_select(cases, 2, true, NULL) == 0) {
		go_error *perr = parseAcceptError(err);
		if (perr != NULL)
			print_error("%s\n", go_error_Error(perr));
		fail_msg("expected Accept to not return, but it returned with %s",
			 err ? go_error_Error(err) : "<nil>");
	}
	go_error_release(net_Listener_Close(a.ln));
	runtime_chanrecv1(a.ch, &err); // wait for tester goroutine to stop
	go_error_release(err);
	time_Timer_Free(max);
	runtime_chanfree(a.ch);
	runtime_chanfree(a.maxch);
	net_Listener_Free(a.ln);
	assertNoLeak();
}

// ---- TestReadTimeout ----

static const struct {
	time_Duration timeout;
	bool xerrs[2]; // expected errors in transition (os.ErrDeadlineExceeded or nil)
} readTimeoutTests[] = {
	// Tests that read deadlines work, even if there's data ready to be
	// read.
	{-5 * time_Second, {true, true}},

	{50 * time_Millisecond, {false, true}},
};

static void
readTimeoutHandler(localServer *ls, net_Listener *ln, void *env)
{
	(void)env;
	static const char msg[] = "READ TIMEOUT TEST";
	net_Conn *c;
	go_error *err = net_Listener_Accept(ln, &c);
	ssize_t n;

	(void)ls;
	if (err != NULL) {
		tError("accept", err);
		go_error_release(err);
		return;
	}
	go_error_release(net_Conn_Write(c, (const uint8_t *)msg, sizeof(msg) - 1, &n));
	closeConn(c); // Go: defer c.Close()
}

GO_TEST(TestReadTimeout)
{
	localServer *ls = newLocalServer("tcp");
	net_Conn *c;

	assert_null(localServer_buildup(ls, readTimeoutHandler, NULL));
	c = dialListener(ls->Listener);

	for (size_t i = 0; i < nelem(readTimeoutTests); i++) {
		go_error *err = net_Conn_SetReadDeadline(
			c, time_Time_Add(time_Now(), readTimeoutTests[i].timeout));
		uint8_t b[1];

		if (err != NULL)
			fail_msg("#%zu: %s", i, go_error_Error(err));
		for (size_t j = 0; j < 2; j++) {
			for (;;) {
				ssize_t n = 0;

				err = net_Conn_Read(c, b, sizeof(b), &n);
				if (readTimeoutTests[i].xerrs[j]) {
					go_error *perr = parseReadError(err);
					if (perr != NULL) {
						print_error("#%zu/%zu: %s\n", i, j,
							    go_error_Error(perr));
						go_error_release(perr);
						fail();
					}
					if (!isDeadlineExceeded(err))
						fail_msg("#%zu/%zu: %s", i, j,
							 err ? go_error_Error(err) : "<nil>");
				}
				if (err == NULL) {
					time_Sleep(readTimeoutTests[i].timeout / 3);
					continue;
				}
				go_error_release(err);
				if (n != 0)
					fail_msg("#%zu/%zu: read %zd; want 0", i, j, n);
				break;
			}
		}
	}
	closeConn(c);
	assert_null(localServer_teardown(ls));
	localServer_free(ls);
	assertNoLeak();
}

// ---- TestWriteTimeout ----

static const struct {
	time_Duration timeout;
	bool xerrs[2]; // expected errors in transition
} writeTimeoutTests[] = {
	// Tests that write deadlines work, even if there's buffer space
	// available to write.
	{-5 * time_Second, {true, true}},

	{10 * time_Millisecond, {false, true}},
};

GO_TEST(TestWriteTimeout)
{
	static const char msg[] = "WRITE TIMEOUT TEST";
	net_Listener *ln = newLocalListener("tcp", NULL);
	net_Conn *cs[nelem(writeTimeoutTests)];

	for (size_t i = 0; i < nelem(writeTimeoutTests); i++) {
		net_Conn *c = cs[i] = dialListener(ln); // Go: defer c.Close()
		go_error *err = net_Conn_SetWriteDeadline(
			c, time_Time_Add(time_Now(), writeTimeoutTests[i].timeout));

		if (err != NULL)
			fail_msg("#%zu: %s", i, go_error_Error(err));
		for (size_t j = 0; j < 2; j++) {
			for (;;) {
				ssize_t n = 0;

				err = net_Conn_Write(c, (const uint8_t *)msg, sizeof(msg) - 1, &n);
				if (writeTimeoutTests[i].xerrs[j]) {
					go_error *perr = parseWriteError(err);
					if (perr != NULL) {
						print_error("#%zu/%zu: %s\n", i, j,
							    go_error_Error(perr));
						go_error_release(perr);
						fail();
					}
					if (!isDeadlineExceeded(err))
						fail_msg("#%zu/%zu: %s", i, j,
							 err ? go_error_Error(err) : "<nil>");
				}
				if (err == NULL) {
					time_Sleep(writeTimeoutTests[i].timeout / 3);
					continue;
				}
				go_error_release(err);
				if (n != 0)
					fail_msg("#%zu/%zu: wrote %zd; want 0", i, j, n);
				break;
			}
		}
	}
	for (size_t i = 0; i < nelem(cs); i++)
		closeConn(cs[i]);
	closeListener(ln);
	assertNoLeak();
}

// ---- TestWriteTimeoutMustNotReturn ----

typedef struct connArg {
	net_Conn *c;
	runtime_hchan *ch;    // chan error
	runtime_hchan *maxch; // chan *time.Timer
} connArg;

static void
setDeadlineChecked(go_error *err)
{
	if (err != NULL) {
		tError("SetDeadline", err);
		go_error_release(err);
	}
}

static void
writeMustNotReturn(void *arg)
{
	connArg *a = arg;
	time_Time past = time_Time_Add(time_Now(), -5 * time_Second);
	time_Timer *max;
	uint8_t b[1] = {0};

	setDeadlineChecked(net_Conn_SetDeadline(a->c, past));
	setDeadlineChecked(net_Conn_SetReadDeadline(a->c, past));
	setDeadlineChecked(net_Conn_SetWriteDeadline(a->c, net_noDeadline));
	max = time_NewTimer(100 * time_Millisecond);
	runtime_chansend1(a->maxch, &max);
	for (;;) {
		ssize_t n;
		go_error *err = net_Conn_Write(a->c, b, sizeof(b), &n);

		if (err != NULL) {
			runtime_chansend1(a->ch, &err);
			break;
		}
	}
}

GO_TEST(TestWriteTimeoutMustNotReturn)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	connArg a = {.c = dialListener(ln)};
	time_Timer *max;
	go_error *err;

	a.ch = runtime_makechan(sizeof(go_error *), 1);
	a.maxch = runtime_makechan(sizeof(time_Timer *), 1);
	go(writeMustNotReturn, &a);
	runtime_chanrecv1(a.maxch, &max);

	runtime_selectCase cases[] = {
		{runtime_selectRecv, a.ch, &err},
		{runtime_selectRecv, max->C, NULL},
	};
	if (runtime_select(cases, 2, true, NULL) == 0) {
		go_error *perr = parseWriteError(err);
		if (perr != NULL)
			print_error("%s\n", go_error_Error(perr));
		fail_msg("expected Write to not return, but it returned with %s",
			 go_error_Error(err));
	}
	go_error_release(net_Conn_Close(a.c));
	runtime_chanrecv1(a.ch, &err); // wait for tester goroutine to stop
	go_error *perr = parseWriteError(err);
	if (perr != NULL)
		fail_msg("%s", go_error_Error(perr));
	if (err == NULL || go_error_Timeout(err) || go_error_Temporary(err))
		fail_msg("%s", err ? go_error_Error(err) : "<nil>");
	go_error_release(err);
	time_Timer_Free(max);
	runtime_chanfree(a.ch);
	runtime_chanfree(a.maxch);
	net_Conn_Free(a.c);
	closeListener(ln);
	assertNoLeak();
}

// ---- TestReadTimeoutMustNotReturn ----

static void
readMustNotReturn(void *arg)
{
	connArg *a = arg;
	time_Time past = time_Time_Add(time_Now(), -5 * time_Second);
	time_Timer *max;
	uint8_t b[1];
	ssize_t n;
	go_error *err;

	setDeadlineChecked(net_Conn_SetDeadline(a->c, past));
	setDeadlineChecked(net_Conn_SetWriteDeadline(a->c, past));
	setDeadlineChecked(net_Conn_SetReadDeadline(a->c, net_noDeadline));
	max = time_NewTimer(100 * time_Millisecond);
	runtime_chansend1(a->maxch, &max);
	err = net_Conn_Read(a->c, b, sizeof(b), &n);
	runtime_chansend1(a->ch, &err);
}

GO_TEST(TestReadTimeoutMustNotReturn)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	connArg a = {.c = dialListener(ln)};
	time_Timer *max;
	go_error *err;

	a.ch = runtime_makechan(sizeof(go_error *), 1);
	a.maxch = runtime_makechan(sizeof(time_Timer *), 1);
	go(readMustNotReturn, &a);
	runtime_chanrecv1(a.maxch, &max);

	runtime_selectCase cases[] = {
		{runtime_selectRecv, a.ch, &err},
		{runtime_selectRecv, max->C, NULL},
	};
	if (runtime_select(cases, 2, true, NULL) == 0) {
		go_error *perr = parseReadError(err);
		if (perr != NULL)
			print_error("%s\n", go_error_Error(perr));
		fail_msg("expected Read to not return, but it returned with %s",
			 err ? go_error_Error(err) : "<nil>");
	}
	go_error_release(net_Conn_Close(a.c));
	runtime_chanrecv1(a.ch, &err); // wait for tester goroutine to stop
	go_error *perr = parseReadError(err);
	if (perr != NULL)
		fail_msg("%s", go_error_Error(perr));
	if (err == NULL || go_error_Timeout(err) || go_error_Temporary(err))
		fail_msg("%s", err ? go_error_Error(err) : "<nil>");
	go_error_release(err);
	time_Timer_Free(max);
	runtime_chanfree(a.ch);
	runtime_chanfree(a.maxch);
	net_Conn_Free(a.c);
	closeListener(ln);
	assertNoLeak();
}

// ---- TestReadWriteProlongedTimeout (concurrent deadline changes) ----

typedef struct prolongedArg {
	net_Conn *c;
	sync_WaitGroup wg;
} prolongedArg;

static void
prolongedReader(void *arg)
{
	prolongedArg *a = arg;
	uint8_t b[1];

	for (;;) {
		go_error *err =
			net_Conn_SetReadDeadline(a->c, time_Time_Add(time_Now(), time_Hour));
		ssize_t n;

		if (err != NULL) {
			go_error *perr = parseCommonError(err);
			if (perr != NULL) {
				tError("SetReadDeadline", perr);
				go_error_release(perr);
			}
			tError("SetReadDeadline", err);
			go_error_release(err);
			break;
		}
		if ((err = net_Conn_Read(a->c, b, sizeof(b), &n)) != NULL) {
			go_error *perr = parseReadError(err);
			if (perr != NULL) {
				tError("Read", perr);
				go_error_release(perr);
			}
			go_error_release(err);
			break;
		}
	}
	sync_WaitGroup_Done(&a->wg);
}

static void
prolongedWriter(void *arg)
{
	prolongedArg *a = arg;
	uint8_t b[1] = {0};

	for (;;) {
		go_error *err =
			net_Conn_SetWriteDeadline(a->c, time_Time_Add(time_Now(), time_Hour));
		ssize_t n;

		if (err != NULL) {
			go_error *perr = parseCommonError(err);
			if (perr != NULL) {
				tError("SetWriteDeadline", perr);
				go_error_release(perr);
			}
			tError("SetWriteDeadline", err);
			go_error_release(err);
			break;
		}
		if ((err = net_Conn_Write(a->c, b, sizeof(b), &n)) != NULL) {
			go_error *perr = parseWriteError(err);
			if (perr != NULL) {
				tError("Write", perr);
				go_error_release(perr);
			}
			go_error_release(err);
			break;
		}
	}
	sync_WaitGroup_Done(&a->wg);
}

static void
prolongedHandler(localServer *ls, net_Listener *ln, void *env)
{
	prolongedArg a = {0};
	go_error *err;

	(void)ls;
	(void)env;
	if ((err = net_Listener_Accept(ln, &a.c)) != NULL) {
		tError("Accept", err);
		go_error_release(err);
		return;
	}
	sync_WaitGroup_Add(&a.wg, 2);
	go(prolongedReader, &a);
	go(prolongedWriter, &a);
	sync_WaitGroup_Wait(&a.wg);
	closeConn(a.c); // Go: defer c.Close()
}

GO_TEST(TestReadWriteProlongedTimeout)
{
	localServer *ls = newLocalServer("tcp");
	net_Conn *c;
	uint8_t b[1] = {0};

	assert_null(localServer_buildup(ls, prolongedHandler, NULL));
	c = dialListener(ls->Listener);
	for (int i = 0; i < 1000; i++) {
		ssize_t n;

		go_error_release(net_Conn_Write(c, b, sizeof(b), &n));
		go_error_release(net_Conn_Read(c, b, sizeof(b), &n));
	}
	closeConn(c);
	assert_null(localServer_teardown(ls));
	localServer_free(ls);
	assertNoLeak();
}

// ---- TestReadWriteDeadlineRace ----

typedef struct raceArg {
	net_Conn *c;
	int N;
	sync_WaitGroup wg;
} raceArg;

static void
raceDeadlines(void *arg)
{
	raceArg *a = arg;
	time_Ticker *tic = time_NewTicker(2 * time_Microsecond);

	for (int i = 0; i < a->N; i++) {
		go_error *err = net_Conn_SetReadDeadline(
			a->c, time_Time_Add(time_Now(), 2 * time_Microsecond));
		go_error *perr;

		if (err != NULL) {
			if ((perr = parseCommonError(err)) != NULL) {
				tError("SetReadDeadline", perr);
				go_error_release(perr);
			}
			go_error_release(err);
			break;
		}
		err = net_Conn_SetWriteDeadline(a->c,
						time_Time_Add(time_Now(), 2 * time_Microsecond));
		if (err != NULL) {
			if ((perr = parseCommonError(err)) != NULL) {
				tError("SetWriteDeadline", perr);
				go_error_release(perr);
			}
			go_error_release(err);
			break;
		}
		runtime_chanrecv1(tic->C, NULL);
	}
	time_Ticker_Free(tic);
	sync_WaitGroup_Done(&a->wg);
}

static void
raceReads(void *arg)
{
	raceArg *a = arg;
	uint8_t b[1];

	for (int i = 0; i < a->N; i++) {
		ssize_t n;

		go_error_release(net_Conn_Read(a->c, b, sizeof(b), &n)); // ignore timeouts
	}
	sync_WaitGroup_Done(&a->wg);
}

static void
raceWrites(void *arg)
{
	raceArg *a = arg;
	uint8_t b[1] = {0};

	for (int i = 0; i < a->N; i++) {
		ssize_t n;

		go_error_release(net_Conn_Write(a->c, b, sizeof(b), &n)); // ignore timeouts
	}
	sync_WaitGroup_Done(&a->wg);
}

// C: N = 1000 as Go's; 50 (Go's -short count) under valgrind.
GO_TEST(TestReadWriteDeadlineRace)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	raceArg a = {.c = dialListener(ln), .N = testUnderValgrind() ? 50 : 1000};

	sync_WaitGroup_Add(&a.wg, 3);
	go(raceDeadlines, &a);
	go(raceReads, &a);
	go(raceWrites, &a);
	sync_WaitGroup_Wait(&a.wg); // wait for tester goroutine to stop
	closeConn(a.c);
	closeListener(ln);
	assertNoLeak();
}

// ---- the fluctuation tests ----

// Go: timeout_test.go minDynamicTimeout, maxDynamicTimeout (the latter
// scaled under valgrind).
#define minDynamicTimeout (1 * time_Millisecond)
#define maxDynamicTimeout (4 * time_Second * testTimeScale())

/* Go: net/timeout_test.go timeoutUpperBound */
static time_Duration
timeoutUpperBound(time_Duration d)
{
	return d * 11 / 10;
}

/* Go: net/timeout_test.go nextTimeout */
static bool
nextTimeout(time_Duration actual, time_Duration *next)
{
	if (actual >= maxDynamicTimeout) {
		*next = maxDynamicTimeout;
		return false;
	}
	*next = actual * 5 / 4;
	if (*next > maxDynamicTimeout)
		*next = maxDynamicTimeout;
	return true;
}

GO_TEST(TestReadTimeoutFluctuation)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	net_Conn *c = dialListener(ln);
	time_Duration d = minDynamicTimeout;
	uint8_t b[256];

	for (;;) {
		time_Time t0 = time_Now();
		time_Time deadline = time_Time_Add(t0, d);
		go_error *err = net_Conn_SetReadDeadline(c, deadline);
		ssize_t n = 0;

		if (err != NULL)
			fail_msg("SetReadDeadline: %s", go_error_Error(err));
		err = net_Conn_Read(c, b, sizeof(b), &n);
		time_Time t1 = time_Now();

		if (n != 0 || err == NULL || !go_error_Timeout(err))
			fail_msg("Read did not return (0, timeout): (%zd, %s)", n,
				 err ? go_error_Error(err) : "<nil>");
		go_error *perr = parseReadError(err);
		if (perr != NULL)
			fail_msg("%s", go_error_Error(perr));
		if (!isDeadlineExceeded(err))
			fail_msg("Read error is not DeadlineExceeded: %s", go_error_Error(err));
		go_error_release(err);

		time_Duration actual = time_Time_Sub(t1, t0);
		if (time_Time_Before(t1, deadline))
			fail_msg("Read took %s; expected at least %s",
				 time_Duration_String(actual).s, time_Duration_String(d).s);
		time_Duration want = timeoutUpperBound(d);
		if (actual > want) {
			time_Duration next;

			if (!nextTimeout(actual, &next))
				fail_msg("Read took %s; expected at most %s",
					 time_Duration_String(actual).s,
					 time_Duration_String(want).s);
			// Maybe this machine is too slow to reliably schedule
			// goroutines within the requested duration: try longer.
			d = next;
			continue;
		}
		break;
	}
	closeConn(c);
	closeListener(ln);
	assertNoLeak();
}

GO_TEST(TestWriteTimeoutFluctuation)
{
	static const char msg[] = "TIMEOUT TRANSMITTER";
	net_Listener *ln = newLocalListener("tcp", NULL);
	net_Conn *c = dialListener(ln);
	time_Duration d = minDynamicTimeout;

	for (;;) {
		time_Time t0 = time_Now();
		time_Time deadline = time_Time_Add(t0, d);
		go_error *err = net_Conn_SetWriteDeadline(c, deadline);
		int64_t n = 0;

		if (err != NULL)
			fail_msg("SetWriteDeadline: %s", go_error_Error(err));
		for (;;) {
			ssize_t dn = 0;

			err = net_Conn_Write(c, (const uint8_t *)msg, sizeof(msg) - 1, &dn);
			n += dn;
			if (err != NULL)
				break;
		}
		time_Time t1 = time_Now();

		if (err == NULL || !go_error_Timeout(err))
			fail_msg("Write did not return (any, timeout): (%lld, %s)", (long long)n,
				 err ? go_error_Error(err) : "<nil>");
		go_error *perr = parseWriteError(err);
		if (perr != NULL)
			fail_msg("%s", go_error_Error(perr));
		if (!isDeadlineExceeded(err))
			fail_msg("Write error is not DeadlineExceeded: %s", go_error_Error(err));
		go_error_release(err);

		time_Duration actual = time_Time_Sub(t1, t0);
		if (time_Time_Before(t1, deadline))
			fail_msg("Write took %s; expected at least %s",
				 time_Duration_String(actual).s, time_Duration_String(d).s);
		time_Duration want = timeoutUpperBound(d);
		if (actual > want) {
			time_Duration next;

			if (n > 0) {
				// The send buffer was not yet full: writes did not
				// block. Give the next attempt twice the time to fill it.
				if (d <= maxDynamicTimeout / 2)
					d *= 2;
			} else if (!nextTimeout(actual, &next)) {
				fail_msg("Write took %s; expected at most %s",
					 time_Duration_String(actual).s,
					 time_Duration_String(want).s);
			} else {
				d = next;
			}
			continue;
		}
		break;
	}
	closeConn(c);
	closeListener(ln);
	assertNoLeak();
}

// ---- TestVariousDeadlines ----

static void
variousDeadlinesHandler(localServer *ls, net_Listener *ln, void *env)
{
	(void)env;
	(void)ls;
	for (;;) {
		net_Conn *c;
		uint8_t b[1];
		ssize_t n;
		go_error *err = net_Listener_Accept(ln, &c);

		if (err != NULL) {
			go_error_release(err);
			break;
		}
		// wait for client to close connection
		go_error_release(net_Conn_Read(c, b, sizeof(b), &n));
		closeConn(c);
	}
}

// Go: io.Copy(io.Discard, c) (Discard's ReadFrom: reads until an error;
// io.EOF ends the copy without error).
static go_error *
copyToDiscard(net_Conn *c, int64_t *written)
{
	static uint8_t buf[8192];
	go_error *err;

	*written = 0;
	for (;;) {
		ssize_t n = 0;

		err = net_Conn_Read(c, buf, sizeof(buf), &n);
		*written += n;
		if (err != NULL)
			break;
	}
	if (err == io_EOF)
		err = NULL;
	return err;
}

/* Go: net/timeout_test.go testVariousDeadlines */
static void
testVariousDeadlines(void)
{
	static const time_Duration timeouts[] = {
		1 * time_Nanosecond,    2 * time_Nanosecond,    5 * time_Nanosecond,
		50 * time_Nanosecond,   100 * time_Nanosecond,  200 * time_Nanosecond,
		500 * time_Nanosecond,  750 * time_Nanosecond,  1 * time_Microsecond,
		5 * time_Microsecond,   25 * time_Microsecond,  250 * time_Microsecond,
		500 * time_Microsecond, 1 * time_Millisecond,   5 * time_Millisecond,
		100 * time_Millisecond, 250 * time_Millisecond, 500 * time_Millisecond,
		1 * time_Second,
	};
	localServer *ls = newLocalServer("tcp");

	assert_null(localServer_buildup(ls, variousDeadlinesHandler, NULL));
	for (size_t i = 0; i < nelem(timeouts); i++) {
		const int numRuns = 3;

		for (int run = 0; run < numRuns; run++) {
			net_Conn *c = dialListener(ls->Listener);
			time_Time t0 = time_Now();
			go_error *err = net_Conn_SetDeadline(c, time_Time_Add(t0, timeouts[i]));
			int64_t n;

			if (err != NULL) {
				tError("SetDeadline", err);
				go_error_release(err);
			}
			err = copyToDiscard(c, &n);
			time_Duration dt = time_Since(t0);
			closeConn(c);

			if (err == NULL || !go_error_Timeout(err))
				fail_msg("%s %d/%d: Copy = %lld, %s; want timeout",
					 time_Duration_String(timeouts[i]).s, run, numRuns,
					 (long long)n, err ? go_error_Error(err) : "<nil>");
			(void)dt; // Go logs "good timeout after dt"
			go_error_release(err);
		}
	}
	assert_null(localServer_teardown(ls));
	localServer_free(ls);
	assertNoLeak();
}

GO_TEST(TestVariousDeadlines)
{
	testVariousDeadlines();
}

static int
variousDeadlinesMain(void *arg)
{
	(void)arg;
	testVariousDeadlines();
	return 0;
}

// Go: TestVariousDeadlines1Proc, TestVariousDeadlines4Proc.
static void
TestVariousDeadlines1Proc(void **state)
{
	(void)state;
	assert_int_equal(runWithProcs(1, variousDeadlinesMain, NULL), 0);
}

static void
TestVariousDeadlines4Proc(void **state)
{
	(void)state;
	assert_int_equal(runWithProcs(4, variousDeadlinesMain, NULL), 0);
}

// ---- TestConcurrentSetDeadline (Go's issue 35367) ----

enum { goroutines = 8, conns = 10, tries = 100 };

typedef struct setDeadlineArg {
	net_Conn **c;
	time_Time now;
	int i;
	sync_WaitGroup *wg;
} setDeadlineArg;

static void
concurrentSetDeadline(void *arg)
{
	setDeadlineArg *a = arg;

	// Make the deadlines steadily earlier, to trigger runtime
	// adjusttimers calls.
	for (int j = tries; j > 0; j--) {
		for (int k = 0; k < conns; k++) {
			time_Duration d = (time_Duration)(a->i * j * k) * time_Second;

			go_error_release(net_Conn_SetReadDeadline(
				a->c[k], time_Time_Add(a->now, 2 * time_Hour + d)));
			go_error_release(net_Conn_SetWriteDeadline(
				a->c[k], time_Time_Add(a->now, 1 * time_Hour + d)));
		}
	}
	sync_WaitGroup_Done(a->wg);
}

GO_TEST(TestConcurrentSetDeadline)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	net_Conn *c[conns];
	setDeadlineArg args[goroutines];
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	time_Time now;

	for (int i = 0; i < conns; i++)
		c[i] = dialListener(ln);

	sync_WaitGroup_Add(&wg, goroutines);
	now = time_Now();
	for (int i = 0; i < goroutines; i++) {
		args[i] = (setDeadlineArg){c, now, i, &wg};
		go(concurrentSetDeadline, &args[i]);
	}
	sync_WaitGroup_Wait(&wg);
	for (int i = 0; i < conns; i++)
		closeConn(c[i]);
	closeListener(ln);
	assertNoLeak();
}

// ---- the PacketConn timeouts ----

static const struct {
	time_Duration timeout;
	bool xerrs[2]; // C: Go's expected errors in transition; true: os.ErrDeadlineExceeded
} readFromTimeoutTests[] = {
	// Read deadlines work even when there is data ready to be read.
	{-5 * time_Second, {true, true}},

	{50 * time_Millisecond, {false, true}},
};

// Go: TestReadFromTimeout's handler: write to the address received on ch,
// if any.
static void
readFromTimeoutHandler(localPacketServer *ls, net_PacketConn *c, void *env)
{
	static const uint8_t msg[] = "READFROM TIMEOUT TEST";
	runtime_hchan *ch = env;
	net_Addr *dst;
	ssize_t n;

	(void)ls;
	if (runtime_chanrecv2(ch, &dst)) {
		go_error_release(net_PacketConn_WriteTo(c, msg, sizeof(msg) - 1, dst, &n));
		net_Addr_free(dst); // C: the sender's clone
	}
}

/* Go: net/timeout_test.go TestReadFromTimeout */
// C: ch carries a clone of c's address, which the handler frees; it has a
// buffer of one (see the top of the file).
GO_TEST(TestReadFromTimeout)
{
	runtime_hchan *ch = runtime_makechan(sizeof(net_Addr *), 1);
	localPacketServer *ls = newLocalPacketServer("udp");
	char *lsaddr = net_Addr_String(net_PacketConn_LocalAddr(ls->PacketConn));
	char *host, *port, *hp;
	net_PacketConn *c;
	net_Addr *dst;
	go_error *err;

	assert_null(localPacketServer_buildup(ls, readFromTimeoutHandler, ch));
	if ((err = net_SplitHostPort(lsaddr, &host, &port)) != NULL)
		fail_msg("%s", go_error_Error(err));
	hp = net_JoinHostPort(host, "0");
	err = net_ListenPacket(net_Addr_Network(net_PacketConn_LocalAddr(ls->PacketConn)), hp, &c);
	free(hp);
	free(host);
	free(port);
	free(lsaddr);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	dst = net_Addr_clone(net_PacketConn_LocalAddr(c));
	runtime_chansend1(ch, &dst);

	for (size_t i = 0; i < nelem(readFromTimeoutTests); i++) {
		time_Duration timeout = readFromTimeoutTests[i].timeout;

		if ((err = net_PacketConn_SetReadDeadline(c, time_Time_Add(time_Now(), timeout))) !=
		    NULL)
			fail_msg("#%zu: %s", i, go_error_Error(err));
		for (size_t j = 0; j < 2; j++) {
			bool xerr = readFromTimeoutTests[i].xerrs[j];

			for (;;) {
				uint8_t b[1];
				net_Addr *from = NULL;
				ssize_t n = 0;
				go_error *perr;

				err = net_PacketConn_ReadFrom(c, b, sizeof(b), &n, &from);
				net_Addr_free(from);
				if (xerr) {
					if ((perr = parseReadError(err)) != NULL) {
						tError("parseReadError", perr);
						go_error_release(perr);
					}
					if (!isDeadlineExceeded(err))
						fail_msg("#%zu/%zu: %s", i, j,
							 err ? go_error_Error(err) : "<nil>");
				}
				if (err == NULL) {
					time_Sleep(timeout / 3);
					continue;
				}
				if (go_error_Timeout(err) && n != 0)
					fail_msg("#%zu/%zu: read %zd; want 0", i, j, n);
				go_error_release(err);
				break;
			}
		}
	}
	go_error_release(net_PacketConn_Close(c)); // Go: defer c.Close()
	net_PacketConn_Free(c);
	go_error_release(localPacketServer_teardown(ls)); // Go: defer ls.teardown()
	localPacketServer_free(ls);
	runtime_closechan(ch); // Go: defer close(ch)
	runtime_chanfree(ch);
	assertNoLeak();
}

/* Go: net/timeout_test.go TestWriteToTimeout */
// C: Go's subtests (t.Run(fmt.Sprint(timeout))) are the loop's rows.
GO_TEST(TestWriteToTimeout)
{
	static const uint8_t msg[] = "WRITETO TIMEOUT TEST";
	static const time_Duration timeouts[] = {-5 * time_Second, 10 * time_Millisecond};
	net_PacketConn *c1 = newLocalPacketListener("udp", NULL);
	char *c1addr = net_Addr_String(net_PacketConn_LocalAddr(c1));
	char *host, *port, *hp;
	go_error *err;

	if ((err = net_SplitHostPort(c1addr, &host, &port)) != NULL)
		fail_msg("%s", go_error_Error(err));
	hp = net_JoinHostPort(host, "0");
	free(host);
	free(port);
	free(c1addr);

	for (size_t i = 0; i < nelem(timeouts); i++) {
		time_Duration timeout = timeouts[i], backoff = time_Millisecond;
		int nDeadlineExceeded = 0;
		net_PacketConn *c2;

		if ((err = net_ListenPacket(net_Addr_Network(net_PacketConn_LocalAddr(c1)), hp,
					    &c2)) != NULL)
			fail_msg("%s", go_error_Error(err));
		if ((err = net_PacketConn_SetWriteDeadline(
			     c2, time_Time_Add(time_Now(), timeout))) != NULL)
			fail_msg("SetWriteDeadline: %s", go_error_Error(err));
		for (int j = 0; nDeadlineExceeded < 2; j++) {
			ssize_t n = 0;
			go_error *perr;

			err = net_PacketConn_WriteTo(c2, msg, sizeof(msg) - 1,
						     net_PacketConn_LocalAddr(c1), &n);
			if (err == NULL && timeout >= 0 && nDeadlineExceeded == 0) {
				// Some WriteTo calls may succeed before a
				// nonnegative timeout takes effect.
				time_Sleep(timeout / 3);
				continue;
			}
			if (isENOBUFS(err)) {
				// The kernel's buffers are saturated (Go issue
				// 49930): give it time.
				go_error_release(err);
				time_Sleep(backoff);
				backoff *= 2;
				continue;
			}
			if ((perr = parseWriteError(err)) != NULL) {
				tError("failed to parse error", perr);
				go_error_release(perr);
			}
			if (!isDeadlineExceeded(err))
				tError("error is not 'deadline exceeded'", err);
			if (n != 0) {
				fprintf(stderr, "unexpectedly wrote %zd bytes\n", n);
				atomic_fetch_add(&failures, 1);
			}
			go_error_release(err);
			nDeadlineExceeded++;
		}
		go_error_release(net_PacketConn_Close(c2)); // Go: defer c2.Close()
		net_PacketConn_Free(c2);
	}
	free(hp);
	go_error_release(net_PacketConn_Close(c1)); // Go: defer c1.Close()
	net_PacketConn_Free(c1);
	assertNoLeak();
}

/* Go: net/timeout_test.go TestReadFromTimeoutFluctuation */
GO_TEST(TestReadFromTimeoutFluctuation)
{
	net_PacketConn *c1 = newLocalPacketListener("udp", NULL);
	char *c1addr = net_Addr_String(net_PacketConn_LocalAddr(c1));
	time_Duration d = minDynamicTimeout;
	net_PacketConn *pc2;
	net_Conn *c2;
	uint8_t b[256];
	go_error *err;

	err = net_Dial(net_Addr_Network(net_PacketConn_LocalAddr(c1)), c1addr, &c2);
	free(c1addr);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	pc2 = net_UDPConn_PacketConn(net_Conn_UDPConn(c2)); // Go: c2.(PacketConn)
	assert_non_null(pc2);

	for (;;) {
		time_Time t0 = time_Now();
		time_Time deadline = time_Time_Add(t0, d);
		net_Addr *from = NULL;
		ssize_t n = 0;

		if ((err = net_Conn_SetReadDeadline(c2, deadline)) != NULL)
			fail_msg("SetReadDeadline: %s", go_error_Error(err));
		err = net_PacketConn_ReadFrom(pc2, b, sizeof(b), &n, &from);
		net_Addr_free(from);
		time_Time t1 = time_Now();

		if (n != 0 || err == NULL || !go_error_Timeout(err))
			fail_msg("ReadFrom did not return (0, timeout): (%zd, %s)", n,
				 err ? go_error_Error(err) : "<nil>");
		go_error *perr = parseReadError(err);
		if (perr != NULL)
			fail_msg("%s", go_error_Error(perr));
		if (!isDeadlineExceeded(err))
			fail_msg("ReadFrom error is not DeadlineExceeded: %s", go_error_Error(err));
		go_error_release(err);

		time_Duration actual = time_Time_Sub(t1, t0);
		if (time_Time_Before(t1, deadline))
			fail_msg("ReadFrom took %s; expected at least %s",
				 time_Duration_String(actual).s, time_Duration_String(d).s);
		time_Duration want = timeoutUpperBound(d);
		if (actual > want) {
			time_Duration next;

			if (!nextTimeout(actual, &next))
				fail_msg("ReadFrom took %s; expected at most %s",
					 time_Duration_String(actual).s,
					 time_Duration_String(want).s);
			// Maybe this machine is too slow to reliably schedule
			// goroutines within the requested duration: try longer.
			d = next;
			continue;
		}
		break;
	}
	closeConn(c2);
	go_error_release(net_PacketConn_Close(c1)); // Go: defer c1.Close()
	net_PacketConn_Free(c1);
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestDialTimeout, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestAcceptTimeout, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestAcceptTimeoutMustReturn, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestAcceptTimeoutMustNotReturn, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestReadTimeout, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestWriteTimeout, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestWriteTimeoutMustNotReturn, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestReadTimeoutFluctuation, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestWriteTimeoutFluctuation, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestVariousDeadlines, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestVariousDeadlines1Proc, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestVariousDeadlines4Proc, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestConcurrentSetDeadline, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestReadTimeoutMustNotReturn, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestReadWriteProlongedTimeout, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestReadWriteDeadlineRace, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestReadFromTimeout, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestWriteToTimeout, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestReadFromTimeoutFluctuation, setup, socktestTeardown),
};

GONET_TEST_MAIN(tests)

// C port of go1.19 src/net/pipe_test.go, and tests of what C adds: each
// end freed on its own, and the cancel channels a deadline change retires
// while a reader still holds them.
#include "gotest.h"

#include <stdlib.h>
#include <string.h>

#include "conntest.h"
#include "errors/errors.h"
#include "internal_poll/poll.h"
#include "io/io.h"
#include "net/pipe.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

static void
stopPipe(void *arg)
{
	net_Conn **c = arg;

	for (int i = 0; i < 2; i++) {
		go_error_release(net_Conn_Close(c[i]));
		net_Conn_Free(c[i]);
	}
	free(c);
}

static go_error *
makePipe(void *env, net_Conn **c1, net_Conn **c2, void (**stop)(void *), void **stoparg)
{
	net_Conn **c = malloc(2 * sizeof(*c));

	(void)env;
	if (c == NULL)
		return errors_New("out of memory");
	net_Pipe(&c[0], &c[1]);
	*c1 = c[0];
	*c2 = c[1];
	*stop = stopPipe; // Go: c1.Close(); c2.Close()
	*stoparg = c;
	return NULL;
}

/* Go: net/pipe_test.go TestPipe */
GO_TEST(TestPipe)
{
	nettest_TestConn(makePipe, NULL);
}

static const char *
errString(go_error *err)
{
	return err != NULL ? go_error_Error(err) : "<nil>";
}

/* Go: net/pipe_test.go TestPipeCloseError */
GO_TEST(TestPipeCloseError)
{
	net_Conn *c1, *c2;
	go_error *err;
	ssize_t n;

	net_Pipe(&c1, &c2);
	go_error_release(net_Conn_Close(c1));

	if ((err = net_Conn_Read(c1, NULL, 0, &n)) != io_ErrClosedPipe)
		fail_msg("c1.Read() = %s, want io.ErrClosedPipe", errString(err));
	if ((err = net_Conn_Write(c1, NULL, 0, &n)) != io_ErrClosedPipe)
		fail_msg("c1.Write() = %s, want io.ErrClosedPipe", errString(err));
	if ((err = net_Conn_SetDeadline(c1, (time_Time){0})) != io_ErrClosedPipe)
		fail_msg("c1.SetDeadline() = %s, want io.ErrClosedPipe", errString(err));
	if ((err = net_Conn_Read(c2, NULL, 0, &n)) != io_EOF)
		fail_msg("c2.Read() = %s, want io.EOF", errString(err));
	if ((err = net_Conn_Write(c2, NULL, 0, &n)) != io_ErrClosedPipe)
		fail_msg("c2.Write() = %s, want io.ErrClosedPipe", errString(err));
	if ((err = net_Conn_SetDeadline(c2, (time_Time){0})) != io_ErrClosedPipe)
		fail_msg("c2.SetDeadline() = %s, want io.ErrClosedPipe", errString(err));
	net_Conn_Free(c1);
	net_Conn_Free(c2);
}

// C: one end freed (without Close: Free closes it) while the other lives
// on; the survivor sees the peer closed, as in Go after c1.Close().
GO_TEST(TestPipeFreeOneEnd)
{
	char *s;
	net_Conn *c1, *c2;
	go_error *err;
	uint8_t b[4];
	ssize_t n;

	net_Pipe(&c1, &c2);
	s = net_Addr_String(net_Conn_LocalAddr(c1));
	assert_string_equal(s, "pipe");
	free(s);
	assert_string_equal(net_Addr_Network(net_Conn_RemoteAddr(c2)), "pipe");
	net_Conn_Free(c1);
	assert_ptr_equal(net_Conn_Read(c2, b, sizeof(b), &n), io_EOF);
	assert_int_equal(n, 0);
	assert_ptr_equal(net_Conn_Write(c2, b, sizeof(b), &n), io_ErrClosedPipe);
	err = net_Conn_SetReadDeadline(c2, time_Now());
	assert_ptr_equal(err, io_ErrClosedPipe);
	assert_null(net_Conn_Close(c2));
	assert_null(net_Conn_Close(c2)); // Go: Close twice is fine
	net_Conn_Free(c2);
}

typedef struct readResult {
	net_Conn *c;
	runtime_hchan *started; // chan struct{}, 1 slot
	runtime_hchan *done;    // chan go_error *
	sync_WaitGroup wg;      // C: readers not yet returned (chan.h's rule for chanfree)
} readResult;

static void
blockedRead(void *arg)
{
	readResult *r = arg;
	uint8_t b[1];
	ssize_t n;
	go_error *err;

	runtime_chansend1(r->started, NULL);
	err = net_Conn_Read(r->c, b, sizeof(b), &n);
	runtime_chansend1(r->done, &err);
	sync_WaitGroup_Done(&r->wg);
}

// C: the reader's result, or, when it started its Read only after the
// deadline was cleared (a slow machine), the result of feeding it a byte.
static go_error *
readerResult(readResult *r, net_Conn *peer, bool *timedOut)
{
	static const uint8_t msg[] = "x";
	runtime_hchan *after = time_After(time_Second);
	go_error *err = NULL;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, r->done, &err},
		{runtime_selectRecv, after, NULL},
	};
	ssize_t n;

	*timedOut = runtime_select(cases, 2, true, NULL) == 0;
	time_After_Free(after);
	if (!*timedOut) {
		assert_null(net_Conn_Write(peer, msg, 1, &n));
		runtime_chanrecv1(r->done, &err);
	}
	return err;
}

// C: a reader blocked with no deadline holds the open cancel channel; a
// deadline in the past closes it, and clearing the deadline at once
// replaces it while the reader (woken, not yet run) still holds it: the
// old channel must outlive that hold (ASan and valgrind watch). Go's
// result: the reader fails with "read pipe: i/o timeout", and a Read after
// that waits for the writer again.
GO_TEST(TestPipeDeadlineRetiredCancel)
{
	readResult r = {NULL, runtime_makechan(0, 1), runtime_makechan(sizeof(go_error *), 1),
			SYNC_WAITGROUP_INIT};
	net_Conn *c1, *c2;
	int timeouts = 0;
	go_error *err;
	bool inTime;

	net_Pipe(&c1, &c2);
	r.c = c1;
	for (int i = 0; i < 10; i++) {
		sync_WaitGroup_Add(&r.wg, 1);
		go(blockedRead, &r);
		runtime_chanrecv1(r.started, NULL);
		time_Sleep(5 * time_Millisecond); // let it block in select
		assert_null(net_Conn_SetReadDeadline(c1, time_Unix(1, 0)));
		assert_null(net_Conn_SetReadDeadline(c1, (time_Time){0}));
		err = readerResult(&r, c2, &inTime);
		if (!inTime) {
			assert_null(err); // it read the byte fed to it
			continue;
		}
		if (err == NULL || !errors_Is(err, poll_ErrDeadlineExceeded) ||
		    !go_error_Timeout(err) ||
		    strcmp(go_error_Error(err), "read pipe: i/o timeout") != 0)
			fail_msg("Read = %s, want read pipe: i/o timeout", errString(err));
		go_error_release(err);
		timeouts++;
	}
	assert_true(timeouts > 0);
	// The deadline is clear again: a Read waits for the writer.
	sync_WaitGroup_Add(&r.wg, 1);
	go(blockedRead, &r);
	runtime_chanrecv1(r.started, NULL);
	err = readerResult(&r, c2, &inTime);
	assert_false(inTime);
	assert_null(err);
	sync_WaitGroup_Wait(&r.wg);
	net_Conn_Free(c1);
	net_Conn_Free(c2);
	runtime_chanfree(r.started);
	runtime_chanfree(r.done);
}

// C: deadlines that expire in a loop (the timer path: AfterFunc closes the
// channel) and a write deadline: "write pipe: i/o timeout", nothing taken.
GO_TEST(TestPipeDeadlineTimer)
{
	static const uint8_t msg[] = "hello";
	net_Conn *c1, *c2;
	go_error *err;
	uint8_t b[8];
	ssize_t n;

	net_Pipe(&c1, &c2);
	for (int i = 0; i < 5; i++) {
		assert_null(
			net_Conn_SetDeadline(c1, time_Time_Add(time_Now(), 2 * time_Millisecond)));
		err = net_Conn_Read(c1, b, sizeof(b), &n);
		assert_true(err != NULL && errors_Is(err, poll_ErrDeadlineExceeded));
		go_error_release(err);
		err = net_Conn_Write(c1, msg, sizeof(msg), &n);
		assert_non_null(err);
		assert_string_equal(go_error_Error(err), "write pipe: i/o timeout");
		assert_int_equal(n, 0);
		go_error_release(err);
	}
	// A deadline far ahead is stopped and freed with its end.
	assert_null(net_Conn_SetDeadline(c1, time_Time_Add(time_Now(), time_Hour)));
	net_Conn_Free(c1);
	net_Conn_Free(c2);
}

typedef struct blocked {
	net_Conn *c;
	bool write;
	go_error *err;
	ssize_t n;
	sync_WaitGroup wg;
} blocked;

static void
blockedCall(void *arg)
{
	static const uint8_t msg[] = "never taken";
	blocked *b = arg;
	uint8_t buf[4];

	if (b->write)
		b->err = net_Conn_Write(b->c, msg, sizeof(msg), &b->n);
	else
		b->err = net_Conn_Read(b->c, buf, sizeof(buf), &b->n);
	sync_WaitGroup_Done(&b->wg);
}

// C: Close of this end wakes a Read blocked on it with io.ErrClosedPipe,
// and Close of the other end wakes a blocked Write with it too (Go's
// select cases on localDone and remoteDone); both bare, as Go returns
// them. The setters then fail the same way, and the pipe's Addr clones
// like any other.
GO_TEST(TestPipeCloseUnblocks)
{
	blocked r = {NULL, false, NULL, -1, SYNC_WAITGROUP_INIT};
	blocked w = {NULL, true, NULL, -1, SYNC_WAITGROUP_INIT};
	net_Conn *c1, *c2, *d1, *d2;
	net_Addr *a;

	net_Pipe(&c1, &c2);
	r.c = c1;
	sync_WaitGroup_Add(&r.wg, 1);
	go(blockedCall, &r);
	time_Sleep(5 * time_Millisecond); // let it block in select
	assert_null(net_Conn_Close(c1));
	sync_WaitGroup_Wait(&r.wg);
	assert_ptr_equal(r.err, io_ErrClosedPipe);
	assert_int_equal(r.n, 0);
	assert_ptr_equal(net_Conn_SetReadDeadline(c1, time_Now()), io_ErrClosedPipe);
	assert_ptr_equal(net_Conn_SetWriteDeadline(c2, time_Now()), io_ErrClosedPipe);

	net_Pipe(&d1, &d2);
	w.c = d1;
	sync_WaitGroup_Add(&w.wg, 1);
	go(blockedCall, &w);
	time_Sleep(5 * time_Millisecond);
	assert_null(net_Conn_Close(d2));
	sync_WaitGroup_Wait(&w.wg);
	assert_ptr_equal(w.err, io_ErrClosedPipe);
	assert_int_equal(w.n, 0);

	a = net_Addr_clone(net_Conn_RemoteAddr(d1));
	assert_string_equal(net_Addr_Network(a), "pipe");
	net_Addr_free(a);
	net_Conn_Free(c1);
	net_Conn_Free(c2);
	net_Conn_Free(d1);
	net_Conn_Free(d2);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(TestPipe),
		cmocka_unit_test(TestPipeCloseError),
		cmocka_unit_test(TestPipeFreeOneEnd),
		cmocka_unit_test(TestPipeDeadlineRetiredCancel),
		cmocka_unit_test(TestPipeDeadlineTimer),
		cmocka_unit_test(TestPipeCloseUnblocks),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

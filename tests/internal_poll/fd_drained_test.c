// Tests of what gonet adds to (*FD).Read (internal_poll/fd_unix.c
// poll_FD_prepareReadDrained): after a short read of a TCP stream the next
// Read waits for the poller before it reads, instead of making a read(2)
// that could only fail with EAGAIN. No Go test covers this (Go always makes
// the call); these check that the shortcut is taken where it is safe, and
// that every state at which tcp_recvmsg stops short of queued bytes or of
// the end (a FIN, urgent data, a reset) still gets its bytes and its error
// to the reader, as Go's Read would.
#include "gotest.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>

#include "internal_poll/poll_impl.h"
#include "io/io.h"
#include "polltest.h"
#include "syscall/syscall.h"
#include "time/time.h"

// A loopback TCP connection: *fd is the accepted end, set up as net sets
// up a TCP socket ("tcp", stream, zero read is EOF); *peer is the dialing
// end as a plain descriptor the test drives with send, shutdown and close.
static void
tcpConn(poll_FD *fd, int *peer)
{
	poll_FD ln;
	syscall_Sockaddr addr, rsa;
	const char *errcall;
	int s;

	pollListenTCP(&ln, &addr);
	*peer = pollDialTCP(&addr);
	assert_true(*peer >= 0);
	assert_null(poll_FD_Accept(&ln, &s, &rsa, &errcall));
	pollClose(&ln);
	memset(fd, 0, sizeof(*fd));
	fd->Sysfd = s;
	fd->IsStream = true;
	fd->ZeroReadIsEOF = true;
	assert_null(poll_FD_Init(fd, "tcp", true));
	// Every case below must end well within this; a lost event would
	// make a Read wait for it instead.
	assert_null(poll_FD_SetReadDeadline(fd, pollIn(5 * time_Second)));
}

static void
peerSend(int peer, const char *s, int flags)
{
	assert_int_equal(send(peer, s, strlen(s), flags), (ssize_t)strlen(s));
}

// Reads once into a 64-byte buffer and checks the bytes and the error.
static void
readExpect(poll_FD *fd, const char *want, go_error *wantErr)
{
	uint8_t buf[64];
	ssize_t n;
	go_error *err = poll_FD_Read(fd, buf, sizeof(buf), &n);

	if (err != wantErr)
		fail_msg("Read: error %s, want %s", err ? go_error_Error(err) : "nil",
			 wantErr ? go_error_Error(wantErr) : "nil");
	assert_int_equal(n, (ssize_t)strlen(want));
	assert_memory_equal(buf, want, (size_t)n);
}

// tcpConn, then a short read of s that leaves the stream drained.
static void
tcpConnDrained(poll_FD *fd, int *peer, const char *s)
{
	tcpConn(fd, peer);
	peerSend(*peer, s, 0);
	time_Sleep(20 * time_Millisecond);
	readExpect(fd, s, NULL);
	assert_true(fd->pd.drained);
}

// Sends s on peer after d.
typedef struct {
	int peer;
	const char *s;
	time_Duration d;
} delayedSend;

static void
sendLater(void *arg)
{
	delayedSend *ds = arg;

	time_Sleep(ds->d);
	peerSend(ds->peer, ds->s, 0);
}

// A short read drains the stream: the next Read waits for the poller and
// gets the bytes that arrive later.
GO_TEST(TestReadDrainedShortRead)
{
	poll_FD fd;
	int peer;
	delayedSend ds;

	tcpConn(&fd, &peer);
	peerSend(peer, "hello", 0);
	time_Sleep(20 * time_Millisecond);
	readExpect(&fd, "hello", NULL);
	assert_true(fd.pd.drained);

	ds = (delayedSend){peer, "world", 20 * time_Millisecond};
	go(sendLater, &ds);
	readExpect(&fd, "world", NULL);
	assert_true(fd.pd.drained);

	// Bytes that arrived before the next Read began are there too.
	peerSend(peer, "again", 0);
	time_Sleep(20 * time_Millisecond);
	readExpect(&fd, "again", NULL);

	close(peer);
	readExpect(&fd, "", io_EOF);
	pollClose(&fd);
}

// A full buffer may leave bytes behind: no shortcut.
GO_TEST(TestReadDrainedFullRead)
{
	poll_FD fd;
	uint8_t buf[4];
	ssize_t n;
	int peer;

	tcpConn(&fd, &peer);
	peerSend(peer, "12345678", 0);
	time_Sleep(20 * time_Millisecond);
	assert_null(poll_FD_Read(&fd, buf, sizeof(buf), &n));
	assert_int_equal(n, 4);
	assert_false(fd.pd.drained);
	readExpect(&fd, "5678", NULL);
	close(peer);
	pollClose(&fd);
}

// The bytes and the FIN arrive together and the poller reports both
// before the first Read: that Read takes the bytes and the FIN, and the
// next one must return EOF without waiting for an event that will not
// come again.
GO_TEST(TestReadDrainedFIN)
{
	poll_FD fd;
	int peer;

	tcpConn(&fd, &peer);
	peerSend(peer, "bye", 0);
	assert_int_equal(shutdown(peer, SHUT_WR), 0);
	time_Sleep(50 * time_Millisecond); // the poller sees both meanwhile
	readExpect(&fd, "bye", NULL);
	assert_false(fd.pd.drained);
	readExpect(&fd, "", io_EOF);
	close(peer);
	pollClose(&fd);
}

// Urgent data: tcp_recvmsg stops at the urgent mark with bytes queued
// behind it, a short read that did not drain the stream.
GO_TEST(TestReadDrainedUrgent)
{
	poll_FD fd;
	int peer;

	tcpConn(&fd, &peer);
	peerSend(peer, "abc", 0);
	peerSend(peer, "X", MSG_OOB);
	peerSend(peer, "def", 0);
	time_Sleep(50 * time_Millisecond);
	readExpect(&fd, "abc", NULL);
	assert_false(fd.pd.drained);
	readExpect(&fd, "def", NULL);
	close(peer);
	pollClose(&fd);
}

// A reset after the bytes: the reader gets them and then the error.
GO_TEST(TestReadDrainedReset)
{
	poll_FD fd;
	uint8_t buf[64];
	ssize_t n;
	int peer;
	go_error *err;

	tcpConnDrained(&fd, &peer, "x");
	assert_int_equal(setsockopt(peer, SOL_SOCKET, SO_LINGER, &(struct linger){1, 0},
				    sizeof(struct linger)),
			 0);
	close(peer); // RST
	err = poll_FD_Read(&fd, buf, sizeof(buf), &n);
	assert_ptr_equal(err, syscall_ECONNRESET);
	assert_int_equal(n, 0);
	pollClose(&fd);
}

// The waiting Read reports what prepareRead would: an expired deadline,
// then a closed descriptor.
GO_TEST(TestReadDrainedDeadlineAndClose)
{
	poll_FD fd;
	int peer;

	tcpConnDrained(&fd, &peer, "a");
	assert_null(poll_FD_SetReadDeadline(&fd, pollIn(-time_Second)));
	readExpect(&fd, "", poll_ErrDeadlineExceeded);
	assert_false(fd.pd.drained); // the wait consumed it

	// Another short read, then Close.
	assert_null(poll_FD_SetReadDeadline(&fd, pollIn(5 * time_Second)));
	peerSend(peer, "b", 0);
	readExpect(&fd, "b", NULL);
	assert_true(fd.pd.drained);
	pollClose(&fd);
	readExpect(&fd, "", poll_ErrNetClosing);
	close(peer);
}

// Shutting down our own reading side after a short read: the next Read
// returns EOF, as in Go.
GO_TEST(TestReadDrainedCloseRead)
{
	poll_FD fd;
	int peer;

	tcpConnDrained(&fd, &peer, "a");
	assert_null(poll_FD_Shutdown(&fd, SHUT_RD));
	readExpect(&fd, "", io_EOF);
	close(peer);
	pollClose(&fd);
}

// SO_RCVLOWAT above one byte: the kernel reports new data only once that
// much is queued, yet a read returns what there is. Go's Read gets the
// byte that arrived after a short read; so must ours.
GO_TEST(TestReadDrainedRcvlowat)
{
	poll_FD fd;
	int peer;

	tcpConn(&fd, &peer);
	assert_null(poll_FD_SetsockoptInt(&fd, SOL_SOCKET, SO_RCVLOWAT, 16));
	peerSend(peer, "a", 0);
	time_Sleep(20 * time_Millisecond);
	readExpect(&fd, "a", NULL);
	assert_false(fd.pd.drained);
	peerSend(peer, "b", 0);
	time_Sleep(20 * time_Millisecond);
	readExpect(&fd, "b", NULL);
	close(peer);
	pollClose(&fd);
}

static bool
rawReadOnce(void *env, uintptr_t s)
{
	(void)env;
	(void)s;
	return true;
}

// Every other way of reading resets the pollDesc, and forgets the short
// read: its own reset may have consumed the event the shortcut needs.
GO_TEST(TestReadDrainedOtherReads)
{
	poll_FD fd;
	int peer;

	tcpConnDrained(&fd, &peer, "a");
	assert_null(poll_FD_RawRead(&fd, rawReadOnce, NULL));
	assert_false(fd.pd.drained);
	close(peer);
	pollClose(&fd);
}

// Only TCP: a Unix stream read stops short at a change of sender
// credentials or passed descriptors.
GO_TEST(TestReadDrainedNotUnix)
{
	poll_FD a, b;
	ssize_t n;

	pollSocketpair(SOCK_STREAM, &a, &b);
	assert_null(poll_FD_Write(&b, (const uint8_t *)"hi", 2, &n));
	readExpect(&a, "hi", NULL);
	assert_false(a.pd.drained);
	pollClose(&a);
	pollClose(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestReadDrainedShortRead),
	cmocka_unit_test(TestReadDrainedFullRead),
	cmocka_unit_test(TestReadDrainedFIN),
	cmocka_unit_test(TestReadDrainedUrgent),
	cmocka_unit_test(TestReadDrainedReset),
	cmocka_unit_test(TestReadDrainedDeadlineAndClose),
	cmocka_unit_test(TestReadDrainedCloseRead),
	cmocka_unit_test(TestReadDrainedRcvlowat),
	cmocka_unit_test(TestReadDrainedOtherReads),
	cmocka_unit_test(TestReadDrainedNotUnix),
};

GONET_TEST_MAIN(tests)

// C port of part of go1.19 src/net/splice_test.go: TestSplice's
// "no-unixpacket" and "no-unixgram" subtests, which check that splice
// leaves the Unix sockets it must not take to the generic copy. Go's other
// subtests drive the copy from a child process (startSpliceClient), which
// a C test binary cannot re-execute as Go's does; in their place,
// TestSpliceUnixToTCP checks in one process that a stream UnixConn is
// spliced (handled), moving every byte and honouring an io.LimitedReader.
#include "gotest.h"

#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "mockserver.h"
#include "net/net_impl.h"
#include "runtime_netpoll/chan.h"

typedef struct acceptArg {
	net_Listener *ln;
	net_Conn *server;
	go_error *err;
	runtime_hchan *done; // chan struct{}
} acceptArg;

static void
acceptOne(void *arg)
{
	acceptArg *a = arg;
	bool v = true;

	a->err = net_Listener_Accept(a->ln, &a->server);
	runtime_chansend1(a->done, &v);
}

/* Go: net/splice_test.go spliceTestSocketPair */
static void
spliceTestSocketPair(const char *net, net_Conn **client, net_Conn **server)
{
	acceptArg a = {.ln = newLocalListener(net, NULL)};
	const net_Addr *la = net_Listener_Addr(a.ln);
	char *addr = net_Addr_String(la);
	go_error *cerr;
	bool v;

	a.done = runtime_makechan(sizeof(bool), 0);
	go(acceptOne, &a);
	cerr = net_Dial(net_Addr_Network(la), addr, client);
	runtime_chanrecv1(a.done, &v);
	runtime_chanfree(a.done);
	free(addr);
	go_error_release(net_Listener_Close(a.ln)); // Go: defer ln.Close()
	net_Listener_Free(a.ln);
	if (cerr != NULL)
		fail_msg("%s", go_error_Error(cerr));
	if (a.err != NULL)
		fail_msg("%s", go_error_Error(a.err));
	*server = a.server;
}

static void
closeConn(net_Conn *c)
{
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
}

// C: the fd splice writes into, from a Conn that must be a TCPConn.
static net_netFD *
tcpFD(net_Conn *c)
{
	net_TCPConn *tc = net_Conn_TCPConn(c);

	assert_non_null(tc);
	return tc->conn.fd;
}

/* Go: net/splice_test.go testSpliceNoUnixpacket */
GO_TEST(TestSplice_noUnixpacket)
{
	net_Conn *clientUp, *serverUp, *clientDown, *serverDown;
	int64_t written;
	bool handled = true;
	go_error *err;

	if (!testableNetwork("unixpacket"))
		GO_SKIP(); // Go: TestSplice skips the unix subtests
	spliceTestSocketPair("unixpacket", &clientUp, &serverUp);
	spliceTestSocketPair("tcp", &clientDown, &serverDown);
	// A unixpacket socket is not a stream: splice must not even try.
	err = net_splice(tcpFD(serverDown), net_UnixConn_Reader(net_Conn_UnixConn(serverUp)),
			 &written, &handled);
	if (err != NULL || handled)
		fail_msg("got err = %s, handled = %d, want nil error, handled == false",
			 err != NULL ? go_error_Error(err) : "<nil>", handled);
	closeConn(clientUp);
	closeConn(serverUp);
	closeConn(clientDown);
	closeConn(serverDown);
}

/* Go: net/splice_test.go testSpliceNoUnixgram */
GO_TEST(TestSplice_noUnixgram)
{
	net_UnixAddr addr = NET_UNIXADDR(.Name = testUnixAddr(), .Net = "unixgram");
	net_UnixConn *up;
	net_Conn *clientDown, *serverDown;
	int64_t written;
	bool handled = true;
	go_error *err;

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // Go: TestSplice skips the unix subtests
	if ((err = net_ListenUnixgram("unixgram", &addr, &up)) != NULL)
		fail_msg("%s", go_error_Error(err));
	spliceTestSocketPair("tcp", &clientDown, &serverDown);
	err = net_splice(tcpFD(serverDown), net_UnixConn_Reader(up), &written, &handled);
	if (err != NULL || handled)
		fail_msg("got err = %s, handled = %d, want nil error, handled == false",
			 err != NULL ? go_error_Error(err) : "<nil>", handled);
	go_error_release(net_UnixConn_Close(up));
	net_UnixConn_Free(up);
	closeConn(clientDown);
	closeConn(serverDown);
}

// C: a stream UnixConn is spliced into a TCPConn, behind a LimitedReader
// too; the bytes arrive in order and the limit holds.
GO_TEST(TestSpliceUnixToTCP)
{
	static const uint8_t msg[] = "spliced from a unix socket into tcp";
	net_Conn *clientUp, *serverUp, *clientDown, *serverDown;
	uint8_t got[sizeof(msg)];
	io_LimitedReader lr;
	int64_t written;
	bool handled = false;
	size_t have = 0;
	ssize_t n;
	go_error *err;

	if (!testableNetwork("unix"))
		GO_SKIP();
	spliceTestSocketPair("unix", &clientUp, &serverUp);
	spliceTestSocketPair("tcp", &clientDown, &serverDown);
	assert_null(net_Conn_Write(clientUp, msg, sizeof(msg) - 1, &n));
	assert_null(net_UnixConn_CloseWrite(net_Conn_UnixConn(clientUp)));
	lr = IO_LIMITEDREADER(net_UnixConn_Reader(net_Conn_UnixConn(serverUp)), 10);
	err = net_splice(tcpFD(serverDown), &lr.r, &written, &handled);
	assert_null(err);
	assert_true(handled);
	assert_int_equal(written, 10);
	assert_int_equal(lr.N, 0);
	err = net_splice(tcpFD(serverDown), net_UnixConn_Reader(net_Conn_UnixConn(serverUp)),
			 &written, &handled);
	assert_null(err);
	assert_true(handled);
	assert_int_equal(written, (int64_t)sizeof(msg) - 1 - 10);
	while (have < sizeof(msg) - 1) {
		assert_null(net_Conn_Read(clientDown, got + have, sizeof(got) - have, &n));
		have += (size_t)n;
	}
	assert_memory_equal(got, msg, sizeof(msg) - 1);
	closeConn(clientUp);
	closeConn(serverUp);
	closeConn(clientDown);
	closeConn(serverDown);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestSplice_noUnixpacket, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestSplice_noUnixgram, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestSpliceUnixToTCP, netTestSetup, netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

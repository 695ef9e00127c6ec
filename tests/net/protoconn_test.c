// C port of go1.19 src/net/protoconn_test.go, TCP, UDP and Unix parts:
// TestTCPListenerSpecificMethods, TestTCPConnSpecificMethods,
// TestUDPConnSpecificMethods, TestUnixListenerSpecificMethods and
// TestUnixConnSpecificMethods (the methods a *TCPListener, *TCPConn,
// *UDPConn, *UnixListener and *UnixConn have beyond Listener and Conn).
// C: TestIPConnSpecificMethods is not ported (gonet has no IPConn).
#include "gotest.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "errortest.h"
#include "localhelpers.h"
#include "net/net_impl.h"
#include "net/udpsock.h"
#include "net/unixsock.h"
#include "socktest_install.h"

static int socketsAtStart;

static int
setup(void **state)
{
	socketsAtStart = testOpenSockets();
	return socktestSetup(state);
}

static int
teardown(void **state)
{
	testUnixAddrCleanup(); // Go: testUnixAddr's t.Cleanup
	return socktestTeardown(state);
}

static void
assertNoLeak(void)
{
	if (!waitGoroutines())
		fail_msg("%d goroutines left (leaked)", runtime_NumGoroutine() - 1);
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

GO_TEST(TestTCPListenerSpecificMethods)
{
	net_TCPAddr la;
	net_TCPListener *ln;
	go_error *err;
	net_Conn *c;
	net_TCPConn *tc;
	int f;

	if ((err = net_ResolveTCPAddr("tcp4", "127.0.0.1:0", &la)) != NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_ListenTCP("tcp4", &la, &ln)) != NULL)
		fail_msg("%s", go_error_Error(err));
	(void)net_TCPListener_Addr(ln);
	go_error_release(
		net_TCPListener_SetDeadline(ln, time_Time_Add(time_Now(), 30 * time_Nanosecond)));

	if ((err = net_TCPListener_Accept(ln, &c)) != NULL) {
		if (!go_error_Timeout(err))
			fail_msg("%s", go_error_Error(err));
		go_error_release(err);
	} else {
		closeConn(c);
	}
	if ((err = net_TCPListener_AcceptTCP(ln, &tc)) != NULL) {
		if (!go_error_Timeout(err))
			fail_msg("%s", go_error_Error(err));
		go_error_release(err);
	} else {
		go_error_release(net_TCPConn_Close(tc));
		net_TCPConn_Free(tc);
	}

	// C: File gives a descriptor (gonet has no os.File).
	if ((err = net_TCPListener_File(ln, &f)) != NULL)
		fail_msg("%s", go_error_Error(err)); // Go: condFatalf(t, "file+net", ...)
	close(f);

	go_error_release(net_TCPListener_Close(ln));
	net_TCPListener_Free(ln);
	assertNoLeak();
}

static runtime_hchan *transponderCh;

static void
transponderHandler(localServer *ls, net_Listener *ln, void *env)
{
	(void)env;
	(void)ln;
	localServer_transponder(ls, ls->Listener, transponderCh);
}

GO_TEST(TestTCPConnSpecificMethods)
{
	net_TCPAddr la, ra;
	net_TCPListener *ln;
	net_TCPConn *c;
	go_error *err;
	ssize_t n;
	char *addr;
	static const char msg[] = "TCPCONN TEST";
	uint8_t rb[128];

	if ((err = net_ResolveTCPAddr("tcp4", "127.0.0.1:0", &la)) != NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_ListenTCP("tcp4", &la, &ln)) != NULL)
		fail_msg("%s", go_error_Error(err));
	transponderCh = runtime_makechan(sizeof(go_error *), 1);
	localServer *ls = streamListener_newLocalServer(net_TCPListener_Listener(ln));
	assert_null(localServer_buildup(ls, transponderHandler, NULL));

	addr = net_Addr_String(net_Listener_Addr(ls->Listener));
	err = net_ResolveTCPAddr("tcp4", addr, &ra);
	free(addr);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_DialTCP("tcp4", NULL, &ra, &c)) != NULL)
		fail_msg("%s", go_error_Error(err));
	go_error_release(net_TCPConn_SetKeepAlive(c, false));
	go_error_release(net_TCPConn_SetKeepAlivePeriod(c, 3 * time_Second));
	go_error_release(net_TCPConn_SetLinger(c, 0));
	go_error_release(net_TCPConn_SetNoDelay(c, false));
	(void)net_TCPConn_LocalAddr(c);
	(void)net_TCPConn_RemoteAddr(c);
	go_error_release(net_TCPConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_TCPConn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_TCPConn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));

	if ((err = net_TCPConn_Write(c, (const uint8_t *)msg, sizeof(msg) - 1, &n)) != NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_TCPConn_Read(c, rb, sizeof(rb), &n)) != NULL)
		fail_msg("%s", go_error_Error(err));

	int errs = 0;
	while (runtime_chanrecv2(transponderCh, &err)) {
		print_error("%s\n", go_error_Error(err));
		go_error_release(err);
		errs++;
	}
	assert_int_equal(errs, 0);

	go_error_release(net_TCPConn_Close(c));
	net_TCPConn_Free(c);
	assert_null(localServer_teardown(ls));
	localServer_free(ls);
	net_TCPListener_Free(ln); // C: the stream listener's owner frees it
	runtime_chanfree(transponderCh);
	assertNoLeak();
}

/* Go: net/protoconn_test.go TestUnixListenerSpecificMethods */
/* Go: net/protoconn_test.go TestUDPConnSpecificMethods */
GO_TEST(TestUDPConnSpecificMethods)
{
	static const uint8_t wb[] = "UDPCONN TEST";
	uint8_t rb[128];
	net_UDPAddr la, from;
	net_UDPConn *c;
	const net_UDPAddr *self;
	go_error *err;
	ssize_t n, oobn;
	int flags, f;

	if ((err = net_ResolveUDPAddr("udp4", "127.0.0.1:0", &la)) != NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_ListenUDP("udp4", &la, &c)) != NULL)
		fail_msg("%s", go_error_Error(err));
	(void)net_UDPConn_LocalAddr(c);
	(void)net_UDPConn_RemoteAddr(c);
	go_error_release(net_UDPConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_UDPConn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_UDPConn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_UDPConn_SetReadBuffer(c, 2048));
	go_error_release(net_UDPConn_SetWriteBuffer(c, 2048));

	// Go: c.LocalAddr().(*UDPAddr)
	self = (const net_UDPAddr *)net_UDPConn_LocalAddr(c);
	assert_ptr_equal(self->addr.m, &net_UDPAddr_methods);
	if ((err = net_UDPConn_WriteToUDP(c, wb, sizeof(wb) - 1, self, &n)) != NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_UDPConn_ReadFromUDP(c, rb, sizeof(rb), &n, &from)) != NULL)
		fail_msg("%s", go_error_Error(err));
	// Go: condFatalf, which is t.Fatalf on Linux.
	if ((err = net_UDPConn_WriteMsgUDP(c, wb, sizeof(wb) - 1, NULL, 0, self, &n, &oobn)) !=
	    NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_UDPConn_ReadMsgUDP(c, rb, sizeof(rb), NULL, 0, &n, &oobn, &flags, &from)) !=
	    NULL)
		fail_msg("%s", go_error_Error(err));

	// C: File gives a descriptor (gonet has no os.File).
	if ((err = net_UDPConn_File(c, &f)) != NULL)
		fail_msg("%s", go_error_Error(err)); // Go: condFatalf(t, "file+net", ...)
	close(f);

	// Go: these must not panic (a recover fails the test). C: nor crash;
	// their errors are dropped, as Go drops them.
	go_error_release(net_UDPConn_WriteToUDP(c, wb, sizeof(wb) - 1, NULL, &n));
	go_error_release(net_UDPConn_WriteMsgUDP(c, wb, sizeof(wb) - 1, NULL, 0, NULL, &n, &oobn));

	go_error_release(net_UDPConn_Close(c)); // Go: defer c.Close()
	net_UDPConn_Free(c);
	assertNoLeak();
}

GO_TEST(TestUnixListenerSpecificMethods)
{
	const char *addr;
	net_UnixAddr la;
	net_UnixListener *ln;
	net_UnixConn *uc;
	net_Conn *c;
	go_error *err;
	int f;

	if (!testableNetwork("unix"))
		GO_SKIP(); // unix test

	addr = testUnixAddr();
	if ((err = net_ResolveUnixAddr("unix", addr, &la)) != NULL)
		fail_msg("%s", go_error_Error(err));
	if ((err = net_ListenUnix("unix", &la, &ln)) != NULL)
		fail_msg("%s", go_error_Error(err));
	(void)net_UnixListener_Addr(ln);
	go_error_release(
		net_UnixListener_SetDeadline(ln, time_Time_Add(time_Now(), 30 * time_Nanosecond)));

	if ((err = net_UnixListener_Accept(ln, &c)) != NULL) {
		if (!go_error_Timeout(err))
			fail_msg("%s", go_error_Error(err));
		go_error_release(err);
	} else {
		closeConn(c);
	}
	if ((err = net_UnixListener_AcceptUnix(ln, &uc)) != NULL) {
		if (!go_error_Timeout(err))
			fail_msg("%s", go_error_Error(err));
		go_error_release(err);
	} else {
		go_error_release(net_UnixConn_Close(uc));
		net_UnixConn_Free(uc);
	}

	// C: File gives a descriptor (gonet has no os.File).
	if ((err = net_UnixListener_File(ln, &f)) != NULL)
		fail_msg("%s", go_error_Error(err));
	close(f);

	// Go: the deferred os.Remove(addr) and ln.Close().
	unlink(addr);
	go_error_release(net_UnixListener_Close(ln));
	net_UnixListener_Free(ln);
	assertNoLeak();
}

// Go: the setup each of TestUnixConnSpecificMethods' three conns gets.
static void
unixConnMethods(net_UnixConn *c)
{
	(void)net_UnixConn_LocalAddr(c);
	(void)net_UnixConn_RemoteAddr(c);
	go_error_release(net_UnixConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_UnixConn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_UnixConn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_UnixConn_SetReadBuffer(c, 2048));
	go_error_release(net_UnixConn_SetWriteBuffer(c, 2048));
}

static void
fatalIf(go_error *err)
{
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
}

// C: the addresses ReadMsgUnix and ReadFromUnix return are the caller's.
static void
freeUnixAddr(net_UnixAddr *a)
{
	if (a != NULL)
		net_Addr_free(&a->addr);
}

/* Go: net/protoconn_test.go TestUnixConnSpecificMethods */
GO_TEST(TestUnixConnSpecificMethods)
{
	static const uint8_t wb[] = "UNIXCONN TEST";
	const char *addr1, *addr2, *addr3;
	net_UnixAddr a1, a2, a3, *from;
	net_UnixConn *c1, *c2, *c3;
	uint8_t rb1[128], rb2[128], rb3[128];
	ssize_t n, oobn;
	int flags, f;

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // unixgram test

	addr1 = testUnixAddr();
	addr2 = testUnixAddr();
	addr3 = testUnixAddr();

	fatalIf(net_ResolveUnixAddr("unixgram", addr1, &a1));
	fatalIf(net_DialUnix("unixgram", &a1, NULL, &c1));
	unixConnMethods(c1);

	fatalIf(net_ResolveUnixAddr("unixgram", addr2, &a2));
	fatalIf(net_DialUnix("unixgram", &a2, NULL, &c2));
	unixConnMethods(c2);

	fatalIf(net_ResolveUnixAddr("unixgram", addr3, &a3));
	fatalIf(net_ListenUnixgram("unixgram", &a3, &c3));
	unixConnMethods(c3);

	fatalIf(net_UnixConn_WriteMsgUnix(c1, wb, sizeof(wb) - 1, NULL, 0, &a2, &n, &oobn));
	fatalIf(net_UnixConn_ReadMsgUnix(c2, rb2, sizeof(rb2), NULL, 0, &n, &oobn, &flags, &from));
	freeUnixAddr(from);
	fatalIf(net_UnixConn_WriteToUnix(c2, wb, sizeof(wb) - 1, &a1, &n));
	fatalIf(net_UnixConn_ReadFromUnix(c1, rb1, sizeof(rb1), &n, &from));
	freeUnixAddr(from);
	fatalIf(net_UnixConn_WriteToUnix(c3, wb, sizeof(wb) - 1, &a1, &n));
	fatalIf(net_UnixConn_ReadFromUnix(c1, rb1, sizeof(rb1), &n, &from));
	freeUnixAddr(from);
	fatalIf(net_UnixConn_WriteToUnix(c2, wb, sizeof(wb) - 1, &a3, &n));
	fatalIf(net_UnixConn_ReadFromUnix(c3, rb3, sizeof(rb3), &n, &from));
	freeUnixAddr(from);

	// C: File gives a descriptor (gonet has no os.File).
	fatalIf(net_UnixConn_File(c1, &f));
	close(f);

	// Go: these must not panic (a recover fails the test). C: nor crash;
	// their errors are dropped, as Go drops them.
	go_error_release(net_UnixConn_WriteToUnix(c1, wb, sizeof(wb) - 1, NULL, &n));
	go_error_release(
		net_UnixConn_WriteMsgUnix(c1, wb, sizeof(wb) - 1, NULL, 0, NULL, &n, &oobn));
	go_error_release(net_UnixConn_WriteToUnix(c3, wb, sizeof(wb) - 1, NULL, &n));
	go_error_release(
		net_UnixConn_WriteMsgUnix(c3, wb, sizeof(wb) - 1, NULL, 0, NULL, &n, &oobn));

	// Go: the deferred os.Remove and Close calls, last first.
	unlink(addr3);
	go_error_release(net_UnixConn_Close(c3));
	net_UnixConn_Free(c3);
	unlink(addr2);
	go_error_release(net_UnixConn_Close(c2));
	net_UnixConn_Free(c2);
	unlink(addr1);
	go_error_release(net_UnixConn_Close(c1));
	net_UnixConn_Free(c1);
	assertNoLeak();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestTCPListenerSpecificMethods, setup, teardown),
	cmocka_unit_test_setup_teardown(TestTCPConnSpecificMethods, setup, teardown),
	cmocka_unit_test_setup_teardown(TestUDPConnSpecificMethods, setup, teardown),
	cmocka_unit_test_setup_teardown(TestUnixListenerSpecificMethods, setup, teardown),
	cmocka_unit_test_setup_teardown(TestUnixConnSpecificMethods, setup, teardown),
};

GONET_TEST_MAIN(tests)

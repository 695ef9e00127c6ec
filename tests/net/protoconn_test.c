// C port of go1.19 src/net/protoconn_test.go, TCP part:
// TestTCPListenerSpecificMethods and TestTCPConnSpecificMethods (the
// methods a *TCPListener and a *TCPConn have beyond Listener and Conn).
#include "gotest.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "errortest.h"
#include "localhelpers.h"
#include "net/net_impl.h"
#include "socktest_install.h"

static int socketsAtStart;

static int
setup(void **state)
{
	socketsAtStart = testOpenSockets();
	return socktestSetup(state);
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

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestTCPListenerSpecificMethods, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestTCPConnSpecificMethods, setup, socktestTeardown),
};

GONET_TEST_MAIN(tests)

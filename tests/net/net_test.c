// C port of go1.19 src/net/net_test.go (the TCP, UDP and Unix rows). C: Go's deferred
// os.Remove calls of the Unix rows are left to testUnixAddr's cleanup,
// which removes the directories the names are in.
#include "gotest.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context/context.h"
#include "io/io.h"
#include "mockserver.h"
#include "net/dial.h"
#include "net/net.h"
#include "net/tcpsock.h"
#include "net/unixsock.h"
#include "runtime_netpoll/runtime.h"
#include "socktest_install.h"
#include "time/time.h"

// The networks of Go's tables that gonet has.
static const char *const streamNetworks[] = {"tcp", "unix", "unixpacket"};

// Go: switch c := c.(type) { case *TCPConn: c.CloseRead() case *UnixConn: ... }
static go_error *
closeRead(net_Conn *c)
{
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_CloseRead(net_Conn_TCPConn(c));
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_CloseRead(net_Conn_UnixConn(c));
	return NULL;
}

// Go: likewise for CloseWrite.
static go_error *
closeWrite(net_Conn *c)
{
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_CloseWrite(net_Conn_TCPConn(c));
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_CloseWrite(net_Conn_UnixConn(c));
	return NULL;
}

static net_Conn *
dialListener(net_Listener *ln)
{
	char *addr = net_Addr_String(net_Listener_Addr(ln));
	net_Conn *c;
	go_error *err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)), addr, &c);

	free(addr);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	return c;
}

static void
closeAndFreeConn(net_Conn *c)
{
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
}

static void
closeAndFreeListener(net_Listener *ln)
{
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);
}

/* Go: net/net_test.go TestCloseRead */
GO_TEST(TestCloseRead)
{
	for (size_t i = 0; i < nelem(streamNetworks); i++) {
		net_Listener *ln;
		net_Conn *c;
		uint8_t b[1];
		ssize_t n;
		go_error *err;

		if (!testableNetwork(streamNetworks[i]))
			continue;
		ln = newLocalListener(streamNetworks[i], NULL);
		c = dialListener(ln);
		err = closeRead(c);
		if (err != NULL)
			fail_msg("%s: %s", streamNetworks[i], go_error_Error(err));
		err = net_Conn_Read(c, b, 1, &n);
		assert_int_equal(n, 0);
		assert_non_null(err);
		go_error_release(err);
		closeAndFreeConn(c);      // C: defer c.Close()
		closeAndFreeListener(ln); // C: defer ln.Close()
	}
}

// Failures of the server goroutine of TestCloseWrite (Go: t.Error).
static char handlerFailure[256];

static void
closeWriteHandler(localServer *ls, net_Listener *ln, void *env)
{
	net_Conn *c;
	uint8_t b[1] = {0};
	ssize_t n;
	go_error *err;

	(void)ls;
	(void)env;
	if ((err = net_Listener_Accept(ln, &c)) != NULL) {
		snprintf(handlerFailure, sizeof(handlerFailure), "%s", go_error_Error(err));
		go_error_release(err);
		return;
	}
	err = net_Conn_Read(c, b, 1, &n);
	if (n != 0 || err != io_EOF) {
		snprintf(handlerFailure, sizeof(handlerFailure), "got (%zd, %s); want (0, io.EOF)",
			 n, err != NULL ? go_error_Error(err) : "<nil>");
		go_error_release(err);
		goto out;
	}
	if ((err = closeWrite(c)) != NULL) {
		snprintf(handlerFailure, sizeof(handlerFailure), "%s", go_error_Error(err));
		go_error_release(err);
		goto out;
	}
	err = net_Conn_Write(c, b, 1, &n);
	if (err == NULL)
		snprintf(handlerFailure, sizeof(handlerFailure),
			 "got (%zd, <nil>); want (any, error)", n);
	go_error_release(err);
out:
	closeAndFreeConn(c); // C: defer c.Close()
}

/* Go: net/net_test.go TestCloseWrite */
GO_TEST(TestCloseWrite)
{
	for (size_t i = 0; i < nelem(streamNetworks); i++) {
		localServer *ls;
		net_Conn *c;
		uint8_t b[1] = {0};
		ssize_t n;
		go_error *err;

		if (!testableNetwork(streamNetworks[i]))
			continue;
		handlerFailure[0] = '\0';
		ls = newLocalServer(streamNetworks[i]);
		assert_null(localServer_buildup(ls, closeWriteHandler, NULL));
		c = dialListener(ls->Listener);
		if ((err = closeWrite(c)) != NULL)
			fail_msg("%s: %s", streamNetworks[i], go_error_Error(err));
		err = net_Conn_Read(c, b, 1, &n);
		assert_int_equal(n, 0);
		assert_ptr_equal(err, io_EOF);
		err = net_Conn_Write(c, b, 1, &n);
		assert_non_null(err);
		go_error_release(err);
		closeAndFreeConn(c); // C: defer c.Close()
		assert_null(localServer_teardown(ls));
		localServer_free(ls);
		assert_string_equal(handlerFailure, "");
	}
}

/* Go: net/net_test.go TestConnClose */
GO_TEST(TestConnClose)
{
	for (size_t i = 0; i < nelem(streamNetworks); i++) {
		net_Listener *ln;
		net_Conn *c;
		uint8_t b[1];
		ssize_t n;
		go_error *err;
		char *la, *ra, want[256];

		if (!testableNetwork(streamNetworks[i]))
			continue;
		ln = newLocalListener(streamNetworks[i], NULL);
		c = dialListener(ln);
		assert_null(net_Conn_Close(c));
		err = net_Conn_Read(c, b, 1, &n);
		assert_int_equal(n, 0);
		assert_non_null(err);
		// C: and it is Go's error: an *OpError wrapping ErrClosed.
		assert_true(errors_Is(err, net_ErrClosed));
		la = net_Addr_String(net_Conn_LocalAddr(c));
		ra = net_Addr_String(net_Conn_RemoteAddr(c));
		snprintf(want, sizeof(want), "read %s %s->%s: use of closed network connection",
			 streamNetworks[i], la, ra);
		assert_error_text(err, want);
		free(la);
		free(ra);
		go_error_release(err);
		closeAndFreeConn(c);
		closeAndFreeListener(ln);
	}
}

/* Go: net/net_test.go TestListenerClose */
GO_TEST(TestListenerClose)
{
	for (size_t i = 0; i < nelem(streamNetworks); i++) {
		net_Listener *ln;
		net_Conn *c;
		go_error *err;

		if (!testableNetwork(streamNetworks[i]))
			continue;
		ln = newLocalListener(streamNetworks[i], NULL);
		assert_null(net_Listener_Close(ln));
		err = net_Listener_Accept(ln, &c);
		if (err == NULL) {
			closeAndFreeConn(c);
			fail_msg("should fail");
		}
		assert_true(errors_Is(err, net_ErrClosed));
		go_error_release(err);
		net_Listener_Free(ln);
	}
}

/* Go: net/net_test.go TestPacketConnClose */
GO_TEST(TestPacketConnClose)
{
	static const char *const networks[] = {"udp", "unixgram"};

	for (size_t i = 0; i < nelem(networks); i++) {
		net_PacketConn *c;
		net_Addr *from = NULL;
		uint8_t b[1];
		ssize_t n = 0;
		go_error *err;

		if (!testableNetwork(networks[i]))
			continue;
		c = newLocalPacketListener(networks[i], NULL);
		if ((err = net_PacketConn_Close(c)) != NULL)
			fail_msg("%s", go_error_Error(err));
		err = net_PacketConn_ReadFrom(c, b, sizeof(b), &n, &from);
		if (n != 0 || err == NULL)
			fail_msg("got (%zd, %s); want (0, error)", n,
				 err != NULL ? go_error_Error(err) : "<nil>");
		net_Addr_free(from);
		go_error_release(err);
		net_PacketConn_Free(c); // C: after Go's deferred c.Close()
	}
}

/* Go: net/net_test.go TestListenCloseListen */
GO_TEST(TestListenCloseListen)
{
	enum { maxTries = 10 };

	for (int tries = 0; tries < maxTries; tries++) {
		net_Listener *ln = newLocalListener("tcp", NULL);
		char *addr = net_Addr_String(net_Listener_Addr(ln));
		go_error *err;

		assert_null(net_Listener_Close(ln));
		net_Listener_Free(ln);
		err = net_Listen("tcp", addr, &ln);
		free(addr);
		if (err == NULL) {
			closeAndFreeListener(ln);
			return;
		}
		print_error("failed on try %d/%d: %s\n", tries + 1, maxTries, go_error_Error(err));
		go_error_release(err);
	}
	fail_msg("failed to listen/close/listen on same address after %d tries", maxTries);
}

// TestAcceptIgnoreAbortedConnRequest's filter: the first accept fails with
// each of abortedConnRequestErrors (ECONNABORTED on Unix).
static _Atomic int abortedLeft;

static go_error *
abortFirstAccept(socktest_Status *so, socktest_AfterFilter *af)
{
	(void)so;
	*af = NULL;
	if (atomic_fetch_sub(&abortedLeft, 1) > 0)
		return syscall_ECONNABORTED;
	return NULL;
}

static void
acceptOnceHandler(localServer *ls, net_Listener *ln, void *env)
{
	runtime_hchan *operr = env;
	net_Conn *c;
	go_error *err;

	(void)ls;
	if ((err = net_Listener_Accept(ln, &c)) != NULL)
		runtime_chansend1(operr, &err);
	else
		closeAndFreeConn(c);
	runtime_closechan(operr); // C: defer close(operr)
}

/* Go: net/net_test.go TestAcceptIgnoreAbortedConnRequest */
GO_TEST(TestAcceptIgnoreAbortedConnRequest)
{
	runtime_hchan *operr = runtime_makechan(sizeof(go_error *), 1);
	localServer *ls;
	net_Conn *c;
	go_error *err;

	atomic_store(&abortedLeft, 1);
	socktest_Switch_Set(&sw, socktest_FilterAccept, abortFirstAccept);
	ls = newLocalServer("tcp");
	assert_null(localServer_buildup(ls, acceptOnceHandler, operr));
	c = dialListener(ls->Listener);
	closeAndFreeConn(c);
	while (runtime_chanrecv2(operr, &err)) {
		print_error("%s\n", go_error_Error(err));
		go_error_release(err);
		fail();
	}
	assert_null(localServer_teardown(ls));
	localServer_free(ls);
	runtime_chanfree(operr);
	socktest_Switch_Set(&sw, socktest_FilterAccept, NULL); // C: defer sw.Set(..., nil)
}

typedef struct zeroByteAccept {
	net_Listener *ln;
	runtime_hchan *connc;
} zeroByteAccept;

static void
zeroByteAcceptor(void *arg)
{
	zeroByteAccept *a = arg;
	net_Conn *c = NULL;
	go_error *err;

	if ((err = net_Listener_Accept(a->ln, &c)) != NULL)
		go_error_release(err);
	go_error_release(net_Listener_Close(a->ln)); // C: defer ln.Close()
	runtime_chansend1(a->connc, &c);             // might be NULL
}

/* Go: net/net_test.go TestZeroByteRead */
GO_TEST(TestZeroByteRead)
{
	for (size_t i = 0; i < nelem(streamNetworks); i++) {
		zeroByteAccept a;
		net_Conn *c, *sc;
		ssize_t n;
		go_error *err;
		char *addr;

		if (!testableNetwork(streamNetworks[i]))
			continue;
		a.ln = newLocalListener(streamNetworks[i], NULL);
		a.connc = runtime_makechan(sizeof(net_Conn *), 1);
		go(zeroByteAcceptor, &a);
		addr = net_Addr_String(net_Listener_Addr(a.ln));
		err = net_Dial(streamNetworks[i], addr, &c);
		free(addr);
		assert_null(err);
		runtime_chanrecv1(a.connc, &sc);
		net_Listener_Free(a.ln);
		runtime_chanfree(a.connc);
		assert_non_null(sc);

		err = net_Conn_Read(c, NULL, 0, &n);
		assert_int_equal(n, 0);
		assert_null(err);
		err = net_Conn_Read(sc, NULL, 0, &n);
		assert_int_equal(n, 0);
		assert_null(err);
		closeAndFreeConn(sc);
		closeAndFreeConn(c);
	}
}

typedef struct readTimeoutEnv {
	runtime_hchan *serverDone; // chan struct{}
} readTimeoutEnv;

static void
pastDeadline(void *arg)
{
	time_Sleep(100 * time_Millisecond);
	go_error_release(net_TCPConn_SetReadDeadline(arg, time_Unix(123, 0))); // in the past
}

typedef struct blockedRead {
	net_TCPConn *cs;
	runtime_hchan *errc;
} blockedRead;

static void
readUntilDeadline(void *arg)
{
	blockedRead *b = arg;
	uint8_t buf[1];
	ssize_t n;
	go_error *err;

	go(pastDeadline, b->cs);
	err = net_TCPConn_Read(b->cs, buf, 1, &n);
	if (n != 0 || err == NULL) {
		go_error *e = errors_Newf("Read = %zd, %s; want 0, non-nil", n,
					  err != NULL ? go_error_Error(err) : "<nil>");
		runtime_chansend1(b->errc, &e);
	}
	go_error_release(err);
	runtime_closechan(b->errc); // C: defer close(errc)
}

static go_error *
readTimeoutServer(net_TCPConn *cs, void *env)
{
	readTimeoutEnv *e = env;
	blockedRead b = {cs, runtime_makechan(sizeof(go_error *), 1)};
	runtime_hchan *timeout = time_After(5 * time_Second * testTimeScale());
	go_error *err = NULL;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, b.errc, &err},
		{runtime_selectRecv, timeout, NULL},
	};

	go(readUntilDeadline, &b);
	if (runtime_select(cases, 2, true, NULL) == 1) {
		err = errors_New("timeout waiting for Read to finish");
		// C: the reader still uses b; wait for it before returning.
		runtime_chanrecv1(b.errc, NULL);
	}
	// C: make sure the reader has closed errc (it may have sent first).
	while (runtime_chanrecv2(b.errc, NULL))
		;
	time_After_Free(timeout);
	runtime_chanfree(b.errc);
	// C: pastDeadline may still run: let it finish before cs goes away.
	time_Sleep(200 * time_Millisecond);
	runtime_closechan(e->serverDone); // C: defer close(serverDone)
	return err;
}

static go_error *
readTimeoutClient(net_TCPConn *c, void *env)
{
	readTimeoutEnv *e = env;

	(void)c;
	runtime_chanrecv1(e->serverDone, NULL);
	return NULL;
}

/* Go: net/net_test.go TestReadTimeoutUnblocksRead */
GO_TEST(TestReadTimeoutUnblocksRead)
{
	readTimeoutEnv e = {runtime_makechan(0, 0)};

	withTCPConnPair(readTimeoutClient, readTimeoutServer, &e);
	runtime_chanfree(e.serverDone);
}

static go_error *
closeUnblocksServer(net_TCPConn *cs, void *env)
{
	(void)env;
	time_Sleep(20 * time_Millisecond);
	go_error_release(net_TCPConn_Close(cs));
	return NULL;
}

static go_error *
closeUnblocksClient(net_TCPConn *ss, void *env)
{
	uint8_t b[1] = {0};
	ssize_t n;
	go_error *err;

	(void)env;
	err = net_TCPConn_Read(ss, b, 1, &n);
	if (n != 0 || err != io_EOF) {
		go_error *e = errors_Newf("Read = %zd, %s; want 0, EOF", n,
					  err != NULL ? go_error_Error(err) : "<nil>");
		go_error_release(err);
		return e;
	}
	return NULL;
}

/* Go: net/net_test.go TestCloseUnblocksRead */
GO_TEST(TestCloseUnblocksRead)
{
	withTCPConnPair(closeUnblocksClient, closeUnblocksServer, NULL);
}

typedef struct notTemporary {
	net_Listener *ln;
	runtime_hchan *serverDone;
	runtime_hchan *dialed;
} notTemporary;

static void
abortiveServer(void *arg)
{
	notTemporary *s = arg;
	net_Conn *cs;
	go_error *err;

	if ((err = net_Listener_Accept(s->ln, &cs)) != NULL) {
		go_error_release(err);
		goto out;
	}
	runtime_chanrecv1(s->dialed, NULL);
	go_error_release(net_TCPConn_SetLinger(net_Conn_TCPConn(cs), 0));
	closeAndFreeConn(cs);
out:
	runtime_closechan(s->serverDone); // C: defer close(serverDone)
}

/* Go: net/net_test.go TestNotTemporaryRead */
GO_TEST(TestNotTemporaryRead)
{
	notTemporary s;
	net_Conn *ss;
	uint8_t b[1] = {0};
	ssize_t n;
	char *addr;
	go_error *err, *rerr;

	s.ln = newLocalListener("tcp", NULL);
	s.serverDone = runtime_makechan(0, 0);
	s.dialed = runtime_makechan(0, 0);
	go(abortiveServer, &s);

	addr = net_Addr_String(net_Listener_Addr(s.ln));
	err = net_Dial("tcp", addr, &ss);
	free(addr);
	runtime_closechan(s.dialed);
	assert_null(err);

	rerr = net_Conn_Read(ss, b, 1, &n);
	closeAndFreeConn(ss); // C: defer ss.Close()
	// C: the deferred ln.Close(); <-serverDone.
	go_error_release(net_Listener_Close(s.ln));
	runtime_chanrecv1(s.serverDone, NULL);
	net_Listener_Free(s.ln);
	runtime_chanfree(s.serverDone);
	runtime_chanfree(s.dialed);

	assert_non_null(rerr);
	assert_ptr_not_equal(rerr, io_EOF);
	// Go: ne, ok := err.(Error): every net error has Timeout and Temporary.
	assert_non_null(rerr->m->Temporary);
	assert_false(go_error_Temporary(rerr));
	go_error_release(rerr);
}

static bool
isNetError(const go_error_methods *m)
{
	return m->Timeout != NULL && m->Temporary != NULL;
}

/* Go: net/net_test.go TestErrors */
// Go checks at compile time that these types implement net.Error (both
// Timeout and Temporary); C checks their method tables.
static void
TestErrors(void **state)
{
	(void)state;
	assert_true(isNetError(&net_OpError_methods));
	assert_true(isNetError(&net_ParseError_methods));
	assert_true(isNetError(&net_AddrError_methods));
	assert_true(isNetError(&net_UnknownNetworkError_methods));
	assert_true(isNetError(&net_InvalidAddrError_methods));
	assert_true(isNetError(&net_timeoutError_methods));
	assert_true(isNetError(&net_DNSConfigError_methods));
	assert_true(isNetError(&net_DNSError_methods));
	assert_true(isNetError(net_ErrClosed->m));
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestCloseRead, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestCloseWrite, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestConnClose, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestListenerClose, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestPacketConnClose, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestListenCloseListen, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestAcceptIgnoreAbortedConnRequest, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestZeroByteRead, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestReadTimeoutUnblocksRead, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestCloseUnblocksRead, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestNotTemporaryRead, netTestSetup,
						netTestTeardown),
		cmocka_unit_test(TestErrors),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

// C port of go1.19 src/net/server_test.go: TestTCPServer,
// TestUnixAndUnixpacketServer, TestUDPServer and TestUnixgramServer.
#include "gotest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errortest.h"
#include "mockserver.h"
#include "net/dial.h"
#include "net/ipsock.h"
#include "net/udpsock.h"
#include "sync/sync.h"

static const struct {
	const char *snet, *saddr; // server endpoint
	const char *tnet, *taddr; // target endpoint for client
} tcpServerTests[] = {
	{"tcp", ":0", "tcp", "127.0.0.1"},
	{"tcp", "0.0.0.0:0", "tcp", "127.0.0.1"},
	{"tcp", "[::ffff:0.0.0.0]:0", "tcp", "127.0.0.1"},
	{"tcp", "[::]:0", "tcp", "::1"},

	{"tcp", ":0", "tcp", "::1"},
	{"tcp", "0.0.0.0:0", "tcp", "::1"},
	{"tcp", "[::ffff:0.0.0.0]:0", "tcp", "::1"},
	{"tcp", "[::]:0", "tcp", "127.0.0.1"},

	{"tcp", ":0", "tcp4", "127.0.0.1"},
	{"tcp", "0.0.0.0:0", "tcp4", "127.0.0.1"},
	{"tcp", "[::ffff:0.0.0.0]:0", "tcp4", "127.0.0.1"},
	{"tcp", "[::]:0", "tcp6", "::1"},

	{"tcp", ":0", "tcp6", "::1"},
	{"tcp", "0.0.0.0:0", "tcp6", "::1"},
	{"tcp", "[::ffff:0.0.0.0]:0", "tcp6", "::1"},
	{"tcp", "[::]:0", "tcp4", "127.0.0.1"},

	{"tcp", "127.0.0.1:0", "tcp", "127.0.0.1"},
	{"tcp", "[::ffff:127.0.0.1]:0", "tcp", "127.0.0.1"},
	{"tcp", "[::1]:0", "tcp", "::1"},

	{"tcp4", ":0", "tcp4", "127.0.0.1"},
	{"tcp4", "0.0.0.0:0", "tcp4", "127.0.0.1"},
	{"tcp4", "[::ffff:0.0.0.0]:0", "tcp4", "127.0.0.1"},

	{"tcp4", "127.0.0.1:0", "tcp4", "127.0.0.1"},

	{"tcp6", ":0", "tcp6", "::1"},
	{"tcp6", "[::]:0", "tcp6", "::1"},

	{"tcp6", "[::1]:0", "tcp6", "::1"},
};

static void
transponderHandler(localServer *ls, net_Listener *ln, void *env)
{
	localServer_transponder(ls, ln, env);
}

typedef struct transceiverArgs {
	net_Conn *c;
	runtime_hchan *ch;
	sync_WaitGroup *wg; // C: Done when the goroutine is through with ch (NULL: none)
} transceiverArgs;

static void
runTransceiver(void *arg)
{
	static const uint8_t msg[] = "TCP SERVER TEST";
	transceiverArgs *a = arg;

	transceiver(a->c, msg, sizeof(msg) - 1, a->ch);
}

static void
runUnixTransceiver(void *arg)
{
	static const uint8_t msg[] = "UNIX AND UNIXPACKET SERVER TEST";
	transceiverArgs *a = arg;

	transceiver(a->c, msg, sizeof(msg) - 1, a->ch);
	sync_WaitGroup_Done(a->wg);
}

// Receives every error of ch until it is closed; returns how many.
static int
drain(runtime_hchan *ch, size_t i)
{
	go_error *err;
	int n = 0;

	while (runtime_chanrecv2(ch, &err)) {
		print_error("#%zu: %s\n", i, go_error_Error(err));
		go_error_release(err);
		n++;
	}
	return n;
}

/* Go: net/server_test.go TestTCPServer */
GO_TEST(TestTCPServer)
{
	enum { N = 3 };
	int failures = 0;

	for (size_t i = 0; i < nelem(tcpServerTests); i++) {
		const char *snet = tcpServerTests[i].snet, *saddr = tcpServerTests[i].saddr;
		const char *tnet = tcpServerTests[i].tnet, *taddr = tcpServerTests[i].taddr;
		localServer *lss[N];
		runtime_hchan *tpchs[N], *trchs[N];
		transceiverArgs targs[N];
		net_Conn *cs[N];
		net_Listener *ln;
		go_error *err;

		if (!testableListenArgs(snet, saddr, taddr)) {
			print_message("%s %s<-%s: not testable\n", snet, saddr, taddr);
			continue;
		}
		if ((err = net_Listen(snet, saddr, &ln)) != NULL)
			fail_msg("%s", go_error_Error(err));

		for (int j = 0; j < N; j++) {
			lss[j] = streamListener_newLocalServer(ln);
			tpchs[j] = runtime_makechan(sizeof(go_error *), 1);
		}
		for (int j = 0; j < N; j++)
			assert_null(localServer_buildup(lss[j], transponderHandler, tpchs[j]));

		for (int j = 0; j < N; j++) {
			char *host, *port, *addr;
			net_Dialer d = {.Timeout = someTimeout};

			addr = net_Addr_String(net_Listener_Addr(lss[j]->Listener));
			assert_null(net_SplitHostPort(addr, &host, &port));
			free(addr);
			free(host);
			addr = net_JoinHostPort(taddr, port);
			free(port);
			err = net_Dialer_Dial(&d, tnet, addr, &cs[j]);
			free(addr);
			if (err != NULL)
				fail_msg("%s", go_error_Error(err));
			trchs[j] = runtime_makechan(sizeof(go_error *), 1);
			targs[j] = (transceiverArgs){cs[j], trchs[j], NULL};
			go(runTransceiver, &targs[j]);
		}

		for (int j = 0; j < N; j++)
			failures += drain(trchs[j], i);
		for (int j = 0; j < N; j++)
			failures += drain(tpchs[j], i);

		// C: the deferred c.Close() and ls.teardown() calls, then the
		// frees (the listener is shared: teardown closes it, we free it).
		for (int j = N - 1; j >= 0; j--) {
			go_error_release(net_Conn_Close(cs[j]));
			net_Conn_Free(cs[j]);
			runtime_chanfree(trchs[j]);
		}
		for (int j = 0; j < N; j++) {
			go_error_release(localServer_teardown(lss[j]));
			localServer_free(lss[j]);
			runtime_chanfree(tpchs[j]);
		}
		net_Listener_Free(ln);
	}
	assert_int_equal(failures, 0);
}

/* Go: net/server_test.go TestUnixAndUnixpacketServer */
GO_TEST(TestUnixAndUnixpacketServer)
{
	const struct {
		const char *network, *address;
	} unixAndUnixpacketServerTests[] = {
		{"unix", testUnixAddr()},
		{"unix", "@nettest/go/unix"},

		{"unixpacket", testUnixAddr()},
		{"unixpacket", "@nettest/go/unixpacket"},
	};
	enum { N = 3 };
	int failures = 0;

	for (size_t i = 0; i < nelem(unixAndUnixpacketServerTests); i++) {
		const char *network = unixAndUnixpacketServerTests[i].network;
		const char *address = unixAndUnixpacketServerTests[i].address;
		localServer *lss[N];
		runtime_hchan *tpchs[N], *trchs[N];
		transceiverArgs targs[N];
		sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
		net_Conn *cs[N];
		net_Listener *ln;
		go_error *err, *perr;

		if (!testableListenArgs(network, address, "")) {
			print_message("skipping %s %s test\n", network, address);
			continue;
		}

		if ((err = net_Listen(network, address, &ln)) != NULL) {
			if ((perr = parseDialError(err)) != NULL)
				print_error("%s\n", go_error_Error(perr));
			fail_msg("%s", go_error_Error(err));
		}

		for (int j = 0; j < N; j++) {
			lss[j] = streamListener_newLocalServer(ln);
			tpchs[j] = runtime_makechan(sizeof(go_error *), 1);
		}
		for (int j = 0; j < N; j++)
			assert_null(localServer_buildup(lss[j], transponderHandler, tpchs[j]));

		for (int j = 0; j < N; j++) {
			net_Dialer d = {.Timeout = someTimeout};
			const net_Addr *la = net_Listener_Addr(lss[j]->Listener);
			char *addr = net_Addr_String(la);

			err = net_Dialer_Dial(&d, net_Addr_Network(la), addr, &cs[j]);
			if (err != NULL) {
				if ((perr = parseDialError(err)) != NULL)
					print_error("%s\n", go_error_Error(perr));
				fail_msg("%s", go_error_Error(err));
			}
			if (net_Conn_LocalAddr(cs[j]) != NULL) {
				char *local = net_Addr_String(net_Conn_LocalAddr(cs[j]));

				print_message("connected %s->%s\n", local, addr);
				free(local);
			}
			free(addr);

			trchs[j] = runtime_makechan(sizeof(go_error *), 1);
			targs[j] = (transceiverArgs){cs[j], trchs[j], &wg};
			sync_WaitGroup_Add(&wg, 1);
			go(runUnixTransceiver, &targs[j]);
		}

		for (int j = 0; j < N; j++)
			failures += drain(trchs[j], i);
		for (int j = 0; j < N; j++)
			failures += drain(tpchs[j], i);
		sync_WaitGroup_Wait(&wg); // C: before the channels are freed

		// C: the deferred c.Close() and ls.teardown() calls (Go runs them
		// when the test returns; here at the end of each round), then the
		// frees (the listener is shared: teardown closes it, we free it).
		for (int j = N - 1; j >= 0; j--) {
			go_error_release(net_Conn_Close(cs[j]));
			net_Conn_Free(cs[j]);
			runtime_chanfree(trchs[j]);
		}
		for (int j = 0; j < N; j++) {
			go_error_release(localServer_teardown(lss[j]));
			localServer_free(lss[j]);
			runtime_chanfree(tpchs[j]);
		}
		net_Listener_Free(ln);
	}
	assert_int_equal(failures, 0);
}

typedef struct packetTransponderArgs {
	runtime_hchan *ch;
	sync_WaitGroup *wg; // C: Done once the handler is through with ch
} packetTransponderArgs;

static void
packetTransponderHandler(localPacketServer *ls, net_PacketConn *c, void *env)
{
	packetTransponderArgs *a = env;

	(void)ls;
	packetTransponder(c, a->ch);
	sync_WaitGroup_Done(a->wg);
}

typedef struct packetTransceiverArgs {
	net_PacketConn *pc; // the PacketConn form, or
	net_Conn *c;        // the Conn form (Dial)
	const uint8_t *wb;
	size_t len;
	const net_Addr *dst;
	runtime_hchan *ch;
	sync_WaitGroup *wg;
} packetTransceiverArgs;

static void
runPacketTransceiver(void *arg)
{
	packetTransceiverArgs *a = arg;

	if (a->c != NULL)
		transceiver(a->c, a->wb, a->len, a->ch);
	else
		packetTransceiver(a->pc, a->wb, a->len, a->dst, a->ch);
	sync_WaitGroup_Done(a->wg);
}

static const struct {
	const char *snet, *saddr; // server endpoint
	const char *tnet, *taddr; // target endpoint for client
	bool dial;                // test with Dial
} udpServerTests[] = {
	{.snet = "udp", .saddr = ":0", .tnet = "udp", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "0.0.0.0:0", .tnet = "udp", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "[::ffff:0.0.0.0]:0", .tnet = "udp", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "[::]:0", .tnet = "udp", .taddr = "::1"},

	{.snet = "udp", .saddr = ":0", .tnet = "udp", .taddr = "::1"},
	{.snet = "udp", .saddr = "0.0.0.0:0", .tnet = "udp", .taddr = "::1"},
	{.snet = "udp", .saddr = "[::ffff:0.0.0.0]:0", .tnet = "udp", .taddr = "::1"},
	{.snet = "udp", .saddr = "[::]:0", .tnet = "udp", .taddr = "127.0.0.1"},

	{.snet = "udp", .saddr = ":0", .tnet = "udp4", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "0.0.0.0:0", .tnet = "udp4", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "[::ffff:0.0.0.0]:0", .tnet = "udp4", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "[::]:0", .tnet = "udp6", .taddr = "::1"},

	{.snet = "udp", .saddr = ":0", .tnet = "udp6", .taddr = "::1"},
	{.snet = "udp", .saddr = "0.0.0.0:0", .tnet = "udp6", .taddr = "::1"},
	{.snet = "udp", .saddr = "[::ffff:0.0.0.0]:0", .tnet = "udp6", .taddr = "::1"},
	{.snet = "udp", .saddr = "[::]:0", .tnet = "udp4", .taddr = "127.0.0.1"},

	{.snet = "udp", .saddr = "127.0.0.1:0", .tnet = "udp", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "[::ffff:127.0.0.1]:0", .tnet = "udp", .taddr = "127.0.0.1"},
	{.snet = "udp", .saddr = "[::1]:0", .tnet = "udp", .taddr = "::1"},

	{.snet = "udp4", .saddr = ":0", .tnet = "udp4", .taddr = "127.0.0.1"},
	{.snet = "udp4", .saddr = "0.0.0.0:0", .tnet = "udp4", .taddr = "127.0.0.1"},
	{.snet = "udp4", .saddr = "[::ffff:0.0.0.0]:0", .tnet = "udp4", .taddr = "127.0.0.1"},

	{.snet = "udp4", .saddr = "127.0.0.1:0", .tnet = "udp4", .taddr = "127.0.0.1"},

	{.snet = "udp6", .saddr = ":0", .tnet = "udp6", .taddr = "::1"},
	{.snet = "udp6", .saddr = "[::]:0", .tnet = "udp6", .taddr = "::1"},

	{.snet = "udp6", .saddr = "[::1]:0", .tnet = "udp6", .taddr = "::1"},

	{.snet = "udp", .saddr = "127.0.0.1:0", .tnet = "udp", .taddr = "127.0.0.1", .dial = true},

	{.snet = "udp", .saddr = "[::1]:0", .tnet = "udp", .taddr = "::1", .dial = true},
};

/* Go: net/server_test.go TestUDPServer */
// C: the wildcard rows are skipped, as Go skips them in -short mode
// (testableListenArgs).
GO_TEST(TestUDPServer)
{
	static const uint8_t msg[] = "UDP SERVER TEST";
	int failures = 0;

	for (size_t i = 0; i < nelem(udpServerTests); i++) {
		const char *snet = udpServerTests[i].snet, *saddr = udpServerTests[i].saddr;
		const char *tnet = udpServerTests[i].tnet, *taddr = udpServerTests[i].taddr;
		sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
		packetTransponderArgs tpargs;
		packetTransceiverArgs trargs = {.wg = &wg};
		net_PacketConn *c1, *pc2 = NULL;
		net_Conn *c2 = NULL;
		net_UDPAddr dst;
		localPacketServer *ls;
		runtime_hchan *tpch, *trch;
		char *lsaddr, *host, *port, *hp;
		go_error *err, *perr;

		if (!testableListenArgs(snet, saddr, taddr)) {
			print_message("skipping %s %s<-%s test\n", snet, saddr, taddr);
			continue;
		}

		if ((err = net_ListenPacket(snet, saddr, &c1)) != NULL) {
			if ((perr = parseDialError(err)) != NULL)
				print_error("%s\n", go_error_Error(perr));
			fail_msg("%s", go_error_Error(err));
		}

		ls = packetListener_newLocalServer(c1);
		tpch = runtime_makechan(sizeof(go_error *), 1);
		tpargs = (packetTransponderArgs){tpch, &wg};
		sync_WaitGroup_Add(&wg, 1);
		assert_null(localPacketServer_buildup(ls, packetTransponderHandler, &tpargs));

		trch = runtime_makechan(sizeof(go_error *), 1);
		trargs.ch = trch;
		lsaddr = net_Addr_String(net_PacketConn_LocalAddr(ls->PacketConn));
		if ((err = net_SplitHostPort(lsaddr, &host, &port)) != NULL)
			fail_msg("%s", go_error_Error(err));
		free(lsaddr);
		free(host);
		if (udpServerTests[i].dial) {
			net_Dialer d = {.Timeout = someTimeout};

			hp = net_JoinHostPort(taddr, port);
			err = net_Dialer_Dial(&d, tnet, hp, &c2);
			free(hp);
			if (err != NULL) {
				if ((perr = parseDialError(err)) != NULL)
					print_error("%s\n", go_error_Error(perr));
				fail_msg("%s", go_error_Error(err));
			}
			trargs.c = c2;
		} else {
			hp = net_JoinHostPort(taddr, "0");
			err = net_ListenPacket(tnet, hp, &pc2);
			free(hp);
			if (err != NULL) {
				if ((perr = parseDialError(err)) != NULL)
					print_error("%s\n", go_error_Error(perr));
				fail_msg("%s", go_error_Error(err));
			}
			hp = net_JoinHostPort(taddr, port);
			err = net_ResolveUDPAddr(tnet, hp, &dst);
			free(hp);
			if (err != NULL)
				fail_msg("%s", go_error_Error(err));
			trargs.pc = pc2;
			trargs.dst = &dst.addr;
		}
		free(port);
		trargs.wb = msg;
		trargs.len = sizeof(msg) - 1;
		sync_WaitGroup_Add(&wg, 1);
		go(runPacketTransceiver, &trargs);

		failures += drain(trch, i);
		failures += drain(tpch, i);
		sync_WaitGroup_Wait(&wg); // C: before the channels are freed

		// C: the deferred c2.Close() and ls.teardown() (Go runs them
		// when the test returns), then the frees (c1 is ours: teardown
		// closes it, we free it).
		if (c2 != NULL) {
			go_error_release(net_Conn_Close(c2));
			net_Conn_Free(c2);
		} else {
			go_error_release(net_PacketConn_Close(pc2));
			net_PacketConn_Free(pc2);
		}
		go_error_release(localPacketServer_teardown(ls));
		localPacketServer_free(ls);
		net_PacketConn_Free(c1);
		runtime_chanfree(trch);
		runtime_chanfree(tpch);
	}
	assert_int_equal(failures, 0);
}

/* Go: net/server_test.go TestUnixgramServer */
GO_TEST(TestUnixgramServer)
{
	static const uint8_t msg[] = "UNIXGRAM SERVER TEST";
	const struct {
		const char *saddr; // server endpoint
		const char *caddr; // client endpoint
		bool dial;         // test with Dial
	} unixgramServerTests[] = {
		{.saddr = testUnixAddr(), .caddr = testUnixAddr()},
		{.saddr = testUnixAddr(), .caddr = testUnixAddr(), .dial = true},

		{.saddr = "@nettest/go/unixgram/server", .caddr = "@nettest/go/unixgram/client"},
	};
	int failures = 0;

	for (size_t i = 0; i < nelem(unixgramServerTests); i++) {
		const char *saddr = unixgramServerTests[i].saddr;
		const char *caddr = unixgramServerTests[i].caddr;
		sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
		packetTransponderArgs tpargs;
		packetTransceiverArgs trargs = {.wg = &wg};
		net_PacketConn *c1, *pc2 = NULL;
		net_Conn *c2 = NULL;
		localPacketServer *ls;
		runtime_hchan *tpch, *trch;
		char *c2addr, *wb = NULL;
		go_error *err, *perr;

		if (!testableListenArgs("unixgram", saddr, "")) {
			print_message("skipping unixgram %s<-%s test\n", saddr, caddr);
			continue;
		}

		if ((err = net_ListenPacket("unixgram", saddr, &c1)) != NULL) {
			if ((perr = parseDialError(err)) != NULL)
				print_error("%s\n", go_error_Error(perr));
			fail_msg("%s", go_error_Error(err));
		}

		ls = packetListener_newLocalServer(c1);
		tpch = runtime_makechan(sizeof(go_error *), 1);
		tpargs = (packetTransponderArgs){tpch, &wg};
		sync_WaitGroup_Add(&wg, 1);
		assert_null(localPacketServer_buildup(ls, packetTransponderHandler, &tpargs));

		trch = runtime_makechan(sizeof(go_error *), 1);
		trargs.ch = trch;
		if (unixgramServerTests[i].dial) {
			net_UnixAddr la = NET_UNIXADDR(.Net = "unixgram", .Name = caddr);
			net_Dialer d = {.Timeout = someTimeout, .LocalAddr = &la.addr};
			char *addr = net_Addr_String(net_PacketConn_LocalAddr(ls->PacketConn));

			err = net_Dialer_Dial(&d, "unixgram", addr, &c2);
			free(addr);
			if (err != NULL) {
				if ((perr = parseDialError(err)) != NULL)
					print_error("%s\n", go_error_Error(perr));
				fail_msg("%s", go_error_Error(err));
			}
			c2addr = net_Addr_String(net_Conn_LocalAddr(c2));
			wb = strdup(c2addr); // Go: []byte(c2.LocalAddr().String())
			trargs.c = c2;
			trargs.wb = (const uint8_t *)wb;
			trargs.len = strlen(wb);
		} else {
			if ((err = net_ListenPacket("unixgram", caddr, &pc2)) != NULL) {
				if ((perr = parseDialError(err)) != NULL)
					print_error("%s\n", go_error_Error(perr));
				fail_msg("%s", go_error_Error(err));
			}
			c2addr = net_Addr_String(net_PacketConn_LocalAddr(pc2));
			trargs.pc = pc2;
			trargs.wb = msg;
			trargs.len = sizeof(msg) - 1;
			trargs.dst = net_PacketConn_LocalAddr(ls->PacketConn);
		}
		sync_WaitGroup_Add(&wg, 1);
		go(runPacketTransceiver, &trargs);

		failures += drain(trch, i);
		failures += drain(tpch, i);
		sync_WaitGroup_Wait(&wg); // C: before the channels are freed

		// C: the deferred c2.Close(), os.Remove(c2's name) and
		// ls.teardown() (Go runs them when the test returns), then the
		// frees (c1 is ours: teardown closes it, we free it).
		if (c2 != NULL) {
			go_error_release(net_Conn_Close(c2));
			net_Conn_Free(c2);
		} else {
			go_error_release(net_PacketConn_Close(pc2));
			net_PacketConn_Free(pc2);
		}
		unlink(c2addr);
		free(c2addr);
		free(wb);
		go_error_release(localPacketServer_teardown(ls));
		localPacketServer_free(ls);
		net_PacketConn_Free(c1);
		runtime_chanfree(trch);
		runtime_chanfree(tpch);
	}
	assert_int_equal(failures, 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestTCPServer, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixAndUnixpacketServer, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUDPServer, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramServer, netTestSetup, netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

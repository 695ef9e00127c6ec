// C port of go1.19 src/net/server_test.go: TestTCPServer (the unix and
// unixpacket servers wait for UnixConn).
#include "gotest.h"

#include <stdio.h>
#include <stdlib.h>

#include "mockserver.h"
#include "net/dial.h"
#include "net/ipsock.h"

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
} transceiverArgs;

static void
runTransceiver(void *arg)
{
	static const uint8_t msg[] = "TCP SERVER TEST";
	transceiverArgs *a = arg;

	transceiver(a->c, msg, sizeof(msg) - 1, a->ch);
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
			targs[j] = (transceiverArgs){cs[j], trchs[j]};
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

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestTCPServer, netTestSetup, netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

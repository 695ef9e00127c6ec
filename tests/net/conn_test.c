// C port of go1.19 src/net/conn_test.go.
#include "gotest.h"

#include <stdlib.h>
#include <string.h>

#include "mockserver.h"
#include "net/dial.h"

static void
transponderHandler(localServer *ls, net_Listener *ln, void *env)
{
	localServer_transponder(ls, ln, env);
}

/* Go: net/conn_test.go TestConnAndListener */
GO_TEST(TestConnAndListener)
{
	static const char *const networks[] = {"tcp", "unix", "unixpacket"};
	static const uint8_t msg[] = "CONN AND LISTENER TEST";

	for (size_t i = 0; i < nelem(networks); i++) {
		const char *network = networks[i];
		localServer *ls;
		runtime_hchan *ch;
		net_Conn *c;
		char *addr;
		uint8_t rb[128];
		ssize_t n;
		go_error *err;

		if (!testableNetwork(network)) {
			print_message("skipping %s test\n", network);
			continue;
		}
		ls = newLocalServer(network);
		ch = runtime_makechan(sizeof(go_error *), 1);
		assert_null(localServer_buildup(ls, transponderHandler, ch));
		assert_string_equal(net_Addr_Network(net_Listener_Addr(ls->Listener)), network);

		addr = net_Addr_String(net_Listener_Addr(ls->Listener));
		err = net_Dial(net_Addr_Network(net_Listener_Addr(ls->Listener)), addr, &c);
		free(addr);
		assert_null(err);
		if (strcmp(net_Addr_Network(net_Conn_LocalAddr(c)), network) != 0 ||
		    strcmp(net_Addr_Network(net_Conn_RemoteAddr(c)), network) != 0)
			fail_msg("got %s->%s; want %s->%s", net_Addr_Network(net_Conn_LocalAddr(c)),
				 net_Addr_Network(net_Conn_RemoteAddr(c)), network, network);
		assert_null(net_Conn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
		assert_null(net_Conn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
		assert_null(net_Conn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));

		assert_null(net_Conn_Write(c, msg, sizeof(msg) - 1, &n));
		assert_null(net_Conn_Read(c, rb, sizeof(rb), &n));
		assert_int_equal(n, sizeof(msg) - 1);
		assert_memory_equal(rb, msg, sizeof(msg) - 1);

		while (runtime_chanrecv2(ch, &err)) {
			print_error("#%zu: %s\n", i, go_error_Error(err));
			go_error_release(err);
			fail();
		}
		// C: the deferred c.Close() and ls.teardown(), then the frees.
		assert_null(net_Conn_Close(c));
		net_Conn_Free(c);
		assert_null(localServer_teardown(ls));
		localServer_free(ls);
		runtime_chanfree(ch);
	}
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestConnAndListener, netTestSetup, netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

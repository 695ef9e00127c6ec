// C port of go1.19 src/net/packetconn_test.go: TestPacketConn and
// TestConnAndPacketConn, with both rows ("udp" and "unixgram").
#include "gotest.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mockserver.h"
#include "net/dial.h"
#include "net/unixsock.h"

// Go: packetConnTestData: the bytes to send, or false (after a message)
// when network cannot be tested here.
static bool
packetConnTestData(const char *network)
{
	if (!testableNetwork(network)) {
		print_message("skipping %s test\n", network);
		return false;
	}
	return true;
}

static const uint8_t wb[] = "PACKETCONN TEST";

// Go: the closer of both tests: c.Close(), then for "unixgram" the names.
static void
closer(net_PacketConn *c, const char *net, const char *addr1, const char *addr2)
{
	go_error_release(net_PacketConn_Close(c));
	if (strcmp(net, "unixgram") == 0) {
		unlink(addr1);
		unlink(addr2);
	}
	net_PacketConn_Free(c); // C: after Close
}

static void
tFatal(go_error *err)
{
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
}

/* Go: net/packetconn_test.go TestPacketConn */
GO_TEST(TestPacketConn)
{
	const struct {
		const char *net;
		const char *addr1;
		const char *addr2;
	} packetConnTests[] = {
		{"udp", "127.0.0.1:0", "127.0.0.1:0"},
		{"unixgram", testUnixAddr(), testUnixAddr()},
	};

	for (size_t i = 0; i < nelem(packetConnTests); i++) {
		const char *net = packetConnTests[i].net;
		const char *addr1 = packetConnTests[i].addr1, *addr2 = packetConnTests[i].addr2;
		net_PacketConn *c1, *c2;
		net_Addr *from = NULL;
		uint8_t rb1[128], rb2[128];
		ssize_t n;

		if (!packetConnTestData(net))
			continue;

		tFatal(net_ListenPacket(net, addr1, &c1));
		(void)net_PacketConn_LocalAddr(c1);

		tFatal(net_ListenPacket(net, addr2, &c2));
		(void)net_PacketConn_LocalAddr(c2);

		tFatal(net_PacketConn_WriteTo(c1, wb, sizeof(wb) - 1, net_PacketConn_LocalAddr(c2),
					      &n));
		tFatal(net_PacketConn_ReadFrom(c2, rb2, sizeof(rb2), &n, &from));
		net_Addr_free(from); // C: the sender's address is ours
		from = NULL;
		tFatal(net_PacketConn_WriteTo(c2, wb, sizeof(wb) - 1, net_PacketConn_LocalAddr(c1),
					      &n));
		tFatal(net_PacketConn_ReadFrom(c1, rb1, sizeof(rb1), &n, &from));
		net_Addr_free(from);

		// Go: the deferred closers, c2's first.
		closer(c2, net, addr1, addr2);
		closer(c1, net, addr1, addr2);
	}
}

/* Go: net/packetconn_test.go TestConnAndPacketConn */
GO_TEST(TestConnAndPacketConn)
{
	const struct {
		const char *net;
		const char *addr1;
		const char *addr2;
	} packetConnTests[] = {
		{"udp", "127.0.0.1:0", "127.0.0.1:0"},
		{"unixgram", testUnixAddr(), testUnixAddr()},
	};

	for (size_t i = 0; i < nelem(packetConnTests); i++) {
		const char *net = packetConnTests[i].net;
		const char *addr1 = packetConnTests[i].addr1, *addr2 = packetConnTests[i].addr2;
		net_PacketConn *c1;
		net_Conn *c2;
		net_Addr *from = NULL;
		uint8_t rb1[128], rb2[128];
		char *c1addr;
		ssize_t n;

		if (!packetConnTestData(net))
			continue;

		tFatal(net_ListenPacket(net, addr1, &c1));
		(void)net_PacketConn_LocalAddr(c1);

		c1addr = net_Addr_String(net_PacketConn_LocalAddr(c1));
		tFatal(net_Dial(net, c1addr, &c2));
		free(c1addr);
		(void)net_Conn_LocalAddr(c2);
		(void)net_Conn_RemoteAddr(c2);

		tFatal(net_Conn_Write(c2, wb, sizeof(wb) - 1, &n));
		tFatal(net_PacketConn_ReadFrom(c1, rb1, sizeof(rb1), &n, &from));
		net_Addr_free(from);
		// Go: for "unixgram" the test goes on with the next row here
		// (the dialer is unnamed: nothing to write back to).
		if (strcmp(net, "unixgram") != 0) {
			tFatal(net_PacketConn_WriteTo(c1, wb, sizeof(wb) - 1,
						      net_Conn_LocalAddr(c2), &n));
			tFatal(net_Conn_Read(c2, rb2, sizeof(rb2), &n));
		}

		// Go: the deferred c2.Close() and closer(c1, ...).
		go_error_release(net_Conn_Close(c2));
		net_Conn_Free(c2);
		closer(c1, net, addr1, addr2);
	}
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestPacketConn, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestConnAndPacketConn, netTestSetup,
						netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

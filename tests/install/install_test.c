// The install test's program (tests/install/run.sh): built only from the
// installed headers, `pkg-config gonet` and the tests/ helpers
// (gotest.h, testmain.c), it listens on 127.0.0.1, dials itself, and
// echoes one message through an accepted connection in a goroutine.
#include "gotest.h"

#include <stdlib.h>
#include <string.h>

#include "errors/errors.h"
#include "io/io.h"
#include "net/conn.h"
#include "net/dial.h"
#include "net/tcpsock.h"
#include "runtime_netpoll/chan.h"
#include "time/time.h"

typedef struct server {
	net_Listener *ln;
	runtime_hchan *done; // chan error
} server;

// Accepts one conn and echoes what it reads until EOF.
static void
echo(void *arg)
{
	server *s = arg;
	net_Conn *c;
	go_error *err = net_Listener_Accept(s->ln, &c);

	if (err == NULL) {
		uint8_t buf[64];
		ssize_t n, w;

		while ((err = net_Conn_Read(c, buf, sizeof(buf), &n)) == NULL) {
			if ((err = net_Conn_Write(c, buf, (size_t)n, &w)) != NULL)
				break;
		}
		if (err == io_EOF)
			err = NULL;
		go_error_release(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	runtime_chansend1(s->done, &err);
}

GO_TEST(TestInstall)
{
	static const char msg[] = "hello, gonet";
	server s = {.done = runtime_makechan(sizeof(go_error *), 1)};
	net_Conn *c;
	go_error *err;
	char *addr;
	uint8_t buf[sizeof(msg)];
	ssize_t n;
	size_t got = 0;

	err = net_Listen("tcp", "127.0.0.1:0", &s.ln);
	assert_null(err);
	go(echo, &s);
	addr = net_Addr_String(net_Listener_Addr(s.ln));
	err = net_Dial("tcp", addr, &c);
	free(addr);
	assert_null(err);
	assert_null(net_Conn_SetDeadline(c, time_Time_Add(time_Now(), time_Minute)));
	assert_null(net_Conn_Write(c, (const uint8_t *)msg, sizeof(msg) - 1, &n));
	assert_int_equal(n, sizeof(msg) - 1);
	while (got < sizeof(msg) - 1) {
		assert_null(net_Conn_Read(c, buf + got, sizeof(buf) - 1 - got, &n));
		got += (size_t)n;
	}
	assert_memory_equal(buf, msg, sizeof(msg) - 1);
	assert_null(net_TCPConn_CloseWrite(net_Conn_TCPConn(c)));
	runtime_chanrecv1(s.done, &err);
	assert_null(err);
	assert_null(net_Conn_Close(c));
	net_Conn_Free(c);
	assert_null(net_Listener_Close(s.ln));
	net_Listener_Free(s.ln);
	runtime_chanfree(s.done);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestInstall),
};

GONET_TEST_MAIN(tests)

// C port of go1.19 src/net/file_test.go: TestFileConn, TestFileListener,
// TestFilePacketConn and TestFileCloseRace; and tests of what C adds: the
// errors for descriptors that make no Conn, with Go 1.19's text, the
// UDPConn a UDP socket makes, and the UnixConn a socketpair end makes.
#include "gotest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "errortest.h"
#include "mockserver.h"
#include "net/dial.h"
#include "net/file.h"
#include "net/tcpsock.h"
#include "net/udpsock.h"
#include "net/unixsock.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"

// Go: reflect.DeepEqual of two *TCPAddr or *UnixAddr. C: the same dynamic
// type, equal text and network.
static bool
addrEqual(const net_Addr *a, const net_Addr *b)
{
	char *sa = net_Addr_String(a), *sb = net_Addr_String(b);
	bool eq = strcmp(sa, sb) == 0 && strcmp(net_Addr_Network(a), net_Addr_Network(b)) == 0 &&
		  (a == NULL) == (b == NULL) && (a == NULL || a->m == b->m);

	free(sa);
	free(sb);
	return eq;
}

static void
failWith(go_error *err, go_error *(*parse)(go_error *))
{
	go_error *perr = parse(err);

	if (perr != NULL)
		print_error("%s\n", go_error_Error(perr));
	fail_msg("%s", go_error_Error(err));
}

// Go: parseCloseError(err, false), as a parse function for failWith.
static go_error *
parseCloseErrorNotShutdown(go_error *err)
{
	return parseCloseError(err, false);
}

// Go: TestFileConn's handler: accept one conn, read a byte, close.
static void
readOneByte(localServer *ls, net_Listener *ln, void *env)
{
	uint8_t b[1];
	net_Conn *c;
	ssize_t n;
	go_error *err;

	(void)ls;
	(void)env;
	if ((err = net_Listener_Accept(ln, &c)) != NULL) {
		go_error_release(err); // C: teardown closed ln first
		return;
	}
	go_error_release(net_Conn_Read(c, b, sizeof(b), &n));
	go_error_release(net_Conn_Close(c)); // Go: defer c.Close()
	net_Conn_Free(c);
}

static const struct {
	const char *network;
} fileConnTests[] = {
	{"tcp"},
	{"udp"},
	{"unix"},
	{"unixpacket"},
};

/* Go: net/file_test.go TestFileConn */
GO_TEST(TestFileConn)
{
	static const uint8_t msg[] = "FILECONN TEST";

	for (size_t i = 0; i < nelem(fileConnTests); i++) {
		const char *network = fileConnTests[i].network;
		localServer *ls = NULL;
		net_PacketConn *pc = NULL;
		const char *net;
		char *address, name[64];
		net_Addr *addr;
		net_Conn *c1, *c2;
		net_TCPConn *tc;
		net_UDPConn *udc;
		net_UnixConn *uc;
		go_error *err = NULL, *cerr;
		ssize_t n;
		int f = -1;

		if (!testableNetwork(network)) {
			print_message("skipping %s test\n", network);
			continue;
		}

		if (strcmp(network, "udp") == 0) {
			pc = newLocalPacketListener(network, NULL);
			net = net_Addr_Network(net_PacketConn_LocalAddr(pc));
			address = net_Addr_String(net_PacketConn_LocalAddr(pc));
		} else {
			ls = newLocalServer(network);
			assert_null(localServer_buildup(ls, readOneByte, NULL));
			net = net_Addr_Network(net_Listener_Addr(ls->Listener));
			address = net_Addr_String(net_Listener_Addr(ls->Listener));
		}
		err = net_Dial(net, address, &c1);
		free(address);
		if (err != NULL)
			failWith(err, parseDialError);
		addr = net_Addr_clone(net_Conn_LocalAddr(c1)); // C: kept past Free

		// Go: switch c1 := c1.(type)
		if ((tc = net_Conn_TCPConn(c1)) != NULL)
			err = net_TCPConn_File(tc, &f);
		else if ((udc = net_Conn_UDPConn(c1)) != NULL)
			err = net_UDPConn_File(udc, &f);
		else if ((uc = net_Conn_UnixConn(c1)) != NULL)
			err = net_UnixConn_File(uc, &f);
		if ((cerr = net_Conn_Close(c1)) != NULL)
			failWith(cerr, parseCloseErrorNotShutdown);
		if (err != NULL)
			failWith(err, parseCommonError);

		// Go: f.Name(), shown in errors only
		snprintf(name, sizeof(name), "%s:conn", network);
		err = net_FileConn(f, name, &c2);
		assert_int_equal(close(f), 0); // Go: f.Close()
		if (err != NULL)
			failWith(err, parseCommonError);

		if ((err = net_Conn_Write(c2, msg, sizeof(msg) - 1, &n)) != NULL)
			failWith(err, parseWriteError);
		if (!addrEqual(net_Conn_LocalAddr(c2), addr)) {
			char *got = net_Addr_String(net_Conn_LocalAddr(c2));
			char *want = net_Addr_String(addr);

			fail_msg("got %s; want %s", got, want);
		}
		net_Addr_free(addr);
		net_Conn_Free(c1);
		assert_null(net_Conn_Close(c2)); // Go: defer c2.Close()
		net_Conn_Free(c2);
		if (pc != NULL) {
			assert_null(net_PacketConn_Close(pc)); // Go: defer c.Close()
			net_PacketConn_Free(pc);
		} else {
			assert_null(localServer_teardown(ls)); // Go: defer ls.teardown()
			localServer_free(ls);
		}
	}
}

typedef struct dialArgs {
	net_Listener *ln;
	sync_WaitGroup wg;
	go_error *err;
} dialArgs;

static void
dialAndClose(void *arg)
{
	dialArgs *a = arg;
	char *address = net_Addr_String(net_Listener_Addr(a->ln));
	net_Conn *c;

	a->err = net_Dial(net_Addr_Network(net_Listener_Addr(a->ln)), address, &c);
	free(address);
	if (a->err == NULL) {
		go_error_release(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	sync_WaitGroup_Done(&a->wg); // Go: defer wg.Done()
}

static const struct {
	const char *network;
} fileListenerTests[] = {
	{"tcp"},
	{"unix"},
	{"unixpacket"},
};

/* Go: net/file_test.go TestFileListener */
GO_TEST(TestFileListener)
{
	for (size_t i = 0; i < nelem(fileListenerTests); i++) {
		const char *network = fileListenerTests[i].network;
		bool unixNet = strcmp(network, "unix") == 0 || strcmp(network, "unixpacket") == 0;
		dialArgs a = {NULL, SYNC_WAITGROUP_INIT, NULL};
		net_Listener *ln1, *ln2;
		net_TCPListener *tl;
		net_UnixListener *ul;
		net_Addr *addr;
		char *ln1addr, name[64];
		net_Conn *c;
		go_error *err = NULL, *cerr;
		int f = -1;

		if (!testableNetwork(network)) {
			print_message("skipping %s test\n", network);
			continue;
		}

		ln1 = newLocalListener(network, NULL);
		ln1addr = net_Addr_String(net_Listener_Addr(ln1)); // Go: defer os.Remove(...)
		addr = net_Addr_clone(net_Listener_Addr(ln1));

		// Go: switch ln1 := ln1.(type)
		if ((tl = net_Listener_TCPListener(ln1)) != NULL)
			err = net_TCPListener_File(tl, &f);
		else if ((ul = net_Listener_UnixListener(ln1)) != NULL)
			err = net_UnixListener_File(ul, &f);
		// UnixListener.Close calls syscall.Unlink internally, so a Unix
		// listener stays open until the end (Go: defer ln1.Close()).
		if (!unixNet) {
			if ((cerr = net_Listener_Close(ln1)) != NULL)
				fail_msg("%s", go_error_Error(cerr));
		}
		if (err != NULL)
			failWith(err, parseCommonError);

		snprintf(name, sizeof(name), "%s:listener", network);
		err = net_FileListener(f, name, &ln2);
		assert_int_equal(close(f), 0);
		if (err != NULL)
			failWith(err, parseCommonError);

		a.ln = ln2;
		sync_WaitGroup_Add(&a.wg, 1);
		go(dialAndClose, &a);
		if ((err = net_Listener_Accept(ln2, &c)) != NULL)
			failWith(err, parseAcceptError);
		go_error_release(net_Conn_Close(c));
		net_Conn_Free(c);
		sync_WaitGroup_Wait(&a.wg);
		if (a.err != NULL)
			failWith(a.err, parseDialError);
		if (!addrEqual(net_Listener_Addr(ln2), addr)) {
			char *got = net_Addr_String(net_Listener_Addr(ln2));
			char *want = net_Addr_String(addr);

			fail_msg("got %s; want %s", got, want);
		}
		net_Addr_free(addr);
		// Go: the deferred ln2.Close(), ln1.Close() (unix) and
		// os.Remove(ln1's name) (unix).
		assert_null(net_Listener_Close(ln2));
		net_Listener_Free(ln2);
		if (unixNet)
			go_error_release(net_Listener_Close(ln1));
		net_Listener_Free(ln1);
		if (unixNet)
			unlink(ln1addr);
		free(ln1addr);
	}
}

static const struct {
	const char *network;
} filePacketConnTests[] = {
	{"udp"},
	{"unixgram"},
};

/* Go: net/file_test.go TestFilePacketConn */
GO_TEST(TestFilePacketConn)
{
	static const uint8_t msg[] = "FILEPACKETCONN TEST";

	for (size_t i = 0; i < nelem(filePacketConnTests); i++) {
		const char *network = filePacketConnTests[i].network;
		net_PacketConn *c1, *c2;
		net_UDPConn *udc;
		net_UnixConn *uc;
		net_Addr *addr;
		char *c1addr, name[64];
		go_error *err = NULL, *cerr;
		ssize_t n;
		int f = -1;

		if (!testableNetwork(network)) {
			print_message("skipping %s test\n", network);
			continue;
		}

		c1 = newLocalPacketListener(network, NULL);
		c1addr = net_Addr_String(net_PacketConn_LocalAddr(c1)); // Go: defer os.Remove
		addr = net_Addr_clone(net_PacketConn_LocalAddr(c1));    // C: kept past Free

		// Go: switch c1 := c1.(type)
		if ((udc = net_PacketConn_UDPConn(c1)) != NULL)
			err = net_UDPConn_File(udc, &f);
		else if ((uc = net_PacketConn_UnixConn(c1)) != NULL)
			err = net_UnixConn_File(uc, &f);
		if ((cerr = net_PacketConn_Close(c1)) != NULL)
			failWith(cerr, parseCloseErrorNotShutdown);
		if (err != NULL)
			failWith(err, parseCommonError);

		snprintf(name, sizeof(name), "%s:packetconn", network);
		err = net_FilePacketConn(f, name, &c2);
		assert_int_equal(close(f), 0); // Go: f.Close()
		if (err != NULL)
			failWith(err, parseCommonError);

		if ((err = net_PacketConn_WriteTo(c2, msg, sizeof(msg) - 1, addr, &n)) != NULL)
			failWith(err, parseWriteError);
		if (!addrEqual(net_PacketConn_LocalAddr(c2), addr)) {
			char *got = net_Addr_String(net_PacketConn_LocalAddr(c2));
			char *want = net_Addr_String(addr);

			fail_msg("got %s; want %s", got, want);
		}
		net_Addr_free(addr);
		net_PacketConn_Free(c1);
		assert_null(net_PacketConn_Close(c2)); // Go: defer c2.Close()
		net_PacketConn_Free(c2);
		if (strcmp(network, "unixgram") == 0)
			unlink(c1addr);
		free(c1addr);
	}
}

typedef struct raceArgs {
	net_TCPConn *tc;
	sync_WaitGroup wg;
} raceArgs;

static void
fileAndClose(void *arg)
{
	raceArgs *a = arg;
	int f;
	go_error *err = net_TCPConn_File(a->tc, &f);

	if (err == NULL)
		close(f);
	go_error_release(err);
	sync_WaitGroup_Done(&a->wg);
}

static void
closeConn(void *arg)
{
	raceArgs *a = arg;

	go_error_release(net_TCPConn_Close(a->tc));
	sync_WaitGroup_Done(&a->wg);
}

/* Go: net/file_test.go TestFileCloseRace (Issue 24483) */
GO_TEST(TestFileCloseRace)
{
	enum { tries = 100 };
	localServer *ls = newLocalServer("tcp");
	char *address;

	assert_null(localServer_buildup(ls, readOneByte, NULL));
	address = net_Addr_String(net_Listener_Addr(ls->Listener));
	for (int i = 0; i < tries; i++) {
		raceArgs a = {NULL, SYNC_WAITGROUP_INIT};
		net_Conn *c1;
		go_error *err = net_Dial("tcp", address, &c1);

		if (err != NULL)
			fail_msg("%s", go_error_Error(err));
		a.tc = net_Conn_TCPConn(c1);
		sync_WaitGroup_Add(&a.wg, 2);
		go(fileAndClose, &a);
		go(closeConn, &a);
		sync_WaitGroup_Wait(&a.wg);
		net_Conn_Free(c1);
	}
	free(address);
	assert_null(localServer_teardown(ls));
	localServer_free(ls);
}

// C: descriptors that make no Conn: Go 1.19's errors, word for word
// ("file file+net NAME: ..."), and nothing left open.
GO_TEST(TestFileConnErrors)
{
	net_Listener *ln;
	net_PacketConn *pc;
	net_Conn *c;
	go_error *err;
	int p[2], s;

	assert_int_equal(pipe(p), 0);
	err = net_FileConn(p[0], "|0", &c);
	assert_non_null(err);
	assert_null(c);
	assert_string_equal(go_error_Error(err),
			    "file file+net |0: getsockopt: socket operation on non-socket");
	go_error_release(err);
	err = net_FileListener(p[1], "|1", &ln);
	assert_string_equal(go_error_Error(err),
			    "file file+net |1: getsockopt: socket operation on non-socket");
	go_error_release(err);
	close(p[0]);
	close(p[1]);

	err = net_FileConn(1000, "bogus", &c);
	assert_string_equal(go_error_Error(err), "file file+net bogus: fcntl: bad file descriptor");
	go_error_release(err);

	// A listening TCP socket makes no PacketConn (Go: FilePacketConn
	// takes a *UDPConn, *IPConn or *UnixConn only).
	ln = newLocalListener("tcp", NULL);
	assert_null(net_TCPListener_File(net_Listener_TCPListener(ln), &s));
	err = net_FilePacketConn(s, "tcp:listener", &pc);
	assert_null(pc);
	assert_string_equal(go_error_Error(err), "file file+net tcp:listener: invalid argument");
	go_error_release(err);
	close(s);
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);
}

// C: an unbound UDP socket makes a *UDPConn, as in Go (FileConn and
// FilePacketConn alike), whose local address is the kernel's, 0.0.0.0:0;
// a bound one makes a UDPConn that works. A UDP socket makes no Listener.
GO_TEST(TestFileConnUDPSocket)
{
	static const uint8_t msg[] = "UDP FILECONN";
	net_PacketConn *pc, *lp;
	net_Listener *ln;
	net_Conn *c;
	net_Addr *from = NULL;
	uint8_t rb[16];
	go_error *err;
	ssize_t n;
	char *str;
	int s;

	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(s >= 0);
	if ((err = net_FileConn(s, "udp", &c)) != NULL)
		fail_msg("%s", go_error_Error(err));
	assert_string_equal(c->m->type, "*net.UDPConn");
	assert_non_null(net_Conn_UDPConn(c));
	str = net_Addr_String(net_Conn_LocalAddr(c));
	assert_string_equal(str, "0.0.0.0:0");
	free(str);
	assert_null(net_Conn_Close(c));
	net_Conn_Free(c);

	err = net_FileListener(s, "udp", &ln);
	assert_null(ln);
	assert_string_equal(go_error_Error(err), "file file+net udp: invalid argument");
	go_error_release(err);
	close(s);

	lp = newLocalPacketListener("udp", NULL);
	assert_null(net_UDPConn_File(net_PacketConn_UDPConn(lp), &s));
	if ((err = net_FilePacketConn(s, "udp", &pc)) != NULL)
		fail_msg("%s", go_error_Error(err));
	assert_int_equal(close(s), 0);
	assert_string_equal(pc->m->type, "*net.UDPConn");
	assert_non_null(net_PacketConn_UDPConn(pc));
	assert_null(
		net_PacketConn_WriteTo(pc, msg, sizeof(msg) - 1, net_PacketConn_LocalAddr(lp), &n));
	go_error_release(net_PacketConn_SetReadDeadline(lp, time_Time_Add(time_Now(), time_Hour)));
	assert_null(net_PacketConn_ReadFrom(lp, rb, sizeof(rb), &n, &from));
	assert_int_equal(n, sizeof(msg) - 1);
	assert_memory_equal(rb, msg, sizeof(msg) - 1);
	net_Addr_free(from);
	assert_null(net_PacketConn_Close(pc));
	net_PacketConn_Free(pc);
	assert_null(net_PacketConn_Close(lp));
	net_PacketConn_Free(lp);
}

// C: a Unix socketpair end makes a *UnixConn, and a *UnixListener too (Go
// asks only for the address family), whose addresses are the kernel's
// empty abstract name, "@", as Go 1.19 reports them; the conn works.
GO_TEST(TestFileConnUnixSocketpair)
{
	static const uint8_t msg[] = "SOCKETPAIR";
	go_error *err;
	net_Listener *ln;
	net_Conn *c;
	uint8_t rb[16];
	ssize_t n;
	char *s;
	int p[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p), 0);
	if ((err = net_FileConn(p[0], "unixpair", &c)) != NULL)
		fail_msg("%s", go_error_Error(err));
	assert_string_equal(c->m->type, "*net.UnixConn");
	assert_non_null(net_Conn_UnixConn(c));
	assert_string_equal(net_Addr_Network(net_Conn_LocalAddr(c)), "unix");
	assert_string_equal(net_Addr_Network(net_Conn_RemoteAddr(c)), "unix");
	s = net_Addr_String(net_Conn_LocalAddr(c));
	assert_string_equal(s, "@");
	free(s);
	s = net_Addr_String(net_Conn_RemoteAddr(c));
	assert_string_equal(s, "@");
	free(s);
	assert_null(net_Conn_Write(c, msg, sizeof(msg) - 1, &n));
	assert_int_equal(read(p[1], rb, sizeof(rb)), sizeof(msg) - 1);
	assert_memory_equal(rb, msg, sizeof(msg) - 1);
	assert_null(net_Conn_Close(c));
	net_Conn_Free(c);

	if ((err = net_FileListener(p[0], "unixpair", &ln)) != NULL)
		fail_msg("%s", go_error_Error(err));
	assert_string_equal(ln->m->type, "*net.UnixListener");
	s = net_Addr_String(net_Listener_Addr(ln));
	assert_string_equal(s, "@");
	free(s);
	assert_null(net_Listener_Close(ln));
	net_Listener_Free(ln);
	close(p[0]);
	close(p[1]);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestFileConn, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestFileListener, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestFilePacketConn, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestFileCloseRace, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestFileConnErrors, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestFileConnUDPSocket, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestFileConnUnixSocketpair, netTestSetup,
						netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

// C port of golang.org/x/net/nettest/conntest_test.go (the x/net version
// matching go1.19's vendored conntest.go): TestTestConn, its "tcp", "unix"
// and "unixpacket" rows.
#include "gotest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conntest.h"
#include "mockserver.h"
#include "net/dial.h"
#include "net/lookup.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"

/* Go: golang.org/x/net/nettest/nettest.go LocalPath */
// A name for a Unix socket: a fresh temporary file's ("go-nettest" and
// random characters in $TMPDIR or /tmp), the file itself removed. C: *path
// is malloc'd.
static go_error *
LocalPath(char **path)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	// Go: ioutil.TempFile("", "go-nettest"), then f.Close(), os.Remove.
	if (asprintf(path, "%s/go-nettestXXXXXX", tmp) < 0)
		runtime_throw("out of memory");
	if ((fd = mkstemp(*path)) < 0) {
		go_error *err = errors_Newf("open %s: %s", *path, strerror(errno));

		free(*path);
		*path = NULL;
		return err;
	}
	close(fd);
	unlink(*path);
	return NULL;
}

/* Go: golang.org/x/net/nettest/nettest.go NewLocalListener */
// A listener on a loopback address or a local file system path.
// C: nettest's SupportsIPv4/SupportsIPv6 probe by listening; gonet's
// net_supportsIPv4/IPv6 answer the same question.
static go_error *
NewLocalListener(const char *network, net_Listener **ln)
{
	go_error *err;
	char *path;

	*ln = NULL;
	if (strcmp(network, "tcp") == 0) {
		if (net_supportsIPv4()) {
			if ((err = net_Listen("tcp4", "127.0.0.1:0", ln)) == NULL)
				return NULL;
			go_error_release(err);
		}
		if (net_supportsIPv6())
			return net_Listen("tcp6", "[::1]:0", ln);
	} else if (strcmp(network, "tcp4") == 0) {
		if (net_supportsIPv4())
			return net_Listen("tcp4", "127.0.0.1:0", ln);
	} else if (strcmp(network, "tcp6") == 0) {
		if (net_supportsIPv6())
			return net_Listen("tcp6", "[::1]:0", ln);
	} else if (strcmp(network, "unix") == 0 || strcmp(network, "unixpacket") == 0) {
		if ((err = LocalPath(&path)) != NULL)
			return err;
		err = net_Listen(network, path, ln);
		free(path); // C: the listener keeps its own copy
		return err;
	}
	return errors_Newf("%s is not supported on linux/amd64", network);
}

// What TestTestConn's mp closure and its stop closure share.
typedef struct tcpPipe {
	const char *network; // tt.network
	net_Listener *ln;
	net_Conn *c1, *c2;
	go_error *err1, *err2; // stop only asks whether they are nil
	// C: Go's done channel, closed by the accepting goroutine. A
	// WaitGroup says the same, and the goroutine is done with it once it
	// has called Done (a channel could not be freed until the closer had
	// returned from close, which nothing here would tell).
	sync_WaitGroup done;
} tcpPipe;

static void
acceptPeer(void *arg)
{
	tcpPipe *p = arg;

	p->err2 = net_Listener_Accept(p->ln, &p->c2);
	sync_WaitGroup_Done(&p->done); // Go: close(done)
}

// Go: TestTestConn's stop closure. C: also frees what it closes.
static void
tcpPipeStop(void *arg)
{
	tcpPipe *p = arg;

	if (p->err1 == NULL) {
		go_error_release(net_Conn_Close(p->c1));
		net_Conn_Free(p->c1);
	}
	if (p->err2 == NULL) {
		go_error_release(net_Conn_Close(p->c2));
		net_Conn_Free(p->c2);
	}
	go_error_release(net_Listener_Close(p->ln));
	if (strcmp(p->network, "unix") == 0 || strcmp(p->network, "unixpacket") == 0) {
		char *addr = net_Addr_String(net_Listener_Addr(p->ln));

		unlink(addr); // Go: os.Remove(ln.Addr().String())
		free(addr);
	}
	net_Listener_Free(p->ln);
	free(p);
}

// Go: TestTestConn's mp closure: a dialed and an accepted end of one
// connection to a fresh loopback listener.
static go_error *
tcpMakePipe(void *env, net_Conn **c1, net_Conn **c2, void (**stop)(void *stoparg), void **stoparg)
{
	const char *network = env;
	net_Listener *ln;
	tcpPipe *p;
	char *addr;
	go_error *err;

	if ((err = NewLocalListener(network, &ln)) != NULL)
		return err;

	// Connect the two ends.
	p = runtime_newobject(sizeof(*p));
	p->network = network;
	p->ln = ln;
	sync_WaitGroup_Add(&p->done, 1);
	go(acceptPeer, p);
	addr = net_Addr_String(net_Listener_Addr(ln));
	p->err1 = net_Dial(net_Addr_Network(net_Listener_Addr(ln)), addr, &p->c1);
	free(addr);
	sync_WaitGroup_Wait(&p->done);

	if (p->err1 != NULL) {
		go_error *err1 = p->err1, *err2 = p->err2;

		tcpPipeStop(p);
		go_error_release(err2); // C: Go drops it
		return err1;
	}
	if (p->err2 != NULL) {
		err = p->err2;
		tcpPipeStop(p);
		return err;
	}
	*c1 = p->c1;
	*c2 = p->c2;
	*stop = tcpPipeStop;
	*stoparg = p;
	return NULL;
}

static const struct {
	const char *name;
	const char *network;
} testConnTests[] = {
	{"TCP", "tcp"},
	{"UnixPipe", "unix"},
	{"UnixPacketPipe", "unixpacket"},
};

/* Go: golang.org/x/net/nettest/conntest_test.go TestTestConn */
GO_TEST(TestTestConn)
{
	for (size_t i = 0; i < nelem(testConnTests); i++) {
		print_message("=== RUN   TestTestConn/%s\n", testConnTests[i].name); // Go: t.Run
		// C: TestableNetwork from Go's net tests (mockserver.h), which
		// agrees with nettest's for the TCP and Unix networks on Linux.
		if (!testableNetwork(testConnTests[i].network)) {
			print_message("%s: %s not supported on linux\n", testConnTests[i].name,
				      testConnTests[i].network);
			continue;
		}
		nettest_TestConn(tcpMakePipe, (void *)testConnTests[i].network);
	}
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestTestConn, netTestSetup, netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

// C port of go1.19 src/net/tcpsock_test.go: TestTCPListenerName,
// TestTCPConcurrentAccept, TestTCPReadWriteAllocs, TestTCPStress,
// TestTCPBig, TestCopyPipeIntoTCP and TestResolveTCPAddr.
//
// TestTCPReadWriteAllocs counts malloc calls: this executable defines
// malloc, calloc and realloc, which count and forward to the allocator
// that would have run (a sanitizer's interceptor when there is one, else
// glibc's __libc_* entry points, which valgrind also replaces). free is
// not wrapped, so every block is freed by the allocator that made it.
#include "gotest.h"

#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errortest.h"
#include "internal_poll/poll.h"
#include "io/io.h"
#include "localhelpers.h"
#include "net/net_impl.h"
#include "runtime_netpoll/chan.h"
#include "socktest_install.h"
#include "stallwatch.h"
#include "sync/sync.h"
#include "time/time.h"

// ---- malloc counting (Go: testing.AllocsPerRun's runtime.MemStats.Mallocs) ----

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__interceptor_malloc(size_t n) __attribute__((weak));
extern void *__interceptor_calloc(size_t n, size_t size) __attribute__((weak));
extern void *__interceptor_realloc(void *p, size_t n) __attribute__((weak));

static _Atomic uint64_t mallocs;

// The wrappers run before a sanitizer's runtime is initialized (the
// dynamic loader allocates): they must carry no instrumentation of their
// own (TSan's function entry hook would crash there).
#if defined(__has_attribute)
#if __has_attribute(disable_sanitizer_instrumentation)
#define NO_SANITIZE __attribute__((disable_sanitizer_instrumentation))
#endif
#endif
#ifndef NO_SANITIZE
#define NO_SANITIZE __attribute__((no_sanitize_address, no_sanitize_thread, no_sanitize_undefined))
#endif

NO_SANITIZE void *
malloc(size_t n)
{
	atomic_fetch_add_explicit(&mallocs, 1, memory_order_relaxed);
	if (__interceptor_malloc != NULL)
		return __interceptor_malloc(n);
	return __libc_malloc(n);
}

NO_SANITIZE void *
calloc(size_t n, size_t size)
{
	atomic_fetch_add_explicit(&mallocs, 1, memory_order_relaxed);
	if (__interceptor_calloc != NULL)
		return __interceptor_calloc(n, size);
	return __libc_calloc(n, size);
}

NO_SANITIZE void *
realloc(void *p, size_t n)
{
	if (p == NULL)
		atomic_fetch_add_explicit(&mallocs, 1, memory_order_relaxed);
	if (__interceptor_realloc != NULL)
		return __interceptor_realloc(p, n);
	return __libc_realloc(p, n);
}

/* Go: testing.AllocsPerRun */
// The average number of allocations per call of f over runs calls, after
// one warm-up call; integer division, as Go's.
static uint64_t
AllocsPerRun(int runs, void (*f)(void *), void *arg)
{
	uint64_t before;

	f(arg); // warm up
	before = atomic_load(&mallocs);
	for (int i = 0; i < runs; i++)
		f(arg);
	return (atomic_load(&mallocs) - before) / (uint64_t)runs;
}

// ---- setup ----

static int socketsAtStart;
static _Atomic int failures; // t.Error from goroutines

static int
setup(void **state)
{
	socketsAtStart = testOpenSockets();
	atomic_store(&failures, 0);
	return socktestSetup(state);
}

static void
assertNoLeak(void)
{
	if (!waitGoroutines())
		fail_msg("%d goroutines left (leaked)", runtime_NumGoroutine() - 1);
	assert_int_equal(atomic_load(&failures), 0);
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
}

static void
tError(const char *what, go_error *err)
{
	fprintf(stderr, "%s: %s\n", what, err != NULL ? go_error_Error(err) : "<nil>");
	atomic_fetch_add(&failures, 1);
}

static char *
lnAddr(net_Listener *ln)
{
	return net_Addr_String(net_Listener_Addr(ln));
}

// ---- TestTCPListenerName ----

GO_TEST(TestTCPListenerName)
{
	net_TCPAddr a0 = NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1)), a1 = NET_TCPADDR(.Port = 0);
	const struct {
		const char *net;
		const net_TCPAddr *laddr;
	} tcpListenerNameTests[] = {
		{"tcp4", &a0},
		{"tcp4", &a1},
		{"tcp4", NULL},
	};
	net_TCPListener *lns[nelem(tcpListenerNameTests)];

	for (size_t i = 0; i < nelem(tcpListenerNameTests); i++) {
		go_error *err = net_ListenTCP(tcpListenerNameTests[i].net,
					      tcpListenerNameTests[i].laddr, &lns[i]);

		if (err != NULL)
			fail_msg("%s", go_error_Error(err));
		const net_Addr *la = net_TCPListener_Addr(lns[i]);
		if (la == NULL || la->m != &net_TCPAddr_methods ||
		    ((const net_TCPAddr *)la)->Port == 0) {
			char *s = net_Addr_String(la);
			fail_msg("got %s; expected a proper address with non-zero port number", s);
		}
	}
	for (size_t i = 0; i < nelem(lns); i++) {
		go_error_release(net_TCPListener_Close(lns[i]));
		net_TCPListener_Free(lns[i]);
	}
	assertNoLeak();
}

// ---- TestTCPConcurrentAccept ----

typedef struct acceptArg {
	net_Listener *ln;
	sync_WaitGroup wg;
} acceptArg;

static void
concurrentAcceptor(void *arg)
{
	acceptArg *a = arg;

	acceptClose(a->ln);
	sync_WaitGroup_Done(&a->wg);
}

static int
concurrentAcceptMain(void *arg)
{
	enum { N = 10 };
	acceptArg a = {0};
	go_error *err = net_Listen("tcp", "127.0.0.1:0", &a.ln);
	int attempts = 10 * N, fails = 0;
	char *addr;

	(void)arg;
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	sync_WaitGroup_Add(&a.wg, N);
	for (int i = 0; i < N; i++)
		go(concurrentAcceptor, &a);
	net_Dialer d = {.Timeout = 200 * time_Millisecond * testTimeScale()};
	addr = lnAddr(a.ln);
	for (int i = 0; i < attempts; i++) {
		net_Conn *c;

		err = net_Dialer_Dial(&d, "tcp", addr, &c);
		if (err != NULL) {
			go_error_release(err);
			fails++;
		} else {
			closeConn(c);
		}
	}
	free(addr);
	go_error_release(net_Listener_Close(a.ln));
	sync_WaitGroup_Wait(&a.wg);
	net_Listener_Free(a.ln);
	if (fails > attempts / 9) // see Go's issues 7400 and 7541
		fail_msg("too many Dial failed: %d", fails);
	assertNoLeak();
	return 0;
}

// C: Go's `defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))`; GOMAXPROCS is
// fixed once go_main runs, so it is set before.
static void
TestTCPConcurrentAccept(void **state)
{
	int old = runtime_GOMAXPROCS(4);

	(void)state;
	assert_int_equal(go_main(concurrentAcceptMain, NULL), 0);
	runtime_GOMAXPROCS(old);
}

// ---- TestTCPReadWriteAllocs ----

typedef struct allocsArg {
	net_Listener *ln;
	net_Conn *server, *client;
	runtime_hchan *errc; // chan error, 1
	runtime_hchan *ch;   // chan bool
	uint8_t buf[128];
	uint8_t bufwrt[128];
	sync_WaitGroup writerDone; // C: the writer is done with ch
} allocsArg;

static void
allocsAccept(void *arg)
{
	allocsArg *a = arg;
	go_error *err = net_Listener_Accept(a->ln, &a->server);

	runtime_chansend1(a->errc, &err);
}

// C: Go calls t.Fatal inside the measured function; here a failure is
// counted and reported after the measurement.
static void
writeThenReadFull(void *arg)
{
	allocsArg *a = arg;
	ssize_t n;
	size_t got;
	go_error *err = net_Conn_Write(a->server, a->buf, sizeof(a->buf), &n);

	if (err != NULL) {
		tError("Write", err);
		go_error_release(err);
		return;
	}
	if ((err = ioReadFull(a->client, a->buf, sizeof(a->buf), &got)) != NULL) {
		tError("ReadFull", err);
		go_error_release(err);
	}
}

static void
allocsWriter(void *arg)
{
	allocsArg *a = arg;
	bool more;

	while (runtime_chanrecv2(a->ch, &more) && more) {
		ssize_t n;
		go_error *err = net_Conn_Write(a->server, a->bufwrt, sizeof(a->bufwrt), &n);

		runtime_chansend1(a->errc, &err);
	}
	sync_WaitGroup_Done(&a->writerDone);
}

static void
sendThenReadFull(void *arg)
{
	allocsArg *a = arg;
	bool t = true;
	size_t got;
	go_error *err;

	runtime_chansend1(a->ch, &t);
	if ((err = ioReadFull(a->client, a->buf, sizeof(a->buf), &got)) != NULL) {
		tError("ReadFull", err);
		go_error_release(err);
	}
	runtime_chanrecv1(a->errc, &err);
	if (err != NULL) {
		tError("Write", err);
		go_error_release(err);
	}
}

GO_TEST(TestTCPReadWriteAllocs)
{
	static allocsArg a;
	go_error *err = net_Listen("tcp", "127.0.0.1:0", &a.ln);
	uint64_t allocs;
	char *addr;

	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	// C: the counter itself works (a malloc between two readings shows).
	uint64_t m0 = atomic_load(&mallocs);
	void *volatile p = malloc(16);
	free(p);
	assert_true(atomic_load(&mallocs) > m0);

	a.errc = runtime_makechan(sizeof(go_error *), 1);
	go(allocsAccept, &a);
	addr = lnAddr(a.ln);
	if ((err = net_Dial("tcp", addr, &a.client)) != NULL)
		fail_msg("%s", go_error_Error(err));
	free(addr);
	runtime_chanrecv1(a.errc, &err);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));

	allocs = AllocsPerRun(1000, writeThenReadFull, &a);
	assert_int_equal(atomic_load(&failures), 0);
	if (allocs > 0)
		fail_msg("got %llu; want 0", (unsigned long long)allocs);

	a.ch = runtime_makechan(sizeof(bool), 0);
	sync_WaitGroup_Add(&a.writerDone, 1);
	go(allocsWriter, &a);
	allocs = AllocsPerRun(1000, sendThenReadFull, &a);
	assert_int_equal(atomic_load(&failures), 0);
	if (allocs > 0)
		fail_msg("got %llu; want 0", (unsigned long long)allocs);

	runtime_closechan(a.ch); // Go: defer close(ch)
	sync_WaitGroup_Wait(&a.writerDone);
	closeConn(a.server);
	closeConn(a.client);
	closeListener(a.ln);
	runtime_chanfree(a.ch);
	runtime_chanfree(a.errc);
	assertNoLeak();
}

// ---- TestTCPStress ----

enum { stressConns = 2, msgLen = 512 };
static int msgs;

static bool
sendMsg(net_Conn *c, uint8_t *buf, size_t len)
{
	ssize_t n = 0;
	go_error *err = net_Conn_Write(c, buf, len, &n);

	if ((size_t)n != len || err != NULL) {
		fprintf(stderr, "%s\n", err ? go_error_Error(err) : "short write");
		go_error_release(err);
		return false;
	}
	return true;
}

static bool
recvMsg(net_Conn *c, uint8_t *buf, size_t len)
{
	for (size_t read = 0; read != len;) {
		ssize_t n = 0;
		go_error *err = net_Conn_Read(c, buf, len, &n);

		read += (size_t)n;
		if (err != NULL) {
			fprintf(stderr, "%s\n", go_error_Error(err));
			go_error_release(err);
			return false;
		}
	}
	return true;
}

typedef struct stressArg {
	net_Listener *ln;
	runtime_hchan *done; // chan bool
} stressArg;

static void
stressServerConn(void *arg)
{
	net_Conn *c = arg;
	uint8_t buf[msgLen];

	for (int m = 0; m < msgs; m++) {
		if (!recvMsg(c, buf, sizeof(buf)) || !sendMsg(c, buf, sizeof(buf)))
			break;
	}
	closeConn(c); // Go: defer c.Close()
}

static void
stressAcceptor(void *arg)
{
	stressArg *a = arg;
	bool t = true;

	for (;;) {
		net_Conn *c;
		go_error *err = net_Listener_Accept(a->ln, &c);

		if (err != NULL) {
			go_error_release(err);
			break;
		}
		go(stressServerConn, c);
	}
	runtime_chansend1(a->done, &t);
}

static void
stressClient(void *arg)
{
	stressArg *a = arg;
	bool t = true;
	char *addr = lnAddr(a->ln);
	net_Conn *c;
	go_error *err = net_Dial("tcp", addr, &c);

	free(addr);
	if (err != NULL) {
		fprintf(stderr, "%s\n", go_error_Error(err));
		go_error_release(err);
	} else {
		uint8_t buf[msgLen] = {0};

		for (int m = 0; m < msgs; m++) {
			if (!sendMsg(c, buf, sizeof(buf)) || !recvMsg(c, buf, sizeof(buf)))
				break;
		}
		closeConn(c);
	}
	runtime_chansend1(a->done, &t);
}

// C: 1e4 messages as Go's, 1e2 (Go's -short count) under valgrind.
GO_TEST(TestTCPStress)
{
	stressArg a = {0};
	go_error *err;

	msgs = testUnderValgrind() ? 100 : 10000;
	if ((err = net_Listen("tcp", "127.0.0.1:0", &a.ln)) != NULL)
		fail_msg("%s", go_error_Error(err));
	// C: buffered (Go's is not), so that no sender is left parked with a
	// sudog when the test returns (see timeout_test.c).
	a.done = runtime_makechan(sizeof(bool), stressConns + 1);
	go(stressAcceptor, &a);
	for (int i = 0; i < stressConns; i++)
		go(stressClient, &a);
	for (int i = 0; i < stressConns; i++)
		runtime_chanrecv1(a.done, NULL);
	go_error_release(net_Listener_Close(a.ln));
	runtime_chanrecv1(a.done, NULL);
	net_Listener_Free(a.ln);
	runtime_chanfree(a.done);
	// The server conns close themselves once their client is gone.
	for (int i = 0; i < 100 && testOpenSockets() != socketsAtStart; i++)
		time_Sleep(10 * time_Millisecond);
	assertNoLeak();
}

// ---- TestTCPBig ----

typedef struct bigArg {
	net_Listener *ln;
	size_t x;
	runtime_hchan *done; // chan int, closed
} bigArg;

static void
bigServer(void *arg)
{
	bigArg *a = arg;
	net_Conn *c;
	go_error *err = net_Listener_Accept(a->ln, &c);

	if (err != NULL) {
		tError("Accept", err);
		go_error_release(err);
	} else {
		uint8_t *buf = calloc(1, a->x);
		ssize_t n = 0;

		err = net_Conn_Write(c, buf, a->x, &n);
		if ((size_t)n != a->x || err != NULL) {
			fprintf(stderr, "Write(buf) = %zd, %s, want %zu, nil\n", n,
				err ? go_error_Error(err) : "<nil>", a->x);
			atomic_fetch_add(&failures, 1);
		}
		go_error_release(err);
		free(buf);
		closeConn(c);
	}
	runtime_closechan(a->done);
}

// C: Go runs this only with -tcpbig, with just over 5 GB per call. Here it
// always runs: with 64 MiB + 1 MiB (8 MiB + 1 MiB under valgrind), or
// with Go's size when GONET_TCPBIG=1. Only the writev=false half: gonet
// has no net.Buffers.
GO_TEST(TestTCPBig)
{
	const char *big = getenv("GONET_TCPBIG");
	bigArg a = {.ln = newLocalListener("tcp", NULL)};
	size_t x;

	if (big != NULL && strcmp(big, "1") == 0)
		x = ((size_t)1 << 30) * 5 + ((size_t)1 << 20); // just over 5 GB on 64-bit
	else
		x = ((size_t)(testUnderValgrind() ? 8 : 64) << 20) + ((size_t)1 << 20);
	a.x = x;
	a.done = runtime_makechan(sizeof(int), 0);
	go(bigServer, &a);

	char *addr = lnAddr(a.ln);
	net_Conn *c;
	go_error *err = net_Dial("tcp", addr, &c);
	free(addr);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	uint8_t *buf = malloc(x);
	size_t n;
	err = ioReadFull(c, buf, x, &n);
	if (n != x || err != NULL)
		fail_msg("Read(buf) = %zu, %s, want %zu, nil", n,
			 err ? go_error_Error(err) : "<nil>", x);
	free(buf);
	closeConn(c);
	runtime_chanrecv1(a.done, NULL);
	runtime_chanfree(a.done);
	closeListener(a.ln);
	assertNoLeak();
}

// ---- TestCopyPipeIntoTCP ----

// Go's *os.File from os.Pipe, as an io.Reader: the read end made
// non-blocking and registered with the poller, as os.Pipe's files are.
typedef struct pipeFile {
	io_Reader r; // C: the interface header
	poll_FD pfd;
} pipeFile;

static go_error *
pipeFile_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	pipeFile *f = (pipeFile *)r;

	return poll_FD_Read(&f->pfd, p, len, n);
}

static const io_Reader_methods pipeFile_methods = {.type = "*os.File", .Read = pipeFile_Read};

static void
pipeFile_open(pipeFile *f, int fd)
{
	memset(f, 0, sizeof(*f));
	f->r.m = &pipeFile_methods;
	f->pfd.Sysfd = fd;
	f->pfd.IsStream = true;
	f->pfd.ZeroReadIsEOF = true;
	assert_int_equal(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK), 0);
	assert_null(poll_FD_Init(&f->pfd, "file", true));
}

typedef struct copyPipeArg {
	net_Listener *ln;
	runtime_hchan *errc;  // chan error, 1
	runtime_hchan *errc2; // chan error, 1
	net_Conn *c;
	pipeFile *r;
} copyPipeArg;

static void
copyPipeServer(void *arg)
{
	copyPipeArg *a = arg;
	net_Conn *c;
	go_error *err = net_Listener_Accept(a->ln, &c);

	if (err != NULL) {
		runtime_chansend1(a->errc, &err);
		return;
	}
	uint8_t buf[100];
	size_t n;
	err = ioReadFull(c, buf, sizeof(buf), &n);
	if (err != io_ErrUnexpectedEOF || n != 2) {
		go_error *e = errors_Newf("got err=\"%s\" n=%zu; want err=\"%s\" n=2",
					  err ? go_error_Error(err) : "<nil>", n,
					  go_error_Error(io_ErrUnexpectedEOF));
		go_error_release(err);
		closeConn(c);
		runtime_chansend1(a->errc, &e);
		return;
	}
	closeConn(c); // Go: defer c.Close()
	err = NULL;
	runtime_chansend1(a->errc, &err);
}

// Go: io.Copy(c, r): the TCPConn is an io.ReaderFrom, so Copy is
// c.ReadFrom(r).
static void
copyPipeCopy(void *arg)
{
	copyPipeArg *a = arg;
	int64_t n;
	go_error *err = net_TCPConn_ReadFrom(net_Conn_TCPConn(a->c), &a->r->r, &n);

	runtime_chansend1(a->errc2, &err);
}

GO_TEST(TestCopyPipeIntoTCP)
{
	copyPipeArg a = {.ln = newLocalListener("tcp", NULL)};
	pipeFile r;
	int p[2];
	go_error *err;
	char *addr;

	a.errc = runtime_makechan(sizeof(go_error *), 1);
	a.errc2 = runtime_makechan(sizeof(go_error *), 1);
	go(copyPipeServer, &a);

	addr = lnAddr(a.ln);
	if ((err = net_Dial("tcp", addr, &a.c)) != NULL)
		fail_msg("%s", go_error_Error(err));
	free(addr);

	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	pipeFile_open(&r, p[0]);
	a.r = &r;
	go(copyPipeCopy, &a);

	// Split write into 2 packets. That makes Windows TransmitFile drop
	// second packet.
	uint8_t packet[1] = {0};
	assert_int_equal(write(p[1], packet, 1), 1);
	time_Sleep(100 * time_Millisecond);
	assert_int_equal(write(p[1], packet, 1), 1);

	// The deferred calls, in Go's order.
	close(p[1]); // w.Close()
	runtime_chanrecv1(a.errc2, &err);
	if (err != NULL)
		fail_msg("io.Copy: %s", go_error_Error(err));
	assert_null(poll_FD_Close(&r.pfd)); // r.Close()
	closeConn(a.c);                     // c.Close()
	runtime_chanrecv1(a.errc, &err);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	closeListener(a.ln);
	runtime_chanfree(a.errc);
	runtime_chanfree(a.errc2);
	assertNoLeak();
}

// ---- TestResolveTCPAddr ----

typedef struct resolveTCPAddrTest {
	const char *network;
	const char *litAddrOrName;
	bool ok;          // C: Go's addr != nil
	net_TCPAddr addr; // when ok
	const char *err;  // C: Go's err as "type: text", or NULL
} resolveTCPAddrTest;

#define TCPA(...)                                                                                  \
	{                                                                                          \
		.addr = {&net_TCPAddr_methods}, __VA_ARGS__                                        \
	}

// C: Go's reflect.DeepEqual of two *TCPAddr.
static bool
tcpAddrDeepEqual(const net_TCPAddr *a, const net_TCPAddr *b)
{
	return a->IP.len == b->IP.len && memcmp(a->IP.b, b->IP.b, a->IP.len) == 0 &&
	       a->Port == b->Port && strcmp(a->Zone, b->Zone) == 0;
}

// C: Go's reflect.DeepEqual of the error with the table's, by dynamic
// type and text.
static bool
errDeepEqual(go_error *err, const char *want)
{
	char buf[256];

	if (err == NULL || want == NULL)
		return err == NULL && want == NULL;
	snprintf(buf, sizeof(buf), "%s: %s", err->m->type, go_error_Error(err));
	return strcmp(buf, want) == 0;
}

GO_TEST(TestResolveTCPAddr)
{
	const resolveTCPAddrTest resolveTCPAddrTests[] = {
		{"tcp", "127.0.0.1:0", true, TCPA(.IP = net_IPv4(127, 0, 0, 1), .Port = 0), NULL},
		{"tcp4", "127.0.0.1:65535", true, TCPA(.IP = net_IPv4(127, 0, 0, 1), .Port = 65535),
		 NULL},

		{"tcp", "[::1]:0", true, TCPA(.IP = net_ParseIP("::1"), .Port = 0), NULL},
		{"tcp6", "[::1]:65535", true, TCPA(.IP = net_ParseIP("::1"), .Port = 65535), NULL},

		{"tcp", "[::1%en0]:1", true,
		 TCPA(.IP = net_ParseIP("::1"), .Port = 1, .Zone = "en0"), NULL},
		{"tcp6", "[::1%911]:2", true,
		 TCPA(.IP = net_ParseIP("::1"), .Port = 2, .Zone = "911"), NULL},

		{"", "127.0.0.1:0", true, TCPA(.IP = net_IPv4(127, 0, 0, 1), .Port = 0),
		 NULL}, // Go 1.0 behavior
		{"", "[::1]:0", true, TCPA(.IP = net_ParseIP("::1"), .Port = 0),
		 NULL}, // Go 1.0 behavior

		{"tcp", ":12345", true, TCPA(.Port = 12345), NULL},

		{"http", "127.0.0.1:0", false, TCPA(.Port = 0),
		 "net.UnknownNetworkError: unknown network http"},

		{"tcp", "127.0.0.1:http", true, TCPA(.IP = net_ParseIP("127.0.0.1"), .Port = 80),
		 NULL},
		{"tcp", "[::ffff:127.0.0.1]:http", true,
		 TCPA(.IP = net_ParseIP("::ffff:127.0.0.1"), .Port = 80), NULL},
		{"tcp", "[2001:db8::1]:http", true,
		 TCPA(.IP = net_ParseIP("2001:db8::1"), .Port = 80), NULL},
		{"tcp4", "127.0.0.1:http", true, TCPA(.IP = net_ParseIP("127.0.0.1"), .Port = 80),
		 NULL},
		{"tcp4", "[::ffff:127.0.0.1]:http", true,
		 TCPA(.IP = net_ParseIP("127.0.0.1"), .Port = 80), NULL},
		{"tcp6", "[2001:db8::1]:http", true,
		 TCPA(.IP = net_ParseIP("2001:db8::1"), .Port = 80), NULL},

		{"tcp4", "[2001:db8::1]:http", false, TCPA(.Port = 0),
		 "*net.AddrError: address 2001:db8::1: no suitable address found"},
		{"tcp6", "127.0.0.1:http", false, TCPA(.Port = 0),
		 "*net.AddrError: address 127.0.0.1: no suitable address found"},
		{"tcp6", "[::ffff:127.0.0.1]:http", false, TCPA(.Port = 0),
		 "*net.AddrError: address ::ffff:127.0.0.1: no suitable address found"},
	};
	int nfail = 0;

	net_testHookLookupIP = lookupLocalhost;
	for (size_t i = 0; i < nelem(resolveTCPAddrTests); i++) {
		const resolveTCPAddrTest *tt = &resolveTCPAddrTests[i];
		net_TCPAddr addr;
		go_error *err = net_ResolveTCPAddr(tt->network, tt->litAddrOrName, &addr);
		bool ok = err == NULL;

		if (ok != tt->ok || (ok && !tcpAddrDeepEqual(&addr, &tt->addr)) ||
		    !errDeepEqual(err, tt->err)) {
			char *s = ok ? net_TCPAddr_String(&addr) : strdup("<nil>");

			print_error("ResolveTCPAddr(\"%s\", \"%s\") = %s, %s, want %s\n",
				    tt->network, tt->litAddrOrName, s,
				    err ? go_error_Error(err) : "<nil>",
				    tt->err ? tt->err : "<nil>");
			free(s);
			go_error_release(err);
			nfail++;
			continue;
		}
		if (err == NULL) {
			char *as = net_TCPAddr_String(&addr);
			net_TCPAddr addr2;

			err = net_ResolveTCPAddr(net_TCPAddr_Network(&addr), as, &addr2);
			if (err != NULL || !tcpAddrDeepEqual(&addr2, &tt->addr)) {
				print_error(
					"(\"%s\", \"%s\"): ResolveTCPAddr(\"%s\", \"%s\") = %s\n",
					tt->network, tt->litAddrOrName, net_TCPAddr_Network(&addr),
					as, err ? go_error_Error(err) : "unequal address");
				nfail++;
			}
			free(as);
		}
		go_error_release(err);
	}
	net_testHookLookupIP = NULL;
	assert_int_equal(nfail, 0);
	assertNoLeak();
}

// ---- closing a lingering socket ----

// Writes to c until a write times out, that is until both sides' buffers
// are full: the peer never reads, so what c holds stays unsent. How much that
// takes depends on the kernel's buffer autotuning (tcp_wmem, tcp_rmem), so
// it writes until blocked rather than a fixed amount.
static void
fillUntilBlocked(net_Conn *c)
{
	static uint8_t buf[1 << 20];
	size_t total = 0;

	for (;;) {
		go_error *err;
		ssize_t n = 0;

		assert_null(net_Conn_SetWriteDeadline(
			c, time_Time_Add(time_Now(), 200 * time_Millisecond)));
		err = net_Conn_Write(c, buf, sizeof(buf), &n);
		total += (size_t)n;
		if (err != NULL) {
			assert_true(isDeadlineExceeded(err));
			go_error_release(err);
			break;
		}
		if (total > (1u << 30))
			fail_msg("wrote %zu bytes to a peer that never reads", total);
	}
	assert_true(total > 0);
	assert_null(net_Conn_SetWriteDeadline(c, (time_Time){0}));
}

static int
closeLingerMain(void *unused)
{
	net_Listener *ln;
	net_Conn *c, *s;
	char *addr;
	time_Time t0;
	time_Duration took, stall;

	(void)unused;
	assert_null(net_Listen("tcp", "127.0.0.1:0", &ln));
	addr = net_Addr_String(net_Listener_Addr(ln));
	assert_null(net_Dial("tcp", addr, &c));
	assert_null(net_Listener_Accept(ln, &s));
	fillUntilBlocked(c);
	assert_null(net_TCPConn_SetLinger(net_Conn_TCPConn(c), 1));
	stallWatchStart();
	t0 = time_Now();
	assert_null(net_Conn_Close(c)); // blocks in close(2) for the linger second
	took = time_Since(t0);
	stall = stallWatchStop();
	net_Conn_Free(c);
	assert_null(net_Conn_Close(s));
	net_Conn_Free(s);
	assert_null(net_Listener_Close(ln));
	net_Listener_Free(ln);
	free(addr);
	// Go's numbers with the same program: close 1.023 s, longest gap
	// 0.002 s. Before syscall_Close told the scheduler: 1.025 s and 1.026 s.
	if (took < 500 * time_Millisecond)
		fail_msg("close took %.3f s; want about the linger second", (double)took / 1e9);
	if (stall > 300 * time_Millisecond)
		fail_msg("the other goroutine stood still %.3f s while close blocked",
			 (double)stall / 1e9);
	return 0;
}

// C: close(2) on a socket with SO_LINGER blocks for up to the linger time
// when data is unsent. With one P, the other goroutines must go on
// meanwhile, as in Go, whose Close is a Syscall (entersyscall): sysmon
// hands the P to another M.
static void
TestCloseLingerLeavesP(void **state)
{
	(void)state;
	if (testUnderValgrind())
		skip(); // timing only
	assert_int_equal(runWithProcs(1, closeLingerMain, NULL), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestTCPListenerName, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestTCPConcurrentAccept, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestTCPReadWriteAllocs, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestTCPStress, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestTCPBig, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestCopyPipeIntoTCP, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestResolveTCPAddr, setup, socktestTeardown),
	cmocka_unit_test_setup_teardown(TestCloseLingerLeavesP, setup, socktestTeardown),
};

GONET_TEST_MAIN(tests)

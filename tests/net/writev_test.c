// C port of go1.19 src/net/writev_test.go, and tests of what C adds: the
// iovec form of Buffers (what is consumed, what is cleared, the bytes
// never written), the per-run path for writers without writev, and
// io_Copy's WriterTo and ReaderFrom shortcuts.
#include "gotest.h"

#include <stdlib.h>
#include <string.h>

#include "errors/errors.h"
#include "io/io.h"
#include "mockserver.h"
#include "net/net_impl.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"

// Buffers of string literals; NULL is Go's nil []byte.
static void
fillBuffers(struct iovec *v, const char *const *runs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = (struct iovec){(void *)runs[i], runs[i] != NULL ? strlen(runs[i]) : 0};
}

/* Go: net/writev_test.go TestBuffers_read */
static void
TestBuffers_read(void **state)
{
	static const char story[] = "once upon a time in Gopherland ... ";
	static const char *const runs[] = {"once ", "upon ", "a ",
					   "time ", "in ",   "Gopherland ... "};
	struct iovec v[nelem(runs)];
	net_Buffers buffers = NET_BUFFERS(v, nelem(runs));
	uint8_t *got;
	size_t len;
	go_error *err;

	(void)state;
	fillBuffers(v, runs, nelem(runs));
	err = io_ReadAll(&buffers.reader, &got, &len);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	if (len != strlen(story) || memcmp(got, story, len) != 0)
		fail_msg("read %.*s; want %s", (int)len, (char *)got, story);
	free(got);
	assert_int_equal(buffers.n, 0); // Go: len(buffers) = %d; want 0
}

/* Go: net/writev_test.go TestBuffers_consume */
static void
TestBuffers_consume(void **state)
{
	static const struct {
		const char *in[4];
		size_t nin;
		int64_t consume;
		const char *want[4];
		size_t nwant;
	} tests[] = {
		{{"foo", "bar"}, 2, 0, {"foo", "bar"}, 2},
		{{"foo", "bar"}, 2, 2, {"o", "bar"}, 2},
		{{"foo", "bar"}, 2, 3, {"bar"}, 1},
		{{"foo", "bar"}, 2, 4, {"ar"}, 1},
		{{NULL, NULL, NULL, "bar"}, 4, 1, {"ar"}, 1},
		{{NULL, NULL, NULL, "foo"}, 4, 0, {"foo"}, 1},
		{{NULL, NULL, NULL}, 3, 0, {NULL}, 0},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		struct iovec v[4];
		net_Buffers in = NET_BUFFERS(v, tests[i].nin);
		bool ok;

		fillBuffers(v, tests[i].in, tests[i].nin);
		net_Buffers_consume(&in, tests[i].consume);
		ok = in.n == tests[i].nwant;
		for (size_t k = 0; ok && k < in.n; k++)
			ok = in.v[k].iov_len == strlen(tests[i].want[k]) &&
			     memcmp(in.v[k].iov_base, tests[i].want[k], in.v[k].iov_len) == 0;
		if (!ok)
			fail_msg("%zu. after consume(%lld): %zu runs, want %zu", i,
				 (long long)tests[i].consume, in.n, tests[i].nwant);
		// C: the runs dropped are cleared, as Go sets them to nil.
		for (struct iovec *p = v; p < in.v; p++)
			assert_null(p->iov_base);
	}
}

// Go: testBuffer_writeTo's writeLog, filled by poll.TestHookDidWritev.
static struct {
	sync_Mutex mu;
	int log[4096];
	size_t n;
} writeLog;

static void
logWritev(int size)
{
	sync_Mutex_Lock(&writeLog.mu);
	if (writeLog.n < nelem(writeLog.log))
		writeLog.log[writeLog.n++] = size;
	sync_Mutex_Unlock(&writeLog.mu);
}

typedef struct writeToEnv {
	uint8_t *want;
	size_t chunks;
	bool useCopy;
} writeToEnv;

static go_error *
writeToServer(net_TCPConn *c, void *env)
{
	writeToEnv *e = env;
	struct iovec *v = calloc(e->chunks + 1, sizeof(*v));
	net_Buffers buffers = NET_BUFFERS(v, e->chunks);
	go_error *err;
	int64_t n;

	for (size_t i = 0; i < e->chunks; i++)
		v[i] = (struct iovec){e->want + i, 1};
	if (e->useCopy)
		err = io_Copy(net_TCPConn_Writer(c), &buffers.reader, &n);
	else
		err = net_Buffers_WriteTo(&buffers, net_TCPConn_Writer(c), &n);
	free(v);
	if (err != NULL)
		return err;
	if (buffers.n != 0)
		return errors_Newf("len(buffers) = %zu; want 0", buffers.n);
	if (n != (int64_t)e->chunks)
		return errors_Newf("Buffers.WriteTo returned %lld; want %zu", (long long)n,
				   e->chunks);
	return NULL;
}

static go_error *
writeToClient(net_TCPConn *c, void *env)
{
	writeToEnv *e = env;
	size_t len, wantMinCalls = 0, gotSum = 0;
	uint8_t *all;
	go_error *err = io_ReadAll(net_TCPConn_Reader(c), &all, &len);
	bool same = len == e->chunks && (len == 0 || memcmp(all, e->want, len) == 0);

	free(all);
	if (!same || err != NULL) {
		go_error *r = errors_Newf("client read %zu bytes (%s), %s; want %zu, nil", len,
					  same ? "same" : "different",
					  err != NULL ? go_error_Error(err) : "<nil>", e->chunks);
		go_error_release(err);
		return r;
	}
	sync_Mutex_Lock(&writeLog.mu); // Go: no need to unlock
	for (size_t i = 0; i < writeLog.n; i++)
		gotSum += (size_t)writeLog.log[i];
	for (long v = (long)e->chunks; v > 0; v -= 1024) // Go: the linux row
		wantMinCalls++;
	if (writeLog.n < wantMinCalls)
		err = errors_Newf("write calls = %zu < wanted min %zu", writeLog.n, wantMinCalls);
	else if (gotSum != e->chunks)
		err = errors_Newf("writev call sum  = %zu; want %zu", gotSum, e->chunks);
	sync_Mutex_Unlock(&writeLog.mu);
	return err;
}

/* Go: net/writev_test.go testBuffer_writeTo */
static void
testBuffer_writeTo(size_t chunks, bool useCopy)
{
	void (*oldHook)(int) = poll_TestHookDidWritev;
	writeToEnv e = {malloc(chunks + 1), chunks, useCopy};

	poll_TestHookDidWritev = logWritev;
	writeLog.n = 0;
	for (size_t i = 0; i < chunks; i++)
		e.want[i] = (uint8_t)i;
	withTCPConnPair(writeToServer, writeToClient, &e);
	poll_TestHookDidWritev = oldHook; // Go: defer
	free(e.want);
}

/* Go: net/writev_test.go TestBuffers_WriteTo */
GO_TEST(TestBuffers_WriteTo)
{
	static const size_t sizes[] = {0, 10, 1023, 1024, 1025};

	for (int copy = 0; copy <= 1; copy++) // Go: "WriteTo", "Copy"
		for (size_t i = 0; i < nelem(sizes); i++)
			testBuffer_writeTo(sizes[i], copy == 1);
}

typedef struct acceptArgs {
	net_Listener *ln;
	runtime_hchan *ch; // chan net.Conn, closed when done
	go_error *err;
	sync_WaitGroup wg; // C: the goroutine has returned from its last use of ch
} acceptArgs;

static void
acceptOne(void *arg)
{
	acceptArgs *a = arg;
	net_Conn *c;

	a->err = net_Listener_Accept(a->ln, &c);
	if (a->err == NULL)
		runtime_chansend1(a->ch, &c);
	runtime_closechan(a->ch); // Go: defer close(ch)
	sync_WaitGroup_Done(&a->wg);
}

/* Go: net/writev_test.go TestWritevError */
GO_TEST(TestWritevError)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	acceptArgs a = {ln, runtime_makechan(sizeof(net_Conn *), 1), NULL, SYNC_WAITGROUP_INIT};
	char *addr = net_Addr_String(net_Listener_Addr(ln));
	net_Conn *c1, *c2 = NULL;
	go_error *err;
	int64_t n;

	sync_WaitGroup_Add(&a.wg, 1);
	go(acceptOne, &a);
	err = net_Dial("tcp", addr, &c1);
	free(addr);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	runtime_chanrecv1(a.ch, &c2);
	sync_WaitGroup_Wait(&a.wg); // C: before ch is freed, below
	if (c2 == NULL)
		fail_msg("no server side connection: %s", go_error_Error(a.err));
	go_error_release(net_Conn_Close(c2));
	net_Conn_Free(c2);

	// Go: 1 GB, reusing one 1 MB buffer, to notice the conn is gone.
	{
		uint8_t *buf = calloc(1, 1 << 20);
		struct iovec *v = calloc(1 << 10, sizeof(*v));
		net_Buffers buffers = NET_BUFFERS(v, 1 << 10);

		for (size_t i = 0; i < buffers.n; i++)
			v[i] = (struct iovec){buf, 1 << 20};
		err = net_Buffers_WriteTo(&buffers, net_TCPConn_Writer(net_Conn_TCPConn(c1)), &n);
		free(v);
		free(buf);
	}
	go_error_release(net_Conn_Close(c1)); // Go: defer c1.Close()
	net_Conn_Free(c1);
	go_error_release(net_Listener_Close(ln)); // Go: defer ln.Close()
	net_Listener_Free(ln);
	runtime_chanfree(a.ch);
	if (err == NULL)
		fail_msg("Buffers.WriteTo(closed conn) succeeded, want error");
	go_error_release(err);
}

// C: a writer without writeBuffers that takes `left` bytes and then fails.
// WriteTo writes to it run by run and consumes what was written, also on
// error; the expected values are what Go 1.19 prints for the same calls.
typedef struct failWriter {
	io_Writer w;
	size_t left;
	int calls;
} failWriter;

static go_error *
failWriter_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	failWriter *f = containerof(w, failWriter, w);

	(void)p;
	f->calls++;
	if (len > f->left) {
		*n = (ssize_t)f->left;
		f->left = 0;
		return errors_New("full");
	}
	f->left -= len;
	*n = (ssize_t)len;
	return NULL;
}

static const io_Writer_methods failWriterMethods = {.type = "*net.failWriter",
						    .Write = failWriter_Write};

static void
TestBuffersWriteToWriter(void **state)
{
	static const char *const runs[] = {"abc", "def", "gh"};
	struct iovec v[3];
	net_Buffers b = NET_BUFFERS(v, 3);
	failWriter f = {{&failWriterMethods}, 4, 0};
	go_error *err;
	int64_t n;

	(void)state;
	fillBuffers(v, runs, 3);
	err = net_Buffers_WriteTo(&b, &f.w, &n);
	// Go: 4 full ["ef" "gh"]
	assert_non_null(err);
	assert_string_equal(go_error_Error(err), "full");
	go_error_release(err);
	assert_int_equal(n, 4);
	assert_int_equal(f.calls, 2);
	assert_int_equal(b.n, 2);
	assert_int_equal(b.v[0].iov_len, 2);
	assert_memory_equal(b.v[0].iov_base, "ef", 2);
	assert_ptr_equal(b.v[1].iov_base, runs[2]);
	assert_null(v[0].iov_base);          // dropped runs are cleared
	assert_string_equal(runs[0], "abc"); // the bytes are never written

	// A writer that takes everything: every run written, none left.
	fillBuffers(v, runs, 3);
	b = NET_BUFFERS(v, 3);
	f = (failWriter){{&failWriterMethods}, 100, 0};
	assert_null(net_Buffers_WriteTo(&b, &f.w, &n));
	assert_int_equal(n, 8);
	assert_int_equal(b.n, 0);
	assert_int_equal(f.left, 92);
}

static void
TestBuffersRead(void **state)
{
	static const char *const runs[] = {"abc", NULL, "def"};
	struct iovec v[3];
	net_Buffers b = NET_BUFFERS(v, 3);
	uint8_t p[4];
	ssize_t k;

	(void)state;
	fillBuffers(v, runs, 3);
	// Go: 4 <nil> "abcd" ["ef"], then 2 EOF "ef" [], then 0 EOF.
	assert_null(net_Buffers_Read(&b, p, sizeof(p), &k));
	assert_int_equal(k, 4);
	assert_memory_equal(p, "abcd", 4);
	assert_int_equal(b.n, 1);
	assert_ptr_equal(net_Buffers_Read(&b, p, sizeof(p), &k), io_EOF);
	assert_int_equal(k, 2);
	assert_memory_equal(p, "ef", 2);
	assert_ptr_equal(net_Buffers_Read(&b, p, 0, &k), io_EOF);
	assert_int_equal(k, 0);
}

static go_error *
idlePeer(net_TCPConn *c, void *env)
{
	(void)c;
	(void)env;
	return NULL;
}

// C: after Close, WriteTo fails as Go's does ("writev tcp L->R: use of
// closed network connection", wrapping ErrClosed) and consumes nothing.
static go_error *
writeToClosed(net_TCPConn *c, void *env)
{
	static const char *const runs[] = {"ab", "cd"};
	struct iovec v[2];
	net_Buffers b = NET_BUFFERS(v, 2);
	go_error *err, *r = NULL;
	const char *msg;
	int64_t n = -1;

	(void)env;
	go_error_release(net_TCPConn_Close(c));
	fillBuffers(v, runs, 2);
	err = net_Buffers_WriteTo(&b, net_TCPConn_Writer(c), &n);
	msg = err != NULL ? go_error_Error(err) : "<nil>";
	if (err == NULL || !errors_Is(err, net_ErrClosed) ||
	    strncmp(msg, "writev tcp 127.0.0.1:", 21) != 0 || strstr(msg, "->127.0.0.1:") == NULL ||
	    strstr(msg, ": use of closed network connection") == NULL)
		r = errors_Newf("WriteTo(closed conn) = %s", msg);
	else if (n != 0 || b.n != 2 || b.v != v)
		r = errors_Newf("WriteTo(closed conn) wrote %lld, left %zu runs; want 0, 2",
				(long long)n, b.n);
	go_error_release(err);
	return r;
}

GO_TEST(TestBuffersWriteToClosed)
{
	withTCPConnPair(idlePeer, writeToClosed, NULL);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(TestBuffers_read),
		cmocka_unit_test(TestBuffers_consume),
		cmocka_unit_test_setup_teardown(TestBuffers_WriteTo, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestWritevError, netTestSetup, netTestTeardown),
		cmocka_unit_test(TestBuffersWriteToWriter),
		cmocka_unit_test(TestBuffersRead),
		cmocka_unit_test_setup_teardown(TestBuffersWriteToClosed, netTestSetup,
						netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

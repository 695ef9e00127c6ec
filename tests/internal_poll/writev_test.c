// C port of go1.19 src/internal/poll/writev_test.go (TestConsume), and
// tests of FD.Writev itself on socketpairs (Go tests it through net's
// Buffers tests): everything arrives in order, more than maxVec buffers
// take several calls, a full socket parks the writer, and the buffers are
// consumed as written.
#include "gotest.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal_poll/poll_impl.h"
#include "io/io.h"
#include "polltest.h"
#include "sync/sync.h"
#include "time/time.h"

#define B(s)                                                                                       \
	{                                                                                          \
		(void *)(s), sizeof(s) - 1                                                         \
	}
#define NIL                                                                                        \
	{                                                                                          \
		NULL, 0                                                                            \
	}

/* Go: internal/poll/writev_test.go TestConsume */
static void
TestConsume(void **state)
{
	static const struct {
		struct iovec in[4];
		size_t nin;
		int64_t consume;
		const char *want[2]; // C: the remaining buffers as strings
		size_t nwant;
	} tests[] = {
		{{B("foo"), B("bar")}, 2, 0, {"foo", "bar"}, 2},
		{{B("foo"), B("bar")}, 2, 2, {"o", "bar"}, 2},
		{{B("foo"), B("bar")}, 2, 3, {"bar"}, 1},
		{{B("foo"), B("bar")}, 2, 4, {"ar"}, 1},
		{{NIL, NIL, NIL, B("bar")}, 4, 1, {"ar"}, 1},
		{{NIL, NIL, NIL, B("foo")}, 4, 0, {"foo"}, 1},
		{{NIL, NIL, NIL}, 3, 0, {NULL}, 0},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		struct iovec buf[4], *in = buf;
		size_t nin = tests[i].nin, consumedBefore;
		bool ok;

		memcpy(buf, tests[i].in, sizeof(buf));
		poll_consume(&in, &nin, tests[i].consume);
		ok = nin == tests[i].nwant;
		for (size_t j = 0; ok && j < nin; j++)
			ok = in[j].iov_len == strlen(tests[i].want[j]) &&
			     memcmp(in[j].iov_base, tests[i].want[j], in[j].iov_len) == 0;
		if (!ok)
			fail_msg("%zu. after consume(%lld): %zu buffers left, want %zu", i,
				 (long long)tests[i].consume, nin, tests[i].nwant);
		// C: Go sets the dropped entries to nil; so does consume.
		consumedBefore = (size_t)(in - buf);
		for (size_t j = 0; j < consumedBefore; j++) {
			assert_null(buf[j].iov_base);
			assert_int_equal(buf[j].iov_len, 0);
		}
	}
}

// What a reader goroutine got from the other end of the pair.
typedef struct reader {
	poll_FD *fd;
	size_t want;
	uint8_t *got;
	size_t n;
	time_Duration pause; // sleep between reads (makes the writer block)
	_Atomic int failed;
	sync_WaitGroup wg;
} reader;

static void
readAll(void *arg)
{
	reader *r = arg;

	while (r->n < r->want) {
		ssize_t n;
		size_t chunk = r->want - r->n > 8192 ? 8192 : r->want - r->n;
		go_error *err = poll_FD_Read(r->fd, r->got + r->n, chunk, &n);
		if (err != NULL) {
			go_error_release(err);
			atomic_store(&r->failed, 1);
			break;
		}
		r->n += (size_t)n;
		if (r->pause > 0)
			time_Sleep(r->pause);
	}
	sync_WaitGroup_Done(&r->wg);
}

static _Atomic int writevCalls;
static _Atomic int64_t writevTotal;

static void
countWritev(int wrote)
{
	atomic_fetch_add(&writevCalls, 1);
	atomic_fetch_add(&writevTotal, wrote);
}

// Writes nbuf buffers of size each through Writev while a goroutine reads,
// and checks the bytes, the consumed list and the number of writev calls.
static void
writevRoundTrip(size_t nbuf, size_t size, time_Duration pause, int minCalls)
{
	poll_FD a, b;
	struct iovec *bufs = calloc(nbuf, sizeof(*bufs)), *v = bufs;
	size_t nv = nbuf, total = nbuf * size;
	uint8_t *data = malloc(total);
	reader r = {.want = total, .pause = pause};
	int64_t n;
	go_error *err;
	void (*oldHook)(int) = poll_TestHookDidWritev;

	for (size_t i = 0; i < total; i++)
		data[i] = (uint8_t)(i * 7 + i / 251);
	for (size_t i = 0; i < nbuf; i++) {
		bufs[i].iov_base = data + i * size;
		bufs[i].iov_len = size;
	}
	pollSocketpair(SOCK_STREAM, &a, &b);
	r.fd = &b;
	r.got = malloc(total);
	atomic_store(&writevCalls, 0);
	atomic_store(&writevTotal, 0);
	poll_TestHookDidWritev = countWritev;
	sync_WaitGroup_Add(&r.wg, 1);
	go(readAll, &r);

	err = poll_FD_Writev(&a, &v, &nv, &n);
	assert_null(err);
	assert_int_equal(n, (int64_t)total);
	assert_int_equal(nv, 0); // all consumed
	assert_ptr_equal(v, bufs + nbuf);
	for (size_t i = 0; i < nbuf; i++)
		assert_null(bufs[i].iov_base);

	sync_WaitGroup_Wait(&r.wg);
	assert_int_equal(atomic_load(&r.failed), 0);
	assert_int_equal(r.n, total);
	assert_memory_equal(r.got, data, total);
	assert_true(atomic_load(&writevCalls) >= minCalls);
	assert_int_equal(atomic_load(&writevTotal), (int64_t)total);
	poll_TestHookDidWritev = oldHook;

	pollClose(&a);
	pollClose(&b);
	free(r.got);
	free(data);
	free(bufs);
}

// C: several buffers, in order, in one call.
GO_TEST(TestWritevSmall)
{
	writevRoundTrip(3, 5, 0, 1);
}

// C: more buffers than one writev takes (maxVec = 1024): two calls at least.
GO_TEST(TestWritevManyBuffers)
{
	writevRoundTrip(2500, 3, 0, 3);
}

// C: more than the socket buffer holds, with a slow reader: the writer meets
// EAGAIN and parks in waitWrite until the reader drains the pair.
GO_TEST(TestWritevBlocks)
{
	writevRoundTrip(8, 256 * 1024, testUnderValgrind() ? 0 : time_Millisecond, 2);
}

// C: empty buffers are skipped, and a list of only empty buffers writes
// nothing (and does not call writev).
GO_TEST(TestWritevEmpty)
{
	poll_FD a, b;
	struct iovec bufs[3] = {{NULL, 0}, {(void *)"x", 0}, {NULL, 0}}, *v = bufs;
	size_t nv = 3;
	int64_t n = -1;
	void (*oldHook)(int) = poll_TestHookDidWritev;

	pollSocketpair(SOCK_STREAM, &a, &b);
	atomic_store(&writevCalls, 0);
	poll_TestHookDidWritev = countWritev;
	assert_null(poll_FD_Writev(&a, &v, &nv, &n));
	assert_int_equal(n, 0);
	assert_int_equal(atomic_load(&writevCalls), 0);
	poll_TestHookDidWritev = oldHook;
	pollClose(&a);
	pollClose(&b);
}

// C: Writev on a closed FD, and with an expired write deadline.
GO_TEST(TestWritevErrors)
{
	poll_FD a, b;
	struct iovec bufs[1] = {{(void *)"abc", 3}}, *v = bufs;
	size_t nv = 1;
	int64_t n = -1;
	go_error *err;

	pollSocketpair(SOCK_STREAM, &a, &b);
	assert_null(poll_FD_SetWriteDeadline(&a, pollIn(-time_Second)));
	err = poll_FD_Writev(&a, &v, &nv, &n);
	assert_ptr_equal(err, poll_ErrDeadlineExceeded);
	assert_int_equal(n, 0);
	assert_int_equal(nv, 1);
	pollClose(&a);
	err = poll_FD_Writev(&a, &v, &nv, &n);
	assert_ptr_equal(err, poll_ErrNetClosing);
	pollClose(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestConsume),           cmocka_unit_test(TestWritevSmall),
	cmocka_unit_test(TestWritevManyBuffers), cmocka_unit_test(TestWritevBlocks),
	cmocka_unit_test(TestWritevEmpty),       cmocka_unit_test(TestWritevErrors),
};

GONET_TEST_MAIN(tests)

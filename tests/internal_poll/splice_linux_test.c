// C port of go1.19 src/internal/poll/splice_linux_test.go
// (TestSplicePipePool), and tests of Splice, SendFile and CopyFileRange
// themselves (Go tests them through net's and os's ReadFrom tests).
#include "gotest.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "hooks/hooks.h"
#include "internal_poll/poll_impl.h"
#include "io/io.h"
#include "polltest.h"
#include "sync/sync.h"

// Go: closeHook, around CloseFunc. C: the descriptors still to be closed.
enum { N = 64 };
static int pending[2 * N];
static _Atomic int npending;
static go_error *(*origClose)(int);

static go_error *
hookedClose(int fd)
{
	for (int i = 0; i < 2 * N; i++) {
		if (pending[i] == fd) {
			pending[i] = -1;
			atomic_fetch_sub(&npending, 1);
		}
	}
	return origClose(fd);
}

static int splicePipePoolMain(void *arg);

/* Go: internal/poll/splice_linux_test.go TestSplicePipePool */
// C: Go waits for the GC to run the pipes' finalizers; here the pool keeps
// a bounded number of pipes, destroys the rest at putPipe, and
// poll_drainPipePool stands for the GC. Every pipe must end up closed
// through CloseFunc.
static void
TestSplicePipePool(void **state)
{
	(void)state;
	origClose = poll_CloseFunc;
	poll_CloseFunc = hookedClose;
	gotest_skipped = false;
	assert_int_equal(go_main(splicePipePoolMain, NULL), 0);
	poll_CloseFunc = origClose;
	if (gotest_skipped)
		skip();
}

static int
splicePipePoolMain(void *arg)
{
	poll_splicePipe *ps[N];
	const char *sc;

	(void)arg;
	atomic_store(&npending, 0);
	for (int i = 0; i < N; i++) {
		go_error *err = poll_getPipe(&ps[i], &sc);
		if (err != NULL) { // Go: t.Skipf("failed to create pipe ...")
			go_error_release(err);
			for (int k = 0; k < i; k++)
				poll_putPipe(ps[k]);
			poll_drainPipePool();
			gotest_skipped = true; // C: the case skips after go_main (gotest.h)
			return 0;
		}
		pending[2 * i] = ps[i]->rfd;
		pending[2 * i + 1] = ps[i]->wfd;
		atomic_fetch_add(&npending, 2);
	}
	for (int i = 0; i < N; i++)
		poll_putPipe(ps[i]);
	// The pool is bounded: most are closed already.
	assert_true(atomic_load(&npending) < 2 * N);
	poll_drainPipePool(); // C: runtime.GC() and the finalizers
	if (atomic_load(&npending) != 0)
		fail_msg("%d descriptors of pooled pipes not closed", atomic_load(&npending));
	// A pipe with data in it is destroyed, not pooled.
	{
		poll_splicePipe *p, *q;
		assert_null(poll_getPipe(&p, &sc));
		p->data = 1;
		pending[0] = p->rfd;
		pending[1] = p->wfd;
		atomic_store(&npending, 2);
		poll_putPipe(p);
		assert_int_equal(atomic_load(&npending), 0);
		assert_null(poll_getPipe(&q, &sc));
		poll_destroyPipe(q);
	}
	return 0;
}

typedef struct copier {
	poll_FD *src, *dst;
	int64_t remain, written;
	bool handled;
	const char *sc;
	go_error *err;
	sync_WaitGroup wg;
} copier;

static void
spliceOp(void *arg)
{
	copier *c = arg;

	c->err = poll_Splice(c->dst, c->src, c->remain, &c->written, &c->handled, &c->sc);
	sync_WaitGroup_Done(&c->wg);
}

// Reads len bytes from fd into buf.
static void
readFull(poll_FD *fd, uint8_t *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n;
		assert_null(poll_FD_Read(fd, buf + got, len - got, &n));
		got += (size_t)n;
	}
}

typedef struct feeder {
	poll_FD *fd;
	const uint8_t *p;
	size_t len;
	bool closeAfter;
} feeder;

static void
feed(void *arg)
{
	feeder *f = arg;
	ssize_t n;

	assert_null(poll_FD_Write(f->fd, f->p, f->len, &n));
	if (f->closeAfter)
		assert_null(poll_FD_Shutdown(f->fd, SHUT_WR));
}

// C: Splice between two stream socketpairs moves exactly the bytes sent,
// through the pool's pipe, and stops at EOF or after remain bytes.
GO_TEST(TestSplice)
{
	poll_FD srcW, src, dst, dstR;
	size_t len = 3 << 20; // several pipe-fulls
	uint8_t *data = malloc(len), *got = malloc(len);
	copier c = {.src = &src, .dst = &dst};
	feeder f = {.fd = &srcW, .p = data, .len = len, .closeAfter = true};

	for (size_t i = 0; i < len; i++)
		data[i] = (uint8_t)(i * 13 + i / 977);
	pollSocketpair(SOCK_STREAM, &srcW, &src);
	pollSocketpair(SOCK_STREAM, &dst, &dstR);

	// remain larger than the data: ends at EOF.
	c.remain = (int64_t)len * 2;
	go(feed, &f);
	sync_WaitGroup_Add(&c.wg, 1);
	go(spliceOp, &c);
	readFull(&dstR, got, len);
	sync_WaitGroup_Wait(&c.wg);
	assert_null(c.err);
	assert_true(c.handled);
	assert_string_equal(c.sc, "");
	assert_int_equal(c.written, (int64_t)len);
	assert_memory_equal(got, data, len);

	// remain smaller than the data: stops there.
	pollClose(&srcW);
	pollClose(&src);
	pollSocketpair(SOCK_STREAM, &srcW, &src);
	f.len = 1000;
	f.closeAfter = false;
	go(feed, &f);
	c.remain = 600;
	sync_WaitGroup_Add(&c.wg, 1);
	go(spliceOp, &c);
	readFull(&dstR, got, 600);
	sync_WaitGroup_Wait(&c.wg);
	assert_null(c.err);
	assert_int_equal(c.written, 600);
	assert_memory_equal(got, data, 600);

	// A closed source: handled, the closing error, named splice.
	pollClose(&src);
	c.remain = 10;
	c.err = poll_Splice(&dst, &src, 10, &c.written, &c.handled, &c.sc);
	assert_ptr_equal(c.err, poll_ErrNetClosing);
	assert_true(c.handled);
	assert_string_equal(c.sc, "splice");

	pollClose(&srcW);
	pollClose(&dst);
	pollClose(&dstR);
	poll_drainPipePool();
	free(data);
	free(got);
}

typedef struct sender {
	poll_FD *fd;
	int f;
	int64_t remain, written;
	go_error *err;
	sync_WaitGroup wg;
} sender;

static void
sendFileOp(void *arg)
{
	sender *s = arg;

	s->err = poll_SendFile(s->fd, s->f, s->remain, &s->written);
	sync_WaitGroup_Done(&s->wg);
}

// A temporary file holding len bytes of a pattern, at offset 0.
static int
tempFile(uint8_t *data, size_t len)
{
	char path[] = "/tmp/gonet_poll_XXXXXX";
	int f = mkstemp(path);

	assert_true(f >= 0);
	unlink(path);
	for (size_t i = 0; i < len; i++)
		data[i] = (uint8_t)(i * 5 + i / 1009);
	assert_int_equal(write(f, data, len), (ssize_t)len);
	assert_int_equal(lseek(f, 0, SEEK_SET), 0);
	return f;
}

// C: SendFile from a file to a socket that fills up (the sender parks in
// waitWrite), ending at the file's EOF.
GO_TEST(TestSendFile)
{
	size_t len = 1 << 20;
	uint8_t *data = malloc(len), *got = malloc(len);
	int f = tempFile(data, len);
	poll_FD a, b;
	sender s = {.fd = &a, .f = f, .remain = (int64_t)len + 100};

	pollSocketpair(SOCK_STREAM, &a, &b);
	sync_WaitGroup_Add(&s.wg, 1);
	go(sendFileOp, &s);
	readFull(&b, got, len);
	sync_WaitGroup_Wait(&s.wg);
	assert_null(s.err);
	assert_int_equal(s.written, (int64_t)len);
	assert_memory_equal(got, data, len);
	// A closed destination.
	pollClose(&a);
	assert_ptr_equal(poll_SendFile(&a, f, 1, &s.written), poll_ErrNetClosing);
	assert_int_equal(s.written, 0);
	pollClose(&b);
	close(f);
	free(data);
	free(got);
}

// C: CopyFileRange between two files (handled from Linux 5.3 on).
GO_TEST(TestCopyFileRange)
{
	size_t len = 300000;
	uint8_t *data = malloc(len), *got = malloc(len);
	poll_FD src = {.Sysfd = tempFile(data, len)}, dst = {0};
	char path[] = "/tmp/gonet_poll_XXXXXX";
	int64_t written;
	bool handled;
	int major, minor;

	dst.Sysfd = mkstemp(path);
	assert_true(dst.Sysfd >= 0);
	unlink(path);
	go_error_release(poll_FD_Init(&src, "file", true)); // regular files: blocking
	go_error_release(poll_FD_Init(&dst, "file", true));
	poll_kernelVersion(&major, &minor);
	assert_true(major > 0);
	assert_null(poll_CopyFileRange(&dst, &src, (int64_t)len + 10, &written, &handled));
	if (handled) {
		assert_int_equal(written, (int64_t)len);
		assert_int_equal(pread(dst.Sysfd, got, len, 0), (ssize_t)len);
		assert_memory_equal(got, data, len);
	} else {
		assert_int_equal(written, 0);
	}
	pollClose(&src);
	pollClose(&dst);
	free(data);
	free(got);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSplicePipePool),
	cmocka_unit_test(TestSplice),
	cmocka_unit_test(TestSendFile),
	cmocka_unit_test(TestCopyFileRange),
};

GONET_TEST_MAIN(tests)

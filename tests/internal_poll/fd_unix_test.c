// Tests of go1.19 src/internal/poll/fd_unix.go and fd_poll_runtime.go on
// pipes and socketpairs (Go tests these through net's and os's suites):
// reads and writes that park, deadlines in the past, firing, extended,
// shortened and cleared while a goroutine is blocked, Close unblocking
// blocked I/O, and the descriptor closed exactly once, after the last
// reference is dropped.
#include "gotest.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "hooks/hooks.h"
#include "internal_poll/poll_impl.h"
#include "io/io.h"
#include "polltest.h"
#include "sync/sync.h"
#include "time/time.h"

// Timings, scaled under valgrind.
#define ms(n) ((time_Duration)(n)*time_Millisecond * testTimeScale())

// C: the reads and writes of another goroutine, with their results.
typedef struct op {
	poll_FD *fd;
	uint8_t *buf;
	size_t len;
	ssize_t n;
	go_error *err;
	time_Duration took;
	time_Time end; // when the call returned
	_Atomic int started, done;
	sync_WaitGroup wg;
} op;

static void
readOp(void *arg)
{
	op *o = arg;
	time_Time t0 = time_Now();

	atomic_store(&o->started, 1);
	o->err = poll_FD_Read(o->fd, o->buf, o->len, &o->n);
	o->end = time_Now();
	o->took = time_Time_Sub(o->end, t0);
	atomic_store(&o->done, 1);
	sync_WaitGroup_Done(&o->wg);
}

static void
writeOp(void *arg)
{
	op *o = arg;
	time_Time t0 = time_Now();

	atomic_store(&o->started, 1);
	o->err = poll_FD_Write(o->fd, o->buf, o->len, &o->n);
	o->end = time_Now();
	o->took = time_Time_Sub(o->end, t0);
	atomic_store(&o->done, 1);
	sync_WaitGroup_Done(&o->wg);
}

static void
acceptOp(void *arg)
{
	op *o = arg;
	syscall_Sockaddr rsa;
	const char *errcall;
	int s;

	atomic_store(&o->started, 1);
	o->err = poll_FD_Accept(o->fd, &s, &rsa, &errcall);
	o->n = s;
	atomic_store(&o->done, 1);
	sync_WaitGroup_Done(&o->wg);
}

static void
start(op *o, void (*f)(void *))
{
	sync_WaitGroup_Add(&o->wg, 1);
	go(f, o);
	while (!atomic_load(&o->started))
		time_Sleep(time_Millisecond);
}

// Fills the socket's send buffer (and the peer's receive buffer).
static void
fill(poll_FD *fd)
{
	static uint8_t junk[65536];
	ssize_t n;
	go_error *err;

	for (;;) {
		err = syscall_Write(fd->Sysfd, junk, sizeof(junk), &n);
		if (err == syscall_EAGAIN)
			return;
		assert_null(err);
	}
}

// C: a pipe: what is written is read, a closed writer is EOF, and a
// zero-byte read returns at once.
GO_TEST(TestPipeReadWrite)
{
	poll_FD r, w;
	uint8_t buf[16];
	ssize_t n;
	op o = {.buf = buf, .len = sizeof(buf)};

	pollPipe(&r, &w);
	assert_null(poll_FD_Read(&r, buf, 0, &n));
	assert_int_equal(n, 0);
	// The reader parks until the writer writes.
	o.fd = &r;
	start(&o, readOp);
	time_Sleep(ms(10));
	assert_false(atomic_load(&o.done));
	assert_null(poll_FD_Write(&w, (const uint8_t *)"hello", 5, &n));
	assert_int_equal(n, 5);
	sync_WaitGroup_Wait(&o.wg);
	assert_null(o.err);
	assert_int_equal(o.n, 5);
	assert_memory_equal(buf, "hello", 5);
	pollClose(&w);
	assert_ptr_equal(poll_FD_Read(&r, buf, sizeof(buf), &n), io_EOF);
	assert_int_equal(n, 0);
	pollClose(&r);
	// A file's closing error is ErrFileClosing.
	assert_ptr_equal(poll_FD_Read(&r, buf, sizeof(buf), &n), poll_ErrFileClosing);
	assert_string_equal(go_error_Error(poll_ErrFileClosing), "use of closed file");
	assert_ptr_equal(poll_FD_Close(&r), poll_ErrFileClosing);
}

// C: a datagram pair: an empty datagram is not EOF (ZeroReadIsEOF false).
GO_TEST(TestDatagramZeroRead)
{
	poll_FD a, b;
	uint8_t buf[8];
	ssize_t n;

	pollSocketpair(SOCK_DGRAM, &a, &b);
	assert_null(poll_FD_Write(&a, (const uint8_t *)"", 0, &n));
	assert_null(poll_FD_Read(&b, buf, sizeof(buf), &n));
	assert_int_equal(n, 0);
	pollClose(&a);
	pollClose(&b);
}

// C: a deadline in the past fails reads and writes at once, even when the
// descriptor is ready, with ErrDeadlineExceeded.
GO_TEST(TestPastDeadline)
{
	poll_FD a, b;
	uint8_t buf[8];
	ssize_t n;
	go_error *err;

	pollSocketpair(SOCK_STREAM, &a, &b);
	assert_null(poll_FD_Write(&b, (const uint8_t *)"x", 1, &n));
	assert_null(poll_FD_SetReadDeadline(&a, pollIn(-time_Second)));
	err = poll_FD_Read(&a, buf, sizeof(buf), &n);
	assert_ptr_equal(err, poll_ErrDeadlineExceeded);
	assert_int_equal(n, 0);
	assert_string_equal(go_error_Error(err), "i/o timeout");
	assert_true(go_error_Timeout(err));
	assert_true(go_error_Temporary(err));
	// Writes are not affected by the read deadline ...
	assert_null(poll_FD_Write(&a, (const uint8_t *)"y", 1, &n));
	// ... but by their own.
	assert_null(poll_FD_SetWriteDeadline(&a, pollIn(-time_Second)));
	assert_ptr_equal(poll_FD_Write(&a, (const uint8_t *)"y", 1, &n), poll_ErrDeadlineExceeded);
	assert_int_equal(n, 0);
	// Clearing both with SetDeadline's zero time makes both work again.
	assert_null(poll_FD_SetDeadline(&a, (time_Time){0}));
	assert_null(poll_FD_Read(&a, buf, sizeof(buf), &n));
	assert_int_equal(n, 1);
	assert_null(poll_FD_Write(&a, (const uint8_t *)"z", 1, &n));
	// SetDeadline sets both.
	assert_null(poll_FD_SetDeadline(&a, pollIn(-time_Nanosecond)));
	assert_ptr_equal(poll_FD_Read(&a, buf, sizeof(buf), &n), poll_ErrDeadlineExceeded);
	assert_ptr_equal(poll_FD_Write(&a, buf, 1, &n), poll_ErrDeadlineExceeded);
	pollClose(&a);
	pollClose(&b);
}

// C: a deadline that passes while a read and a write are parked wakes
// both with ErrDeadlineExceeded, no earlier than the deadline.
GO_TEST(TestDeadlineFiresWhileBlocked)
{
	poll_FD a, b;
	uint8_t rbuf[8];
	size_t wlen = 1 << 20;
	uint8_t *wbuf = calloc(1, wlen);
	// Both on b: b's send buffer is full, and a sends nothing.
	op r = {.fd = &b, .buf = rbuf, .len = sizeof(rbuf)};
	op w = {.fd = &b, .buf = wbuf, .len = wlen};
	time_Time t0;

	pollSocketpair(SOCK_STREAM, &a, &b);
	fill(&b);
	t0 = time_Now();
	assert_null(poll_FD_SetReadDeadline(&b, time_Time_Add(t0, ms(50))));
	assert_null(poll_FD_SetWriteDeadline(&b, time_Time_Add(t0, ms(50))));
	start(&r, readOp);
	start(&w, writeOp);
	sync_WaitGroup_Wait(&r.wg);
	sync_WaitGroup_Wait(&w.wg);
	assert_ptr_equal(r.err, poll_ErrDeadlineExceeded);
	assert_int_equal(r.n, 0);
	assert_ptr_equal(w.err, poll_ErrDeadlineExceeded);
	assert_true(w.n >= 0 && (size_t)w.n < wlen);
	// Neither came back before the deadline.
	assert_true(time_Time_Sub(r.end, t0) >= ms(50));
	assert_true(time_Time_Sub(w.end, t0) >= ms(50));
	pollClose(&a);
	pollClose(&b);
	free(wbuf);
}

// C: a deadline moved later while the reader is parked: it does not fire at
// the old time; data arriving in between is read.
GO_TEST(TestDeadlineExtendedWhileBlocked)
{
	poll_FD a, b;
	uint8_t buf[8];
	ssize_t n;
	op r = {.fd = &a, .buf = buf, .len = sizeof(buf)};
	time_Time t0 = time_Now();

	pollSocketpair(SOCK_STREAM, &a, &b);
	t0 = time_Now();
	assert_null(poll_FD_SetReadDeadline(&a, time_Time_Add(t0, ms(200))));
	start(&r, readOp);
	assert_null(poll_FD_SetReadDeadline(&a, time_Time_Add(t0, ms(600))));
	time_Sleep(time_Until(time_Time_Add(t0, ms(300)))); // past the first deadline
	assert_false(atomic_load(&r.done));
	assert_null(poll_FD_Write(&b, (const uint8_t *)"ok", 2, &n));
	sync_WaitGroup_Wait(&r.wg);
	assert_null(r.err);
	assert_int_equal(r.n, 2);

	// Extended again and left to expire: it fires at the new time.
	memset(&r, 0, sizeof(r));
	r.fd = &a, r.buf = buf, r.len = sizeof(buf);
	assert_null(poll_FD_SetReadDeadline(&a, pollIn(ms(30))));
	start(&r, readOp);
	t0 = time_Now();
	assert_null(poll_FD_SetReadDeadline(&a, pollIn(ms(150))));
	sync_WaitGroup_Wait(&r.wg);
	assert_ptr_equal(r.err, poll_ErrDeadlineExceeded);
	assert_true(time_Since(t0) >= ms(150) - time_Millisecond);
	pollClose(&a);
	pollClose(&b);
}

// C: a deadline moved into the past while parked wakes the reader at once.
GO_TEST(TestDeadlineShortenedWhileBlocked)
{
	poll_FD a, b;
	uint8_t buf[8];
	op r = {.fd = &a, .buf = buf, .len = sizeof(buf)};

	pollSocketpair(SOCK_STREAM, &a, &b);
	assert_null(poll_FD_SetReadDeadline(&a, pollIn(time_Hour)));
	start(&r, readOp);
	time_Sleep(ms(10));
	assert_null(poll_FD_SetReadDeadline(&a, pollIn(-time_Second)));
	sync_WaitGroup_Wait(&r.wg);
	assert_ptr_equal(r.err, poll_ErrDeadlineExceeded);
	assert_true(r.took < 10 * time_Second);
	pollClose(&a);
	pollClose(&b);
}

// C: a deadline cleared (zero time) while parked never fires.
GO_TEST(TestDeadlineClearedWhileBlocked)
{
	poll_FD a, b;
	uint8_t buf[8];
	ssize_t n;
	op r = {.fd = &a, .buf = buf, .len = sizeof(buf)};

	pollSocketpair(SOCK_STREAM, &a, &b);
	assert_null(poll_FD_SetReadDeadline(&a, pollIn(ms(50))));
	start(&r, readOp);
	time_Sleep(ms(10));
	assert_null(poll_FD_SetReadDeadline(&a, (time_Time){0}));
	time_Sleep(ms(150)); // well past the cleared deadline
	assert_false(atomic_load(&r.done));
	assert_null(poll_FD_Write(&b, (const uint8_t *)"late", 4, &n));
	sync_WaitGroup_Wait(&r.wg);
	assert_null(r.err);
	assert_int_equal(r.n, 4);
	pollClose(&a);
	pollClose(&b);
}

// C: Close wakes a parked Read and a parked Write with ErrNetClosing.
GO_TEST(TestCloseUnblocksReadWrite)
{
	poll_FD a, b;
	uint8_t rbuf[8];
	size_t wlen = 1 << 20;
	uint8_t *wbuf = calloc(1, wlen);
	op r = {.fd = &a, .buf = rbuf, .len = sizeof(rbuf)};
	op w = {.fd = &a, .buf = wbuf, .len = wlen};

	pollSocketpair(SOCK_STREAM, &a, &b);
	fill(&a);
	start(&r, readOp);
	start(&w, writeOp);
	time_Sleep(ms(20));
	assert_false(atomic_load(&r.done));
	assert_false(atomic_load(&w.done));
	pollClose(&a);
	// Close returned: both dropped their references (their goroutines
	// may not have returned yet), and the descriptor is closed.
	assert_int_equal(a.Sysfd, -1);
	assert_int_equal(atomic_load(&a.fdmu.state), poll_mutexClosed);
	sync_WaitGroup_Wait(&r.wg);
	sync_WaitGroup_Wait(&w.wg);
	assert_ptr_equal(r.err, poll_ErrNetClosing);
	assert_error_text(r.err, "use of closed network connection");
	assert_false(go_error_Timeout(r.err));
	assert_false(go_error_Temporary(r.err));
	assert_ptr_equal(w.err, poll_ErrNetClosing);
	assert_true(w.n >= 0 && (size_t)w.n < wlen);
	pollClose(&b);
	free(wbuf);
}

// C: Close wakes a parked Accept with ErrNetClosing.
GO_TEST(TestCloseUnblocksAccept)
{
	poll_FD ln;
	syscall_Sockaddr addr;
	op o = {.fd = &ln};

	pollListenTCP(&ln, &addr);
	start(&o, acceptOp);
	time_Sleep(ms(20));
	assert_false(atomic_load(&o.done));
	pollClose(&ln);
	sync_WaitGroup_Wait(&o.wg);
	assert_ptr_equal(o.err, poll_ErrNetClosing);
	assert_error_text(o.err, "use of closed network connection");
	assert_int_equal(o.n, -1);
}

// What the counting CloseFunc saw.
static poll_FD *watched;
static _Atomic int closeCalls;
static _Atomic uint64_t stateAtClose;
static go_error *(*origClose)(int);

static go_error *
countingClose(int fd)
{
	if (watched != NULL && fd == watched->Sysfd) {
		atomic_fetch_add(&closeCalls, 1);
		atomic_store(&stateAtClose, atomic_load(&watched->fdmu.state));
	}
	return origClose(fd);
}

typedef struct holder {
	poll_FD *fd;
	_Atomic int inside;
	_Atomic int closesSeenInside; // close calls counted at the end of f
	time_Duration hold;
	sync_WaitGroup wg;
} holder;

static void
holdRef(void *env, uintptr_t s)
{
	holder *h = env;

	(void)s;
	atomic_store(&h->inside, 1);
	time_Sleep(h->hold);
	atomic_store(&h->closesSeenInside, atomic_load(&closeCalls));
}

static void
rawControlOp(void *arg)
{
	holder *h = arg;

	assert_null(poll_FD_RawControl(h->fd, holdRef, h));
	sync_WaitGroup_Done(&h->wg);
}

// Runs body with poll_CloseFunc counting the closes of *fd. C: set before
// go_main, while no goroutine runs (hooks/hooks.h).
static int closeOnceMain(void *arg);

// C: the descriptor is closed exactly once, by the last reference: a
// parked Read (woken by Close) and a RawControl callback (not woken) hold
// references; Close waits for both, and closes after the last one.
static void
TestCloseOnceAfterLastReference(void **state)
{
	(void)state;
	origClose = poll_CloseFunc;
	poll_CloseFunc = countingClose;
	assert_int_equal(go_main(closeOnceMain, NULL), 0);
	poll_CloseFunc = origClose;
}

static int
closeOnceMain(void *arg)
{
	poll_FD a, b;
	uint8_t buf[8];
	ssize_t n;
	int v;
	op r = {.fd = &a, .buf = buf, .len = sizeof(buf)};
	holder h = {.fd = &a, .hold = ms(100)};

	(void)arg;
	pollSocketpair(SOCK_STREAM, &a, &b);
	watched = &a;
	atomic_store(&closeCalls, 0);
	start(&r, readOp);
	sync_WaitGroup_Add(&h.wg, 1);
	go(rawControlOp, &h);
	while (!atomic_load(&h.inside))
		time_Sleep(time_Millisecond);

	pollClose(&a); // waits for the RawControl callback's reference
	assert_int_equal(atomic_load(&h.closesSeenInside), 0);
	assert_int_equal(atomic_load(&closeCalls), 1);
	// At the close: closed, no reference, no lock, no waiter.
	assert_int_equal(atomic_load(&stateAtClose), poll_mutexClosed);
	sync_WaitGroup_Wait(&r.wg);
	sync_WaitGroup_Wait(&h.wg);
	assert_ptr_equal(r.err, poll_ErrNetClosing);

	// Everything after Close fails with the closing error and closes
	// nothing more.
	assert_ptr_equal(poll_FD_Close(&a), poll_ErrNetClosing);
	assert_ptr_equal(poll_FD_Read(&a, buf, sizeof(buf), &n), poll_ErrNetClosing);
	assert_ptr_equal(poll_FD_Write(&a, buf, 1, &n), poll_ErrNetClosing);
	assert_ptr_equal(poll_FD_SetDeadline(&a, pollIn(time_Second)), poll_ErrNetClosing);
	assert_ptr_equal(poll_FD_SetsockoptInt(&a, SOL_SOCKET, SO_RCVBUF, 4096),
			 poll_ErrNetClosing);
	assert_ptr_equal(poll_FD_GetsockoptInt(&a, SOL_SOCKET, SO_RCVBUF, &v), poll_ErrNetClosing);
	assert_ptr_equal(poll_FD_Shutdown(&a, SHUT_RD), poll_ErrNetClosing);
	assert_int_equal(atomic_load(&closeCalls), 1);
	watched = NULL;
	pollClose(&b);
	return 0;
}

// C: Close with no other reference closes at once; concurrent Closes
// close once, one wins and the others get ErrNetClosing.
static int closeRaceMain(void *arg);

static void
TestConcurrentClose(void **state)
{
	(void)state;
	origClose = poll_CloseFunc;
	poll_CloseFunc = countingClose;
	assert_int_equal(go_main(closeRaceMain, NULL), 0);
	poll_CloseFunc = origClose;
}

typedef struct closer {
	poll_FD *fd;
	_Atomic int *wins, *losses;
	sync_WaitGroup *wg;
} closer;

static void
closeOp(void *arg)
{
	closer *c = arg;
	go_error *err = poll_FD_Close(c->fd);

	if (err == NULL)
		atomic_fetch_add(c->wins, 1);
	else if (err == poll_ErrNetClosing)
		atomic_fetch_add(c->losses, 1);
	sync_WaitGroup_Done(c->wg);
}

static int
closeRaceMain(void *arg)
{
	(void)arg;
	for (int round = 0; round < 20; round++) {
		poll_FD *a = malloc(sizeof(*a)), b;
		_Atomic int wins = 0, losses = 0;
		sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
		closer c = {a, &wins, &losses, &wg};

		pollSocketpair(SOCK_STREAM, a, &b);
		watched = a;
		atomic_store(&closeCalls, 0);
		sync_WaitGroup_Add(&wg, 4);
		for (int i = 0; i < 4; i++)
			go(closeOp, &c);
		sync_WaitGroup_Wait(&wg);
		assert_int_equal(wins, 1);
		assert_int_equal(losses, 3);
		assert_int_equal(atomic_load(&closeCalls), 1);
		watched = NULL;
		free(a); // every Close has returned: the memory may go
		pollClose(&b);
	}
	return 0;
}

// C: Init without the poller (pollable false, or a descriptor epoll
// refuses) gives a blocking FD: no deadlines, Close does not wait.
GO_TEST(TestNotPollable)
{
	poll_FD f = {0};
	char path[] = "/tmp/gonet_poll_XXXXXX";
	uint8_t buf[8];
	ssize_t n;
	int fd = mkstemp(path);
	go_error *err;

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, "abc", 3), 3);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	f.Sysfd = fd;
	f.ZeroReadIsEOF = true;
	// epoll refuses regular files (EPERM): blocking mode, as os uses it.
	err = poll_FD_Init(&f, "file", true);
	assert_ptr_equal(err, syscall_EPERM);
	assert_int_equal(atomic_load(&f.isBlocking), 1);
	assert_false(poll_pollDesc_pollable(&f.pd));
	assert_ptr_equal(poll_FD_SetDeadline(&f, pollIn(time_Second)), poll_ErrNoDeadline);
	assert_null(poll_FD_Read(&f, buf, sizeof(buf), &n));
	assert_int_equal(n, 3);
	assert_ptr_equal(poll_FD_Read(&f, buf, sizeof(buf), &n), io_EOF);
	pollClose(&f);

	// pollable false.
	{
		poll_FD a = {0}, b = {0};
		int fds[2];
		assert_null(syscall_Socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
		a.Sysfd = fds[0];
		b.Sysfd = fds[1];
		assert_null(poll_FD_Init(&a, "unix", false));
		assert_null(poll_FD_Init(&b, "unix", false));
		assert_ptr_equal(poll_FD_SetReadDeadline(&a, pollIn(time_Second)),
				 poll_ErrNoDeadline);
		assert_null(poll_FD_Write(&b, (const uint8_t *)"xy", 2, &n));
		assert_null(poll_FD_Read(&a, buf, sizeof(buf), &n));
		assert_int_equal(n, 2);
		// waitWrite without a poller.
		err = poll_FD_WaitWrite(&a);
		assert_error_text(err, "waiting for unsupported file type");
		go_error_release(err);
		pollClose(&a);
		pollClose(&b);
	}
}

// C: SetBlocking clears O_NONBLOCK; Close then does not wait on csema.
GO_TEST(TestSetBlocking)
{
	poll_FD a, b;
	uint8_t buf[4];
	ssize_t n;

	pollSocketpair(SOCK_STREAM, &a, &b);
	assert_null(poll_FD_SetBlocking(&a));
	assert_int_equal(fcntl(a.Sysfd, F_GETFL) & O_NONBLOCK, 0);
	assert_null(poll_FD_Write(&b, (const uint8_t *)"q", 1, &n));
	assert_null(poll_FD_Read(&a, buf, sizeof(buf), &n));
	assert_int_equal(n, 1);
	pollClose(&a);
	pollClose(&b);
}

// C: the other reference-taking wrappers on a temporary file.
GO_TEST(TestFileWrappers)
{
	poll_FD f = {0}, d;
	char path[] = "/tmp/gonet_poll_XXXXXX";
	uint8_t buf[16];
	ssize_t n;
	int64_t off;
	struct stat st;
	int fd = mkstemp(path), nfd;
	const char *errcall;

	assert_true(fd >= 0);
	f.Sysfd = fd;
	f.ZeroReadIsEOF = true;
	go_error_release(poll_FD_Init(&f, "file", true)); // EPERM: blocking, as os does
	assert_null(poll_FD_Pwrite(&f, (const uint8_t *)"hello world", 11, 0, &n));
	assert_int_equal(n, 11);
	assert_null(poll_FD_Pread(&f, buf, 5, 6, &n));
	assert_int_equal(n, 5);
	assert_memory_equal(buf, "world", 5);
	assert_ptr_equal(poll_FD_Pread(&f, buf, 5, 11, &n), io_EOF);
	assert_null(poll_FD_Seek(&f, 6, SEEK_SET, &off));
	assert_int_equal(off, 6);
	assert_null(poll_FD_Read(&f, buf, 5, &n));
	assert_memory_equal(buf, "world", 5);
	assert_null(poll_FD_Fstat(&f, &st));
	assert_int_equal(st.st_size, 11);
	assert_null(poll_FD_Ftruncate(&f, 5));
	assert_null(poll_FD_Fsync(&f));
	assert_null(poll_FD_Fchmod(&f, 0600));
	assert_null(poll_FD_Fchown(&f, (int)getuid(), (int)getgid()));
	assert_null(poll_FD_Fstat(&f, &st));
	assert_int_equal(st.st_size, 5);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_ptr_equal(poll_FD_Fchdir(&f), syscall_ENOTDIR);
	assert_ptr_equal(poll_FD_ReadDirent(&f, buf, sizeof(buf), &n), syscall_ENOTDIR);
	// Dup: close-on-exec, same file.
	assert_null(poll_FD_Dup(&f, &nfd, &errcall));
	assert_string_equal(errcall, "");
	assert_int_equal(fcntl(nfd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	memset(&d, 0, sizeof(d));
	d.Sysfd = nfd;
	go_error_release(poll_FD_Init(&d, "file", false));
	assert_null(poll_FD_Fstat(&d, &st));
	assert_int_equal(st.st_size, 5);
	pollClose(&d);
	// The old way too.
	assert_null(poll_dupCloseOnExecOld(f.Sysfd, &nfd, &errcall));
	assert_int_equal(fcntl(nfd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	close(nfd);
	assert_ptr_equal(poll_DupCloseOnExec(-1, &nfd, &errcall), syscall_EBADF);
	assert_string_equal(errcall, "fcntl");
	assert_ptr_equal(poll_dupCloseOnExecOld(-1, &nfd, &errcall), syscall_EBADF);
	assert_string_equal(errcall, "dup");
	pollClose(&f);
	unlink(path);

	// ReadDirent on a directory.
	f = (poll_FD){0};
	f.Sysfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	go_error_release(poll_FD_Init(&f, "file", true));
	{
		uint8_t dbuf[4096];
		assert_null(poll_FD_ReadDirent(&f, dbuf, sizeof(dbuf), &n));
		assert_true(n > 0);
	}
	pollClose(&f);
}

static bool
rawReadOnce(void *env, uintptr_t s)
{
	int *calls = env;
	uint8_t c;

	(*calls)++;
	return read((int)s, &c, 1) == 1; // false: not ready, wait and retry
}

static bool
rawWriteOnce(void *env, uintptr_t s)
{
	(void)env;
	return write((int)s, "r", 1) == 1;
}

static void
lateWrite(void *arg)
{
	poll_FD *b = arg;
	ssize_t n;

	time_Sleep(ms(20));
	assert_null(poll_FD_Write(b, (const uint8_t *)"!", 1, &n));
}

// C: RawRead and RawWrite call f until it reports done, parking in
// between; Shutdown; socket options under a reference.
GO_TEST(TestRawAndSockopt)
{
	poll_FD a, b;
	int calls = 0, v;
	uint8_t buf[4];
	ssize_t n;

	pollSocketpair(SOCK_STREAM, &a, &b);
	go(lateWrite, &b);
	assert_null(poll_FD_RawRead(&a, rawReadOnce, &calls));
	assert_true(calls >= 2); // once not ready, then woken by the write
	assert_null(poll_FD_RawWrite(&a, rawWriteOnce, NULL));
	assert_null(poll_FD_Read(&b, buf, sizeof(buf), &n));
	assert_int_equal(n, 1);
	assert_null(poll_FD_WriteOnce(&a, (const uint8_t *)"1", 1, &n));
	assert_int_equal(n, 1);
	assert_null(poll_FD_WaitWrite(&a));

	assert_null(poll_FD_SetsockoptInt(&a, SOL_SOCKET, SO_SNDBUF, 8192));
	assert_null(poll_FD_GetsockoptInt(&a, SOL_SOCKET, SO_SNDBUF, &v));
	assert_true(v >= 8192);
	{
		struct linger l = {1, 0};
		assert_null(poll_FD_SetsockoptLinger(&a, SOL_SOCKET, SO_LINGER, &l));
	}
	assert_ptr_equal(poll_FD_SetsockoptInt(&a, SOL_SOCKET, -1, 1), syscall_ENOPROTOOPT);

	// Shutdown(SHUT_WR): the peer reads EOF.
	assert_null(poll_FD_Shutdown(&a, SHUT_WR));
	assert_null(poll_FD_Read(&b, buf, sizeof(buf), &n));
	assert_int_equal(n, 1); // the "1" of WriteOnce
	assert_ptr_equal(poll_FD_Read(&b, buf, sizeof(buf), &n), io_EOF);
	pollClose(&a);
	pollClose(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestPipeReadWrite),
	cmocka_unit_test(TestDatagramZeroRead),
	cmocka_unit_test(TestPastDeadline),
	cmocka_unit_test(TestDeadlineFiresWhileBlocked),
	cmocka_unit_test(TestDeadlineExtendedWhileBlocked),
	cmocka_unit_test(TestDeadlineShortenedWhileBlocked),
	cmocka_unit_test(TestDeadlineClearedWhileBlocked),
	cmocka_unit_test(TestCloseUnblocksReadWrite),
	cmocka_unit_test(TestCloseUnblocksAccept),
	cmocka_unit_test(TestCloseOnceAfterLastReference),
	cmocka_unit_test(TestConcurrentClose),
	cmocka_unit_test(TestNotPollable),
	cmocka_unit_test(TestSetBlocking),
	cmocka_unit_test(TestFileWrappers),
	cmocka_unit_test(TestRawAndSockopt),
};

GONET_TEST_MAIN(tests)

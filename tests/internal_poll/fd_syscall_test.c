// C tests (no Go twin): which of internal/poll's system calls tell the
// scheduler they may block. Go's syscall package wraps every call in
// entersyscall/exitsyscall, so a goroutine waiting in the kernel gives up
// its P; gonet's raw socket wrappers skip that, as net's descriptors never
// wait, and keep it for the calls that can: the file calls that wait on a
// disk, and reads and writes of a descriptor in blocking mode.
#include "gotest.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

#include "internal_poll/poll_impl.h"
#include "io/io.h"
#include "polltest.h"
#include "runtime_netpoll/runtime.h"
#include "runtime_netpoll/runtime2.h"
#include "runtime_netpoll/runtime_impl.h"
#include "stallwatch.h"
#include "time/time.h"

// The P's count of entersyscall calls (Go: p.syscalltick).
static uint32_t
syscalltick(void)
{
	return atomic_load(&runtime_getg()->m->p->syscalltick);
}

// A temporary file in blocking mode (epoll refuses regular files), as os
// uses one.
static void
tempFile(poll_FD *f)
{
	char path[] = "/tmp/gonet_poll_XXXXXX";

	*f = (poll_FD){0};
	f->Sysfd = mkstemp(path);
	assert_true(f->Sysfd >= 0);
	unlink(path);
	f->ZeroReadIsEOF = true;
	go_error_release(poll_FD_Init(f, "file", true)); // EPERM: blocking
}

static int
fileCallsMain(void *unused)
{
	poll_FD f, g, s0, s1;
	uint8_t buf[64];
	ssize_t n;
	int64_t written;
	bool handled;
	uint32_t t;
	int fds[2];

	(void)unused;
	tempFile(&f);
	tempFile(&g);
#define TICKS(call)                                                                                \
	do {                                                                                       \
		t = syscalltick();                                                                 \
		assert_null(call);                                                                 \
		if (syscalltick() == t)                                                            \
			fail_msg("%s did not enter a system call", #call);                         \
	} while (0)
	TICKS(poll_FD_Pwrite(&f, (const uint8_t *)"hello world", 11, 0, &n));
	TICKS(poll_FD_Pread(&f, buf, 5, 0, &n));
	TICKS(poll_FD_Write(&f, (const uint8_t *)"!", 1, &n)); // blocking mode
	TICKS(poll_FD_Read(&f, buf, 1, &n));
	TICKS(poll_FD_Ftruncate(&f, 11));
	TICKS(poll_FD_Fsync(&f));
	assert_int_equal(lseek(f.Sysfd, 0, SEEK_SET), 0);
	TICKS(poll_CopyFileRange(&g, &f, 11, &written, &handled));
	assert_true(handled);
	assert_int_equal(written, 11);

	// sendfile from the file to a socket in the poller; reading that
	// socket stays a raw call (net's hot path).
	assert_null(
		syscall_Socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds));
	s0 = (poll_FD){.Sysfd = fds[0], .IsStream = true, .ZeroReadIsEOF = true};
	s1 = (poll_FD){.Sysfd = fds[1], .IsStream = true, .ZeroReadIsEOF = true};
	assert_null(poll_FD_Init(&s0, "unix", true));
	assert_null(poll_FD_Init(&s1, "unix", true));
	assert_int_equal(lseek(g.Sysfd, 0, SEEK_SET), 0);
	TICKS(poll_SendFile(&s0, g.Sysfd, 11, &written));
	assert_int_equal(written, 11);
	t = syscalltick();
	assert_null(poll_FD_Read(&s1, buf, sizeof(buf), &n));
	assert_int_equal(n, 11);
	assert_memory_equal(buf, "!ello world", 11); // Write went to offset 0
	assert_int_equal(syscalltick(), t);
#undef TICKS
	pollClose(&s0);
	pollClose(&s1);
	pollClose(&f);
	pollClose(&g);
	return 0;
}

// C: pread, pwrite, ftruncate, fsync, copy_file_range and sendfile, and read
// and write in blocking mode, enter a system call as Go's do; a read of a
// socket in the poller does not.
static void
TestFileCallsEnterSyscall(void **state)
{
	(void)state;
	// One P, so that the P before and after a call is the same one.
	assert_int_equal(runWithProcs(1, fileCallsMain, NULL), 0);
}

// ---- a read that blocks leaves the P to the others ----

// An OS thread, not an M: writes one byte to the pipe 300 ms from now.
static void *
lateWriter(void *arg)
{
	int fd = *(int *)arg;

	usleep(300 * 1000);
	if (write(fd, "x", 1) != 1)
		abort();
	return NULL;
}

static int
blockingReadMain(void *unused)
{
	poll_FD f = {0};
	uint8_t c;
	ssize_t n;
	int fds[2];
	pthread_t th;
	time_Time t0;
	time_Duration took, stall;

	(void)unused;
	assert_int_equal(pipe2(fds, O_CLOEXEC), 0); // blocking
	f.Sysfd = fds[0];
	f.ZeroReadIsEOF = true;
	assert_null(poll_FD_Init(&f, "file", false));
	stallWatchStart();
	assert_int_equal(pthread_create(&th, NULL, lateWriter, &fds[1]), 0);
	t0 = time_Now();
	assert_null(poll_FD_Read(&f, &c, 1, &n)); // blocks in read(2)
	took = time_Since(t0);
	assert_int_equal(pthread_join(th, NULL), 0);
	stall = stallWatchStop();
	assert_int_equal(n, 1);
	close(fds[1]);
	pollClose(&f);
	if (took < 200 * time_Millisecond)
		fail_msg("read returned after %.3f s; want about 0.3 s", (double)took / 1e9);
	// Without the bracket the ticker stands still for the whole 0.3 s.
	if (stall > 150 * time_Millisecond)
		fail_msg("the other goroutine stood still %.3f s while read blocked",
			 (double)stall / 1e9);
	return 0;
}

// C: with one P, a goroutine blocked reading a descriptor in blocking mode
// (a pipe nobody has written to yet) must not stop the others: in Go,
// syscall.Read enters a system call and sysmon hands the P to another M.
static void
TestBlockingReadLeavesP(void **state)
{
	(void)state;
	if (testUnderValgrind())
		skip(); // timing only
	assert_int_equal(runWithProcs(1, blockingReadMain, NULL), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestFileCallsEnterSyscall),
	cmocka_unit_test(TestBlockingReadLeavesP),
};

GONET_TEST_MAIN(tests)

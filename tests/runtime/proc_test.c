// Tests of the scheduler, after go1.19 src/runtime/proc_test.go (names and
// assertions kept where the test fits a runtime without channels in this
// file; the channel-based ones are in chan_test.c and pingponghog_test.c),
// plus gonet's own: go_main's life cycle, Goexit, systemstack, the
// syscall hand-off, stack overflow and deadlock reports, the goroutine dump.
#include "gotest.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/chan_impl.h"
#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"
#include "time/time.h"

static int
returnArg(void *arg)
{
	return (int)(intptr_t)arg;
}

// go_main returns what the main goroutine returns, and can run again.
static void
TestGoMainReturns(void **state)
{
	(void)state;
	assert_int_equal(go_main(returnArg, (void *)42), 42);
	assert_int_equal(go_main(returnArg, (void *)7), 7);
	assert_int_equal(runtime_NumGoroutine(), 0);
}

static struct {
	_Atomic uint32_t x;
	int P;
	sync_WaitGroup wg;
} par;

static void
parallelWorker(void *arg)
{
	int p = (int)(intptr_t)arg;

	for (int i = 0; i < 3; i++) {
		uint32_t expected = (uint32_t)(par.P * i + p);
		while (atomic_load(&par.x) != expected)
			;
		atomic_store(&par.x, expected + 1);
	}
	sync_WaitGroup_Done(&par.wg);
}

static int
goroutineParallelism(void *arg)
{
	int N = (int)(intptr_t)arg;

	for (int try = 0; try < N; try++) {
		atomic_store(&par.x, 0);
		sync_WaitGroup_Add(&par.wg, par.P);
		// All P goroutines must run at the same time to finish.
		for (int p = 0; p < par.P; p++)
			go(parallelWorker, (void *)(intptr_t)p);
		sync_WaitGroup_Wait(&par.wg);
	}
	return 0;
}

/* Go: runtime/proc_test.go TestGoroutineParallelism */
// C: Go's done channel is a WaitGroup.
static void
TestGoroutineParallelism(void **state)
{
	(void)state;
	par.P = 4;
	assert_int_equal(runWithProcs(par.P, goroutineParallelism,
				      (void *)(intptr_t)(testUnderValgrind() ? 3 : 10)),
			 0);
}

static _Atomic int yieldStop, yieldAck;

static void
yielder(void *arg)
{
	(void)arg;
	while (!atomic_load(&yieldStop))
		runtime_Gosched();
	atomic_store(&yieldAck, 1);
}

/* Go: runtime/proc_test.go TestYieldProgress */
// C: Go's channels c and cack are flags; the yielding goroutine must let
// the sleeping main goroutine run again.
GO_TEST(TestYieldProgress)
{
	atomic_store(&yieldStop, 0);
	atomic_store(&yieldAck, 0);
	go(yielder, NULL);
	time_Sleep(10 * time_Millisecond);
	atomic_store(&yieldStop, 1);
	while (!atomic_load(&yieldAck))
		runtime_Gosched();
}

static _Atomic int fairnessDone;

static void
spinner(void *arg)
{
	(void)arg;
	while (!atomic_load(&fairnessDone))
		runtime_Gosched();
}

static int
timerFairness(void *arg)
{
	(void)arg;
	atomic_store(&fairnessDone, 0);
	for (int i = 0; i < 2; i++)
		go(spinner, NULL);
	time_Sleep(20 * time_Millisecond); // the timer must fire despite the spinners
	atomic_store(&fairnessDone, 1);
	return 0;
}

/* Go: runtime/proc_test.go TestTimerFairness */
// C: Go's spinners hammer a channel; here they yield in a loop, on one P
// so they compete with the timer for the same P.
static void
TestTimerFairness(void **state)
{
	(void)state;
	assert_int_equal(runWithProcs(1, timerFairness, NULL), 0);
}

static _Atomic int afterGoexit;
static sync_WaitGroup goexitWG;

static void
exiter(void *arg)
{
	(void)arg;
	sync_WaitGroup_Done(&goexitWG);
	runtime_Goexit();
	atomic_store(&afterGoexit, 1); // never reached
}

/* Go: runtime.Goexit ends the goroutine at once. */
GO_TEST(TestGoexit)
{
	sync_WaitGroup_Add(&goexitWG, 1);
	go(exiter, NULL);
	sync_WaitGroup_Wait(&goexitWG);
	time_Sleep(time_Millisecond);
	assert_int_equal(atomic_load(&afterGoexit), 0);
	assert_int_equal(runtime_NumGoroutine(), 1);
}

static void
sleeper(void *arg)
{
	time_Sleep((time_Duration)(intptr_t)arg);
}

// Counts "goroutine N [" headers in a dump.
static int
countHeaders(const char *s)
{
	int n = 0;

	while ((s = strstr(s, "goroutine ")) != NULL) {
		n += strchr(s, '[') != NULL;
		s++;
	}
	return n;
}

/* Go: runtime/proc_test.go TestNumGoroutine */
// NumGoroutine agrees with the dump; sleeping goroutines show [sleep].
GO_TEST(TestNumGoroutine)
{
	char buf[8192];
	size_t n;

	int scale = testTimeScale();

	for (int i = 0; i < 5; i++)
		go(sleeper, (void *)(intptr_t)(50 * scale * time_Millisecond));
	time_Sleep(10 * time_Millisecond);
	n = runtime_Stack(buf, sizeof(buf), true);
	assert_true(n > 0 && n < sizeof(buf));
	assert_int_equal(runtime_NumGoroutine(), 6);
	assert_int_equal(countHeaders(buf), 6);
	assert_non_null(strstr(buf, "[running]:"));
	assert_non_null(strstr(buf, "[sleep]:"));
	assert_non_null(strstr(buf, "created by "));
	while (runtime_NumGoroutine() > 1) // the sleepers end after 50 ms
		time_Sleep(10 * time_Millisecond);
}

static void
receiveOnce(void *arg)
{
	runtime_chanrecv1(arg, NULL);
}

// C: the dump's "N minutes" comes from the stamp sysmon leaves on waiting
// goroutines (runtime_stampWaitsince; Go's GC leaves it); running clears it.
// sysmon's first stamp comes 10 s after go_main starts: this test stamps.
GO_TEST(TestWaitsinceMinutes)
{
	runtime_hchan *c = runtime_makechan(sizeof(int), 0);
	char buf[8192];
	int v = 1;

	go(receiveOnce, c);
	time_Sleep(10 * time_Millisecond);
	runtime_stampWaitsince(runtime_nanotime() - 3 * time_Minute - time_Second);
	runtime_Stack(buf, sizeof(buf), true);
	assert_non_null(strstr(buf, "[chan receive, 3 minutes]:"));
	assert_non_null(strstr(buf, "[running]:")); // the caller is not stamped
	assert_null(strstr(buf, "[running, "));
	runtime_chansend1(c, &v);
	go(receiveOnce, c); // may reuse the G: its stamp must not come back
	time_Sleep(10 * time_Millisecond);
	runtime_Stack(buf, sizeof(buf), true);
	assert_non_null(strstr(buf, "[chan receive]:"));
	assert_null(strstr(buf, "minutes"));
	runtime_chansend1(c, &v);
	time_Sleep(10 * time_Millisecond);
	runtime_chanfree(c);
}

static sync_WaitGroup manyWG;
static _Atomic int64_t manySum;

static void
manyChild(void *arg)
{
	atomic_fetch_add(&manySum, (int64_t)(intptr_t)arg);
	runtime_Gosched();
	sync_WaitGroup_Done(&manyWG);
}

// Many goroutines created at once: the local run queues overflow into the
// global one and the other Ps steal.
GO_TEST(TestManyGoroutines)
{
	int n = testUnderValgrind() ? 2000 : 50000;

	atomic_store(&manySum, 0);
	sync_WaitGroup_Add(&manyWG, n);
	for (int i = 0; i < n; i++)
		go(manyChild, (void *)(intptr_t)i);
	sync_WaitGroup_Wait(&manyWG);
	assert_int_equal(atomic_load(&manySum), (int64_t)n * (n - 1) / 2);
}

static int
manyGoroutines(void *arg)
{
	int n = (int)(intptr_t)arg;

	atomic_store(&manySum, 0);
	sync_WaitGroup_Add(&manyWG, n);
	for (int i = 0; i < n; i++)
		go(manyChild, (void *)(intptr_t)i);
	sync_WaitGroup_Wait(&manyWG);
	assert_int_equal(atomic_load(&manySum), (int64_t)n * (n - 1) / 2);
	return 0;
}

// The same with most stacks from arenas (canaries, no guard pages): no
// false overflow reports, and stacks reused across two runs.
static void
TestManyGoroutinesUnguarded(void **state)
{
	int n = testUnderValgrind() ? 1000 : 20000;

	(void)state;
	runtime_setGuardedStacksMax(16);
	assert_int_equal(go_main(manyGoroutines, (void *)(intptr_t)n), 0);
	assert_int_equal(go_main(manyGoroutines, (void *)(intptr_t)n), 0);
}

static void
onSystemStack(void *arg)
{
	int local;

	*(uintptr_t *)arg = (uintptr_t)&local;
}

/* Go: runtime.systemstack runs on the M's own stack, not the goroutine's. */
GO_TEST(TestSystemstack)
{
	runtime_g *gp = runtime_getg();
	uintptr_t where = 0;

	runtime_systemstack(onSystemStack, &where);
	assert_true(where != 0);
	assert_false(where >= gp->stack.lo && where < gp->stack.hi);
	assert_true(where >= gp->m->g0->stack.lo && where < gp->m->g0->stack.hi);
}

static int syscallPipe[2];
static _Atomic int otherRan;

static void
blockingReader(void *arg)
{
	char c;
	ssize_t n;

	(void)arg;
	runtime_entersyscall();
	n = read(syscallPipe[0], &c, 1); // blocks until otherWriter writes
	runtime_exitsyscall();
	assert_int_equal(n, 1);
}

static void
otherWriter(void *arg)
{
	(void)arg;
	atomic_store(&otherRan, 1);
	assert_int_equal(write(syscallPipe[1], "x", 1), 1);
}

static int
syscallHandoff(void *arg)
{
	(void)arg;
	assert_int_equal(pipe(syscallPipe), 0);
	atomic_store(&otherRan, 0);
	go(blockingReader, NULL);
	time_Sleep(5 * time_Millisecond); // the reader blocks in read(2)
	go(otherWriter, NULL);
	// With one P, the writer runs only if sysmon retook the P.
	while (!atomic_load(&otherRan))
		time_Sleep(time_Millisecond);
	time_Sleep(5 * time_Millisecond);
	close(syscallPipe[0]);
	close(syscallPipe[1]);
	return 0;
}

// A goroutine blocked in a system call (entersyscall) does not hold the
// only P: sysmon hands it to another M.
static void
TestSyscallHandoff(void **state)
{
	(void)state;
	assert_int_equal(runWithProcs(1, syscallHandoff, NULL), 0);
}

// The main goroutine enters short system calls (about 100 µs: sysmon, at
// its 20 µs ticks, retakes the P during many of them) for half a second.
static int
syscallRetakeRace(void *arg)
{
	time_Time end = time_Time_Add(time_Now(), 500 * time_Millisecond);
	int calls = 0;

	(void)arg;
	while (calls < 100 || time_Time_Before(time_Now(), end)) {
		runtime_entersyscall();
		usleep(100);
		runtime_exitsyscall();
		calls++;
	}
	return 0;
}

// C: Go's retake counts sysmon as a running M (incidlelocked(-1)) while it
// takes a P from a system call and hands it on; without that, the M
// returning from the call in between found no P, went idle, and checkdead
// saw every M idle with the goroutine runnable ("checkdead: runnable g",
// about one run in 20 of TestFileCallsEnterSyscall under TSan on a busy
// machine).
static void
TestSyscallRetakeRace(void **state)
{
	(void)state;
	assert_int_equal(runWithProcs(1, syscallRetakeRace, NULL), 0);
}

// --- reports that end the process: run in a child -----------------------

// Runs fn as the main goroutine of a child process and returns the child's
// wait status, with its stderr in buf; killWith is sent once the child
// writes "ready". The child is this test program exec'd again with
// GONET_TEST_CHILD set (so valgrind, which does not follow exec, does not
// count the child's deliberate death as the test's leak), running the same
// test, which lands here and runs fn.
static int
runChild(const char *test, int (*fn)(void *), char *buf, size_t len, int killWith)
{
	int fds[2], status = 0;
	char exe[4096];
	ssize_t k;
	size_t n = 0;
	pid_t pid;

	if (getenv("GONET_TEST_CHILD") != NULL) {
		runtime_fatalHook = NULL; // die as a real program would
		_exit(go_main(fn, NULL));
	}
	k = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(k > 0);
	exe[k] = '\0';
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		setenv("GONET_TEST_CHILD", "1", 1);
		execl(exe, exe, test, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (n + 1 < len && (k = read(fds[0], buf + n, len - 1 - n)) > 0) {
		n += (size_t)k;
		buf[n] = '\0';
		if (killWith != 0 && strstr(buf, "ready\n") != NULL) {
			kill(pid, killWith);
			killWith = 0;
		}
	}
	buf[n] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return status;
}

static volatile int forever = 1; // hides the endless recursion from the compiler

static void
recurse(void *arg)
{
	volatile char pad[512];

	pad[0] = 1;
	if (forever)
		recurse((char *)arg + pad[0]);
	pad[1] = 2;
}

static int
overflowMain(void *arg)
{
	(void)arg;
	go(recurse, NULL);
	time_Sleep(time_Second);
	return 0;
}

// A goroutine that overflows its stack is reported, not left to corrupt
// memory.
static void
TestStackOverflow(void **state)
{
	char buf[4096];
	int status;

	(void)state;
	status = runChild("TestStackOverflow", overflowMain, buf, sizeof(buf), 0);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	assert_non_null(strstr(buf, "runtime: goroutine 2 stack overflow"));
}

static void
bigFrame(void *arg)
{
	volatile char big[(64 << 10) + 256]; // more than the default stack: runs past lo

	(void)arg;
	for (size_t i = 0; i < sizeof(big); i++) // volatile stores: none is optimized away
		big[i] = 1;
	runtime_Gosched(); // the switch finds the stack pointer below lo
	big[0] = 2;
}

static void (*unguardedBody)(void *); // set by the test (the child runs it too) before go_main

static int
unguardedBodyMain(void *arg)
{
	(void)arg;
	go(unguardedBody, NULL);
	time_Sleep(time_Second);
	return 0;
}

// Runs body as goroutine 2 of a child process whose stacks have no guard
// page, and expects the overflow report.
static void
expectUnguardedOverflow(const char *test, void (*body)(void *))
{
	char buf[4096];
	int status;

	runtime_setGuardedStacksMax(0);
	// The child overruns its stack on purpose; TSan would report the
	// neighbour's memory it tramples before the runtime does.
	setenv("TSAN_OPTIONS", "report_bugs=0", 1);
	unguardedBody = body;
	status = runChild(test, unguardedBodyMain, buf, sizeof(buf), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_non_null(strstr(buf, "runtime: goroutine 2 stack overflow"));
	assert_non_null(strstr(buf, "fatal error: stack overflow"));
}

// A stack beyond the guard-page budget has a canary instead; overrunning it
// is reported at the goroutine's next switch.
static void
TestStackOverflowUnguarded(void **state)
{
	(void)state;
	expectUnguardedOverflow("TestStackOverflowUnguarded", bigFrame);
}

// C: the stack pointer itself below lo, the canary untouched (the frame
// reserves the memory but writes only its top byte): the switch reports
// it at once.
static void
deepFrame(void *arg)
{
	volatile char big[(64 << 10) + 4096];
	volatile size_t top = sizeof(big) - 1, bottom = 0; // so clang keeps the whole array

	(void)arg;
	big[top] = 1;
	runtime_Gosched(); // called with the stack pointer 4 KiB below lo
	big[bottom] = 2;
}

// Writes past lo and returns: the canary is gone, the stack pointer is
// back above lo.
static __attribute__((noinline)) void
overrunAndReturn(void)
{
	volatile char big[(64 << 10) + 256];

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = 1;
}

static void
overrunThenSwitch(void *arg)
{
	(void)arg;
	overrunAndReturn();
	for (;;)
		runtime_Gosched(); // one of the next 64 switches reads the canary
}

static void
overrunThenExit(void *arg)
{
	(void)arg;
	overrunAndReturn(); // and the goroutine ends: its last switch reads it
}

// C: the three ways runtime_stackcheck finds an unguarded stack overrun:
// by the stack pointer at the switch, by the canary a few switches later,
// by the canary when the goroutine ends.
static void
TestStackOverflowUnguardedSP(void **state)
{
	(void)state;
	expectUnguardedOverflow("TestStackOverflowUnguardedSP", deepFrame);
}

static void
TestStackOverflowUnguardedReturned(void **state)
{
	(void)state;
	expectUnguardedOverflow("TestStackOverflowUnguardedReturned", overrunThenSwitch);
}

static void
TestStackOverflowUnguardedExit(void **state)
{
	(void)state;
	expectUnguardedOverflow("TestStackOverflowUnguardedExit", overrunThenExit);
}

static int
chanLockTwiceMain(void *arg)
{
	runtime_hchan *c = runtime_makechan(sizeof(int), 0);

	(void)arg;
	runtime_lockChan(&c->lock);
	runtime_lockChan(&c->lock); // the real lock would wait for itself forever
	return 0;
}

// C: with one P a channel's lock is a plain store (runtime_lockChan), which
// is sound only while nothing else can take it. Finding it already held is
// reported, not ignored.
static void
TestChanLockHeldOneP(void **state)
{
	char buf[4096];
	int status;

	(void)state;
	setenv("GOMAXPROCS", "1", 1);
	status = runChild("TestChanLockHeldOneP", chanLockTwiceMain, buf, sizeof(buf), 0);
	unsetenv("GOMAXPROCS");
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_non_null(strstr(buf, "fatal error: lock: channel lock already held with one P"));
}

static sync_Mutex deadMu;

static int
deadlockMain(void *arg)
{
	(void)arg;
	sync_Mutex_Lock(&deadMu);
	sync_Mutex_Lock(&deadMu); // nobody will unlock it
	return 0;
}

/* Go: runtime/crash_test.go TestSimpleDeadlock */
static void
TestSimpleDeadlock(void **state)
{
	char buf[4096];
	int status;

	(void)state;
	memset(&deadMu, 0, sizeof(deadMu));
	status = runChild("TestSimpleDeadlock", deadlockMain, buf, sizeof(buf), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_non_null(strstr(buf, "fatal error: all goroutines are asleep - deadlock!"));
	assert_non_null(strstr(buf, "goroutine 1 [semacquire]:"));
}

static int
goexitMain(void *arg)
{
	(void)arg;
	runtime_Goexit();
}

/* Go: runtime/crash_test.go TestGoexitDeadlock */
static void
TestGoexitDeadlock(void **state)
{
	char buf[4096];
	int status;

	(void)state;
	status = runChild("TestGoexitDeadlock", goexitMain, buf, sizeof(buf), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_non_null(strstr(buf, "no goroutines (main called runtime.Goexit) - deadlock!"));
}

// Says "ready" once the others have long been asleep, then sleeps too.
static void
announcer(void *arg)
{
	(void)arg;
	time_Sleep(50 * time_Millisecond);
	fprintf(stderr, "ready\n");
	time_Sleep(time_Hour);
}

static int
sleepForever(void *arg)
{
	(void)arg;
	go(sleeper, (void *)(intptr_t)time_Hour);
	go(announcer, NULL);
	time_Sleep(time_Hour);
	return 0;
}

/* Go: SIGQUIT prints every goroutine and exits with status 2. */
static void
TestSIGQUITDump(void **state)
{
	char buf[16384];
	int status;

	(void)state;
	status = runChild("TestSIGQUITDump", sleepForever, buf, sizeof(buf), SIGQUIT);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	if (strstr(buf, "SIGQUIT: quit") == NULL || strstr(buf, "goroutine 1 [sleep]:") == NULL ||
	    strstr(buf, "goroutine 2 [sleep]:") == NULL)
		fail_msg("dump lacks a goroutine:\n%s", buf);
}

// C misuse: go() outside go_main is a fatal error, not a crash.
static void
TestGoOutsideMain(void **state)
{
	(void)state;
	expect_assert_failure(go(sleeper, NULL));
}

static const struct CMUnitTest tests[] = {
	// clang-format off
	cmocka_unit_test(TestGoMainReturns),
	cmocka_unit_test(TestGoroutineParallelism),
	cmocka_unit_test(TestYieldProgress),
	cmocka_unit_test(TestTimerFairness),
	cmocka_unit_test(TestGoexit),
	cmocka_unit_test(TestNumGoroutine),
	cmocka_unit_test(TestWaitsinceMinutes),
	cmocka_unit_test(TestManyGoroutines),
	cmocka_unit_test(TestManyGoroutinesUnguarded),
	cmocka_unit_test(TestSystemstack),
	cmocka_unit_test(TestSyscallHandoff),
	cmocka_unit_test(TestSyscallRetakeRace),
	cmocka_unit_test(TestStackOverflow),
	cmocka_unit_test(TestStackOverflowUnguarded),
	cmocka_unit_test(TestStackOverflowUnguardedSP),
	cmocka_unit_test(TestStackOverflowUnguardedReturned),
	cmocka_unit_test(TestStackOverflowUnguardedExit),
	cmocka_unit_test(TestChanLockHeldOneP),
	cmocka_unit_test(TestSimpleDeadlock),
	cmocka_unit_test(TestGoexitDeadlock),
	cmocka_unit_test(TestSIGQUITDump),
	cmocka_unit_test(TestGoOutsideMain),
	// clang-format on
};

GONET_TEST_MAIN(tests)

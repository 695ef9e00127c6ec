// C port of TestPingPongHog from go1.19 src/runtime/proc_test.go: two
// pairs of goroutines hand a token back and forth over unbuffered
// channels on one P; one pair works 1000 times longer per turn. Each hand-
// off readies the partner in runnext, which inherits the time slice, so
// without the scheduler cutting a slice that ran 10 ms (sysmon) one pair
// would keep the P forever. Go's factor-of-20 assertion is kept. Two C
// tests follow: the same, and the network's turn, after sysmon went to
// sleep and the poller alone put the P back to work.
#include "gotest.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/netpoll.h"
#include "runtime_netpoll/runtime.h"
#include "runtime_netpoll/runtime_impl.h"
#include "syscall/syscall.h"
#include "time/time.h"

struct runArg {
	int limit;
	_Atomic int64_t *counter;
	runtime_hchan *wake, *done;
	_Atomic int *exited;
};

// The goroutine body: count `limit` times each time the token arrives.
static void
run(void *arg)
{
	struct runArg *a = arg;

	for (;;) {
		bool tok;
		runtime_selectCase cases[] = {
			{runtime_selectRecv, a->done, NULL},
			{runtime_selectRecv, a->wake, &tok},
		};

		if (runtime_rselect(cases, 2, NULL) == 0)
			break;
		for (int i = 0; i < a->limit; i++)
			// C: a relaxed atomic so the compiler keeps the loop (Go's
			// *counter++ is not optimised away either).
			atomic_store_explicit(
				a->counter,
				atomic_load_explicit(a->counter, memory_order_relaxed) + 1,
				memory_order_relaxed);
		tok = true;
		runtime_chansend1(a->wake, &tok);
	}
	atomic_fetch_add(a->exited, 1);
}

static int
pingPongHog(void *unused)
{
	runtime_hchan *done = runtime_makechan(0, 0);
	runtime_hchan *hogChan = runtime_makechan(sizeof(bool), 0);
	runtime_hchan *lightChan = runtime_makechan(sizeof(bool), 0);
	_Atomic int64_t hogCount = 0, lightCount = 0;
	_Atomic int exited = 0;
	struct runArg hog = {1000000, &hogCount, hogChan, done, &exited};
	struct runArg light = {1000, &lightCount, lightChan, done, &exited};
	const int64_t factor = 20;
	bool t = true;
	int64_t h, l;

	(void)unused;
	// Two co-scheduled hog goroutines, two co-scheduled light ones.
	for (int i = 0; i < 2; i++)
		go(run, &hog);
	for (int i = 0; i < 2; i++)
		go(run, &light);

	// Start the pairs and let a few preemption rounds pass.
	runtime_chansend1(hogChan, &t);
	runtime_chansend1(lightChan, &t);
	time_Sleep(100 * time_Millisecond);
	runtime_closechan(done);

	// C: wait for the four goroutines before freeing the channels. One
	// of each pair is blocked sending the token to its exited partner:
	// take it.
	while (atomic_load(&exited) < 4) {
		runtime_selectCase cases[] = {
			{runtime_selectRecv, hogChan, NULL},
			{runtime_selectRecv, lightChan, NULL},
		};

		(void)runtime_select(cases, 2, false, NULL);
		time_Sleep(time_Millisecond);
	}
	h = atomic_load(&hogCount);
	l = atomic_load(&lightCount);
	runtime_chanfree(done);
	runtime_chanfree(hogChan);
	runtime_chanfree(lightChan);

	// Both pairs must have handed off the P within a time slice: the
	// counts within a factor of 20 (Go's; a broken scheduler gives ~1000).
	if (runtime_GOMAXPROCS(0) != 1) {
		print_error("GOMAXPROCS is %d, want 1\n", runtime_GOMAXPROCS(0));
		return 1;
	}
	if (h / factor > l || l / factor > h) {
		print_error("want hogCount/lightCount in [1/%d, %d]; got %lld/%lld = %g\n",
			    (int)factor, (int)factor, (long long)h, (long long)l,
			    (double)h / (double)(l ? l : 1));
		return 1;
	}
	return 0;
}

// Runs fn as go_main's main goroutine on one P.
static void
runOneP(int (*fn)(void *))
{
	if (testUnderValgrind())
		skip(); // Go skips it under the race detector too; timing only
	assert_int_equal(runWithProcs(1, fn, NULL), 0);
}

static void
TestPingPongHog(void **state)
{
	(void)state;
	runOneP(pingPongHog);
}

// ---- the same, on a P that the poller put back to work ----

static int wakeFds[2];

// An OS thread, not an M: waits until sysmon sleeps because every P is
// idle (the main goroutine is parked in pollWait, and no timer is set),
// then makes the descriptor readable.
static void *
wakeWhenSysmonSleeps(void *arg)
{
	(void)arg;
	for (int i = 0; atomic_load(&runtime_sched.sysmonwait) == 0; i++) {
		if (i == 10000)
			return "sysmon did not go to sleep in 10 s";
		usleep(1000);
	}
	return write(wakeFds[1], "x", 1) == 1 ? NULL : "write failed";
}

// Parks the main goroutine in pollWait until an outside thread finds
// sysmon asleep (every P idle) and makes the descriptor readable: on
// return the poller, not a system call, has ended the idleness.
static void
waitForPollerWake(void)
{
	runtime_pollDesc *pd;
	pthread_t writer;
	void *werr;
	int errno_;

	assert_null(syscall_Socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
				       wakeFds));
	poll_runtime_pollServerInit();
	pd = poll_runtime_pollOpen((uintptr_t)wakeFds[0], &errno_);
	assert_non_null(pd);
	assert_int_equal(poll_runtime_pollReset(pd, 'r'), runtime_pollNoError);
	assert_int_equal(pthread_create(&writer, NULL, wakeWhenSysmonSleeps, NULL), 0);
	// The only P runs dry: sysmon finds it idle and sleeps.
	assert_int_equal(poll_runtime_pollWait(pd, 'r'), runtime_pollNoError);
	assert_int_equal(pthread_join(writer, &werr), 0);
	assert_null(werr);
	poll_runtime_pollUnblock(pd);
	poll_runtime_pollClose(pd);
	close(wakeFds[0]);
	close(wakeFds[1]);
}

static int
pingPongHogAfterPoll(void *unused)
{
	(void)unused;
	waitForPollerWake();
	// Woken by the poller alone, with no system call through
	// entersyscall: sysmon must still cut the hogs' time slices.
	return pingPongHog(NULL);
}

// C: TestPingPongHog after sysmon went to sleep with every P idle and the
// poller, not a system call, ended the idleness. Go wakes sysmon in the
// first read's entersyscall; gonet's socket calls skip it, and
// findRunnable wakes sysmon instead once it has slept 10 ms
// (runtime_sysmonWakeBusy, proc_syscall.c). Without that, one pair kept
// the P: counts 151 000 000 to 1 000.
static void
TestPingPongHogAfterPollerWake(void **state)
{
	(void)state;
	runOneP(pingPongHogAfterPoll);
}

// ---- the network, while two goroutines hand the P back and forth ----

static int probeFds[2];
static runtime_pollDesc *probePd;
static _Atomic int64_t probeWritten; // runtime_nanotime() of the write

// An OS thread: once the reader is parked, lets the pair run a little,
// then makes the probe readable.
static void *
writeProbe(void *arg)
{
	(void)arg;
	while (atomic_load(&probePd->rg) <= runtime_pdWait)
		usleep(1000);
	usleep(20 * 1000);
	atomic_store(&probeWritten, runtime_nanotime());
	return write(probeFds[1], "x", 1) == 1 ? NULL : "write failed";
}

static void
readProbe(void *got)
{
	int r = poll_runtime_pollWait(probePd, 'r');

	runtime_chansend1(got, &r);
}

static int
netpollUnderHogs(void *unused)
{
	runtime_hchan *done = runtime_makechan(0, 0);
	runtime_hchan *pairChan = runtime_makechan(sizeof(bool), 0);
	runtime_hchan *got = runtime_makechan(sizeof(int), 0);
	_Atomic int64_t count = 0;
	_Atomic int exited = 0;
	struct runArg pair = {1000, &count, pairChan, done, &exited};
	pthread_t writer;
	void *werr;
	int errno_, r = -1;
	bool t = true;
	int64_t waited;

	(void)unused;
	waitForPollerWake();
	assert_null(syscall_Socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
				       probeFds));
	probePd = poll_runtime_pollOpen((uintptr_t)probeFds[0], &errno_);
	assert_non_null(probePd);
	assert_int_equal(poll_runtime_pollReset(probePd, 'r'), runtime_pollNoError);
	for (int i = 0; i < 2; i++)
		go(run, &pair);
	go(readProbe, got);
	assert_int_equal(pthread_create(&writer, NULL, writeProbe, NULL), 0);
	// From here the pair never lets the P run dry, so the M never polls:
	// only sysmon's look at the network (and its cut of their slice, for
	// the global queue's turn) can ready the reader.
	runtime_chansend1(pairChan, &t);
	runtime_chanrecv1(got, &r);
	waited = runtime_nanotime() - atomic_load(&probeWritten);
	runtime_closechan(done);
	while (atomic_load(&exited) < 2) { // as in pingPongHog
		runtime_selectCase cases[] = {{runtime_selectRecv, pairChan, NULL}};

		(void)runtime_select(cases, 1, false, NULL);
		time_Sleep(time_Millisecond);
	}
	assert_int_equal(pthread_join(writer, &werr), 0);
	assert_null(werr);
	runtime_chanfree(done);
	runtime_chanfree(pairChan);
	runtime_chanfree(got);
	poll_runtime_pollUnblock(probePd);
	poll_runtime_pollClose(probePd);
	close(probeFds[0]);
	close(probeFds[1]);
	assert_int_equal(r, runtime_pollNoError);
	// Go's bound is the same: sysmon polls within a 10 ms tick, and the
	// global queue gets its turn once in 61 time slices, each cut after
	// 10-20 ms: about 1.2 s here (without runtime_sysmonWakeBusy, 61 s).
	if (waited > 10 * time_Second) {
		print_error("the probe's reader woke %.3f s after the write; want < 10 s\n",
			    (double)waited / 1e9);
		return 1;
	}
	return 0;
}

// C: a goroutine waiting on the network while two others hand the only P
// back and forth through runnext, after an idle spell that the poller
// ended (so sysmon had gone to sleep). The M never runs dry and never
// polls; sysmon must, every 10 ms. Before runtime_sysmonWakeBusy it slept
// through its 60 s timeout.
static void
TestNetpollUnderHogsAfterPollerWake(void **state)
{
	(void)state;
	runOneP(netpollUnderHogs);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestPingPongHog),
	cmocka_unit_test(TestPingPongHogAfterPollerWake),
	cmocka_unit_test(TestNetpollUnderHogsAfterPollerWake),
};

GONET_TEST_MAIN(tests)

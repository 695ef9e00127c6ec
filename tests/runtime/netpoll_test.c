// Tests of go1.19 src/runtime/netpoll.go and netpoll_epoll.go: Go's
// TestNetpollBreak (proc_test.go, through export_test.go's Netpoll and
// NetpollBreak), and the pollDesc's states driven directly through the
// functions runtime_netpoll/netpoll.h exports (Go's export_test.go
// reaches them the same way): readiness consumed by netpollblock,
// deadlines and close reported by netpollcheckerr, a goroutine parked in
// pollWait and woken by epoll.
#include "gotest.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime_netpoll/netpoll.h"
#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"
#include "syscall/syscall.h"
#include "time/time.h"

static _Atomic int breakStarted, breakDone;

static void
netpollForTenSeconds(void *arg)
{
	runtime_gList list;

	(void)arg;
	atomic_store(&breakStarted, 1); // Go: c <- true
	// Go: runtime.Netpoll(10s), which drops the list; C: nobody waits
	// on a descriptor here, but any G it returned must not be lost.
	list = runtime_netpoll(10 * time_Second);
	if (!runtime_gList_empty(&list))
		runtime_injectglist(&list);
	atomic_store(&breakDone, 1); // Go: c <- true
}

/* Go: runtime/proc_test.go TestNetpollBreak */
GO_TEST(TestNetpollBreak)
{
	time_Time start;
	time_Duration dur;

	if (runtime_GOMAXPROCS(0) == 1)
		GO_SKIP(); // Go: t.Skip("skipping: GOMAXPROCS=1")

	// The poller must exist.
	runtime_netpollGenericInit();

	start = time_Now();
	atomic_store(&breakStarted, 0);
	atomic_store(&breakDone, 0);
	go(netpollForTenSeconds, NULL);
	while (!atomic_load(&breakStarted)) // Go: <-c
		runtime_Gosched();
	// Break more than once, and again and again: the scheduler's own
	// netpoll may eat a break.
	for (;;) {
		usleep(100); // Go: runtime.Usleep(100)
		runtime_netpollBreak();
		runtime_netpollBreak();
		if (atomic_load(&breakDone))
			break;
		runtime_Gosched(); // C: cooperative: let the scheduler run too
	}
	if ((dur = time_Since(start)) > 5 * time_Second)
		fail_msg("netpollBreak did not interrupt netpoll: slept for: %s",
			 time_Duration_String(dur).s);
}

// C: after a break, a non-blocking netpoll returns at once, and nothing.
GO_TEST(TestNetpollZeroAfterBreak)
{
	runtime_gList list;

	runtime_netpollGenericInit();
	runtime_netpollBreak();
	list = runtime_netpoll(0);
	assert_true(runtime_gList_empty(&list));
	assert_true(runtime_netpollIsPollDescriptor((uintptr_t)-1) == false);
}

// C: the pollDesc state machine, without internal/poll.
GO_TEST(TestPollDescStates)
{
	int fds[2], errno_;
	runtime_pollDesc *pd;
	runtime_g *gp;

	assert_null(
		syscall_Socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds));
	poll_runtime_pollServerInit();
	pd = poll_runtime_pollOpen((uintptr_t)fds[0], &errno_);
	assert_non_null(pd);
	assert_int_equal(errno_, 0);
	assert_int_equal(pd->fd, fds[0]);
	assert_false(poll_runtime_isPollServerDescriptor((uintptr_t)fds[0]));

	// Readiness with nobody waiting is kept (pdReady) and consumed by the
	// next netpollblock, which then does not park.
	assert_int_equal(poll_runtime_pollReset(pd, 'r'), runtime_pollNoError);
	assert_int_equal(atomic_load(&pd->rg), 0);
	gp = runtime_netpollunblock(pd, 'r', true);
	assert_null(gp);
	assert_int_equal(atomic_load(&pd->rg), runtime_pdReady);
	// A second notification changes nothing.
	assert_null(runtime_netpollunblock(pd, 'r', true));
	assert_true(runtime_netpollblock(pd, 'r', false));
	assert_int_equal(atomic_load(&pd->rg), 0);
	// Without readiness, a timeout or close unblocking finds nobody.
	assert_null(runtime_netpollunblock(pd, 'w', false));
	assert_int_equal(atomic_load(&pd->wg), 0);

	// Deadlines: expired ones are reported by netpollcheckerr, per mode.
	assert_int_equal(runtime_netpollcheckerr(pd, 'r'), runtime_pollNoError);
	poll_runtime_pollSetDeadline(pd, -1, 'r');
	assert_true(runtime_pollDesc_info(pd) & runtime_pollExpiredReadDeadline);
	assert_int_equal(runtime_netpollcheckerr(pd, 'r'), runtime_pollErrTimeout);
	assert_int_equal(runtime_netpollcheckerr(pd, 'w'), runtime_pollNoError);
	assert_int_equal(poll_runtime_pollWait(pd, 'r'), runtime_pollErrTimeout);
	assert_int_equal(poll_runtime_pollReset(pd, 'r'), runtime_pollErrTimeout);
	poll_runtime_pollSetDeadline(pd, -1, 'r' + 'w');
	assert_int_equal(runtime_netpollcheckerr(pd, 'w'), runtime_pollErrTimeout);
	poll_runtime_pollSetDeadline(pd, 0, 'r' + 'w');
	assert_int_equal(runtime_pollDesc_info(pd), 0);
	assert_int_equal(pd->rd, 0);
	assert_int_equal(pd->wd, 0);
	// A future deadline arms a timer (one timer for equal deadlines).
	poll_runtime_pollSetDeadline(pd, (int64_t)time_Hour, 'r' + 'w');
	assert_non_null(pd->rt.f);
	assert_null(pd->wt.f);
	assert_true(pd->rd > 0 && pd->rd == pd->wd);
	poll_runtime_pollSetDeadline(pd, (int64_t)2 * time_Hour, 'w');
	assert_non_null(pd->wt.f);
	// An overflowing deadline is as good as never.
	poll_runtime_pollSetDeadline(pd, INT64_MAX, 'r');
	assert_int_equal(pd->rd, INT64_MAX);
	poll_runtime_pollSetDeadline(pd, 0, 'r' + 'w');
	assert_null(pd->rt.f);
	assert_null(pd->wt.f);

	// An event error is reported to readers only.
	runtime_pollDesc_setEventErr(pd, true);
	assert_int_equal(runtime_netpollcheckerr(pd, 'r'), runtime_pollErrNotPollable);
	assert_int_equal(runtime_netpollcheckerr(pd, 'w'), runtime_pollNoError);
	runtime_pollDesc_setEventErr(pd, false);

	// Close: unblock, then every wait reports pollErrClosing.
	poll_runtime_pollUnblock(pd);
	assert_true(pd->closing);
	assert_int_equal(runtime_netpollcheckerr(pd, 'r'), runtime_pollErrClosing);
	assert_int_equal(runtime_netpollcheckerr(pd, 'w'), runtime_pollErrClosing);
	assert_int_equal(poll_runtime_pollWait(pd, 'w'), runtime_pollErrClosing);
	poll_runtime_pollSetDeadline(pd, -1, 'r'); // ignored once closing
	assert_int_equal(pd->rd, 0);
	poll_runtime_pollClose(pd);
	close(fds[0]);
	close(fds[1]);
}

// A goroutine parked in pollWait, and what the parking looks like.
static runtime_pollDesc *waitPd;
static _Atomic int waitResult = -1;

static void
waitReadable(void *arg)
{
	(void)arg;
	atomic_store(&waitResult, poll_runtime_pollWait(waitPd, 'r'));
}

// C: epoll's readiness wakes a goroutine parked in pollWait: while
// parked, rg holds its G and netpollWaiters counts it; the park is
// counted once (runtime_netpollParks, the demo's statistic).
GO_TEST(TestPollWaitWokenByEpoll)
{
	int fds[2], errno_;
	time_Duration waited = 0;
	uint64_t parks0 = runtime_netpollParks();

	assert_null(
		syscall_Socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds));
	poll_runtime_pollServerInit();
	waitPd = poll_runtime_pollOpen((uintptr_t)fds[0], &errno_);
	assert_non_null(waitPd);
	// The registration reported the pair writable (and maybe more):
	// start from a clean read state.
	assert_int_equal(poll_runtime_pollReset(waitPd, 'r'), runtime_pollNoError);
	atomic_store(&waitResult, -1);
	go(waitReadable, NULL);
	while (atomic_load(&waitPd->rg) <= runtime_pdWait && waited < 10 * time_Second) {
		time_Sleep(time_Millisecond);
		waited += time_Millisecond;
	}
	assert_true(atomic_load(&waitPd->rg) > runtime_pdWait); // a G
	assert_true(atomic_load(&runtime_netpollWaiters) >= 1);
	assert_int_equal(atomic_load(&waitResult), -1);
	assert_int_equal(write(fds[1], "x", 1), 1);
	while (atomic_load(&waitResult) == -1)
		time_Sleep(time_Millisecond);
	assert_int_equal(atomic_load(&waitResult), runtime_pollNoError);
	assert_int_equal(atomic_load(&waitPd->rg), 0);
	assert_int_equal(runtime_netpollParks() - parks0, 1);
	poll_runtime_pollUnblock(waitPd);
	poll_runtime_pollClose(waitPd);
	close(fds[0]);
	close(fds[1]);
}

// ---- one P: readiness found by the blocking poll alone ----

// C: with GOMAXPROCS 1, findRunnable skips its non-blocking poll
// (proc.c), so goroutines parked in pollWait are readied only by the
// blocking poll the P's M makes once it has run dry. Several become
// readable at once, from a thread that is no M, while every goroutine is
// blocked; all must wake, each once, with pollNoError.
enum { onePWaiters = 4 };

typedef struct onePWaiter {
	int fds[2];
	runtime_pollDesc *pd;
	_Atomic int result;
	sync_WaitGroup *done;
} onePWaiter;

static void
onePWait(void *arg)
{
	onePWaiter *w = arg;

	atomic_store(&w->result, poll_runtime_pollWait(w->pd, 'r'));
	sync_WaitGroup_Done(w->done);
}

// Waits (as an OS thread: no goroutine may run it, the P must run dry)
// until every waiter is parked, then makes all of them readable.
static void *
onePWriter(void *arg)
{
	onePWaiter *ws = arg;

	for (int i = 0; i < onePWaiters; i++) {
		while (atomic_load(&ws[i].pd->rg) <= runtime_pdWait)
			usleep(1000);
	}
	for (int i = 0; i < onePWaiters; i++)
		if (write(ws[i].fds[1], "x", 1) != 1)
			return "write failed";
	return NULL;
}

static int
onePMain(void *arg)
{
	onePWaiter *ws = arg;
	sync_WaitGroup wg = {0};
	pthread_t writer;
	void *werr;
	int errno_;
	uint64_t parks0 = runtime_netpollParks();

	poll_runtime_pollServerInit();
	for (int i = 0; i < onePWaiters; i++) {
		onePWaiter *w = &ws[i];
		assert_null(syscall_Socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
					       0, w->fds));
		w->pd = poll_runtime_pollOpen((uintptr_t)w->fds[0], &errno_);
		assert_non_null(w->pd);
		assert_int_equal(poll_runtime_pollReset(w->pd, 'r'), runtime_pollNoError);
		atomic_store(&w->result, -1);
		w->done = &wg;
	}
	sync_WaitGroup_Add(&wg, onePWaiters);
	for (int i = 0; i < onePWaiters; i++)
		go(onePWait, &ws[i]);
	assert_int_equal(pthread_create(&writer, NULL, onePWriter, ws), 0);
	sync_WaitGroup_Wait(&wg); // the only P runs dry here
	assert_int_equal(pthread_join(writer, &werr), 0);
	assert_null(werr);
	assert_int_equal(runtime_netpollParks() - parks0, onePWaiters); // one each
	for (int i = 0; i < onePWaiters; i++) {
		onePWaiter *w = &ws[i];
		assert_int_equal(atomic_load(&w->result), runtime_pollNoError);
		assert_int_equal(atomic_load(&w->pd->rg), 0);
		poll_runtime_pollUnblock(w->pd);
		poll_runtime_pollClose(w->pd);
		close(w->fds[0]);
		close(w->fds[1]);
	}
	return 0;
}

static void
TestPollWaitWokenByEpollOneP(void **state)
{
	onePWaiter ws[onePWaiters];

	(void)state;
	memset(ws, 0, sizeof(ws));
	assert_int_equal(runWithProcs(1, onePMain, ws), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestNetpollBreak),
	cmocka_unit_test(TestNetpollZeroAfterBreak),
	cmocka_unit_test(TestPollDescStates),
	cmocka_unit_test(TestPollWaitWokenByEpoll),
	cmocka_unit_test(TestPollWaitWokenByEpollOneP),
};

GONET_TEST_MAIN(tests)

// C port of go1.19 src/sync/cond_test.go (TestCondSignal,
// TestCondSignalGenerations, TestCondBroadcast, TestCondCopy).
// C: Go's buffered channels are a small queue (ichan) whose receive polls
// with Gosched; whether a receive would block is ichan_len() == 0.
#include "gotest.h"

#include <string.h>

#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"

typedef struct ichan {
	sync_Mutex mu;
	int buf[256];
	int head, n;
} ichan;

static void
ichan_send(ichan *c, int v)
{
	sync_Mutex_Lock(&c->mu);
	c->buf[(c->head + c->n++) % 256] = v;
	sync_Mutex_Unlock(&c->mu);
}

static int
ichan_len(ichan *c)
{
	int n;

	sync_Mutex_Lock(&c->mu);
	n = c->n;
	sync_Mutex_Unlock(&c->mu);
	return n;
}

static int
ichan_recv(ichan *c)
{
	int v;

	for (;;) {
		sync_Mutex_Lock(&c->mu);
		if (c->n > 0)
			break;
		sync_Mutex_Unlock(&c->mu);
		runtime_Gosched();
	}
	v = c->buf[c->head];
	c->head = (c->head + 1) % 256;
	c->n--;
	sync_Mutex_Unlock(&c->mu);
	return v;
}

static sync_Mutex m;
static sync_Cond *c;
static ichan running, awake;
static sync_WaitGroup exited; // C: the goroutines end before the test

static void
reset(void)
{
	memset(&m, 0, sizeof(m));
	memset(&running, 0, sizeof(running));
	memset(&awake, 0, sizeof(awake));
	c = sync_NewCond(sync_Mutex_Locker(&m));
}

static void
signalWaiter(void *arg)
{
	sync_Mutex_Lock(&m);
	ichan_send(&running, 1);
	sync_Cond_Wait(c);
	ichan_send(&awake, (int)(uintptr_t)arg);
	sync_Mutex_Unlock(&m);
	sync_WaitGroup_Done(&exited);
}

GO_TEST(TestCondSignal)
{
	int n = 2;

	reset();
	sync_WaitGroup_Add(&exited, n);
	for (int i = 0; i < n; i++)
		go(signalWaiter, NULL);
	for (int i = 0; i < n; i++)
		ichan_recv(&running); // everyone runs
	while (n > 0) {
		assert_int_equal(ichan_len(&awake), 0); // "goroutine not asleep"
		sync_Mutex_Lock(&m);
		sync_Cond_Signal(c);
		sync_Mutex_Unlock(&m);
		ichan_recv(&awake);                     // hangs if no goroutine wakes up
		assert_int_equal(ichan_len(&awake), 0); // "too many goroutines awake"
		n--;
	}
	sync_Cond_Signal(c);
	sync_WaitGroup_Wait(&exited);
	sync_Cond_Free(c);
}

GO_TEST(TestCondSignalGenerations)
{
	int n = 100;

	reset();
	sync_WaitGroup_Add(&exited, n);
	for (int i = 0; i < n; i++) {
		go(signalWaiter, (void *)(uintptr_t)i);
		if (i > 0)
			assert_int_equal(ichan_recv(&awake), i - 1); // "wrong goroutine woke up"
		ichan_recv(&running);
		sync_Mutex_Lock(&m);
		sync_Cond_Signal(c);
		sync_Mutex_Unlock(&m);
	}
	ichan_recv(&awake);
	sync_WaitGroup_Wait(&exited);
	sync_Cond_Free(c);
}

static bool exitFlag; // guarded by m

static void
broadcastWaiter(void *arg)
{
	int g = (int)(uintptr_t)arg;

	sync_Mutex_Lock(&m);
	while (!exitFlag) {
		ichan_send(&running, g);
		sync_Cond_Wait(c);
		ichan_send(&awake, g);
	}
	sync_Mutex_Unlock(&m);
	sync_WaitGroup_Done(&exited);
}

GO_TEST(TestCondBroadcast)
{
	enum { n = 200 };

	reset();
	exitFlag = false;
	sync_WaitGroup_Add(&exited, n);
	for (int i = 0; i < n; i++)
		go(broadcastWaiter, (void *)(uintptr_t)i);
	for (int i = 0; i < n; i++) {
		bool seen[n] = {false};

		for (int j = 0; j < n; j++)
			ichan_recv(&running); // hangs unless n are running
		if (i == n - 1) {
			sync_Mutex_Lock(&m);
			exitFlag = true;
			sync_Mutex_Unlock(&m);
		}
		assert_int_equal(ichan_len(&awake), 0); // "goroutine not asleep"
		sync_Mutex_Lock(&m);
		sync_Cond_Broadcast(c);
		sync_Mutex_Unlock(&m);
		for (int j = 0; j < n; j++) {
			int g = ichan_recv(&awake);

			assert_false(seen[g]); // "goroutine woke up twice"
			seen[g] = true;
		}
	}
	sync_WaitGroup_Wait(&exited);
	assert_int_equal(ichan_len(&running), 0); // "goroutine did not exit"
	sync_Cond_Broadcast(c);
	sync_Cond_Free(c);
}

GO_TEST(TestCondCopy)
{
	sync_Mutex mu = SYNC_MUTEX_INIT;
	sync_Cond cv = {.L = sync_Mutex_Locker(&mu)};
	sync_Cond c2;

	sync_Cond_Signal(&cv);
	memcpy(&c2, &cv, sizeof(cv)); // c2 := c
	// "panic: sync.Cond is copied"
	expect_assert_failure(sync_Cond_Signal(&c2));
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestCondSignal),
	cmocka_unit_test(TestCondSignalGenerations),
	cmocka_unit_test(TestCondBroadcast),
	cmocka_unit_test(TestCondCopy),
};
// clang-format on

GONET_TEST_MAIN(tests)

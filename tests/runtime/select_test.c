// Tests of select (runtime/select.go) through the C API: timers in a
// select, default cases, nil channels, many cases, close while blocked,
// and the forever-blocking forms (nil channel, `select {}`). Go's own
// select tests live in chan_test.go (tests/runtime/chan_test.c).
#include "gotest.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

struct sendLater {
	runtime_hchan *c;
	time_Duration d;
	int v;
	sync_WaitGroup wg;
};

static void
sendAfter(void *arg)
{
	struct sendLater *a = arg;

	time_Sleep(a->d);
	runtime_chansend1(a->c, &a->v);
	sync_WaitGroup_Done(&a->wg);
}

// A timer wins over a silent channel, a value wins over a far timer.
GO_TEST(TestSelectWithTimer)
{
	time_Time start = time_Now(), tv;
	runtime_hchan *c = runtime_makechan(sizeof(int), 0);
	runtime_hchan *after = time_After(10 * time_Millisecond);
	struct sendLater a = {.c = c, .d = time_Millisecond, .v = 42};
	runtime_selectCase cases[] = {
		{runtime_selectRecv, c, NULL},
		{runtime_selectRecv, after, &tv},
	};
	bool ok = false;
	int v = 0;

	assert_int_equal(runtime_rselect(cases, 2, &ok), 1);
	assert_true(ok);
	assert_true(time_Since(start) >= 10 * time_Millisecond);
	assert_false(time_Time_Before(tv, time_Time_Add(start, 10 * time_Millisecond)));
	time_After_Free(after);

	after = time_After(time_Hour);
	cases[0].elem = &v;
	cases[1].c = after;
	sync_WaitGroup_Add(&a.wg, 1);
	go(sendAfter, &a);
	assert_int_equal(runtime_rselect(cases, 2, &ok), 0);
	assert_true(ok);
	assert_int_equal(v, 42);
	sync_WaitGroup_Wait(&a.wg);
	time_After_Free(after);
	runtime_chanfree(c);
}

// default, nil channels, and the -1 of runtime_select.
GO_TEST(TestSelectDefault)
{
	runtime_hchan *c = runtime_makechan(sizeof(int), 1);
	int v = 7, w = 0;
	bool ok = true;
	runtime_selectCase withDefault[] = {
		{runtime_selectDefault, NULL, NULL},
		{runtime_selectRecv, c, &w},
		{runtime_selectSend, NULL, &v}, // nil channel: never chosen
	};
	runtime_selectCase noDefault[] = {
		{runtime_selectRecv, c, &w},
	};

	assert_int_equal(runtime_rselect(withDefault, 3, &ok), 0);
	assert_false(ok);
	assert_int_equal(runtime_select(noDefault, 1, false, &ok), -1);
	runtime_chansend1(c, &v);
	assert_int_equal(runtime_rselect(withDefault, 3, &ok), 1);
	assert_true(ok);
	assert_int_equal(w, 7);
	// Only nil channels and a default.
	withDefault[1].c = NULL;
	assert_int_equal(runtime_rselect(withDefault, 3, NULL), 0);
	assert_int_equal(runtime_select(NULL, 0, false, NULL), -1);
	// A closed channel is always ready, with ok == false and a zero value.
	runtime_closechan(c);
	w = 5;
	assert_int_equal(runtime_select(noDefault, 1, true, &ok), 0);
	assert_false(ok);
	assert_int_equal(w, 0);
	expect_assert_failure(
		runtime_rselect((runtime_selectCase[]){{runtime_selectDefault, NULL, NULL},
						       {runtime_selectDefault, NULL, NULL}},
				2, NULL));
	runtime_chanfree(c);
}

struct manyArg {
	runtime_hchan **cs;
	int n;
	sync_WaitGroup wg;
};

static void
sendEach(void *arg)
{
	struct manyArg *a = arg;

	for (int i = a->n - 1; i >= 0; i--)
		runtime_chansend1(a->cs[i], &i);
	sync_WaitGroup_Done(&a->wg);
}

// More cases than the stack buffers hold, with duplicates: every value
// arrives once, on its own channel.
GO_TEST(TestSelectManyCases)
{
	enum { n = 40 };
	runtime_hchan *cs[n];
	runtime_selectCase cases[2 * n];
	int got[n], seen[n] = {0};
	struct manyArg a = {.cs = cs, .n = n};

	for (int i = 0; i < n; i++) {
		cs[i] = runtime_makechan(sizeof(int), i % 3);
		cases[i] = (runtime_selectCase){runtime_selectRecv, cs[i], &got[i]};
		cases[n + i] = (runtime_selectCase){runtime_selectRecv, cs[i], &got[i]};
	}
	sync_WaitGroup_Add(&a.wg, 1);
	go(sendEach, &a);
	for (int k = 0; k < n; k++) {
		bool ok;
		int i = runtime_rselect(cases, 2 * n, &ok) % n;

		assert_true(ok);
		assert_int_equal(got[i], i);
		seen[i]++;
	}
	for (int i = 0; i < n; i++)
		assert_int_equal(seen[i], 1);
	sync_WaitGroup_Wait(&a.wg);
	for (int i = 0; i < n; i++)
		runtime_chanfree(cs[i]);
}

struct closeArg {
	runtime_hchan *c, *other;
	int chosen;
	bool ok;
	_Atomic int panicked;
	sync_WaitGroup wg;
};

static void
selectRecvBlocked(void *arg)
{
	struct closeArg *a = arg;
	int v = 9;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, a->other, NULL},
		{runtime_selectRecv, a->c, &v},
	};

	a->chosen = runtime_rselect(cases, 2, &a->ok);
	if (v != 0)
		a->chosen = -2;
	sync_WaitGroup_Done(&a->wg);
}

static void
selectSendBlocked(void *arg)
{
	struct closeArg *a = arg;
	int v = 9;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, a->other, NULL},
		{runtime_selectSend, a->c, &v},
	};

	expect_assert_failure(runtime_rselect(cases, 2, NULL)); // send on closed channel
	atomic_store(&a->panicked, 1);
	sync_WaitGroup_Done(&a->wg);
}

// close wakes a select blocked on the channel: a receive gets (0, false),
// a send panics, and both leave the other channel's queue.
GO_TEST(TestSelectCloseWhileBlocked)
{
	struct closeArg a = {.c = runtime_makechan(sizeof(int), 0),
			     .other = runtime_makechan(sizeof(int), 0)};
	int v = 1;

	sync_WaitGroup_Add(&a.wg, 1);
	go(selectRecvBlocked, &a);
	time_Sleep(time_Millisecond);
	runtime_closechan(a.c);
	sync_WaitGroup_Wait(&a.wg);
	assert_int_equal(a.chosen, 1);
	assert_false(a.ok);
	runtime_chanfree(a.c);

	a.c = runtime_makechan(sizeof(int), 0);
	sync_WaitGroup_Add(&a.wg, 1);
	go(selectSendBlocked, &a);
	time_Sleep(time_Millisecond);
	runtime_closechan(a.c);
	sync_WaitGroup_Wait(&a.wg);
	assert_int_equal(atomic_load(&a.panicked), 1);
	// Nobody is left on other's queue: a send finds no receiver.
	assert_false(runtime_selectnbsend(a.other, &v));
	runtime_chanfree(a.c);
	runtime_chanfree(a.other);
}

static void
recvNil(void *arg)
{
	(void)arg;
	runtime_chanrecv1(NULL, NULL);
}

static void
sendNil(void *arg)
{
	(void)arg;
	runtime_chansend1(NULL, &arg);
}

static void
selectNothing(void *arg)
{
	(void)arg;
	runtime_block();
}

// Operations on nil channels and `select {}` block forever, with Go's wait
// reasons (the goroutines are abandoned when the test returns, as Go's).
GO_TEST(TestNilChanBlocksForever)
{
	char buf[16384] = "";

	assert_false(runtime_selectnbsend(NULL, &buf));
	assert_false(runtime_selectnbrecv(NULL, NULL, NULL));
	go(recvNil, NULL);
	go(sendNil, NULL);
	go(selectNothing, NULL);
	// Wait (a while under valgrind) until all three have parked.
	for (int i = 0; i < 1000; i++) {
		time_Sleep(10 * time_Millisecond);
		runtime_Stack(buf, sizeof(buf), true);
		if (strstr(buf, "[chan receive (nil chan)") &&
		    strstr(buf, "[chan send (nil chan)") && strstr(buf, "[select (no cases)"))
			break;
	}
	assert_non_null(strstr(buf, "[chan receive (nil chan)"));
	assert_non_null(strstr(buf, "[chan send (nil chan)"));
	assert_non_null(strstr(buf, "[select (no cases)"));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSelectWithTimer),      cmocka_unit_test(TestSelectDefault),
	cmocka_unit_test(TestSelectManyCases),      cmocka_unit_test(TestSelectCloseWhileBlocked),
	cmocka_unit_test(TestNilChanBlocksForever),
};

GONET_TEST_MAIN(tests)

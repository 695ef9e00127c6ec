// C port of go1.19 src/context/context_test.go (the XTest functions that
// x_test.go runs) and net_test.go.
//
// C: every context made here is canceled and released at the end of its
// test (context.h rules), where Go leaves them to the GC; Go's
// otherContext, myCtx and myDoneCtx are user types embedding a Context.
#include "gotest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context/context.h"
#include "context/context_impl.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

static const time_Duration shortDuration = 1 * time_Millisecond;
static const time_Duration veryLongDuration = 1000 * time_Hour;

/* Go: context/context_test.go quiescent */
static time_Duration
quiescent(void)
{
	return 5 * time_Second * testTimeScale();
}

// Whether ch is ready to receive (select with default).
static bool
isDone(context_Context *c)
{
	runtime_hchan *d = context_Context_Done(c);

	return runtime_selectnbrecv(NULL, d, NULL);
}

static void
cancelRelease(context_Context *c, context_CancelFunc cancel)
{
	context_CancelFunc_Call(cancel);
	context_Release(c);
}

// --- Go's otherContext{Context}: a user type that embeds a Context ------------

typedef struct otherContext {
	context_Context ctx;
	context_Context *Context;
} otherContext;

static bool
other_Deadline(context_Context *c, time_Time *d)
{
	return context_Context_Deadline(((otherContext *)c)->Context, d);
}

static runtime_hchan *
other_Done(context_Context *c)
{
	return context_Context_Done(((otherContext *)c)->Context);
}

static go_error *
other_Err(context_Context *c)
{
	return context_Context_Err(((otherContext *)c)->Context);
}

static void *
other_Value(context_Context *c, const void *key)
{
	return context_Context_Value(((otherContext *)c)->Context, key);
}

// C: no String method, so fmt.Sprint would print the embedded Context's;
// Go's otherContext promotes String from it.
static void
other_String(context_Context *c, char *buf, size_t len)
{
	context_Context_String(((otherContext *)c)->Context, buf, len);
}

// Not reference-counted: its owner keeps it alive (context.h rule 5).
static const context_ContextMethods otherContextMethods = {
	.type = "context.otherContext",
	.Deadline = other_Deadline,
	.Done = other_Done,
	.Err = other_Err,
	.Value = other_Value,
	.String = other_String,
};

static otherContext
newOther(context_Context *c)
{
	return (otherContext){{&otherContextMethods, 0}, c};
}

// -----------------------------------------------------------------------------

GO_TEST(TestBackground)
{
	context_Context *c = context_Background();
	char buf[64];

	assert_non_null(c);
	assert_null(context_Context_Done(c)); // a nil channel: receiving blocks
	assert_false(runtime_selectnbrecv(NULL, context_Context_Done(c), NULL));
	context_Context_String(c, buf, sizeof(buf));
	assert_string_equal(buf, "context.Background");
}

GO_TEST(TestTODO)
{
	context_Context *c = context_TODO();
	char buf[64];

	assert_non_null(c);
	assert_false(runtime_selectnbrecv(NULL, context_Context_Done(c), NULL));
	context_Context_String(c, buf, sizeof(buf));
	assert_string_equal(buf, "context.TODO");
}

GO_TEST(TestWithCancel)
{
	context_CancelFunc cancel, cancel2;
	context_Context *c1 = context_WithCancel(context_Background(), &cancel);
	otherContext o = newOther(c1);
	context_Context *c2 = context_WithCancel(&o.ctx, &cancel2);
	context_Context *contexts[] = {c1, &o.ctx, c2};
	char buf[64];

	context_Context_String(c1, buf, sizeof(buf));
	assert_string_equal(buf, "context.Background.WithCancel");

	for (size_t i = 0; i < nelem(contexts); i++) {
		if (context_Context_Done(contexts[i]) == NULL)
			fail_msg("c[%zu].Done() == nil want non-nil", i);
		if (context_Context_Err(contexts[i]) != NULL)
			fail_msg("c[%zu].Err() != nil", i);
		if (isDone(contexts[i]))
			fail_msg("<-c.Done() ready, want nothing (it should block)");
	}

	context_CancelFunc_Call(cancel); // propagates synchronously
	for (size_t i = 0; i < nelem(contexts); i++) {
		if (!isDone(contexts[i]))
			fail_msg("<-c[%zu].Done() blocked, but shouldn't have", i);
		if (context_Context_Err(contexts[i]) != context_Canceled)
			fail_msg("c[%zu].Err() want Canceled", i);
	}
	cancelRelease(c2, cancel2);
	context_Release(c1);
	// C: c2 watched o (a foreign parent) from a goroutine, which holds
	// &o until it sees c1 or c2 done: wait for it before o goes.
	while (runtime_NumGoroutine() > 1)
		time_Sleep(time_Millisecond);
}

static const char keyStr[] = "key"; // Go: the string key "key"

GO_TEST(TestParentFinishesChild)
{
	// parent -> cancelChild
	// parent -> valueChild -> timerChild
	context_CancelFunc cancel, stop1, stop2;
	context_Context *parent = context_WithCancel(context_Background(), &cancel);
	context_Context *cancelChild = context_WithCancel(parent, &stop1);
	context_Context *valueChild = context_WithValue(parent, keyStr, "value");
	context_Context *timerChild = context_WithTimeout(valueChild, veryLongDuration, &stop2);
	context_Context *precanceledChild;
	struct {
		context_Context *c;
		const char *name;
	} check[] = {
		{parent, "parent"},
		{cancelChild, "cancelChild"},
		{valueChild, "valueChild"},
		{timerChild, "timerChild"},
	};

	for (size_t i = 0; i < nelem(check); i++)
		if (isDone(check[i].c))
			fail_msg("<-%s.Done() ready, want nothing (it should block)",
				 check[i].name);

	// The parent's children are the two cancelable children.
	assert_string_equal(context_typeName(parent), "*context.cancelCtx");
	assert_string_equal(context_typeName(cancelChild), "*context.cancelCtx");
	assert_string_equal(context_typeName(timerChild), "*context.timerCtx");
	if (context_numChildren(parent) != 2)
		fail_msg("bad linkage: pc.children has %d, want 2", context_numChildren(parent));

	context_CancelFunc_Call(cancel);
	if (context_numChildren(parent) != 0)
		fail_msg("pc.cancel didn't clear pc.children");

	// parent and children are all finished.
	for (size_t i = 0; i < nelem(check); i++) {
		if (!isDone(check[i].c))
			fail_msg("<-%s.Done() blocked, but shouldn't have", check[i].name);
		if (context_Context_Err(check[i].c) != context_Canceled)
			fail_msg("%s.Err() want Canceled", check[i].name);
	}

	// A WithValue of a canceled parent is canceled.
	precanceledChild = context_WithValue(parent, keyStr, "value");
	if (!isDone(precanceledChild))
		fail_msg("<-precanceledChild.Done() blocked, but shouldn't have");
	assert_ptr_equal(context_Context_Err(precanceledChild), context_Canceled);

	context_Release(precanceledChild);
	cancelRelease(timerChild, stop2); // C: defer stop()
	context_Release(valueChild);
	cancelRelease(cancelChild, stop1);
	context_Release(parent);
}

GO_TEST(TestChildFinishesFirst)
{
	context_CancelFunc stop;
	context_Context *cancelable = context_WithCancel(context_Background(), &stop);
	context_Context *parents[] = {context_Background(), cancelable};

	for (size_t i = 0; i < nelem(parents); i++) {
		context_Context *parent = parents[i];
		context_CancelFunc cancel;
		context_Context *child = context_WithCancel(parent, &cancel);
		bool pcok = parent == cancelable;

		if (isDone(parent) || isDone(child))
			fail_msg("Done ready, want nothing (it should block)");
		if (pcok && context_numChildren(parent) != 1)
			fail_msg("bad linkage: pc.children has %d, want 1",
				 context_numChildren(parent));

		context_CancelFunc_Call(cancel);

		if (pcok && context_numChildren(parent) != 0)
			fail_msg("child's cancel didn't remove self from pc.children");
		// child is finished.
		if (!isDone(child))
			fail_msg("<-child.Done() blocked, but shouldn't have");
		if (context_Context_Err(child) != context_Canceled)
			fail_msg("child.Err() want Canceled");
		// parent is not.
		if (isDone(parent))
			fail_msg("<-parent.Done() ready, want nothing (it should block)");
		if (context_Context_Err(parent) != NULL)
			fail_msg("parent.Err() want nil");
		context_Release(child);
	}
	cancelRelease(cancelable, stop); // C: defer stop()
}

/* Go: context/context_test.go testDeadline */
static void
testDeadline(context_Context *c, const char *name)
{
	time_Duration d = quiescent();
	time_Timer *timer = time_NewTimer(d);
	runtime_selectCase cases[] = {
		{runtime_selectRecv, timer->C, NULL},
		{runtime_selectRecv, context_Context_Done(c), NULL},
	};

	if (runtime_rselect(cases, 2, NULL) == 0)
		fail_msg("%s: context not timed out after %s", name, time_Duration_String(d).s);
	time_Timer_Stop(timer); // C: defer timer.Stop()
	time_Timer_Free(timer);
	if (context_Context_Err(c) != context_DeadlineExceeded)
		fail_msg("%s: c.Err() == %s; want DeadlineExceeded", name,
			 context_Context_Err(c) ? go_error_Error(context_Context_Err(c)) : "nil");
}

// The C twin of `c, _ := WithX(...)`: the cancel is kept for the cleanup.
struct held {
	context_Context *c;
	context_CancelFunc cancel;
};

static void
releaseAll(struct held *h, size_t n)
{
	for (size_t i = n; i-- > 0;)
		cancelRelease(h[i].c, h[i].cancel);
	while (runtime_NumGoroutine() > 1) // watching goroutines hold references
		time_Sleep(time_Millisecond);
}

static void
checkPrefix(context_Context *c, const char *prefix)
{
	char buf[256];

	context_Context_String(c, buf, sizeof(buf));
	if (strncmp(buf, prefix, strlen(prefix)) != 0)
		fail_msg("c.String() = %s want prefix %s", buf, prefix);
}

GO_TEST(TestDeadline)
{
	struct held h[6];
	otherContext o1, o2;

	h[0].c = context_WithDeadline(context_Background(),
				      time_Time_Add(time_Now(), shortDuration), &h[0].cancel);
	checkPrefix(h[0].c, "context.Background.WithDeadline(");
	testDeadline(h[0].c, "WithDeadline");

	h[1].c = context_WithDeadline(context_Background(),
				      time_Time_Add(time_Now(), shortDuration), &h[1].cancel);
	o1 = newOther(h[1].c);
	testDeadline(&o1.ctx, "WithDeadline+otherContext");

	h[2].c = context_WithDeadline(context_Background(),
				      time_Time_Add(time_Now(), shortDuration), &h[2].cancel);
	o2 = newOther(h[2].c);
	h[3].c = context_WithDeadline(&o2.ctx, time_Time_Add(time_Now(), veryLongDuration),
				      &h[3].cancel);
	testDeadline(h[3].c, "WithDeadline+otherContext+WithDeadline");

	h[4].c = context_WithDeadline(context_Background(),
				      time_Time_Add(time_Now(), -shortDuration), &h[4].cancel);
	testDeadline(h[4].c, "WithDeadline+inthepast");

	h[5].c = context_WithDeadline(context_Background(), time_Now(), &h[5].cancel);
	testDeadline(h[5].c, "WithDeadline+now");

	releaseAll(h, nelem(h));
}

GO_TEST(TestTimeout)
{
	struct held h[4];
	otherContext o1, o2;

	h[0].c = context_WithTimeout(context_Background(), shortDuration, &h[0].cancel);
	checkPrefix(h[0].c, "context.Background.WithDeadline(");
	testDeadline(h[0].c, "WithTimeout");

	h[1].c = context_WithTimeout(context_Background(), shortDuration, &h[1].cancel);
	o1 = newOther(h[1].c);
	testDeadline(&o1.ctx, "WithTimeout+otherContext");

	h[2].c = context_WithTimeout(context_Background(), shortDuration, &h[2].cancel);
	o2 = newOther(h[2].c);
	h[3].c = context_WithTimeout(&o2.ctx, veryLongDuration, &h[3].cancel);
	testDeadline(h[3].c, "WithTimeout+otherContext+WithTimeout");

	releaseAll(h, nelem(h));
}

GO_TEST(TestCanceledTimeout)
{
	struct held h[2];
	otherContext o;

	h[0].c = context_WithTimeout(context_Background(), time_Second, &h[0].cancel);
	o = newOther(h[0].c);
	h[1].c = context_WithTimeout(&o.ctx, veryLongDuration, &h[1].cancel);
	context_CancelFunc_Call(h[1].cancel); // propagates synchronously
	if (!isDone(h[1].c))
		fail_msg("<-c.Done() blocked, but shouldn't have");
	if (context_Context_Err(h[1].c) != context_Canceled)
		fail_msg("c.Err() want Canceled");
	releaseAll(h, nelem(h));
}

// Go's key1(1), key2(1), key2(3): distinct keys, compared by address in C.
static const int k1 = 1, k2 = 1, k3 = 3;

static void
checkValues(context_Context *c, const char *nm, const char *v1, const char *v2, const char *v3)
{
	const void *keys[] = {&k1, &k2, &k3};
	const char *want[] = {v1, v2, v3};

	for (int i = 0; i < 3; i++) {
		const char *v = context_Context_Value(c, keys[i]);

		if (want[i][0] == '\0' ? v != NULL : (v == NULL || strcmp(v, want[i]) != 0))
			fail_msg("%s.Value(k%d) = %s want %s", nm, i + 1, v ? v : "nil", want[i]);
	}
}

GO_TEST(TestValues)
{
	context_Context *c0 = context_Background();
	context_Context *c1, *c2, *c3, *c4, *o1in, *o2, *o4;
	otherContext o0, o1, o3;

	checkValues(c0, "c0", "", "", "");
	c1 = context_WithValue(context_Background(), &k1, "c1k1");
	checkValues(c1, "c1", "c1k1", "", "");
	checkPrefix(c1, "context.Background.WithValue("); // C: no type names
	c2 = context_WithValue(c1, &k2, "c2k2");
	checkValues(c2, "c2", "c1k1", "c2k2", "");
	c3 = context_WithValue(c2, &k3, "c3k3");
	checkValues(c3, "c2", "c1k1", "c2k2", "c3k3");
	c4 = context_WithValue(c3, &k1, NULL);
	checkValues(c4, "c4", "", "c2k2", "c3k3");

	o0 = newOther(context_Background());
	checkValues(&o0.ctx, "o0", "", "", "");
	o1in = context_WithValue(context_Background(), &k1, "c1k1");
	o1 = newOther(o1in);
	checkValues(&o1.ctx, "o1", "c1k1", "", "");
	o2 = context_WithValue(&o1.ctx, &k2, "o2k2");
	checkValues(o2, "o2", "c1k1", "o2k2", "");
	o3 = newOther(c4);
	checkValues(&o3.ctx, "o3", "", "c2k2", "c3k3");
	o4 = context_WithValue(&o3.ctx, &k3, NULL);
	checkValues(o4, "o4", "", "c2k2", "");

	// C: parents may go first; children keep them alive.
	context_Release(c1);
	context_Release(c2);
	context_Release(c3);
	context_Release(o2);
	context_Release(o1in);
	context_Release(o4);
	context_Release(c4);
}

// --- TestSimultaneousCancels --------------------------------------------------

struct cancelArg {
	context_CancelFunc cancel;
	sync_WaitGroup *wg;
};

static void
cancelAndDone(void *arg)
{
	struct cancelArg *a = arg;

	context_CancelFunc_Call(a->cancel);
	sync_WaitGroup_Done(a->wg);
}

struct waitArg {
	sync_WaitGroup *wg;
	runtime_hchan *done;
};

static void
waitThenClose(void *arg)
{
	struct waitArg *a = arg;

	sync_WaitGroup_Wait(a->wg);
	runtime_closechan(a->done);
}

static void
closeStuck(void *arg)
{
	runtime_closechan(arg);
}

GO_TEST(TestSimultaneousCancels)
{
	enum { maxCtx = 104 };
	struct held m[maxCtx];
	struct cancelArg args[maxCtx];
	int n = 1, q = 0;
	sync_WaitGroup wg = SYNC_WAITGROUP_INIT;
	time_Duration d = quiescent();
	runtime_hchan *stuck = runtime_makechan(0, 0);
	runtime_hchan *done = runtime_makechan(0, 0);
	time_Timer *timer;
	struct waitArg wa = {&wg, done};
	runtime_selectCase cases[2];

	m[0].c = context_WithCancel(context_Background(), &m[0].cancel);
	// A tree of contexts (breadth first).
	while (q < n && n < 100) {
		context_Context *parent = m[q++].c;

		for (int i = 0; i < 4; i++) {
			m[n].c = context_WithCancel(parent, &m[n].cancel);
			n++;
		}
	}
	// Start all the cancels in a random order.
	sync_WaitGroup_Add(&wg, n);
	for (int i = 0; i < n; i++) {
		int j = rand() % (i + 1);

		args[i] = args[j];
		args[j] = (struct cancelArg){m[i].cancel, &wg};
	}
	for (int i = 0; i < n; i++)
		go(cancelAndDone, &args[i]);

	timer = time_AfterFunc(d, closeStuck, stuck);
	// Wait on all the contexts.
	for (int i = 0; i < n; i++) {
		cases[0] = (runtime_selectCase){runtime_selectRecv, context_Context_Done(m[i].c),
						NULL};
		cases[1] = (runtime_selectCase){runtime_selectRecv, stuck, NULL};
		if (runtime_rselect(cases, 2, NULL) == 1)
			fail_msg("timed out after %s waiting for <-ctx.Done()",
				 time_Duration_String(d).s);
	}
	// Wait for all the cancel functions to return.
	go(waitThenClose, &wa);
	cases[0] = (runtime_selectCase){runtime_selectRecv, done, NULL};
	cases[1] = (runtime_selectCase){runtime_selectRecv, stuck, NULL};
	if (runtime_rselect(cases, 2, NULL) == 1)
		fail_msg("timed out after %s waiting for cancel functions",
			 time_Duration_String(d).s);
	time_Timer_Stop(timer); // C: defer timer.Stop()
	time_Timer_Free(timer);
	for (int i = n; i-- > 0;)
		context_Release(m[i].c);
	while (runtime_NumGoroutine() > 1)
		time_Sleep(time_Millisecond);
	runtime_chanfree(stuck);
	runtime_chanfree(done);
}

// --- TestInterlockedCancels ---------------------------------------------------

struct interArg {
	context_Context *parent;
	context_CancelFunc cancelChild;
	sync_WaitGroup wg;
};

static void
interlocked(void *arg)
{
	struct interArg *a = arg;

	runtime_chanrecv1(context_Context_Done(a->parent), NULL);
	context_CancelFunc_Call(a->cancelChild);
	sync_WaitGroup_Done(&a->wg);
}

GO_TEST(TestInterlockedCancels)
{
	context_CancelFunc cancelParent;
	struct interArg a = {.parent = context_WithCancel(context_Background(), &cancelParent)};
	context_Context *child = context_WithCancel(a.parent, &a.cancelChild);
	time_Duration d = quiescent();
	time_Timer *timer;
	runtime_selectCase cases[2];

	sync_WaitGroup_Add(&a.wg, 1);
	go(interlocked, &a);
	context_CancelFunc_Call(cancelParent);
	timer = time_NewTimer(d);
	cases[0] = (runtime_selectCase){runtime_selectRecv, context_Context_Done(child), NULL};
	cases[1] = (runtime_selectCase){runtime_selectRecv, timer->C, NULL};
	if (runtime_rselect(cases, 2, NULL) == 1)
		fail_msg("timed out after %s waiting for child.Done()", time_Duration_String(d).s);
	time_Timer_Free(timer);
	sync_WaitGroup_Wait(&a.wg);
	context_Release(child);
	context_Release(a.parent);
}

// --- TestLayersCancel, TestLayersTimeout --------------------------------------

/* Go: context/context_test.go testLayers */
static void
testLayers(unsigned seed, bool testTimeout)
{
	enum { minLayers = 30, maxLayers = 256 };
	int *vals[maxLayers];
	struct held cancels[maxLayers];
	context_Context *layers[maxLayers];
	int nvals = 0, ncancels = 0, numTimers = 0, nlayers = 0;
	context_Context *ctx = context_Background();
	char buf[4096];

	srand(seed);
	for (int i = 0; i < minLayers || numTimers == 0 || ncancels == 0 || nvals == 0; i++) {
		context_CancelFunc cancel;
		int *v;

		switch (rand() % 3) {
		case 0:
			v = runtime_newobject(sizeof(int));
			ctx = context_WithValue(ctx, v, v);
			vals[nvals++] = v;
			break;
		case 1:
			ctx = context_WithCancel(ctx, &cancel);
			cancels[ncancels++] = (struct held){ctx, cancel};
			break;
		case 2:
			ctx = context_WithTimeout(
				ctx, testTimeout ? shortDuration : veryLongDuration, &cancel);
			cancels[ncancels++] = (struct held){ctx, cancel};
			numTimers++;
			break;
		}
		layers[nlayers++] = ctx;
	}
#define checkValues(when)                                                                          \
	for (int k = 0; k < nvals; k++)                                                            \
		if (context_Context_Value(ctx, vals[k]) != vals[k])                                \
			fail_msg("seed=%u: %s: ctx.Value(%p) wrong", seed, when, (void *)vals[k]);
	if (!testTimeout && isDone(ctx))
		fail_msg("seed=%u: ctx should not be canceled yet", seed);
	context_Context_String(ctx, buf, sizeof(buf));
	if (strncmp(buf, "context.Background.", 19) != 0)
		fail_msg("ctx.String() = %s want prefix context.Background.", buf);
	checkValues("before cancel");
	if (testTimeout) {
		time_Duration d = quiescent();
		time_Timer *timer = time_NewTimer(d);
		runtime_selectCase cases[] = {
			{runtime_selectRecv, context_Context_Done(ctx), NULL},
			{runtime_selectRecv, timer->C, NULL},
		};

		if (runtime_rselect(cases, 2, NULL) == 1)
			fail_msg("seed=%u: ctx should have timed out after %s", seed,
				 time_Duration_String(d).s);
		time_Timer_Free(timer);
		checkValues("after timeout");
	} else {
		context_CancelFunc_Call(cancels[rand() % ncancels].cancel);
		if (!isDone(ctx))
			fail_msg("seed=%u: ctx should be canceled", seed);
		checkValues("after cancel");
	}
#undef checkValues
	// C: cancel every layer, then drop our references, innermost first.
	for (int i = 0; i < ncancels; i++)
		context_CancelFunc_Call(cancels[i].cancel);
	for (int i = nlayers; i-- > 0;)
		context_Release(layers[i]);
	for (int i = 0; i < nvals; i++)
		free(vals[i]);
}

GO_TEST(TestLayersCancel)
{
	testLayers((unsigned)time_Time_UnixNano(time_Now()), false);
}

GO_TEST(TestLayersTimeout)
{
	testLayers((unsigned)time_Time_UnixNano(time_Now()), true);
}

GO_TEST(TestCancelRemoves)
{
	context_CancelFunc c0, cancel;
	context_Context *ctx = context_WithCancel(context_Background(), &c0);
	context_Context *child;

	assert_int_equal(context_numChildren(ctx), 0); // after creation
	child = context_WithCancel(ctx, &cancel);
	assert_int_equal(context_numChildren(ctx), 1); // with WithCancel child
	cancelRelease(child, cancel);
	assert_int_equal(context_numChildren(ctx), 0); // after canceling WithCancel child
	cancelRelease(ctx, c0);

	ctx = context_WithCancel(context_Background(), &c0);
	assert_int_equal(context_numChildren(ctx), 0); // after creation
	child = context_WithTimeout(ctx, 60 * time_Minute, &cancel);
	assert_int_equal(context_numChildren(ctx), 1); // with WithTimeout child
	cancelRelease(child, cancel);
	assert_int_equal(context_numChildren(ctx), 0); // after canceling WithTimeout child
	cancelRelease(ctx, c0);

	// C: releasing without cancel leaves the parent too (no GC to wait for).
	ctx = context_WithCancel(context_Background(), &c0);
	child = context_WithCancel(ctx, &cancel);
	assert_int_equal(context_numChildren(ctx), 1);
	context_Release(child);
	assert_int_equal(context_numChildren(ctx), 0);
	cancelRelease(ctx, c0);
}

GO_TEST(TestWithCancelCanceledParent)
{
	context_CancelFunc pcancel, cancel;
	context_Context *parent = context_WithCancel(context_Background(), &pcancel);
	context_Context *c;

	context_CancelFunc_Call(pcancel);
	c = context_WithCancel(parent, &cancel);
	if (!isDone(c))
		fail_msg("child not done immediately upon construction");
	assert_ptr_equal(context_Context_Err(c), context_Canceled);
	cancelRelease(c, cancel);
	context_Release(parent);
}

// C: only the nil key part (keys are addresses, always comparable).
GO_TEST(TestWithValueChecksKey)
{
	expect_assert_failure(context_WithValue(context_Background(), NULL, "bar"));
}

GO_TEST(TestInvalidDerivedFail)
{
	context_CancelFunc cancel;

	expect_assert_failure(context_WithCancel(NULL, &cancel));
	expect_assert_failure(
		context_WithDeadline(NULL, time_Time_Add(time_Now(), shortDuration), &cancel));
	expect_assert_failure(context_WithValue(NULL, "foo", "bar"));
}

GO_TEST(TestDeadlineExceededSupportsTimeout)
{
	assert_true(context_DeadlineExceeded->m->Timeout != NULL);
	assert_true(go_error_Timeout(context_DeadlineExceeded));
}

// Go: context/net_test.go.
GO_TEST(TestDeadlineExceededIsNetError)
{
	assert_true(go_error_Timeout(context_DeadlineExceeded));
	assert_true(go_error_Temporary(context_DeadlineExceeded));
	assert_string_equal(go_error_Error(context_DeadlineExceeded), "context deadline exceeded");
	assert_string_equal(go_error_Error(context_Canceled), "context canceled");
}

// --- TestCustomContextGoroutines ----------------------------------------------

// Go's myCtx{Context}: promotes everything, Done included.
typedef otherContext myCtx;

// Go's myDoneCtx{Context}: its own Done, so its cancelCtx cannot be used.
// C: one channel per value (Go makes a new one per call and lets the GC
// take them).
typedef struct myDoneCtx {
	otherContext o;
	runtime_hchan *done;
} myDoneCtx;

static runtime_hchan *
myDone_Done(context_Context *c)
{
	return ((myDoneCtx *)c)->done;
}

static const context_ContextMethods myDoneCtxMethods = {
	.type = "*context.myDoneCtx",
	.Deadline = other_Deadline,
	.Done = myDone_Done,
	.Err = other_Err,
	.Value = other_Value,
};

static myDoneCtx
newMyDone(context_Context *c)
{
	return (myDoneCtx){{{&myDoneCtxMethods, 0}, c}, runtime_makechan(0, 0)};
}

GO_TEST(TestCustomContextGoroutines)
{
	int32_t g = atomic_load(&context_goroutines);
	myDoneCtx d0 = newMyDone(context_Background()), d1 = newMyDone(context_Background()), d3b;
	struct held h[10];
	myCtx ctx2;
	int n = 0;

#define checkNoGoroutine()                                                                         \
	do {                                                                                       \
		int32_t now = atomic_load(&context_goroutines);                                    \
		if (now != g)                                                                      \
			fail_msg("%d goroutines created", now - g);                                \
	} while (0)
#define checkCreatedGoroutine()                                                                    \
	do {                                                                                       \
		int32_t now = atomic_load(&context_goroutines);                                    \
		if (now != g + 1)                                                                  \
			fail_msg("%d goroutines created, want 1", now - g);                        \
		g = now;                                                                           \
	} while (0)

	h[n].c = context_WithCancel(&d0.o.ctx, &h[n].cancel);
	context_CancelFunc_Call(h[n++].cancel);
	checkCreatedGoroutine();

	h[n].c = context_WithTimeout(&d1.o.ctx, veryLongDuration, &h[n].cancel);
	context_CancelFunc_Call(h[n++].cancel);
	checkCreatedGoroutine();

	checkNoGoroutine();

	int c1 = n;
	h[n].c = context_WithCancel(context_Background(), &h[n].cancel);
	n++;
	checkNoGoroutine();

	ctx2 = newOther(h[c1].c);
	int c3 = n;
	h[n].c = context_WithCancel(&ctx2.ctx, &h[n].cancel);
	n++;
	checkNoGoroutine();

	d3b = newMyDone(&ctx2.ctx);
	h[n].c = context_WithCancel(&d3b.o.ctx, &h[n].cancel);
	n++;
	checkCreatedGoroutine(); // ctx1 is not providing Done, must not be used

	int c4 = n;
	h[n].c = context_WithTimeout(h[c3].c, veryLongDuration, &h[n].cancel);
	n++;
	checkNoGoroutine();

	int c5 = n;
	h[n].c = context_WithCancel(h[c4].c, &h[n].cancel);
	n++;
	checkNoGoroutine();

	context_CancelFunc_Call(h[c5].cancel);
	checkNoGoroutine();

	int c6 = n;
	h[n].c = context_WithTimeout(h[c5].c, veryLongDuration, &h[n].cancel);
	n++;
	checkNoGoroutine();

	// Applied to a canceled context.
	context_CancelFunc_Call(h[c6].cancel);
	context_CancelFunc_Call(h[c1].cancel);
	h[n].c = context_WithCancel(h[c5].c, &h[n].cancel);
	n++;
	checkNoGoroutine();

	releaseAll(h, (size_t)n); // C: the defers; waits for the watchers
	checkNoGoroutine();
	runtime_chanfree(d0.done);
	runtime_chanfree(d1.done);
	runtime_chanfree(d3b.done);
#undef checkNoGoroutine
#undef checkCreatedGoroutine
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestBackground),
	cmocka_unit_test(TestTODO),
	cmocka_unit_test(TestWithCancel),
	cmocka_unit_test(TestParentFinishesChild),
	cmocka_unit_test(TestChildFinishesFirst),
	cmocka_unit_test(TestDeadline),
	cmocka_unit_test(TestTimeout),
	cmocka_unit_test(TestCanceledTimeout),
	cmocka_unit_test(TestValues),
	cmocka_unit_test(TestSimultaneousCancels),
	cmocka_unit_test(TestInterlockedCancels),
	cmocka_unit_test(TestLayersCancel),
	cmocka_unit_test(TestLayersTimeout),
	cmocka_unit_test(TestCancelRemoves),
	cmocka_unit_test(TestWithCancelCanceledParent),
	cmocka_unit_test(TestWithValueChecksKey),
	cmocka_unit_test(TestInvalidDerivedFail),
	cmocka_unit_test(TestDeadlineExceededSupportsTimeout),
	cmocka_unit_test(TestDeadlineExceededIsNetError),
	cmocka_unit_test(TestCustomContextGoroutines),
};

GONET_TEST_MAIN(tests)

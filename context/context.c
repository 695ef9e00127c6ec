// C port of go1.19 src/context/context.go.
//
// The types are Go's: emptyCtx (Background, TODO), cancelCtx, timerCtx
// (a cancelCtx with a deadline timer) and valueCtx. A cancelCtx keeps
// its cancelable children so that canceling it cancels them; a parent
// that gonet does not know (a user's context) is watched by a goroutine
// instead (propagateCancel).
//
// C: memory follows the rules at the top of context.h. Go's children map
// is an intrusive list (a child is in at most one list, which it
// remembers in `joined`); the reference a timer or a watching goroutine
// needs is taken explicitly. Type switches on the dynamic type compare
// method tables.
#include "context/context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "context/context_impl.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"

// --- errors ---------------------------------------------------------------

static errors_errorString errCanceled = ERRORS_STATIC("context canceled");
go_error *const context_Canceled = &errCanceled.err;

/* Go: context/context.go deadlineExceededError.Error */
static const char *
deadlineExceededError_Error(go_error *err)
{
	(void)err;
	return "context deadline exceeded";
}

/* Go: context/context.go deadlineExceededError.Timeout, Temporary */
static bool
deadlineExceededError_true(go_error *err)
{
	(void)err;
	return true;
}

static const go_error_methods deadlineExceededErrorMethods = {
	.type = "context.deadlineExceededError",
	.Error = deadlineExceededError_Error,
	.Timeout = deadlineExceededError_true,
	.Temporary = deadlineExceededError_true,
};
static go_error deadlineExceeded = {&deadlineExceededErrorMethods};
go_error *const context_DeadlineExceeded = &deadlineExceeded;

// --- the interface ------------------------------------------------------------

/* C: Go's method call ctx.Deadline() */
bool
context_Context_Deadline(context_Context *c, time_Time *deadline)
{
	return c->m->Deadline(c, deadline);
}

/* C: Go's method call ctx.Done() */
runtime_hchan *
context_Context_Done(context_Context *c)
{
	return c->m->Done(c);
}

/* C: Go's method call ctx.Err() */
go_error *
context_Context_Err(context_Context *c)
{
	return c->m->Err(c);
}

/* C: Go's method call ctx.Value(key) */
void *
context_Context_Value(context_Context *c, const void *key)
{
	return c->m->Value(c, key);
}

/* Go: context/context.go contextName */
void
context_Context_String(context_Context *c, char *buf, size_t len)
{
	if (c->m->String != NULL)
		c->m->String(c, buf, len);
	else
		snprintf(buf, len, "%s", c->m->type); // reflectlite.TypeOf(c).String()
}

/* C: no Go twin (GC) */
context_Context *
context_Retain(context_Context *c)
{
	if (c != NULL && c->m->free != NULL)
		atomic_fetch_add(&c->ref, 1);
	return c;
}

/* C: no Go twin (GC) */
void
context_Release(context_Context *c)
{
	int32_t r;

	if (c == NULL || c->m->free == NULL)
		return;
	r = atomic_fetch_sub(&c->ref, 1);
	if (r == 1)
		c->m->free(c);
	else if (r <= 0)
		runtime_throw("context: Release of a freed context");
}

/* C: Go's cancel() */
void
context_CancelFunc_Call(context_CancelFunc cancel)
{
	cancel.f(cancel.c);
}

// --- emptyCtx -----------------------------------------------------------------

/* Go: context/context.go (*emptyCtx).Deadline */
static bool
emptyCtx_Deadline(context_Context *c, time_Time *deadline)
{
	(void)c;
	(void)deadline;
	return false;
}

/* Go: context/context.go (*emptyCtx).Done */
static runtime_hchan *
emptyCtx_Done(context_Context *c)
{
	(void)c;
	return NULL;
}

/* Go: context/context.go (*emptyCtx).Err */
static go_error *
emptyCtx_Err(context_Context *c)
{
	(void)c;
	return NULL;
}

/* Go: context/context.go (*emptyCtx).Value */
static void *
emptyCtx_Value(context_Context *c, const void *key)
{
	(void)c;
	(void)key;
	return NULL;
}

static void emptyCtx_String(context_Context *c, char *buf, size_t len);

static const context_ContextMethods emptyCtxMethods = {
	.type = "*context.emptyCtx",
	.Deadline = emptyCtx_Deadline,
	.Done = emptyCtx_Done,
	.Err = emptyCtx_Err,
	.Value = emptyCtx_Value,
	.String = emptyCtx_String,
};

static context_Context background = {&emptyCtxMethods, 0};
static context_Context todo = {&emptyCtxMethods, 0};

/* Go: context/context.go (*emptyCtx).String */
static void
emptyCtx_String(context_Context *c, char *buf, size_t len)
{
	if (c == &background)
		snprintf(buf, len, "context.Background");
	else if (c == &todo)
		snprintf(buf, len, "context.TODO");
	else
		snprintf(buf, len, "unknown empty Context");
}

/* Go: context/context.go Background */
context_Context *
context_Background(void)
{
	return &background;
}

/* Go: context/context.go TODO */
context_Context *
context_TODO(void)
{
	return &todo;
}

// --- cancelCtx ----------------------------------------------------------------

static bool cancelCtx_Deadline(context_Context *c, time_Time *deadline);
static runtime_hchan *cancelCtx_Done(context_Context *c);
static go_error *cancelCtx_Err(context_Context *c);
static void *cancelCtx_Value(context_Context *c, const void *key);
static void cancelCtx_String(context_Context *c, char *buf, size_t len);
static void cancelCtx_free(context_Context *c);
static bool timerCtx_Deadline(context_Context *c, time_Time *deadline);
static void timerCtx_String(context_Context *c, char *buf, size_t len);
static void valueCtx_String(context_Context *c, char *buf, size_t len);
static void *valueCtx_Value(context_Context *c, const void *key);
static void valueCtx_free(context_Context *c);

static const context_ContextMethods cancelCtxMethods = {
	.type = "*context.cancelCtx",
	.Deadline = cancelCtx_Deadline,
	.Done = cancelCtx_Done,
	.Err = cancelCtx_Err,
	.Value = cancelCtx_Value,
	.String = cancelCtx_String,
	.free = cancelCtx_free,
};

static const context_ContextMethods timerCtxMethods = {
	.type = "*context.timerCtx",
	.Deadline = timerCtx_Deadline,
	.Done = cancelCtx_Done,
	.Err = cancelCtx_Err,
	.Value = cancelCtx_Value,
	.String = timerCtx_String,
	.free = cancelCtx_free,
};

// Go: context/context.go cancelCtxKey: the key a cancelCtx answers with
// itself.
static int cancelCtxKey;

// Go: context/context.go goroutines: how many watching goroutines
// propagateCancel started (tests read it).
_Atomic int32_t context_goroutines;

// Go: context/context.go closedchan: a closed channel, Done's value for a
// context canceled before anyone asked for Done.
static runtime_hchan closedchanStorage = {.closed = 1, .embedded = true};
static runtime_hchan *const closedchan = &closedchanStorage;

typedef struct cancelCtx cancelCtx;

// Go: context/context.go cancelCtx.
struct cancelCtx {
	context_Context ctx;           // the interface header (method table, ref)
	context_Context *Context;      // Go: the embedded parent; we hold a reference
	sync_Mutex mu;                 // protects the fields below but done (atomic)
	_Atomic(runtime_hchan *) done; // created lazily, closed by the first cancel
	cancelCtx *children;           // Go: map[canceler]struct{}; nil after cancel
	int nchildren;
	go_error *err; // set by the first cancel
	// C: membership of this context in a parent's children list: the
	// cancelCtx holding it (atomic: read before taking that one's mu)
	// and the links, guarded by joined->mu.
	_Atomic(cancelCtx *) joined;
	cancelCtx *prev, *next;
	// C: the canceler interface's cancel method (cancelCtx or timerCtx).
	void (*cancel)(cancelCtx *c, bool removeFromParent, go_error *err);
};

// Go: context/context.go timerCtx.
typedef struct timerCtx {
	cancelCtx cancelCtx;
	time_Timer *timer; // Go: under cancelCtx.mu; nil once stopped
	time_Time deadline;
	time_Timer *timerMem; // C: the timer's memory, freed with the context
} timerCtx;

// Go: context/context.go valueCtx.
typedef struct valueCtx {
	context_Context ctx;
	context_Context *Context; // the embedded parent; we hold a reference
	const void *key;
	void *val;
} valueCtx;

static void cancelCtx_cancel(cancelCtx *c, bool removeFromParent, go_error *err);
static void timerCtx_cancel(cancelCtx *c, bool removeFromParent, go_error *err);

/* Go: context/context.go newCancelCtx */
static void
newCancelCtx(cancelCtx *c, context_Context *parent, const context_ContextMethods *m)
{
	c->ctx.m = m;
	atomic_init(&c->ctx.ref, 1);
	c->Context = context_Retain(parent);
	c->cancel = cancelCtx_cancel;
}

// Go: the embedded Context's promoted methods of a cancelCtx.
/* Go: context/context.go cancelCtx.Deadline (promoted from Context) */
static bool
cancelCtx_Deadline(context_Context *ctx, time_Time *deadline)
{
	cancelCtx *c = (cancelCtx *)ctx;

	return context_Context_Deadline(c->Context, deadline);
}

static void *value(context_Context *c, const void *key);

/* Go: context/context.go (*cancelCtx).Value */
static void *
cancelCtx_Value(context_Context *ctx, const void *key)
{
	cancelCtx *c = (cancelCtx *)ctx;

	if (key == &cancelCtxKey)
		return c;
	return value(c->Context, key);
}

/* Go: context/context.go (*cancelCtx).Done */
static runtime_hchan *
cancelCtx_Done(context_Context *ctx)
{
	cancelCtx *c = (cancelCtx *)ctx;
	runtime_hchan *d = atomic_load(&c->done);

	if (d != NULL)
		return d;
	sync_Mutex_Lock(&c->mu);
	d = atomic_load(&c->done);
	if (d == NULL) {
		d = runtime_makechan(0, 0); // chan struct{}
		atomic_store(&c->done, d);
	}
	sync_Mutex_Unlock(&c->mu); // C: defer c.mu.Unlock()
	return d;
}

/* Go: context/context.go (*cancelCtx).Err */
static go_error *
cancelCtx_Err(context_Context *ctx)
{
	cancelCtx *c = (cancelCtx *)ctx;
	go_error *err;

	sync_Mutex_Lock(&c->mu);
	err = c->err;
	sync_Mutex_Unlock(&c->mu);
	return err;
}

/* Go: context/context.go (*cancelCtx).String */
static void
cancelCtx_String(context_Context *ctx, char *buf, size_t len)
{
	cancelCtx *c = (cancelCtx *)ctx;
	size_t n;

	context_Context_String(c->Context, buf, len);
	n = strlen(buf);
	snprintf(buf + n, len - n, ".WithCancel");
}

/* Go: context/context.go parentCancelCtx */
// Finds the cancelCtx behind parent whose Done is parent's Done, if any:
// then parent's cancellation can be propagated by that cancelCtx itself.
static bool
parentCancelCtx(context_Context *parent, cancelCtx **pp)
{
	runtime_hchan *done = context_Context_Done(parent);
	cancelCtx *p;

	if (done == closedchan || done == NULL)
		return false;
	// C: the type assertion .(*cancelCtx) is a method-table check.
	p = context_Context_Value(parent, &cancelCtxKey);
	if (p == NULL || (p->ctx.m != &cancelCtxMethods && p->ctx.m != &timerCtxMethods))
		return false;
	if (atomic_load(&p->done) != done)
		return false;
	*pp = p;
	return true;
}

/* C: unlinks child from p's children; p.mu held */
static void
unlinkChild(cancelCtx *p, cancelCtx *child)
{
	if (child->prev != NULL)
		child->prev->next = child->next;
	else
		p->children = child->next;
	if (child->next != NULL)
		child->next->prev = child->prev;
	child->prev = child->next = NULL;
	p->nchildren--;
	atomic_store(&child->joined, NULL);
}

/* Go: context/context.go removeChild */
// C: the child knows which cancelCtx holds it (joined), the one Go finds
// again through parentCancelCtx(parent).
static void
removeChild(context_Context *parent, cancelCtx *child)
{
	cancelCtx *p = atomic_load(&child->joined);

	(void)parent;
	if (p == NULL)
		return;
	sync_Mutex_Lock(&p->mu);
	if (atomic_load(&child->joined) == p)
		unlinkChild(p, child);
	sync_Mutex_Unlock(&p->mu);
}

// The goroutine that watches a parent gonet does not know.
struct watchArg {
	context_Context *parent;
	cancelCtx *child;
};

/* Go: context/context.go propagateCancel, the go func() */
static void
watchParent(void *arg)
{
	struct watchArg *a = arg;
	runtime_selectCase cases[] = {
		{runtime_selectRecv, context_Context_Done(a->parent), NULL},
		{runtime_selectRecv, context_Context_Done(&a->child->ctx), NULL},
	};

	if (runtime_rselect(cases, 2, NULL) == 0)
		a->child->cancel(a->child, false, context_Context_Err(a->parent));
	// C: the references propagateCancel took for this goroutine.
	context_Release(&a->child->ctx);
	context_Release(a->parent);
	free(a);
}

/* Go: context/context.go propagateCancel */
// Arranges for child to be canceled when parent is.
static void
propagateCancel(context_Context *parent, cancelCtx *child)
{
	runtime_hchan *done = context_Context_Done(parent);
	cancelCtx *p;

	if (done == NULL)
		return; // parent is never canceled

	if (runtime_selectnbrecv(NULL, done, NULL)) {
		// The parent is already canceled.
		child->cancel(child, false, context_Context_Err(parent));
		return;
	}

	if (parentCancelCtx(parent, &p)) {
		sync_Mutex_Lock(&p->mu);
		if (p->err != NULL) {
			// The parent has already been canceled.
			child->cancel(child, false, p->err);
		} else {
			child->prev = NULL;
			child->next = p->children;
			if (p->children != NULL)
				p->children->prev = child;
			p->children = child;
			p->nchildren++;
			atomic_store(&child->joined, p);
		}
		sync_Mutex_Unlock(&p->mu);
	} else {
		struct watchArg *a = runtime_newobject(sizeof(*a));

		atomic_fetch_add(&context_goroutines, 1);
		a->parent = context_Retain(parent);
		a->child = (cancelCtx *)context_Retain(&child->ctx);
		go(watchParent, a);
	}
}

/* Go: context/context.go (*cancelCtx).cancel */
// Closes done, cancels every child and, if removeFromParent, leaves the
// parent's children.
static void
cancelCtx_cancel(cancelCtx *c, bool removeFromParent, go_error *err)
{
	runtime_hchan *d;

	if (err == NULL)
		runtime_panicstring("context: internal error: missing cancel error");
	sync_Mutex_Lock(&c->mu);
	if (c->err != NULL) {
		sync_Mutex_Unlock(&c->mu);
		return; // already canceled
	}
	c->err = err;
	d = atomic_load(&c->done);
	if (d == NULL)
		atomic_store(&c->done, closedchan);
	else
		runtime_closechan(d);
	// The parent's lock is held while the children take theirs. C: a
	// child leaves the list before it is canceled, as the cancel may drop
	// its last reference (a stopped timer's) and free it.
	while (c->children != NULL) {
		cancelCtx *child = c->children;

		unlinkChild(c, child);
		child->cancel(child, false, err);
	}
	sync_Mutex_Unlock(&c->mu);

	if (removeFromParent)
		removeChild(c->Context, c);
}

/* C: the cancel function of WithCancel: func() { c.cancel(true, Canceled) } */
static void
cancelFunc(context_Context *ctx)
{
	cancelCtx *c = (cancelCtx *)ctx;

	c->cancel(c, true, context_Canceled);
}

/* C: no Go twin (GC) */
// Frees a cancelCtx or timerCtx after the last Release. Its children hold
// references to it, so it has none left; it may still be in its parent's
// list if it was never canceled.
static void
cancelCtx_free(context_Context *ctx)
{
	cancelCtx *c = (cancelCtx *)ctx;
	runtime_hchan *d;

	removeChild(c->Context, c);
	if (c->ctx.m == &timerCtxMethods) {
		timerCtx *tc = (timerCtx *)c;

		time_Timer_Free(tc->timerMem);
	}
	d = atomic_load(&c->done);
	if (d != closedchan)
		runtime_chanfree(d);
	context_Release(c->Context);
	free(c);
}

/* Go: context/context.go WithCancel */
context_Context *
context_WithCancel(context_Context *parent, context_CancelFunc *cancel)
{
	cancelCtx *c;

	if (parent == NULL)
		runtime_panicstring("cannot create context from nil parent");
	c = runtime_newobject(sizeof(*c));
	newCancelCtx(c, parent, &cancelCtxMethods);
	propagateCancel(parent, c);
	*cancel = (context_CancelFunc){cancelFunc, &c->ctx};
	return &c->ctx;
}

// --- timerCtx -----------------------------------------------------------------

/* Go: context/context.go (*timerCtx).Deadline */
static bool
timerCtx_Deadline(context_Context *ctx, time_Time *deadline)
{
	*deadline = ((timerCtx *)ctx)->deadline;
	return true;
}

/* Go: context/context.go (*timerCtx).String */
// C: the deadline prints in UTC without the monotonic reading (m=+...).
static void
timerCtx_String(context_Context *ctx, char *buf, size_t len)
{
	timerCtx *c = (timerCtx *)ctx;
	time_t sec = (time_t)time_Time_Unix(c->deadline);
	struct tm tm;
	char frac[16] = "";
	int32_t ns = time_Time_Nanosecond(c->deadline);
	size_t n;

	context_Context_String(c->cancelCtx.Context, buf, len);
	n = strlen(buf);
	gmtime_r(&sec, &tm);
	if (ns != 0) {
		// Go's .999999999: trailing zeros dropped.
		snprintf(frac, sizeof(frac), ".%09d", (int)ns);
		size_t i = strlen(frac);

		while (i > 1 && frac[i - 1] == '0')
			frac[--i] = '\0';
	}
	snprintf(buf + n, len - n, ".WithDeadline(%04d-%02d-%02d %02d:%02d:%02d%s +0000 UTC [%s])",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 frac, time_Duration_String(time_Until(c->deadline)).s);
}

/* Go: context/context.go (*timerCtx).cancel */
static void
timerCtx_cancel(cancelCtx *cc, bool removeFromParent, go_error *err)
{
	timerCtx *c = (timerCtx *)cc;
	bool stopped = false;

	cancelCtx_cancel(cc, false, err);
	if (removeFromParent)
		// Remove this timerCtx from its parent cancelCtx's children.
		removeChild(cc->Context, cc);
	sync_Mutex_Lock(&cc->mu);
	if (c->timer != NULL) {
		stopped = time_Timer_Stop(c->timer);
		c->timer = NULL;
	}
	sync_Mutex_Unlock(&cc->mu);
	// C: a timer stopped before it fired will never drop the reference
	// it holds (timerFired); drop it here. The caller holds another.
	if (stopped)
		context_Release(&cc->ctx);
}

/* Go: context/context.go WithDeadline, the AfterFunc func() */
static void
timerFired(void *arg)
{
	cancelCtx *c = arg;

	c->cancel(c, true, context_DeadlineExceeded);
	context_Release(&c->ctx); // C: the timer's reference
}

/* C: func() { c.cancel(false, Canceled) } of an expired WithDeadline */
static void
cancelFuncNoRemove(context_Context *ctx)
{
	cancelCtx *c = (cancelCtx *)ctx;

	c->cancel(c, false, context_Canceled);
}

/* Go: context/context.go WithDeadline */
context_Context *
context_WithDeadline(context_Context *parent, time_Time d, context_CancelFunc *cancel)
{
	timerCtx *c;
	time_Time cur;
	time_Duration dur;

	if (parent == NULL)
		runtime_panicstring("cannot create context from nil parent");
	if (context_Context_Deadline(parent, &cur) && time_Time_Before(cur, d)) {
		// The current deadline is already sooner than the new one.
		return context_WithCancel(parent, cancel);
	}
	c = runtime_newobject(sizeof(*c));
	newCancelCtx(&c->cancelCtx, parent, &timerCtxMethods);
	c->cancelCtx.cancel = timerCtx_cancel;
	c->deadline = d;
	propagateCancel(parent, &c->cancelCtx);
	dur = time_Until(d);
	if (dur <= 0) {
		c->cancelCtx.cancel(&c->cancelCtx, true,
				    context_DeadlineExceeded); // already passed
		*cancel = (context_CancelFunc){cancelFuncNoRemove, &c->cancelCtx.ctx};
		return &c->cancelCtx.ctx;
	}
	sync_Mutex_Lock(&c->cancelCtx.mu);
	if (c->cancelCtx.err == NULL) {
		// C: the timer holds a reference until it fires or is stopped.
		context_Retain(&c->cancelCtx.ctx);
		c->timer = c->timerMem = time_AfterFunc(dur, timerFired, &c->cancelCtx);
	}
	sync_Mutex_Unlock(&c->cancelCtx.mu); // C: defer c.mu.Unlock()
	*cancel = (context_CancelFunc){cancelFunc, &c->cancelCtx.ctx};
	return &c->cancelCtx.ctx;
}

/* Go: context/context.go WithTimeout */
context_Context *
context_WithTimeout(context_Context *parent, time_Duration timeout, context_CancelFunc *cancel)
{
	return context_WithDeadline(parent, time_Time_Add(time_Now(), timeout), cancel);
}

// --- valueCtx -----------------------------------------------------------------

/* Go: context/context.go valueCtx.Deadline (promoted from Context) */
static bool
valueCtx_Deadline(context_Context *ctx, time_Time *deadline)
{
	return context_Context_Deadline(((valueCtx *)ctx)->Context, deadline);
}

/* Go: context/context.go valueCtx.Done (promoted from Context) */
static runtime_hchan *
valueCtx_Done(context_Context *ctx)
{
	return context_Context_Done(((valueCtx *)ctx)->Context);
}

/* Go: context/context.go valueCtx.Err (promoted from Context) */
static go_error *
valueCtx_Err(context_Context *ctx)
{
	return context_Context_Err(((valueCtx *)ctx)->Context);
}

static const context_ContextMethods valueCtxMethodsFull = {
	.type = "*context.valueCtx",
	.Deadline = valueCtx_Deadline,
	.Done = valueCtx_Done,
	.Err = valueCtx_Err,
	.Value = valueCtx_Value,
	.String = valueCtx_String,
	.free = valueCtx_free,
};

/* Go: context/context.go WithValue */
// C: keys are compared by address; Go's comparability check has no C twin.
context_Context *
context_WithValue(context_Context *parent, const void *key, void *val)
{
	valueCtx *c;

	if (parent == NULL)
		runtime_panicstring("cannot create context from nil parent");
	if (key == NULL)
		runtime_panicstring("nil key");
	c = runtime_newobject(sizeof(*c));
	c->ctx.m = &valueCtxMethodsFull;
	atomic_init(&c->ctx.ref, 1);
	c->Context = context_Retain(parent);
	c->key = key;
	c->val = val;
	return &c->ctx;
}

/* Go: context/context.go (*valueCtx).String */
// C: no type names: the key and value print as addresses.
static void
valueCtx_String(context_Context *ctx, char *buf, size_t len)
{
	valueCtx *c = (valueCtx *)ctx;
	size_t n;

	context_Context_String(c->Context, buf, len);
	n = strlen(buf);
	snprintf(buf + n, len - n, ".WithValue(key %p, val %p)", c->key, c->val);
}

/* Go: context/context.go (*valueCtx).Value */
static void *
valueCtx_Value(context_Context *ctx, const void *key)
{
	valueCtx *c = (valueCtx *)ctx;

	if (c->key == key)
		return c->val;
	return value(c->Context, key);
}

/* C: no Go twin (GC) */
static void
valueCtx_free(context_Context *ctx)
{
	valueCtx *c = (valueCtx *)ctx;

	context_Release(c->Context);
	free(c);
}

/* Go: context/context.go value */
// Walks up the chain of known context types without recursion.
static void *
value(context_Context *c, const void *key)
{
	for (;;) {
		if (c->m == &valueCtxMethodsFull) {
			valueCtx *ctx = (valueCtx *)c;

			if (key == ctx->key)
				return ctx->val;
			c = ctx->Context;
		} else if (c->m == &cancelCtxMethods || c->m == &timerCtxMethods) {
			cancelCtx *ctx = (cancelCtx *)c;

			if (key == &cancelCtxKey)
				return ctx;
			c = ctx->Context;
		} else if (c->m == &emptyCtxMethods) {
			return NULL;
		} else {
			return context_Context_Value(c, key);
		}
	}
}

// --- what tests reach (context_impl.h) ----------------------------------------

/* C: len(ctx.(*cancelCtx).children) of Go's tests */
int
context_numChildren(context_Context *ctx)
{
	cancelCtx *c = (cancelCtx *)ctx;
	int n;

	if (ctx->m != &cancelCtxMethods && ctx->m != &timerCtxMethods)
		runtime_panicstring("context_numChildren: not a cancelCtx");
	sync_Mutex_Lock(&c->mu);
	n = c->nchildren;
	sync_Mutex_Unlock(&c->mu);
	return n;
}

/* C: ctx.(*cancelCtx) / ctx.(*timerCtx) of Go's tests */
const char *
context_typeName(context_Context *ctx)
{
	return ctx->m->type;
}

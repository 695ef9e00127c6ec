// C port of go1.19 src/time/sleep.go: Sleep and AfterFunc timers on the
// runtime's timers (runtime_netpoll/time.c).
#include "time/time.h"

#include <stdlib.h>

#include "runtime_netpoll/runtime_impl.h"

/* Go: time/sleep.go Sleep (runtime/time.go timeSleep) */
void
time_Sleep(time_Duration d)
{
	runtime_timeSleep(d);
}

/* Go: time/sleep.go when */
// The runtime clock d from now, saturated; now for d <= 0.
static int64_t
when(time_Duration d)
{
	int64_t t;

	if (d <= 0)
		return runtime_nanotime();
	t = (int64_t)((uint64_t)runtime_nanotime() + (uint64_t)d);
	if (t < 0)
		t = INT64_MAX; // math.MaxInt64
	return t;
}

/* Go: time/sleep.go (*Timer).Stop */
bool
time_Timer_Stop(time_Timer *t)
{
	if (t->r.f == NULL)
		runtime_panicstring("time: Stop called on uninitialized Timer");
	return runtime_stopTimer(&t->r);
}

/* Go: time/sleep.go (*Timer).Reset */
bool
time_Timer_Reset(time_Timer *t, time_Duration d)
{
	int64_t w;

	if (t->r.f == NULL)
		runtime_panicstring("time: Reset called on uninitialized Timer");
	w = when(d);
	return runtime_resetTimer(&t->r, w);
}

/* Go: time/sleep.go goFunc */
// Starts the AfterFunc function in its own goroutine. C: Go's arg is the
// func value; here the function travels in seq and its argument in arg,
// so nothing reads the Timer after the runtime has let go of it (it may
// be freed as soon as it has fired).
static void
goFunc(void *arg, uintptr_t seq)
{
	go((void (*)(void *))seq, arg);
}

/* Go: time/sleep.go AfterFunc */
time_Timer *
time_AfterFunc(time_Duration d, void (*f)(void *), void *arg)
{
	time_Timer *t = runtime_newobject(sizeof(*t));

	t->r.when = when(d);
	t->r.f = goFunc;
	t->r.arg = arg;
	t->r.seq = (uintptr_t)f;
	runtime_startTimer(&t->r);
	return t;
}

/* C: no Go twin (Go's GC frees a Timer) */
void
time_Timer_Free(time_Timer *t)
{
	runtime_cleartimer(&t->r);
	free(t);
}

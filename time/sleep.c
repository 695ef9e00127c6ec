// C port of go1.19 src/time/sleep.go: Sleep, Timer (NewTimer, AfterFunc,
// Stop, Reset), After and sendTime, on the runtime's timers
// (runtime_netpoll/time.c).
//
// C: Go's GC keeps a timer's channel alive for as long as a timer function
// might still send on it. Here a channel timer lives in a recycled cell
// (never given back to malloc) that holds the channel and a generation:
// sendTime runs with the generation it was armed with and sends only if
// it still matches under sendLock, and Free bumps it under that lock
// before recycling. A send racing with Free thus either completes before
// Free proceeds or never happens.
#include "time/time.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/chan.h"
#include "time/time_impl.h"

#include "runtime_netpoll/runtime_impl.h"

/* Go: time/sleep.go Sleep (runtime/time.go timeSleep) */
void
time_Sleep(time_Duration d)
{
	runtime_timeSleep(d);
}

/* Go: time/sleep.go when */
// The runtime clock d from now, saturated; now for d <= 0.
int64_t
time_when(time_Duration d)
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
	w = time_when(d);
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

	t->r.when = time_when(d);
	t->r.f = goFunc;
	t->r.arg = arg;
	t->r.seq = (uintptr_t)f;
	runtime_startTimer(&t->r);
	return t;
}

/* Go: time/sleep.go sendTime */
// Runs on the timer's P with no lock held; must not block, so the send is
// a select with default (a full channel means the reader is behind and
// the tick is dropped, as in Go).
void
time_sendTime(void *arg, uintptr_t seq)
{
	time_timerChan *tc = arg;
	time_Time now = time_Now();

	runtime_lock(&tc->sendLock);
	// C: a generation that moved on means the timer was freed (and maybe
	// reused): this run belongs to no one.
	if (tc->gen == seq)
		(void)runtime_selectnbsend(&tc->c, &now);
	runtime_unlock(&tc->sendLock);
}

enum { timerKind = 0 };

// Recycled channel timer cells, one list per kind (C: no GC).
static runtime_mutex chanTimerLock;
// C: the lists link cells by their start, so leak checkers see them as
// reachable at exit.
static void *chanTimerFree[2]; // guarded by chanTimerLock

/* C: no Go twin (allocation of a channel timer) */
// Returns the time_timerChan of a cell whose channel is empty and open.
// The caller finds its Timer or Ticker around it (containerOf) and sets C
// and r; the cell goes back to the list of its kind only.
time_timerChan *
time_newChanTimer(int kind)
{
	char *cell;
	time_timerChan *tc;

	runtime_lock(&chanTimerLock);
	cell = chanTimerFree[kind];
	if (cell != NULL) {
		tc = (time_timerChan *)(cell + offsetof(time_Timer, ch));
		chanTimerFree[kind] = tc->next;
	}
	runtime_unlock(&chanTimerLock);
	if (cell == NULL) {
		// time_Timer and time_Ticker have the same size and layout.
		cell = runtime_newobject(sizeof(time_Timer));
		tc = (time_timerChan *)(cell + offsetof(time_Timer, ch));
		runtime_chaninit(&tc->c, sizeof(time_Time), 1, &tc->buf);
	}
	tc->next = NULL;
	return tc;
}

/* C: no Go twin (release of a channel timer) */
void
time_freeChanTimer(runtime_timer *r, time_timerChan *tc, int kind)
{
	runtime_lock(&tc->sendLock);
	tc->gen++; // from now on, sendTime leaves the channel alone
	runtime_unlock(&tc->sendLock);
	runtime_cleartimer(r);
	memset(r, 0, sizeof(*r)); // ready for startTimer (timerNoStatus)
	// Drain a value nobody read so the next owner starts empty.
	while (runtime_selectnbrecv(NULL, &tc->c, NULL))
		;
	runtime_lock(&chanTimerLock);
	tc->next = chanTimerFree[kind];
	chanTimerFree[kind] = (char *)tc - offsetof(time_Timer, ch);
	runtime_unlock(&chanTimerLock);
}

/* Go: time/sleep.go NewTimer */
time_Timer *
time_NewTimer(time_Duration d)
{
	time_timerChan *tc = time_newChanTimer(timerKind);
	time_Timer *t = (time_Timer *)((char *)tc - offsetof(time_Timer, ch));

	t->C = &tc->c;
	t->r.when = time_when(d);
	t->r.f = time_sendTime;
	t->r.arg = &t->ch;
	t->r.seq = t->ch.gen; // C: Go's arg is c; the generation guards it
	runtime_startTimer(&t->r);
	return t;
}

/* Go: time/sleep.go After */
runtime_hchan *
time_After(time_Duration d)
{
	return time_NewTimer(d)->C;
}

/* C: no Go twin (GC) */
void
time_After_Free(runtime_hchan *c)
{
	if (c != NULL)
		time_Timer_Free((time_Timer *)((char *)c - offsetof(time_Timer, ch.c)));
}

/* C: no Go twin (Go's GC frees a Timer) */
void
time_Timer_Free(time_Timer *t)
{
	if (t == NULL)
		return;
	if (t->C != NULL) {
		time_freeChanTimer(&t->r, &t->ch, timerKind);
		return;
	}
	runtime_cleartimer(&t->r);
	free(t);
}

// C port of go1.19 src/time/tick.go: Ticker and Tick, periodic runtime
// timers that send the time on a channel (sendTime, in sleep.c).
#include "time/time.h"

#include <stddef.h>

#include "runtime_netpoll/runtime_impl.h"
#include "time/time_impl.h"

// C: a Ticker lives in a channel timer cell (sleep.c) sized and laid out
// as a time_Timer, which a Ticker mirrors.
_Static_assert(offsetof(time_Ticker, C) == offsetof(time_Timer, C) &&
		       offsetof(time_Ticker, r) == offsetof(time_Timer, r) &&
		       offsetof(time_Ticker, ch) == offsetof(time_Timer, ch) &&
		       sizeof(time_Ticker) == sizeof(time_Timer),
	       "time_Ticker must mirror time_Timer");

enum { tickerKind = 1 };

/* Go: time/tick.go NewTicker */
time_Ticker *
time_NewTicker(time_Duration d)
{
	time_timerChan *tc;
	time_Ticker *t;

	if (d <= 0)
		runtime_panicstring("non-positive interval for NewTicker");
	tc = time_newChanTimer(tickerKind);
	t = (time_Ticker *)((char *)tc - offsetof(time_Ticker, ch));
	t->C = &tc->c;
	t->r.when = time_when(d);
	t->r.period = d;
	t->r.f = time_sendTime;
	t->r.arg = &t->ch;
	t->r.seq = t->ch.gen; // C: Go's arg is c; the generation guards it
	runtime_startTimer(&t->r);
	return t;
}

/* Go: time/tick.go (*Ticker).Stop */
void
time_Ticker_Stop(time_Ticker *t)
{
	(void)runtime_stopTimer(&t->r);
}

/* Go: time/tick.go (*Ticker).Reset */
void
time_Ticker_Reset(time_Ticker *t, time_Duration d)
{
	if (d <= 0)
		runtime_panicstring("non-positive interval for Ticker.Reset");
	if (t->r.f == NULL)
		runtime_panicstring("time: Reset called on uninitialized Ticker");
	runtime_modTimer(&t->r, time_when(d), d, t->r.f, t->r.arg, t->r.seq);
}

/* C: no Go twin (Go's GC frees a Ticker) */
void
time_Ticker_Free(time_Ticker *t)
{
	if (t != NULL)
		time_freeChanTimer(&t->r, &t->ch, tickerKind);
}

/* Go: time/tick.go Tick */
runtime_hchan *
time_Tick(time_Duration d)
{
	if (d <= 0)
		return NULL;
	return time_NewTicker(d)->C;
}

/* C: no Go twin (Go's Tick leaks its Ticker) */
void
time_Tick_Free(runtime_hchan *c)
{
	if (c != NULL)
		time_Ticker_Free((time_Ticker *)((char *)c - offsetof(time_Ticker, ch.c)));
}

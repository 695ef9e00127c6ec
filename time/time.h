// C port of the parts of go1.19 src/time that net needs: Duration and its
// units, Time with its monotonic reading (time.go), Sleep, Timer and
// After (sleep.go), Ticker and Tick (tick.go).
#ifndef GONET_TIME_TIME_H
#define GONET_TIME_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime_netpoll/chan.h"     // runtime_hchan, inside time_Timer
#include "runtime_netpoll/runtime2.h" // runtime_timer, inside time_Timer

// Go: time.Duration, nanoseconds.
typedef int64_t time_Duration;

enum {
	time_Nanosecond = 1,
};
#define time_Microsecond ((time_Duration)1000 * time_Nanosecond)
#define time_Millisecond ((time_Duration)1000 * time_Microsecond)
#define time_Second      ((time_Duration)1000 * time_Millisecond)
#define time_Minute      ((time_Duration)60 * time_Second)
#define time_Hour        ((time_Duration)60 * time_Minute)

// The largest and smallest Durations (Go: minDuration, maxDuration).
#define time_maxDuration ((time_Duration)INT64_MAX)
#define time_minDuration ((time_Duration)INT64_MIN)

// Go: (Duration).String's result. C: returned by value so that no buffer
// has to be managed: printf("%s", time_Duration_String(d).s). The longest
// text is "-2562047h47m16.854775808s".
typedef struct time_DurationString {
	char s[32];
} time_DurationString;

// Go: (Duration).String, e.g. "1h2m0.5s", "1.5s", "100ms", "2µs", "0s".
time_DurationString time_Duration_String(time_Duration d);
int64_t time_Duration_Nanoseconds(time_Duration d);
int64_t time_Duration_Microseconds(time_Duration d);
int64_t time_Duration_Milliseconds(time_Duration d);
double time_Duration_Seconds(time_Duration d);
double time_Duration_Minutes(time_Duration d);
double time_Duration_Hours(time_Duration d);
time_Duration time_Duration_Truncate(time_Duration d, time_Duration m);
time_Duration time_Duration_Round(time_Duration d, time_Duration m);
time_Duration time_Duration_Abs(time_Duration d);

// Go: time.Time: an instant with nanosecond precision and, when it comes
// from time_Now, a monotonic clock reading that Sub, Before, After, Equal,
// Since and Until use instead of the wall clock. Same encoding as Go:
// wall holds hasMonotonic (bit 63), 33 bits of seconds since 1885 (when
// hasMonotonic) and 30 bits of nanoseconds; ext holds the seconds since
// year 1, or the monotonic reading when hasMonotonic. The zero value is
// January 1, year 1, 00:00:00 UTC (IsZero).
// C: no Location: every Time is UTC (net needs none of the calendar).
typedef struct time_Time {
	uint64_t wall;
	int64_t ext;
} time_Time;

time_Time time_Now(void);
time_Duration time_Since(time_Time t);
time_Duration time_Until(time_Time t);
time_Time time_Unix(int64_t sec, int64_t nsec);
time_Time time_UnixMilli(int64_t msec);
time_Time time_UnixMicro(int64_t usec);
time_Time time_Time_Add(time_Time t, time_Duration d);
time_Duration time_Time_Sub(time_Time t, time_Time u);
bool time_Time_After(time_Time t, time_Time u);
bool time_Time_Before(time_Time t, time_Time u);
bool time_Time_Equal(time_Time t, time_Time u);
bool time_Time_IsZero(time_Time t);
int64_t time_Time_Unix(time_Time t);
int64_t time_Time_UnixMilli(time_Time t);
int64_t time_Time_UnixMicro(time_Time t);
int64_t time_Time_UnixNano(time_Time t);
// Go: t.Round(0): t without its monotonic reading.
time_Time time_Time_StripMono(time_Time t);
int32_t time_Time_Nanosecond(time_Time t);

// Go: time.Sleep. Parks the calling goroutine for at least d; d <= 0
// returns at once. Call it from a goroutine (inside go_main).
void time_Sleep(time_Duration d);

// C: what a Timer or Ticker with a channel carries besides Go's fields
// (sleep.c): the channel itself with its one-slot buffer, and the guard
// that keeps a late sendTime from touching a released timer. Private.
typedef struct time_timerChan {
	runtime_mutex sendLock; // orders sendTime against Free
	uintptr_t gen;          // sendTime's seq must equal it; guarded by sendLock
	runtime_hchan c;        // the channel behind C
	time_Time buf;          // c's buffer (Go: make(chan Time, 1))
	void *next;             // next free cell, by its start (sleep.c)
} time_timerChan;

// Go: time.Timer.
// C: a Timer is heap-allocated by NewTimer or AfterFunc and released with
// time_Timer_Free, which stops it first if needed. An AfterFunc timer has
// no channel (C == NULL), as in Go. A NewTimer timer owns its channel C:
// Free releases both, so no goroutine may still be inside an operation on
// C then (see runtime_netpoll/chan.h). Free may be called at any time
// after the last Stop or Reset, even while the timer is firing: a send
// that has not happened by then never happens. The memory of channel
// timers is recycled, never returned to malloc (like Go's pollDescs).
typedef struct time_Timer {
	runtime_hchan *C; // Go: C <-chan Time; NULL for AfterFunc timers
	runtime_timer r;
	time_timerChan ch; // C: unused for AfterFunc timers
} time_Timer;

// Go: time.NewTimer. C receives the current time once d has passed.
time_Timer *time_NewTimer(time_Duration d);
// Go: time.AfterFunc. Runs f(arg) in its own goroutine once d has passed.
time_Timer *time_AfterFunc(time_Duration d, void (*f)(void *), void *arg);
// Go: (*Timer).Stop: true if the call stopped the timer, false if it had
// already fired or been stopped. Does not wait for f, does not drain C.
bool time_Timer_Stop(time_Timer *t);
// Go: (*Timer).Reset: true if the timer had been active. As in Go 1.19,
// a value already in C stays there: stop and drain first.
bool time_Timer_Reset(time_Timer *t, time_Duration d);
// C: no Go twin (GC). Stops t if needed and releases it (and its channel).
// Not concurrently with Stop or Reset on the same Timer, and while the
// runtime runs (before go_main returns), since a pending timer sits in a
// P's heap.
void time_Timer_Free(time_Timer *t);

// Go: time.After: NewTimer(d).C.
// C: the Timer is hidden, so the channel is released with time_After_Free
// (which stops the timer if it has not fired), under Timer_Free's rules.
runtime_hchan *time_After(time_Duration d);
void time_After_Free(runtime_hchan *c);

// Go: time.Ticker. Same ownership as a channel Timer: time_NewTicker
// allocates, time_Ticker_Free stops and releases it with its channel.
typedef struct time_Ticker {
	runtime_hchan *C; // Go: C <-chan Time
	runtime_timer r;
	time_timerChan ch;
} time_Ticker;

// Go: time.NewTicker: C receives the time every d (ticks are dropped when
// the reader is slow). d <= 0 panics "non-positive interval for NewTicker".
time_Ticker *time_NewTicker(time_Duration d);
// Go: (*Ticker).Stop. No more ticks; C is not closed.
void time_Ticker_Stop(time_Ticker *t);
// Go: (*Ticker).Reset: stops t and restarts it with period d.
void time_Ticker_Reset(time_Ticker *t, time_Duration d);
// C: no Go twin (GC). Stops t and releases it and its channel.
void time_Ticker_Free(time_Ticker *t);
// Go: time.Tick: NewTicker(d).C, or NULL (a nil channel) for d <= 0.
// C: Go's Tick can never be released; here time_Tick_Free(c) can.
runtime_hchan *time_Tick(time_Duration d);
void time_Tick_Free(runtime_hchan *c);

#endif

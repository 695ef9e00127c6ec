// Package time's internals shared by sleep.c and tick.c (Go keeps them in
// one package), exported for tests like Go's export_test.go.
#ifndef GONET_TIME_TIME_IMPL_H
#define GONET_TIME_TIME_IMPL_H

#include "time/time.h"

// Go: time/sleep.go when: the runtime clock d from now, saturated.
int64_t time_when(time_Duration d);
// Go: time/sleep.go sendTime: the timer function of channel timers. arg is
// the timer's time_timerChan, seq its generation when armed.
void time_sendTime(void *arg, uintptr_t seq);
// C: channel timer memory (sleep.c). newChanTimer returns the
// time_timerChan of a cell (a zeroed time_Timer-sized block) whose channel
// is empty and open; freeChanTimer retires its generation, clears the
// runtime timer r, drains the channel and recycles the cell. kind 0:
// Timer, 1: Ticker (separate free lists).
time_timerChan *time_newChanTimer(int kind);
void time_freeChanTimer(runtime_timer *r, time_timerChan *tc, int kind);

#endif

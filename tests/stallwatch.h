// A goroutine that sleeps a millisecond at a time and records the longest
// gap between two of its wake-ups: how long the other goroutines stood
// still, for tests that check a blocking call leaves the P to them
// (TestCloseLingerLeavesP, TestBlockingReadLeavesP). One at a time; call
// from a goroutine.
#ifndef GONET_TESTS_STALLWATCH_H
#define GONET_TESTS_STALLWATCH_H

#include "time/time.h"

// Starts the goroutine and lets it settle (20 ms); the gap counts from here.
void stallWatchStart(void);
// Lets it run 20 ms more, stops it, waits for it to return and gives the
// longest gap it saw.
time_Duration stallWatchStop(void);

#endif

#include "stallwatch.h"

#include <stdatomic.h>
#include <stdbool.h>

#include "runtime_netpoll/runtime.h"

// Written by the test's goroutine and the watcher, one pair at a time.
static _Atomic bool stop, stopped;
static _Atomic time_Duration maxGap;

static void
watch(void *arg)
{
	time_Time last = time_Now();

	(void)arg;
	while (!atomic_load(&stop)) {
		time_Duration gap;

		time_Sleep(time_Millisecond);
		gap = time_Since(last);
		if (gap > atomic_load(&maxGap))
			atomic_store(&maxGap, gap);
		last = time_Now();
	}
	atomic_store(&stopped, true);
}

void
stallWatchStart(void)
{
	atomic_store(&stop, false);
	atomic_store(&stopped, false);
	go(watch, NULL);
	time_Sleep(20 * time_Millisecond);
	atomic_store(&maxGap, 0);
}

time_Duration
stallWatchStop(void)
{
	time_Sleep(20 * time_Millisecond);
	atomic_store(&stop, true);
	while (!atomic_load(&stopped))
		time_Sleep(time_Millisecond);
	return atomic_load(&maxGap);
}

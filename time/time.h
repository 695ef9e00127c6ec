// C port of the parts of go1.19 src/time that net needs: Duration and its
// units (time.go). Time, Sleep, timers and their channels live beside it.
#ifndef GONET_TIME_TIME_H
#define GONET_TIME_TIME_H

#include <stdint.h>

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

#endif

// C port of go1.19 src/time/time.go: Duration's methods and Time with its
// wall and monotonic readings (no Location: every Time is UTC).
#include "time/time.h"

#include <string.h>
#include <time.h>

#include "runtime_netpoll/runtime_impl.h"

static const uint64_t hasMonotonic = (uint64_t)1 << 63;
static const uint64_t nsecMask = ((uint64_t)1 << 30) - 1;
enum { nsecShift = 30 };

#define secondsPerDay ((int64_t)86400)

// Offsets between Unix time, the wall field's 1885 origin and year 1 (Go:
// unixToInternal, internalToUnix, wallToInternal).
#define unixToInternal ((int64_t)(1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * secondsPerDay)
#define internalToUnix (-unixToInternal)
#define wallToInternal ((int64_t)(1884 * 365 + 1884 / 4 - 1884 / 100 + 1884 / 400) * secondsPerDay)

// Go: maxWall, minWall: the range of seconds the wall field can hold.
#define minWall wallToInternal
#define maxWall (wallToInternal + (((int64_t)1 << 33) - 1))

// Monotonic readings are kept relative to this, minus one so that a
// reading is never 0 (Go: startNano). Set before main runs.
static int64_t startNano;

__attribute__((constructor)) static void
initStartNano(void)
{
	startNano = runtime_nanotime() - 1;
}

/* Go: time/time.go (*Time).nsec */
static int32_t
nsec(const time_Time *t)
{
	return (int32_t)(t->wall & nsecMask);
}

/* Go: time/time.go (*Time).sec */
// Seconds since January 1, year 1.
static int64_t
sec(const time_Time *t)
{
	if ((t->wall & hasMonotonic) != 0)
		return wallToInternal + (int64_t)(t->wall << 1 >> (nsecShift + 1));
	return t->ext;
}

/* Go: time/time.go (*Time).unixSec */
static int64_t
unixSec(const time_Time *t)
{
	return sec(t) + internalToUnix;
}

/* Go: time/time.go (*Time).stripMono */
static void
stripMono(time_Time *t)
{
	if ((t->wall & hasMonotonic) != 0) {
		t->ext = sec(t);
		t->wall &= nsecMask;
	}
}

/* Go: time/time.go (*Time).addSec */
static void
addSec(time_Time *t, int64_t d)
{
	int64_t sum;

	if ((t->wall & hasMonotonic) != 0) {
		int64_t s = (int64_t)(t->wall << 1 >> (nsecShift + 1));
		int64_t dsec = s + d;

		if (0 <= dsec && dsec <= ((int64_t)1 << 33) - 1) {
			t->wall = (t->wall & nsecMask) | (uint64_t)dsec << nsecShift | hasMonotonic;
			return;
		}
		// Out of the wall field's range: keep the seconds in ext.
		stripMono(t);
	}

	// Saturate instead of overflowing (C: signed overflow is undefined,
	// so the sum is taken in unsigned arithmetic).
	sum = (int64_t)((uint64_t)t->ext + (uint64_t)d);
	if ((sum > t->ext) == (d > 0))
		t->ext = sum;
	else if (d > 0)
		t->ext = INT64_MAX;
	else
		t->ext = -INT64_MAX;
}

/* Go: time/time.go (Time).After */
bool
time_Time_After(time_Time t, time_Time u)
{
	int64_t ts, us;

	if ((t.wall & u.wall & hasMonotonic) != 0)
		return t.ext > u.ext;
	ts = sec(&t);
	us = sec(&u);
	return ts > us || (ts == us && nsec(&t) > nsec(&u));
}

/* Go: time/time.go (Time).Before */
bool
time_Time_Before(time_Time t, time_Time u)
{
	int64_t ts, us;

	if ((t.wall & u.wall & hasMonotonic) != 0)
		return t.ext < u.ext;
	ts = sec(&t);
	us = sec(&u);
	return ts < us || (ts == us && nsec(&t) < nsec(&u));
}

/* Go: time/time.go (Time).Equal */
bool
time_Time_Equal(time_Time t, time_Time u)
{
	if ((t.wall & u.wall & hasMonotonic) != 0)
		return t.ext == u.ext;
	return sec(&t) == sec(&u) && nsec(&t) == nsec(&u);
}

/* Go: time/time.go (Time).IsZero */
bool
time_Time_IsZero(time_Time t)
{
	return sec(&t) == 0 && nsec(&t) == 0;
}

/* Go: time/time.go (Time).Nanosecond */
int32_t
time_Time_Nanosecond(time_Time t)
{
	return nsec(&t);
}

/* Go: time/time.go fmtFrac */
// Writes v/10**prec's fraction (".12345", trailing zeros and a lone point
// dropped) before buf[w]; returns the new start and v/10**prec.
static int
fmtFrac(char *buf, int w, uint64_t *v, int prec)
{
	bool print = false;

	for (int i = 0; i < prec; i++) {
		uint64_t digit = *v % 10;

		print = print || digit != 0;
		if (print) {
			w--;
			buf[w] = (char)(digit + '0');
		}
		*v /= 10;
	}
	if (print) {
		w--;
		buf[w] = '.';
	}
	return w;
}

/* Go: time/time.go fmtInt */
// Writes v in decimal before buf[w]; returns the new start.
static int
fmtInt(char *buf, int w, uint64_t v)
{
	if (v == 0) {
		w--;
		buf[w] = '0';
	} else {
		while (v > 0) {
			w--;
			buf[w] = (char)(v % 10 + '0');
			v /= 10;
		}
	}
	return w;
}

/* Go: time/time.go (Duration).String */
time_DurationString
time_Duration_String(time_Duration d)
{
	time_DurationString r;
	char buf[32];
	int w = (int)sizeof(buf);
	uint64_t u = (uint64_t)d;
	bool neg = d < 0;

	if (neg)
		u = -u;

	if (u < (uint64_t)time_Second) {
		// Under a second: smaller units, like "1.2ms".
		int prec;

		w--;
		buf[w] = 's';
		w--;
		if (u == 0) {
			memcpy(r.s, "0s", 3);
			return r;
		} else if (u < (uint64_t)time_Microsecond) {
			prec = 0;
			buf[w] = 'n';
		} else if (u < (uint64_t)time_Millisecond) {
			// U+00B5 MICRO SIGN, two bytes in UTF-8.
			prec = 3;
			w--;
			memcpy(&buf[w], "\xc2\xb5", 2);
		} else {
			prec = 6;
			buf[w] = 'm';
		}
		w = fmtFrac(buf, w, &u, prec);
		w = fmtInt(buf, w, u);
	} else {
		w--;
		buf[w] = 's';

		w = fmtFrac(buf, w, &u, 9);

		// u is whole seconds now.
		w = fmtInt(buf, w, u % 60);
		u /= 60;

		// Minutes.
		if (u > 0) {
			w--;
			buf[w] = 'm';
			w = fmtInt(buf, w, u % 60);
			u /= 60;

			// Hours; days vary in length, so no larger unit.
			if (u > 0) {
				w--;
				buf[w] = 'h';
				w = fmtInt(buf, w, u);
			}
		}
	}

	if (neg) {
		w--;
		buf[w] = '-';
	}

	memcpy(r.s, &buf[w], sizeof(buf) - (size_t)w);
	r.s[sizeof(buf) - (size_t)w] = '\0';
	return r;
}

/* Go: time/time.go (Duration).Nanoseconds */
int64_t
time_Duration_Nanoseconds(time_Duration d)
{
	return d;
}

/* Go: time/time.go (Duration).Microseconds */
int64_t
time_Duration_Microseconds(time_Duration d)
{
	return d / 1000;
}

/* Go: time/time.go (Duration).Milliseconds */
int64_t
time_Duration_Milliseconds(time_Duration d)
{
	return d / 1000000;
}

/* Go: time/time.go (Duration).Seconds */
double
time_Duration_Seconds(time_Duration d)
{
	time_Duration s = d / time_Second;
	time_Duration ns = d % time_Second;

	return (double)s + (double)ns / 1e9;
}

/* Go: time/time.go (Duration).Minutes */
double
time_Duration_Minutes(time_Duration d)
{
	time_Duration min = d / time_Minute;
	time_Duration ns = d % time_Minute;

	return (double)min + (double)ns / (60 * 1e9);
}

/* Go: time/time.go (Duration).Hours */
double
time_Duration_Hours(time_Duration d)
{
	time_Duration hour = d / time_Hour;
	time_Duration ns = d % time_Hour;

	return (double)hour + (double)ns / (60 * 60 * 1e9);
}

/* Go: time/time.go (Duration).Truncate */
time_Duration
time_Duration_Truncate(time_Duration d, time_Duration m)
{
	if (m <= 0)
		return d;
	return d - d % m;
}

/* Go: time/time.go lessThanHalf */
static bool
lessThanHalf(time_Duration x, time_Duration y)
{
	return (uint64_t)x + (uint64_t)x < (uint64_t)y;
}

/* Go: time/time.go (Duration).Round */
// Rounds halfway values away from zero; saturates on overflow.
time_Duration
time_Duration_Round(time_Duration d, time_Duration m)
{
	time_Duration r, d1;

	if (m <= 0)
		return d;
	r = d % m;
	if (d < 0) {
		r = -r;
		if (lessThanHalf(r, m))
			return d + r;
		// C: wrapping arithmetic, as Go's, is done unsigned.
		d1 = (time_Duration)((uint64_t)d - (uint64_t)m + (uint64_t)r);
		if (d1 < d)
			return d1;
		return time_minDuration; // overflow
	}
	if (lessThanHalf(r, m))
		return d - r;
	d1 = (time_Duration)((uint64_t)d + (uint64_t)m - (uint64_t)r);
	if (d1 > d)
		return d1;
	return time_maxDuration; // overflow
}

/* Go: time/time.go (Duration).Abs */
time_Duration
time_Duration_Abs(time_Duration d)
{
	if (d >= 0)
		return d;
	if (d == time_minDuration)
		return time_maxDuration;
	return -d;
}

/* Go: time/time.go (Time).Add */
time_Time
time_Time_Add(time_Time t, time_Duration d)
{
	int64_t dsec = d / 1000000000;
	int32_t ns = nsec(&t) + (int32_t)(d % 1000000000);

	if (ns >= 1000000000) {
		dsec++;
		ns -= 1000000000;
	} else if (ns < 0) {
		dsec--;
		ns += 1000000000;
	}
	t.wall = (t.wall & ~nsecMask) | (uint64_t)ns; // update nsec
	addSec(&t, dsec);
	if ((t.wall & hasMonotonic) != 0) {
		int64_t te = (int64_t)((uint64_t)t.ext + (uint64_t)d);

		if ((d < 0 && te > t.ext) || (d > 0 && te < t.ext)) {
			// The monotonic reading would overflow: drop it.
			stripMono(&t);
		} else {
			t.ext = te;
		}
	}
	return t;
}

/* Go: time/time.go (Time).Sub */
// t-u, saturated to the Duration range.
time_Duration
time_Time_Sub(time_Time t, time_Time u)
{
	time_Duration d;

	if ((t.wall & u.wall & hasMonotonic) != 0) {
		int64_t te = t.ext;
		int64_t ue = u.ext;

		d = (time_Duration)((uint64_t)te - (uint64_t)ue);
		if (d < 0 && te > ue)
			return time_maxDuration; // t - u is positive out of range
		if (d > 0 && te < ue)
			return time_minDuration; // t - u is negative out of range
		return d;
	}
	d = (time_Duration)((uint64_t)(sec(&t) - sec(&u)) * (uint64_t)time_Second +
			    (uint64_t)(int64_t)(nsec(&t) - nsec(&u)));
	// d is right unless the subtraction overflowed.
	if (time_Time_Equal(time_Time_Add(u, d), t))
		return d;
	if (time_Time_Before(t, u))
		return time_minDuration; // t - u is negative out of range
	return time_maxDuration;         // t - u is positive out of range
}

/* Go: time/time.go Since */
time_Duration
time_Since(time_Time t)
{
	time_Time now;

	if ((t.wall & hasMonotonic) != 0)
		now = (time_Time){hasMonotonic, runtime_nanotime() - startNano};
	else
		now = time_Now();
	return time_Time_Sub(now, t);
}

/* Go: time/time.go Until */
time_Duration
time_Until(time_Time t)
{
	time_Time now;

	if ((t.wall & hasMonotonic) != 0)
		now = (time_Time){hasMonotonic, runtime_nanotime() - startNano};
	else
		now = time_Now();
	return time_Time_Sub(t, now);
}

/* Go: runtime/timestub.go time_now */
// The wall clock and the monotonic clock.
static void
now(int64_t *s, int32_t *ns, int64_t *mono)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*s = ts.tv_sec;
	*ns = (int32_t)ts.tv_nsec;
	*mono = runtime_nanotime();
}

/* Go: time/time.go Now */
time_Time
time_Now(void)
{
	int64_t s, mono;
	int32_t ns;

	now(&s, &ns, &mono);
	mono -= startNano;
	s += unixToInternal - minWall;
	if ((uint64_t)s >> 33 != 0) {
		// Outside 1885..2157: no room for a monotonic reading.
		return (time_Time){(uint64_t)ns, s + minWall};
	}
	return (time_Time){hasMonotonic | (uint64_t)s << nsecShift | (uint64_t)ns, mono};
}

/* Go: time/time.go unixTime */
static time_Time
unixTime(int64_t s, int32_t ns)
{
	return (time_Time){(uint64_t)ns, s + unixToInternal};
}

/* Go: time/time.go (Time).Unix */
int64_t
time_Time_Unix(time_Time t)
{
	return unixSec(&t);
}

/* Go: time/time.go (Time).UnixMilli */
int64_t
time_Time_UnixMilli(time_Time t)
{
	return unixSec(&t) * 1000 + (int64_t)nsec(&t) / 1000000;
}

/* Go: time/time.go (Time).UnixMicro */
int64_t
time_Time_UnixMicro(time_Time t)
{
	return unixSec(&t) * 1000000 + (int64_t)nsec(&t) / 1000;
}

/* Go: time/time.go (Time).UnixNano */
int64_t
time_Time_UnixNano(time_Time t)
{
	return unixSec(&t) * 1000000000 + (int64_t)nsec(&t);
}

/* Go: time/time.go Unix */
// nsec outside [0, 1e9) is normalized into sec.
time_Time
time_Unix(int64_t s, int64_t ns)
{
	if (ns < 0 || ns >= 1000000000) {
		int64_t n = ns / 1000000000;

		s += n;
		ns -= n * 1000000000;
		if (ns < 0) {
			ns += 1000000000;
			s--;
		}
	}
	return unixTime(s, (int32_t)ns);
}

/* Go: time/time.go UnixMilli */
time_Time
time_UnixMilli(int64_t msec)
{
	return time_Unix(msec / 1000, (msec % 1000) * 1000000);
}

/* Go: time/time.go UnixMicro */
time_Time
time_UnixMicro(int64_t usec)
{
	return time_Unix(usec / 1000000, (usec % 1000000) * 1000);
}

/* Go: time/time.go (Time).Round, with d == 0 */
// C: only Round(0), which strips the monotonic reading (no calendar here).
time_Time
time_Time_StripMono(time_Time t)
{
	stripMono(&t);
	return t;
}

// C port of go1.19 src/time/time_test.go (Duration tables, Sub) and
// mono_test.go (TestMonotonicOverflow).
#include "gotest.h"

#include <stdio.h>
#include <string.h>

#include "time/time.h"

static const struct {
	const char *str;
	time_Duration d;
} durationTests[] = {
	{"0s", 0},
	{"1ns", 1 * time_Nanosecond},
	{"1.1µs", 1100 * time_Nanosecond},
	{"2.2ms", 2200 * time_Microsecond},
	{"3.3s", 3300 * time_Millisecond},
	{"4m5s", 4 * time_Minute + 5 * time_Second},
	{"4m5.001s", 4 * time_Minute + 5001 * time_Millisecond},
	{"5h6m7.001s", 5 * time_Hour + 6 * time_Minute + 7001 * time_Millisecond},
	{"8m0.000000001s", 8 * time_Minute + 1 * time_Nanosecond},
	{"2562047h47m16.854775807s", INT64_MAX},
	{"-2562047h47m16.854775808s", INT64_MIN},
};

static void
TestDurationString(void **state)
{
	(void)state;
	for (size_t i = 0; i < nelem(durationTests); i++) {
		char want[64];

		assert_string_equal(time_Duration_String(durationTests[i].d).s,
				    durationTests[i].str);
		if (durationTests[i].d > 0) {
			snprintf(want, sizeof(want), "-%s", durationTests[i].str);
			assert_string_equal(time_Duration_String(-durationTests[i].d).s, want);
		}
	}
}

static const struct {
	time_Duration d, m, want;
} durationTruncateTests[] = {
	{0, time_Second, 0},
	{time_Minute, -7 * time_Second, time_Minute},
	{time_Minute, 0, time_Minute},
	{time_Minute, 1, time_Minute},
	{time_Minute + 10 * time_Second, 10 * time_Second, time_Minute + 10 * time_Second},
	{2 * time_Minute + 10 * time_Second, time_Minute, 2 * time_Minute},
	{10 * time_Minute + 10 * time_Second, 3 * time_Minute, 9 * time_Minute},
	{time_Minute + 10 * time_Second, time_Minute + 10 * time_Second + 1, 0},
	{time_Minute + 10 * time_Second, time_Hour, 0},
	{-time_Minute, time_Second, -time_Minute},
	{-10 * time_Minute, 3 * time_Minute, -9 * time_Minute},
	{-10 * time_Minute, time_Hour, 0},
};

static void
TestDurationTruncate(void **state)
{
	(void)state;
	for (size_t i = 0; i < nelem(durationTruncateTests); i++)
		assert_int_equal(time_Duration_Truncate(durationTruncateTests[i].d,
							durationTruncateTests[i].m),
				 durationTruncateTests[i].want);
}

static const struct {
	time_Duration d, m, want;
} durationRoundTests[] = {
	{0, time_Second, 0},
	{time_Minute, -11 * time_Second, time_Minute},
	{time_Minute, 0, time_Minute},
	{time_Minute, 1, time_Minute},
	{2 * time_Minute, time_Minute, 2 * time_Minute},
	{2 * time_Minute + 10 * time_Second, time_Minute, 2 * time_Minute},
	{2 * time_Minute + 30 * time_Second, time_Minute, 3 * time_Minute},
	{2 * time_Minute + 50 * time_Second, time_Minute, 3 * time_Minute},
	{-time_Minute, 1, -time_Minute},
	{-2 * time_Minute, time_Minute, -2 * time_Minute},
	{-2 * time_Minute - 10 * time_Second, time_Minute, -2 * time_Minute},
	{-2 * time_Minute - 30 * time_Second, time_Minute, -3 * time_Minute},
	{-2 * time_Minute - 50 * time_Second, time_Minute, -3 * time_Minute},
	{8000000000000000000, 3000000000000000000, 9000000000000000000},
	{9000000000000000000, 5000000000000000000, INT64_MAX},
	{-8000000000000000000, 3000000000000000000, -9000000000000000000},
	{-9000000000000000000, 5000000000000000000, INT64_MIN},
	{((time_Duration)3 << 61) - 1, (time_Duration)3 << 61, (time_Duration)3 << 61},
};

static void
TestDurationRound(void **state)
{
	(void)state;
	for (size_t i = 0; i < nelem(durationRoundTests); i++)
		assert_int_equal(
			time_Duration_Round(durationRoundTests[i].d, durationRoundTests[i].m),
			durationRoundTests[i].want);
}

static const struct {
	time_Duration d, want;
} durationAbsTests[] = {
	{0, 0},
	{1, 1},
	{-1, 1},
	{1 * time_Minute, 1 * time_Minute},
	{-1 * time_Minute, 1 * time_Minute},
	{time_minDuration, time_maxDuration},
	{time_minDuration + 1, time_maxDuration},
	{time_minDuration + 2, time_maxDuration - 1},
	{time_maxDuration, time_maxDuration},
	{time_maxDuration - 1, time_maxDuration - 1},
};

static void
TestDurationAbs(void **state)
{
	(void)state;
	for (size_t i = 0; i < nelem(durationAbsTests); i++)
		assert_int_equal(time_Duration_Abs(durationAbsTests[i].d),
				 durationAbsTests[i].want);
}

static void
TestDurationNanoseconds(void **state)
{
	static const time_Duration ds[] = {-1000, -1, 1, 1000};

	(void)state;
	for (size_t i = 0; i < nelem(ds); i++)
		assert_int_equal(time_Duration_Nanoseconds(ds[i]), ds[i]);
	assert_int_equal(time_Duration_Milliseconds(1500 * time_Microsecond), 1);
	assert_true(time_Duration_Seconds(1500 * time_Millisecond) == 1.5);
}

// C: Go's table builds its times with Date; without a calendar here they
// are the same instants from Unix (values printed by Go 1.19).
#define D(sec, ns) time_Unix(sec, ns)
// Go: export_test.go MinMonoTime, MaxMonoTime.
static const time_Time MinMonoTime = {(uint64_t)1 << 63, INT64_MIN};
static const time_Time MaxMonoTime = {(uint64_t)1 << 63, INT64_MAX};

static void
TestSub(void **state)
{
	const time_Time zero = {0, 0};
	const struct {
		time_Time t, u;
		time_Duration d;
	} subTests[] = {
		{zero, zero, 0},
		{D(1258934400, 1), D(1258934400, 0), 1},
		{D(1258934400, 0), D(1259020800, 0), -24 * time_Hour},
		{D(1259020800, 0), D(1258934400, 0), 24 * time_Hour},
		{D(-125536867200, 0), D(-125536953600, 0), 24 * time_Hour},
		{zero, D(4414608000, 0), time_minDuration},
		{D(4414608000, 0), zero, time_maxDuration},
		{zero, D(-128692627200, 0), time_maxDuration},
		{D(-128692627200, 0), zero, time_minDuration},
		{D(10098259200, 0), D(946684800, 0),
		 290 * 365 * 24 * time_Hour + 71 * 24 * time_Hour},
		{D(10413792000, 0), D(946684800, 0), time_maxDuration},
		{D(946684800, 0), D(10098259200, 0),
		 -290 * 365 * 24 * time_Hour - 71 * 24 * time_Hour},
		{D(946684800, 0), D(10413792000, 0), time_minDuration},
		{D(10789294607, 63535996), D(1565922570, 268436582), 9223372036795099414},
		{MinMonoTime, MaxMonoTime, time_minDuration},
		{MaxMonoTime, MinMonoTime, time_maxDuration},
	};

	(void)state;
	for (size_t i = 0; i < nelem(subTests); i++)
		assert_int_equal(time_Time_Sub(subTests[i].t, subTests[i].u), subTests[i].d);
}

static void
TestUnix(void **state)
{
	time_Time t = time_Unix(1, -1);

	(void)state;
	assert_int_equal(time_Time_Unix(t), 0);
	assert_int_equal(time_Time_Nanosecond(t), 999999999);
	assert_int_equal(time_Time_UnixNano(time_UnixMilli(1500)), 1500000000);
	assert_int_equal(time_Time_UnixMicro(time_UnixMicro(-7)), -7);
	assert_int_equal(time_Time_UnixMilli(time_Unix(2, 5000000)), 2005);
	assert_true(time_Time_IsZero((time_Time){0, 0}));
	assert_false(time_Time_IsZero(time_Unix(0, 0)));
	assert_true(time_Time_Equal(time_Time_Add(time_Unix(4, 0), time_Second), time_Unix(5, 0)));
	assert_true(time_Time_Before(time_Unix(4, 999999999), time_Unix(5, 0)));
}

// Go: export_test.go GetMono.
static int64_t
GetMono(const time_Time *t)
{
	return (t->wall & ((uint64_t)1 << 63)) != 0 ? t->ext : 0;
}

GO_TEST(TestMonotonicOverflow)
{
	time_Time t0, t1, t2;
	time_Duration d;

	t1 = time_Time_Add(time_Now(), -30 * time_Second);
	d = time_Until(t1);
	assert_true(d >= -35 * time_Second && d <= -30 * time_Second);

	t1 = time_Time_Add(time_Now(), 30 * time_Second);
	d = time_Until(t1);
	assert_true(d >= 25 * time_Second && d <= 30 * time_Second);

	t0 = time_Now();
	t1 = time_Time_Add(t0, time_maxDuration);
	assert_int_equal(GetMono(&t1), 0);
	t2 = time_Time_Add(t1, -time_maxDuration);
	d = time_Since(t2);
	assert_true(d >= -10 * time_Second && d <= 10 * time_Second);

	t0 = time_Now();
	t1 = time_Time_Add(t0, time_Hour);
	time_Sleep(100 * time_Millisecond);
	t2 = time_Time_Add(time_Now(), -5 * time_Second);
	assert_true(time_Time_After(t1, t2));
	assert_false(time_Time_After(t2, t1));
	assert_false(time_Time_Before(t1, t2));
	assert_true(time_Time_Before(t2, t1));
}

// One case a line: CMake reads them.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestDurationString),
	cmocka_unit_test(TestDurationTruncate),
	cmocka_unit_test(TestDurationRound),
	cmocka_unit_test(TestDurationAbs),
	cmocka_unit_test(TestDurationNanoseconds),
	cmocka_unit_test(TestSub),
	cmocka_unit_test(TestUnix),
	cmocka_unit_test(TestMonotonicOverflow),
};
// clang-format on

GONET_TEST_MAIN(tests)

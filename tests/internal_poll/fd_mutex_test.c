// C port of go1.19 src/internal/poll/fd_mutex_test.go. The fdMutex methods
// are reached through internal_poll/poll_impl.h (Go: export_test.go's
// FDMutex). Go's recover-based panic tests are death tests here: the panic
// becomes a cmocka assertion failure (testmain.c) that
// expect_assert_failure catches.
#include "gotest.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal_poll/poll_impl.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

/* Go: internal/poll/fd_mutex_test.go TestMutexLock */
static void
TestMutexLock(void **state)
{
	poll_fdMutex mu = {0};

	(void)state;
	if (!poll_fdMutex_incref(&mu))
		fail_msg("broken");
	if (poll_fdMutex_decref(&mu))
		fail_msg("broken");

	if (!poll_fdMutex_rwlock(&mu, true))
		fail_msg("broken");
	if (poll_fdMutex_rwunlock(&mu, true))
		fail_msg("broken");

	if (!poll_fdMutex_rwlock(&mu, false))
		fail_msg("broken");
	if (poll_fdMutex_rwunlock(&mu, false))
		fail_msg("broken");
}

/* Go: internal/poll/fd_mutex_test.go TestMutexClose */
static void
TestMutexClose(void **state)
{
	poll_fdMutex mu = {0};

	(void)state;
	if (!poll_fdMutex_increfAndClose(&mu))
		fail_msg("broken");

	if (poll_fdMutex_incref(&mu))
		fail_msg("broken");
	if (poll_fdMutex_rwlock(&mu, true))
		fail_msg("broken");
	if (poll_fdMutex_rwlock(&mu, false))
		fail_msg("broken");
	if (poll_fdMutex_increfAndClose(&mu))
		fail_msg("broken");
}

// TestMutexCloseUnblock's shared state: C: Go's channel c is a counter.
static poll_fdMutex unblockMu;
static _Atomic int unblockBroken, unblockDone;

static void
unblockReader(void *arg)
{
	(void)arg;
	if (poll_fdMutex_rwlock(&unblockMu, true)) {
		atomic_fetch_add(&unblockBroken, 1); // Go: t.Error("broken")
		return;
	}
	atomic_fetch_add(&unblockDone, 1); // Go: c <- true
}

/* Go: internal/poll/fd_mutex_test.go TestMutexCloseUnblock */
GO_TEST(TestMutexCloseUnblock)
{
	time_Duration waited = 0;

	memset(&unblockMu, 0, sizeof(unblockMu));
	unblockBroken = unblockDone = 0;
	poll_fdMutex_rwlock(&unblockMu, true);
	for (int i = 0; i < 4; i++)
		go(unblockReader, NULL);
	// The others must not get the read lock.
	time_Sleep(time_Millisecond);
	if (atomic_load(&unblockDone) != 0)
		fail_msg("broken");
	poll_fdMutex_increfAndClose(&unblockMu); // unblocks the readers
	// C: Go's select on c or time.After(10s), for each reader.
	while (atomic_load(&unblockDone) + atomic_load(&unblockBroken) < 4) {
		if (waited >= 10 * time_Second)
			fail_msg("broken");
		time_Sleep(time_Millisecond);
		waited += time_Millisecond;
	}
	assert_int_equal(atomic_load(&unblockBroken), 0);
	if (poll_fdMutex_decref(&unblockMu))
		fail_msg("broken");
	if (!poll_fdMutex_rwunlock(&unblockMu, true))
		fail_msg("broken");
}

/* Go: internal/poll/fd_mutex_test.go TestMutexPanic */
// C: ensurePanics(f) is expect_assert_failure(f): each misuse must panic
// with "panic: inconsistent poll.fdMutex".
static void
TestMutexPanic(void **state)
{
	poll_fdMutex mu = {0};

	(void)state;
	expect_assert_failure(poll_fdMutex_decref(&mu));
	expect_assert_failure(poll_fdMutex_rwunlock(&mu, true));
	expect_assert_failure(poll_fdMutex_rwunlock(&mu, false));

	expect_assert_failure(
		(poll_fdMutex_incref(&mu), poll_fdMutex_decref(&mu), poll_fdMutex_decref(&mu)));
	expect_assert_failure((poll_fdMutex_rwlock(&mu, true), poll_fdMutex_rwunlock(&mu, true),
			       poll_fdMutex_rwunlock(&mu, true)));
	expect_assert_failure((poll_fdMutex_rwlock(&mu, false), poll_fdMutex_rwunlock(&mu, false),
			       poll_fdMutex_rwunlock(&mu, false)));

	// Still usable after all that.
	poll_fdMutex_incref(&mu);
	poll_fdMutex_decref(&mu);
	poll_fdMutex_rwlock(&mu, true);
	poll_fdMutex_rwunlock(&mu, true);
	poll_fdMutex_rwlock(&mu, false);
	poll_fdMutex_rwunlock(&mu, false);
	assert_int_equal(atomic_load(&mu.state), 0);
}

// C: the message of the last panic (testmain.c's hook prints it; this one
// records it too, for TestMutexOverflowPanic's checks on the text).
static char panicMsg[256];
static void (*savedFatalHook)(const char *, const char *);

static void
recordingFatalHook(const char *kind, const char *msg)
{
	snprintf(panicMsg, sizeof(panicMsg), "%s", msg);
	savedFatalHook(kind, msg);
}

static void
incref1x21(poll_fdMutex *mu1)
{
	for (int i = 0; i < 1 << 21; i++)
		poll_fdMutex_incref(mu1);
}

/* Go: internal/poll/fd_mutex_test.go TestMutexOverflowPanic */
static void
TestMutexOverflowPanic(void **state)
{
	poll_fdMutex mu1 = {0};

	(void)state;
	panicMsg[0] = '\0';
	savedFatalHook = runtime_fatalHook;
	runtime_fatalHook = recordingFatalHook;
	expect_assert_failure(incref1x21(&mu1));
	runtime_fatalHook = savedFatalHook;
	if (strstr(panicMsg, "too many") == NULL || strstr(panicMsg, "inconsistent") != NULL)
		fail_msg("wrong panic message %s", panicMsg);
	assert_string_equal(panicMsg, poll_overflowMsg);
	// Exactly the largest count fits.
	assert_int_equal((atomic_load(&mu1.state) & poll_mutexRefMask) / poll_mutexRef,
			 (1 << 20) - 1);
}

// TestMutexStress's shared state.
static poll_fdMutex stressMu;
static uint64_t readState[2], writeState[2]; // guarded by stressMu's locks
static _Atomic int stressBroken;
static sync_WaitGroup stressDone;
static int stressN;

static void
stressWorker(void *arg)
{
	uint32_t r = (uint32_t)(uintptr_t)arg * 2654435761u + 1;

	for (int i = 0; i < stressN; i++) {
		r = r * 1103515245u + 12345u; // C: Go's rand.New(...).Intn(3)
		switch ((r >> 16) % 3) {
		case 0:
			if (!poll_fdMutex_incref(&stressMu))
				goto broken;
			if (poll_fdMutex_decref(&stressMu))
				goto broken;
			break;
		case 1:
			if (!poll_fdMutex_rwlock(&stressMu, true))
				goto broken;
			// Readers exclude each other.
			if (readState[0] != readState[1])
				goto broken;
			readState[0]++;
			readState[1]++;
			if (poll_fdMutex_rwunlock(&stressMu, true))
				goto broken;
			break;
		case 2:
			if (!poll_fdMutex_rwlock(&stressMu, false))
				goto broken;
			// Writers exclude each other.
			if (writeState[0] != writeState[1])
				goto broken;
			writeState[0]++;
			writeState[1]++;
			if (poll_fdMutex_rwunlock(&stressMu, false))
				goto broken;
			break;
		}
		if (i % 64 == 0)
			runtime_Gosched(); // C: cooperative scheduling; let the others in
	}
	sync_WaitGroup_Done(&stressDone);
	return;
broken:
	atomic_fetch_add(&stressBroken, 1); // Go: t.Error("broken")
	sync_WaitGroup_Done(&stressDone);
}

static int P;

static int
stressMain(void *arg)
{
	(void)arg;
	memset(&stressMu, 0, sizeof(stressMu));
	memset(readState, 0, sizeof(readState));
	memset(writeState, 0, sizeof(writeState));
	stressBroken = 0;
	sync_WaitGroup_Add(&stressDone, P);
	for (int p = 0; p < P; p++)
		go(stressWorker, (void *)(uintptr_t)p);
	sync_WaitGroup_Wait(&stressDone);
	assert_int_equal(atomic_load(&stressBroken), 0);
	if (!poll_fdMutex_increfAndClose(&stressMu))
		fail_msg("broken");
	if (!poll_fdMutex_decref(&stressMu))
		fail_msg("broken");
	assert_int_equal(readState[0] + writeState[0] > 0, 1);
	return 0;
}

/* Go: internal/poll/fd_mutex_test.go TestMutexStress */
// C: GOMAXPROCS is set before the runtime starts; N is 1e5 (1e4 under
// valgrind, Go's -short size) rather than Go's 1e6.
static void
TestMutexStress(void **state)
{
	int old;

	(void)state;
	P = 8;
	stressN = 100000;
	if (testUnderValgrind()) {
		P = 4;
		stressN = 10000;
	}
	old = runtime_GOMAXPROCS(P); // C: defer runtime.GOMAXPROCS(old)
	assert_int_equal(go_main(stressMain, NULL), 0);
	if (old > 0)
		runtime_GOMAXPROCS(old);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestMutexLock),          cmocka_unit_test(TestMutexClose),
	cmocka_unit_test(TestMutexCloseUnblock),  cmocka_unit_test(TestMutexPanic),
	cmocka_unit_test(TestMutexOverflowPanic), cmocka_unit_test(TestMutexStress),
};

GONET_TEST_MAIN(tests)

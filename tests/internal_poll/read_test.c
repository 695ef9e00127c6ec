// C port of go1.19 src/internal/poll/read_test.go (TestRead/SpecialFile):
// several goroutines read special files to the end, over and over, through
// FDs set up as os.Open would (the poller refuses most of them, so they are
// read in blocking mode).
#include "gotest.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <unistd.h>

#include "internal_poll/poll_impl.h"
#include "io/io.h"
#include "sync/sync.h"
#include "time/time.h"

/* Go: internal/poll/read_test.go specialFiles */
static const char *const specialFiles[] = {
	"/dev/null",
	"/proc/stat",
	"/sys/devices/system/cpu/online",
};

static sync_WaitGroup wg;
static _Atomic int failures;

// C: os.ReadFile(p) over a poll.FD.
static bool
readFile(const char *p)
{
	poll_FD f = {.ZeroReadIsEOF = true};
	uint8_t buf[4096];
	ssize_t n;
	go_error *err;
	bool ok = true;

	f.Sysfd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (f.Sysfd < 0)
		return false;
	go_error_release(poll_FD_Init(&f, "file", true)); // os ignores it too
	while ((err = poll_FD_Read(&f, buf, sizeof(buf), &n)) == NULL)
		;
	if (err != io_EOF) {
		ok = false;
		go_error_release(err);
	}
	go_error_release(poll_FD_Close(&f));
	return ok;
}

static void
reader(void *arg)
{
	const char *p = arg;

	for (int i = 0; i < 100; i++) {
		if (!readFile(p)) {
			atomic_fetch_add(&failures, 1); // Go: t.Error(err)
			break;
		}
		time_Sleep(time_Nanosecond);
	}
	sync_WaitGroup_Done(&wg);
}

/* Go: internal/poll/read_test.go TestRead */
GO_TEST(TestRead)
{
	for (size_t j = 0; j < nelem(specialFiles); j++) {
		const char *p = specialFiles[j];
		if (access(p, R_OK) != 0)
			continue; // Go: specialFiles keeps only those it can open
		for (int i = 0; i < 4; i++) {
			sync_WaitGroup_Add(&wg, 1);
			go(reader, (void *)p);
		}
	}
	sync_WaitGroup_Wait(&wg);
	assert_int_equal(atomic_load(&failures), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestRead),
};

GONET_TEST_MAIN(tests)

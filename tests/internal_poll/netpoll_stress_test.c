// Edge-triggered correctness under load (issue 5): 64 goroutines read and
// write 16 socketpairs (each direction of each pair has a writer and a
// reader) for about two seconds, with chunks of random sizes and random
// deadlines on a quarter of the calls. Every byte must arrive once and in
// order, timeouts must lose nothing (a Write cut by its deadline reports
// what it wrote), and no goroutine may stay parked: a lost wakeup shows
// as a reader or writer that never finishes, which the watchdog reports.
#include "gotest.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "internal_poll/poll_impl.h"
#include "io/io.h"
#include "polltest.h"
#include "sync/sync.h"
#include "time/time.h"

enum { nPairs = 16, maxChunk = 16384 };

// One direction of one pair: its writer's and its reader's state.
typedef struct stream {
	poll_FD *w, *r;
	int id;
	_Atomic int64_t written;  // bytes the writer wrote
	_Atomic int writerDone;   // the writer stopped; written is final
	int64_t read;             // bytes the reader read (reader only)
	_Atomic int readerDone;   // the reader read everything
	_Atomic int64_t timeouts; // deadlines that fired
	_Atomic int broken;       // a wrong byte or an unexpected error
	char why[128];
} stream;

static poll_FD fds[nPairs][2];
static stream streams[2 * nPairs];
static time_Time stopAt;
static sync_WaitGroup wg;

static uint8_t
pattern(int id, int64_t i)
{
	return (uint8_t)(i * 31 + id + i / 4099);
}

static uint32_t
xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

// A random deadline on a quarter of the calls (0-5 ms ahead), none on the
// rest, so that parked goroutines without a deadline depend on the poller
// alone.
static time_Time
randomDeadline(uint32_t *rnd)
{
	if (xorshift(rnd) % 4 != 0)
		return (time_Time){0};
	return time_Time_Add(time_Now(), (time_Duration)(xorshift(rnd) % 5000) * time_Microsecond);
}

static void
breakStream(stream *s, const char *what, go_error *err)
{
	snprintf(s->why, sizeof(s->why), "stream %d: %s: %s", s->id, what,
		 err != NULL ? go_error_Error(err) : "");
	atomic_store(&s->broken, 1);
}

static void
writer(void *arg)
{
	stream *s = arg;
	uint32_t rnd = 0x9e3779b9u ^ (uint32_t)s->id * 7919u;
	uint8_t *buf = malloc(maxChunk);
	int64_t off = 0;
	go_error *err;

	// At least one write each, however late the goroutine starts.
	for (bool first = true;
	     (first || time_Time_Before(time_Now(), stopAt)) && !atomic_load(&s->broken);
	     first = false) {
		size_t len = 1 + xorshift(&rnd) % maxChunk;
		ssize_t n;
		for (size_t i = 0; i < len; i++)
			buf[i] = pattern(s->id, off + (int64_t)i);
		if ((err = poll_FD_SetWriteDeadline(s->w, randomDeadline(&rnd))) != NULL) {
			breakStream(s, "SetWriteDeadline", err);
			break;
		}
		err = poll_FD_Write(s->w, buf, len, &n);
		off += n;
		atomic_store(&s->written, off);
		if (err == poll_ErrDeadlineExceeded) {
			atomic_fetch_add(&s->timeouts, 1);
		} else if (err != NULL) {
			breakStream(s, "Write", err);
			break;
		} else if ((size_t)n != len) {
			breakStream(s, "short Write", NULL);
			break;
		}
	}
	go_error_release(poll_FD_SetWriteDeadline(s->w, (time_Time){0}));
	atomic_store(&s->writerDone, 1);
	// The reader learns of the end from EOF (a parked reader without a
	// deadline would otherwise wait for ever).
	if ((err = poll_FD_Shutdown(s->w, SHUT_WR)) != NULL)
		breakStream(s, "Shutdown", err);
	free(buf);
	sync_WaitGroup_Done(&wg);
}

static void
reader(void *arg)
{
	stream *s = arg;
	uint32_t rnd = 0x85ebca6bu ^ (uint32_t)s->id * 104729u;
	uint8_t *buf = malloc(maxChunk);

	for (;;) {
		size_t len = 1 + xorshift(&rnd) % maxChunk;
		ssize_t n;
		go_error *err;
		if ((err = poll_FD_SetReadDeadline(s->r, randomDeadline(&rnd))) != NULL) {
			breakStream(s, "SetReadDeadline", err);
			break;
		}
		err = poll_FD_Read(s->r, buf, len, &n);
		if (err == poll_ErrDeadlineExceeded) {
			atomic_fetch_add(&s->timeouts, 1);
			continue;
		}
		if (err == io_EOF) {
			// The writer shut down after its last write.
			if (!atomic_load(&s->writerDone) || s->read != atomic_load(&s->written))
				breakStream(s, "early EOF", NULL);
			break;
		}
		if (err != NULL) {
			breakStream(s, "Read", err);
			break;
		}
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != pattern(s->id, s->read + i)) {
				breakStream(s, "wrong byte", NULL);
				goto out;
			}
		}
		s->read += n;
	}
out:
	atomic_store(&s->readerDone, 1);
	free(buf);
	sync_WaitGroup_Done(&wg);
}

GO_TEST(TestNetpollStress)
{
	time_Duration d = testUnderValgrind() ? 500 * time_Millisecond : 2 * time_Second;
	time_Duration waited = 0, limit = 60 * time_Second;
	int64_t total = 0, timeouts = 0;

	for (int i = 0; i < nPairs; i++) {
		pollSocketpair(SOCK_STREAM, &fds[i][0], &fds[i][1]);
		streams[2 * i] = (stream){.w = &fds[i][0], .r = &fds[i][1], .id = 2 * i};
		streams[2 * i + 1] = (stream){.w = &fds[i][1], .r = &fds[i][0], .id = 2 * i + 1};
	}
	stopAt = time_Time_Add(time_Now(), d);
	sync_WaitGroup_Add(&wg, 4 * nPairs);
	for (int i = 0; i < 2 * nPairs; i++) {
		go(writer, &streams[i]);
		go(reader, &streams[i]);
	}
	// Watchdog: C: a lost wakeup leaves a goroutine parked for ever.
	time_Sleep(d);
	for (;;) {
		int running = 0;
		for (int i = 0; i < 2 * nPairs; i++)
			running += !atomic_load(&streams[i].writerDone) +
				   !atomic_load(&streams[i].readerDone);
		if (running == 0)
			break;
		if (waited >= limit) {
			for (int i = 0; i < 2 * nPairs; i++)
				fprintf(stderr, "stream %d: written %lld read %lld done %d/%d\n", i,
					(long long)atomic_load(&streams[i].written),
					(long long)streams[i].read,
					atomic_load(&streams[i].writerDone),
					atomic_load(&streams[i].readerDone));
			fail_msg("%d goroutines still parked %s after the end: lost wakeup?",
				 running, time_Duration_String(limit).s);
		}
		time_Sleep(10 * time_Millisecond);
		waited += 10 * time_Millisecond;
	}
	sync_WaitGroup_Wait(&wg);
	for (int i = 0; i < 2 * nPairs; i++) {
		stream *s = &streams[i];
		if (atomic_load(&s->broken))
			fail_msg("%s", s->why);
		assert_int_equal(s->read, atomic_load(&s->written));
		assert_true(s->read > 0);
		total += s->read;
		timeouts += atomic_load(&s->timeouts);
	}
	print_message("%lld bytes through %d streams, %lld deadlines fired\n", (long long)total,
		      2 * nPairs, (long long)timeouts);
	for (int i = 0; i < nPairs; i++) {
		pollClose(&fds[i][0]);
		pollClose(&fds[i][1]);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestNetpollStress),
};

GONET_TEST_MAIN(tests)

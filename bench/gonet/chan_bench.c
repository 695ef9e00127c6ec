// Channel micro-benchmarks on gonet, the C twin of bench/go/chan/main.go:
// the same two programs, printed as "name procs ns/op" lines.
//
//	pingpong: N round trips between two goroutines over two unbuffered
//	          channels (each trip: two direct hand-offs, two parks).
//	buffered: one producer, one consumer, N ints through a channel of
//	          capacity 128.
//
// Usage: chan_bench [-n N] [-procs P]
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

static long n = 1000000;

struct pp {
	runtime_hchan *ping, *pong;
	sync_WaitGroup wg; // C: the goroutine is done with the channels
};

static void
echo(void *arg)
{
	struct pp *p = arg;
	long v;

	while (runtime_chanrecv2(p->ping, &v)) // for v := range ping
		runtime_chansend1(p->pong, &v);
	runtime_closechan(p->pong);
	sync_WaitGroup_Done(&p->wg);
}

static time_Duration
pingpong(long iters)
{
	struct pp p = {.ping = runtime_makechan(sizeof(long), 0),
		       .pong = runtime_makechan(sizeof(long), 0)};
	time_Time start;
	time_Duration d;
	long v;

	sync_WaitGroup_Add(&p.wg, 1);
	go(echo, &p);
	start = time_Now();
	for (long i = 0; i < iters; i++) {
		runtime_chansend1(p.ping, &i);
		runtime_chanrecv1(p.pong, &v);
	}
	d = time_Since(start);
	runtime_closechan(p.ping);
	runtime_chanrecv1(p.pong, NULL);
	sync_WaitGroup_Wait(&p.wg);
	runtime_chanfree(p.ping);
	runtime_chanfree(p.pong);
	return d;
}

struct buf {
	runtime_hchan *c, *done;
	sync_WaitGroup wg;
};

static void
consume(void *arg)
{
	struct buf *b = arg;
	long v, s = 0;

	while (runtime_chanrecv2(b->c, &v))
		s += v;
	runtime_chansend1(b->done, &s);
	sync_WaitGroup_Done(&b->wg);
}

static time_Duration
buffered(long iters)
{
	struct buf b = {.c = runtime_makechan(sizeof(long), 128),
			.done = runtime_makechan(sizeof(long), 0)};
	time_Time start;
	time_Duration d;
	long s;

	sync_WaitGroup_Add(&b.wg, 1);
	go(consume, &b);
	start = time_Now();
	for (long i = 0; i < iters; i++)
		runtime_chansend1(b.c, &i);
	runtime_closechan(b.c);
	runtime_chanrecv1(b.done, &s);
	d = time_Since(start);
	sync_WaitGroup_Wait(&b.wg);
	runtime_chanfree(b.c);
	runtime_chanfree(b.done);
	return d;
}

static int
benchmain(void *arg)
{
	static const struct {
		const char *name;
		time_Duration (*f)(long);
	} benches[] = {{"pingpong", pingpong}, {"buffered", buffered}};
	int procs = *(int *)arg;

	pingpong(n / 10); // warm up
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		time_Duration d = benches[i].f(n);

		printf("%s %d %.1f\n", benches[i].name, procs, (double)d / (double)n);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int procs = 1;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-n") == 0)
			n = atol(argv[i + 1]);
		else if (strcmp(argv[i], "-procs") == 0)
			procs = atoi(argv[i + 1]);
	}
	runtime_GOMAXPROCS(procs); // Go: runtime.GOMAXPROCS(*procs)
	return go_main(benchmain, &procs);
}

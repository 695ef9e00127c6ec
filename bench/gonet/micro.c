// gonet's side of the runtime micro-benchmarks: the same programs as
// bench/go/micro/main.go, one JSON line each,
//
//	{"impl":"gonet","bench":NAME,"value":X,"unit":U,"n":N}
//
// on one P (GOMAXPROCS 1), as the Go side. Not a test.
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

static bool quick;
static const char *only;

static double
perOp(time_Time start, long ops)
{
	return (double)time_Since(start) / (double)ops;
}

static long
residentBytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long size = 0, rss = 0;

	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss * sysconf(_SC_PAGESIZE);
}

static void
wgDone(void *arg)
{
	sync_WaitGroup_Done(arg);
}

// Spawn n goroutines that exit at once, a thousand at a time.
static double
spawnExit(long n, const char **unit)
{
	enum { batch = 1000 };
	sync_WaitGroup wg = {0};
	time_Time start = time_Now();

	for (long done = 0; done < n; done += batch) {
		sync_WaitGroup_Add(&wg, batch);
		for (int i = 0; i < batch; i++)
			go(wgDone, &wg);
		sync_WaitGroup_Wait(&wg);
	}
	*unit = "ns/op";
	return perOp(start, n);
}

typedef struct pingpong {
	runtime_hchan *ping, *pong;
} pingpong;

static void
echoer(void *arg)
{
	pingpong *pp = arg;
	long v;

	while (runtime_chanrecv2(pp->ping, &v))
		runtime_chansend1(pp->pong, &v);
}

// n round trips over two unbuffered channels: two switches each.
static double
chanPingPong(long n, const char **unit)
{
	pingpong pp = {runtime_makechan(sizeof(long), 0), runtime_makechan(sizeof(long), 0)};
	time_Time start;
	double v;

	go(echoer, &pp);
	start = time_Now();
	for (long i = 0; i < n; i++) {
		runtime_chansend1(pp.ping, &i);
		runtime_chanrecv1(pp.pong, NULL);
	}
	v = perOp(start, 2 * n);
	runtime_closechan(pp.ping);
	time_Sleep(time_Millisecond); // let the echoer return from its receive
	runtime_chanfree(pp.ping);
	runtime_chanfree(pp.pong);
	*unit = "ns/switch";
	return v;
}

typedef struct yielder {
	long n;
	sync_WaitGroup *wg;
} yielder;

static void
yieldLoop(void *arg)
{
	yielder *y = arg;

	for (long i = 0; i < y->n; i++)
		runtime_Gosched();
	sync_WaitGroup_Done(y->wg);
}

// Two goroutines yield to each other n times each.
static double
goschedPingPong(long n, const char **unit)
{
	sync_WaitGroup wg = {0};
	yielder y = {n, &wg};
	time_Time start;

	sync_WaitGroup_Add(&wg, 2);
	start = time_Now();
	go(yieldLoop, &y);
	go(yieldLoop, &y);
	sync_WaitGroup_Wait(&wg);
	*unit = "ns/switch";
	return perOp(start, 2 * n);
}

// Start and stop one timer n times.
static double
timerChurn(long n, const char **unit)
{
	time_Timer *t = time_NewTimer(time_Hour);
	time_Time start;
	double v;

	time_Timer_Stop(t);
	start = time_Now();
	for (long i = 0; i < n; i++) {
		time_Timer_Reset(t, time_Hour);
		time_Timer_Stop(t);
	}
	v = perOp(start, n);
	time_Timer_Free(t);
	*unit = "ns/op";
	return v;
}

typedef struct parked {
	runtime_hchan *block;
	sync_WaitGroup started, exited;
} parked;

static void
parkedG(void *arg)
{
	parked *p = arg;

	sync_WaitGroup_Done(&p->started);
	runtime_chanrecv1(p->block, NULL);
	sync_WaitGroup_Done(&p->exited);
}

// Resident memory added by n goroutines parked on a channel receive.
static double
parkedRSS(long n, const char **unit)
{
	parked p = {.block = runtime_makechan(0, 0)};
	long before = residentBytes(), after;

	sync_WaitGroup_Add(&p.started, (int)n);
	sync_WaitGroup_Add(&p.exited, (int)n);
	for (long i = 0; i < n; i++)
		go(parkedG, &p);
	sync_WaitGroup_Wait(&p.started);
	after = residentBytes();
	runtime_closechan(p.block);
	sync_WaitGroup_Wait(&p.exited);
	time_Sleep(time_Millisecond);
	runtime_chanfree(p.block);
	*unit = "bytes";
	return (double)(after - before) / (double)n;
}

static const struct {
	const char *name;
	long n;
	double (*run)(long n, const char **unit);
} benches[] = {
	// Parked goroutines first, while the runtime has no free G to reuse.
	{"parked_goroutine_rss", 100000, parkedRSS}, {"spawn_exit", 1000000, spawnExit},
	{"chan_pingpong", 1000000, chanPingPong},    {"gosched_pingpong", 1000000, goschedPingPong},
	{"timer_churn", 2000000, timerChurn},
};

static bool
wanted(const char *name)
{
	const char *p;
	size_t len = strlen(name);

	if (only == NULL || *only == '\0')
		return true;
	for (p = only; (p = strstr(p, name)) != NULL; p += len)
		if ((p == only || p[-1] == ',') && (p[len] == ',' || p[len] == '\0'))
			return true;
	return false;
}

static int
mainGoroutine(void *arg)
{
	(void)arg;
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		const char *unit = "";
		long n = benches[i].n;
		double v;
		if (!wanted(benches[i].name))
			continue;
		if (quick && strcmp(benches[i].name, "parked_goroutine_rss") != 0)
			n /= 10;
		v = benches[i].run(n, &unit);
		printf("{\"impl\":\"gonet\",\"bench\":\"%s\",\"value\":%.1f,\"unit\":\"%s\",\"n\":%"
		       "ld}\n",
		       benches[i].name, v, unit, n);
		fflush(stdout);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-quick") == 0 || strcmp(argv[i], "--quick") == 0)
			quick = true;
		else if ((strcmp(argv[i], "-run") == 0 || strcmp(argv[i], "--run") == 0) &&
			 i + 1 < argc)
			only = argv[++i];
		else if (strncmp(argv[i], "-run=", 5) == 0)
			only = argv[i] + 5;
		else {
			fprintf(stderr, "usage: micro [-quick] [-run name,name]\n");
			return 2;
		}
	}
	runtime_GOMAXPROCS(1);
	return go_main(mainGoroutine, NULL);
}

// `make run`: an echo server and a few hundred client goroutines on
// 127.0.0.1, all in one process on gonet's runtime. Each client dials,
// exchanges messages with a deadline set, checks every byte, and closes.
// Prints what happened and exits 0 if every byte came back.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/conn.h"
#include "net/dial.h"
#include "runtime_netpoll/netpoll.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"

enum { msgSize = 512 }; // bytes per message

static int clients = 300;  // client goroutines, one connection each (-clients)
static int messages = 200; // round trips per connection (-messages)

static struct {
	_Atomic int64_t conns, bytes, reads, failures;
	sync_WaitGroup done;
	char addr[64];
	char firstError[256];
	sync_Mutex mu; // guards firstError
} stats;

static void
fail(go_error *err)
{
	atomic_fetch_add(&stats.failures, 1);
	sync_Mutex_Lock(&stats.mu);
	if (stats.firstError[0] == '\0')
		snprintf(stats.firstError, sizeof(stats.firstError), "%s", go_error_Error(err));
	sync_Mutex_Unlock(&stats.mu);
	go_error_release(err);
}

static sync_WaitGroup serving; // the accept loop and the echo goroutines

// The server's side of one connection (Go: go func(c net.Conn) {...}(c)).
static void
echo(void *arg)
{
	net_Conn *c = arg;
	uint8_t buf[16 << 10];
	ssize_t n, w;
	go_error *err;

	for (;;) {
		err = net_Conn_Read(c, buf, sizeof(buf), &n);
		if (n > 0) {
			go_error *werr = net_Conn_Write(c, buf, (size_t)n, &w);
			if (werr != NULL) {
				go_error_release(werr);
				break;
			}
		}
		if (err != NULL)
			break;
	}
	go_error_release(err);
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
	sync_WaitGroup_Done(&serving);
}

static void
acceptLoop(void *arg)
{
	net_Listener *ln = arg;
	net_Conn *c;
	go_error *err;

	while ((err = net_Listener_Accept(ln, &c)) == NULL) {
		sync_WaitGroup_Add(&serving, 1);
		go(echo, c);
	}
	go_error_release(err); // the listener was closed: the demo is over
	sync_WaitGroup_Done(&serving);
}

// Reads exactly len bytes.
static go_error *
readFull(net_Conn *c, uint8_t *p, size_t len)
{
	ssize_t n;
	go_error *err;

	while (len > 0) {
		if ((err = net_Conn_Read(c, p, len, &n)) != NULL)
			return err;
		atomic_fetch_add(&stats.reads, 1);
		p += n;
		len -= (size_t)n;
	}
	return NULL;
}

static go_error *
exchange(net_Conn *c, int id)
{
	uint8_t out[msgSize], in[msgSize];
	ssize_t n;
	go_error *err;

	for (int m = 0; m < messages; m++) {
		for (int i = 0; i < msgSize; i++)
			out[i] = (uint8_t)(id * 31 + m * 7 + i);
		// Go: c.SetDeadline(time.Now().Add(5 * time.Second))
		err = net_Conn_SetDeadline(c, time_Time_Add(time_Now(), 5 * time_Second));
		if (err == NULL)
			err = net_Conn_Write(c, out, sizeof(out), &n);
		if (err == NULL)
			err = readFull(c, in, sizeof(in));
		if (err != NULL)
			return err;
		if (memcmp(in, out, sizeof(in)) != 0)
			return errors_New("echo differs");
		atomic_fetch_add(&stats.bytes, 2 * msgSize);
	}
	return NULL;
}

static void
client(void *arg)
{
	int id = (int)(intptr_t)arg;
	net_Conn *c;
	go_error *err;

	if ((err = net_DialTimeout("tcp", stats.addr, 5 * time_Second, &c)) != NULL) {
		fail(err);
		goto out;
	}
	atomic_fetch_add(&stats.conns, 1);
	if ((err = exchange(c, id)) != NULL)
		fail(err);
	if ((err = net_Conn_Close(c)) != NULL)
		fail(err);
	net_Conn_Free(c);
out:
	sync_WaitGroup_Done(&stats.done);
}

static int
demo(void *arg)
{
	net_Listener *ln;
	go_error *err;
	time_Time start;
	double secs;
	uint64_t parks0, parks;
	char *addr;

	(void)arg;
	if ((err = net_Listen("tcp", "127.0.0.1:0", &ln)) != NULL) {
		fprintf(stderr, "demo: %s\n", go_error_Error(err));
		go_error_release(err);
		return 1;
	}
	addr = net_Addr_String(net_Listener_Addr(ln));
	snprintf(stats.addr, sizeof(stats.addr), "%s", addr);
	free(addr);
	printf("gonet demo: echo server on %s, %d client goroutines x %d round trips of %d B\n",
	       stats.addr, clients, messages, msgSize);
	sync_WaitGroup_Add(&serving, 1);
	go(acceptLoop, ln);

	parks0 = runtime_netpollParks();
	start = time_Now();
	sync_WaitGroup_Add(&stats.done, clients);
	for (int i = 0; i < clients; i++)
		go(client, (void *)(intptr_t)i);
	sync_WaitGroup_Wait(&stats.done);
	secs = (double)time_Since(start) / (double)time_Second;

	go_error_release(net_Listener_Close(ln));
	sync_WaitGroup_Wait(&serving); // the accept loop and every echo goroutine ended
	net_Listener_Free(ln);

	printf("connections: %lld, failures: %lld\n", (long long)atomic_load(&stats.conns),
	       (long long)atomic_load(&stats.failures));
	printf("bytes echoed: %lld in %.3f s (%.1f MB/s, %.0f round trips/s)\n",
	       (long long)atomic_load(&stats.bytes), secs,
	       (double)atomic_load(&stats.bytes) / secs / 1e6,
	       (double)(atomic_load(&stats.conns) * messages) / secs);
	parks = runtime_netpollParks() - parks0;
	printf("client reads: %lld; goroutine parks in netpoll: %llu (%.2f per read)\n",
	       (long long)atomic_load(&stats.reads), (unsigned long long)parks,
	       (double)parks / (double)(atomic_load(&stats.reads) ? atomic_load(&stats.reads) : 1));
	printf("GOMAXPROCS: %d, goroutines left: %d\n", runtime_GOMAXPROCS(0),
	       runtime_NumGoroutine());
	if (atomic_load(&stats.failures) != 0) {
		printf("first error: %s\n", stats.firstError);
		return 1;
	}
	printf("ok\n");
	return 0;
}

int
main(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-clients") == 0)
			clients = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "-messages") == 0)
			messages = atoi(argv[i + 1]);
	}
	if (clients <= 0 || messages <= 0 || argc % 2 == 0) {
		fprintf(stderr, "usage: demo [-clients N] [-messages M]\n");
		return 2;
	}
	return go_main(demo, NULL);
}

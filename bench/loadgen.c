// loadgen: the load generator of gonet's benchmarks (bench/README.md).
//
// One thread, one epoll set, loopback only, bounded in time. Three modes:
//   echo     N connections, each keeps K messages of S bytes in flight
//            (K = 1 is ping-pong); a new message leaves as soon as the echo
//            of an earlier one is complete. With -rate R the load is open
//            instead: messages are due at R per second in all, dealt to the
//            connections in turn, and each leaves at its due time (or, when
//            its connection already has K in flight, as soon as one comes
//            back); latency counts from the due time.
//   connect  C dial cycles in flight: dial, send one message, read the echo,
//            close, dial again. Source addresses rotate over 127.0.0.x so
//            that TIME_WAIT does not use up the ephemeral ports.
//   idle     open N connections, echo one message on each, then hold them
//            and report the server's resident memory per connection.
// Every echoed byte is compared with what was sent: the byte stream of a
// connection is a slice of one fixed pseudo-random pattern, starting at an
// offset of its own. The result is one JSON line on stdout; the first few
// errors are also told on stderr.
//
// Phases: setup (connect every connection and echo one message on it; not
// measured), warm-up (load, not measured), measured window. With
// -server-pid, the server's CPU time (utime + stime from /proc/PID/stat) is
// sampled at both ends of the measured window.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

enum {
	PATLEN = 65521, // prime, so the pattern never lines up with a message size
	CHUNK = 65536,  // largest single read or write
	MAXCONNS = 20000,
	MAXSIZE = 1 << 20,
	MAXDEPTH = 1024,
	SETUP_PARALLEL = 256, // connections being set up at once (bounds the accept queue)
	MAXEVENTS = 512,
	ERRSHOWN = 5, // errors told on stderr
};

enum mode { MODE_ECHO, MODE_CONNECT, MODE_IDLE };
enum phase { PH_SETUP, PH_WARMUP, PH_MEASURE, PH_DONE };
enum cstate { CS_FREE, CS_CONNECTING, CS_OPEN, CS_READY, CS_DEAD };

struct options {
	struct sockaddr_in addr;
	const char *addrstr;
	enum mode mode;
	int conns;     // echo, idle: connections
	size_t size;   // message size in bytes
	int depth;     // echo: messages in flight per connection
	int inflight;  // connect: dial cycles in flight
	int srcips;    // source addresses 127.0.0.2 .. 127.0.0.(1+srcips); 0: kernel's choice
	double rate;   // echo: messages per second in all; 0: closed loop
	double warmup; // seconds
	double duration;
	double setup_timeout;
	pid_t server_pid;
};

struct conn {
	int fd;
	enum cstate state;
	uint32_t gen;     // bumped on every new socket, to drop stale events
	uint32_t seed;    // stream offset into the pattern
	uint64_t queued;  // bytes the connection should have written so far
	uint64_t sent;    // bytes written
	uint64_t recvd;   // bytes read back and verified
	uint64_t acked;   // whole messages echoed
	uint64_t *stamps; // send time (ns) of message m at [m % depth]
	uint64_t start;   // connect mode: when the dial began (ns)
	uint32_t owed;    // -rate: messages due but not sent (K in flight)
	uint64_t owed_at; // -rate: due time of the first of them (ns)
};

struct stats {
	uint64_t msgs;
	uint64_t bytes;
	uint64_t hist[64 + 40 * 32];
};

static struct options opt = {
	.mode = MODE_ECHO,
	.conns = 1,
	.size = 64,
	.depth = 1,
	.inflight = 50,
	.srcips = 200,
	.warmup = 2,
	.duration = 5,
	.setup_timeout = 60,
};

static uint8_t *pattern; // PATLEN + CHUNK bytes; pattern[i] == pattern[i % PATLEN]
static uint8_t rbuf[CHUNK];
static struct conn *conns;
static int nconns;
static int epfd;
static enum phase phase = PH_SETUP;
static uint64_t now; // ns, CLOCK_MONOTONIC, refreshed after every epoll_wait
static struct stats st;
static uint64_t errors;
static uint64_t setup_errors;
static int opened;  // setup: connections dialed so far
static int ready;   // setup: connections that echoed their first message
static int pending; // setup: connections dialed but not ready
static uint32_t next_src;
static uint64_t cycles;               // connect: cycles completed in any phase
static uint64_t pace_t0;              // -rate: when message 0 was due (ns)
static uint64_t pace_next;            // -rate: the next message to deal out
static uint64_t late;                 // -rate, measured window: messages sent after their due time
static volatile sig_atomic_t resumed; // SIGCONT came: the process was stopped (slice.sh)

static void
usage(void)
{
	fprintf(stderr,
		"usage: loadgen -addr 127.0.0.1:PORT [-mode echo|connect|idle] [-c N] [-size "
		"BYTES]\n"
		"               [-depth K] [-inflight C] [-warmup SEC] [-duration SEC]\n"
		"               [-srcips N] [-server-pid PID] [-setup-timeout SEC] [-rate R]\n"
		"  -mode echo     N connections (-c, 1..%d), K messages in flight each (-depth);\n"
		"                 -rate R: R messages per second in all, at fixed times\n"
		"  -mode connect  C dial/send/echo/close cycles in flight (-inflight)\n"
		"  -mode idle     N connections echo one message each, then stay idle;\n"
		"                 with -server-pid reports the server's RSS per connection\n"
		"Prints one JSON line.\n",
		MAXCONNS);
	exit(2);
}

static uint64_t
monotime(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
report_error(const char *fmt, ...)
{
	errors++;
	if (phase == PH_SETUP)
		setup_errors++;
	if (errors > ERRSHOWN)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("loadgen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

// Histogram: values below 64 ns have one bucket each; above, every power of
// two is split into 32 buckets (about 3% wide).
static int
hist_index(uint64_t v)
{
	if (v < 64)
		return (int)v;
	int e = 63 - __builtin_clzll(v);
	if (e > 45)
		return (int)(sizeof st.hist / sizeof st.hist[0]) - 1;
	return 64 + (e - 6) * 32 + (int)((v >> (e - 5)) & 31);
}

static double
hist_value(int i)
{
	if (i < 64)
		return i;
	int e = (i - 64) / 32 + 6;
	uint64_t sub = (uint64_t)((i - 64) % 32);
	uint64_t lo = (1ull << e) + (sub << (e - 5));
	return (double)lo + (double)(1ull << (e - 5)) / 2;
}

// Returns the q-quantile in microseconds, or -1 when there are no samples.
static double
hist_quantile(double q)
{
	uint64_t total = 0;
	int n = (int)(sizeof st.hist / sizeof st.hist[0]);
	for (int i = 0; i < n; i++)
		total += st.hist[i];
	if (total == 0)
		return -1;
	uint64_t want = (uint64_t)ceil(q * (double)total);
	if (want == 0)
		want = 1;
	uint64_t cum = 0;
	for (int i = 0; i < n; i++) {
		cum += st.hist[i];
		if (cum >= want)
			return hist_value(i) / 1000.0;
	}
	return hist_value(n - 1) / 1000.0;
}

static void
record(uint64_t latency_ns)
{
	if (phase != PH_MEASURE)
		return;
	st.msgs++;
	st.hist[hist_index(latency_ns)]++;
}

// Server CPU time (utime + stime, all threads) in microseconds, or -1.
static double
proc_cpu_us(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	// The command name may hold spaces: fields are counted after its ')'.
	char *p = strrchr(buf, ')');
	if (p == NULL)
		return -1;
	p += 2;
	unsigned long long ut = 0, stime = 0;
	// Fields 3..13 are skipped; 14 is utime and 15 stime.
	if (sscanf(p, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &stime) != 2)
		return -1;
	return (double)(ut + stime) * 1e6 / (double)sysconf(_SC_CLK_TCK);
}

// Server resident set in KiB (VmRSS of /proc/PID/status), or -1.
static long
proc_rss_kb(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	long kb = -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

static double
self_cpu_us(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

// Raises the soft open-file limit (and the hard one, where allowed) to
// need. Returns false when the limit stays below need.
static bool
raise_nofile(int need)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return false;
	rlim_t want = (rlim_t)need;
	if (rl.rlim_cur >= want)
		return true;
	if (rl.rlim_max < want) {
		struct rlimit hard = {want, want};
		if (setrlimit(RLIMIT_NOFILE, &hard) == 0)
			return true;
		fprintf(stderr, "loadgen: RLIMIT_NOFILE hard limit is %llu; %d wanted\n",
			(unsigned long long)rl.rlim_max, need);
		return false;
	}
	rl.rlim_cur = want;
	return setrlimit(RLIMIT_NOFILE, &rl) == 0;
}

static uint64_t
conn_key(int i)
{
	return (uint64_t)(uint32_t)i << 32 | conns[i].gen;
}

static void
conn_close(struct conn *c, enum cstate next)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->state = next;
}

// Moves the connection to CS_DEAD (echo, idle) or frees its slot for the
// next dial (connect).
static void
conn_fail(struct conn *c)
{
	bool was_pending = c->state == CS_CONNECTING || c->state == CS_OPEN;
	conn_close(c, opt.mode == MODE_CONNECT ? CS_FREE : CS_DEAD);
	if (phase == PH_SETUP && was_pending && opt.mode != MODE_CONNECT) {
		pending--;
		ready++; // counted as settled so that setup ends; it stays dead
	}
}

// Dials a new connection in slot i (nonblocking).
static void
conn_dial(int i)
{
	struct conn *c = &conns[i];
	c->gen++;
	c->queued = c->sent = c->recvd = c->acked = 0;
	c->seed = (uint32_t)(((uint64_t)i * 7919u + c->gen * 104729u) % PATLEN);
	c->start = now;
	c->state = CS_CONNECTING;
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		report_error("socket: %s", strerror(errno));
		conn_fail(c);
		return;
	}
	int one = 1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (opt.srcips > 0) {
		// The port is chosen at connect time, per destination, so each
		// source address has its own set of ephemeral ports.
		setsockopt(c->fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
		struct sockaddr_in src = {.sin_family = AF_INET};
		src.sin_addr.s_addr = htonl(0x7f000002u + next_src);
		next_src = (next_src + 1) % (uint32_t)opt.srcips;
		if (bind(c->fd, (struct sockaddr *)&src, sizeof src) != 0) {
			report_error("bind: %s", strerror(errno));
			conn_fail(c);
			return;
		}
	}
	struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET};
	ev.data.u64 = conn_key(i);
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
		report_error("epoll_ctl: %s", strerror(errno));
		conn_fail(c);
		return;
	}
	if (connect(c->fd, (struct sockaddr *)&opt.addr, sizeof opt.addr) != 0 &&
	    errno != EINPROGRESS) {
		report_error("connect: %s", strerror(errno));
		conn_fail(c);
	}
}

// Queues one more message on c, stamped with the time it left (closed
// loop) or was due (-rate).
static void
conn_queue(struct conn *c, uint64_t stamp)
{
	uint64_t m = c->queued / opt.size;
	if (c->stamps != NULL)
		c->stamps[m % (uint64_t)opt.depth] = stamp;
	c->queued += opt.size;
}

// -rate: the time message j is due, and the gap between two messages of
// one connection.
static uint64_t
pace_due(uint64_t j)
{
	return pace_t0 + (uint64_t)((double)j * 1e9 / opt.rate);
}

static uint64_t
pace_gap(void)
{
	return (uint64_t)((double)nconns * 1e9 / opt.rate);
}

// -rate: a message of c came back; the first one it owes leaves now.
static void
pace_owed(struct conn *c)
{
	if (c->owed == 0)
		return;
	if (phase == PH_MEASURE)
		late++;
	conn_queue(c, c->owed_at);
	c->owed--;
	c->owed_at += pace_gap();
}

// Writes what is queued until the socket is full. Returns false on error.
static bool
conn_flush(struct conn *c)
{
	while (c->sent < c->queued) {
		size_t off = (size_t)((c->seed + c->sent) % PATLEN);
		uint64_t left = c->queued - c->sent;
		size_t len = left < CHUNK ? (size_t)left : CHUNK;
		ssize_t n = send(c->fd, pattern + off, len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EAGAIN)
				return true;
			if (errno == EINTR)
				continue;
			report_error("write: %s", strerror(errno));
			return false;
		}
		c->sent += (uint64_t)n;
	}
	return true;
}

// One message of c has come back whole.
static void
conn_message(int i)
{
	struct conn *c = &conns[i];
	uint64_t m = c->acked++;
	switch (c->state) {
	case CS_OPEN:
		if (opt.mode == MODE_CONNECT) {
			cycles++;
			record(now - c->start);
			conn_close(c, CS_FREE);
			return;
		}
		// First echo of setup: the connection is ready.
		c->state = CS_READY;
		pending--;
		ready++;
		return;
	case CS_READY:
		record(now - c->stamps[m % (uint64_t)opt.depth]);
		if (opt.rate > 0)
			pace_owed(c);
		else
			conn_queue(c, now);
		return;
	default:
		return;
	}
}

static void
conn_connected(int i)
{
	struct conn *c = &conns[i];
	int err = 0;
	socklen_t len = sizeof err;
	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		err = errno;
	if (err != 0) {
		report_error("connect: %s", strerror(err));
		conn_fail(c);
		return;
	}
	c->state = CS_OPEN;
	conn_queue(c, now);
}

// Reads until the socket is empty, checking every byte. Returns false when
// the connection failed. A read that fills less than rbuf emptied the
// receive queue, and the next segment brings a new edge-triggered event, so
// the loop stops there instead of paying a read that can only say EAGAIN (as
// bench/epoll_echo.c does). When the peer closed or the socket failed
// (drain), a short read may stop before the end of the stream or the error,
// and no new event follows: then it reads on until EAGAIN.
static bool
conn_read(int i, bool drain)
{
	struct conn *c = &conns[i];
	for (;;) {
		ssize_t n = read(c->fd, rbuf, sizeof rbuf);
		if (n < 0) {
			if (errno == EAGAIN)
				return true;
			if (errno == EINTR)
				continue;
			report_error("read: %s", strerror(errno));
			return false;
		}
		if (n == 0) {
			report_error("read: unexpected EOF after %" PRIu64 " of %" PRIu64 " bytes",
				     c->recvd, c->sent);
			return false;
		}
		if (c->recvd + (uint64_t)n > c->sent) {
			report_error("read: %zd bytes more than were sent",
				     (ssize_t)(c->recvd + (uint64_t)n - c->sent));
			return false;
		}
		size_t off = (size_t)((c->seed + c->recvd) % PATLEN);
		if (memcmp(rbuf, pattern + off, (size_t)n) != 0) {
			size_t k = 0;
			while (rbuf[k] == pattern[off + k])
				k++;
			report_error("echo differs at byte %" PRIu64, c->recvd + k);
			return false;
		}
		c->recvd += (uint64_t)n;
		if (phase == PH_MEASURE)
			st.bytes += (uint64_t)n;
		while (c->recvd >= (c->acked + 1) * opt.size) {
			conn_message(i);
			if (c->state == CS_FREE)
				return true; // connect mode closed it
		}
		if ((size_t)n < sizeof rbuf && !drain)
			return true;
	}
}

static void
conn_event(int i, uint32_t events)
{
	struct conn *c = &conns[i];
	if (c->state == CS_CONNECTING) {
		if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
			return;
		conn_connected(i);
		if (c->state != CS_OPEN)
			return;
	}
	if (c->state != CS_OPEN && c->state != CS_READY)
		return;
	if (!conn_read(i, (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0)) {
		conn_fail(c);
		return;
	}
	if (c->state == CS_FREE)
		return;
	if (!conn_flush(c))
		conn_fail(c);
}

// Setup: keep SETUP_PARALLEL connections being dialed until all are ready.
static void
setup_more(void)
{
	while (opened < opt.conns && pending < SETUP_PARALLEL) {
		opened++;
		pending++;
		conn_dial(opened - 1);
	}
}

// Connect mode: every free slot dials again.
static void
connect_refill(void)
{
	for (int i = 0; i < nconns; i++) {
		if (conns[i].state == CS_FREE)
			conn_dial(i);
	}
}

// -rate: deals out every message due by now, in turn over the
// connections. One whose connection has K in flight is owed, and leaves
// when an echo comes back (pace_owed).
static void
pace(void)
{
	for (; pace_due(pace_next) <= now; pace_next++) {
		struct conn *c = &conns[pace_next % (uint64_t)nconns];
		if (c->state != CS_READY)
			continue;
		uint64_t inflight = c->queued / opt.size - c->acked;
		if (c->owed > 0 || inflight >= (uint64_t)opt.depth) {
			if (c->owed++ == 0)
				c->owed_at = pace_due(pace_next);
			continue;
		}
		conn_queue(c, pace_due(pace_next));
		if (!conn_flush(c))
			conn_fail(c);
	}
}

// -rate, after a stop (SIGSTOP, then SIGCONT: slice.sh hands the load
// round in turns): the schedule moves on by the time the process stood
// still, gap, rather than owing every message that fell due meanwhile and
// sending them in one burst. Messages already owed move with it.
static void
pace_resume(uint64_t gap)
{
	pace_t0 += gap;
	for (int i = 0; i < nconns; i++)
		if (conns[i].owed > 0)
			conns[i].owed_at += gap;
}

static void
on_sigcont(int sig)
{
	(void)sig;
	resumed = 1;
}

// Starts the load on every ready connection (echo mode).
static void
echo_start(void)
{
	if (opt.rate > 0) {
		pace_t0 = now;
		pace_next = 0;
		pace();
		return;
	}
	for (int i = 0; i < nconns; i++) {
		struct conn *c = &conns[i];
		if (c->state != CS_READY)
			continue;
		for (int k = 0; k < opt.depth; k++)
			conn_queue(c, now);
		if (!conn_flush(c))
			conn_fail(c);
	}
}

static bool
parse_addr(const char *s)
{
	const char *colon = strrchr(s, ':');
	if (colon == NULL || colon == s)
		return false;
	char host[64];
	size_t hl = (size_t)(colon - s);
	if (hl >= sizeof host)
		return false;
	memcpy(host, s, hl);
	host[hl] = 0;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end != 0 || port <= 0 || port > 65535)
		return false;
	opt.addr.sin_family = AF_INET;
	opt.addr.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &opt.addr.sin_addr) != 1)
		return false;
	// Loopback only: this tool must never load another machine.
	return (ntohl(opt.addr.sin_addr.s_addr) >> 24) == 127;
}

static long
parse_long(const char *name, const char *v, long lo, long hi)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno != 0 || *end != 0 || end == v || x < lo || x > hi) {
		fprintf(stderr, "loadgen: -%s: want an integer in [%ld, %ld], got %s\n", name, lo,
			hi, v);
		exit(2);
	}
	return x;
}

static double
parse_seconds(const char *name, const char *v)
{
	char *end;
	double x = strtod(v, &end);
	if (*end != 0 || end == v || !(x >= 0) || x > 3600) {
		fprintf(stderr, "loadgen: -%s: want seconds in [0, 3600], got %s\n", name, v);
		exit(2);
	}
	return x;
}

static void
parse_flags(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-')
			usage();
		a += a[1] == '-' ? 2 : 1; // Go style: -flag or --flag
		char name[32];
		const char *val;
		const char *eq = strchr(a, '=');
		if (eq != NULL) {
			size_t l = (size_t)(eq - a);
			if (l >= sizeof name)
				usage();
			memcpy(name, a, l);
			name[l] = 0;
			val = eq + 1;
		} else {
			if (strlen(a) >= sizeof name || i + 1 >= argc)
				usage();
			strcpy(name, a);
			val = argv[++i];
		}
		if (strcmp(name, "addr") == 0) {
			opt.addrstr = val;
			if (!parse_addr(val)) {
				fprintf(stderr, "loadgen: -addr: want 127.x.x.x:PORT, got %s\n",
					val);
				exit(2);
			}
		} else if (strcmp(name, "mode") == 0) {
			if (strcmp(val, "echo") == 0)
				opt.mode = MODE_ECHO;
			else if (strcmp(val, "connect") == 0)
				opt.mode = MODE_CONNECT;
			else if (strcmp(val, "idle") == 0)
				opt.mode = MODE_IDLE;
			else
				usage();
		} else if (strcmp(name, "c") == 0) {
			opt.conns = (int)parse_long(name, val, 1, MAXCONNS);
		} else if (strcmp(name, "size") == 0) {
			opt.size = (size_t)parse_long(name, val, 1, MAXSIZE);
		} else if (strcmp(name, "depth") == 0) {
			opt.depth = (int)parse_long(name, val, 1, MAXDEPTH);
		} else if (strcmp(name, "inflight") == 0) {
			opt.inflight = (int)parse_long(name, val, 1, MAXCONNS);
		} else if (strcmp(name, "srcips") == 0) {
			opt.srcips = (int)parse_long(name, val, 0, 250);
		} else if (strcmp(name, "warmup") == 0) {
			opt.warmup = parse_seconds(name, val);
		} else if (strcmp(name, "duration") == 0) {
			opt.duration = parse_seconds(name, val);
		} else if (strcmp(name, "setup-timeout") == 0) {
			opt.setup_timeout = parse_seconds(name, val);
		} else if (strcmp(name, "rate") == 0) {
			opt.rate = (double)parse_long(name, val, 1, 10000000);
		} else if (strcmp(name, "server-pid") == 0) {
			opt.server_pid = (pid_t)parse_long(name, val, 1, 1 << 30);
		} else {
			usage();
		}
	}
	if (opt.addrstr == NULL || (opt.rate > 0 && opt.mode != MODE_ECHO))
		usage();
}

static const char *
mode_name(void)
{
	return opt.mode == MODE_ECHO ? "echo" : opt.mode == MODE_CONNECT ? "connect" : "idle";
}

static void
print_quantile(const char *key, double v)
{
	if (v < 0)
		printf(",\"%s\":null", key);
	else
		printf(",\"%s\":%.1f", key, v);
}

// Waits for events until the end of the phase (deadline), or, with -rate
// once the load runs, until the next message is due: to the nanosecond,
// with the timer slack set to 1 ns in main.
static int
wait_events(struct epoll_event *evs, uint64_t deadline)
{
	if (phase == PH_SETUP)
		return epoll_wait(epfd, evs, MAXEVENTS, 100);
	uint64_t until = deadline;
	if (opt.rate > 0 && pace_due(pace_next) < until)
		until = pace_due(pace_next);
	uint64_t left = until > now ? until - now : 0;
	if (opt.rate == 0)
		return epoll_wait(epfd, evs, MAXEVENTS, (int)((left + 999999) / 1000000));
	struct timespec ts = {.tv_sec = (time_t)(left / 1000000000u),
			      .tv_nsec = (long)(left % 1000000000u)};
	return epoll_pwait2(epfd, evs, MAXEVENTS, &ts, NULL);
}

// The measurements of one run, taken at the phase changes.
struct run {
	uint64_t t0, setup_ns;
	uint64_t deadline; // end of the current phase (warm-up, measure)
	double cpu0, cpu1, self0, self1;
	uint64_t m0, m1; // measured window
	long rss0, rss1;
	bool setup_failed;
};

// Allocates the pattern, the connections and the epoll set.
static bool
init_state(void)
{
	pattern = malloc(PATLEN + CHUNK);
	conns = calloc((size_t)nconns, sizeof *conns);
	if (pattern == NULL || conns == NULL) {
		fprintf(stderr, "loadgen: out of memory\n");
		return false;
	}
	for (uint32_t i = 0; i < PATLEN + CHUNK; i++)
		pattern[i] = (uint8_t)(((i % PATLEN) * 2654435761u) >> 24);
	for (int i = 0; i < nconns; i++) {
		conns[i].fd = -1;
		conns[i].state = CS_FREE;
		if (opt.mode == MODE_ECHO) {
			conns[i].stamps = calloc((size_t)opt.depth, sizeof(uint64_t));
			if (conns[i].stamps == NULL) {
				fprintf(stderr, "loadgen: out of memory\n");
				return false;
			}
		}
	}
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0) {
		perror("loadgen: epoll_create1");
		return false;
	}
	return true;
}

// Setup: ends when every connection echoed once (then the warm-up starts)
// or when too many failed.
static void
step_setup(struct run *r)
{
	setup_more();
	if (setup_errors > 0 && pending == 0 && opened == opt.conns) {
		// A run with fewer connections than asked would not compare
		// with the others.
		fprintf(stderr, "loadgen: setup failed: %d of %d connections failed\n",
			(int)setup_errors, opt.conns);
		r->setup_failed = true;
		phase = PH_DONE;
	} else if (ready == opt.conns) {
		r->setup_ns = now - r->t0;
		phase = PH_WARMUP;
		r->deadline = now + (uint64_t)(opt.warmup * 1e9);
		if (opt.mode == MODE_ECHO)
			echo_start();
	} else if (now - r->t0 > (uint64_t)(opt.setup_timeout * 1e9) ||
		   setup_errors > (uint64_t)(opt.conns / 10 + 100)) {
		fprintf(stderr, "loadgen: setup failed: %d of %d connections ready\n", ready,
			opt.conns);
		r->setup_failed = true;
		phase = PH_DONE;
	}
}

// Moves to the next phase once the current one is over, sampling the
// server's CPU time (and RSS) at both ends of the measured window.
static void
step_phase(struct run *r)
{
	switch (phase) {
	case PH_SETUP:
		step_setup(r);
		break;
	case PH_WARMUP:
		if (now < r->deadline)
			break;
		phase = PH_MEASURE;
		memset(&st, 0, sizeof st);
		if (opt.server_pid > 0)
			r->cpu0 = proc_cpu_us(opt.server_pid);
		r->self0 = self_cpu_us();
		r->m0 = now;
		r->deadline = now + (uint64_t)(opt.duration * 1e9);
		if (opt.mode == MODE_IDLE)
			r->deadline = now; // idle: warm-up is the settling time
		break;
	case PH_MEASURE:
		if (now < r->deadline)
			break;
		r->m1 = now;
		if (opt.server_pid > 0) {
			r->cpu1 = proc_cpu_us(opt.server_pid);
			if (opt.mode == MODE_IDLE)
				r->rss1 = proc_rss_kb(opt.server_pid);
		}
		r->self1 = self_cpu_us();
		phase = PH_DONE;
		break;
	case PH_DONE:
		break;
	}
}

// The event loop, from setup to the end of the measured window. Returns
// false when epoll fails.
static bool
run_loop(struct run *r)
{
	struct epoll_event evs[MAXEVENTS];

	while (phase != PH_DONE) {
		uint64_t before = now;
		int n = wait_events(evs, r->deadline);
		if (n < 0 && errno != EINTR) {
			perror("loadgen: epoll_wait");
			return false;
		}
		now = monotime();
		if (resumed) {
			resumed = 0;
			if (opt.rate > 0 && phase != PH_SETUP)
				pace_resume(now - before);
		}
		for (int k = 0; k < n; k++) {
			int i = (int)(evs[k].data.u64 >> 32);
			if ((uint32_t)evs[k].data.u64 != conns[i].gen)
				continue; // for a socket closed earlier in this batch
			conn_event(i, evs[k].events);
		}
		if (opt.rate > 0 && phase != PH_SETUP)
			pace();
		if (opt.mode == MODE_CONNECT) {
			if (cycles == 0 && errors > 1000) {
				fprintf(stderr, "loadgen: no dial cycle completed; giving up\n");
				r->setup_failed = true;
				break;
			}
			connect_refill();
		}
		step_phase(r);
	}
	return true;
}

// The fields of the echo and connect modes: rates, latencies, CPU.
static void
print_load(const struct run *r, double secs)
{
	double mps = secs > 0 ? (double)st.msgs / secs : 0;

	printf(",\"msgs\":%" PRIu64 ",\"msgs_per_s\":%.1f,\"bytes_per_s\":%.1f", st.msgs, mps,
	       secs > 0 ? (double)st.bytes / secs : 0);
	print_quantile("p50_us", hist_quantile(0.50));
	print_quantile("p99_us", hist_quantile(0.99));
	print_quantile("p999_us", hist_quantile(0.999));
	if (r->cpu0 >= 0 && r->cpu1 >= 0) {
		printf(",\"server_cpu_us\":%.0f", r->cpu1 - r->cpu0);
		if (st.msgs > 0)
			printf(",\"server_cpu_us_per_msg\":%.3f",
			       (r->cpu1 - r->cpu0) / (double)st.msgs);
		if (secs > 0)
			printf(",\"server_cpu_pct\":%.1f", (r->cpu1 - r->cpu0) / (secs * 1e4));
	}
	if (secs > 0)
		printf(",\"client_cpu_pct\":%.1f", (r->self1 - r->self0) / (secs * 1e4));
	if (opt.rate > 0)
		printf(",\"late\":%" PRIu64, late);
}

// A CLOCK_MONOTONIC time in microseconds since the Unix epoch, for
// slice.sh, which knows when it stopped and resumed this process by the
// wall clock.
static double
unix_us(uint64_t mono)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	double off = (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec - (double)monotime();
	return ((double)mono + off) / 1e3;
}

// The one JSON line.
static void
print_result(const struct run *r)
{
	double secs = r->m1 > r->m0 ? (double)(r->m1 - r->m0) / 1e9 : 0;
	int alive = 0;

	for (int i = 0; i < nconns; i++) {
		if (conns[i].state == CS_READY || conns[i].state == CS_OPEN ||
		    conns[i].state == CS_CONNECTING)
			alive++;
	}
	printf("{\"mode\":\"%s\",\"addr\":\"%s\",\"conns\":%d,\"size\":%zu", mode_name(),
	       opt.addrstr, opt.mode == MODE_CONNECT ? opt.inflight : opt.conns, opt.size);
	if (opt.mode == MODE_ECHO)
		printf(",\"depth\":%d", opt.depth);
	if (opt.rate > 0)
		printf(",\"rate\":%.0f", opt.rate);
	printf(",\"warmup_s\":%.3f,\"duration_s\":%.3f,\"setup_s\":%.3f", opt.warmup, secs,
	       (double)r->setup_ns / 1e9);
	if (r->m1 > r->m0)
		printf(",\"window_unix_us\":[%.0f,%.0f]", unix_us(r->m0), unix_us(r->m1));
	if (opt.mode != MODE_IDLE)
		print_load(r, secs);
	else if (r->rss0 >= 0 && r->rss1 >= 0)
		printf(",\"rss_before_kb\":%ld,\"rss_after_kb\":%ld,\"rss_per_conn_bytes\":%.0f",
		       r->rss0, r->rss1, (double)(r->rss1 - r->rss0) * 1024.0 / (double)opt.conns);
	if (opt.mode != MODE_CONNECT)
		printf(",\"alive\":%d", alive);
	printf(",\"errors\":%" PRIu64 "%s}\n", errors,
	       r->setup_failed ? ",\"setup_failed\":true" : "");
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	struct run r = {.cpu0 = -1, .cpu1 = -1, .rss0 = -1, .rss1 = -1};

	parse_flags(argc, argv);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCONT, on_sigcont);
	if (opt.rate > 0)
		prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
	nconns = opt.mode == MODE_CONNECT ? opt.inflight : opt.conns;
	if (!raise_nofile(nconns + 16) || !init_state())
		return 1;

	now = monotime();
	r.t0 = now;
	if (opt.mode == MODE_IDLE && opt.server_pid > 0)
		r.rss0 = proc_rss_kb(opt.server_pid);
	if (opt.mode == MODE_CONNECT) {
		phase = PH_WARMUP;
		r.deadline = now + (uint64_t)(opt.warmup * 1e9);
		connect_refill();
	} else {
		setup_more();
	}
	if (!run_loop(&r))
		return 1;
	print_result(&r);

	for (int i = 0; i < nconns; i++) {
		if (conns[i].fd >= 0)
			close(conns[i].fd);
		free(conns[i].stamps);
	}
	free(conns);
	free(pattern);
	close(epfd);
	return errors == 0 && !r.setup_failed ? 0 : 1;
}

// epoll_echo: the practical limit for gonet's echo benchmarks.
//
// A hand-written, single-threaded, edge-triggered epoll server in C: what a
// careful programmer writes without any runtime. It echoes every byte back
// (default), or with -http answers each HTTP/1.1 request (a header block ended
// by an empty line) with one fixed keep-alive response, like
// bench/go/httpd. It takes -addr 127.0.0.1:PORT, ignores SIGPIPE and exits
// with status 0 on SIGTERM or SIGINT.
//
// -idle-thread, an experiment, starts one more thread that only sleeps. It
// does nothing, but while the file table is shared by two threads Linux
// takes and drops a reference on the socket's file in every system call on
// it (fdget and fput), as it does for every runtime with threads of its own
// (Go's and gonet's sysmon): bench/README.md, "The price of a second
// thread".
//
// Tricks a tuned server uses, and this one does too:
//  - one shared read buffer; a connection owns memory only while a short
//    write leaves bytes waiting for EPOLLOUT;
//  - a read that returns less than the buffer drained the socket, and edge
//    triggering reports every later arrival, so the read that would only
//    return EAGAIN is skipped.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

enum {
	BUFSIZE = 16384,
	MAXEVENTS = 256,
	BACKLOG = 4096,
};

struct conn {
	int fd;
	int match;        // -http: how much of "\r\n\r\n" the input ends with
	size_t plen;      // bytes waiting in pending
	size_t poff;      // first byte of pending not yet written
	uint8_t *pending; // bytes a short write left behind, or NULL
};

static const char response[] = "HTTP/1.1 200 OK\r\n"
			       "Server: bench\r\n"
			       "Content-Type: text/plain\r\n"
			       "Content-Length: 13\r\n"
			       "\r\n"
			       "Hello, World!";

static bool http_mode;
static uint8_t buf[BUFSIZE];
static uint8_t *outbuf; // -http: responses for one read
static size_t outcap;

static void
usage(void)
{
	fprintf(stderr, "usage: epoll_echo -addr 127.0.0.1:PORT [-http] [-idle-thread]\n");
	exit(2);
}

// -idle-thread's thread. It inherits main's mask, so SIGTERM and SIGINT
// still reach the signalfd only.
static void *
idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static bool
parse_addr(const char *s, struct sockaddr_in *sa)
{
	const char *colon = strrchr(s, ':');
	if (colon == NULL)
		return false;
	char host[64];
	size_t hl = (size_t)(colon - s);
	if (hl >= sizeof host)
		return false;
	memcpy(host, s, hl);
	host[hl] = 0;
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end != 0 || end == colon + 1 || port < 0 || port > 65535)
		return false;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	if (hl == 0)
		return true; // ":PORT" listens on every address, as in Go
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1;
}

static void
conn_free(struct conn *c)
{
	close(c->fd);
	free(c->pending);
	free(c);
}

// Writes pending bytes. Returns -1 on error, 0 when some are still waiting,
// 1 when all are out.
static int
flush(struct conn *c)
{
	while (c->poff < c->plen) {
		ssize_t n = send(c->fd, c->pending + c->poff, c->plen - c->poff, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN ? 0 : -1;
		}
		c->poff += (size_t)n;
	}
	free(c->pending);
	c->pending = NULL;
	c->plen = c->poff = 0;
	return 1;
}

// Writes p; what the socket does not take is kept for EPOLLOUT. Same
// results as flush.
static int
put(struct conn *c, const uint8_t *p, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t n = send(c->fd, p + off, len - off, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				return -1;
			c->pending = malloc(len - off);
			if (c->pending == NULL)
				return -1;
			memcpy(c->pending, p + off, len - off);
			c->plen = len - off;
			c->poff = 0;
			return 0;
		}
		off += (size_t)n;
	}
	return 1;
}

// -http: counts the requests completed in p and writes one response each.
static int
answer(struct conn *c, const uint8_t *p, size_t len)
{
	static const char end[4] = {'\r', '\n', '\r', '\n'};
	size_t k = 0;
	int m = c->match;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == end[m]) {
			if (++m == 4) {
				k++;
				m = 0;
			}
		} else {
			m = p[i] == '\r';
		}
	}
	c->match = m;
	if (k == 0)
		return 1;
	size_t rl = sizeof response - 1;
	if (k * rl > outcap) {
		uint8_t *nb = realloc(outbuf, k * rl);
		if (nb == NULL)
			return -1;
		outbuf = nb;
		outcap = k * rl;
	}
	for (size_t i = 0; i < k; i++)
		memcpy(outbuf + i * rl, response, rl);
	return put(c, outbuf, k * rl);
}

// Handles readiness of c. Returns false when c must be closed.
static bool
serve(struct conn *c, uint32_t events)
{
	bool resume = false;
	if (c->pending != NULL) {
		int r = flush(c);
		if (r < 0)
			return false;
		if (r == 0)
			return true; // still blocked: input waits (backpressure)
		resume = true;       // input that arrived meanwhile had no new edge
	}
	if (!resume && !(events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)))
		return true;
	for (;;) {
		ssize_t n = read(c->fd, buf, sizeof buf);
		if (n == 0)
			return false;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN;
		}
		int r = http_mode ? answer(c, buf, (size_t)n) : put(c, buf, (size_t)n);
		if (r < 0)
			return false;
		if (r == 0 || (size_t)n < sizeof buf)
			return true;
	}
}

static void
accept_all(int epfd, int ln)
{
	for (;;) {
		int fd = accept4(ln, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			// C: on EMFILE the rest of the accept queue waits for the
			// next connection's edge; run.sh raises RLIMIT_NOFILE first.
			if (errno != EAGAIN)
				perror("epoll_echo: accept4");
			return;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		struct conn *c = calloc(1, sizeof *c);
		if (c == NULL) {
			close(fd);
			continue;
		}
		c->fd = fd;
		struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET};
		ev.data.ptr = c;
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
			conn_free(c);
			continue;
		}
	}
}

int
main(int argc, char **argv)
{
	const char *addr = NULL;
	bool idle = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		a += a[0] == '-' && a[1] == '-' ? 2 : a[0] == '-' ? 1 : 0;
		if (strcmp(a, "http") == 0)
			http_mode = true;
		else if (strcmp(a, "idle-thread") == 0)
			idle = true;
		else if (strncmp(a, "addr=", 5) == 0)
			addr = a + 5;
		else if (strcmp(a, "addr") == 0 && i + 1 < argc)
			addr = argv[++i];
		else
			usage();
	}
	struct sockaddr_in sa;
	if (addr == NULL || !parse_addr(addr, &sa))
		usage();

	signal(SIGPIPE, SIG_IGN);
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	pthread_t tid;
	if (idle && pthread_create(&tid, NULL, idle_thread, NULL) != 0) {
		fprintf(stderr, "epoll_echo: pthread_create failed\n");
		return 1;
	}

	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}

	int ln = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	if (ln < 0 || setsockopt(ln, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(ln, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(ln, BACKLOG) != 0) {
		perror("epoll_echo: listen");
		return 1;
	}
	int epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0 || sfd < 0) {
		perror("epoll_echo: epoll_create1/signalfd");
		return 1;
	}
	// The listener and the signalfd are told apart from connections by
	// their data.ptr (NULL and &sfd).
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET};
	ev.data.ptr = NULL;
	epoll_ctl(epfd, EPOLL_CTL_ADD, ln, &ev);
	ev.events = EPOLLIN;
	ev.data.ptr = &sfd;
	epoll_ctl(epfd, EPOLL_CTL_ADD, sfd, &ev);

	struct epoll_event evs[MAXEVENTS];
	for (;;) {
		int n = epoll_wait(epfd, evs, MAXEVENTS, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("epoll_echo: epoll_wait");
			return 1;
		}
		for (int i = 0; i < n; i++) {
			void *p = evs[i].data.ptr;
			if (p == NULL) {
				accept_all(epfd, ln);
			} else if (p == &sfd) {
				// Connections are left to exit(); the kernel closes them.
				close(ln);
				close(epfd);
				free(outbuf);
				return 0;
			} else if (!serve(p, evs[i].events)) {
				conn_free(p); // close() also removes it from the epoll set
			}
		}
	}
}

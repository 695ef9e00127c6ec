// An experiment, not an example: the echo server with Go's net and poll
// layers taken out, to measure what the goroutine model costs by itself.
// Each connection still gets a goroutine, a 16 KiB buffer on its stack
// and a pollDesc; it reads and writes with recv(2) and send(2) on the
// socket and parks in pollWait, with no fd mutex, no poll.FD, no net.Conn
// and no error values. bench/README.md, "The goroutine model's own cost",
// pairs it with examples/echo_server and bench/epoll_echo.c (bench/ab.sh).
//
//	floor_echo [-addr 127.0.0.1:PORT]
//
// SIGTERM ends it (the default action: nothing of its own needs flushing).
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "net/dial.h"
#include "net/fd.h"
#include "net/tcpsock.h"
#include "runtime_netpoll/netpoll.h"
#include "runtime_netpoll/runtime.h"

// Writes all of buf, waiting for the poller when the socket is full.
static bool
sendAll(int s, runtime_pollDesc *pd, const uint8_t *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = send(s, buf, n, MSG_NOSIGNAL);
		if (w > 0) {
			buf += w;
			n -= (size_t)w;
		} else if (w < 0 && errno == EAGAIN && poll_runtime_pollWait(pd, 'w') == 0) {
			continue;
		} else {
			return false;
		}
	}
	return true;
}

// Reads until the socket is drained (a short read), then waits. pollWait
// consumes a readiness that arrived since the last wait, so skipping the
// read that would fail with EAGAIN loses no wake-up (as poll_FD_Read's
// drained flag does).
static void
handle(void *arg)
{
	net_Conn *c = arg;
	net_netFD *fd = ((net_TCPConn *)c)->conn.fd;
	int s = fd->pfd.Sysfd;
	runtime_pollDesc *pd = fd->pfd.pd.runtimeCtx;
	uint8_t buf[16 << 10];

	for (;;) {
		ssize_t n = recv(s, buf, sizeof(buf), 0);
		if (n > 0) {
			if (!sendAll(s, pd, buf, (size_t)n))
				break;
			if ((size_t)n == sizeof(buf))
				continue;
		} else if (n == 0 || errno != EAGAIN) {
			break;
		}
		if (poll_runtime_pollWait(pd, 'r') != 0)
			break;
	}
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
}

static int
serve(void *arg)
{
	net_Listener *ln;
	net_Conn *c;
	go_error *err;

	if ((err = net_Listen("tcp", arg, &ln)) != NULL) {
		fprintf(stderr, "floor_echo: %s\n", go_error_Error(err));
		go_error_release(err);
		return 1;
	}
	while ((err = net_Listener_Accept(ln, &c)) == NULL)
		go(handle, c);
	fprintf(stderr, "floor_echo: %s\n", go_error_Error(err));
	go_error_release(err);
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);
	return 1;
}

int
main(int argc, char **argv)
{
	const char *addr = "127.0.0.1:8080";

	for (int i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "-addr") == 0 || strcmp(argv[i], "--addr") == 0)
			addr = argv[++i];
	return go_main(serve, (void *)addr);
}

// gonet's minimal HTTP/1.1 keep-alive responder: the C twin of
// bench/go/httpd (Go's net, not net/http) for the wrk scenario. One
// goroutine per connection reads requests (each ends with an empty line)
// and writes one fixed response per request. -addr; SIGPIPE ignored;
// exits 0 on SIGTERM or SIGINT.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/conn.h"
#include "net/dial.h"
#include "os_signal/signal.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"

static const char response[] = "HTTP/1.1 200 OK\r\n"
			       "Server: bench\r\n"
			       "Content-Type: text/plain\r\n"
			       "Content-Length: 13\r\n"
			       "\r\n"
			       "Hello, World!";

static void
serve(void *arg)
{
	static const char end[4] = {'\r', '\n', '\r', '\n'};
	enum { respLen = sizeof(response) - 1, maxOut = 64 };
	net_Conn *c = arg;
	uint8_t buf[4096];
	char out[respLen * maxOut];
	int match = 0; // how much of "\r\n\r\n" the input read so far ends with
	ssize_t n, w;
	go_error *err;

	for (;;) {
		int k = 0;
		err = net_Conn_Read(c, buf, sizeof(buf), &n);
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == end[match]) {
				if (++match == 4) {
					k++;
					match = 0;
				}
			} else {
				match = buf[i] == '\r';
			}
		}
		while (k > 0) {
			int m = k < maxOut ? k : maxOut;
			go_error *werr;
			for (int i = 0; i < m; i++)
				memcpy(out + i * respLen, response, respLen);
			werr = net_Conn_Write(c, (uint8_t *)out, (size_t)m * respLen, &w);
			if (werr != NULL) {
				go_error_release(werr);
				goto done;
			}
			k -= m;
		}
		if (err != NULL)
			break;
	}
done:
	go_error_release(err);
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
}

static void
stopOnSignal(void *arg)
{
	runtime_hchan *stop = runtime_makechan(sizeof(int), 1);
	int sig;

	(void)arg;
	os_signal_Notify(stop, (int[]){SIGTERM, SIGINT}, 2);
	runtime_chanrecv1(stop, &sig);
	exit(0); // Go: os.Exit(0)
}

static int
mainGoroutine(void *arg)
{
	net_Listener *ln;
	net_Conn *c;
	go_error *err;

	if ((err = net_Listen("tcp", arg, &ln)) != NULL) {
		fprintf(stderr, "%s\n", go_error_Error(err));
		return 1;
	}
	go(stopOnSignal, NULL);
	for (;;) {
		if ((err = net_Listener_Accept(ln, &c)) != NULL) {
			if (go_error_Temporary(err)) {
				go_error_release(err);
				continue;
			}
			fprintf(stderr, "%s\n", go_error_Error(err));
			return 1;
		}
		go(serve, c);
	}
}

int
main(int argc, char **argv)
{
	const char *addr = "127.0.0.1:8080";

	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-addr") == 0 || strcmp(argv[i], "--addr") == 0) && i + 1 < argc)
			addr = argv[++i];
		else if (strncmp(argv[i], "-addr=", 6) == 0)
			addr = argv[i] + 6;
		else {
			fprintf(stderr, "usage: httpd [-addr host:port]\n");
			return 2;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	return go_main(mainGoroutine, (void *)addr);
}

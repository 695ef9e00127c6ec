// An echo server written the way Go writes one: a goroutine per
// connection, a 16 KiB buffer, a Read/Write loop.
//
//	echo_server [-addr 127.0.0.1:PORT]
//
// Prints "listening on HOST:PORT", serves until SIGINT or SIGTERM, then
// closes the listener and exits 0 (connections still open end with the
// process, as in Go when main returns).
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/conn.h"
#include "net/dial.h"
#include "os_signal/signal.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"

// Go: func handle(c net.Conn) { defer c.Close(); buf := make([]byte, 16<<10); for { ... } }
static void
handle(void *arg)
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
		if (err != NULL) // io.EOF when the client is done
			break;
	}
	go_error_release(err);
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
}

static runtime_hchan *stopped; // closed once the listener is closed

// Closes the listener on SIGINT or SIGTERM, which ends the Accept loop.
static void
stopOnSignal(void *arg)
{
	net_Listener *ln = arg;
	runtime_hchan *sigc = runtime_makechan(sizeof(int), 1);
	int sig;

	os_signal_Notify(sigc, (int[]){SIGINT, SIGTERM}, 2);
	runtime_chanrecv1(sigc, &sig);
	os_signal_Stop(sigc);
	runtime_chanfree(sigc);
	go_error_release(net_Listener_Close(ln));
	runtime_closechan(stopped);
}

static int
serve(void *arg)
{
	const char *addr = arg;
	net_Listener *ln;
	net_Conn *c;
	go_error *err;
	char *name;

	if ((err = net_Listen("tcp", addr, &ln)) != NULL) {
		fprintf(stderr, "echo_server: %s\n", go_error_Error(err));
		go_error_release(err);
		return 1;
	}
	name = net_Addr_String(net_Listener_Addr(ln));
	printf("listening on %s\n", name);
	fflush(stdout);
	free(name);
	stopped = runtime_makechan(0, 0);
	go(stopOnSignal, ln);
	for (;;) {
		if ((err = net_Listener_Accept(ln, &c)) != NULL)
			break; // the listener was closed
		go(handle, c);
	}
	go_error_release(err);
	// C: Go's GC frees the listener; here it waits until Close returned.
	runtime_chanrecv1(stopped, NULL);
	net_Listener_Free(ln);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *addr = "127.0.0.1:8080";

	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-addr") == 0 || strcmp(argv[i], "--addr") == 0) &&
		    i + 1 < argc)
			addr = argv[++i];
		else if (strncmp(argv[i], "-addr=", 6) == 0)
			addr = argv[i] + 6;
		else {
			fprintf(stderr, "usage: echo_server [-addr host:port]\n");
			return 2;
		}
	}
	return go_main(serve, (void *)addr);
}

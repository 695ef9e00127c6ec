// Test helpers of go1.19 src/net that the dial, timeout, listen, tcpsock,
// protoconn and error tests share beyond tests/net/mockserver.h:
// mockserver_test.go's dualStackServer and newDualStack(Packet)Listener,
// lookup_test.go's lookupLocalhost,
// io.ReadFull on a Conn, close-and-free shorthands, and a loopback "black
// hole" (a listener whose accept queue is full, so that further connects
// stay pending) replacing Go's 198.18.0.254.
//
// Header-only (static functions): each test file compiles what it uses.
#ifndef GONET_TESTS_NET_LOCALHELPERS_H
#define GONET_TESTS_NET_LOCALHELPERS_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "errors/errors.h"
#include "errortest.h"
#include "mockserver.h"
#include "hooks/hooks.h"
#include "io/io.h"
#include "net/conn.h"
#include "net/dial.h"
#include "net/ipsock.h"
#include "net/tcpsock.h"
#include "net/udpsock.h"
#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "time/time.h"
#include "syscall/syscall.h"

#define TESTHELPER static __attribute__((unused))

// Go: lookup_test.go lookupLocalhost, a testHookLookupIP that answers
// "localhost" with 127.0.0.1 and ::1 and passes other names on.
TESTHELPER go_error *
lookupLocalhost(context_Context *ctx, net_lookupIPFunc fn, const char *network, const char *host,
		net_IPAddr **addrs, size_t *n)
{
	if (strcmp(host, "localhost") == 0) {
		net_IPAddr *a = calloc(2, sizeof(*a));

		a[0] = NET_IPADDR(.IP = net_IPv4(127, 0, 0, 1));
		a[1] = NET_IPADDR(.IP = net_IPv6loopback);
		*addrs = a;
		*n = 2;
		return NULL;
	}
	return fn.fn(fn.env, ctx, network, host, addrs, n);
}

// Go: io.ReadFull(r, buf) on a Conn.
TESTHELPER go_error *
ioReadFull(net_Conn *c, uint8_t *buf, size_t len, size_t *got)
{
	size_t n = 0;
	go_error *err = NULL;

	while (n < len && err == NULL) {
		ssize_t nn = 0;

		err = net_Conn_Read(c, buf + n, len - n, &nn);
		n += (size_t)nn;
	}
	if (n >= len) {
		go_error_release(err);
		err = NULL;
	} else if (n > 0 && err == io_EOF) {
		err = io_ErrUnexpectedEOF;
	}
	*got = n;
	return err;
}

// Closes (ignoring the error, as Go's `defer c.Close()`) and frees.
TESTHELPER void
closeConn(net_Conn *c)
{
	if (c == NULL)
		return;
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
}

TESTHELPER void
closeListener(net_Listener *ln)
{
	if (ln == NULL)
		return;
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);
}

// C: waits (a few seconds at most, scaled under valgrind) until the test
// body is the only goroutine left, and reports whether it is. Go's net
// tests check for leaked goroutines after the run (main_test.go); here it
// also matters for memory: a goroutine still on its way out when go_main
// returns is abandoned with what it holds (its sudog, its closure's state).
TESTHELPER bool
waitGoroutines(void)
{
	for (int i = 0; i < 5000 * testTimeScale(); i++) {
		if (runtime_NumGoroutine() <= 1)
			return true;
		time_Sleep(time_Millisecond);
	}
	return runtime_NumGoroutine() <= 1;
}

// C: the accept loop most of Go's handlers are: accept and close until
// Accept fails.
TESTHELPER void
acceptClose(net_Listener *ln)
{
	for (;;) {
		net_Conn *c;
		go_error *err = net_Listener_Accept(ln, &c);

		if (err != NULL) {
			go_error_release(err);
			return;
		}
		closeConn(c);
	}
}

// Go: mockserver_test.go streamListener and dualStackServer.
typedef struct streamListener {
	const char *network;
	char address[64];
	net_Listener *Listener;
	runtime_hchan *done; // chan bool, closed when the handler returns
} streamListener;

typedef struct dualStackServer dualStackServer;
typedef void (*dualStackHandler)(dualStackServer *dss, net_Listener *ln);

struct dualStackServer {
	sync_Mutex lnmu; // C: Go's RWMutex is only ever write-locked
	streamListener lns[2];
	size_t nlns;
	char port[8];
	dualStackHandler handler;
	struct dssArg {
		dualStackServer *dss;
		size_t i;
	} args[2];
};

// Go: mockserver_test.go newDualStackListener: a tcp4 and a tcp6 listener
// on the same port.
TESTHELPER go_error *
newDualStackListener(net_TCPListener *lns[2])
{
	for (int i = 0; i < 64; i++) {
		int port = 0;
		size_t n = 0;

		for (int j = 0; j < 2; j++) {
			net_TCPAddr a =
				j == 0 ? NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = port)
				       : NET_TCPADDR(.IP = net_IPv6loopback, .Port = port);
			go_error *err = net_ListenTCP(j == 0 ? "tcp4" : "tcp6", &a, &lns[n]);

			if (err != NULL) {
				go_error_release(err);
				continue;
			}
			port = ((const net_TCPAddr *)net_TCPListener_Addr(lns[n]))->Port;
			n++;
		}
		if (n != 2) {
			for (size_t j = 0; j < n; j++) {
				go_error_release(net_TCPListener_Close(lns[j]));
				net_TCPListener_Free(lns[j]);
			}
			continue;
		}
		return NULL;
	}
	return errors_New("no dualstack port available");
}

// Go: mockserver_test.go newDualStackPacketListener: a udp4 and a udp6
// UDPConn on the same port.
TESTHELPER go_error *
newDualStackPacketListener(net_UDPConn *cs[2])
{
	for (int i = 0; i < 64; i++) {
		int port = 0;
		size_t n = 0;

		for (int j = 0; j < 2; j++) {
			net_UDPAddr a =
				j == 0 ? NET_UDPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = port)
				       : NET_UDPADDR(.IP = net_IPv6loopback, .Port = port);
			go_error *err = net_ListenUDP(j == 0 ? "udp4" : "udp6", &a, &cs[n]);

			if (err != NULL) {
				go_error_release(err);
				continue;
			}
			port = ((const net_UDPAddr *)net_UDPConn_LocalAddr(cs[n]))->Port;
			n++;
		}
		if (n != 2) {
			for (size_t j = 0; j < n; j++) {
				go_error_release(net_UDPConn_Close(cs[j]));
				net_UDPConn_Free(cs[j]);
			}
			continue;
		}
		return NULL;
	}
	return errors_New("no dualstack port available");
}

/* Go: net/mockserver_test.go newDualStackServer */
TESTHELPER go_error *
newDualStackServer(dualStackServer **out)
{
	net_TCPListener *lns[2];
	go_error *err;
	dualStackServer *dss;

	*out = NULL;
	if ((err = newDualStackListener(lns)) != NULL)
		return err;
	dss = calloc(1, sizeof(*dss));
	for (int i = 0; i < 2; i++) {
		char *s = net_Addr_String(net_TCPListener_Addr(lns[i]));

		dss->lns[i].network = i == 0 ? "tcp4" : "tcp6";
		snprintf(dss->lns[i].address, sizeof(dss->lns[i].address), "%s", s);
		free(s);
		dss->lns[i].Listener = net_TCPListener_Listener(lns[i]);
		dss->lns[i].done = runtime_makechan(sizeof(bool), 0);
	}
	dss->nlns = 2;
	snprintf(dss->port, sizeof(dss->port), "%d",
		 ((const net_TCPAddr *)net_TCPListener_Addr(lns[0]))->Port);
	*out = dss;
	return NULL;
}

TESTHELPER void
dualStackServer_run(void *arg)
{
	struct dssArg *a = arg;

	a->dss->handler(a->dss, a->dss->lns[a->i].Listener);
	runtime_closechan(a->dss->lns[a->i].done);
}

/* Go: net/mockserver_test.go (*dualStackServer).buildup */
TESTHELPER void
dualStackServer_buildup(dualStackServer *dss, dualStackHandler handler)
{
	dss->handler = handler;
	for (size_t i = 0; i < dss->nlns; i++) {
		dss->args[i] = (struct dssArg){dss, i};
		go(dualStackServer_run, &dss->args[i]);
	}
}

/* Go: net/mockserver_test.go (*dualStackServer).teardownNetwork */
TESTHELPER void
dualStackServer_teardownNetwork(dualStackServer *dss, const char *network)
{
	sync_Mutex_Lock(&dss->lnmu);
	for (size_t i = 0; i < dss->nlns; i++) {
		if (strcmp(network, dss->lns[i].network) == 0 && dss->lns[i].Listener != NULL) {
			go_error_release(net_Listener_Close(dss->lns[i].Listener));
			runtime_chanrecv1(dss->lns[i].done, NULL);
			net_Listener_Free(dss->lns[i].Listener);
			dss->lns[i].Listener = NULL;
		}
	}
	sync_Mutex_Unlock(&dss->lnmu);
}

/* Go: net/mockserver_test.go (*dualStackServer).teardown */
// C: also frees dss. A server never built up has handler NULL: its
// listeners are closed without waiting for handlers.
TESTHELPER void
dualStackServer_teardown(dualStackServer *dss)
{
	sync_Mutex_Lock(&dss->lnmu);
	for (size_t i = 0; i < dss->nlns; i++) {
		if (dss->lns[i].Listener != NULL) {
			go_error_release(net_Listener_Close(dss->lns[i].Listener));
			if (dss->handler != NULL)
				runtime_chanrecv1(dss->lns[i].done, NULL);
			net_Listener_Free(dss->lns[i].Listener);
		}
		runtime_chanfree(dss->lns[i].done);
	}
	dss->nlns = 0;
	sync_Mutex_Unlock(&dss->lnmu);
	free(dss);
}

// C: acceptClose as a dualStackServer handler.
TESTHELPER void
dualStackAcceptClose(dualStackServer *dss, net_Listener *ln)
{
	(void)dss;
	acceptClose(ln);
}

// C: Go's tests dial 198.18.0.254 (RFC 6890 benchmarking space, black-holed)
// to get a connect that never completes. On loopback the same happens to a
// listener whose accept queue is full: Linux drops further SYNs, and the
// client keeps retrying until its deadline. The listener is made with
// backlog 0 (room for one connection) and filled by one connect.
typedef struct blackhole {
	int ln;     // listening socket, backlog 0
	int filler; // the connection that fills the queue
	char addr[64];
	int port;
} blackhole;

TESTHELPER bool
newBlackhole(blackhole *bh)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(sa);

	bh->ln = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bh->filler = -1;
	if (bh->ln < 0)
		return false;
	if (bind(bh->ln, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(bh->ln, 0) != 0 ||
	    getsockname(bh->ln, (struct sockaddr *)&sa, &len) != 0)
		goto fail;
	bh->filler = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (bh->filler < 0 || connect(bh->filler, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		goto fail;
	bh->port = ntohs(sa.sin_port);
	snprintf(bh->addr, sizeof(bh->addr), "127.0.0.1:%d", bh->port);
	return true;
fail:
	if (bh->filler >= 0)
		close(bh->filler);
	close(bh->ln);
	return false;
}

TESTHELPER void
blackhole_close(blackhole *bh)
{
	close(bh->filler);
	close(bh->ln);
}

#endif

// C port of go1.19 src/net/mockserver_test.go's TCP helpers: see
// mockserver.h.
#include "mockserver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>

#include "testmain.h"

#include "context/context.h"
#include "net/lookup.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "socktest_install.h"

/* Go: net/platform_test.go testableNetwork (the TCP networks) */
bool
testableNetwork(const char *network)
{
	if (strcmp(network, "tcp") == 0)
		return true;
	if (strcmp(network, "tcp4") == 0)
		return net_supportsIPv4();
	if (strcmp(network, "tcp6") == 0)
		return net_supportsIPv6();
	return false;
}

/* Go: net/platform_test.go testableListenArgs */
bool
testableListenArgs(const char *network, const char *address, const char *client)
{
	net_TCPAddr addr;
	net_IP ip, cip;
	bool wildcard;
	go_error *err;

	if (!testableNetwork(network))
		return false;
	if ((err = net_ResolveTCPAddr("tcp", address, &addr)) != NULL) {
		go_error_release(err);
		return false;
	}
	ip = addr.IP;
	wildcard = net_TCPAddr_isWildcard(&addr);
	// Go: wildcard && !testenv.HasExternalNetwork()
	if (wildcard)
		return false;
	if (!net_supportsIPv4() && net_IP_To4(ip).len != 0)
		return false;
	if (!net_supportsIPv6() && net_IP_To16(ip).len != 0 && net_IP_To4(ip).len == 0)
		return false;
	cip = net_ParseIP(client);
	if (cip.len != 0) {
		if (!net_supportsIPv4() && net_IP_To4(cip).len != 0)
			return false;
		if (!net_supportsIPv6() && net_IP_To16(cip).len != 0 && net_IP_To4(cip).len == 0)
			return false;
	}
	return true;
}

static int socketsAtStart;

int
netTestSetup(void **state)
{
	(void)state;
	socketsAtStart = testOpenSockets();
	installTestHooks();
	return 0;
}

int
netTestTeardown(void **state)
{
	size_t left = socktest_Switch_numSockets(&sw);
	int open;

	(void)state;
	forceCloseSockets();
	uninstallTestHooks();
	socktest_Switch_destroy(&sw);
	open = testOpenSockets();
	if (left != 0)
		fail_msg("%zu sockets leaked (socktest)", left);
	if (open != socketsAtStart)
		fail_msg("%d sockets open at the end, %d at the start", open, socketsAtStart);
	return 0;
}

static net_Listener *
listenOrFail(net_ListenConfig *lc, const char *net, const char *addr)
{
	net_Listener *ln;
	go_error *err = net_ListenConfig_Listen(lc, context_Background(), net, addr, &ln);

	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	return ln;
}

/* Go: net/mockserver_test.go newLocalListener */
net_Listener *
newLocalListener(const char *network, net_ListenConfig *lc)
{
	net_ListenConfig zero = {0};
	net_Listener *ln;
	go_error *err;

	if (lc == NULL)
		lc = &zero;
	if (strcmp(network, "tcp") == 0) {
		if (net_supportsIPv4()) {
			if (!net_supportsIPv6())
				return listenOrFail(lc, "tcp4", "127.0.0.1:0");
			if ((err = net_Listen("tcp4", "127.0.0.1:0", &ln)) == NULL)
				return ln;
			go_error_release(err);
		}
		if (net_supportsIPv6())
			return listenOrFail(lc, "tcp6", "[::1]:0");
	} else if (strcmp(network, "tcp4") == 0) {
		if (net_supportsIPv4())
			return listenOrFail(lc, "tcp4", "127.0.0.1:0");
	} else if (strcmp(network, "tcp6") == 0) {
		if (net_supportsIPv6())
			return listenOrFail(lc, "tcp6", "[::1]:0");
	}
	fail_msg("%s is not supported", network);
	return NULL;
}

/* Go: net/mockserver_test.go newLocalServer */
localServer *
newLocalServer(const char *network)
{
	localServer *ls = runtime_newobject(sizeof(*ls));

	ls->Listener = newLocalListener(network, NULL);
	ls->ownsListener = true;
	ls->done = runtime_makechan(sizeof(bool), 0);
	return ls;
}

/* Go: net/mockserver_test.go (*streamListener).newLocalServer */
localServer *
streamListener_newLocalServer(net_Listener *ln)
{
	localServer *ls = runtime_newobject(sizeof(*ls));

	ls->Listener = ln;
	ls->done = runtime_makechan(sizeof(bool), 0);
	return ls;
}

typedef struct buildupArgs {
	localServer *ls;
	void (*handler)(localServer *ls, net_Listener *ln, void *env);
	void *env;
} buildupArgs;

static void
runHandler(void *arg)
{
	buildupArgs a = *(buildupArgs *)arg;

	free(arg);
	a.handler(a.ls, a.ls->Listener, a.env);
	runtime_closechan(a.ls->done);
}

/* Go: net/mockserver_test.go (*localServer).buildup */
go_error *
localServer_buildup(localServer *ls, void (*handler)(localServer *ls, net_Listener *ln, void *env),
		    void *env)
{
	buildupArgs *a = runtime_newobject(sizeof(*a));

	a->ls = ls;
	a->handler = handler;
	a->env = env;
	go(runHandler, a);
	return NULL;
}

/* Go: net/mockserver_test.go (*localServer).teardown */
go_error *
localServer_teardown(localServer *ls)
{
	go_error *err = NULL;

	sync_RWMutex_Lock(&ls->lnmu);
	if (ls->Listener != NULL) {
		go_error_release(net_Listener_Close(ls->Listener));
		sync_Mutex_Lock(&ls->clmu);
		for (size_t i = 0; i < ls->ncl && err == NULL; i++)
			err = net_Conn_Close(ls->cl[i]);
		sync_Mutex_Unlock(&ls->clmu);
		runtime_chanrecv1(ls->done, NULL);
		// C: what the GC does: the handler is done, free everything.
		for (size_t i = 0; i < ls->ncl; i++) {
			go_error_release(net_Conn_Close(ls->cl[i]));
			net_Conn_Free(ls->cl[i]);
		}
		free(ls->cl);
		ls->cl = NULL;
		ls->ncl = 0;
		if (ls->ownsListener)
			net_Listener_Free(ls->Listener);
		ls->Listener = NULL;
	}
	sync_RWMutex_Unlock(&ls->lnmu);
	return err;
}

void
localServer_free(localServer *ls)
{
	if (ls == NULL)
		return;
	go_error_release(localServer_teardown(ls));
	runtime_chanfree(ls->done);
	free(ls);
}

static void
sendErr(runtime_hchan *ch, go_error *err)
{
	runtime_chansend1(ch, &err);
}

/* Go: net/mockserver_test.go (*localServer).transponder */
void
localServer_transponder(localServer *ls, net_Listener *ln, runtime_hchan *ch)
{
	net_TCPListener *tl;
	net_Conn *c;
	const char *network;
	uint8_t b[256];
	ssize_t n, nw;
	go_error *err;

	if ((tl = net_Listener_TCPListener(ln)) != NULL)
		go_error_release(
			net_TCPListener_SetDeadline(tl, time_Time_Add(time_Now(), someTimeout)));
	if ((err = net_Listener_Accept(ln, &c)) != NULL) {
		sendErr(ch, err);
		goto out;
	}
	sync_Mutex_Lock(&ls->clmu);
	ls->cl = realloc(ls->cl, (ls->ncl + 1) * sizeof(*ls->cl));
	if (ls->cl == NULL)
		runtime_throw("out of memory");
	ls->cl[ls->ncl++] = c;
	sync_Mutex_Unlock(&ls->clmu);

	network = net_Addr_Network(net_Listener_Addr(ln));
	if (strcmp(net_Addr_Network(net_Conn_LocalAddr(c)), network) != 0 ||
	    strcmp(net_Addr_Network(net_Conn_RemoteAddr(c)), network) != 0) {
		sendErr(ch,
			errors_Newf("got %s->%s; expected %s->%s",
				    net_Addr_Network(net_Conn_LocalAddr(c)),
				    net_Addr_Network(net_Conn_RemoteAddr(c)), network, network));
		goto out;
	}
	go_error_release(net_Conn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_Conn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_Conn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));

	if ((err = net_Conn_Read(c, b, sizeof(b), &n)) != NULL) {
		sendErr(ch, err);
		goto out;
	}
	if ((err = net_Conn_Write(c, b, (size_t)n, &nw)) != NULL) {
		sendErr(ch, err);
		goto out;
	}
out:
	runtime_closechan(ch); // C: defer close(ch)
}

/* Go: net/mockserver_test.go transceiver */
void
transceiver(net_Conn *c, const uint8_t *wb, size_t len, runtime_hchan *ch)
{
	uint8_t *rb;
	ssize_t n;
	go_error *err;

	go_error_release(net_Conn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_Conn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_Conn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));

	if ((err = net_Conn_Write(c, wb, len, &n)) != NULL) {
		sendErr(ch, err);
		goto out;
	}
	if ((size_t)n != len)
		sendErr(ch, errors_Newf("wrote %zd; want %zu", n, len));
	rb = runtime_newobject(len > 0 ? len : 1);
	err = net_Conn_Read(c, rb, len, &n);
	free(rb);
	if (err != NULL) {
		sendErr(ch, err);
		goto out;
	}
	if ((size_t)n != len)
		sendErr(ch, errors_Newf("read %zd; want %zu", n, len));
out:
	runtime_closechan(ch); // C: defer close(ch)
}

typedef struct pairArgs {
	net_Listener *ln;
	go_error *(*peer)(net_TCPConn *c, void *env);
	void *env;
	runtime_hchan *errc;
} pairArgs;

static void
pairAccept(void *arg)
{
	pairArgs *a = arg;
	net_Conn *c1;
	go_error *err;

	if ((err = net_Listener_Accept(a->ln, &c1)) != NULL) {
		sendErr(a->errc, err);
		return;
	}
	err = a->peer(net_Conn_TCPConn(c1), a->env);
	go_error_release(net_Conn_Close(c1)); // C: defer c1.Close()
	net_Conn_Free(c1);
	sendErr(a->errc, err);
}

static void
pairDial(void *arg)
{
	pairArgs *a = arg;
	net_Conn *c2;
	char *addr = net_Addr_String(net_Listener_Addr(a->ln));
	go_error *err;

	err = net_Dial("tcp", addr, &c2);
	free(addr);
	if (err != NULL) {
		sendErr(a->errc, err);
		return;
	}
	err = a->peer(net_Conn_TCPConn(c2), a->env);
	go_error_release(net_Conn_Close(c2)); // C: defer c2.Close()
	net_Conn_Free(c2);
	sendErr(a->errc, err);
}

/* Go: net/net_test.go withTCPConnPair */
void
withTCPConnPair(go_error *(*peer1)(net_TCPConn *c, void *env),
		go_error *(*peer2)(net_TCPConn *c, void *env), void *env)
{
	net_Listener *ln = newLocalListener("tcp", NULL);
	runtime_hchan *errc = runtime_makechan(sizeof(go_error *), 2);
	pairArgs a1 = {ln, peer1, env, errc}, a2 = {ln, peer2, env, errc};
	go_error *errs[2];

	go(pairAccept, &a1);
	go(pairDial, &a2);
	// C: both results are collected before failing, so that no goroutine
	// is left using ln or errc.
	for (int i = 0; i < 2; i++)
		runtime_chanrecv1(errc, &errs[i]);
	go_error_release(net_Listener_Close(ln)); // C: defer ln.Close()
	net_Listener_Free(ln);
	runtime_chanfree(errc);
	for (int i = 0; i < 2; i++) {
		if (errs[i] != NULL) {
			char msg[512];

			snprintf(msg, sizeof(msg), "%s", go_error_Error(errs[i]));
			go_error_release(errs[0]);
			go_error_release(errs[1]);
			fail_msg("%s", msg);
		}
	}
}

typedef struct ctrlEnv {
	int level, opt;
	go_error *operr;
} ctrlEnv;

static void
setOpt(void *env, uintptr_t s)
{
	ctrlEnv *e = env;

	e->operr = syscall_SetsockoptInt((int)s, e->level, e->opt, 1);
}

/* Go: net/rawconn_unix_test.go controlOnConnSetup */
go_error *
controlOnConnSetup(void *env, const char *network, const char *address, syscall_RawConn *c)
{
	ctrlEnv e = {0, 0, NULL};
	size_t n = strlen(network);
	go_error *err;

	(void)env;
	(void)address;
	if (strcmp(network, "tcp") == 0 || strcmp(network, "udp") == 0 ||
	    strcmp(network, "ip") == 0)
		return errors_Newf("ambiguous network: %s", network);
	switch (n > 0 ? network[n - 1] : '\0') {
	case '4':
		e.level = IPPROTO_IP;
		e.opt = IP_TTL;
		break;
	case '6':
		e.level = IPPROTO_IPV6;
		e.opt = IPV6_UNICAST_HOPS;
		break;
	default:
		return errors_Newf("unknown network: %s", network);
	}
	if ((err = syscall_RawConn_Control(c, setOpt, &e)) != NULL)
		return err;
	return e.operr;
}

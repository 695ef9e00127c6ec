// C port of go1.19 src/net/mockserver_test.go's TCP, UDP and Unix socket
// helpers (and platform_test.go's testable* predicates): see mockserver.h.
#include "mockserver.h"

#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>

#include "testmain.h"

#include "context/context.h"
#include "net/lookup.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "socktest_install.h"

// C: Go's net, _, _ := strings.Cut(network, ":") then net == name.
static bool
netIs(const char *network, const char *name)
{
	size_t n = strcspn(network, ":");

	return strlen(name) == n && strncmp(network, name, n) == 0;
}

/* Go: net/platform_test.go testableNetwork (the TCP, UDP and Unix networks) */
// C: gonet runs on Linux only, where Go tests all three Unix networks.
bool
testableNetwork(const char *network)
{
	if (netIs(network, "tcp") || netIs(network, "udp") || netIs(network, "unix") ||
	    netIs(network, "unixgram") || netIs(network, "unixpacket"))
		return true;
	if (netIs(network, "tcp4") || netIs(network, "udp4"))
		return net_supportsIPv4();
	if (netIs(network, "tcp6") || netIs(network, "udp6"))
		return net_supportsIPv6();
	return false;
}

/* Go: net/platform_test.go testableAddress */
// C: Go refuses abstract names ("@...") on all but Linux; gonet is Linux
// only, so every address is testable.
bool
testableAddress(const char *network, const char *address)
{
	(void)network;
	(void)address;
	return true;
}

/* Go: net/platform_test.go testableListenArgs */
bool
testableListenArgs(const char *network, const char *address, const char *client)
{
	net_TCPAddr addr;
	net_UDPAddr uaddr;
	net_IP ip, cip;
	bool wildcard;
	go_error *err;

	if (!testableNetwork(network) || !testableAddress(network, address))
		return false;
	// C: Go resolves the TCP, UDP and IP networks; others (unix ...) are
	// testable as they are (gonet has no IP networks).
	if (netIs(network, "tcp") || netIs(network, "tcp4") || netIs(network, "tcp6")) {
		if ((err = net_ResolveTCPAddr("tcp", address, &addr)) != NULL) {
			go_error_release(err);
			return false;
		}
		ip = addr.IP;
		wildcard = net_TCPAddr_isWildcard(&addr);
	} else if (netIs(network, "udp") || netIs(network, "udp4") || netIs(network, "udp6")) {
		if ((err = net_ResolveUDPAddr("udp", address, &uaddr)) != NULL) {
			go_error_release(err);
			return false;
		}
		ip = uaddr.IP;
		wildcard = net_UDPAddr_isWildcard(&uaddr);
	} else {
		return true;
	}
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

// C: the names testUnixAddr gave out and their directories, for
// testUnixAddrCleanup (Go: one t.Cleanup each). Guarded by unixAddrMu.
typedef struct unixAddrDir {
	struct unixAddrDir *next;
	char *dir;  // os.MkdirTemp's result
	char *name; // dir + "/sock", what testUnixAddr returned
} unixAddrDir;

static pthread_mutex_t unixAddrMu = PTHREAD_MUTEX_INITIALIZER;
static unixAddrDir *unixAddrDirs;

/* Go: net/mockserver_test.go testUnixAddr */
const char *
testUnixAddr(void)
{
	const char *tmp = getenv("TMPDIR");
	unixAddrDir *d;
	char *dir;

	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp"; // Go: os.TempDir()
	// Go: os.MkdirTemp("", ""), a short random name.
	if (asprintf(&dir, "%s/XXXXXX", tmp) < 0)
		runtime_throw("out of memory");
	if (mkdtemp(dir) == NULL) {
		free(dir);
		fail_msg("mkdtemp in %s failed", tmp);
	}
	d = runtime_newobject(sizeof(*d));
	d->dir = dir;
	if (asprintf(&d->name, "%s/sock", dir) < 0) // Go: filepath.Join(d, "sock")
		runtime_throw("out of memory");
	pthread_mutex_lock(&unixAddrMu);
	d->next = unixAddrDirs;
	unixAddrDirs = d;
	pthread_mutex_unlock(&unixAddrMu);
	return d->name;
}

static int
removeEntry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path) != 0 ? -1 : 0;
}

/* Go: the t.Cleanup of net/mockserver_test.go testUnixAddr */
// os.RemoveAll of every directory testUnixAddr made, then the names go.
void
testUnixAddrCleanup(void)
{
	unixAddrDir *d, *next;
	int failed = 0;

	pthread_mutex_lock(&unixAddrMu);
	d = unixAddrDirs;
	unixAddrDirs = NULL;
	pthread_mutex_unlock(&unixAddrMu);
	for (; d != NULL; d = next) {
		next = d->next;
		// Go: os.RemoveAll (depth first, not following links)
		if (nftw(d->dir, removeEntry, 8, FTW_DEPTH | FTW_PHYS) != 0 &&
		    access(d->dir, F_OK) == 0)
			failed++;
		free(d->dir);
		free(d->name);
		free(d);
	}
	if (failed != 0)
		fail_msg("%d temporary directories could not be removed", failed); // Go: t.Error
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
	testUnixAddrCleanup();
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
	} else if (strcmp(network, "unix") == 0 || strcmp(network, "unixpacket") == 0) {
		return listenOrFail(lc, network, testUnixAddr());
	}
	fail_msg("%s is not supported", network);
	return NULL;
}

static net_PacketConn *
listenPacketOrFail(net_ListenConfig *lc, const char *net, const char *addr)
{
	net_PacketConn *c;
	go_error *err = net_ListenConfig_ListenPacket(lc, context_Background(), net, addr, &c);

	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	return c;
}

/* Go: net/mockserver_test.go newLocalPacketListener */
net_PacketConn *
newLocalPacketListener(const char *network, net_ListenConfig *lc)
{
	net_ListenConfig zero = {0};

	if (lc == NULL)
		lc = &zero;
	if (strcmp(network, "udp") == 0) {
		if (net_supportsIPv4())
			return listenPacketOrFail(lc, "udp4", "127.0.0.1:0");
		if (net_supportsIPv6())
			return listenPacketOrFail(lc, "udp6", "[::1]:0");
	} else if (strcmp(network, "udp4") == 0) {
		if (net_supportsIPv4())
			return listenPacketOrFail(lc, "udp4", "127.0.0.1:0");
	} else if (strcmp(network, "udp6") == 0) {
		if (net_supportsIPv6())
			return listenPacketOrFail(lc, "udp6", "[::1]:0");
	} else if (strcmp(network, "unixgram") == 0) {
		return listenPacketOrFail(lc, network, testUnixAddr());
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
		const net_Addr *la = net_Listener_Addr(ls->Listener);
		const char *network = net_Addr_Network(la);
		// C: decided now; la, and what it points to, go with the listener.
		bool unixSocket =
			strcmp(network, "unix") == 0 || strcmp(network, "unixpacket") == 0;
		char *address = net_Addr_String(la);

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
		if (unixSocket)
			unlink(address); // Go: os.Remove(address)
		free(address);
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
	net_UnixListener *ul;
	net_Conn *c;
	const char *network;
	uint8_t b[256];
	ssize_t n, nw;
	go_error *err;

	if ((tl = net_Listener_TCPListener(ln)) != NULL)
		go_error_release(
			net_TCPListener_SetDeadline(tl, time_Time_Add(time_Now(), someTimeout)));
	else if ((ul = net_Listener_UnixListener(ln)) != NULL)
		go_error_release(
			net_UnixListener_SetDeadline(ul, time_Time_Add(time_Now(), someTimeout)));
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

/* Go: net/mockserver_test.go newLocalPacketServer */
localPacketServer *
newLocalPacketServer(const char *network)
{
	localPacketServer *ls = runtime_newobject(sizeof(*ls));

	ls->PacketConn = newLocalPacketListener(network, NULL);
	ls->ownsPacketConn = true;
	ls->done = runtime_makechan(sizeof(bool), 0);
	return ls;
}

/* Go: net/mockserver_test.go (*packetListener).newLocalServer */
localPacketServer *
packetListener_newLocalServer(net_PacketConn *c)
{
	localPacketServer *ls = runtime_newobject(sizeof(*ls));

	ls->PacketConn = c;
	ls->done = runtime_makechan(sizeof(bool), 0);
	return ls;
}

typedef struct packetBuildupArgs {
	localPacketServer *ls;
	void (*handler)(localPacketServer *ls, net_PacketConn *c, void *env);
	void *env;
} packetBuildupArgs;

static void
runPacketHandler(void *arg)
{
	packetBuildupArgs a = *(packetBuildupArgs *)arg;

	free(arg);
	a.handler(a.ls, a.ls->PacketConn, a.env);
	runtime_closechan(a.ls->done);
}

/* Go: net/mockserver_test.go (*localPacketServer).buildup */
go_error *
localPacketServer_buildup(localPacketServer *ls,
			  void (*handler)(localPacketServer *ls, net_PacketConn *c, void *env),
			  void *env)
{
	packetBuildupArgs *a = runtime_newobject(sizeof(*a));

	a->ls = ls;
	a->handler = handler;
	a->env = env;
	go(runPacketHandler, a);
	return NULL;
}

/* Go: net/mockserver_test.go (*localPacketServer).teardown */
go_error *
localPacketServer_teardown(localPacketServer *ls)
{
	sync_RWMutex_Lock(&ls->pcmu);
	if (ls->PacketConn != NULL) {
		const net_Addr *la = net_PacketConn_LocalAddr(ls->PacketConn);
		// C: decided now; la goes with the PacketConn.
		bool unixgram = strcmp(net_Addr_Network(la), "unixgram") == 0;
		char *address = net_Addr_String(la);

		go_error_release(net_PacketConn_Close(ls->PacketConn));
		runtime_chanrecv1(ls->done, NULL);
		if (ls->ownsPacketConn)
			net_PacketConn_Free(ls->PacketConn);
		ls->PacketConn = NULL;
		if (unixgram)
			unlink(address); // Go: os.Remove(address)
		free(address);
	}
	sync_RWMutex_Unlock(&ls->pcmu);
	return NULL;
}

void
localPacketServer_free(localPacketServer *ls)
{
	if (ls == NULL)
		return;
	go_error_release(localPacketServer_teardown(ls));
	runtime_chanfree(ls->done);
	free(ls);
}

/* Go: net/mockserver_test.go packetTransponder */
void
packetTransponder(net_PacketConn *c, runtime_hchan *ch)
{
	uint8_t b[256];
	net_Addr *peer = NULL;
	net_UnixAddr ua;
	net_UDPAddr uda;
	const net_Addr *to;
	char name[sizeof(b) + 1];
	ssize_t n, nw;
	go_error *err;

	go_error_release(net_PacketConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_PacketConn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(
		net_PacketConn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));

	if ((err = net_PacketConn_ReadFrom(c, b, sizeof(b), &n, &peer)) != NULL) {
		sendErr(ch, err);
		goto out;
	}
	to = peer;
	if (peer == NULL) { // for connected-mode sockets
		// C: ua borrows name.
		const char *network = net_Addr_Network(net_PacketConn_LocalAddr(c));

		memcpy(name, b, (size_t)n);
		name[n] = '\0';
		if (strcmp(network, "udp") == 0) {
			if ((err = net_ResolveUDPAddr("udp", name, &uda)) != NULL) {
				sendErr(ch, err);
				goto out;
			}
			to = &uda.addr;
		} else if (strcmp(network, "unixgram") == 0) {
			if ((err = net_ResolveUnixAddr("unixgram", name, &ua)) != NULL) {
				sendErr(ch, err);
				goto out;
			}
			to = &ua.addr;
		}
	}
	if ((err = net_PacketConn_WriteTo(c, b, (size_t)n, to, &nw)) != NULL)
		sendErr(ch, err);
out:
	net_Addr_free(peer);
	runtime_closechan(ch); // C: defer close(ch)
}

/* Go: net/mockserver_test.go packetTransceiver */
void
packetTransceiver(net_PacketConn *c, const uint8_t *wb, size_t len, const net_Addr *dst,
		  runtime_hchan *ch)
{
	net_Addr *from = NULL;
	uint8_t *rb;
	ssize_t n;
	go_error *err;

	go_error_release(net_PacketConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(net_PacketConn_SetReadDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	go_error_release(
		net_PacketConn_SetWriteDeadline(c, time_Time_Add(time_Now(), someTimeout)));

	if ((err = net_PacketConn_WriteTo(c, wb, len, dst, &n)) != NULL) {
		sendErr(ch, err);
		goto out;
	}
	if ((size_t)n != len)
		sendErr(ch, errors_Newf("wrote %zd; want %zu", n, len));
	rb = runtime_newobject(len > 0 ? len : 1);
	err = net_PacketConn_ReadFrom(c, rb, len, &n, &from);
	free(rb);
	net_Addr_free(from); // Go: n, _, err = c.ReadFrom(rb)
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

static void
getSOError(void *env, uintptr_t s)
{
	ctrlEnv *e = env;
	int v;

	e->operr = syscall_GetsockoptInt((int)s, SOL_SOCKET, SO_ERROR, &v);
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
	if (strcmp(network, "unix") == 0 || strcmp(network, "unixpacket") == 0 ||
	    strcmp(network, "unixgram") == 0) {
		if ((err = syscall_RawConn_Control(c, getSOError, &e)) != NULL)
			return err;
		return e.operr;
	}
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

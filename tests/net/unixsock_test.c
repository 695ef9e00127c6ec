// C port of go1.19 src/net/unixsock_test.go and unixsock_linux_test.go:
// TestReadUnixgramWithUnnamedSocket, TestUnixgramZeroBytePayload,
// TestUnixgramZeroByteBuffer, TestUnixgramWrite,
// TestUnixConnLocalAndRemoteNames, TestUnixgramConnLocalAndRemoteNames,
// TestUnixUnlink, TestUnixgramAutobind, TestUnixAutobindClose and
// TestUnixgramLinuxAbstractLongName; and tests of what C adds: NULL and
// zero-valued conns and listeners, Free without Close, address clones and
// the heap addresses ReadFrom returns, the views of a UnixConn (Conn,
// PacketConn, io.Reader, io.Writer), and Go 1.19's error texts.
#include "gotest.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "errortest.h"
#include "mockserver.h"
#include "io/io.h"
#include "net/dial.h"
#include "net/file.h"
#include "net/tcpsock.h"
#include "net/unixsock.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"
#include "syscall/syscall.h"
#include "time/time.h"

// ---- helpers ----

// Go: t.Fatal(err) after a call that returned err.
static void
tFatal(go_error *err)
{
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
}

// Go: os.Remove(name), its error ignored as Go's deferred calls do.
static void
osRemove(const char *name)
{
	(void)unlink(name);
}

static bool
streq(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

// Go: reflect.DeepEqual(got, want) of an Addr and a *UnixAddr (NULL: nil).
// C: the same dynamic type, Name and Net.
static bool
unixAddrDeepEqual(const net_Addr *got, const net_UnixAddr *want)
{
	const net_UnixAddr *g;

	if (got == NULL || want == NULL)
		return got == NULL && want == NULL;
	if (got->m != &net_UnixAddr_methods)
		return false;
	g = (const net_UnixAddr *)got;
	return streq(g->Name, want->Name) && streq(g->Net, want->Net);
}

// Go: fmt's %#v of an Addr, for messages. Returns buf.
static const char *
goString(const net_Addr *a, char *buf, size_t len)
{
	const net_UnixAddr *u = (const net_UnixAddr *)a;

	if (a == NULL)
		snprintf(buf, len, "<nil>");
	else if (a->m != &net_UnixAddr_methods)
		snprintf(buf, len, "%s", a->m->type);
	else
		snprintf(buf, len, "&net.UnixAddr{Name:\"%s\", Net:\"%s\"}",
			 u->Name != NULL ? u->Name : "", u->Net != NULL ? u->Net : "");
	return buf;
}

static time_Time
fromNow(time_Duration d)
{
	return time_Time_Add(time_Now(), d);
}

// What a goroutine sending from an unnamed socket shares with the test.
typedef struct unnamedSender {
	const char *addr; // where to send (Go: SockaddrUnix{Name: addr})
	const uint8_t *data;
	size_t len;
	// C: Go's off channel. The goroutine is done with everything here once
	// it has called Done, which a channel receive would not say.
	sync_WaitGroup off;
	char err[256]; // C: t.Error from the goroutine ("" when none)
} unnamedSender;

// Go: the goroutine of TestReadUnixgramWithUnnamedSocket and
// TestUnixgramLinuxAbstractLongName: an unnamed datagram socket, made with
// plain system calls (not through net's hooks, as Go's syscall.Socket),
// sends data to addr.
static void
sendFromUnnamedSocket(void *arg)
{
	unnamedSender *a = arg;
	struct sockaddr_un rsa = {.sun_family = AF_UNIX};
	size_t n = strlen(a->addr);
	socklen_t sl;
	int s;

	if ((s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0) {
		snprintf(a->err, sizeof(a->err), "socket: %s", strerror(errno));
		goto out;
	}
	// Go: (*SockaddrUnix).sockaddr: a leading '@' is the NUL of an
	// abstract name, which has no terminating NUL.
	memcpy(rsa.sun_path, a->addr, n);
	sl = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	if (rsa.sun_path[0] == '@') {
		rsa.sun_path[0] = '\0';
		sl--;
	}
	if (sendto(s, a->data, a->len, 0, (struct sockaddr *)&rsa, sl) < 0)
		snprintf(a->err, sizeof(a->err), "sendto: %s", strerror(errno));
	close(s); // Go: defer syscall.Close(s)
out:
	sync_WaitGroup_Done(&a->off); // Go: defer func() { off <- true }()
}

// The read half both unnamed-sender tests share: the datagram arrives with
// no sender address.
static void
readFromUnnamed(net_UnixConn *c, const uint8_t *data, size_t len)
{
	uint8_t b[64];
	net_Addr *from = NULL;
	ssize_t n;
	char buf[256];

	go_error_release(net_UnixConn_SetReadDeadline(c, fromNow(100 * time_Millisecond)));
	tFatal(net_UnixConn_ReadFrom(c, b, sizeof(b), &n, &from));
	if (from != NULL)
		fail_msg("unexpected peer address: %s", goString(from, buf, sizeof(buf)));
	if ((size_t)n != len || memcmp(b, data, len) != 0)
		fail_msg("got %zd bytes; want %zu", n, len);
}

/* Go: net/unixsock_test.go TestReadUnixgramWithUnnamedSocket */
GO_TEST(TestReadUnixgramWithUnnamedSocket)
{
	static const uint8_t data[5] = {1, 2, 3, 4, 5};
	unnamedSender a = {.data = data, .len = sizeof(data)};
	const char *addr;
	net_UnixAddr la;
	net_UnixConn *c;

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // unixgram test

	addr = testUnixAddr();
	tFatal(net_ResolveUnixAddr("unixgram", addr, &la));
	tFatal(net_ListenUnixgram("unixgram", &la, &c));

	a.addr = addr;
	sync_WaitGroup_Add(&a.off, 1);
	go(sendFromUnnamedSocket, &a);
	sync_WaitGroup_Wait(&a.off); // Go: <-off
	if (a.err[0] != '\0')
		fail_msg("%s", a.err);

	readFromUnnamed(c, data, sizeof(data));

	// Go: the deferred c.Close() and os.Remove(addr).
	go_error_release(net_UnixConn_Close(c));
	net_UnixConn_Free(c);
	osRemove(addr);
}

// Go: c1.(Conn), the PacketConn a unixgram listener is, seen as a Conn.
static net_Conn *
packetConnAsConn(net_PacketConn *c)
{
	net_UnixConn *uc = net_PacketConn_UnixConn(c);

	assert_non_null(uc);
	return net_UnixConn_Conn(uc);
}

// The read step both zero-byte tests share: a read of len bytes into b
// (Go: c1.(Conn).Read or c1.ReadFrom), which may succeed with no peer or
// time out.
static void
zeroByteRead(net_PacketConn *c1, bool genericRead, uint8_t *b, size_t len)
{
	net_Addr *peer = NULL;
	ssize_t n;
	go_error *err;
	char buf[256];

	go_error_release(net_PacketConn_SetReadDeadline(c1, fromNow(100 * time_Millisecond)));
	if (genericRead)
		err = net_Conn_Read(packetConnAsConn(c1), b, len, &n);
	else
		err = net_PacketConn_ReadFrom(c1, b, len, &n, &peer);
	if (err == NULL) {        // ReadFrom succeeds
		if (peer != NULL) // peer is connected-mode
			fail_msg("unexpected peer address: %s", goString(peer, buf, sizeof(buf)));
		return;
	}
	// Read may timeout, it depends on the platform
	if (!isDeadlineExceeded(err))
		fail_msg("%s", go_error_Error(err));
	go_error_release(err);
}

/* Go: net/unixsock_test.go TestUnixgramZeroBytePayload */
GO_TEST(TestUnixgramZeroBytePayload)
{
	static const bool genericReads[] = {false, true};
	net_PacketConn *c1;
	net_Conn *c2;
	char *c1addr, *c2addr;
	int failures = 0;

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // unixgram test

	c1 = newLocalPacketListener("unixgram", NULL);
	c1addr = net_Addr_String(net_PacketConn_LocalAddr(c1));

	tFatal(net_Dial("unixgram", c1addr, &c2));
	c2addr = net_Addr_String(net_Conn_LocalAddr(c2));

	for (size_t i = 0; i < nelem(genericReads); i++) {
		uint8_t b[1];
		ssize_t n;

		tFatal(net_Conn_Write(c2, NULL, 0, &n));
		if (n != 0) {
			print_error("got %zd; want 0\n", n);
			failures++;
		}
		zeroByteRead(c1, genericReads[i], b, sizeof(b));
	}

	// Go: the deferred c2.Close(), os.Remove(c2's name), c1.Close(),
	// os.Remove(c1's name).
	go_error_release(net_Conn_Close(c2));
	net_Conn_Free(c2);
	osRemove(c2addr);
	go_error_release(net_PacketConn_Close(c1));
	net_PacketConn_Free(c1);
	osRemove(c1addr);
	free(c1addr);
	free(c2addr);
	assert_int_equal(failures, 0);
}

/* Go: net/unixsock_test.go TestUnixgramZeroByteBuffer */
// issue 4352: Recvfrom failed with "address family not supported by
// protocol family" if zero-length buffer provided
GO_TEST(TestUnixgramZeroByteBuffer)
{
	static const bool genericReads[] = {false, true};
	static const uint8_t b[] = "UNIXGRAM ZERO BYTE BUFFER TEST";
	net_PacketConn *c1;
	net_Conn *c2;
	char *c1addr, *c2addr;
	int failures = 0;

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // unixgram test

	c1 = newLocalPacketListener("unixgram", NULL);
	c1addr = net_Addr_String(net_PacketConn_LocalAddr(c1));

	tFatal(net_Dial("unixgram", c1addr, &c2));
	c2addr = net_Addr_String(net_Conn_LocalAddr(c2));

	for (size_t i = 0; i < nelem(genericReads); i++) {
		ssize_t n;

		tFatal(net_Conn_Write(c2, b, sizeof(b) - 1, &n));
		if ((size_t)n != sizeof(b) - 1) {
			print_error("got %zd; want %zu\n", n, sizeof(b) - 1);
			failures++;
		}
		zeroByteRead(c1, genericReads[i], NULL, 0); // Go: Read(nil), ReadFrom(nil)
	}

	go_error_release(net_Conn_Close(c2));
	net_Conn_Free(c2);
	osRemove(c2addr);
	go_error_release(net_PacketConn_Close(c1));
	net_PacketConn_Free(c1);
	osRemove(c1addr);
	free(c1addr);
	free(c2addr);
	assert_int_equal(failures, 0);
}

// Go: err.(*OpError).Err != ErrWriteToConnected, "should fail" when nil.
static void
expectWriteToConnected(const char *what, go_error *err)
{
	if (err == NULL)
		fail_msg("%s: should fail", what);
	if (err->m != &net_OpError_methods || ((net_OpError *)err)->Err != net_ErrWriteToConnected)
		fail_msg("%s: should fail as ErrWriteToConnected: %s", what, go_error_Error(err));
	go_error_release(err);
}

/* Go: net/unixsock_test.go testUnixgramWriteConn */
static void
testUnixgramWriteConn(const net_UnixAddr *raddr)
{
	static const uint8_t b[] = "CONNECTED-MODE SOCKET";
	char *rs = net_UnixAddr_String(raddr);
	net_Conn *c;
	net_UnixConn *uc;
	ssize_t n, oobn;

	tFatal(net_Dial("unixgram", rs, &c));
	free(rs);
	uc = net_Conn_UnixConn(c); // Go: c.(*UnixConn)
	assert_non_null(uc);

	expectWriteToConnected("WriteToUnix",
			       net_UnixConn_WriteToUnix(uc, b, sizeof(b) - 1, raddr, &n));
	expectWriteToConnected("WriteTo",
			       net_UnixConn_WriteTo(uc, b, sizeof(b) - 1, &raddr->addr, &n));
	expectWriteToConnected("WriteMsgUnix", net_UnixConn_WriteMsgUnix(uc, b, sizeof(b) - 1, NULL,
									 0, raddr, &n, &oobn));
	tFatal(net_Conn_Write(c, b, sizeof(b) - 1, &n));

	go_error_release(net_Conn_Close(c)); // Go: defer c.Close()
	net_Conn_Free(c);
}

/* Go: net/unixsock_test.go testUnixgramWritePacketConn */
static void
testUnixgramWritePacketConn(const net_UnixAddr *raddr)
{
	static const uint8_t b[] = "UNCONNECTED-MODE SOCKET";
	const char *addr = testUnixAddr();
	net_PacketConn *c;
	net_UnixConn *uc;
	ssize_t n, oobn;
	go_error *err;

	tFatal(net_ListenPacket("unixgram", addr, &c));
	uc = net_PacketConn_UnixConn(c); // Go: c.(*UnixConn)
	assert_non_null(uc);

	tFatal(net_UnixConn_WriteToUnix(uc, b, sizeof(b) - 1, raddr, &n));
	tFatal(net_PacketConn_WriteTo(c, b, sizeof(b) - 1, &raddr->addr, &n));
	tFatal(net_UnixConn_WriteMsgUnix(uc, b, sizeof(b) - 1, NULL, 0, raddr, &n, &oobn));
	if ((err = net_UnixConn_Write(uc, b, sizeof(b) - 1, &n)) == NULL)
		fail_msg("should fail");
	go_error_release(err);

	// Go: the deferred c.Close() and os.Remove(addr).
	go_error_release(net_PacketConn_Close(c));
	net_PacketConn_Free(c);
	osRemove(addr);
}

/* Go: net/unixsock_test.go TestUnixgramWrite */
GO_TEST(TestUnixgramWrite)
{
	const char *addr;
	net_UnixAddr laddr;
	net_PacketConn *c;

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // unixgram test

	addr = testUnixAddr();
	tFatal(net_ResolveUnixAddr("unixgram", addr, &laddr));
	tFatal(net_ListenPacket("unixgram", addr, &c));

	testUnixgramWriteConn(&laddr);
	testUnixgramWritePacketConn(&laddr);

	go_error_release(net_PacketConn_Close(c));
	net_PacketConn_Free(c);
	osRemove(addr);
}

static void
nopHandler(localServer *ls, net_Listener *ln, void *env)
{
	(void)ls;
	(void)ln;
	(void)env;
}

// Go: the connAddrs loops: each got must DeepEqual its want.
typedef struct connAddr {
	const net_Addr *got;
	const net_UnixAddr *want;
} connAddr;

static void
checkConnAddrs(const connAddr *ca, size_t n)
{
	char g[256], w[256];

	for (size_t i = 0; i < n; i++) {
		if (!unixAddrDeepEqual(ca[i].got, ca[i].want))
			fail_msg("got %s, expected %s", goString(ca[i].got, g, sizeof(g)),
				 goString(ca[i].want != NULL ? &ca[i].want->addr : NULL, w,
					  sizeof(w)));
	}
}

/* Go: net/unixsock_test.go TestUnixConnLocalAndRemoteNames */
GO_TEST(TestUnixConnLocalAndRemoteNames)
{
	static const uint8_t msg[] = "UNIXCONN LOCAL AND REMOTE NAME TEST";
	const char *laddrs[] = {"", testUnixAddr()};

	if (!testableNetwork("unix"))
		GO_SKIP(); // unix test

	for (size_t i = 0; i < nelem(laddrs); i++) {
		const char *laddr = laddrs[i];
		const char *taddr = testUnixAddr();
		net_UnixAddr ta, la, lwant;
		net_UnixListener *ln;
		net_UnixConn *c;
		localServer *ls;
		ssize_t n;

		tFatal(net_ResolveUnixAddr("unix", taddr, &ta));
		tFatal(net_ListenUnix("unix", &ta, &ln));
		ls = streamListener_newLocalServer(net_UnixListener_Listener(ln));
		tFatal(localServer_buildup(ls, nopHandler, NULL));

		tFatal(net_ResolveUnixAddr("unix", laddr, &la));
		tFatal(net_DialUnix("unix", &la, &ta, &c));
		tFatal(net_UnixConn_Write(c, msg, sizeof(msg) - 1, &n));

		// Go: on android and linux
		if (laddr[0] == '\0')
			laddr = "@"; // autobind feature
		lwant = NET_UNIXADDR(.Name = laddr, .Net = "unix");
		const connAddr connAddrs[3] = {
			{net_UnixListener_Addr(ln), &ta},
			{net_UnixConn_LocalAddr(c), &lwant},
			{net_UnixConn_RemoteAddr(c), &ta},
		};
		checkConnAddrs(connAddrs, nelem(connAddrs));

		// Go: the deferred c.Close() and os.Remove(laddr) (la is never
		// nil), then ls.teardown(). C: the loop's defers run at the end
		// of each round; the listener is ours to free.
		go_error_release(net_UnixConn_Close(c));
		net_UnixConn_Free(c);
		osRemove(laddr);
		go_error_release(localServer_teardown(ls));
		localServer_free(ls);
		net_UnixListener_Free(ln);
	}
}

/* Go: net/unixsock_test.go TestUnixgramConnLocalAndRemoteNames */
GO_TEST(TestUnixgramConnLocalAndRemoteNames)
{
	const char *laddrs[] = {"", testUnixAddr()};

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // unixgram test

	for (size_t i = 0; i < nelem(laddrs); i++) {
		const char *laddr = laddrs[i];
		const char *taddr = testUnixAddr();
		net_UnixAddr ta, lbuf, lwant;
		const net_UnixAddr *la = NULL;
		net_UnixConn *c1, *c2;

		tFatal(net_ResolveUnixAddr("unixgram", taddr, &ta));
		tFatal(net_ListenUnixgram("unixgram", &ta, &c1));

		if (laddr[0] != '\0') {
			tFatal(net_ResolveUnixAddr("unixgram", laddr, &lbuf));
			la = &lbuf;
		}
		tFatal(net_DialUnix("unixgram", la, &ta, &c2));

		// Go: on android and linux
		if (laddr[0] == '\0')
			laddr = "@"; // autobind feature
		lwant = NET_UNIXADDR(.Name = laddr, .Net = "unixgram");
		const connAddr connAddrs[4] = {
			{net_UnixConn_LocalAddr(c1), &ta},
			{net_UnixConn_RemoteAddr(c1), NULL},
			{net_UnixConn_LocalAddr(c2), &lwant},
			{net_UnixConn_RemoteAddr(c2), &ta},
		};
		checkConnAddrs(connAddrs, nelem(connAddrs));

		// Go: the deferred c2.Close() and os.Remove(laddr), then
		// c1.Close() and os.Remove(taddr).
		go_error_release(net_UnixConn_Close(c2));
		net_UnixConn_Free(c2);
		if (la != NULL)
			osRemove(laddr);
		go_error_release(net_UnixConn_Close(c1));
		net_UnixConn_Free(c1);
		osRemove(taddr);
	}
}

// ---- TestUnixUnlink ----

static const char *unlinkName; // Go: TestUnixUnlink's name

static net_UnixListener *
unlinkListen(void)
{
	net_Listener *l;

	tFatal(net_Listen("unix", unlinkName, &l));
	assert_non_null(net_Listener_UnixListener(l)); // Go: l.(*UnixListener)
	return net_Listener_UnixListener(l);
}

static void
checkExists(const char *desc)
{
	struct stat st;

	if (stat(unlinkName, &st) != 0)
		fail_msg("unix socket does not exist %s: stat %s: %s", desc, unlinkName,
			 strerror(errno));
}

static void
checkNotExists(const char *desc)
{
	struct stat st;

	if (stat(unlinkName, &st) == 0)
		fail_msg("unix socket does exist %s: <nil>", desc);
}

// Go: l.Close(), the error ignored. C: the listener stays to be freed.
static void
closeUnixListener(net_UnixListener *l)
{
	go_error_release(net_UnixListener_Close(l));
}

// Go: f, _ := l.File(); l1, _ := FileListener(f). C: *f is the descriptor.
static net_Listener *
fileListener(net_UnixListener *l, int *f)
{
	net_Listener *l1 = NULL;
	go_error *err;

	// C: Go ignores both errors (and would crash on a nil l1); a failure
	// stops the test here instead.
	tFatal(net_UnixListener_File(l, f));
	err = net_FileListener(*f, NULL, &l1); // C: the name shows in errors only
	tFatal(err);
	return l1;
}

// Listener should remove on close.
static void
unlinkListenSubtest(void)
{
	net_UnixListener *l = unlinkListen();

	checkExists("after Listen");
	closeUnixListener(l);
	checkNotExists("after Listener close");
	net_UnixListener_Free(l);
}

// FileListener should not.
static void
unlinkFileListenerSubtest(void)
{
	net_UnixListener *l = unlinkListen();
	net_Listener *l1;
	int f;

	l1 = fileListener(l, &f);
	checkExists("after FileListener");
	close(f); // Go: f.Close()
	checkExists("after File close");
	go_error_release(net_Listener_Close(l1));
	checkExists("after FileListener close");
	closeUnixListener(l);
	checkNotExists("after Listener close");
	net_Listener_Free(l1);
	net_UnixListener_Free(l);
}

// Only first call to l.Close should remove.
static void
unlinkSecondCloseSubtest(void)
{
	net_UnixListener *l = unlinkListen();
	FILE *f;

	checkExists("after Listen");
	closeUnixListener(l);
	checkNotExists("after Listener close");
	// Go: os.WriteFile(name, []byte("hello world"), 0666)
	if ((f = fopen(unlinkName, "w")) == NULL || fputs("hello world", f) < 0 || fclose(f) != 0)
		fail_msg("cannot recreate socket file: %s", strerror(errno));
	checkExists("after writing temp file");
	closeUnixListener(l);
	checkExists("after second Listener close");
	osRemove(unlinkName);
	net_UnixListener_Free(l);
}

// SetUnlinkOnClose should do what it says.

static void
unlinkListenSetUnlinkOnCloseTrue(void)
{
	net_UnixListener *l = unlinkListen();

	checkExists("after Listen");
	net_UnixListener_SetUnlinkOnClose(l, true);
	closeUnixListener(l);
	checkNotExists("after Listener close");
	net_UnixListener_Free(l);
}

static void
unlinkListenSetUnlinkOnCloseFalse(void)
{
	net_UnixListener *l = unlinkListen();

	checkExists("after Listen");
	net_UnixListener_SetUnlinkOnClose(l, false);
	closeUnixListener(l);
	checkExists("after Listener close");
	osRemove(unlinkName);
	net_UnixListener_Free(l);
}

static void
unlinkFileListenerSetUnlinkOnClose(bool unlink, void (*check)(const char *desc))
{
	net_UnixListener *l = unlinkListen();
	net_Listener *l1;
	int f;

	l1 = fileListener(l, &f);
	checkExists("after FileListener");
	assert_non_null(net_Listener_UnixListener(l1)); // Go: l1.(*UnixListener)
	net_UnixListener_SetUnlinkOnClose(net_Listener_UnixListener(l1), unlink);
	close(f);
	checkExists("after File close");
	go_error_release(net_Listener_Close(l1));
	check("after FileListener close");
	closeUnixListener(l);
	net_Listener_Free(l1);
	net_UnixListener_Free(l);
	osRemove(unlinkName); // C: for the next subtest, when check left it
}

static void
unlinkFileListenerSetUnlinkOnCloseTrue(void)
{
	unlinkFileListenerSetUnlinkOnClose(true, checkNotExists);
}

static void
unlinkFileListenerSetUnlinkOnCloseFalse(void)
{
	unlinkFileListenerSetUnlinkOnClose(false, checkExists);
}

/* Go: net/unixsock_test.go TestUnixUnlink */
// C: the subtests (t.Run) run in order; a failure stops the test.
GO_TEST(TestUnixUnlink)
{
	static const struct {
		const char *name;
		void (*f)(void);
	} subtests[] = {
		{"Listen", unlinkListenSubtest},
		{"FileListener", unlinkFileListenerSubtest},
		{"SecondClose", unlinkSecondCloseSubtest},
		{"Listen/SetUnlinkOnClose(true)", unlinkListenSetUnlinkOnCloseTrue},
		{"Listen/SetUnlinkOnClose(false)", unlinkListenSetUnlinkOnCloseFalse},
		{"FileListener/SetUnlinkOnClose(true)", unlinkFileListenerSetUnlinkOnCloseTrue},
		{"FileListener/SetUnlinkOnClose(false)", unlinkFileListenerSetUnlinkOnCloseFalse},
	};

	if (!testableNetwork("unix"))
		GO_SKIP(); // unix test
	unlinkName = testUnixAddr();
	for (size_t i = 0; i < nelem(subtests); i++) {
		print_message("=== RUN   TestUnixUnlink/%s\n", subtests[i].name);
		subtests[i].f();
	}
}

/* Go: net/unixsock_linux_test.go TestUnixgramAutobind */
GO_TEST(TestUnixgramAutobind)
{
	net_UnixAddr laddr = NET_UNIXADDR(.Name = "", .Net = "unixgram");
	const net_UnixAddr *autoAddr;
	const net_Addr *la;
	net_UnixConn *c1, *c2;
	char buf[256], buf2[256];

	tFatal(net_ListenUnixgram("unixgram", &laddr, &c1));

	// retrieve the autobind address
	la = net_UnixConn_LocalAddr(c1);
	if (la == NULL || la->m != &net_UnixAddr_methods) // Go: .(*UnixAddr) would panic
		fail_msg("LocalAddr is %s; want a *UnixAddr", goString(la, buf, sizeof(buf)));
	autoAddr = (const net_UnixAddr *)la;
	if (autoAddr->Name == NULL || strlen(autoAddr->Name) <= 1)
		fail_msg("invalid autobind address: %s", goString(la, buf, sizeof(buf)));
	if (autoAddr->Name[0] != '@')
		fail_msg("invalid autobind address: %s", goString(la, buf, sizeof(buf)));

	tFatal(net_DialUnix("unixgram", NULL, autoAddr, &c2));

	if (!unixAddrDeepEqual(net_UnixConn_RemoteAddr(c2), autoAddr))
		fail_msg("expected autobind address %s, got %s", goString(la, buf, sizeof(buf)),
			 goString(net_UnixConn_RemoteAddr(c2), buf2, sizeof(buf2)));

	// Go: the deferred c2.Close() and c1.Close().
	go_error_release(net_UnixConn_Close(c2));
	net_UnixConn_Free(c2);
	go_error_release(net_UnixConn_Close(c1));
	net_UnixConn_Free(c1);
}

/* Go: net/unixsock_linux_test.go TestUnixAutobindClose */
GO_TEST(TestUnixAutobindClose)
{
	net_UnixAddr laddr = NET_UNIXADDR(.Name = "", .Net = "unix");
	net_UnixListener *ln;

	tFatal(net_ListenUnix("unix", &laddr, &ln));
	go_error_release(net_UnixListener_Close(ln));
	net_UnixListener_Free(ln);
}

/* Go: net/unixsock_linux_test.go TestUnixgramLinuxAbstractLongName */
GO_TEST(TestUnixgramLinuxAbstractLongName)
{
	static const uint8_t data[5] = {1, 2, 3, 4, 5};
	enum { pathLen = sizeof(((struct sockaddr_un *)0)->sun_path) };
	unnamedSender a = {.data = data, .len = sizeof(data)};
	char addr[pathLen + 1];
	net_UnixAddr la;
	net_UnixConn *c;

	if (!testableNetwork("unixgram"))
		GO_SKIP(); // abstract unix socket long name test

	// Create an abstract socket name whose length is exactly the maximum
	// RawSockaddrUnix Path len. C: Go pads "@abstract_test" with NUL
	// bytes, which a C string cannot hold; '_' pads it to the same length.
	memset(addr, '_', pathLen);
	memcpy(addr, "@abstract_test", strlen("@abstract_test"));
	addr[pathLen] = '\0';

	tFatal(net_ResolveUnixAddr("unixgram", addr, &la));
	tFatal(net_ListenUnixgram("unixgram", &la, &c));

	a.addr = addr;
	sync_WaitGroup_Add(&a.off, 1);
	go(sendFromUnnamedSocket, &a);
	sync_WaitGroup_Wait(&a.off); // Go: <-off
	if (a.err[0] != '\0')
		fail_msg("%s", a.err);

	readFromUnnamed(c, data, sizeof(data));

	go_error_release(net_UnixConn_Close(c)); // Go: defer c.Close()
	net_UnixConn_Free(c);
}

// ---- C: what the C API adds ----

static void
expectEINVAL(const char *what, go_error *err)
{
	if (err != syscall_EINVAL)
		fail_msg("%s: got %s; want syscall.EINVAL", what,
			 err != NULL ? go_error_Error(err) : "<nil>");
}

// C: a NULL *UnixConn and a zero UnixConn (Go's &UnixConn{}, whose conn has
// no fd) are invalid conns: every method returns syscall.EINVAL, bare, as
// Go's conn methods do when !c.ok(), and the addresses are nil. Go panics
// on a nil *UnixConn (the promoted conn methods dereference it); the C
// functions check for NULL instead. The same for UnixListener (Go's
// methods check l != nil themselves).
GO_TEST(TestUnixNilConnAndListener)
{
	net_UnixConn zeroConn = {0};
	net_UnixListener zeroListener = {0};
	net_UnixConn *conns[] = {NULL, &zeroConn};
	net_UnixListener *lns[] = {NULL, &zeroListener};
	net_UnixAddr ua = NET_UNIXADDR(.Name = "/nonexistent", .Net = "unixgram");
	uint8_t b[8] = {0}, oob[64];
	time_Time t = fromNow(someTimeout);

	for (size_t i = 0; i < nelem(conns); i++) {
		net_UnixConn *c = conns[i];
		net_UnixAddr *from = NULL;
		net_Addr *afrom = NULL;
		syscall_RawConn *rc = NULL;
		ssize_t n = 0, oobn = 0;
		int flags = 0, f = -1;

		expectEINVAL("Read", net_UnixConn_Read(c, b, sizeof(b), &n));
		assert_int_equal(n, 0);
		expectEINVAL("Write", net_UnixConn_Write(c, b, sizeof(b), &n));
		assert_int_equal(n, 0);
		expectEINVAL("Close", net_UnixConn_Close(c));
		assert_null(net_UnixConn_LocalAddr(c));
		assert_null(net_UnixConn_RemoteAddr(c));
		expectEINVAL("SetDeadline", net_UnixConn_SetDeadline(c, t));
		expectEINVAL("SetReadDeadline", net_UnixConn_SetReadDeadline(c, t));
		expectEINVAL("SetWriteDeadline", net_UnixConn_SetWriteDeadline(c, t));
		expectEINVAL("SetReadBuffer", net_UnixConn_SetReadBuffer(c, 2048));
		expectEINVAL("SetWriteBuffer", net_UnixConn_SetWriteBuffer(c, 2048));
		expectEINVAL("File", net_UnixConn_File(c, &f));
		assert_int_equal(f, -1);
		expectEINVAL("SyscallConn", net_UnixConn_SyscallConn(c, &rc));
		assert_null(rc);
		expectEINVAL("CloseRead", net_UnixConn_CloseRead(c));
		expectEINVAL("CloseWrite", net_UnixConn_CloseWrite(c));
		expectEINVAL("ReadFromUnix", net_UnixConn_ReadFromUnix(c, b, sizeof(b), &n, &from));
		assert_null(from);
		expectEINVAL("ReadFrom", net_UnixConn_ReadFrom(c, b, sizeof(b), &n, &afrom));
		assert_null(afrom);
		expectEINVAL("ReadMsgUnix",
			     net_UnixConn_ReadMsgUnix(c, b, sizeof(b), oob, sizeof(oob), &n, &oobn,
						      &flags, &from));
		assert_null(from);
		expectEINVAL("WriteToUnix", net_UnixConn_WriteToUnix(c, b, sizeof(b), &ua, &n));
		expectEINVAL("WriteTo", net_UnixConn_WriteTo(c, b, sizeof(b), &ua.addr, &n));
		expectEINVAL("WriteMsgUnix",
			     net_UnixConn_WriteMsgUnix(c, b, sizeof(b), NULL, 0, &ua, &n, &oobn));
	}
	net_UnixConn_Free(NULL);

	for (size_t i = 0; i < nelem(lns); i++) {
		net_UnixListener *l = lns[i];
		net_UnixConn *uc = NULL;
		net_Conn *c = NULL;
		syscall_RawConn *rc = NULL;
		int f = -1;

		expectEINVAL("AcceptUnix", net_UnixListener_AcceptUnix(l, &uc));
		assert_null(uc);
		expectEINVAL("Accept", net_UnixListener_Accept(l, &c));
		assert_null(c);
		expectEINVAL("Close", net_UnixListener_Close(l));
		expectEINVAL("SetDeadline", net_UnixListener_SetDeadline(l, t));
		expectEINVAL("File", net_UnixListener_File(l, &f));
		assert_int_equal(f, -1);
		expectEINVAL("SyscallConn", net_UnixListener_SyscallConn(l, &rc));
		assert_null(rc);
	}
	net_UnixListener_Free(NULL);

	// C: the type assertions of nothing are nothing.
	assert_null(net_Conn_UnixConn(NULL));
	assert_null(net_PacketConn_UnixConn(NULL));
	assert_null(net_Listener_UnixListener(NULL));
}

// C: net/conn.h rule 3: Free of a conn or listener nobody closed closes it
// first (Go: the netFD's finalizer). Nothing may leak: the fixture checks
// that the process has as many sockets open as before and that the socktest
// switch saw every one closed; memcheck and ASan check the memory.
GO_TEST(TestUnixFreeWithoutClose)
{
	static const uint8_t msg[] = "FREE WITHOUT CLOSE";
	net_Listener *ln = newLocalListener("unix", NULL);
	char *addr = net_Addr_String(net_Listener_Addr(ln));
	net_UnixAddr ua, ga;
	net_UnixListener *ul;
	net_UnixConn *g1, *g2;
	net_PacketConn *pc;
	net_Conn *c, *s;
	ssize_t n;

	// A stream pair, with unread data on both ends.
	tFatal(net_Dial("unix", addr, &c));
	tFatal(net_Listener_Accept(ln, &s));
	tFatal(net_Conn_Write(c, msg, sizeof(msg) - 1, &n));
	tFatal(net_Conn_Write(s, msg, sizeof(msg) - 1, &n));
	net_Conn_Free(c);
	net_Conn_Free(s);
	net_Listener_Free(ln);
	free(addr);

	// A unixpacket listener made by ListenUnix, and an unaccepted conn.
	tFatal(net_ResolveUnixAddr("unixpacket", testUnixAddr(), &ua));
	tFatal(net_ListenUnix("unixpacket", &ua, &ul));
	tFatal(net_DialUnix("unixpacket", NULL, &ua, &g1));
	net_UnixConn_Free(g1);
	net_UnixListener_Free(ul);

	// Datagram sockets, one with a datagram queued.
	pc = newLocalPacketListener("unixgram", NULL);
	tFatal(net_ResolveUnixAddr("unixgram", testUnixAddr(), &ga));
	tFatal(net_ListenUnixgram("unixgram", &ga, &g2));
	tFatal(net_UnixConn_WriteTo(g2, msg, sizeof(msg) - 1, net_PacketConn_LocalAddr(pc), &n));
	net_PacketConn_Free(pc);
	net_UnixConn_Free(g2);
}

// C: net/conn.h rule 4: LocalAddr, RemoteAddr and Addr are borrowed from
// their owner; a clone (net_Addr_clone) is a *UnixAddr of its own, alive
// after the owner is closed and freed, until net_Addr_free. The names are
// Go 1.19's: an unnamed stream end is "@" (the kernel's empty abstract
// name), both ways.
GO_TEST(TestUnixAddrCloneOutlivesConn)
{
	net_Listener *ln = newLocalListener("unix", NULL);
	char *path = net_Addr_String(net_Listener_Addr(ln));
	net_PacketConn *pc;
	net_Conn *c, *s;
	char *gpath;

	tFatal(net_Dial("unix", path, &c));
	tFatal(net_Listener_Accept(ln, &s));
	pc = newLocalPacketListener("unixgram", NULL);
	gpath = net_Addr_String(net_PacketConn_LocalAddr(pc));

	const struct {
		net_Addr *clone;
		const char *name, *net;
	} clones[] = {
		{net_Addr_clone(net_Listener_Addr(ln)), path, "unix"},
		{net_Addr_clone(net_Conn_LocalAddr(c)), "@", "unix"},
		{net_Addr_clone(net_Conn_RemoteAddr(c)), path, "unix"},
		{net_Addr_clone(net_Conn_LocalAddr(s)), path, "unix"},
		{net_Addr_clone(net_Conn_RemoteAddr(s)), "@", "unix"},
		{net_Addr_clone(net_PacketConn_LocalAddr(pc)), gpath, "unixgram"},
	};

	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
	go_error_release(net_Conn_Close(s));
	net_Conn_Free(s);
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);
	go_error_release(net_PacketConn_Close(pc));
	net_PacketConn_Free(pc);

	for (size_t i = 0; i < nelem(clones); i++) {
		net_UnixAddr want = NET_UNIXADDR(.Name = clones[i].name, .Net = clones[i].net);
		char *str = net_Addr_String(clones[i].clone);
		char g[256], w[256];

		if (!unixAddrDeepEqual(clones[i].clone, &want))
			fail_msg("#%zu: got %s; want %s", i,
				 goString(clones[i].clone, g, sizeof(g)),
				 goString(&want.addr, w, sizeof(w)));
		assert_string_equal(str, clones[i].name);
		assert_string_equal(net_Addr_Network(clones[i].clone), clones[i].net);
		free(str);
		net_Addr_free(clones[i].clone);
	}
	osRemove(gpath);
	free(gpath);
	free(path);
}

// C: ResolveUnixAddr's results and its error for other networks, in Go
// 1.19's words ("unknown network tcp", an UnknownNetworkError). Name
// borrows the address; Net is the package's own copy of the network, so
// the caller's string may change afterwards.
GO_TEST(TestResolveUnixAddr)
{
	static const char *const networks[] = {"unix", "unixgram", "unixpacket"};
	static const char *const badNetworks[] = {"tcp", "udp", "", "unixgramx", "ip"};
	net_UnixAddr a;
	char *s;

	for (size_t i = 0; i < nelem(networks); i++) {
		char network[16];

		snprintf(network, sizeof(network), "%s", networks[i]);
		tFatal(net_ResolveUnixAddr(network, "/tmp/y", &a));
		memset(network, 'x', sizeof(network) - 1); // C: Net must not follow
		assert_ptr_equal(a.addr.m, &net_UnixAddr_methods);
		assert_string_equal(a.Name, "/tmp/y");
		assert_string_equal(a.Net, networks[i]);
		assert_string_equal(net_UnixAddr_Network(&a), networks[i]);
		assert_string_equal(net_Addr_Network(&a.addr), networks[i]);
		s = net_UnixAddr_String(&a);
		assert_string_equal(s, "/tmp/y");
		free(s);

		tFatal(net_ResolveUnixAddr(networks[i], "", &a));
		assert_string_equal(a.Name, "");
		assert_string_equal(a.Net, networks[i]);
	}
	for (size_t i = 0; i < nelem(badNetworks); i++) {
		char want[64];
		go_error *err = net_ResolveUnixAddr(badNetworks[i], "/tmp/x", &a);

		snprintf(want, sizeof(want), "unknown network %s", badNetworks[i]);
		assert_error_text(err, want);
		assert_ptr_equal(err->m, &net_UnknownNetworkError_methods);
		go_error_release(err);
	}
	s = net_UnixAddr_String(NULL); // Go: (*UnixAddr)(nil).String()
	assert_string_equal(s, "<nil>");
	free(s);
}

// C: the errors of writes and reads on an unconnected unixgram socket, in
// Go 1.19's words (each checked against Go): WriteTo refuses any Addr but
// a *UnixAddr with EINVAL, WriteToUnix a nil one with "missing address",
// Write and WriteMsgUnix without an address fail in the kernel, and after
// Close everything is ErrClosed.
GO_TEST(TestUnixgramWriteErrors)
{
	static const uint8_t b[] = "x";
	net_TCPAddr tcpAddr = NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = 80);
	net_PacketConn *pc = newLocalPacketListener("unixgram", NULL);
	net_UnixConn *c = net_PacketConn_UnixConn(pc);
	char *p = net_Addr_String(net_PacketConn_LocalAddr(pc));
	net_UnixAddr self = NET_UNIXADDR(.Name = p, .Net = "unixgram");
	uint8_t rb[8];
	net_Addr *from = NULL;
	ssize_t n, oobn;
	char want[512];
	go_error *err;

	assert_non_null(c);

	err = net_PacketConn_WriteTo(pc, b, 1, &tcpAddr.addr, &n);
	snprintf(want, sizeof(want), "write unixgram %s->127.0.0.1:80: invalid argument", p);
	assert_error_text(err, want);
	assert_ptr_equal(err->m, &net_OpError_methods);
	assert_ptr_equal(((net_OpError *)err)->Err, syscall_EINVAL);
	go_error_release(err);

	err = net_UnixConn_WriteTo(c, b, 1, NULL, &n);
	snprintf(want, sizeof(want), "write unixgram %s: invalid argument", p);
	assert_error_text(err, want);
	go_error_release(err);

	err = net_UnixConn_WriteToUnix(c, b, 1, NULL, &n);
	snprintf(want, sizeof(want), "write unixgram %s: missing address", p);
	assert_error_text(err, want);
	assert_ptr_equal(((net_OpError *)err)->Err, net_errMissingAddress);
	go_error_release(err);

	err = net_UnixConn_Write(c, b, 1, &n);
	snprintf(want, sizeof(want),
		 "write unixgram %s: write: transport endpoint is not connected", p);
	assert_error_text(err, want);
	go_error_release(err);

	err = net_UnixConn_WriteMsgUnix(c, b, 1, NULL, 0, NULL, &n, &oobn);
	snprintf(want, sizeof(want),
		 "write unixgram %s: sendmsg: transport endpoint is not connected", p);
	assert_error_text(err, want);
	go_error_release(err);

	tFatal(net_PacketConn_Close(pc));

	err = net_PacketConn_WriteTo(pc, b, 1, &self.addr, &n);
	snprintf(want, sizeof(want), "write unixgram %s->%s: use of closed network connection", p,
		 p);
	assert_error_text(err, want);
	assert_true(errors_Is(err, net_ErrClosed));
	go_error_release(err);

	err = net_UnixConn_WriteToUnix(c, b, 1, &self, &n);
	assert_error_text(err, want);
	go_error_release(err);

	err = net_UnixConn_WriteMsgUnix(c, b, 1, NULL, 0, &self, &n, &oobn);
	assert_error_text(err, want);
	go_error_release(err);

	err = net_UnixConn_Write(c, b, 1, &n);
	snprintf(want, sizeof(want), "write unixgram %s: use of closed network connection", p);
	assert_error_text(err, want);
	go_error_release(err);

	err = net_PacketConn_ReadFrom(pc, rb, sizeof(rb), &n, &from);
	snprintf(want, sizeof(want), "read unixgram %s: use of closed network connection", p);
	assert_error_text(err, want);
	assert_null(from);
	go_error_release(err);

	err = net_PacketConn_Close(pc);
	snprintf(want, sizeof(want), "close unixgram %s: use of closed network connection", p);
	assert_error_text(err, want);
	go_error_release(err);

	net_PacketConn_Free(pc);
	osRemove(p);
	free(p);
}

// C: the sender's address ReadFromUnix, ReadFrom, ReadMsgUnix and the
// PacketConn's ReadFrom return is heap memory of the caller's, released
// with net_Addr_free (memcheck reports it if not), and lives on after the
// conn is freed. ReadMsgUnix's flags are Go's too: the kernel's msg_flags,
// where Linux echoes MSG_CMSG_CLOEXEC (Go 1.19 prints 1073741824).
GO_TEST(TestUnixgramReadFromAddr)
{
	static const uint8_t msg[] = "READFROM ADDR";
	const char *addr1 = testUnixAddr(), *addr2 = testUnixAddr();
	net_UnixAddr a1, a2;
	net_UnixConn *c1, *c2;
	net_UnixAddr *ua[3] = {NULL, NULL, NULL};
	net_Addr *na[2] = {NULL, NULL};
	uint8_t rb[64], oob[64];
	ssize_t n, oobn;
	int flags;
	char g[256], w[256];

	tFatal(net_ResolveUnixAddr("unixgram", addr1, &a1));
	tFatal(net_ResolveUnixAddr("unixgram", addr2, &a2));
	tFatal(net_ListenUnixgram("unixgram", &a1, &c1));
	tFatal(net_DialUnix("unixgram", &a2, NULL, &c2));
	for (int i = 0; i < 4; i++)
		tFatal(net_UnixConn_WriteToUnix(c2, msg, sizeof(msg) - 1, &a1, &n));
	go_error_release(net_UnixConn_SetReadDeadline(c1, fromNow(someTimeout)));

	tFatal(net_UnixConn_ReadFromUnix(c1, rb, sizeof(rb), &n, &ua[0]));
	assert_int_equal(n, sizeof(msg) - 1);
	tFatal(net_UnixConn_ReadFrom(c1, rb, sizeof(rb), &n, &na[0]));
	assert_int_equal(n, sizeof(msg) - 1);
	tFatal(net_PacketConn_ReadFrom(net_UnixConn_PacketConn(c1), rb, sizeof(rb), &n, &na[1]));
	assert_int_equal(n, sizeof(msg) - 1);
	tFatal(net_UnixConn_ReadMsgUnix(c1, rb, sizeof(rb), oob, sizeof(oob), &n, &oobn, &flags,
					&ua[1]));
	assert_int_equal(n, sizeof(msg) - 1);
	assert_int_equal(oobn, 0);
	assert_int_equal(flags, MSG_CMSG_CLOEXEC);

	// Freed before the addresses are looked at.
	go_error_release(net_UnixConn_Close(c2));
	net_UnixConn_Free(c2);
	go_error_release(net_UnixConn_Close(c1));
	net_UnixConn_Free(c1);

	for (size_t i = 0; i < 2; i++) {
		if (!unixAddrDeepEqual(&ua[i]->addr, &a2))
			fail_msg("got %s; want %s", goString(&ua[i]->addr, g, sizeof(g)),
				 goString(&a2.addr, w, sizeof(w)));
		net_Addr_free(&ua[i]->addr);
	}
	for (size_t i = 0; i < 2; i++) {
		if (!unixAddrDeepEqual(na[i], &a2))
			fail_msg("got %s; want %s", goString(na[i], g, sizeof(g)),
				 goString(&a2.addr, w, sizeof(w)));
		net_Addr_free(na[i]);
	}
	osRemove(addr1);
	osRemove(addr2);
}

// What soType's Control call found.
typedef struct soTypeEnv {
	int sotype;
	go_error *err;
} soTypeEnv;

static void
soType(void *env, uintptr_t fd)
{
	soTypeEnv *e = env;

	e->err = syscall_GetsockoptInt((int)fd, SOL_SOCKET, SO_TYPE, &e->sotype);
}

// The socket type under a RawConn (SyscallConn), which is then freed.
static int
rawConnSoType(syscall_RawConn *rc)
{
	soTypeEnv e = {-1, NULL};

	tFatal(syscall_RawConn_Control(rc, soType, &e));
	tFatal(e.err);
	syscall_RawConn_Free(rc);
	return e.sotype;
}

// C: one UnixConn, four views (net/unixsock.h): as a Conn, a PacketConn, an
// io.Reader and an io.Writer, each with Go's dynamic type name, each
// asserting back to the same UnixConn; a Listener from Listen("unix")
// likewise. Conns and listeners of other types assert to NULL. And
// SyscallConn reaches the socket under each.
GO_TEST(TestUnixConnViews)
{
	static const uint8_t msg[] = "UNIXCONN VIEWS";
	const char *path = testUnixAddr(), *gpath = testUnixAddr();
	net_Listener *ln, *tln;
	net_UnixListener *ul;
	net_UnixConn *uc, *us, *ug;
	net_PacketConn *pc;
	net_Conn *c, *gc, *tc;
	uint8_t rb[64];
	ssize_t n;
	net_Addr *from = NULL;
	syscall_RawConn *rc;
	char *s;

	tFatal(net_Listen("unix", path, &ln));
	assert_string_equal(ln->m->type, "*net.UnixListener");
	ul = net_Listener_UnixListener(ln);
	assert_non_null(ul);
	assert_ptr_equal(net_UnixListener_Listener(ul), ln);
	assert_null(net_Listener_TCPListener(ln));
	assert_ptr_equal(net_Listener_Addr(ln), net_UnixListener_Addr(ul));

	tFatal(net_Dial("unix", path, &c));
	assert_string_equal(c->m->type, "*net.UnixConn");
	uc = net_Conn_UnixConn(c);
	assert_non_null(uc);
	assert_ptr_equal(net_UnixConn_Conn(uc), c);
	assert_null(net_Conn_TCPConn(c));
	assert_ptr_equal(net_Conn_LocalAddr(c), net_UnixConn_LocalAddr(uc));
	assert_ptr_equal(net_Conn_RemoteAddr(c), net_UnixConn_RemoteAddr(uc));

	pc = net_UnixConn_PacketConn(uc);
	assert_string_equal(pc->m->type, "*net.UnixConn");
	assert_ptr_equal(net_PacketConn_UnixConn(pc), uc);
	assert_ptr_equal(net_PacketConn_LocalAddr(pc), net_UnixConn_LocalAddr(uc));

	tFatal(net_UnixListener_AcceptUnix(ul, &us));
	assert_ptr_equal(net_Conn_UnixConn(net_UnixConn_Conn(us)), us);

	// SyscallConn reaches the socket of each.
	tFatal(net_UnixListener_SyscallConn(ul, &rc));
	assert_int_equal(rawConnSoType(rc), SOCK_STREAM);
	tFatal(net_UnixConn_SyscallConn(uc, &rc));
	assert_int_equal(rawConnSoType(rc), SOCK_STREAM);

	// The io views move the bytes of the conn.
	tFatal(io_Writer_Write(net_UnixConn_Writer(uc), msg, sizeof(msg) - 1, &n));
	assert_int_equal(n, sizeof(msg) - 1);
	tFatal(io_Reader_Read(net_UnixConn_Reader(us), rb, sizeof(rb), &n));
	assert_int_equal(n, sizeof(msg) - 1);
	assert_memory_equal(rb, msg, sizeof(msg) - 1);
	tFatal(net_Conn_Write(net_UnixConn_Conn(us), msg, sizeof(msg) - 1, &n));
	tFatal(net_UnixConn_Read(uc, rb, sizeof(rb), &n));
	assert_int_equal(n, sizeof(msg) - 1);

	// A unixgram PacketConn from ListenPacket, and a Conn from Dial.
	tFatal(net_ListenPacket("unixgram", gpath, &pc));
	assert_string_equal(pc->m->type, "*net.UnixConn");
	ug = net_PacketConn_UnixConn(pc);
	assert_non_null(ug);
	assert_ptr_equal(net_UnixConn_PacketConn(ug), pc);
	assert_ptr_equal(net_Conn_UnixConn(net_UnixConn_Conn(ug)), ug);
	tFatal(net_UnixConn_SyscallConn(ug, &rc));
	assert_int_equal(rawConnSoType(rc), SOCK_DGRAM);
	tFatal(net_Dial("unixgram", gpath, &gc));
	assert_non_null(net_Conn_UnixConn(gc));
	tFatal(net_Conn_Write(gc, msg, sizeof(msg) - 1, &n));
	go_error_release(net_PacketConn_SetReadDeadline(pc, fromNow(someTimeout)));
	tFatal(net_PacketConn_ReadFrom(pc, rb, sizeof(rb), &n, &from));
	assert_int_equal(n, sizeof(msg) - 1);
	assert_null(from); // an unnamed sender
	s = net_Addr_String(net_PacketConn_LocalAddr(pc));
	assert_string_equal(s, gpath);
	free(s);

	// TCP is something else.
	tln = newLocalListener("tcp", NULL);
	s = net_Addr_String(net_Listener_Addr(tln));
	tFatal(net_Dial("tcp", s, &tc));
	free(s);
	assert_null(net_Listener_UnixListener(tln));
	assert_null(net_Conn_UnixConn(tc));

	go_error_release(net_Conn_Close(tc));
	net_Conn_Free(tc);
	go_error_release(net_Listener_Close(tln));
	net_Listener_Free(tln);
	go_error_release(net_Conn_Close(gc));
	net_Conn_Free(gc);
	go_error_release(net_PacketConn_Close(pc));
	net_PacketConn_Free(pc);
	go_error_release(net_UnixConn_Close(us));
	net_UnixConn_Free(us);
	go_error_release(net_Conn_Close(c));
	net_Conn_Free(c);
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);
}

// C: CloseWrite and CloseRead shut one direction of a stream conn (Go's
// (*UnixConn).CloseWrite, CloseRead): the peer reads io.EOF; after Close
// they fail with ErrClosed, as Accept and Close of a closed listener do.
GO_TEST(TestUnixConnCloseWrite)
{
	static const uint8_t msg[] = "HALF CLOSE";
	net_Listener *ln = newLocalListener("unix", NULL);
	char *addr = net_Addr_String(net_Listener_Addr(ln));
	net_Conn *c, *s;
	net_UnixConn *uc;
	uint8_t rb[64];
	char want[512];
	ssize_t n;
	go_error *err;

	tFatal(net_Dial("unix", addr, &c));
	tFatal(net_Listener_Accept(ln, &s));
	uc = net_Conn_UnixConn(c);
	tFatal(net_UnixConn_Write(uc, msg, sizeof(msg) - 1, &n));
	tFatal(net_UnixConn_CloseWrite(uc));
	tFatal(net_Conn_Read(s, rb, sizeof(rb), &n));
	assert_int_equal(n, sizeof(msg) - 1);
	err = net_Conn_Read(s, rb, sizeof(rb), &n);
	assert_ptr_equal(err, io_EOF);
	// The other direction still works.
	tFatal(net_Conn_Write(s, msg, sizeof(msg) - 1, &n));
	tFatal(net_UnixConn_Read(uc, rb, sizeof(rb), &n));
	assert_int_equal(n, sizeof(msg) - 1);
	tFatal(net_UnixConn_CloseRead(uc));

	tFatal(net_UnixConn_Close(uc));
	err = net_UnixConn_CloseWrite(uc);
	assert_true(errors_Is(err, net_ErrClosed));
	go_error_release(err);
	err = net_UnixConn_CloseRead(uc);
	assert_true(errors_Is(err, net_ErrClosed));
	go_error_release(err);

	net_Conn_Free(c);
	go_error_release(net_Conn_Close(s));
	net_Conn_Free(s);

	// C: and a closed listener's errors, in Go 1.19's words.
	tFatal(net_Listener_Close(ln));
	err = net_Listener_Accept(ln, &c);
	snprintf(want, sizeof(want), "accept unix %s: use of closed network connection", addr);
	assert_error_text(err, want);
	go_error_release(err);
	err = net_Listener_Close(ln);
	snprintf(want, sizeof(want), "close unix %s: use of closed network connection", addr);
	assert_error_text(err, want);
	go_error_release(err);
	net_Listener_Free(ln);
	free(addr);
}

// Go's t.Errorf for an error's text: print and count, the test goes on.
static void
expectText(int *failures, go_error *err, const char *want)
{
	const char *got = err != NULL ? go_error_Error(err) : "<nil>";

	if (strcmp(got, want) != 0) {
		print_error("got \"%s\"; want \"%s\"\n", got, want);
		(*failures)++;
	}
}

// C: the errors of the Unix constructors for a wrong network, a missing
// address or a name too long for sun_path, in Go 1.19's words (each
// checked against Go); and what Go accepts: Listen("unix", "") binds an
// autobind name, ListenPacket and Listen take any Unix network (a
// ListenPacket("unix") conn is a bound stream socket).
GO_TEST(TestUnixNetworkErrors)
{
	char longName[6 + 200 + 1], want[512];
	const char *dir = testUnixAddr();
	net_UnixListener *ul = NULL;
	net_UnixConn *uc = NULL;
	net_PacketConn *pc = NULL;
	net_Listener *ln = NULL;
	net_Conn *c = NULL;
	go_error *err;
	int failures = 0;
	char *s;

	err = net_ListenUnixgram("unix", NULL, &uc);
	expectText(&failures, err, "listen unix: unknown network unix");
	assert_null(uc);
	go_error_release(err);
	err = net_ListenUnix("unixgram", NULL, &ul);
	expectText(&failures, err, "listen unixgram: unknown network unixgram");
	assert_null(ul);
	go_error_release(err);
	err = net_ListenUnix("unix", NULL, &ul);
	expectText(&failures, err, "listen unix: missing address");
	go_error_release(err);
	err = net_DialUnix("unix", NULL, NULL, &uc);
	expectText(&failures, err, "dial unix: missing address");
	go_error_release(err);
	err = net_DialUnix("tcp", NULL, NULL, &uc);
	expectText(&failures, err, "dial tcp: unknown network tcp");
	go_error_release(err);
	err = net_Dial("unix", "", &c);
	expectText(&failures, err, "dial unix: missing address");
	assert_null(c);
	go_error_release(err);

	memcpy(longName, "/tmp/", 5);
	memset(longName + 5, 'a', 200);
	longName[205] = '\0';
	err = net_Listen("unix", longName, &ln);
	snprintf(want, sizeof(want), "listen unix %s: bind: invalid argument", longName);
	expectText(&failures, err, want);
	assert_null(ln);
	go_error_release(err);
	err = net_Dial("unix", longName, &c);
	snprintf(want, sizeof(want), "dial unix %s: connect: invalid argument", longName);
	expectText(&failures, err, want);
	go_error_release(err);
	err = net_Dial("unixgram", longName, &c);
	snprintf(want, sizeof(want), "dial unixgram %s: connect: invalid argument", longName);
	expectText(&failures, err, want);
	go_error_release(err);
	{
		net_UnixAddr la = NET_UNIXADDR(.Name = longName, .Net = "unixgram");
		net_PacketConn *g = newLocalPacketListener("unixgram", NULL);
		char *gname = net_Addr_String(net_PacketConn_LocalAddr(g));
		ssize_t n, oobn;

		err = net_DialUnix("unixgram", &la, NULL, &uc);
		snprintf(want, sizeof(want), "dial unixgram %s: bind: invalid argument", longName);
		expectText(&failures, err, want);
		go_error_release(err);
		err = net_ListenUnixgram("unixgram", &la, &uc);
		snprintf(want, sizeof(want), "listen unixgram %s: bind: invalid argument",
			 longName);
		expectText(&failures, err, want);
		go_error_release(err);
		err = net_UnixConn_WriteToUnix(net_PacketConn_UnixConn(g), (const uint8_t *)"x", 1,
					       &la, &n);
		snprintf(want, sizeof(want), "write unixgram %s->%s: sendto: invalid argument",
			 gname, longName);
		expectText(&failures, err, want);
		go_error_release(err);
		err = net_UnixConn_WriteMsgUnix(net_PacketConn_UnixConn(g), (const uint8_t *)"x", 1,
						NULL, 0, &la, &n, &oobn);
		snprintf(want, sizeof(want), "write unixgram %s->%s: sendmsg: invalid argument",
			 gname, longName);
		expectText(&failures, err, want);
		go_error_release(err);
		go_error_release(net_PacketConn_Close(g));
		net_PacketConn_Free(g);
		osRemove(gname);
		free(gname);
	}

	// Go: an empty name autobinds.
	tFatal(net_Listen("unix", "", &ln));
	s = net_Addr_String(net_Listener_Addr(ln));
	assert_true(s[0] == '@' && s[1] != '\0');
	free(s);
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);

	// Go: ListenPacket("unix", name) binds a stream socket, a *UnixConn.
	tFatal(net_ListenPacket("unix", dir, &pc));
	assert_string_equal(pc->m->type, "*net.UnixConn");
	assert_string_equal(net_Addr_Network(net_PacketConn_LocalAddr(pc)), "unix");
	s = net_Addr_String(net_PacketConn_LocalAddr(pc));
	assert_string_equal(s, dir);
	free(s);
	go_error_release(net_PacketConn_Close(pc));
	net_PacketConn_Free(pc);
	osRemove(dir);

	// Go: Listen("unixgram", name) gives a *UnixListener on a bound
	// datagram socket.
	tFatal(net_Listen("unixgram", dir, &ln));
	assert_string_equal(ln->m->type, "*net.UnixListener");
	go_error_release(net_Listener_Close(ln));
	net_Listener_Free(ln);
	osRemove(dir);
	assert_int_equal(failures, 0);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(TestReadUnixgramWithUnnamedSocket, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramZeroBytePayload, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramZeroByteBuffer, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramWrite, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixConnLocalAndRemoteNames, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramConnLocalAndRemoteNames, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixUnlink, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramAutobind, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixAutobindClose, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramLinuxAbstractLongName, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixNilConnAndListener, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixFreeWithoutClose, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixAddrCloneOutlivesConn, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestResolveUnixAddr, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramWriteErrors, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixgramReadFromAddr, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixConnViews, netTestSetup, netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixConnCloseWrite, netTestSetup,
						netTestTeardown),
		cmocka_unit_test_setup_teardown(TestUnixNetworkErrors, netTestSetup,
						netTestTeardown),
	};

	return gonet_test_main(argc, argv, __FILE__, tests, nelem(tests));
}

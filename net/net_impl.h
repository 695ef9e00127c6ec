// net's unexported functions and variables of the TCP core, for the
// package's own files and for tests (Go: export_test.go and what the net
// tests reach directly). The library exports every symbol declared here.
//
// Conventions: a `const net_Addr *` argument that Go types as `sockaddr`
// must be a *TCPAddr (or NULL, Go's nil); results follow Go's order as
// out-parameters; errors are the caller's.
#ifndef GONET_NET_NET_IMPL_H
#define GONET_NET_NET_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>

#include "context/context.h"
#include "io/io.h"
#include "net/conn.h"
#include "net/dial.h"
#include "net/fd.h"
#include "net/ipsock.h"
#include "net/tcpsock.h"
#include "net/udpsock.h"
#include "net/unixsock.h"
#include "syscall/syscall.h"
#include "time/time.h"

// C: the struct of type T whose member m is at p (an interface header
// embedded in a conn, a Buffers ...).
#define containerof(p, T, m) ((T *)(void *)((char *)(p)-offsetof(T, m)))

// ---- net.go ----

// Go: noDeadline (time.Time{}) and aLongTimeAgo (time.Unix(1, 0)).
extern const time_Time net_noDeadline;
time_Time net_aLongTimeAgo(void);
// Go: listenerBacklog(): maxListenerBacklog(), computed once.
int net_listenerBacklog(void);
// Go: (*Buffers).consume(n): drops the first n bytes of v.
void net_Buffers_consume(net_Buffers *v, int64_t n);
// Go: buffersWriter, the writers WriteTo hands the whole of v to: *conn's
// writeBuffers (writev_unix.go), which consumes what it wrote.
go_error *net_conn_writeBuffers(net_conn *c, net_Buffers *v, int64_t *n) GO_MUST_CHECK;
go_error *net_netFD_writeBuffers(net_netFD *fd, net_Buffers *v, int64_t *n) GO_MUST_CHECK;
// Go: mapErr: context.Canceled -> errCanceled, DeadlineExceeded ->
// errTimeout, anything else unchanged. Takes over err.
go_error *net_mapErr(go_error *err);
// Go: genericReadFrom(w, r): io.Copy through writerOnly{w}.
go_error *net_genericReadFrom(io_Writer *w, io_Reader *r, int64_t *n) GO_MUST_CHECK;
// Go: (*conn).ok().
bool net_conn_ok(const net_conn *c);

// ---- the Control callbacks (dial.go's ctrlFn) ----

// Go: ctrlFn func(string, string, syscall.RawConn) error as a closure; a
// NULL f is Go's nil func.
typedef struct net_ctrlFn {
	net_ControlFunc f;
	void *env;
} net_ctrlFn;
// C: Go's sd.Dialer.Control and sl.ListenConfig.Control as ctrlFns.
#define net_dialerCtrlFn(d)        ((net_ctrlFn){(d)->Control, (d)->ControlEnv})
#define net_listenConfigCtrlFn(lc) ((net_ctrlFn){(lc)->Control, (lc)->ControlEnv})

// ---- rawconn.go ----

// Go: net.rawConn {fd}. A rawConn for a Control callback lives on the
// stack (net_rawConn_init); SyscallConn's is heap memory (net_newRawConn)
// released with syscall_RawConn_Free.
typedef struct net_rawConn {
	syscall_RawConn rc; // C: the interface header
	net_netFD *fd;
} net_rawConn;
extern const syscall_RawConn_methods net_rawConn_methods;
extern const syscall_RawConn_methods net_rawListener_methods;
void net_rawConn_init(net_rawConn *c, net_netFD *fd);
bool net_rawConn_ok(const net_rawConn *c);
// Go: newRawConn(fd), newRawListener(fd).
go_error *net_newRawConn(net_netFD *fd, net_rawConn **c) GO_MUST_CHECK;
go_error *net_newRawListener(net_netFD *fd, net_rawConn **c) GO_MUST_CHECK;

// ---- fd_unix.go, fd_posix.go ----

// Go: newFD(sysfd, family, sotype, net). Allocates the netFD (net/fd.h).
go_error *net_newFD(int sysfd, int family, int sotype, const char *net,
		    net_netFD **fd) GO_MUST_CHECK;
// C: releases the memory of fd (and of address clones it holds); fd must be
// closed, or never initialized (its descriptor is then closed here, as
// Go's finalizer would).
void net_netFD_free(net_netFD *fd);
go_error *net_netFD_init(net_netFD *fd) GO_MUST_CHECK;
// Go: (*netFD).name(), malloc'd.
char *net_netFD_name(net_netFD *fd);
// Go: (*netFD).connect(ctx, la, ra) (rsa, err). la may be NULL (nil);
// *rsa gets the peer's address when the kernel had to be asked (len 0 else).
go_error *net_netFD_connect(net_netFD *fd, context_Context *ctx, const syscall_Sockaddr *la,
			    const syscall_Sockaddr *ra, syscall_Sockaddr *rsa) GO_MUST_CHECK;
go_error *net_netFD_accept(net_netFD *fd, net_netFD **netfd) GO_MUST_CHECK;
// Go: (*netFD).dup() (*os.File, error): *f is a blocking duplicate.
go_error *net_netFD_dup(net_netFD *fd, int *f) GO_MUST_CHECK;
// Go: (*netFD).setAddr. Copies (or clones) the borrowed addresses.
void net_netFD_setAddr(net_netFD *fd, const net_Addr *laddr, const net_Addr *raddr);
go_error *net_netFD_Close(net_netFD *fd) GO_MUST_CHECK;
go_error *net_netFD_shutdown(net_netFD *fd, int how) GO_MUST_CHECK;
go_error *net_netFD_closeRead(net_netFD *fd) GO_MUST_CHECK;
go_error *net_netFD_closeWrite(net_netFD *fd) GO_MUST_CHECK;
go_error *net_netFD_Read(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_netFD_Write(net_netFD *fd, const uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_netFD_SetDeadline(net_netFD *fd, time_Time t) GO_MUST_CHECK;
go_error *net_netFD_SetReadDeadline(net_netFD *fd, time_Time t) GO_MUST_CHECK;
go_error *net_netFD_SetWriteDeadline(net_netFD *fd, time_Time t) GO_MUST_CHECK;

// ---- file_unix.go ----

// Go: fileConn(f), fileListener(f): f is the caller's descriptor (a
// duplicate is what the result owns).
go_error *net_fileConn(int f, net_Conn **c) GO_MUST_CHECK;
go_error *net_fileListener(int f, net_Listener **ln) GO_MUST_CHECK;
go_error *net_filePacketConn(int f, net_PacketConn **c) GO_MUST_CHECK;

// ---- sock_posix.go, sock_linux.go, sock_cloexec.go ----

// Go: addrFunc's result, func(syscall.Sockaddr) Addr. C: the address is
// written into *buf; the result is &buf->addr, or NULL (nil).
typedef net_Addr *(*net_addrFunc)(const syscall_Sockaddr *sa, net_addrBuf *buf);

// Go: socket(ctx, net, family, sotype, proto, ipv6only, laddr, raddr,
// ctrlFn) (fd, err).
go_error *net_socket(context_Context *ctx, const char *net, int family, int sotype, int proto,
		     bool ipv6only, const net_Addr *laddr, const net_Addr *raddr, net_ctrlFn ctrlFn,
		     net_netFD **fd) GO_MUST_CHECK;
// Go: (*netFD).ctrlNetwork() (a static string).
const char *net_netFD_ctrlNetwork(net_netFD *fd);
net_addrFunc net_netFD_addrFunc(net_netFD *fd);
go_error *net_netFD_dial(net_netFD *fd, context_Context *ctx, const net_Addr *laddr,
			 const net_Addr *raddr, net_ctrlFn ctrlFn) GO_MUST_CHECK;
go_error *net_netFD_listenStream(net_netFD *fd, const net_Addr *laddr, int backlog,
				 net_ctrlFn ctrlFn) GO_MUST_CHECK;
go_error *net_netFD_listenDatagram(net_netFD *fd, const net_Addr *laddr,
				   net_ctrlFn ctrlFn) GO_MUST_CHECK;
// Go: kernelVersion, maxAckBacklog, maxListenerBacklog (sock_linux.go).
void net_kernelVersion(int *major, int *minor);
int net_maxAckBacklog(int n);
int net_maxListenerBacklog(void);
// Go: sysSocket(family, sotype, proto) (int, error), through net_socketFunc
// with SOCK_NONBLOCK|SOCK_CLOEXEC.
go_error *net_sysSocket(int family, int sotype, int proto, int *s) GO_MUST_CHECK;

// ---- sockopt_linux.go, sockopt_posix.go, tcpsockopt_*.go ----
int net_boolint(bool b);
go_error *net_setDefaultSockopts(int s, int family, int sotype, bool ipv6only) GO_MUST_CHECK;
go_error *net_setDefaultListenerSockopts(int s) GO_MUST_CHECK;
go_error *net_setDefaultMulticastSockopts(int s) GO_MUST_CHECK;
go_error *net_setReadBuffer(net_netFD *fd, int bytes) GO_MUST_CHECK;
go_error *net_setWriteBuffer(net_netFD *fd, int bytes) GO_MUST_CHECK;
go_error *net_setKeepAlive(net_netFD *fd, bool keepalive) GO_MUST_CHECK;
go_error *net_setLinger(net_netFD *fd, int sec) GO_MUST_CHECK;
go_error *net_setKeepAlivePeriod(net_netFD *fd, time_Duration d) GO_MUST_CHECK;
go_error *net_setNoDelay(net_netFD *fd, bool noDelay) GO_MUST_CHECK;

// ---- ipsock_posix.go, sockaddr_posix.go ----

// Go: the sockaddr interface's methods, for a *TCPAddr (or NULL).
int net_sockaddr_family(const net_Addr *a);
bool net_sockaddr_isWildcard(const net_Addr *a);
// Go: a.sockaddr(family): *sa has len 0 for Go's nil Sockaddr.
go_error *net_sockaddr_sockaddr(const net_Addr *a, int family, syscall_Sockaddr *sa) GO_MUST_CHECK;
// Go: a.toLocal(net): the loopback address of a's family, a's port.
void net_sockaddr_toLocal(const net_Addr *a, const char *net, net_addrBuf *out);
// Go: favoriteAddrFamily(network, laddr, raddr, mode) (family, ipv6only).
void net_favoriteAddrFamily(const char *network, const net_Addr *laddr, const net_Addr *raddr,
			    const char *mode, int *family, bool *ipv6only);
// Go: internetSocket(ctx, net, laddr, raddr, sotype, proto, mode, ctrlFn).
go_error *net_internetSocket(context_Context *ctx, const char *net, const net_Addr *laddr,
			     const net_Addr *raddr, int sotype, int proto, const char *mode,
			     net_ctrlFn ctrlFn, net_netFD **fd) GO_MUST_CHECK;
go_error *net_ipToSockaddrInet4(net_IP ip, int port, struct sockaddr_in *sa) GO_MUST_CHECK;
go_error *net_ipToSockaddrInet6(net_IP ip, int port, const char *zone,
				struct sockaddr_in6 *sa) GO_MUST_CHECK;
// Go: ipToSockaddr(family, ip, port, zone): *sa len 0 is nil.
go_error *net_ipToSockaddr(int family, net_IP ip, int port, const char *zone,
			   syscall_Sockaddr *sa) GO_MUST_CHECK;
// Go: loopbackIP(net) (ipsock.go).
net_IP net_loopbackIP(const char *net);
// Go: zoneCache.name(index) (interface.go).
void net_zoneName(unsigned int index, char zone[net_ZoneLen]);

// ---- tcpsock.go, tcpsock_posix.go ----

// Go: sockaddrToTCP(sa): NULL for a non-IP sockaddr.
net_Addr *net_sockaddrToTCP(const syscall_Sockaddr *sa, net_addrBuf *buf);
int net_TCPAddr_family(const net_TCPAddr *a);
void net_TCPAddr_toLocal(const net_TCPAddr *a, const char *net, net_addrBuf *out);
go_error *net_TCPAddr_sockaddr(const net_TCPAddr *a, int family,
			       syscall_Sockaddr *sa) GO_MUST_CHECK;
// Go: newTCPConn(fd): the TCPConn in fd's allocation, TCP_NODELAY set.
net_TCPConn *net_newTCPConn(net_netFD *fd);
go_error *net_TCPConn_readFrom(net_TCPConn *c, io_Reader *r, int64_t *n) GO_MUST_CHECK;
bool net_selfConnect(net_netFD *fd, go_error *err);
bool net_spuriousENOTAVAIL(go_error *err);
bool net_TCPListener_ok(const net_TCPListener *ln);
go_error *net_TCPListener_accept(net_TCPListener *ln, net_TCPConn **c) GO_MUST_CHECK;
go_error *net_TCPListener_close(net_TCPListener *ln) GO_MUST_CHECK;
go_error *net_TCPListener_file(net_TCPListener *ln, int *f) GO_MUST_CHECK;
time_Duration net_roundDurationUp(time_Duration d, time_Duration to);

// ---- fd_posix.go: the datagram half ----

// Go: (*netFD).readFrom, readMsg, writeTo, writeMsg: internal/poll's
// calls, their errors wrapped as recvfrom, recvmsg, sendto, sendmsg.
go_error *net_netFD_readFrom(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n,
			     syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *net_netFD_readMsg(net_netFD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
			    int flags, ssize_t *n, ssize_t *oobn, int *retflags,
			    syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *net_netFD_writeTo(net_netFD *fd, const uint8_t *p, size_t len, const syscall_Sockaddr *sa,
			    ssize_t *n) GO_MUST_CHECK;
go_error *net_netFD_writeMsg(net_netFD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
			     size_t ooblen, const syscall_Sockaddr *sa, ssize_t *n,
			     ssize_t *oobn) GO_MUST_CHECK;

// Go: (*netFD).readFromInet4, readFromInet6, readMsgInet4, readMsgInet6,
// writeToInet4, writeToInet6, writeMsgInet4, writeMsgInet6: the same with
// the kernel's own IPv4 and IPv6 address forms (UDP's calls).
go_error *net_netFD_readFromInet4(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n,
				  struct sockaddr_in *from) GO_MUST_CHECK;
go_error *net_netFD_readFromInet6(net_netFD *fd, uint8_t *p, size_t len, ssize_t *n,
				  struct sockaddr_in6 *from) GO_MUST_CHECK;
go_error *net_netFD_readMsgInet4(net_netFD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
				 int flags, ssize_t *n, ssize_t *oobn, int *retflags,
				 struct sockaddr_in *sa) GO_MUST_CHECK;
go_error *net_netFD_readMsgInet6(net_netFD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
				 int flags, ssize_t *n, ssize_t *oobn, int *retflags,
				 struct sockaddr_in6 *sa) GO_MUST_CHECK;
go_error *net_netFD_writeToInet4(net_netFD *fd, const uint8_t *p, size_t len,
				 const struct sockaddr_in *sa, ssize_t *n) GO_MUST_CHECK;
go_error *net_netFD_writeToInet6(net_netFD *fd, const uint8_t *p, size_t len,
				 const struct sockaddr_in6 *sa, ssize_t *n) GO_MUST_CHECK;
go_error *net_netFD_writeMsgInet4(net_netFD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
				  size_t ooblen, const struct sockaddr_in *sa, ssize_t *n,
				  ssize_t *oobn) GO_MUST_CHECK;
go_error *net_netFD_writeMsgInet6(net_netFD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
				  size_t ooblen, const struct sockaddr_in6 *sa, ssize_t *n,
				  ssize_t *oobn) GO_MUST_CHECK;

// ---- udpsock.go, udpsock_posix.go ----

// Go: sockaddrToUDP(sa): NULL for a non-IP sockaddr.
net_Addr *net_sockaddrToUDP(const syscall_Sockaddr *sa, net_addrBuf *buf);
int net_UDPAddr_family(const net_UDPAddr *a);
go_error *net_UDPAddr_sockaddr(const net_UDPAddr *a, int family,
			       syscall_Sockaddr *sa) GO_MUST_CHECK;
void net_UDPAddr_toLocal(const net_UDPAddr *a, const char *net, net_addrBuf *out);
// Go: newUDPConn(fd): the UDPConn in fd's allocation.
net_UDPConn *net_newUDPConn(net_netFD *fd);
// Go: (*UDPConn).readFrom, readMsg (*addr as in ReadFromUDP), writeTo,
// writeMsg.
go_error *net_UDPConn_readFrom(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n,
			       net_UDPAddr *addr) GO_MUST_CHECK;
go_error *net_UDPConn_readMsg(net_UDPConn *c, uint8_t *b, size_t len, uint8_t *oob, size_t ooblen,
			      ssize_t *n, ssize_t *oobn, int *flags,
			      net_UDPAddr *addr) GO_MUST_CHECK;
go_error *net_UDPConn_writeTo(net_UDPConn *c, const uint8_t *b, size_t len, const net_UDPAddr *addr,
			      ssize_t *n) GO_MUST_CHECK;
go_error *net_UDPConn_writeMsg(net_UDPConn *c, const uint8_t *b, size_t len, const uint8_t *oob,
			       size_t ooblen, const net_UDPAddr *addr, ssize_t *n,
			       ssize_t *oobn) GO_MUST_CHECK;

// ---- unixsock.go, unixsock_posix.go ----

// C: the package's static copy of a Unix network name ("unix",
// "unixgram", "unixpacket" or ""), NULL for any other.
const char *net_unixNet(const char *net);
// C: a's Name, "" when NULL.
const char *net_UnixAddr_name(const net_UnixAddr *a);
bool net_UnixAddr_isWildcard(const net_UnixAddr *a);
const net_Addr *net_UnixAddr_opAddr(const net_UnixAddr *a);
int net_UnixAddr_family(const net_UnixAddr *a);
go_error *net_UnixAddr_sockaddr(const net_UnixAddr *a, int family,
				syscall_Sockaddr *sa) GO_MUST_CHECK;
void net_UnixAddr_toLocal(const net_UnixAddr *a, const char *net, net_addrBuf *out);
// Go: sockaddrToUnix, sockaddrToUnixgram, sockaddrToUnixpacket: NULL for a
// sockaddr of another family.
net_Addr *net_sockaddrToUnix(const syscall_Sockaddr *sa, net_addrBuf *buf);
net_Addr *net_sockaddrToUnixgram(const syscall_Sockaddr *sa, net_addrBuf *buf);
net_Addr *net_sockaddrToUnixpacket(const syscall_Sockaddr *sa, net_addrBuf *buf);
const char *net_sotypeToNet(int sotype);
// Go: unixSocket(ctx, net, laddr, raddr, mode, ctrlFn) (fd, err).
go_error *net_unixSocket(context_Context *ctx, const char *net, const net_UnixAddr *laddr,
			 const net_UnixAddr *raddr, const char *mode, net_ctrlFn ctrlFn,
			 net_netFD **fd) GO_MUST_CHECK;
// Go: r.(*UnixConn) for an io.Reader: NULL when r is something else.
net_UnixConn *net_Reader_UnixConn(io_Reader *r);
// Go: newUnixConn(fd): the UnixConn in fd's allocation.
net_UnixConn *net_newUnixConn(net_netFD *fd);
// Go: (*UnixConn).readFrom, readMsg (*addr as in ReadFromUnix), writeTo,
// writeMsg.
go_error *net_UnixConn_readFrom(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n,
				net_UnixAddr **addr) GO_MUST_CHECK;
go_error *net_UnixConn_readMsg(net_UnixConn *c, uint8_t *b, size_t len, uint8_t *oob, size_t ooblen,
			       ssize_t *n, ssize_t *oobn, int *flags,
			       net_UnixAddr **addr) GO_MUST_CHECK;
go_error *net_UnixConn_writeTo(net_UnixConn *c, const uint8_t *b, size_t len,
			       const net_UnixAddr *addr, ssize_t *n) GO_MUST_CHECK;
go_error *net_UnixConn_writeMsg(net_UnixConn *c, const uint8_t *b, size_t len, const uint8_t *oob,
				size_t ooblen, const net_UnixAddr *addr, ssize_t *n,
				ssize_t *oobn) GO_MUST_CHECK;
bool net_UnixListener_ok(const net_UnixListener *ln);
go_error *net_UnixListener_accept(net_UnixListener *ln, net_UnixConn **c) GO_MUST_CHECK;
go_error *net_UnixListener_close(net_UnixListener *ln) GO_MUST_CHECK;
go_error *net_UnixListener_file(net_UnixListener *ln, int *f) GO_MUST_CHECK;

// ---- dial.go ----

// Go: defaultTCPKeepAlive (15 s).
#define net_defaultTCPKeepAlive (15 * time_Second)

bool net_Dialer_dualStack(const net_Dialer *d);
time_Time net_minNonzeroTime(time_Time a, time_Time b);
time_Time net_Dialer_deadline(const net_Dialer *d, context_Context *ctx, time_Time now);
net_Resolver *net_Dialer_resolver(const net_Dialer *d);
// Go: partialDeadline(now, deadline, addrsRemaining) (time.Time, error).
go_error *net_partialDeadline(time_Time now, time_Time deadline, int addrsRemaining,
			      time_Time *t) GO_MUST_CHECK;
time_Duration net_Dialer_fallbackDelay(const net_Dialer *d);
// (parseNetwork is the resolver's: net/lookup.h.)

// Go: the testHookDialTCP field's type.
typedef go_error *(*net_dialTCPFunc)(context_Context *ctx, const char *net,
				     const net_TCPAddr *laddr, const net_TCPAddr *raddr,
				     net_TCPConn **c);

// Go: net.sysDialer {Dialer, network, address, testHookDialTCP}. network
// and address are borrowed for the duration of each call (dialParallel
// copies what its racers keep).
typedef struct net_sysDialer {
	net_Dialer Dialer;
	const char *network;
	const char *address;
	net_dialTCPFunc testHookDialTCP;
} net_sysDialer;

typedef struct net_addrList net_addrList; // net/lookup.h

// Go: (*sysDialer).dialParallel, dialSerial, dialSingle. The lists and ra
// are borrowed; *c is the caller's.
go_error *net_sysDialer_dialParallel(net_sysDialer *sd, context_Context *ctx,
				     const net_addrList *primaries, const net_addrList *fallbacks,
				     net_Conn **c) GO_MUST_CHECK;
go_error *net_sysDialer_dialSerial(net_sysDialer *sd, context_Context *ctx, const net_addrList *ras,
				   net_Conn **c) GO_MUST_CHECK;
go_error *net_sysDialer_dialSingle(net_sysDialer *sd, context_Context *ctx, const net_Addr *ra,
				   net_Conn **c) GO_MUST_CHECK;
// Go: (*sysDialer).dialTCP, doDialTCP (tcpsock_posix.go). laddr may be NULL.
go_error *net_sysDialer_dialTCP(net_sysDialer *sd, context_Context *ctx, const net_TCPAddr *laddr,
				const net_TCPAddr *raddr, net_TCPConn **c) GO_MUST_CHECK;
go_error *net_sysDialer_doDialTCP(net_sysDialer *sd, context_Context *ctx, const net_TCPAddr *laddr,
				  const net_TCPAddr *raddr, net_TCPConn **c) GO_MUST_CHECK;

// Go: net.sysListener {ListenConfig, network, address}.
typedef struct net_sysListener {
	net_ListenConfig ListenConfig;
	const char *network;
	const char *address;
} net_sysListener;
go_error *net_sysListener_listenTCP(net_sysListener *sl, context_Context *ctx,
				    const net_TCPAddr *laddr, net_TCPListener **ln) GO_MUST_CHECK;
// Go: (*sysDialer).dialUDP, (*sysListener).listenUDP (udpsock_posix.go).
go_error *net_sysDialer_dialUDP(net_sysDialer *sd, context_Context *ctx, const net_UDPAddr *laddr,
				const net_UDPAddr *raddr, net_UDPConn **c) GO_MUST_CHECK;
go_error *net_sysListener_listenUDP(net_sysListener *sl, context_Context *ctx,
				    const net_UDPAddr *laddr, net_UDPConn **c) GO_MUST_CHECK;
// Go: (*sysDialer).dialUnix, (*sysListener).listenUnix, listenUnixgram
// (unixsock_posix.go).
go_error *net_sysDialer_dialUnix(net_sysDialer *sd, context_Context *ctx, const net_UnixAddr *laddr,
				 const net_UnixAddr *raddr, net_UnixConn **c) GO_MUST_CHECK;
go_error *net_sysListener_listenUnix(net_sysListener *sl, context_Context *ctx,
				     const net_UnixAddr *laddr,
				     net_UnixListener **ln) GO_MUST_CHECK;
go_error *net_sysListener_listenUnixgram(net_sysListener *sl, context_Context *ctx,
					 const net_UnixAddr *laddr, net_UnixConn **c) GO_MUST_CHECK;

// ---- splice_linux.go, sendfile_linux.go ----
// Go: splice(c, r) (written, err, handled).
go_error *net_splice(net_netFD *c, io_Reader *r, int64_t *written, bool *handled) GO_MUST_CHECK;

#endif

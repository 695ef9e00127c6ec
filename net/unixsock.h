// C port of go1.19 src/net/unixsock.go (and the exported side of
// unixsock_posix.go): UnixAddr, UnixConn, UnixListener, DialUnix,
// ListenUnix, ListenUnixgram, ResolveUnixAddr. Unix domain sockets of the
// three kinds Go knows: "unix" (SOCK_STREAM), "unixpacket"
// (SOCK_SEQPACKET) and "unixgram" (SOCK_DGRAM).
//
// Ownership: see net/conn.h. A UnixConn or UnixListener is one allocation
// holding its interface header, its netFD and the netFD's poll.FD;
// net_UnixConn_Free and net_UnixListener_Free release it after Close.
#ifndef GONET_NET_UNIXSOCK_H
#define GONET_NET_UNIXSOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/un.h>

#include "io/io.h"
#include "net/conn.h"
#include "net/net.h"
#include "sync/sync.h"
#include "syscall/syscall.h"
#include "time/time.h"

// Go: net.UnixAddr {Name, Net}. C: Name and Net are borrowed strings: an
// address the caller makes points at the caller's strings (literals, say:
// NET_UNIXADDR(.Name = "/tmp/echo.sock", .Net = "unix")); one the package
// returns (LocalAddr, Addr ...) points into its owner and lives as long;
// net_Addr_clone makes a heap copy that owns both. A NULL *UnixAddr is
// Go's nil.
typedef struct net_UnixAddr {
	net_Addr addr; // C: the interface header, &net_UnixAddr_methods
	const char *Name;
	const char *Net;
} net_UnixAddr;
extern const net_Addr_methods net_UnixAddr_methods;
#define NET_UNIXADDR(...) ((net_UnixAddr){.addr = {&net_UnixAddr_methods}, __VA_ARGS__})

// C: the longest Name a socket can have, and room for one returned by the
// kernel (sun_path's size, plus a terminating NUL).
enum { net_UnixNameLen = sizeof(((struct sockaddr_un *)0)->sun_path) + 1 };

// Go: (*UnixAddr).Network, String. C: a may be NULL (String: "<nil>",
// malloc'd like every net_Addr_String).
const char *net_UnixAddr_Network(const net_UnixAddr *a);
char *net_UnixAddr_String(const net_UnixAddr *a);

// Go: net.ResolveUnixAddr. C: *addr borrows address for its Name; its Net
// is the package's own copy of network.
go_error *net_ResolveUnixAddr(const char *network, const char *address,
			      net_UnixAddr *addr) GO_MUST_CHECK;

// Go: net.UnixConn {conn}. The net_Conn header makes it a Conn.
typedef struct net_UnixConn {
	net_Conn ifc;          // C: &net_UnixConn_methods
	net_PacketConn packet; // C: c as a PacketConn (net_UnixConn_PacketConn)
	io_Reader reader;      // C: c as an io.Reader (net_UnixConn_Reader)
	io_Writer writer;      // C: c as an io.Writer (net_UnixConn_Writer)
	net_conn conn;
} net_UnixConn;
extern const net_Conn_methods net_UnixConn_methods;

extern const net_PacketConn_methods net_UnixConn_packetMethods;

// Go: c as a Conn, a PacketConn, an io.Reader, an io.Writer (views of c).
net_Conn *net_UnixConn_Conn(net_UnixConn *c);
net_PacketConn *net_UnixConn_PacketConn(net_UnixConn *c);
io_Reader *net_UnixConn_Reader(net_UnixConn *c);
io_Writer *net_UnixConn_Writer(net_UnixConn *c);
// Go: the type assertions c.(*UnixConn): NULL when c is something else.
net_UnixConn *net_Conn_UnixConn(net_Conn *c);
net_UnixConn *net_PacketConn_UnixConn(net_PacketConn *c);

// Go: conn's methods, promoted to UnixConn.
go_error *net_UnixConn_Read(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_UnixConn_Write(net_UnixConn *c, const uint8_t *b, size_t len,
			     ssize_t *n) GO_MUST_CHECK;
go_error *net_UnixConn_Close(net_UnixConn *c) GO_MUST_CHECK;
const net_Addr *net_UnixConn_LocalAddr(net_UnixConn *c);
const net_Addr *net_UnixConn_RemoteAddr(net_UnixConn *c);
go_error *net_UnixConn_SetDeadline(net_UnixConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_UnixConn_SetReadDeadline(net_UnixConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_UnixConn_SetWriteDeadline(net_UnixConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_UnixConn_SetReadBuffer(net_UnixConn *c, int bytes) GO_MUST_CHECK;
go_error *net_UnixConn_SetWriteBuffer(net_UnixConn *c, int bytes) GO_MUST_CHECK;
// Go: (*UnixConn).File: *f is a duplicate descriptor (see net_conn_File).
go_error *net_UnixConn_File(net_UnixConn *c, int *f) GO_MUST_CHECK;
// C: releases c after Close (net/conn.h rule 3). NULL is fine.
void net_UnixConn_Free(net_UnixConn *c);

// Go: UnixConn's own methods.
// SyscallConn: *rc is heap memory, released with syscall_RawConn_Free.
go_error *net_UnixConn_SyscallConn(net_UnixConn *c, syscall_RawConn **rc) GO_MUST_CHECK;
go_error *net_UnixConn_CloseRead(net_UnixConn *c) GO_MUST_CHECK;
go_error *net_UnixConn_CloseWrite(net_UnixConn *c) GO_MUST_CHECK;
// ReadFromUnix, ReadFrom, ReadMsgUnix: *addr is the sender, a heap
// UnixAddr the caller releases with net_Addr_free; NULL (Go's nil) when
// the sender has no name. ReadMsgUnix reads ancillary data into oob
// (descriptors passed in it are close-on-exec).
go_error *net_UnixConn_ReadFromUnix(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n,
				    net_UnixAddr **addr) GO_MUST_CHECK;
go_error *net_UnixConn_ReadFrom(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n,
				net_Addr **addr) GO_MUST_CHECK;
go_error *net_UnixConn_ReadMsgUnix(net_UnixConn *c, uint8_t *b, size_t len, uint8_t *oob,
				   size_t ooblen, ssize_t *n, ssize_t *oobn, int *flags,
				   net_UnixAddr **addr) GO_MUST_CHECK;
// WriteToUnix, WriteTo, WriteMsgUnix: addr is borrowed; NULL is Go's nil.
// WriteTo takes any Addr and refuses all but a *UnixAddr (EINVAL).
go_error *net_UnixConn_WriteToUnix(net_UnixConn *c, const uint8_t *b, size_t len,
				   const net_UnixAddr *addr, ssize_t *n) GO_MUST_CHECK;
go_error *net_UnixConn_WriteTo(net_UnixConn *c, const uint8_t *b, size_t len, const net_Addr *addr,
			       ssize_t *n) GO_MUST_CHECK;
go_error *net_UnixConn_WriteMsgUnix(net_UnixConn *c, const uint8_t *b, size_t len,
				    const uint8_t *oob, size_t ooblen, const net_UnixAddr *addr,
				    ssize_t *n, ssize_t *oobn) GO_MUST_CHECK;

// Go: net.UnixListener {fd, path, unlink, unlinkOnce}. The net_Listener
// header makes it a Listener.
typedef struct net_UnixListener {
	net_Listener ifc; // C: &net_UnixListener_methods
	net_netFD *fd;
	char *path; // C: malloc'd, freed with the listener
	bool unlink;
	sync_Once unlinkOnce;
} net_UnixListener;
extern const net_Listener_methods net_UnixListener_methods;

// Go: the Listener interface value holding l, and the assertion back.
net_Listener *net_UnixListener_Listener(net_UnixListener *l);
net_UnixListener *net_Listener_UnixListener(net_Listener *l);

go_error *net_UnixListener_SyscallConn(net_UnixListener *l, syscall_RawConn **rc) GO_MUST_CHECK;
// AcceptUnix: *c is a new UnixConn owned by the caller.
go_error *net_UnixListener_AcceptUnix(net_UnixListener *l, net_UnixConn **c) GO_MUST_CHECK;
go_error *net_UnixListener_Accept(net_UnixListener *l, net_Conn **c) GO_MUST_CHECK;
// Close removes the socket file the listener created (unless
// SetUnlinkOnClose(false)), once, then closes the descriptor.
go_error *net_UnixListener_Close(net_UnixListener *l) GO_MUST_CHECK;
const net_Addr *net_UnixListener_Addr(net_UnixListener *l);
go_error *net_UnixListener_SetDeadline(net_UnixListener *l, time_Time t) GO_MUST_CHECK;
// Go: (*UnixListener).File: *f is a duplicate descriptor (see net_conn_File).
go_error *net_UnixListener_File(net_UnixListener *l, int *f) GO_MUST_CHECK;
void net_UnixListener_SetUnlinkOnClose(net_UnixListener *l, bool unlink);
// C: releases l after Close. NULL is fine.
void net_UnixListener_Free(net_UnixListener *l);

// Go: net.DialUnix, ListenUnix, ListenUnixgram. The addresses are
// borrowed; NULL is Go's nil.
go_error *net_DialUnix(const char *network, const net_UnixAddr *laddr, const net_UnixAddr *raddr,
		       net_UnixConn **c) GO_MUST_CHECK;
go_error *net_ListenUnix(const char *network, const net_UnixAddr *laddr,
			 net_UnixListener **l) GO_MUST_CHECK;
go_error *net_ListenUnixgram(const char *network, const net_UnixAddr *laddr,
			     net_UnixConn **c) GO_MUST_CHECK;

#endif

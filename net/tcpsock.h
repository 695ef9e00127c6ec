// C port of go1.19 src/net/tcpsock.go (and the exported side of
// tcpsock_posix.go): TCPConn, TCPListener, DialTCP, ListenTCP,
// ResolveTCPAddr. TCPAddr itself is in net/ipsock.h.
//
// Ownership: see net/conn.h. A TCPConn is one allocation holding its Conn
// interface header, its netFD and the netFD's poll.FD; net_TCPConn_Free (or
// net_Conn_Free on net_TCPConn_Conn(c)) releases it after Close.
#ifndef GONET_NET_TCPSOCK_H
#define GONET_NET_TCPSOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "io/io.h"
#include "net/conn.h"
#include "net/dial.h"
#include "net/ipsock.h"
#include "syscall/syscall.h"
#include "time/time.h"

// Go: net.TCPConn {conn}. The net_Conn header makes it a Conn (Go: the
// interface value holding a *TCPConn).
struct net_TCPConn {
	net_Conn ifc;     // C: &net_TCPConn_methods
	io_Reader reader; // C: c as an io.Reader (net_TCPConn_Reader)
	io_Writer writer; // C: c as an io.Writer (net_TCPConn_Writer)
	net_conn conn;
};
extern const net_Conn_methods net_TCPConn_methods;
extern const io_Reader_methods net_TCPConn_readerMethods;
extern const io_Writer_methods net_TCPConn_writerMethods;

// Go: c used as an io.Reader or io.Writer (for ReadFrom, io_Copy ...); a
// view of c, like net_TCPConn_Conn.
io_Reader *net_TCPConn_Reader(net_TCPConn *c);
io_Writer *net_TCPConn_Writer(net_TCPConn *c);

// Go: the Conn interface value holding c (c itself, seen as a Conn).
net_Conn *net_TCPConn_Conn(net_TCPConn *c);

// Go: conn's methods, promoted to TCPConn.
go_error *net_TCPConn_Read(net_TCPConn *c, uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_TCPConn_Write(net_TCPConn *c, const uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_TCPConn_Close(net_TCPConn *c) GO_MUST_CHECK;
const net_Addr *net_TCPConn_LocalAddr(net_TCPConn *c);
const net_Addr *net_TCPConn_RemoteAddr(net_TCPConn *c);
go_error *net_TCPConn_SetDeadline(net_TCPConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_TCPConn_SetReadDeadline(net_TCPConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_TCPConn_SetWriteDeadline(net_TCPConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_TCPConn_SetReadBuffer(net_TCPConn *c, int bytes) GO_MUST_CHECK;
go_error *net_TCPConn_SetWriteBuffer(net_TCPConn *c, int bytes) GO_MUST_CHECK;
// Go: (*TCPConn).File (see net_conn_File: *f is a descriptor here).
go_error *net_TCPConn_File(net_TCPConn *c, int *f) GO_MUST_CHECK;
// C: releases c after Close (net/conn.h rule 3). NULL is fine.
void net_TCPConn_Free(net_TCPConn *c);

// Go: TCPConn's own methods.
// SyscallConn: *rc is heap memory, released with syscall_RawConn_Free.
go_error *net_TCPConn_SyscallConn(net_TCPConn *c, syscall_RawConn **rc) GO_MUST_CHECK;
// ReadFrom: io.ReaderFrom. Splices from another *TCPConn (or an
// io_LimitedReader over one), else copies through a buffer.
go_error *net_TCPConn_ReadFrom(net_TCPConn *c, io_Reader *r, int64_t *n) GO_MUST_CHECK;
go_error *net_TCPConn_CloseRead(net_TCPConn *c) GO_MUST_CHECK;
go_error *net_TCPConn_CloseWrite(net_TCPConn *c) GO_MUST_CHECK;
go_error *net_TCPConn_SetLinger(net_TCPConn *c, int sec) GO_MUST_CHECK;
go_error *net_TCPConn_SetKeepAlive(net_TCPConn *c, bool keepalive) GO_MUST_CHECK;
go_error *net_TCPConn_SetKeepAlivePeriod(net_TCPConn *c, time_Duration d) GO_MUST_CHECK;
go_error *net_TCPConn_SetNoDelay(net_TCPConn *c, bool noDelay) GO_MUST_CHECK;

// Go: net.TCPListener {fd, lc}. The net_Listener header makes it a Listener.
struct net_TCPListener {
	net_Listener ifc; // C: &net_TCPListener_methods
	net_netFD *fd;
	net_ListenConfig lc;
};
extern const net_Listener_methods net_TCPListener_methods;

// Go: the Listener interface value holding l.
net_Listener *net_TCPListener_Listener(net_TCPListener *l);

go_error *net_TCPListener_SyscallConn(net_TCPListener *l, syscall_RawConn **rc) GO_MUST_CHECK;
// AcceptTCP: *c is a new TCPConn owned by the caller.
go_error *net_TCPListener_AcceptTCP(net_TCPListener *l, net_TCPConn **c) GO_MUST_CHECK;
go_error *net_TCPListener_Accept(net_TCPListener *l, net_Conn **c) GO_MUST_CHECK;
go_error *net_TCPListener_Close(net_TCPListener *l) GO_MUST_CHECK;
const net_Addr *net_TCPListener_Addr(net_TCPListener *l);
go_error *net_TCPListener_SetDeadline(net_TCPListener *l, time_Time t) GO_MUST_CHECK;
// Go: (*TCPListener).File: *f is a duplicate descriptor (see net_conn_File).
go_error *net_TCPListener_File(net_TCPListener *l, int *f) GO_MUST_CHECK;
// C: releases l after Close. NULL is fine.
void net_TCPListener_Free(net_TCPListener *l);

// Go: net.DialTCP, net.ListenTCP. laddr, raddr borrowed; NULL is Go's nil.
go_error *net_DialTCP(const char *network, const net_TCPAddr *laddr, const net_TCPAddr *raddr,
		      net_TCPConn **c) GO_MUST_CHECK;
go_error *net_ListenTCP(const char *network, const net_TCPAddr *laddr,
			net_TCPListener **l) GO_MUST_CHECK;

// Go: net.ResolveTCPAddr. C: the result is copied into *addr (zeroed, with
// its method table, on error).
go_error *net_ResolveTCPAddr(const char *network, const char *address,
			     net_TCPAddr *addr) GO_MUST_CHECK;

#endif

// C port of go1.19 src/net/udpsock.go (and the exported side of
// udpsock_posix.go): UDPConn, DialUDP, ListenUDP, ResolveUDPAddr. UDPAddr
// itself is in net/ipsock.h.
//
// C: not ported: the netip.AddrPort methods (gonet has no net/netip) and
// ListenMulticastUDP (it takes a *net.Interface, which gonet has not).
//
// Ownership: see net/conn.h. A UDPConn is one allocation holding its
// interface headers, its netFD and the netFD's poll.FD; net_UDPConn_Free
// (or the Free of its Conn or PacketConn view) releases it after Close.
#ifndef GONET_NET_UDPSOCK_H
#define GONET_NET_UDPSOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "io/io.h"
#include "net/conn.h"
#include "net/ipsock.h"
#include "syscall/syscall.h"
#include "time/time.h"

// Go: net.UDPConn {conn}. It is both a Conn and a PacketConn.
typedef struct net_UDPConn {
	net_Conn ifc;          // C: &net_UDPConn_methods
	net_PacketConn packet; // C: c as a PacketConn (net_UDPConn_PacketConn)
	io_Reader reader;      // C: c as an io.Reader
	io_Writer writer;      // C: c as an io.Writer
	net_conn conn;
} net_UDPConn;
extern const net_Conn_methods net_UDPConn_methods;
extern const net_PacketConn_methods net_UDPConn_packetMethods;

// Go: c as a Conn, a PacketConn, an io.Reader, an io.Writer (views of c),
// and the type assertions back.
net_Conn *net_UDPConn_Conn(net_UDPConn *c);
net_PacketConn *net_UDPConn_PacketConn(net_UDPConn *c);
io_Reader *net_UDPConn_Reader(net_UDPConn *c);
io_Writer *net_UDPConn_Writer(net_UDPConn *c);
net_UDPConn *net_Conn_UDPConn(net_Conn *c);
net_UDPConn *net_PacketConn_UDPConn(net_PacketConn *c);

// Go: conn's methods, promoted to UDPConn.
go_error *net_UDPConn_Read(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_UDPConn_Write(net_UDPConn *c, const uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_UDPConn_Close(net_UDPConn *c) GO_MUST_CHECK;
const net_Addr *net_UDPConn_LocalAddr(net_UDPConn *c);
const net_Addr *net_UDPConn_RemoteAddr(net_UDPConn *c);
go_error *net_UDPConn_SetDeadline(net_UDPConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_UDPConn_SetReadDeadline(net_UDPConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_UDPConn_SetWriteDeadline(net_UDPConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_UDPConn_SetReadBuffer(net_UDPConn *c, int bytes) GO_MUST_CHECK;
go_error *net_UDPConn_SetWriteBuffer(net_UDPConn *c, int bytes) GO_MUST_CHECK;
// Go: (*UDPConn).File: *f is a duplicate descriptor (see net_conn_File).
go_error *net_UDPConn_File(net_UDPConn *c, int *f) GO_MUST_CHECK;
// C: releases c after Close (net/conn.h rule 3). NULL is fine.
void net_UDPConn_Free(net_UDPConn *c);

// Go: UDPConn's own methods.
// SyscallConn: *rc is heap memory, released with syscall_RawConn_Free.
go_error *net_UDPConn_SyscallConn(net_UDPConn *c, syscall_RawConn **rc) GO_MUST_CHECK;
// ReadFromUDP: *addr receives the sender (left zeroed, with its method
// table, on error). ReadFrom: *addr is a heap Addr the caller releases
// with net_Addr_free, NULL on error (Go's nil).
go_error *net_UDPConn_ReadFromUDP(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n,
				  net_UDPAddr *addr) GO_MUST_CHECK;
go_error *net_UDPConn_ReadFrom(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n,
			       net_Addr **addr) GO_MUST_CHECK;
// ReadMsgUDP: ancillary data into oob; *addr as in ReadFromUDP.
go_error *net_UDPConn_ReadMsgUDP(net_UDPConn *c, uint8_t *b, size_t len, uint8_t *oob,
				 size_t ooblen, ssize_t *n, ssize_t *oobn, int *flags,
				 net_UDPAddr *addr) GO_MUST_CHECK;
// WriteToUDP, WriteTo, WriteMsgUDP: addr is borrowed; NULL is Go's nil.
// WriteTo takes any Addr and refuses all but a *UDPAddr (EINVAL).
go_error *net_UDPConn_WriteToUDP(net_UDPConn *c, const uint8_t *b, size_t len,
				 const net_UDPAddr *addr, ssize_t *n) GO_MUST_CHECK;
go_error *net_UDPConn_WriteTo(net_UDPConn *c, const uint8_t *b, size_t len, const net_Addr *addr,
			      ssize_t *n) GO_MUST_CHECK;
go_error *net_UDPConn_WriteMsgUDP(net_UDPConn *c, const uint8_t *b, size_t len, const uint8_t *oob,
				  size_t ooblen, const net_UDPAddr *addr, ssize_t *n,
				  ssize_t *oobn) GO_MUST_CHECK;

// Go: net.DialUDP, net.ListenUDP. The addresses are borrowed; NULL is
// Go's nil (ListenUDP then binds the wildcard address, any port).
go_error *net_DialUDP(const char *network, const net_UDPAddr *laddr, const net_UDPAddr *raddr,
		      net_UDPConn **c) GO_MUST_CHECK;
go_error *net_ListenUDP(const char *network, const net_UDPAddr *laddr,
			net_UDPConn **c) GO_MUST_CHECK;

// Go: net.ResolveUDPAddr ("udp", "udp4", "udp6"; "" means "udp"). C: the
// result is copied into *addr (zeroed, with its method table, on error).
go_error *net_ResolveUDPAddr(const char *network, const char *address,
			     net_UDPAddr *addr) GO_MUST_CHECK;

#endif

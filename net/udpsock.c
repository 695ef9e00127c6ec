// C port of go1.19 src/net/udpsock.go: UDPConn with its methods,
// newUDPConn, DialUDP, ListenUDP, ResolveUDPAddr. (UDPAddr's own methods
// are in net/ipsock.c.)
#include "net/net_impl.h"

#include <stdlib.h>
#include <string.h>

#include "context/context.h"
#include "net/lookup.h"

// ---- UDPConn ----

static net_UDPConn *
udpConn(net_Conn *c)
{
	return containerof(c, net_UDPConn, ifc);
}

// C: the Conn interface methods of *UDPConn.
static go_error *
UDPConn_Read(net_Conn *c, uint8_t *b, size_t len, ssize_t *n)
{
	return net_UDPConn_Read(udpConn(c), b, len, n);
}

static go_error *
UDPConn_Write(net_Conn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	return net_UDPConn_Write(udpConn(c), b, len, n);
}

static go_error *
UDPConn_Close(net_Conn *c)
{
	return net_UDPConn_Close(udpConn(c));
}

static const net_Addr *
UDPConn_LocalAddr(net_Conn *c)
{
	return net_UDPConn_LocalAddr(udpConn(c));
}

static const net_Addr *
UDPConn_RemoteAddr(net_Conn *c)
{
	return net_UDPConn_RemoteAddr(udpConn(c));
}

static go_error *
UDPConn_SetDeadline(net_Conn *c, time_Time t)
{
	return net_UDPConn_SetDeadline(udpConn(c), t);
}

static go_error *
UDPConn_SetReadDeadline(net_Conn *c, time_Time t)
{
	return net_UDPConn_SetReadDeadline(udpConn(c), t);
}

static go_error *
UDPConn_SetWriteDeadline(net_Conn *c, time_Time t)
{
	return net_UDPConn_SetWriteDeadline(udpConn(c), t);
}

static void
UDPConn_Free(net_Conn *c)
{
	net_UDPConn_Free(udpConn(c));
}

const net_Conn_methods net_UDPConn_methods = {
	.type = "*net.UDPConn",
	.Read = UDPConn_Read,
	.Write = UDPConn_Write,
	.Close = UDPConn_Close,
	.LocalAddr = UDPConn_LocalAddr,
	.RemoteAddr = UDPConn_RemoteAddr,
	.SetDeadline = UDPConn_SetDeadline,
	.SetReadDeadline = UDPConn_SetReadDeadline,
	.SetWriteDeadline = UDPConn_SetWriteDeadline,
	.Free = UDPConn_Free,
};

static net_UDPConn *
packetUDPConn(net_PacketConn *c)
{
	return containerof(c, net_UDPConn, packet);
}

// C: the PacketConn interface methods of *UDPConn.
static go_error *
UDPConn_packet_ReadFrom(net_PacketConn *c, uint8_t *p, size_t len, ssize_t *n, net_Addr **addr)
{
	return net_UDPConn_ReadFrom(packetUDPConn(c), p, len, n, addr);
}

static go_error *
UDPConn_packet_WriteTo(net_PacketConn *c, const uint8_t *p, size_t len, const net_Addr *addr,
		       ssize_t *n)
{
	return net_UDPConn_WriteTo(packetUDPConn(c), p, len, addr, n);
}

static go_error *
UDPConn_packet_Close(net_PacketConn *c)
{
	return net_UDPConn_Close(packetUDPConn(c));
}

static const net_Addr *
UDPConn_packet_LocalAddr(net_PacketConn *c)
{
	return net_UDPConn_LocalAddr(packetUDPConn(c));
}

static go_error *
UDPConn_packet_SetDeadline(net_PacketConn *c, time_Time t)
{
	return net_UDPConn_SetDeadline(packetUDPConn(c), t);
}

static go_error *
UDPConn_packet_SetReadDeadline(net_PacketConn *c, time_Time t)
{
	return net_UDPConn_SetReadDeadline(packetUDPConn(c), t);
}

static go_error *
UDPConn_packet_SetWriteDeadline(net_PacketConn *c, time_Time t)
{
	return net_UDPConn_SetWriteDeadline(packetUDPConn(c), t);
}

static void
UDPConn_packet_Free(net_PacketConn *c)
{
	net_UDPConn_Free(packetUDPConn(c));
}

const net_PacketConn_methods net_UDPConn_packetMethods = {
	.type = "*net.UDPConn",
	.ReadFrom = UDPConn_packet_ReadFrom,
	.WriteTo = UDPConn_packet_WriteTo,
	.Close = UDPConn_packet_Close,
	.LocalAddr = UDPConn_packet_LocalAddr,
	.SetDeadline = UDPConn_packet_SetDeadline,
	.SetReadDeadline = UDPConn_packet_SetReadDeadline,
	.SetWriteDeadline = UDPConn_packet_SetWriteDeadline,
	.Free = UDPConn_packet_Free,
};

static go_error *
UDPConn_reader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	return net_UDPConn_Read(containerof(r, net_UDPConn, reader), p, len, n);
}

static go_error *
UDPConn_writer_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	return net_UDPConn_Write(containerof(w, net_UDPConn, writer), p, len, n);
}

static const io_Reader_methods udpConnReaderMethods = {
	.type = "*net.UDPConn",
	.Read = UDPConn_reader_Read,
};

static const io_Writer_methods udpConnWriterMethods = {
	.type = "*net.UDPConn",
	.Write = UDPConn_writer_Write,
};

net_Conn *
net_UDPConn_Conn(net_UDPConn *c)
{
	return c != NULL ? &c->ifc : NULL;
}

net_PacketConn *
net_UDPConn_PacketConn(net_UDPConn *c)
{
	return c != NULL ? &c->packet : NULL;
}

io_Reader *
net_UDPConn_Reader(net_UDPConn *c)
{
	return c != NULL ? &c->reader : NULL;
}

io_Writer *
net_UDPConn_Writer(net_UDPConn *c)
{
	return c != NULL ? &c->writer : NULL;
}

net_UDPConn *
net_Conn_UDPConn(net_Conn *c)
{
	if (c == NULL || c->m != &net_UDPConn_methods)
		return NULL;
	return udpConn(c);
}

net_UDPConn *
net_PacketConn_UDPConn(net_PacketConn *c)
{
	if (c == NULL || c->m != &net_UDPConn_packetMethods)
		return NULL;
	return packetUDPConn(c);
}

// C: a NULL *UDPConn is Go's nil one: conn's methods see an invalid conn.
static net_conn *
connOf(net_UDPConn *c)
{
	return c != NULL ? &c->conn : NULL;
}

go_error *
net_UDPConn_Read(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Read(connOf(c), b, len, n);
}

go_error *
net_UDPConn_Write(net_UDPConn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Write(connOf(c), b, len, n);
}

go_error *
net_UDPConn_Close(net_UDPConn *c)
{
	return net_conn_Close(connOf(c));
}

const net_Addr *
net_UDPConn_LocalAddr(net_UDPConn *c)
{
	return net_conn_LocalAddr(connOf(c));
}

const net_Addr *
net_UDPConn_RemoteAddr(net_UDPConn *c)
{
	return net_conn_RemoteAddr(connOf(c));
}

go_error *
net_UDPConn_SetDeadline(net_UDPConn *c, time_Time t)
{
	return net_conn_SetDeadline(connOf(c), t);
}

go_error *
net_UDPConn_SetReadDeadline(net_UDPConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(connOf(c), t);
}

go_error *
net_UDPConn_SetWriteDeadline(net_UDPConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(connOf(c), t);
}

go_error *
net_UDPConn_SetReadBuffer(net_UDPConn *c, int bytes)
{
	return net_conn_SetReadBuffer(connOf(c), bytes);
}

go_error *
net_UDPConn_SetWriteBuffer(net_UDPConn *c, int bytes)
{
	return net_conn_SetWriteBuffer(connOf(c), bytes);
}

go_error *
net_UDPConn_File(net_UDPConn *c, int *f)
{
	return net_conn_File(connOf(c), f);
}

// C: the UDPConn lives in its netFD's allocation (net/fd.h).
void
net_UDPConn_Free(net_UDPConn *c)
{
	if (c != NULL)
		net_netFD_free(c->conn.fd);
}

// C: &OpError{Op: op, Net: c.fd.net, Source: c.fd.laddr, Addr: addr, Err: err}
static go_error *
opErrorAddr(net_UDPConn *c, const char *op, const net_Addr *addr, go_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(op, c->conn.fd->net, c->conn.fd->laddr, addr, err);
}

// C: the same with Addr: c.fd.raddr.
static go_error *
opError(net_UDPConn *c, const char *op, go_error *err)
{
	return err != NULL ? opErrorAddr(c, op, c->conn.fd->raddr, err) : NULL;
}

static bool
ok(net_UDPConn *c)
{
	return c != NULL && net_conn_ok(&c->conn);
}

/* Go: net/udpsock.go (*UDPConn).SyscallConn */
go_error *
net_UDPConn_SyscallConn(net_UDPConn *c, syscall_RawConn **rc)
{
	net_rawConn *r;
	go_error *err;

	*rc = NULL;
	if (!ok(c))
		return syscall_EINVAL;
	if ((err = net_newRawConn(c->conn.fd, &r)) != NULL)
		return err;
	*rc = &r->rc;
	return NULL;
}

/* Go: net/udpsock.go (*UDPConn).readFromUDP */
// C: addr is the caller's UDPAddr to fill (Go's &UDPAddr{} that it
// returns, nil on error); on error it is left zeroed.
static go_error *
UDPConn_readFromUDP(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n, net_UDPAddr *addr)
{
	*n = 0;
	*addr = NET_UDPADDR();
	if (!ok(c))
		return syscall_EINVAL;
	return opError(c, "read", net_UDPConn_readFrom(c, b, len, n, addr));
}

/* Go: net/udpsock.go (*UDPConn).ReadFromUDP */
go_error *
net_UDPConn_ReadFromUDP(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n, net_UDPAddr *addr)
{
	return UDPConn_readFromUDP(c, b, len, n, addr);
}

/* Go: net/udpsock.go (*UDPConn).ReadFrom */
// C: the sender is cloned to the heap (a PacketConn returns an Addr the
// caller owns); NULL on error, as Go returns a nil Addr.
go_error *
net_UDPConn_ReadFrom(net_UDPConn *c, uint8_t *b, size_t len, ssize_t *n, net_Addr **addr)
{
	net_UDPAddr a;
	go_error *err;

	*addr = NULL;
	if ((err = UDPConn_readFromUDP(c, b, len, n, &a)) != NULL)
		return err;
	*addr = net_Addr_clone(&a.addr);
	return NULL;
}

/* Go: net/udpsock.go (*UDPConn).ReadMsgUDP */
// C: Go 1.19 reads a netip.AddrPort and converts it; gonet has no netip,
// so readMsg fills the UDPAddr directly.
go_error *
net_UDPConn_ReadMsgUDP(net_UDPConn *c, uint8_t *b, size_t len, uint8_t *oob, size_t ooblen,
		       ssize_t *n, ssize_t *oobn, int *flags, net_UDPAddr *addr)
{
	*n = 0;
	*oobn = 0;
	*flags = 0;
	*addr = NET_UDPADDR();
	if (!ok(c))
		return syscall_EINVAL;
	return opError(c, "read",
		       net_UDPConn_readMsg(c, b, len, oob, ooblen, n, oobn, flags, addr));
}

/* Go: net/udpsock.go (*UDPConn).WriteToUDP */
go_error *
net_UDPConn_WriteToUDP(net_UDPConn *c, const uint8_t *b, size_t len, const net_UDPAddr *addr,
		       ssize_t *n)
{
	*n = 0;
	if (!ok(c))
		return syscall_EINVAL;
	return opErrorAddr(c, "write", addr != NULL ? &addr->addr : NULL,
			   net_UDPConn_writeTo(c, b, len, addr, n));
}

/* Go: net/udpsock.go (*UDPConn).WriteTo */
go_error *
net_UDPConn_WriteTo(net_UDPConn *c, const uint8_t *b, size_t len, const net_Addr *addr, ssize_t *n)
{
	const net_UDPAddr *a;

	*n = 0;
	if (!ok(c))
		return syscall_EINVAL;
	if (addr == NULL || addr->m != &net_UDPAddr_methods)
		return opErrorAddr(c, "write", addr, syscall_EINVAL);
	a = (const net_UDPAddr *)addr;
	return opErrorAddr(c, "write", &a->addr, net_UDPConn_writeTo(c, b, len, a, n));
}

/* Go: net/udpsock.go (*UDPConn).WriteMsgUDP */
go_error *
net_UDPConn_WriteMsgUDP(net_UDPConn *c, const uint8_t *b, size_t len, const uint8_t *oob,
			size_t ooblen, const net_UDPAddr *addr, ssize_t *n, ssize_t *oobn)
{
	*n = 0;
	*oobn = 0;
	if (!ok(c))
		return syscall_EINVAL;
	return opErrorAddr(c, "write", addr != NULL ? &addr->addr : NULL,
			   net_UDPConn_writeMsg(c, b, len, oob, ooblen, addr, n, oobn));
}

/* Go: net/udpsock.go newUDPConn */
// C: the UDPConn is built inside fd's allocation.
net_UDPConn *
net_newUDPConn(net_netFD *fd)
{
	net_UDPConn *c = &fd->owner.udpConn;

	c->ifc.m = &net_UDPConn_methods;
	c->packet.m = &net_UDPConn_packetMethods;
	c->reader.m = &udpConnReaderMethods;
	c->writer.m = &udpConnWriterMethods;
	c->conn.fd = fd;
	return c;
}

static bool
isUDPNetwork(const char *network)
{
	return strcmp(network, "udp") == 0 || strcmp(network, "udp4") == 0 ||
	       strcmp(network, "udp6") == 0;
}

/* Go: net/udpsock.go DialUDP */
go_error *
net_DialUDP(const char *network, const net_UDPAddr *laddr, const net_UDPAddr *raddr,
	    net_UDPConn **c)
{
	const net_Addr *la = laddr != NULL ? &laddr->addr : NULL;
	const net_Addr *ra = raddr != NULL ? &raddr->addr : NULL;
	net_sysDialer sd = {0};
	char *address;
	go_error *err;

	*c = NULL;
	if (!isUDPNetwork(network))
		return net_newOpError("dial", network, la, ra, net_newUnknownNetworkError(network));
	if (raddr == NULL)
		return net_newOpError("dial", network, la, NULL, net_errMissingAddress);
	address = net_UDPAddr_String(raddr);
	sd.network = network;
	sd.address = address;
	err = net_sysDialer_dialUDP(&sd, context_Background(), laddr, raddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("dial", network, la, ra, err);
	return NULL;
}

/* Go: net/udpsock.go ListenUDP */
go_error *
net_ListenUDP(const char *network, const net_UDPAddr *laddr, net_UDPConn **c)
{
	net_UDPAddr zero = NET_UDPADDR();
	net_sysListener sl = {0};
	char *address;
	go_error *err;

	*c = NULL;
	if (!isUDPNetwork(network))
		return net_newOpError("listen", network, NULL, laddr != NULL ? &laddr->addr : NULL,
				      net_newUnknownNetworkError(network));
	if (laddr == NULL)
		laddr = &zero;
	address = net_UDPAddr_String(laddr);
	sl.network = network;
	sl.address = address;
	err = net_sysListener_listenUDP(&sl, context_Background(), laddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, &laddr->addr, err);
	return NULL;
}

/* Go: net/udpsock.go ResolveUDPAddr */
go_error *
net_ResolveUDPAddr(const char *network, const char *address, net_UDPAddr *addr)
{
	net_addrList addrs = {0};
	go_error *err;

	*addr = NET_UDPADDR();
	if (strcmp(network, "") == 0) // Go 1.0's undocumented wildcard
		network = "udp";
	else if (!isUDPNetwork(network))
		return net_newUnknownNetworkError(network);
	err = net_Resolver_internetAddrList(&net_DefaultResolver, context_Background(), network,
					    address, &addrs);
	if (err != NULL)
		return err;
	*addr = *(const net_UDPAddr *)net_addrList_forResolve(&addrs, network, address);
	net_addrList_free(&addrs);
	return NULL;
}

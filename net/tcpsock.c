// C port of go1.19 src/net/tcpsock.go: TCPConn and TCPListener with their
// methods, newTCPConn, DialTCP, ListenTCP, ResolveTCPAddr. (TCPAddr's own
// methods are in net/ipsock.c.)
#include "net/net_impl.h"

#include <stddef.h>
#include <stdlib.h>

#include "context/context.h"
#include "net/lookup.h"

// ---- TCPConn ----

static net_TCPConn *
tcpConn(net_Conn *c)
{
	return containerof(c, net_TCPConn, ifc);
}

// C: the Conn interface methods of *TCPConn.
static go_error *
TCPConn_Read(net_Conn *c, uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Read(&tcpConn(c)->conn, b, len, n);
}

static go_error *
TCPConn_Write(net_Conn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Write(&tcpConn(c)->conn, b, len, n);
}

static go_error *
TCPConn_Close(net_Conn *c)
{
	return net_conn_Close(&tcpConn(c)->conn);
}

static const net_Addr *
TCPConn_LocalAddr(net_Conn *c)
{
	return net_conn_LocalAddr(&tcpConn(c)->conn);
}

static const net_Addr *
TCPConn_RemoteAddr(net_Conn *c)
{
	return net_conn_RemoteAddr(&tcpConn(c)->conn);
}

static go_error *
TCPConn_SetDeadline(net_Conn *c, time_Time t)
{
	return net_conn_SetDeadline(&tcpConn(c)->conn, t);
}

static go_error *
TCPConn_SetReadDeadline(net_Conn *c, time_Time t)
{
	return net_conn_SetReadDeadline(&tcpConn(c)->conn, t);
}

static go_error *
TCPConn_SetWriteDeadline(net_Conn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(&tcpConn(c)->conn, t);
}

static void
TCPConn_Free(net_Conn *c)
{
	net_TCPConn_Free(tcpConn(c));
}

const net_Conn_methods net_TCPConn_methods = {
	.type = "*net.TCPConn",
	.Read = TCPConn_Read,
	.Write = TCPConn_Write,
	.Close = TCPConn_Close,
	.LocalAddr = TCPConn_LocalAddr,
	.RemoteAddr = TCPConn_RemoteAddr,
	.SetDeadline = TCPConn_SetDeadline,
	.SetReadDeadline = TCPConn_SetReadDeadline,
	.SetWriteDeadline = TCPConn_SetWriteDeadline,
	.Free = TCPConn_Free,
};

static go_error *
TCPConn_reader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	return net_TCPConn_Read(containerof(r, net_TCPConn, reader), p, len, n);
}

static go_error *
TCPConn_writer_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	return net_TCPConn_Write(containerof(w, net_TCPConn, writer), p, len, n);
}

static go_error *
TCPConn_writer_ReadFrom(io_Writer *w, io_Reader *r, int64_t *n)
{
	return net_TCPConn_ReadFrom(containerof(w, net_TCPConn, writer), r, n);
}

const io_Reader_methods net_TCPConn_readerMethods = {
	.type = "*net.TCPConn",
	.Read = TCPConn_reader_Read,
};

const io_Writer_methods net_TCPConn_writerMethods = {
	.type = "*net.TCPConn",
	.Write = TCPConn_writer_Write,
	.ReadFrom = TCPConn_writer_ReadFrom,
};

io_Reader *
net_TCPConn_Reader(net_TCPConn *c)
{
	return c != NULL ? &c->reader : NULL;
}

io_Writer *
net_TCPConn_Writer(net_TCPConn *c)
{
	return c != NULL ? &c->writer : NULL;
}

net_Conn *
net_TCPConn_Conn(net_TCPConn *c)
{
	return c != NULL ? &c->ifc : NULL;
}

net_TCPConn *
net_Conn_TCPConn(net_Conn *c)
{
	if (c == NULL || c->m != &net_TCPConn_methods)
		return NULL;
	return tcpConn(c);
}

go_error *
net_TCPConn_Read(net_TCPConn *c, uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Read(&c->conn, b, len, n);
}

go_error *
net_TCPConn_Write(net_TCPConn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Write(&c->conn, b, len, n);
}

go_error *
net_TCPConn_Close(net_TCPConn *c)
{
	return net_conn_Close(&c->conn);
}

const net_Addr *
net_TCPConn_LocalAddr(net_TCPConn *c)
{
	return net_conn_LocalAddr(&c->conn);
}

const net_Addr *
net_TCPConn_RemoteAddr(net_TCPConn *c)
{
	return net_conn_RemoteAddr(&c->conn);
}

go_error *
net_TCPConn_SetDeadline(net_TCPConn *c, time_Time t)
{
	return net_conn_SetDeadline(&c->conn, t);
}

go_error *
net_TCPConn_SetReadDeadline(net_TCPConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(&c->conn, t);
}

go_error *
net_TCPConn_SetWriteDeadline(net_TCPConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(&c->conn, t);
}

go_error *
net_TCPConn_SetReadBuffer(net_TCPConn *c, int bytes)
{
	return net_conn_SetReadBuffer(&c->conn, bytes);
}

go_error *
net_TCPConn_SetWriteBuffer(net_TCPConn *c, int bytes)
{
	return net_conn_SetWriteBuffer(&c->conn, bytes);
}

go_error *
net_TCPConn_File(net_TCPConn *c, int *f)
{
	return net_conn_File(&c->conn, f);
}

// C: the TCPConn lives in its netFD's allocation (net/fd.h).
void
net_TCPConn_Free(net_TCPConn *c)
{
	if (c != NULL)
		net_netFD_free(c->conn.fd);
}

// C: &OpError{Op: op, Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
static go_error *
opError(net_TCPConn *c, const char *op, go_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(op, c->conn.fd->net, c->conn.fd->laddr, c->conn.fd->raddr, err);
}

/* Go: net/tcpsock.go (*TCPConn).SyscallConn */
go_error *
net_TCPConn_SyscallConn(net_TCPConn *c, syscall_RawConn **rc)
{
	net_rawConn *r;
	go_error *err;

	*rc = NULL;
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	if ((err = net_newRawConn(c->conn.fd, &r)) != NULL)
		return err;
	*rc = &r->rc;
	return NULL;
}

/* Go: net/tcpsock.go (*TCPConn).ReadFrom */
go_error *
net_TCPConn_ReadFrom(net_TCPConn *c, io_Reader *r, int64_t *n)
{
	go_error *err;

	*n = 0;
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	err = net_TCPConn_readFrom(c, r, n);
	if (err != NULL && err != io_EOF)
		err = opError(c, "readfrom", err);
	return err;
}

/* Go: net/tcpsock.go (*TCPConn).CloseRead */
go_error *
net_TCPConn_CloseRead(net_TCPConn *c)
{
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	return opError(c, "close", net_netFD_closeRead(c->conn.fd));
}

/* Go: net/tcpsock.go (*TCPConn).CloseWrite */
go_error *
net_TCPConn_CloseWrite(net_TCPConn *c)
{
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	return opError(c, "close", net_netFD_closeWrite(c->conn.fd));
}

/* Go: net/tcpsock.go (*TCPConn).SetLinger */
go_error *
net_TCPConn_SetLinger(net_TCPConn *c, int sec)
{
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	return opError(c, "set", net_setLinger(c->conn.fd, sec));
}

/* Go: net/tcpsock.go (*TCPConn).SetKeepAlive */
go_error *
net_TCPConn_SetKeepAlive(net_TCPConn *c, bool keepalive)
{
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	return opError(c, "set", net_setKeepAlive(c->conn.fd, keepalive));
}

/* Go: net/tcpsock.go (*TCPConn).SetKeepAlivePeriod */
go_error *
net_TCPConn_SetKeepAlivePeriod(net_TCPConn *c, time_Duration d)
{
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	return opError(c, "set", net_setKeepAlivePeriod(c->conn.fd, d));
}

/* Go: net/tcpsock.go (*TCPConn).SetNoDelay */
go_error *
net_TCPConn_SetNoDelay(net_TCPConn *c, bool noDelay)
{
	if (c == NULL || !net_conn_ok(&c->conn))
		return syscall_EINVAL;
	return opError(c, "set", net_setNoDelay(c->conn.fd, noDelay));
}

/* Go: net/tcpsock.go newTCPConn */
// C: the TCPConn is built inside fd's allocation.
net_TCPConn *
net_newTCPConn(net_netFD *fd)
{
	net_TCPConn *c = &fd->owner.tcp;

	c->ifc.m = &net_TCPConn_methods;
	c->reader.m = &net_TCPConn_readerMethods;
	c->writer.m = &net_TCPConn_writerMethods;
	c->conn.fd = fd;
	go_error_release(net_setNoDelay(c->conn.fd, true));
	return c;
}

/* Go: net/tcpsock.go DialTCP */
go_error *
net_DialTCP(const char *network, const net_TCPAddr *laddr, const net_TCPAddr *raddr,
	    net_TCPConn **c)
{
	const net_Addr *la = laddr != NULL ? &laddr->addr : NULL;
	const net_Addr *ra = raddr != NULL ? &raddr->addr : NULL;
	net_sysDialer sd = {0};
	char *address;
	go_error *err;

	*c = NULL;
	if (strcmp(network, "tcp") != 0 && strcmp(network, "tcp4") != 0 &&
	    strcmp(network, "tcp6") != 0)
		return net_newOpError("dial", network, la, ra, net_newUnknownNetworkError(network));
	if (raddr == NULL)
		return net_newOpError("dial", network, la, NULL, net_errMissingAddress);
	address = net_TCPAddr_String(raddr);
	sd.network = network;
	sd.address = address;
	err = net_sysDialer_dialTCP(&sd, context_Background(), laddr, raddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("dial", network, la, ra, err);
	return NULL;
}

// ---- TCPListener ----

static net_TCPListener *
tcpListener(net_Listener *l)
{
	return containerof(l, net_TCPListener, ifc);
}

static go_error *
TCPListener_Accept(net_Listener *l, net_Conn **c)
{
	return net_TCPListener_Accept(tcpListener(l), c);
}

static go_error *
TCPListener_Close(net_Listener *l)
{
	return net_TCPListener_Close(tcpListener(l));
}

static const net_Addr *
TCPListener_Addr(net_Listener *l)
{
	return net_TCPListener_Addr(tcpListener(l));
}

static void
TCPListener_Free(net_Listener *l)
{
	net_TCPListener_Free(tcpListener(l));
}

const net_Listener_methods net_TCPListener_methods = {
	.type = "*net.TCPListener",
	.Accept = TCPListener_Accept,
	.Close = TCPListener_Close,
	.Addr = TCPListener_Addr,
	.Free = TCPListener_Free,
};

net_Listener *
net_TCPListener_Listener(net_TCPListener *l)
{
	return l != NULL ? &l->ifc : NULL;
}

net_TCPListener *
net_Listener_TCPListener(net_Listener *l)
{
	if (l == NULL || l->m != &net_TCPListener_methods)
		return NULL;
	return tcpListener(l);
}

void
net_TCPListener_Free(net_TCPListener *l)
{
	if (l != NULL)
		net_netFD_free(l->fd);
}

// C: &OpError{Op: op, Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
static go_error *
lnError(net_TCPListener *l, const char *op, go_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(op, l->fd->net, NULL, l->fd->laddr, err);
}

/* Go: net/tcpsock.go (*TCPListener).SyscallConn */
go_error *
net_TCPListener_SyscallConn(net_TCPListener *l, syscall_RawConn **rc)
{
	net_rawConn *r;
	go_error *err;

	*rc = NULL;
	if (!net_TCPListener_ok(l))
		return syscall_EINVAL;
	if ((err = net_newRawListener(l->fd, &r)) != NULL)
		return err;
	*rc = &r->rc;
	return NULL;
}

/* Go: net/tcpsock.go (*TCPListener).AcceptTCP */
go_error *
net_TCPListener_AcceptTCP(net_TCPListener *l, net_TCPConn **c)
{
	*c = NULL;
	if (!net_TCPListener_ok(l))
		return syscall_EINVAL;
	return lnError(l, "accept", net_TCPListener_accept(l, c));
}

/* Go: net/tcpsock.go (*TCPListener).Accept */
go_error *
net_TCPListener_Accept(net_TCPListener *l, net_Conn **c)
{
	net_TCPConn *tc;
	go_error *err;

	*c = NULL;
	if (!net_TCPListener_ok(l))
		return syscall_EINVAL;
	if ((err = net_TCPListener_accept(l, &tc)) != NULL)
		return lnError(l, "accept", err);
	*c = &tc->ifc;
	return NULL;
}

/* Go: net/tcpsock.go (*TCPListener).Close */
go_error *
net_TCPListener_Close(net_TCPListener *l)
{
	if (!net_TCPListener_ok(l))
		return syscall_EINVAL;
	return lnError(l, "close", net_TCPListener_close(l));
}

/* Go: net/tcpsock.go (*TCPListener).Addr */
const net_Addr *
net_TCPListener_Addr(net_TCPListener *l)
{
	return l->fd->laddr;
}

/* Go: net/tcpsock.go (*TCPListener).SetDeadline */
go_error *
net_TCPListener_SetDeadline(net_TCPListener *l, time_Time t)
{
	if (!net_TCPListener_ok(l))
		return syscall_EINVAL;
	return lnError(l, "set", poll_FD_SetDeadline(&l->fd->pfd, t));
}

/* Go: net/tcpsock.go (*TCPListener).File */
go_error *
net_TCPListener_File(net_TCPListener *l, int *f)
{
	go_error *err;

	*f = -1;
	if (!net_TCPListener_ok(l))
		return syscall_EINVAL;
	if ((err = net_TCPListener_file(l, f)) != NULL)
		return lnError(l, "file", err);
	return NULL;
}

/* Go: net/tcpsock.go ListenTCP */
go_error *
net_ListenTCP(const char *network, const net_TCPAddr *laddr, net_TCPListener **l)
{
	net_TCPAddr zero = NET_TCPADDR();
	net_sysListener sl = {0};
	char *address;
	go_error *err;

	*l = NULL;
	if (strcmp(network, "tcp") != 0 && strcmp(network, "tcp4") != 0 &&
	    strcmp(network, "tcp6") != 0)
		return net_newOpError("listen", network, NULL, laddr != NULL ? &laddr->addr : NULL,
				      net_newUnknownNetworkError(network));
	if (laddr == NULL)
		laddr = &zero;
	address = net_TCPAddr_String(laddr);
	sl.network = network;
	sl.address = address;
	err = net_sysListener_listenTCP(&sl, context_Background(), laddr, l);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, &laddr->addr, err);
	return NULL;
}

/* Go: net/tcpsock.go ResolveTCPAddr */
go_error *
net_ResolveTCPAddr(const char *network, const char *address, net_TCPAddr *addr)
{
	net_addrList addrs = {0};
	go_error *err;

	*addr = NET_TCPADDR();
	if (strcmp(network, "") == 0) // Go 1.0's undocumented wildcard
		network = "tcp";
	else if (strcmp(network, "tcp") != 0 && strcmp(network, "tcp4") != 0 &&
		 strcmp(network, "tcp6") != 0)
		return net_newUnknownNetworkError(network);
	err = net_Resolver_internetAddrList(&net_DefaultResolver, context_Background(), network,
					    address, &addrs);
	if (err != NULL)
		return err;
	*addr = *(const net_TCPAddr *)net_addrList_forResolve(&addrs, network, address);
	net_addrList_free(&addrs);
	return NULL;
}

/* Go: net/tcpsock.go roundDurationUp */
time_Duration
net_roundDurationUp(time_Duration d, time_Duration to)
{
	return (d + to - 1) / to;
}

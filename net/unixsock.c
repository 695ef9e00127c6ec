// C port of go1.19 src/net/unixsock.go: UnixAddr, UnixConn and
// UnixListener with their methods, newUnixConn, DialUnix, ListenUnix,
// ListenUnixgram, ResolveUnixAddr.
#include "net/net_impl.h"

#include <stdlib.h>
#include <string.h>

#include "context/context.h"
#include "runtime_netpoll/panic.h"

// ---- UnixAddr ----

/* C: no Go twin */
// The package's own copy of a Unix network name, so that an address it
// keeps never points at a caller's string; NULL for any other name.
const char *
net_unixNet(const char *net)
{
	static const char *const nets[] = {"unix", "unixgram", "unixpacket", ""};

	for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++)
		if (strcmp(net != NULL ? net : "", nets[i]) == 0)
			return nets[i];
	return NULL;
}

// C: a NULL Name or Net is Go's empty string.
const char *
net_UnixAddr_name(const net_UnixAddr *a)
{
	return a->Name != NULL ? a->Name : "";
}

/* Go: net/unixsock.go (*UnixAddr).Network */
const char *
net_UnixAddr_Network(const net_UnixAddr *a)
{
	return a->Net != NULL ? a->Net : "";
}

/* Go: net/unixsock.go (*UnixAddr).String */
char *
net_UnixAddr_String(const net_UnixAddr *a)
{
	char *s = strdup(a == NULL ? "<nil>" : net_UnixAddr_name(a));

	if (s == NULL)
		runtime_throw("out of memory");
	return s;
}

/* Go: net/unixsock.go (*UnixAddr).isWildcard */
bool
net_UnixAddr_isWildcard(const net_UnixAddr *a)
{
	return a == NULL || net_UnixAddr_name(a)[0] == '\0';
}

/* Go: net/unixsock.go (*UnixAddr).opAddr */
const net_Addr *
net_UnixAddr_opAddr(const net_UnixAddr *a)
{
	return a != NULL ? &a->addr : NULL;
}

static const char *
UnixAddr_Network(const net_Addr *a)
{
	return net_UnixAddr_Network((const net_UnixAddr *)a);
}

static char *
UnixAddr_String(const net_Addr *a)
{
	return net_UnixAddr_String((const net_UnixAddr *)a);
}

// C: one allocation holds the copy and both strings.
static net_Addr *
UnixAddr_clone(const net_Addr *a)
{
	const net_UnixAddr *u = (const net_UnixAddr *)a;
	const char *name = net_UnixAddr_name(u), *net = net_UnixAddr_Network(u);
	size_t nl = strlen(name) + 1, tl = strlen(net) + 1;
	net_UnixAddr *c = runtime_newobject(sizeof(*c) + nl + tl);
	char *p = (char *)(c + 1);

	memcpy(p, name, nl);
	memcpy(p + nl, net, tl);
	*c = NET_UNIXADDR(.Name = p, .Net = p + nl);
	return &c->addr;
}

static void
UnixAddr_free(net_Addr *a)
{
	free(a);
}

const net_Addr_methods net_UnixAddr_methods = {
	.type = "*net.UnixAddr",
	.Network = UnixAddr_Network,
	.String = UnixAddr_String,
	.clone = UnixAddr_clone,
	.free = UnixAddr_free,
};

/* Go: net/unixsock.go ResolveUnixAddr */
go_error *
net_ResolveUnixAddr(const char *network, const char *address, net_UnixAddr *addr)
{
	const char *net = net_unixNet(network);

	*addr = NET_UNIXADDR(.Name = "", .Net = "");
	if (net == NULL || net[0] == '\0')
		return net_newUnknownNetworkError(network);
	*addr = NET_UNIXADDR(.Name = address, .Net = net);
	return NULL;
}

// ---- UnixConn ----

static net_UnixConn *
unixConn(net_Conn *c)
{
	return containerof(c, net_UnixConn, ifc);
}

// C: the Conn interface methods of *UnixConn.
static go_error *
UnixConn_Read(net_Conn *c, uint8_t *b, size_t len, ssize_t *n)
{
	return net_UnixConn_Read(unixConn(c), b, len, n);
}

static go_error *
UnixConn_Write(net_Conn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	return net_UnixConn_Write(unixConn(c), b, len, n);
}

static go_error *
UnixConn_Close(net_Conn *c)
{
	return net_UnixConn_Close(unixConn(c));
}

static const net_Addr *
UnixConn_LocalAddr(net_Conn *c)
{
	return net_UnixConn_LocalAddr(unixConn(c));
}

static const net_Addr *
UnixConn_RemoteAddr(net_Conn *c)
{
	return net_UnixConn_RemoteAddr(unixConn(c));
}

static go_error *
UnixConn_SetDeadline(net_Conn *c, time_Time t)
{
	return net_UnixConn_SetDeadline(unixConn(c), t);
}

static go_error *
UnixConn_SetReadDeadline(net_Conn *c, time_Time t)
{
	return net_UnixConn_SetReadDeadline(unixConn(c), t);
}

static go_error *
UnixConn_SetWriteDeadline(net_Conn *c, time_Time t)
{
	return net_UnixConn_SetWriteDeadline(unixConn(c), t);
}

static void
UnixConn_Free(net_Conn *c)
{
	net_UnixConn_Free(unixConn(c));
}

const net_Conn_methods net_UnixConn_methods = {
	.type = "*net.UnixConn",
	.Read = UnixConn_Read,
	.Write = UnixConn_Write,
	.Close = UnixConn_Close,
	.LocalAddr = UnixConn_LocalAddr,
	.RemoteAddr = UnixConn_RemoteAddr,
	.SetDeadline = UnixConn_SetDeadline,
	.SetReadDeadline = UnixConn_SetReadDeadline,
	.SetWriteDeadline = UnixConn_SetWriteDeadline,
	.Free = UnixConn_Free,
};

static net_UnixConn *
packetUnixConn(net_PacketConn *c)
{
	return containerof(c, net_UnixConn, packet);
}

// C: the PacketConn interface methods of *UnixConn.
static go_error *
UnixConn_packet_ReadFrom(net_PacketConn *c, uint8_t *p, size_t len, ssize_t *n, net_Addr **addr)
{
	return net_UnixConn_ReadFrom(packetUnixConn(c), p, len, n, addr);
}

static go_error *
UnixConn_packet_WriteTo(net_PacketConn *c, const uint8_t *p, size_t len, const net_Addr *addr,
			ssize_t *n)
{
	return net_UnixConn_WriteTo(packetUnixConn(c), p, len, addr, n);
}

static go_error *
UnixConn_packet_Close(net_PacketConn *c)
{
	return net_UnixConn_Close(packetUnixConn(c));
}

static const net_Addr *
UnixConn_packet_LocalAddr(net_PacketConn *c)
{
	return net_UnixConn_LocalAddr(packetUnixConn(c));
}

static go_error *
UnixConn_packet_SetDeadline(net_PacketConn *c, time_Time t)
{
	return net_UnixConn_SetDeadline(packetUnixConn(c), t);
}

static go_error *
UnixConn_packet_SetReadDeadline(net_PacketConn *c, time_Time t)
{
	return net_UnixConn_SetReadDeadline(packetUnixConn(c), t);
}

static go_error *
UnixConn_packet_SetWriteDeadline(net_PacketConn *c, time_Time t)
{
	return net_UnixConn_SetWriteDeadline(packetUnixConn(c), t);
}

static void
UnixConn_packet_Free(net_PacketConn *c)
{
	net_UnixConn_Free(packetUnixConn(c));
}

const net_PacketConn_methods net_UnixConn_packetMethods = {
	.type = "*net.UnixConn",
	.ReadFrom = UnixConn_packet_ReadFrom,
	.WriteTo = UnixConn_packet_WriteTo,
	.Close = UnixConn_packet_Close,
	.LocalAddr = UnixConn_packet_LocalAddr,
	.SetDeadline = UnixConn_packet_SetDeadline,
	.SetReadDeadline = UnixConn_packet_SetReadDeadline,
	.SetWriteDeadline = UnixConn_packet_SetWriteDeadline,
	.Free = UnixConn_packet_Free,
};

static go_error *
UnixConn_reader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	return net_UnixConn_Read(containerof(r, net_UnixConn, reader), p, len, n);
}

static go_error *
UnixConn_writer_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	return net_UnixConn_Write(containerof(w, net_UnixConn, writer), p, len, n);
}

static const io_Reader_methods unixConnReaderMethods = {
	.type = "*net.UnixConn",
	.Read = UnixConn_reader_Read,
};

static const io_Writer_methods unixConnWriterMethods = {
	.type = "*net.UnixConn",
	.Write = UnixConn_writer_Write,
};

net_Conn *
net_UnixConn_Conn(net_UnixConn *c)
{
	return c != NULL ? &c->ifc : NULL;
}

net_PacketConn *
net_UnixConn_PacketConn(net_UnixConn *c)
{
	return c != NULL ? &c->packet : NULL;
}

io_Reader *
net_UnixConn_Reader(net_UnixConn *c)
{
	return c != NULL ? &c->reader : NULL;
}

io_Writer *
net_UnixConn_Writer(net_UnixConn *c)
{
	return c != NULL ? &c->writer : NULL;
}

net_UnixConn *
net_Conn_UnixConn(net_Conn *c)
{
	if (c == NULL || c->m != &net_UnixConn_methods)
		return NULL;
	return unixConn(c);
}

// C: the type assertion r.(*UnixConn) on an io.Reader (splice's).
net_UnixConn *
net_Reader_UnixConn(io_Reader *r)
{
	if (r == NULL || r->m != &unixConnReaderMethods)
		return NULL;
	return containerof(r, net_UnixConn, reader);
}

net_UnixConn *
net_PacketConn_UnixConn(net_PacketConn *c)
{
	if (c == NULL || c->m != &net_UnixConn_packetMethods)
		return NULL;
	return packetUnixConn(c);
}

// C: a NULL *UnixConn is Go's nil one: conn's methods see an invalid conn.
static net_conn *
connOf(net_UnixConn *c)
{
	return c != NULL ? &c->conn : NULL;
}

go_error *
net_UnixConn_Read(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Read(connOf(c), b, len, n);
}

go_error *
net_UnixConn_Write(net_UnixConn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	return net_conn_Write(connOf(c), b, len, n);
}

go_error *
net_UnixConn_Close(net_UnixConn *c)
{
	return net_conn_Close(connOf(c));
}

const net_Addr *
net_UnixConn_LocalAddr(net_UnixConn *c)
{
	return net_conn_LocalAddr(connOf(c));
}

const net_Addr *
net_UnixConn_RemoteAddr(net_UnixConn *c)
{
	return net_conn_RemoteAddr(connOf(c));
}

go_error *
net_UnixConn_SetDeadline(net_UnixConn *c, time_Time t)
{
	return net_conn_SetDeadline(connOf(c), t);
}

go_error *
net_UnixConn_SetReadDeadline(net_UnixConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(connOf(c), t);
}

go_error *
net_UnixConn_SetWriteDeadline(net_UnixConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(connOf(c), t);
}

go_error *
net_UnixConn_SetReadBuffer(net_UnixConn *c, int bytes)
{
	return net_conn_SetReadBuffer(connOf(c), bytes);
}

go_error *
net_UnixConn_SetWriteBuffer(net_UnixConn *c, int bytes)
{
	return net_conn_SetWriteBuffer(connOf(c), bytes);
}

go_error *
net_UnixConn_File(net_UnixConn *c, int *f)
{
	return net_conn_File(connOf(c), f);
}

// C: the UnixConn lives in its netFD's allocation (net/fd.h).
void
net_UnixConn_Free(net_UnixConn *c)
{
	if (c != NULL)
		net_netFD_free(c->conn.fd);
}

// C: &OpError{Op: op, Net: c.fd.net, Source: c.fd.laddr, Addr: addr, Err: err}
static go_error *
opErrorAddr(net_UnixConn *c, const char *op, const net_Addr *addr, go_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(op, c->conn.fd->net, c->conn.fd->laddr, addr, err);
}

// C: the same with Addr: c.fd.raddr.
static go_error *
opError(net_UnixConn *c, const char *op, go_error *err)
{
	return err != NULL ? opErrorAddr(c, op, c->conn.fd->raddr, err) : NULL;
}

static bool
ok(net_UnixConn *c)
{
	return c != NULL && net_conn_ok(&c->conn);
}

/* Go: net/unixsock.go (*UnixConn).SyscallConn */
go_error *
net_UnixConn_SyscallConn(net_UnixConn *c, syscall_RawConn **rc)
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

/* Go: net/unixsock.go (*UnixConn).CloseRead */
go_error *
net_UnixConn_CloseRead(net_UnixConn *c)
{
	if (!ok(c))
		return syscall_EINVAL;
	return opError(c, "close", net_netFD_closeRead(c->conn.fd));
}

/* Go: net/unixsock.go (*UnixConn).CloseWrite */
go_error *
net_UnixConn_CloseWrite(net_UnixConn *c)
{
	if (!ok(c))
		return syscall_EINVAL;
	return opError(c, "close", net_netFD_closeWrite(c->conn.fd));
}

/* Go: net/unixsock.go (*UnixConn).ReadFromUnix */
go_error *
net_UnixConn_ReadFromUnix(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n, net_UnixAddr **addr)
{
	*n = 0;
	*addr = NULL;
	if (!ok(c))
		return syscall_EINVAL;
	return opError(c, "read", net_UnixConn_readFrom(c, b, len, n, addr));
}

/* Go: net/unixsock.go (*UnixConn).ReadFrom */
// C: Go's care to return a nil Addr rather than a nil *UnixAddr is free
// here: both are NULL.
go_error *
net_UnixConn_ReadFrom(net_UnixConn *c, uint8_t *b, size_t len, ssize_t *n, net_Addr **addr)
{
	net_UnixAddr *ua = NULL;
	go_error *err;

	*n = 0;
	*addr = NULL;
	if (!ok(c))
		return syscall_EINVAL;
	err = opError(c, "read", net_UnixConn_readFrom(c, b, len, n, &ua));
	if (ua != NULL)
		*addr = &ua->addr;
	return err;
}

/* Go: net/unixsock.go (*UnixConn).ReadMsgUnix */
go_error *
net_UnixConn_ReadMsgUnix(net_UnixConn *c, uint8_t *b, size_t len, uint8_t *oob, size_t ooblen,
			 ssize_t *n, ssize_t *oobn, int *flags, net_UnixAddr **addr)
{
	*n = 0;
	*oobn = 0;
	*flags = 0;
	*addr = NULL;
	if (!ok(c))
		return syscall_EINVAL;
	return opError(c, "read",
		       net_UnixConn_readMsg(c, b, len, oob, ooblen, n, oobn, flags, addr));
}

/* Go: net/unixsock.go (*UnixConn).WriteToUnix */
go_error *
net_UnixConn_WriteToUnix(net_UnixConn *c, const uint8_t *b, size_t len, const net_UnixAddr *addr,
			 ssize_t *n)
{
	*n = 0;
	if (!ok(c))
		return syscall_EINVAL;
	return opErrorAddr(c, "write", net_UnixAddr_opAddr(addr),
			   net_UnixConn_writeTo(c, b, len, addr, n));
}

/* Go: net/unixsock.go (*UnixConn).WriteTo */
go_error *
net_UnixConn_WriteTo(net_UnixConn *c, const uint8_t *b, size_t len, const net_Addr *addr,
		     ssize_t *n)
{
	const net_UnixAddr *a;

	*n = 0;
	if (!ok(c))
		return syscall_EINVAL;
	if (addr == NULL || addr->m != &net_UnixAddr_methods)
		return opErrorAddr(c, "write", addr, syscall_EINVAL);
	a = (const net_UnixAddr *)addr;
	return opErrorAddr(c, "write", net_UnixAddr_opAddr(a),
			   net_UnixConn_writeTo(c, b, len, a, n));
}

/* Go: net/unixsock.go (*UnixConn).WriteMsgUnix */
go_error *
net_UnixConn_WriteMsgUnix(net_UnixConn *c, const uint8_t *b, size_t len, const uint8_t *oob,
			  size_t ooblen, const net_UnixAddr *addr, ssize_t *n, ssize_t *oobn)
{
	*n = 0;
	*oobn = 0;
	if (!ok(c))
		return syscall_EINVAL;
	return opErrorAddr(c, "write", net_UnixAddr_opAddr(addr),
			   net_UnixConn_writeMsg(c, b, len, oob, ooblen, addr, n, oobn));
}

/* Go: net/unixsock.go newUnixConn */
// C: the UnixConn is built inside fd's allocation.
net_UnixConn *
net_newUnixConn(net_netFD *fd)
{
	net_UnixConn *c = &fd->owner.unixConn;

	c->ifc.m = &net_UnixConn_methods;
	c->packet.m = &net_UnixConn_packetMethods;
	c->reader.m = &unixConnReaderMethods;
	c->writer.m = &unixConnWriterMethods;
	c->conn.fd = fd;
	return c;
}

/* Go: net/unixsock.go DialUnix */
go_error *
net_DialUnix(const char *network, const net_UnixAddr *laddr, const net_UnixAddr *raddr,
	     net_UnixConn **c)
{
	const char *net = net_unixNet(network);
	net_sysDialer sd = {0};
	char *address;
	go_error *err;

	*c = NULL;
	if (net == NULL || net[0] == '\0')
		return net_newOpError("dial", network, net_UnixAddr_opAddr(laddr),
				      net_UnixAddr_opAddr(raddr),
				      net_newUnknownNetworkError(network));
	address = net_UnixAddr_String(raddr);
	sd.network = net;
	sd.address = address;
	err = net_sysDialer_dialUnix(&sd, context_Background(), laddr, raddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("dial", network, net_UnixAddr_opAddr(laddr),
				      net_UnixAddr_opAddr(raddr), err);
	return NULL;
}

// ---- UnixListener ----

static net_UnixListener *
unixListener(net_Listener *l)
{
	return containerof(l, net_UnixListener, ifc);
}

static go_error *
UnixListener_Accept(net_Listener *l, net_Conn **c)
{
	return net_UnixListener_Accept(unixListener(l), c);
}

static go_error *
UnixListener_Close(net_Listener *l)
{
	return net_UnixListener_Close(unixListener(l));
}

static const net_Addr *
UnixListener_Addr(net_Listener *l)
{
	return net_UnixListener_Addr(unixListener(l));
}

static void
UnixListener_Free(net_Listener *l)
{
	net_UnixListener_Free(unixListener(l));
}

const net_Listener_methods net_UnixListener_methods = {
	.type = "*net.UnixListener",
	.Accept = UnixListener_Accept,
	.Close = UnixListener_Close,
	.Addr = UnixListener_Addr,
	.Free = UnixListener_Free,
};

net_Listener *
net_UnixListener_Listener(net_UnixListener *l)
{
	return l != NULL ? &l->ifc : NULL;
}

net_UnixListener *
net_Listener_UnixListener(net_Listener *l)
{
	if (l == NULL || l->m != &net_UnixListener_methods)
		return NULL;
	return unixListener(l);
}

// C: the UnixListener lives in its netFD's allocation (net/fd.h); its path
// is its own.
void
net_UnixListener_Free(net_UnixListener *l)
{
	if (l == NULL)
		return;
	free(l->path);
	net_netFD_free(l->fd);
}

/* Go: net/unixsock.go (*UnixListener).ok */
bool
net_UnixListener_ok(const net_UnixListener *ln)
{
	return ln != NULL && ln->fd != NULL;
}

// C: &OpError{Op: op, Net: l.fd.net, Source: nil, Addr: l.fd.laddr, Err: err}
static go_error *
lnError(net_UnixListener *l, const char *op, go_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(op, l->fd->net, NULL, l->fd->laddr, err);
}

/* Go: net/unixsock.go (*UnixListener).SyscallConn */
go_error *
net_UnixListener_SyscallConn(net_UnixListener *l, syscall_RawConn **rc)
{
	net_rawConn *r;
	go_error *err;

	*rc = NULL;
	if (!net_UnixListener_ok(l))
		return syscall_EINVAL;
	if ((err = net_newRawListener(l->fd, &r)) != NULL)
		return err;
	*rc = &r->rc;
	return NULL;
}

/* Go: net/unixsock.go (*UnixListener).AcceptUnix */
go_error *
net_UnixListener_AcceptUnix(net_UnixListener *l, net_UnixConn **c)
{
	*c = NULL;
	if (!net_UnixListener_ok(l))
		return syscall_EINVAL;
	return lnError(l, "accept", net_UnixListener_accept(l, c));
}

/* Go: net/unixsock.go (*UnixListener).Accept */
go_error *
net_UnixListener_Accept(net_UnixListener *l, net_Conn **c)
{
	net_UnixConn *uc;
	go_error *err;

	*c = NULL;
	if (!net_UnixListener_ok(l))
		return syscall_EINVAL;
	if ((err = net_UnixListener_accept(l, &uc)) != NULL)
		return lnError(l, "accept", err);
	*c = net_UnixConn_Conn(uc);
	return NULL;
}

/* Go: net/unixsock.go (*UnixListener).Close */
go_error *
net_UnixListener_Close(net_UnixListener *l)
{
	if (!net_UnixListener_ok(l))
		return syscall_EINVAL;
	return lnError(l, "close", net_UnixListener_close(l));
}

/* Go: net/unixsock.go (*UnixListener).Addr */
const net_Addr *
net_UnixListener_Addr(net_UnixListener *l)
{
	return l->fd->laddr;
}

/* Go: net/unixsock.go (*UnixListener).SetDeadline */
go_error *
net_UnixListener_SetDeadline(net_UnixListener *l, time_Time t)
{
	if (!net_UnixListener_ok(l))
		return syscall_EINVAL;
	return lnError(l, "set", poll_FD_SetDeadline(&l->fd->pfd, t));
}

/* Go: net/unixsock.go (*UnixListener).File */
go_error *
net_UnixListener_File(net_UnixListener *l, int *f)
{
	*f = -1;
	if (!net_UnixListener_ok(l))
		return syscall_EINVAL;
	return lnError(l, "file", net_UnixListener_file(l, f));
}

/* Go: net/unixsock.go ListenUnix */
go_error *
net_ListenUnix(const char *network, const net_UnixAddr *laddr, net_UnixListener **l)
{
	net_sysListener sl = {0};
	char *address;
	go_error *err;

	*l = NULL;
	if (strcmp(network, "unix") != 0 && strcmp(network, "unixpacket") != 0)
		return net_newOpError("listen", network, NULL, net_UnixAddr_opAddr(laddr),
				      net_newUnknownNetworkError(network));
	if (laddr == NULL)
		return net_newOpError("listen", network, NULL, NULL, net_errMissingAddress);
	address = net_UnixAddr_String(laddr);
	sl.network = net_unixNet(network);
	sl.address = address;
	err = net_sysListener_listenUnix(&sl, context_Background(), laddr, l);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, net_UnixAddr_opAddr(laddr), err);
	return NULL;
}

/* Go: net/unixsock.go ListenUnixgram */
go_error *
net_ListenUnixgram(const char *network, const net_UnixAddr *laddr, net_UnixConn **c)
{
	net_sysListener sl = {0};
	char *address;
	go_error *err;

	*c = NULL;
	if (strcmp(network, "unixgram") != 0)
		return net_newOpError("listen", network, NULL, net_UnixAddr_opAddr(laddr),
				      net_newUnknownNetworkError(network));
	if (laddr == NULL)
		return net_newOpError("listen", network, NULL, NULL, net_errMissingAddress);
	address = net_UnixAddr_String(laddr);
	sl.network = net_unixNet(network);
	sl.address = address;
	err = net_sysListener_listenUnixgram(&sl, context_Background(), laddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, net_UnixAddr_opAddr(laddr), err);
	return NULL;
}

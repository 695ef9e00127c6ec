// C port of the Conn and Listener parts of go1.19 src/net/net.go: conn and
// its methods, the interface calls, listenerBacklog, mapErr,
// genericReadFrom, Buffers, noDeadline and aLongTimeAgo. (ErrClosed is a
// macro in net/conn.h.)
#include "net/net_impl.h"

#include <string.h>

#include "context/context.h"
#include "io/io.h"
#include "sync/sync.h"

// Go: noDeadline = time.Time{}.
const time_Time net_noDeadline = {0, 0};

/* Go: net/net.go aLongTimeAgo */
time_Time
net_aLongTimeAgo(void)
{
	return time_Unix(1, 0);
}

// ---- the interfaces ----

go_error *
net_Conn_Read(net_Conn *c, uint8_t *b, size_t len, ssize_t *n)
{
	return c->m->Read(c, b, len, n);
}

go_error *
net_Conn_Write(net_Conn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	return c->m->Write(c, b, len, n);
}

go_error *
net_Conn_Close(net_Conn *c)
{
	return c->m->Close(c);
}

const net_Addr *
net_Conn_LocalAddr(net_Conn *c)
{
	return c->m->LocalAddr(c);
}

const net_Addr *
net_Conn_RemoteAddr(net_Conn *c)
{
	return c->m->RemoteAddr(c);
}

go_error *
net_Conn_SetDeadline(net_Conn *c, time_Time t)
{
	return c->m->SetDeadline(c, t);
}

go_error *
net_Conn_SetReadDeadline(net_Conn *c, time_Time t)
{
	return c->m->SetReadDeadline(c, t);
}

go_error *
net_Conn_SetWriteDeadline(net_Conn *c, time_Time t)
{
	return c->m->SetWriteDeadline(c, t);
}

void
net_Conn_Free(net_Conn *c)
{
	if (c != NULL)
		c->m->Free(c);
}

go_error *
net_Listener_Accept(net_Listener *l, net_Conn **c)
{
	return l->m->Accept(l, c);
}

go_error *
net_Listener_Close(net_Listener *l)
{
	return l->m->Close(l);
}

const net_Addr *
net_Listener_Addr(net_Listener *l)
{
	return l->m->Addr(l);
}

void
net_Listener_Free(net_Listener *l)
{
	if (l != NULL)
		l->m->Free(l);
}

go_error *
net_PacketConn_ReadFrom(net_PacketConn *c, uint8_t *p, size_t len, ssize_t *n, net_Addr **addr)
{
	return c->m->ReadFrom(c, p, len, n, addr);
}

go_error *
net_PacketConn_WriteTo(net_PacketConn *c, const uint8_t *p, size_t len, const net_Addr *addr,
		       ssize_t *n)
{
	return c->m->WriteTo(c, p, len, addr, n);
}

go_error *
net_PacketConn_Close(net_PacketConn *c)
{
	return c->m->Close(c);
}

const net_Addr *
net_PacketConn_LocalAddr(net_PacketConn *c)
{
	return c->m->LocalAddr(c);
}

go_error *
net_PacketConn_SetDeadline(net_PacketConn *c, time_Time t)
{
	return c->m->SetDeadline(c, t);
}

go_error *
net_PacketConn_SetReadDeadline(net_PacketConn *c, time_Time t)
{
	return c->m->SetReadDeadline(c, t);
}

go_error *
net_PacketConn_SetWriteDeadline(net_PacketConn *c, time_Time t)
{
	return c->m->SetWriteDeadline(c, t);
}

void
net_PacketConn_Free(net_PacketConn *c)
{
	if (c != NULL)
		c->m->Free(c);
}

// ---- conn ----

/* Go: net/net.go (*conn).ok */
bool
net_conn_ok(const net_conn *c)
{
	return c != NULL && c->fd != NULL;
}

// C: &OpError{Op: op, Net: c.fd.net, Source: c.fd.laddr, Addr: c.fd.raddr, Err: err}
static go_error *
opError(net_conn *c, const char *op, go_error *err)
{
	return net_newOpError(op, c->fd->net, c->fd->laddr, c->fd->raddr, err);
}

// C: the form the setters use: Source nil, Addr c.fd.laddr.
static go_error *
setError(net_conn *c, go_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError("set", c->fd->net, NULL, c->fd->laddr, err);
}

/* Go: net/net.go (*conn).Read */
go_error *
net_conn_Read(net_conn *c, uint8_t *b, size_t len, ssize_t *n)
{
	go_error *err;

	*n = 0;
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	err = net_netFD_Read(c->fd, b, len, n);
	if (err != NULL && err != io_EOF)
		err = opError(c, "read", err);
	return err;
}

/* Go: net/net.go (*conn).Write */
go_error *
net_conn_Write(net_conn *c, const uint8_t *b, size_t len, ssize_t *n)
{
	go_error *err;

	*n = 0;
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	err = net_netFD_Write(c->fd, b, len, n);
	if (err != NULL)
		err = opError(c, "write", err);
	return err;
}

/* Go: net/net.go (*conn).Close */
go_error *
net_conn_Close(net_conn *c)
{
	go_error *err;

	if (!net_conn_ok(c))
		return syscall_EINVAL;
	err = net_netFD_Close(c->fd);
	if (err != NULL)
		err = opError(c, "close", err);
	return err;
}

/* Go: net/net.go (*conn).LocalAddr */
const net_Addr *
net_conn_LocalAddr(net_conn *c)
{
	if (!net_conn_ok(c))
		return NULL;
	return c->fd->laddr;
}

/* Go: net/net.go (*conn).RemoteAddr */
const net_Addr *
net_conn_RemoteAddr(net_conn *c)
{
	if (!net_conn_ok(c))
		return NULL;
	return c->fd->raddr;
}

/* Go: net/net.go (*conn).SetDeadline */
go_error *
net_conn_SetDeadline(net_conn *c, time_Time t)
{
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	return setError(c, net_netFD_SetDeadline(c->fd, t));
}

/* Go: net/net.go (*conn).SetReadDeadline */
go_error *
net_conn_SetReadDeadline(net_conn *c, time_Time t)
{
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	return setError(c, net_netFD_SetReadDeadline(c->fd, t));
}

/* Go: net/net.go (*conn).SetWriteDeadline */
go_error *
net_conn_SetWriteDeadline(net_conn *c, time_Time t)
{
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	return setError(c, net_netFD_SetWriteDeadline(c->fd, t));
}

/* Go: net/net.go (*conn).SetReadBuffer */
go_error *
net_conn_SetReadBuffer(net_conn *c, int bytes)
{
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	return setError(c, net_setReadBuffer(c->fd, bytes));
}

/* Go: net/net.go (*conn).SetWriteBuffer */
go_error *
net_conn_SetWriteBuffer(net_conn *c, int bytes)
{
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	return setError(c, net_setWriteBuffer(c->fd, bytes));
}

/* Go: net/net.go (*conn).File */
// C: Go does not check ok() here (a nil conn panics); C returns EINVAL.
go_error *
net_conn_File(net_conn *c, int *f)
{
	go_error *err;

	*f = -1;
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	err = net_netFD_dup(c->fd, f);
	if (err != NULL)
		err = opError(c, "file", err);
	return err;
}

// ---- package helpers ----

static struct {
	sync_Once once;
	int val;
} listenerBacklogCache;

static void
setListenerBacklog(void *arg)
{
	(void)arg;
	listenerBacklogCache.val = net_maxListenerBacklog();
}

/* Go: net/net.go listenerBacklog */
int
net_listenerBacklog(void)
{
	sync_Once_Do(&listenerBacklogCache.once, setListenerBacklog, NULL);
	return listenerBacklogCache.val;
}

/* Go: net/net.go mapErr */
go_error *
net_mapErr(go_error *err)
{
	if (err == context_Canceled)
		return net_errCanceled;
	if (err == context_DeadlineExceeded)
		return net_errTimeout;
	return err;
}

// Go: writerOnly{io.Writer}: w's Write and nothing else, so that io.Copy
// does not take w's ReadFrom (the caller) again.
typedef struct writerOnly {
	io_Writer w;
	io_Writer *Writer;
} writerOnly;

static go_error *
writerOnly_Write(io_Writer *w, const uint8_t *p, size_t len, ssize_t *n)
{
	return io_Writer_Write(containerof(w, writerOnly, w)->Writer, p, len, n);
}

static const io_Writer_methods writerOnlyMethods = {
	.type = "net.writerOnly",
	.Write = writerOnly_Write,
};

/* Go: net/net.go genericReadFrom */
go_error *
net_genericReadFrom(io_Writer *w, io_Reader *r, int64_t *n)
{
	writerOnly wo = {{&writerOnlyMethods}, w};

	return io_Copy(&wo.w, r, n);
}

/* Go: net/net.go (*Buffers).WriteTo */
go_error *
net_Buffers_WriteTo(net_Buffers *v, io_Writer *w, int64_t *n)
{
	go_error *err;
	ssize_t nb;

	// Go: w.(buffersWriter). C: of the conns that have writeBuffers, only
	// TCPConn is ported.
	if (w->m == &net_TCPConn_writerMethods)
		return net_conn_writeBuffers(&containerof(w, net_TCPConn, writer)->conn, v, n);
	*n = 0;
	for (size_t i = 0; i < v->n; i++) {
		err = io_Writer_Write(w, v->v[i].iov_base, v->v[i].iov_len, &nb);
		*n += nb;
		if (err != NULL) {
			net_Buffers_consume(v, *n);
			return err;
		}
	}
	net_Buffers_consume(v, *n);
	return NULL;
}

/* Go: net/net.go (*Buffers).Read */
go_error *
net_Buffers_Read(net_Buffers *v, uint8_t *p, size_t len, ssize_t *n)
{
	*n = 0;
	while (len > 0 && v->n > 0) {
		size_t n0 = v->v[0].iov_len < len ? v->v[0].iov_len : len;

		if (n0 > 0)
			memcpy(p, v->v[0].iov_base, n0);
		net_Buffers_consume(v, (int64_t)n0);
		p += n0;
		len -= n0;
		*n += (ssize_t)n0;
	}
	return v->n == 0 ? io_EOF : NULL;
}

/* Go: net/net.go (*Buffers).consume */
void
net_Buffers_consume(net_Buffers *v, int64_t n)
{
	while (v->n > 0) {
		int64_t ln0 = (int64_t)v->v[0].iov_len;

		if (ln0 > n) {
			v->v[0].iov_base = (uint8_t *)v->v[0].iov_base + n;
			v->v[0].iov_len -= (size_t)n;
			return;
		}
		n -= ln0;
		v->v[0] = (struct iovec){NULL, 0};
		v->v++;
		v->n--;
	}
}

static go_error *
Buffers_reader_Read(io_Reader *r, uint8_t *p, size_t len, ssize_t *n)
{
	return net_Buffers_Read(containerof(r, net_Buffers, reader), p, len, n);
}

static go_error *
Buffers_reader_WriteTo(io_Reader *r, io_Writer *w, int64_t *n)
{
	return net_Buffers_WriteTo(containerof(r, net_Buffers, reader), w, n);
}

const io_Reader_methods net_Buffers_readerMethods = {
	.type = "*net.Buffers",
	.Read = Buffers_reader_Read,
	.WriteTo = Buffers_reader_WriteTo,
};

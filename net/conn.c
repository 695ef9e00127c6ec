// C port of the Conn and Listener parts of go1.19 src/net/net.go: conn and
// its methods, the interface calls, listenerBacklog, mapErr,
// genericReadFrom, noDeadline and aLongTimeAgo. (ErrClosed is a macro in
// net/conn.h.)
#include "net/net_impl.h"

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

// Go: writerOnly{io.Writer}: hides whatever else w implements from io.Copy.
// C: io_Copy takes no shortcut anyway, so w is passed as it is.

/* Go: net/net.go genericReadFrom */
go_error *
net_genericReadFrom(io_Writer *w, io_Reader *r, int64_t *n)
{
	return io_Copy(w, r, n);
}

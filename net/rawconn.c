// C port of go1.19 src/net/rawconn.go: rawConn and rawListener, the
// syscall.RawConn of a netFD.
//
// C: a rawConn borrows its netFD: it may be used until the Conn or Listener
// it came from is freed.
#include "net/net_impl.h"

#include <stdlib.h>

#include "runtime_netpoll/panic.h"

/* Go: net/rawconn.go (*rawConn).ok */
bool
net_rawConn_ok(const net_rawConn *c)
{
	return c != NULL && c->fd != NULL;
}

/* Go: net/rawconn.go (*rawConn).Control */
static go_error *
rawConn_Control(syscall_RawConn *rc, void (*f)(void *env, uintptr_t fd), void *env)
{
	net_rawConn *c = (net_rawConn *)rc;
	go_error *err;

	if (!net_rawConn_ok(c))
		return syscall_EINVAL;
	err = poll_FD_RawControl(&c->fd->pfd, f, env);
	if (err != NULL)
		err = net_newOpError("raw-control", c->fd->net, NULL, c->fd->laddr, err);
	return err;
}

/* Go: net/rawconn.go (*rawConn).Read */
static go_error *
rawConn_Read(syscall_RawConn *rc, bool (*f)(void *env, uintptr_t fd), void *env)
{
	net_rawConn *c = (net_rawConn *)rc;
	go_error *err;

	if (!net_rawConn_ok(c))
		return syscall_EINVAL;
	err = poll_FD_RawRead(&c->fd->pfd, f, env);
	if (err != NULL)
		err = net_newOpError("raw-read", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

/* Go: net/rawconn.go (*rawConn).Write */
static go_error *
rawConn_Write(syscall_RawConn *rc, bool (*f)(void *env, uintptr_t fd), void *env)
{
	net_rawConn *c = (net_rawConn *)rc;
	go_error *err;

	if (!net_rawConn_ok(c))
		return syscall_EINVAL;
	err = poll_FD_RawWrite(&c->fd->pfd, f, env);
	if (err != NULL)
		err = net_newOpError("raw-write", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

static void
rawConn_free(syscall_RawConn *rc)
{
	free(rc);
}

const syscall_RawConn_methods net_rawConn_methods = {
	.type = "*net.rawConn",
	.Control = rawConn_Control,
	.Read = rawConn_Read,
	.Write = rawConn_Write,
	.free = rawConn_free,
};

// The same, lent on the stack to a Control callback: nothing to free.
static const syscall_RawConn_methods rawConnBorrowed_methods = {
	.type = "*net.rawConn",
	.Control = rawConn_Control,
	.Read = rawConn_Read,
	.Write = rawConn_Write,
};

void
net_rawConn_init(net_rawConn *c, net_netFD *fd)
{
	c->rc.m = &rawConnBorrowed_methods;
	c->fd = fd;
}

/* Go: net/rawconn.go newRawConn */
go_error *
net_newRawConn(net_netFD *fd, net_rawConn **c)
{
	net_rawConn *rc = runtime_newobject(sizeof(*rc));

	rc->rc.m = &net_rawConn_methods;
	rc->fd = fd;
	*c = rc;
	return NULL;
}

/* Go: net/rawconn.go (*rawListener).Read, (*rawListener).Write */
static go_error *
rawListener_ReadWrite(syscall_RawConn *rc, bool (*f)(void *env, uintptr_t fd), void *env)
{
	(void)rc;
	(void)f;
	(void)env;
	return syscall_EINVAL;
}

const syscall_RawConn_methods net_rawListener_methods = {
	.type = "*net.rawListener",
	.Control = rawConn_Control,
	.Read = rawListener_ReadWrite,
	.Write = rawListener_ReadWrite,
	.free = rawConn_free,
};

/* Go: net/rawconn.go newRawListener */
go_error *
net_newRawListener(net_netFD *fd, net_rawConn **c)
{
	net_rawConn *rc = runtime_newobject(sizeof(*rc));

	rc->rc.m = &net_rawListener_methods;
	rc->fd = fd;
	*c = rc;
	return NULL;
}

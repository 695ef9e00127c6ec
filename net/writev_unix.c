// C port of go1.19 src/net/writev_unix.go: the writev(2) path of
// Buffers.WriteTo.
#include "net/net_impl.h"

/* Go: net/writev_unix.go (*conn).writeBuffers */
go_error *
net_conn_writeBuffers(net_conn *c, net_Buffers *v, int64_t *n)
{
	go_error *err;

	*n = 0;
	if (!net_conn_ok(c))
		return syscall_EINVAL;
	err = net_netFD_writeBuffers(c->fd, v, n);
	if (err != NULL)
		return net_newOpError("writev", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return NULL;
}

/* Go: net/writev_unix.go (*netFD).writeBuffers */
go_error *
net_netFD_writeBuffers(net_netFD *fd, net_Buffers *v, int64_t *n)
{
	// C: poll's Writev advances v->v and v->n itself and clears what it
	// wrote, as Go's consume does.
	return net_wrapSyscallError("writev", poll_FD_Writev(&fd->pfd, &v->v, &v->n, n));
}

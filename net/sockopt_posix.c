// C port of go1.19 src/net/sockopt_posix.go (the options a TCP conn uses;
// the multicast interface helpers come with UDP).
#include "net/net_impl.h"

#include <sys/socket.h>

/* Go: net/sockopt_posix.go boolint */
int
net_boolint(bool b)
{
	return b ? 1 : 0;
}

/* Go: net/sockopt_posix.go setReadBuffer */
go_error *
net_setReadBuffer(net_netFD *fd, int bytes)
{
	return net_wrapSyscallError("setsockopt",
				    poll_FD_SetsockoptInt(&fd->pfd, SOL_SOCKET, SO_RCVBUF, bytes));
}

/* Go: net/sockopt_posix.go setWriteBuffer */
go_error *
net_setWriteBuffer(net_netFD *fd, int bytes)
{
	return net_wrapSyscallError("setsockopt",
				    poll_FD_SetsockoptInt(&fd->pfd, SOL_SOCKET, SO_SNDBUF, bytes));
}

/* Go: net/sockopt_posix.go setKeepAlive */
go_error *
net_setKeepAlive(net_netFD *fd, bool keepalive)
{
	return net_wrapSyscallError(
		"setsockopt",
		poll_FD_SetsockoptInt(&fd->pfd, SOL_SOCKET, SO_KEEPALIVE, net_boolint(keepalive)));
}

/* Go: net/sockopt_posix.go setLinger */
go_error *
net_setLinger(net_netFD *fd, int sec)
{
	struct linger l;

	if (sec >= 0) {
		l.l_onoff = 1;
		l.l_linger = sec;
	} else {
		l.l_onoff = 0;
		l.l_linger = 0;
	}
	return net_wrapSyscallError("setsockopt",
				    poll_FD_SetsockoptLinger(&fd->pfd, SOL_SOCKET, SO_LINGER, &l));
}

// C port of go1.19 src/net/tcpsockopt_posix.go.
#include "net/net_impl.h"

#include <netinet/tcp.h>

/* Go: net/tcpsockopt_posix.go setNoDelay */
go_error *
net_setNoDelay(net_netFD *fd, bool noDelay)
{
	return net_wrapSyscallError(
		"setsockopt",
		poll_FD_SetsockoptInt(&fd->pfd, IPPROTO_TCP, TCP_NODELAY, net_boolint(noDelay)));
}

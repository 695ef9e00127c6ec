// C port of go1.19 src/net/tcpsockopt_unix.go.
#include "net/net_impl.h"

#include <netinet/tcp.h>

/* Go: net/tcpsockopt_unix.go setKeepAlivePeriod */
go_error *
net_setKeepAlivePeriod(net_netFD *fd, time_Duration d)
{
	go_error *err;
	// The kernel counts whole seconds: round up.
	int secs = (int)net_roundDurationUp(d, time_Second);

	if ((err = poll_FD_SetsockoptInt(&fd->pfd, IPPROTO_TCP, TCP_KEEPINTVL, secs)) != NULL)
		return net_wrapSyscallError("setsockopt", err);
	return net_wrapSyscallError(
		"setsockopt", poll_FD_SetsockoptInt(&fd->pfd, IPPROTO_TCP, TCP_KEEPIDLE, secs));
}

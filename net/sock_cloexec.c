// C port of go1.19 src/net/sock_cloexec.go.
#include "net/net_impl.h"

#include "hooks/hooks.h"
#include "os/error.h"

/* Go: net/sock_cloexec.go sysSocket */
// The socket is made non-blocking and close-on-exec in the same call.
go_error *
net_sysSocket(int family, int sotype, int proto, int *s)
{
	go_error *err;

	if ((err = net_socketFunc(family, sotype | SOCK_NONBLOCK | SOCK_CLOEXEC, proto, s)) !=
	    NULL) {
		*s = -1;
		return os_NewSyscallError("socket", err);
	}
	return NULL;
}

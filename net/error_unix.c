// C port of go1.19 src/net/error_unix.go.
// go:build unix
#include "net/net.h"

#include <errno.h>

#include "syscall/syscall.h"

/* Go: net/error_unix.go isConnError */
bool
net_isConnError(go_error *err)
{
	int se;

	if (syscall_isErrno(err, &se))
		return se == ECONNRESET || se == ECONNABORTED;
	return false;
}

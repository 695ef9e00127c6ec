// C port of go1.19 src/net/error_posix.go.
#include "net/net.h"

#include "os/error.h"
#include "syscall/syscall.h"

/* Go: net/error_posix.go wrapSyscallError */
go_error *
net_wrapSyscallError(const char *name, go_error *err)
{
	int e;

	if (syscall_isErrno(err, &e))
		err = os_NewSyscallError(name, err);
	return err;
}

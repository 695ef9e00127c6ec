// C port of the helpers of go1.19 src/net/error_test.go, error_unix_test.go
// and timeout_test.go's isDeadlineExceeded: see errortest.h.
#include "errortest.h"

#include <string.h>

#include "context/context.h"
#include "internal_poll/poll.h"
#include "io/io.h"
#include "net/unixsock.h"
#include "os/error.h"
#include "syscall/syscall.h"

go_error *errTimedout = syscall_ETIMEDOUT;
go_error *errOpNotSupported = syscall_EOPNOTSUPP;

// C: Go's `switch err.(type)`: the dynamic type is the method table.
static bool
isType(go_error *err, const go_error_methods *m)
{
	return err != NULL && err->m == m;
}

/* Go: net/error_test.go (*OpError).isValid */
// C: Go's nil *TCPAddr in a non-nil interface cannot be built in C (a NULL
// net_Addr is the nil interface), so only the type is checked.
go_error *
net_OpError_isValid(net_OpError *e)
{
	const net_Addr *addrs[] = {e->Source, e->Addr};
	go_error *err = &e->he.err;

	if (e->Op == NULL || e->Op[0] == '\0')
		return errors_Newf("OpError.Op is empty: %s", go_error_Error(err));
	if (e->Net == NULL || e->Net[0] == '\0')
		return errors_Newf("OpError.Net is empty: %s", go_error_Error(err));
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		const net_Addr *addr = addrs[i];

		if (addr == NULL)
			continue;
		if (addr->m == &net_TCPAddr_methods || addr->m == &net_UDPAddr_methods ||
		    addr->m == &net_IPAddr_methods || addr->m == &net_UnixAddr_methods)
			continue;
		// C: net/file.c's fileAddr (the Addr of FileConn's errors) has
		// no exported method table: known by its type name.
		if (strcmp(addr->m->type, "net.fileAddr") == 0)
			continue;
		return errors_Newf("OpError.Source or Addr is unknown type: %s, %s", addr->m->type,
				   go_error_Error(err));
	}
	if (e->Err == NULL)
		return errors_Newf("OpError.Err is empty: %s", go_error_Error(err));
	return NULL;
}

// The first level shared by every parse*Error: an *OpError that is valid.
// Returns true with *inner = e.Err, or false with *perr set (NULL when
// nestedErr is not an *OpError: the caller decides).
static bool
firstLevel(go_error *nestedErr, go_error **inner, go_error **perr)
{
	*perr = NULL;
	if (!isType(nestedErr, &net_OpError_methods))
		return false;
	net_OpError *oe = (net_OpError *)nestedErr;
	if ((*perr = net_OpError_isValid(oe)) != NULL)
		return false;
	*inner = oe->Err;
	return true;
}

static go_error *
unexpected(int level, go_error *err)
{
	static const char *const nth[] = {"", "1st", "2nd", "3rd"};

	return errors_Newf("unexpected type on %s nested level: %s", nth[level], err->m->type);
}

// The third level shared by every parse*Error: an errno.
static go_error *
thirdLevel(go_error *nestedErr)
{
	if (isPlatformError(nestedErr))
		return NULL;
	return unexpected(3, nestedErr);
}

/* Go: net/error_test.go parseDialError */
go_error *
parseDialError(go_error *nestedErr)
{
	go_error *perr;

	if (nestedErr == NULL)
		return NULL;
	if (!firstLevel(nestedErr, &nestedErr, &perr))
		return perr != NULL ? perr : unexpected(1, nestedErr);

	// second:
	if (isPlatformError(nestedErr))
		return NULL;
	if (isType(nestedErr, &net_AddrError_methods) ||
	    isType(nestedErr, &net_timeoutError_methods) ||
	    isType(nestedErr, &net_DNSError_methods) ||
	    isType(nestedErr, &net_InvalidAddrError_methods) ||
	    isType(nestedErr, &net_ParseError_methods) ||
	    isType(nestedErr, &poll_DeadlineExceededError_methods) ||
	    isType(nestedErr, &net_UnknownNetworkError_methods))
		return NULL;
	if (isType(nestedErr, &os_SyscallError_methods))
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr == net_errCanceled || nestedErr == poll_ErrNetClosing ||
	    nestedErr == net_errMissingAddress || nestedErr == net_errNoSuitableAddress ||
	    nestedErr == context_DeadlineExceeded || nestedErr == context_Canceled)
		return NULL;
	return unexpected(2, nestedErr);
}

/* Go: net/error_test.go parseReadError */
go_error *
parseReadError(go_error *nestedErr)
{
	go_error *perr;

	if (nestedErr == NULL)
		return NULL;
	if (!firstLevel(nestedErr, &nestedErr, &perr)) {
		if (perr != NULL)
			return perr;
		if (nestedErr == io_EOF)
			return NULL;
		return unexpected(1, nestedErr);
	}

	// second:
	if (isPlatformError(nestedErr))
		return NULL;
	if (isType(nestedErr, &os_SyscallError_methods))
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr == poll_ErrNetClosing || nestedErr == net_errTimeout ||
	    nestedErr == poll_ErrNotPollable || nestedErr == poll_ErrDeadlineExceeded)
		return NULL;
	return unexpected(2, nestedErr);
}

/* Go: net/error_test.go parseWriteError */
go_error *
parseWriteError(go_error *nestedErr)
{
	go_error *perr;

	if (nestedErr == NULL)
		return NULL;
	if (!firstLevel(nestedErr, &nestedErr, &perr))
		return perr != NULL ? perr : unexpected(1, nestedErr);

	// second:
	if (isPlatformError(nestedErr))
		return NULL;
	if (isType(nestedErr, &net_AddrError_methods) ||
	    isType(nestedErr, &net_timeoutError_methods) ||
	    isType(nestedErr, &net_DNSError_methods) ||
	    isType(nestedErr, &net_InvalidAddrError_methods) ||
	    isType(nestedErr, &net_ParseError_methods) ||
	    isType(nestedErr, &poll_DeadlineExceededError_methods) ||
	    isType(nestedErr, &net_UnknownNetworkError_methods))
		return NULL;
	if (isType(nestedErr, &os_SyscallError_methods))
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr == net_errCanceled || nestedErr == poll_ErrNetClosing ||
	    nestedErr == net_errMissingAddress || nestedErr == net_errTimeout ||
	    nestedErr == poll_ErrDeadlineExceeded || nestedErr == net_ErrWriteToConnected ||
	    nestedErr == io_ErrUnexpectedEOF)
		return NULL;
	return unexpected(2, nestedErr);
}

/* Go: net/error_test.go parseCloseError */
go_error *
parseCloseError(go_error *nestedErr, bool isShutdown)
{
	static const char want[] = "use of closed network connection";
	go_error *perr;

	if (nestedErr == NULL)
		return NULL;
	// Programs match this text (Go's issues 4373 and 19252).
	if (!isShutdown && strstr(go_error_Error(nestedErr), want) == NULL)
		return errors_Newf("error string \"%s\" does not contain expected string \"%s\"",
				   go_error_Error(nestedErr), want);
	if (!isShutdown && !errors_Is(nestedErr, poll_ErrNetClosing))
		return errors_Newf("errors.Is(%s, errClosed) returns false, want true",
				   go_error_Error(nestedErr));
	if (!firstLevel(nestedErr, &nestedErr, &perr))
		return perr != NULL ? perr : unexpected(1, nestedErr);

	// second:
	if (isPlatformError(nestedErr))
		return NULL;
	if (isType(nestedErr, &os_SyscallError_methods))
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr == poll_ErrNetClosing)
		return NULL;
	return unexpected(2, nestedErr);
}

/* Go: net/error_test.go parseAcceptError */
go_error *
parseAcceptError(go_error *nestedErr)
{
	go_error *perr;

	if (nestedErr == NULL)
		return NULL;
	if (!firstLevel(nestedErr, &nestedErr, &perr))
		return perr != NULL ? perr : unexpected(1, nestedErr);

	// second:
	if (isPlatformError(nestedErr))
		return NULL;
	if (isType(nestedErr, &os_SyscallError_methods))
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr == poll_ErrNetClosing || nestedErr == net_errTimeout ||
	    nestedErr == poll_ErrNotPollable || nestedErr == poll_ErrDeadlineExceeded)
		return NULL;
	return unexpected(2, nestedErr);
}

/* Go: net/error_test.go parseCommonError */
// C: no os.LinkError or fs.PathError in gonet; the SyscallError case stays.
go_error *
parseCommonError(go_error *nestedErr)
{
	go_error *perr;

	if (nestedErr == NULL)
		return NULL;
	if (!firstLevel(nestedErr, &nestedErr, &perr))
		return perr != NULL ? perr : unexpected(1, nestedErr);

	// second:
	if (isPlatformError(nestedErr))
		return NULL;
	if (isType(nestedErr, &os_SyscallError_methods))
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr == poll_ErrNetClosing)
		return NULL;
	return unexpected(2, nestedErr);
}

/* Go: net/error_test.go parseLookupPortError */
go_error *
parseLookupPortError(go_error *nestedErr)
{
	if (nestedErr == NULL)
		return NULL;
	if (isType(nestedErr, &net_AddrError_methods) || isType(nestedErr, &net_DNSError_methods))
		return NULL;
	return unexpected(1, nestedErr);
}

/* Go: net/error_unix_test.go isPlatformError */
bool
isPlatformError(go_error *err)
{
	int e;

	return syscall_isErrno(err, &e);
}

/* Go: net/error_unix_test.go samePlatformError */
bool
samePlatformError(go_error *err, go_error *want)
{
	if (isType(err, &net_OpError_methods))
		err = ((net_OpError *)err)->Err;
	if (isType(err, &os_SyscallError_methods))
		err = ((os_SyscallError *)err)->Err;
	return err == want;
}

/* Go: net/error_unix_test.go isENOBUFS */
bool
isENOBUFS(go_error *err)
{
	return errors_Is(err, syscall_ENOBUFS);
}

/* Go: net/timeout_test.go isDeadlineExceeded */
// C: every go_error answers Timeout (false when it has no such method),
// so Go's err.(Error) assertion is Timeout() itself.
bool
isDeadlineExceeded(go_error *err)
{
	if (err == NULL || !go_error_Timeout(err))
		return false;
	return errors_Is(err, poll_ErrDeadlineExceeded);
}

// C port of go1.19 src/net/net.go: the Addr interface calls, the error types
// (OpError, ParseError, AddrError, UnknownNetworkError, InvalidAddrError,
// DNSConfigError, DNSError) and the package's error sentinels.
#include "net/net.h"

#include "context/context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/error.h"
#include "runtime_netpoll/panic.h"

// A concrete address built without its method table (a plain initializer
// instead of NET_TCPADDR(...)) cannot be an Addr.
static const net_Addr_methods *
methods(const net_Addr *a)
{
	if (a->m == NULL)
		runtime_throw("net: Addr without a method table (use NET_TCPADDR etc.)");
	return a->m;
}

const char *
net_Addr_Network(const net_Addr *a)
{
	if (a == NULL)
		return "";
	return methods(a)->Network(a);
}

char *
net_Addr_String(const net_Addr *a)
{
	char *s;

	if (a == NULL) {
		if ((s = strdup("<nil>")) == NULL)
			runtime_throw("out of memory");
		return s;
	}
	return methods(a)->String(a);
}

net_Addr *
net_Addr_clone(const net_Addr *a)
{
	if (a == NULL)
		return NULL;
	return methods(a)->clone(a);
}

void
net_Addr_free(net_Addr *a)
{
	if (a != NULL)
		methods(a)->free(a);
}

// Copies n strings, one after the other, into buf; dst[i] points at copy i.
static void
copyStrings(char *buf, size_t n, const char *const *src, const char **dst)
{
	size_t len;

	for (size_t i = 0; i < n; i++) {
		len = strlen(src[i]) + 1;
		memcpy(buf, src[i], len);
		dst[i] = buf;
		buf += len;
	}
}

static size_t
stringsLen(size_t n, const char *const *src)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		len += strlen(src[i]) + 1;
	return len;
}

// --- OpError ---

/* Go: net/net.go (*OpError).Error */
static char *
OpError_build(go_heaperror *he)
{
	net_OpError *e = (net_OpError *)he;
	char *src = NULL, *addr = NULL, *s = NULL;
	const char *sep = "";
	int r;

	if (e->Source != NULL)
		src = net_Addr_String(e->Source);
	if (e->Addr != NULL) {
		addr = net_Addr_String(e->Addr);
		sep = e->Source != NULL ? "->" : " ";
	}
	// Op[ Net][ Source][(->| )Addr]: Err
	r = asprintf(&s, "%s%s%s%s%s%s%s: %s", e->Op, e->Net[0] != '\0' ? " " : "", e->Net,
		     src != NULL ? " " : "", src != NULL ? src : "", sep, addr != NULL ? addr : "",
		     go_error_Error(e->Err));
	free(src);
	free(addr);
	return r < 0 ? NULL : s;
}

static const char *
OpError_Error(go_error *err)
{
	return go_heaperror_text((go_heaperror *)err, OpError_build);
}

/* Go: net/net.go (*OpError).Unwrap */
static go_error *
OpError_Unwrap(go_error *err)
{
	return ((net_OpError *)err)->Err;
}

/* Go: net/net.go (*OpError).Timeout */
static bool
OpError_Timeout(go_error *err)
{
	net_OpError *e = (net_OpError *)err;

	if (e->Err != NULL && e->Err->m == &os_SyscallError_methods)
		return go_error_Timeout(((os_SyscallError *)e->Err)->Err);
	return go_error_Timeout(e->Err);
}

/* Go: net/net.go (*OpError).Temporary */
static bool
OpError_Temporary(go_error *err)
{
	net_OpError *e = (net_OpError *)err;

	// accept's ECONNRESET and ECONNABORTED are worth retrying (Go issue 6163)
	if (strcmp(e->Op, "accept") == 0 && net_isConnError(e->Err))
		return true;
	if (e->Err != NULL && e->Err->m == &os_SyscallError_methods)
		return go_error_Temporary(((os_SyscallError *)e->Err)->Err);
	return go_error_Temporary(e->Err);
}

static void
OpError_free(go_error *err)
{
	net_OpError *e = (net_OpError *)err;

	net_Addr_free(e->Source);
	net_Addr_free(e->Addr);
	go_error_release(e->Err);
	free(e);
}

const go_error_methods net_OpError_methods = {
	.type = "*net.OpError",
	.Error = OpError_Error,
	.Unwrap = OpError_Unwrap,
	.Timeout = OpError_Timeout,
	.Temporary = OpError_Temporary,
	.free = OpError_free,
};

go_error *
net_newOpError(const char *op, const char *net, const net_Addr *source, const net_Addr *addr,
	       go_error *err)
{
	const char *src[2] = {op, net != NULL ? net : ""};
	const char *dst[2];
	net_OpError *e = runtime_newobject(sizeof(*e) + stringsLen(2, src));

	go_heaperror_init(&e->he, &net_OpError_methods);
	copyStrings(e->buf, 2, src, dst);
	e->Op = dst[0];
	e->Net = dst[1];
	e->Source = net_Addr_clone(source);
	e->Addr = net_Addr_clone(addr);
	e->Err = err;
	return &e->he.err;
}

// --- ParseError ---

/* Go: net/net.go (*ParseError).Error */
static char *
ParseError_build(go_heaperror *he)
{
	net_ParseError *e = (net_ParseError *)he;
	char *s;

	return asprintf(&s, "invalid %s: %s", e->Type, e->Text) < 0 ? NULL : s;
}

static const char *
ParseError_Error(go_error *err)
{
	return go_heaperror_text((go_heaperror *)err, ParseError_build);
}

/* Go: net/net.go (*ParseError).Timeout, (*AddrError).Timeout ... */
static bool
returnFalse(go_error *err)
{
	(void)err;
	return false;
}

static void
freeError(go_error *err)
{
	free(err);
}

const go_error_methods net_ParseError_methods = {
	.type = "*net.ParseError",
	.Error = ParseError_Error,
	.Timeout = returnFalse,
	.Temporary = returnFalse,
	.free = freeError,
};

go_error *
net_newParseError(const char *typ, const char *text)
{
	const char *src[2] = {typ, text};
	const char *dst[2];
	net_ParseError *e = runtime_newobject(sizeof(*e) + stringsLen(2, src));

	go_heaperror_init(&e->he, &net_ParseError_methods);
	copyStrings(e->buf, 2, src, dst);
	e->Type = dst[0];
	e->Text = dst[1];
	return &e->he.err;
}

// --- AddrError ---

/* Go: net/net.go (*AddrError).Error */
static char *
AddrError_build(go_heaperror *he)
{
	net_AddrError *e = (net_AddrError *)he;
	char *s;
	int r;

	if (e->Addr[0] != '\0')
		r = asprintf(&s, "address %s: %s", e->Addr, e->Err);
	else
		r = asprintf(&s, "%s", e->Err);
	return r < 0 ? NULL : s;
}

static const char *
AddrError_Error(go_error *err)
{
	return go_heaperror_text((go_heaperror *)err, AddrError_build);
}

const go_error_methods net_AddrError_methods = {
	.type = "*net.AddrError",
	.Error = AddrError_Error,
	.Timeout = returnFalse,
	.Temporary = returnFalse,
	.free = freeError,
};

go_error *
net_newAddrError(const char *err, const char *addr)
{
	const char *src[2] = {err, addr != NULL ? addr : ""};
	const char *dst[2];
	net_AddrError *e = runtime_newobject(sizeof(*e) + stringsLen(2, src));

	go_heaperror_init(&e->he, &net_AddrError_methods);
	copyStrings(e->buf, 2, src, dst);
	e->Err = dst[0];
	e->Addr = dst[1];
	return &e->he.err;
}

// --- UnknownNetworkError, InvalidAddrError ---

/* Go: net/net.go UnknownNetworkError.Error */
static char *
UnknownNetworkError_build(go_heaperror *he)
{
	char *s;

	return asprintf(&s, "unknown network %s", ((net_stringError *)he)->s) < 0 ? NULL : s;
}

static const char *
UnknownNetworkError_Error(go_error *err)
{
	return go_heaperror_text((go_heaperror *)err, UnknownNetworkError_build);
}

const go_error_methods net_UnknownNetworkError_methods = {
	.type = "net.UnknownNetworkError",
	.Error = UnknownNetworkError_Error,
	.Timeout = returnFalse,
	.Temporary = returnFalse,
	.free = freeError,
};

/* Go: net/net.go InvalidAddrError.Error */
static const char *
InvalidAddrError_Error(go_error *err)
{
	return ((net_stringError *)err)->s;
}

const go_error_methods net_InvalidAddrError_methods = {
	.type = "net.InvalidAddrError",
	.Error = InvalidAddrError_Error,
	.Timeout = returnFalse,
	.Temporary = returnFalse,
	.free = freeError,
};

static go_error *
newStringError(const go_error_methods *m, const char *s)
{
	size_t n = strlen(s) + 1;
	net_stringError *e = runtime_newobject(sizeof(*e) + n);

	go_heaperror_init(&e->he, m);
	memcpy(e->s, s, n);
	return &e->he.err;
}

go_error *
net_newUnknownNetworkError(const char *net)
{
	return newStringError(&net_UnknownNetworkError_methods, net);
}

go_error *
net_newInvalidAddrError(const char *s)
{
	return newStringError(&net_InvalidAddrError_methods, s);
}

// --- sentinels ---

/* Go: net/net.go canceledError.Error */
static const char *
canceledError_Error(go_error *err)
{
	(void)err;
	return "operation was canceled";
}

/* Go: net/net.go canceledError.Is */
// The same text as ever, yet errors.Is(err, context.Canceled).
static bool
canceledError_Is(go_error *err, go_error *target)
{
	(void)err;
	return target == context_Canceled;
}

const go_error_methods net_canceledError_methods = {
	.type = "net.canceledError",
	.Error = canceledError_Error,
	.Is = canceledError_Is,
};

/* Go: net/net.go (*timeoutError).Error */
static const char *
timeoutError_Error(go_error *err)
{
	(void)err;
	return "i/o timeout";
}

/* Go: net/net.go (*timeoutError).Timeout, (*timeoutError).Temporary */
static bool
returnTrue(go_error *err)
{
	(void)err;
	return true;
}

/* Go: net/net.go (*timeoutError).Is */
static bool
timeoutError_Is(go_error *err, go_error *target)
{
	(void)err;
	return target == context_DeadlineExceeded;
}

const go_error_methods net_timeoutError_methods = {
	.type = "*net.timeoutError",
	.Error = timeoutError_Error,
	.Timeout = returnTrue,
	.Temporary = returnTrue,
	.Is = timeoutError_Is,
};

static errors_errorString errNoSuitableAddress = ERRORS_STATIC("no suitable address found");
static errors_errorString errMissingAddress = ERRORS_STATIC("missing address");
static errors_errorString ErrWriteToConnected =
	ERRORS_STATIC("use of WriteTo with pre-connected connection");
static errors_errorString errNoSuchHost = ERRORS_STATIC("no such host");
static go_error errCanceled = {&net_canceledError_methods};
static go_error errTimeout = {&net_timeoutError_methods};

go_error *const net_errNoSuitableAddress = &errNoSuitableAddress.err;
go_error *const net_errMissingAddress = &errMissingAddress.err;
go_error *const net_errCanceled = &errCanceled;
go_error *const net_ErrWriteToConnected = &ErrWriteToConnected.err;
go_error *const net_errTimeout = &errTimeout;
go_error *const net_errNoSuchHost = &errNoSuchHost.err;

// --- DNSConfigError ---

/* Go: net/net.go (*DNSConfigError).Error */
static char *
DNSConfigError_build(go_heaperror *he)
{
	char *s;

	return asprintf(&s, "error reading DNS config: %s",
			go_error_Error(((net_DNSConfigError *)he)->Err)) < 0
		       ? NULL
		       : s;
}

static const char *
DNSConfigError_Error(go_error *err)
{
	return go_heaperror_text((go_heaperror *)err, DNSConfigError_build);
}

/* Go: net/net.go (*DNSConfigError).Unwrap */
static go_error *
DNSConfigError_Unwrap(go_error *err)
{
	return ((net_DNSConfigError *)err)->Err;
}

static void
DNSConfigError_free(go_error *err)
{
	go_error_release(((net_DNSConfigError *)err)->Err);
	free(err);
}

const go_error_methods net_DNSConfigError_methods = {
	.type = "*net.DNSConfigError",
	.Error = DNSConfigError_Error,
	.Unwrap = DNSConfigError_Unwrap,
	.Timeout = returnFalse,
	.Temporary = returnFalse,
	.free = DNSConfigError_free,
};

go_error *
net_newDNSConfigError(go_error *err)
{
	net_DNSConfigError *e = runtime_newobject(sizeof(*e));

	go_heaperror_init(&e->he, &net_DNSConfigError_methods);
	e->Err = err;
	return &e->he.err;
}

// --- DNSError ---

/* Go: net/net.go (*DNSError).Error */
static char *
DNSError_build(go_heaperror *he)
{
	net_DNSError *e = (net_DNSError *)he;
	char *s;
	int r;

	if (e->Server[0] != '\0')
		r = asprintf(&s, "lookup %s on %s: %s", e->Name, e->Server, e->Err);
	else
		r = asprintf(&s, "lookup %s: %s", e->Name, e->Err);
	return r < 0 ? NULL : s;
}

static const char *
DNSError_Error(go_error *err)
{
	return go_heaperror_text((go_heaperror *)err, DNSError_build);
}

/* Go: net/net.go (*DNSError).Timeout */
static bool
DNSError_Timeout(go_error *err)
{
	return ((net_DNSError *)err)->IsTimeout;
}

/* Go: net/net.go (*DNSError).Temporary */
static bool
DNSError_Temporary(go_error *err)
{
	net_DNSError *e = (net_DNSError *)err;

	return e->IsTimeout || e->IsTemporary;
}

const go_error_methods net_DNSError_methods = {
	.type = "*net.DNSError",
	.Error = DNSError_Error,
	.Timeout = DNSError_Timeout,
	.Temporary = DNSError_Temporary,
	.free = freeError,
};

go_error *
net_newDNSError(const char *err, const char *name, const char *server, bool isTimeout,
		bool isTemporary, bool isNotFound)
{
	const char *src[3] = {err, name != NULL ? name : "", server != NULL ? server : ""};
	const char *dst[3];
	net_DNSError *e = runtime_newobject(sizeof(*e) + stringsLen(3, src));

	go_heaperror_init(&e->he, &net_DNSError_methods);
	copyStrings(e->buf, 3, src, dst);
	e->Err = dst[0];
	e->Name = dst[1];
	e->Server = dst[2];
	e->IsTimeout = isTimeout;
	e->IsTemporary = isTemporary;
	e->IsNotFound = isNotFound;
	return &e->he.err;
}

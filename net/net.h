// C port of go1.19 src/net/net.go: the Addr interface and the error types
// and sentinels of package net (error_posix.go's wrapSyscallError and
// error_unix.go's isConnError beside them). The parts that need the runtime
// (Conn, Listener, conn's methods, ErrClosed) live with the files that
// port them.
//
// Ownership:
//  - An address is a `net_Addr *`, NULL being Go's nil Addr. A concrete
//    address (net_TCPAddr, net_IPAddr ...) embeds net_Addr as its first field
//    and may live anywhere: on the stack, in a struct, on the heap.
//  - Whoever keeps an address beyond the call that lent it keeps a clone:
//    net_Addr_clone() makes a heap copy owned by the caller, released with
//    net_Addr_free(). Only clones (and addresses a constructor documents as
//    heap ones) are ever freed; an address on the stack never is.
//  - So a *net.OpError owns its Source and Addr: net_newOpError() clones the
//    addresses it is given and frees the clones with the error. The error
//    stays printable after the Conn it came from is closed and freed.
//  - Every error constructor here copies its strings and takes over the
//    error it wraps (go_error_release drops the whole chain).
//  - String() results are malloc'd and freed by the caller; Network() results
//    are borrowed from the address.
#ifndef GONET_NET_NET_H
#define GONET_NET_NET_H

#include <stdbool.h>

#include "errors/errors.h"

// Go: net.Addr. A C implementation fills a net_Addr_methods table; all four
// methods are required.
typedef struct net_Addr net_Addr;
typedef struct net_Addr_methods {
	const char *type; // Go's dynamic type name, e.g. "*net.TCPAddr"
	// Network(): the network name, borrowed from a (usually a literal).
	const char *(*Network)(const net_Addr *a);
	// String(): a malloc'd string the caller frees.
	char *(*String)(const net_Addr *a);
	// C only: a heap copy of a that owns everything it points to.
	net_Addr *(*clone)(const net_Addr *a);
	// C only: frees a clone.
	void (*free)(net_Addr *a);
} net_Addr_methods;

struct net_Addr {
	const net_Addr_methods *m;
};

// The interface calls. C: a nil Addr answers "<nil>" instead of panicking,
// as fmt prints it; Network of nil is "".
const char *net_Addr_Network(const net_Addr *a);
char *net_Addr_String(const net_Addr *a) __attribute__((malloc, returns_nonnull));
// C: a heap copy (NULL for NULL) and its release (NULL is fine).
net_Addr *net_Addr_clone(const net_Addr *a);
void net_Addr_free(net_Addr *a);

// Go: net.OpError {Op, Net, Source, Addr, Err}.
typedef struct net_OpError {
	go_heaperror he;
	const char *Op;   // points into buf
	const char *Net;  // points into buf
	net_Addr *Source; // owned clone, or NULL
	net_Addr *Addr;   // owned clone, or NULL
	go_error *Err;    // owned
	char buf[];
} net_OpError;
extern const go_error_methods net_OpError_methods;
// &OpError{Op: op, Net: net, Source: source, Addr: addr, Err: err}. Copies
// op and net, clones source and addr (borrowed), takes over err.
go_error *net_newOpError(const char *op, const char *net, const net_Addr *source,
			 const net_Addr *addr, go_error *err) GO_MUST_CHECK;

// Go: net.ParseError {Type, Text}.
typedef struct net_ParseError {
	go_heaperror he;
	const char *Type;
	const char *Text;
	char buf[];
} net_ParseError;
extern const go_error_methods net_ParseError_methods;
go_error *net_newParseError(const char *typ, const char *text) GO_MUST_CHECK;

// Go: net.AddrError {Err, Addr}.
typedef struct net_AddrError {
	go_heaperror he;
	const char *Err;
	const char *Addr;
	char buf[];
} net_AddrError;
extern const go_error_methods net_AddrError_methods;
go_error *net_newAddrError(const char *err, const char *addr) GO_MUST_CHECK;

// Go: net.UnknownNetworkError and net.InvalidAddrError (string types).
typedef struct net_stringError {
	go_heaperror he;
	char s[];
} net_stringError;
extern const go_error_methods net_UnknownNetworkError_methods;
extern const go_error_methods net_InvalidAddrError_methods;
go_error *net_newUnknownNetworkError(const char *net) GO_MUST_CHECK;
go_error *net_newInvalidAddrError(const char *s) GO_MUST_CHECK;

// Go: net.DNSConfigError {Err}.
typedef struct net_DNSConfigError {
	go_heaperror he;
	go_error *Err; // owned
} net_DNSConfigError;
extern const go_error_methods net_DNSConfigError_methods;
go_error *net_newDNSConfigError(go_error *err) GO_MUST_CHECK;

// Go: net.DNSError {Err, Name, Server, IsTimeout, IsTemporary, IsNotFound}.
typedef struct net_DNSError {
	go_heaperror he;
	const char *Err;
	const char *Name;
	const char *Server;
	bool IsTimeout;
	bool IsTemporary;
	bool IsNotFound;
	char buf[];
} net_DNSError;
extern const go_error_methods net_DNSError_methods;
go_error *net_newDNSError(const char *err, const char *name, const char *server, bool isTimeout,
			  bool isTemporary, bool isNotFound) GO_MUST_CHECK;

// Package-level errors (net.go), static and compared by identity.
extern go_error *const net_errNoSuitableAddress; // "no suitable address found"
extern go_error *const net_errMissingAddress;    // "missing address"
extern go_error *const net_errCanceled;          // "operation was canceled"
extern go_error *const net_ErrWriteToConnected;  // "use of WriteTo with pre-connected connection"
extern go_error *const net_errTimeout;           // "i/o timeout", Timeout and Temporary
extern go_error *const net_errNoSuchHost;        // "no such host"
extern const go_error_methods net_canceledError_methods;
extern const go_error_methods net_timeoutError_methods;

// Go: error_posix.go wrapSyscallError. Takes over err.
go_error *net_wrapSyscallError(const char *name, go_error *err) GO_MUST_CHECK;
// Go: error_unix.go isConnError (ECONNRESET or ECONNABORTED).
bool net_isConnError(go_error *err);

#include "net/ip.h"
#include "net/ipsock.h"
#include "net/port.h"

#endif

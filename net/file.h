// C port of go1.19 src/net/file.go: FileConn and FileListener, which make a
// Conn or a Listener from a socket descriptor (an inherited one, or one
// that (*TCPConn).File returned).
//
// C: gonet has no os.File. f is the descriptor and name what Go's
// f.Name() would be (only the error text shows it; NULL is ""). As in Go,
// f stays the caller's: a duplicate of it is what the Conn or Listener
// owns, so close f when it is no longer needed. The result is owned as
// net/conn.h says (Close, then net_Conn_Free or net_Listener_Free).
#ifndef GONET_NET_FILE_H
#define GONET_NET_FILE_H

#include "net/conn.h"

// Go: FileConn(f) (Conn, error). Errors are an *OpError "file" on network
// "file+net" whose Addr is name ("file file+net NAME: getsockopt: socket
// operation on non-socket"). A TCP socket makes a *TCPConn, a UDP one a
// *UDPConn, a Unix one a *UnixConn. C: a raw IP socket, which Go also
// takes, fails with EINVAL (IPConn is not ported).
go_error *net_FileConn(int f, const char *name, net_Conn **c) GO_MUST_CHECK;
// Go: FileListener(f) (Listener, error), likewise: a *TCPListener or a
// *UnixListener (which, made this way, leaves the socket file in place on
// Close).
go_error *net_FileListener(int f, const char *name, net_Listener **ln) GO_MUST_CHECK;
// Go: FilePacketConn(f) (PacketConn, error), likewise: a *UDPConn or a
// *UnixConn.
go_error *net_FilePacketConn(int f, const char *name, net_PacketConn **c) GO_MUST_CHECK;

#endif

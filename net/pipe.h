// C port of go1.19 src/net/pipe.go: Pipe, a synchronous, in-memory,
// full-duplex connection between two Conns, with deadlines.
//
// Ownership: each end is a net_Conn of its own, owned by whoever got it
// and released with net_Conn_Free under net/conn.h's rules (after Close has
// returned and no goroutine still uses that end; Free closes an end nobody
// closed). The two ends share their channels; the last Free releases them,
// so one end may be freed while the other is still in use.
#ifndef GONET_NET_PIPE_H
#define GONET_NET_PIPE_H

#include "net/conn.h"

// Go: Pipe() (Conn, Conn). A Write on one end blocks until the other end's
// Reads have taken all of it; there is no buffering. Read returns io_EOF
// once the other end is closed, io_ErrClosedPipe once this end is; the
// other errors come wrapped in an *OpError ("read pipe: i/o timeout").
void net_Pipe(net_Conn **c1, net_Conn **c2);

#endif

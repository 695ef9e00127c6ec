// C port of the Conn and Listener parts of go1.19 src/net/net.go: the Conn
// and Listener interfaces, the conn type every stream connection embeds,
// and ErrClosed.
//
// OWNERSHIP (C has no GC; these rules replace it)
//
//  1. A Conn (net_Dial, net_Listener_Accept, net_DialTCP ...) or a Listener
//     (net_Listen, net_ListenTCP ...) is owned by whoever received it. For a
//     TCPConn the Conn, its netFD and its poll.FD are one allocation.
//  2. Close and Free are two steps. Close (any number of times, from any
//     goroutine) releases the descriptor: it unblocks every goroutine
//     blocked in Read, Write or Accept (they return an *OpError wrapping
//     net_ErrClosed) and returns once the descriptor is closed. After Close
//     the object still exists: every method returns an *OpError wrapping
//     net_ErrClosed, LocalAddr and RemoteAddr still answer.
//  3. Free (net_Conn_Free, net_Listener_Free, net_TCPConn_Free ...) is legal
//     only after Close has returned and no goroutine still uses the object
//     (a goroutine unblocked by Close must have returned from its call).
//     Free of a Conn nobody closed closes it first, as Go's finalizer on a
//     netFD does; the same rule holds (no goroutine may still use it).
//  4. Addresses returned by LocalAddr, RemoteAddr and Addr are borrowed from
//     the object: valid until Free; clone them (net_Addr_clone) to keep
//     them longer. Errors returned are the caller's (go_error_release); an
//     *OpError holds its own copies of the addresses, so it outlives Free.
//  5. A type assertion (net_Conn_TCPConn, net_TCPConn_Conn ...) returns a
//     view of the same object, never a new owner.
//
// Every method may block, so call them from goroutines (inside go_main).
#ifndef GONET_NET_CONN_H
#define GONET_NET_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "errors/errors.h"
#include "internal_poll/poll.h"
#include "io/io.h"
#include "net/net.h"
#include "time/time.h"

typedef struct net_netFD net_netFD;
typedef struct net_TCPConn net_TCPConn;
typedef struct net_TCPListener net_TCPListener;

// Go: net.ErrClosed (= internal/poll.ErrNetClosing), "use of closed network
// connection". Static; compare with errors_Is. C: a macro, since C cannot
// initialize one constant pointer with another.
#define net_ErrClosed poll_ErrNetClosing

// Go: net.Conn. A C implementation fills a net_Conn_methods table and embeds
// net_Conn; every method is required.
typedef struct net_Conn net_Conn;
typedef struct net_Conn_methods {
	const char *type; // Go's dynamic type name, e.g. "*net.TCPConn"
	go_error *(*Read)(net_Conn *c, uint8_t *b, size_t len, ssize_t *n);
	go_error *(*Write)(net_Conn *c, const uint8_t *b, size_t len, ssize_t *n);
	go_error *(*Close)(net_Conn *c);
	const net_Addr *(*LocalAddr)(net_Conn *c); // borrowed, valid until Free; NULL = nil
	const net_Addr *(*RemoteAddr)(net_Conn *c);
	go_error *(*SetDeadline)(net_Conn *c, time_Time t);
	go_error *(*SetReadDeadline)(net_Conn *c, time_Time t);
	go_error *(*SetWriteDeadline)(net_Conn *c, time_Time t);
	void (*Free)(net_Conn *c); // C only: rule 3
} net_Conn_methods;
struct net_Conn {
	const net_Conn_methods *m;
};

// The interface calls (Go: c.Read(b) ...).
go_error *net_Conn_Read(net_Conn *c, uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_Conn_Write(net_Conn *c, const uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_Conn_Close(net_Conn *c) GO_MUST_CHECK;
const net_Addr *net_Conn_LocalAddr(net_Conn *c);
const net_Addr *net_Conn_RemoteAddr(net_Conn *c);
go_error *net_Conn_SetDeadline(net_Conn *c, time_Time t) GO_MUST_CHECK;
go_error *net_Conn_SetReadDeadline(net_Conn *c, time_Time t) GO_MUST_CHECK;
go_error *net_Conn_SetWriteDeadline(net_Conn *c, time_Time t) GO_MUST_CHECK;
// C: rule 3. NULL is fine.
void net_Conn_Free(net_Conn *c);

// Go: net.Listener, likewise.
typedef struct net_Listener net_Listener;
typedef struct net_Listener_methods {
	const char *type; // e.g. "*net.TCPListener"
	// *c is a new Conn owned by the caller (NULL on error).
	go_error *(*Accept)(net_Listener *l, net_Conn **c);
	go_error *(*Close)(net_Listener *l);
	const net_Addr *(*Addr)(net_Listener *l); // borrowed, valid until Free
	void (*Free)(net_Listener *l);            // C only: rule 3
} net_Listener_methods;
struct net_Listener {
	const net_Listener_methods *m;
};

go_error *net_Listener_Accept(net_Listener *l, net_Conn **c) GO_MUST_CHECK;
go_error *net_Listener_Close(net_Listener *l) GO_MUST_CHECK;
const net_Addr *net_Listener_Addr(net_Listener *l);
void net_Listener_Free(net_Listener *l);

// Go: net.PacketConn, likewise: a packet-oriented connection (UnixConn of
// "unixgram" ...).
typedef struct net_PacketConn net_PacketConn;
typedef struct net_PacketConn_methods {
	const char *type; // e.g. "*net.UnixConn"
	// *addr: the sender, a heap Addr the caller releases with
	// net_Addr_free; NULL (Go's nil) when unknown.
	go_error *(*ReadFrom)(net_PacketConn *c, uint8_t *p, size_t len, ssize_t *n,
			      net_Addr **addr);
	go_error *(*WriteTo)(net_PacketConn *c, const uint8_t *p, size_t len, const net_Addr *addr,
			     ssize_t *n);
	go_error *(*Close)(net_PacketConn *c);
	const net_Addr *(*LocalAddr)(net_PacketConn *c); // borrowed, valid until Free
	go_error *(*SetDeadline)(net_PacketConn *c, time_Time t);
	go_error *(*SetReadDeadline)(net_PacketConn *c, time_Time t);
	go_error *(*SetWriteDeadline)(net_PacketConn *c, time_Time t);
	void (*Free)(net_PacketConn *c); // C only: rule 3
} net_PacketConn_methods;
struct net_PacketConn {
	const net_PacketConn_methods *m;
};

go_error *net_PacketConn_ReadFrom(net_PacketConn *c, uint8_t *p, size_t len, ssize_t *n,
				  net_Addr **addr) GO_MUST_CHECK;
go_error *net_PacketConn_WriteTo(net_PacketConn *c, const uint8_t *p, size_t len,
				 const net_Addr *addr, ssize_t *n) GO_MUST_CHECK;
go_error *net_PacketConn_Close(net_PacketConn *c) GO_MUST_CHECK;
const net_Addr *net_PacketConn_LocalAddr(net_PacketConn *c);
go_error *net_PacketConn_SetDeadline(net_PacketConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_PacketConn_SetReadDeadline(net_PacketConn *c, time_Time t) GO_MUST_CHECK;
go_error *net_PacketConn_SetWriteDeadline(net_PacketConn *c, time_Time t) GO_MUST_CHECK;
// C: rule 3. NULL is fine.
void net_PacketConn_Free(net_PacketConn *c);

// Go: the type assertions c.(*TCPConn) and l.(*TCPListener): NULL when the
// dynamic type differs (or c is NULL).
net_TCPConn *net_Conn_TCPConn(net_Conn *c);
net_TCPListener *net_Listener_TCPListener(net_Listener *l);

// Go: net.conn, the struct TCPConn (and later UDPConn, UnixConn ...) embed.
// fd is set at creation and never changes; NULL is Go's invalid conn (every
// method returns syscall.EINVAL).
typedef struct net_conn {
	net_netFD *fd;
} net_conn;

// Go: conn's methods. After Close they return an *OpError wrapping
// net_ErrClosed (io_EOF is returned bare, as in Go).
go_error *net_conn_Read(net_conn *c, uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_conn_Write(net_conn *c, const uint8_t *b, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *net_conn_Close(net_conn *c) GO_MUST_CHECK;
const net_Addr *net_conn_LocalAddr(net_conn *c);
const net_Addr *net_conn_RemoteAddr(net_conn *c);
go_error *net_conn_SetDeadline(net_conn *c, time_Time t) GO_MUST_CHECK;
go_error *net_conn_SetReadDeadline(net_conn *c, time_Time t) GO_MUST_CHECK;
go_error *net_conn_SetWriteDeadline(net_conn *c, time_Time t) GO_MUST_CHECK;
go_error *net_conn_SetReadBuffer(net_conn *c, int bytes) GO_MUST_CHECK;
go_error *net_conn_SetWriteBuffer(net_conn *c, int bytes) GO_MUST_CHECK;
// Go: (*conn).File() (*os.File, error). C: gonet has no os.File; *f is a
// duplicate descriptor (close-on-exec) owned by the caller,
// who closes it with close(2); -1 on error. As in Go 1.19 it shares the
// socket's file status flags (non-blocking).
go_error *net_conn_File(net_conn *c, int *f) GO_MUST_CHECK;

// Go: net.Buffers, zero or more runs of bytes to write, [][]byte. C: v
// points to n struct iovec (iov_base, iov_len), borrowed from the caller
// like the bytes they point to. WriteTo and Read consume what they move:
// v and n advance past whole runs, the first run left shrinks, and the
// runs dropped are cleared (Go sets them to nil); the bytes themselves are
// never written. Make one with NET_BUFFERS(v, n); &b.reader is the
// *Buffers as an io.Reader (Read, and io.WriterTo for io_Copy).
typedef struct net_Buffers {
	io_Reader reader; // C: the interface header, &net_Buffers_readerMethods
	struct iovec *v;
	size_t n;
} net_Buffers;
extern const io_Reader_methods net_Buffers_readerMethods;
#define NET_BUFFERS(iov, cnt) ((net_Buffers){{&net_Buffers_readerMethods}, (iov), (cnt)})

// Go: (*Buffers).WriteTo(w) (int64, error): one writev(2) at a time when w
// is a TCPConn, else a Write of each run.
go_error *net_Buffers_WriteTo(net_Buffers *v, io_Writer *w, int64_t *n) GO_MUST_CHECK;
// Go: (*Buffers).Read(p) (int, error): io_EOF once no run is left.
go_error *net_Buffers_Read(net_Buffers *v, uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;

#endif

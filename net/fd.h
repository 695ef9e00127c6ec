// C port of go1.19 src/net/fd_posix.go's netFD: a network descriptor, the
// layer between net's Conns and internal/poll's FD.
//
// Memory: a netFD is one heap allocation (net_newFD) that also holds the
// Conn or Listener made from it (Go: newTCPConn(fd) and &TCPListener{fd}
// are separate objects; here they live in `owner`), and the local and
// remote addresses (TCPAddr values in place; any other Addr as a clone).
// Close releases the descriptor; net_netFD_free releases the memory, after
// Close, once nobody uses the netFD (net/conn.h rule 3).
#ifndef GONET_NET_FD_H
#define GONET_NET_FD_H

#include <stdbool.h>

#include "internal_poll/poll.h"
#include "net/conn.h"
#include "net/ipsock.h"
#include "net/tcpsock.h"
#include "net/udpsock.h"
#include "net/unixsock.h"

// The room for an address a netFD holds: a TCPAddr or a UDPAddr in place,
// or the interface header of a clone (addr then points at the clone).
typedef union net_fdAddr {
	net_Addr addr;
	net_TCPAddr tcp;
	net_UDPAddr udp;
} net_fdAddr;

// C: the room for any address the socket layer makes from a Sockaddr
// (addrFunc, toLocal): those of net_fdAddr, or a UnixAddr with its name.
// Only on the stack: a netFD keeps a UnixAddr as a clone, so that every
// TCP connection does not carry room for a Unix name.
typedef union net_addrBuf {
	net_Addr addr;
	net_TCPAddr tcp;
	net_UDPAddr udp;
	struct {
		net_UnixAddr a; // a.Name points at name
		char name[net_UnixNameLen];
	} unixAddr;
} net_addrBuf;

// Go: net.netFD.
struct net_netFD {
	poll_FD pfd;

	// Immutable until Close (Go's comment says the same).
	int family;
	int sotype;
	bool isConnected;    // handshake completed or peer association in use
	char net[16];        // the network name ("tcp", "tcp4", "tcp6")
	net_Addr *laddr;     // NULL (nil), &laddrBuf.addr or a heap clone
	net_Addr *raddr;     // likewise
	net_fdAddr laddrBuf; // C: storage behind laddr
	net_fdAddr raddrBuf; // C: storage behind raddr

	// C: the object made from this netFD, in the same allocation.
	union {
		net_TCPConn tcp;
		net_TCPListener tcpln;
		net_UDPConn udpConn;
		net_UnixConn unixConn;
		net_UnixListener unixln;
	} owner;
};

#endif

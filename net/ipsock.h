// C port of the pure parts of go1.19 src/net/ipsock.go (SplitHostPort,
// JoinHostPort, splitHostZone, ipv4only, ipv6only) and the address types
// IPAddr (iprawsock.go), TCPAddr (tcpsock.go) and UDPAddr (udpsock.go) as
// net_Addr values.
#ifndef GONET_NET_IPSOCK_H
#define GONET_NET_IPSOCK_H

#include <stdbool.h>

#include "net/ip.h"
#include "net/net.h"
#include "net/parse.h"

// C: a zone is held inline, NUL-terminated. Zones are interface names
// (under 16 bytes on Linux and the BSDs) or decimal interface indexes, so
// every zone a system can use fits; whoever fills a Zone from user text
// uses net_copyZone and reports a longer one as an error.
enum { net_ZoneLen = 32 };

// Copies z into zone; false (zone unchanged) when it does not fit.
bool net_copyZone(char zone[net_ZoneLen], net_string z);

// Go: net.IPAddr {IP, Zone}. Build one with NET_IPADDR(.IP = ..., .Zone = "lo")
// so that its interface header is set.
typedef struct net_IPAddr {
	net_Addr addr; // C: the interface header, &net_IPAddr_methods
	net_IP IP;
	char Zone[net_ZoneLen]; // IPv6 scoped addressing zone, "" for none
} net_IPAddr;
extern const net_Addr_methods net_IPAddr_methods;
#define NET_IPADDR(...) ((net_IPAddr){.addr = {&net_IPAddr_methods}, __VA_ARGS__})

// Go: net.TCPAddr {IP, Port, Zone}. Build one with
// NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = 80).
typedef struct net_TCPAddr {
	net_Addr addr; // C: the interface header, &net_TCPAddr_methods
	net_IP IP;
	int Port;
	char Zone[net_ZoneLen]; // IPv6 scoped addressing zone, "" for none
} net_TCPAddr;
extern const net_Addr_methods net_TCPAddr_methods;
#define NET_TCPADDR(...) ((net_TCPAddr){.addr = {&net_TCPAddr_methods}, __VA_ARGS__})

// Go: net.UDPAddr {IP, Port, Zone}. Build one with
// NET_UDPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = 53).
typedef struct net_UDPAddr {
	net_Addr addr; // C: the interface header, &net_UDPAddr_methods
	net_IP IP;
	int Port;
	char Zone[net_ZoneLen]; // IPv6 scoped addressing zone, "" for none
} net_UDPAddr;
extern const net_Addr_methods net_UDPAddr_methods;
#define NET_UDPADDR(...) ((net_UDPAddr){.addr = {&net_UDPAddr_methods}, __VA_ARGS__})

// Go: the IPAddr methods. C: a may be NULL (Go's nil *IPAddr); String is
// malloc'd.
const char *net_IPAddr_Network(const net_IPAddr *a);
char *net_IPAddr_String(const net_IPAddr *a) __attribute__((malloc, returns_nonnull));
bool net_IPAddr_isWildcard(const net_IPAddr *a);
net_Addr *net_IPAddr_opAddr(net_IPAddr *a);

// Go: the TCPAddr methods, likewise.
const char *net_TCPAddr_Network(const net_TCPAddr *a);
char *net_TCPAddr_String(const net_TCPAddr *a) __attribute__((malloc, returns_nonnull));
bool net_TCPAddr_isWildcard(const net_TCPAddr *a);
net_Addr *net_TCPAddr_opAddr(net_TCPAddr *a);

// Go: the UDPAddr methods, likewise.
const char *net_UDPAddr_Network(const net_UDPAddr *a);
char *net_UDPAddr_String(const net_UDPAddr *a) __attribute__((malloc, returns_nonnull));
bool net_UDPAddr_isWildcard(const net_UDPAddr *a);
net_Addr *net_UDPAddr_opAddr(net_UDPAddr *a);

// Go: ipv4only, ipv6only (address filters for the resolver).
bool net_ipv4only(const net_IPAddr *addr);
bool net_ipv6only(const net_IPAddr *addr);

// Go: SplitHostPort. On success *host and *port are malloc'd (the caller
// frees them); on error both are NULL (Go's "", "") and the error is a
// *net.AddrError.
go_error *net_SplitHostPort(const char *hostport, char **host, char **port) GO_MUST_CHECK;
// Go: splitHostZone; host and zone are views into s.
void net_splitHostZone(net_string s, net_string *host, net_string *zone);
// Go: JoinHostPort, malloc'd.
char *net_JoinHostPort(const char *host, const char *port) __attribute__((malloc, returns_nonnull));

#endif

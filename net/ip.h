// C port of go1.19 src/net/ip.go: IP, IPMask, IPNet and the IP parsers.
//
// Go's IP and IPMask are byte slices: nil, 4 bytes (IPv4), 16 bytes (IPv6,
// or IPv4 in its IPv4-mapped form), or, for a malformed value, any other
// length. C holds them by value: `len` is the slice's length (0 is Go's nil;
// C has no separate empty-but-non-nil slice) and b[0:len] its bytes. No
// value here is longer than 16 bytes, which is as long as Go's functions
// ever make one.
//
// C: a value copy replaces Go's sharing of the underlying array, so the IP
// that To4() returns is a copy of ip[12:16], not an alias of it. Nothing in
// net writes through such an alias.
#ifndef GONET_NET_IP_H
#define GONET_NET_IP_H

#include <stdbool.h>
#include <stdint.h>

#include "errors/errors.h"
#include "net/parse.h"

// Go: IPv4len, IPv6len.
enum { net_IPv4len = 4, net_IPv6len = 16 };

// Go: net.IP.
typedef struct net_IP {
	uint8_t len;            // 0 (nil), 4 or 16 in a well-formed IP
	uint8_t b[net_IPv6len]; // the address bytes, b[0:len]
} net_IP;

// Go: net.IPMask, shaped like net_IP.
typedef struct net_IPMask {
	uint8_t len;
	uint8_t b[net_IPv6len];
} net_IPMask;

// Go: net.IPNet {IP, Mask}.
typedef struct net_IPNet {
	net_IP IP;       // network number
	net_IPMask Mask; // network mask
} net_IPNet;

// Go's composite literals IP{1, 2, 3, 4} and IPMask{255, 255, 255, 0}.
#define NET_IP(...)     ((net_IP){.len = sizeof((uint8_t[]){__VA_ARGS__}), .b = {__VA_ARGS__}})
#define NET_IPMASK(...) ((net_IPMask){.len = sizeof((uint8_t[]){__VA_ARGS__}), .b = {__VA_ARGS__}})

// Go's conversions IPMask(ip) and IP(mask).
static inline net_IPMask
net_IPMaskFromIP(net_IP ip)
{
	net_IPMask m;

	m.len = ip.len;
	for (int i = 0; i < net_IPv6len; i++)
		m.b[i] = ip.b[i];
	return m;
}

static inline net_IP
net_IPFromMask(net_IPMask m)
{
	net_IP ip;

	ip.len = m.len;
	for (int i = 0; i < net_IPv6len; i++)
		ip.b[i] = m.b[i];
	return ip;
}

// Buffer sizes for the String methods (C: Go returns a new string; here
// the caller lends a buffer, and the functions return it). The longest IP
// text is 39 bytes ("ffff:...:ffff"); an IPNet adds "/" and up to 32 hex.
enum { net_IPStringLen = 46, net_IPNetStringLen = 96 };

// Go: IPv4, IPv4Mask, CIDRMask (a mask of len 0 for Go's nil).
net_IP net_IPv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
net_IPMask net_IPv4Mask(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
net_IPMask net_CIDRMask(int ones, int bits);

// Go: the well-known addresses.
extern const net_IP net_IPv4bcast, net_IPv4allsys, net_IPv4allrouter, net_IPv4zero;
extern const net_IP net_IPv6zero, net_IPv6unspecified, net_IPv6loopback,
	net_IPv6interfacelocalallnodes, net_IPv6linklocalallnodes, net_IPv6linklocalallrouters;

// Go: the IP methods.
bool net_IP_IsUnspecified(net_IP ip);
bool net_IP_IsLoopback(net_IP ip);
bool net_IP_IsPrivate(net_IP ip);
bool net_IP_IsMulticast(net_IP ip);
bool net_IP_IsInterfaceLocalMulticast(net_IP ip);
bool net_IP_IsLinkLocalMulticast(net_IP ip);
bool net_IP_IsLinkLocalUnicast(net_IP ip);
bool net_IP_IsGlobalUnicast(net_IP ip);
net_IP net_IP_To4(net_IP ip);
net_IP net_IP_To16(net_IP ip);
net_IPMask net_IP_DefaultMask(net_IP ip);
net_IP net_IP_Mask(net_IP ip, net_IPMask mask);
char *net_IP_String(net_IP ip, char buf[net_IPStringLen]);
bool net_IP_Equal(net_IP ip, net_IP x);
bool net_IP_matchAddrFamily(net_IP ip, net_IP x);
// Go: IP.MarshalText() ([]byte, error). C: the text goes to buf,
// NUL-terminated, *n bytes long: "" for a nil ip (Go's []byte("")); on
// error (a length other than 4 or 16) *n is 0 and the error an *AddrError.
go_error *net_IP_MarshalText(net_IP ip, char buf[net_IPStringLen], size_t *n) GO_MUST_CHECK;
// Go: (*IP).UnmarshalText(text) error: ParseIP of text (len bytes, no NUL
// needed); empty text sets *ip to nil; on error (*ParseError "IP address")
// *ip is left as it was.
go_error *net_IP_UnmarshalText(net_IP *ip, const uint8_t *text, size_t len) GO_MUST_CHECK;
// Go: ipEmptyString: "" for a nil ip, else ip.String().
char *net_ipEmptyString(net_IP ip, char buf[net_IPStringLen]);

// Go: IPMask.Size and IPMask.String.
void net_IPMask_Size(net_IPMask m, int *ones, int *bits);
char *net_IPMask_String(net_IPMask m, char buf[net_IPStringLen]);

// Go: networkNumberAndMask (nil, nil as two zero-length results).
void net_networkNumberAndMask(const net_IPNet *n, net_IP *ip, net_IPMask *m);
// Go: the IPNet methods. C: String accepts NULL (a nil *IPNet). IPNet does
// not implement net_Addr here.
bool net_IPNet_Contains(const net_IPNet *n, net_IP ip);
const char *net_IPNet_Network(const net_IPNet *n);
char *net_IPNet_String(const net_IPNet *n, char buf[net_IPNetStringLen]);

// Go: the parsers. The zone is a view into s.
net_IP net_parseIPv4(net_string s);
net_IP net_parseIPv6(net_string s);
net_IP net_parseIPv6Zone(net_string s, net_string *zone);
net_IP net_ParseIP(const char *s);
net_IP net_parseIPZone(net_string s, net_string *zone);
// Go: ParseCIDR. On error *ip and *ipnet are zero (nil) and the error is a
// *ParseError.
go_error *net_ParseCIDR(const char *s, net_IP *ip, net_IPNet *ipnet) GO_MUST_CHECK;

#endif

// The resolver of gonet, ported from go1.19 src/net: lookup.go (Resolver,
// DefaultResolver, LookupHost, LookupIP, LookupIPAddr, lookupIPAddr),
// ipsock.go (addrList, partition, filterAddrList, internetAddrList),
// ipsock_posix.go (the IP stack capability probe), dial.go
// ((*Resolver).resolveAddrList), lookup_unix.go and cgo_unix.go (host
// lookups through getaddrinfo) and addrselect.go (RFC 6724 sorting).
// hosts.go has its own header, net/hosts.h.
//
// Ownership:
//  - A net_addrList owns its elements (heap net_Addr clones) and its array;
//    net_addrList_free releases both, never the net_addrList itself, which
//    usually lives on the caller's stack. The zero value is an empty list.
//  - Functions that return a slice (LookupHost, LookupIP, LookupIPAddr)
//    return a malloc'd array (and, for strings, malloc'd elements) that the
//    caller frees; on error the array is NULL and the count 0 (a nil slice).
//  - Every returned error is the caller's (go_error_release).
//
// The lookups may block (reading /etc/hosts, getaddrinfo): call them from a
// goroutine (inside go_main). getaddrinfo runs inside entersyscall, so a
// slow lookup only blocks its own goroutine.
#ifndef GONET_NET_LOOKUP_H
#define GONET_NET_LOOKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "context/context.h"
#include "errors/errors.h"
#include "net/net.h"
#include "sync/sync.h"

// Go: net.Resolver (only what gonet uses). The zero value resolves as
// DefaultResolver does. C: gonet has no pure-Go DNS client, so PreferGo
// changes nothing (as Go's own on a system where the Go resolver cannot
// be used); StrictErrors only matters to Go's DNS client and is kept for
// the shape of the API.
typedef struct net_Resolver {
	bool PreferGo;
	bool StrictErrors;
} net_Resolver;

// Go: net.DefaultResolver, used when a *Resolver is NULL (Go's nil).
extern net_Resolver net_DefaultResolver;

// Go: addrList ([]Addr). Owns each element (net_Addr_free).
typedef struct net_addrList {
	net_Addr **addrs;
	size_t n;
} net_addrList;

// C: frees the elements and the array; l itself is the caller's (it is left
// empty).
void net_addrList_free(net_addrList *l);
// C: appends a (taken over: a heap address, as net_Addr_clone makes).
void net_addrList_append(net_addrList *l, net_Addr *a);

// Go: isIPv4, isNotIPv4 (the strategies of first and partition).
bool net_isIPv4(const net_Addr *a);
bool net_isNotIPv4(const net_Addr *a);

// Go: (addrList).forResolve. The result is borrowed from l.
net_Addr *net_addrList_forResolve(const net_addrList *l, const char *network, const char *addr);
// Go: (addrList).first. The result is borrowed from l; NULL if none.
net_Addr *net_addrList_first(const net_addrList *l, bool (*strategy)(const net_Addr *));
// Go: (addrList).partition(strategy). primaries and fallbacks receive
// clones (each is overwritten, and freed by the caller with
// net_addrList_free). C: the contract's draft had no strategy; Go's has
// one (dialParallel passes isIPv4, the test a closure).
void net_addrList_partition(const net_addrList *l, bool (*strategy)(const net_Addr *),
			    net_addrList *primaries, net_addrList *fallbacks);

// Go: filterAddrList. filter may be NULL (keep everything). inetaddr maps
// one IPAddr to the address type of the network (a heap net_Addr). On
// success *out owns a non-empty list; otherwise it is empty and the error
// (errNoSuitableAddress as an *AddrError for host) is the caller's.
go_error *net_filterAddrList(bool (*filter)(const net_IPAddr *), const net_IPAddr *ips, size_t n,
			     net_Addr *(*inetaddr)(const net_IPAddr *ip, void *env), void *env,
			     const char *originalAddr, net_addrList *out) GO_MUST_CHECK;

// Go: (*Resolver).internetAddrList. r may be NULL (DefaultResolver).
go_error *net_Resolver_internetAddrList(net_Resolver *r, context_Context *ctx, const char *net,
					const char *addr, net_addrList *out) GO_MUST_CHECK;

// Go: (*Resolver).resolveAddrList. hint may be NULL. On success *out owns a
// non-empty list; on error *out is empty and the error is the caller's.
go_error *net_Resolver_resolveAddrList(net_Resolver *r, context_Context *ctx, const char *op,
				       const char *network, const char *addr, const net_Addr *hint,
				       net_addrList *out) GO_MUST_CHECK;

// Go: dial.go parseNetwork. *afnet is a static string ("tcp", "ip6" ...),
// *proto the protocol number of "ip:proto" networks.
go_error *net_parseNetwork(context_Context *ctx, const char *network, bool needsProto,
			   const char **afnet, int *proto) GO_MUST_CHECK;

// Go: (*Resolver).LookupIPAddr, (*Resolver).lookupIPAddr. *addrs is a
// malloc'd array of *n addresses the caller frees.
go_error *net_Resolver_LookupIPAddr(net_Resolver *r, context_Context *ctx, const char *host,
				    net_IPAddr **addrs, size_t *n) GO_MUST_CHECK;
go_error *net_Resolver_lookupIPAddr(net_Resolver *r, context_Context *ctx, const char *network,
				    const char *host, net_IPAddr **addrs, size_t *n) GO_MUST_CHECK;
// Go: (*Resolver).LookupIP(ctx, network, host). network is "ip", "ip4" or
// "ip6".
go_error *net_Resolver_LookupIP(net_Resolver *r, context_Context *ctx, const char *network,
				const char *host, net_IP **addrs, size_t *n) GO_MUST_CHECK;
// Go: (*Resolver).LookupHost. *addrs is a malloc'd array of *n malloc'd
// strings; the caller frees each and the array.
go_error *net_Resolver_LookupHost(net_Resolver *r, context_Context *ctx, const char *host,
				  char ***addrs, size_t *n) GO_MUST_CHECK;
// Go: LookupHost, LookupIP: the DefaultResolver with context.Background().
go_error *net_LookupHost(const char *host, char ***addrs, size_t *n) GO_MUST_CHECK;
go_error *net_LookupIP(const char *host, net_IP **addrs, size_t *n) GO_MUST_CHECK;

// Go: lookup_unix.go (*Resolver).lookupIP: the system's lookup (the hosts
// file, then getaddrinfo). The function that testHookLookupIP wraps.
go_error *net_Resolver_lookupIP(net_Resolver *r, context_Context *ctx, const char *network,
				const char *host, net_IPAddr **addrs, size_t *n) GO_MUST_CHECK;
// Go: cgo_unix.go cgoLookupIP (getaddrinfo, AI_CANONNAME|AI_V4MAPPED|AI_ALL).
go_error *net_cgoLookupIP(context_Context *ctx, const char *network, const char *name,
			  net_IPAddr **addrs, size_t *n) GO_MUST_CHECK;

// Go: ipsock_posix.go ipStackCapabilities, probed once (sync.Once).
bool net_supportsIPv4(void);
bool net_supportsIPv6(void);
bool net_supportsIPv4map(void);

// Go: addrselect.go sortByRFC6724: sorts addrs (n of them) in place by
// RFC 6724 destination address selection, with source addresses found by
// connecting UDP sockets (no packet is sent).
void net_sortByRFC6724(net_IPAddr *addrs, size_t n);
// Go: sortByRFC6724withSrcs. srcs[i] is the source for addrs[i] (len 0: none);
// both arrays are permuted together.
void net_sortByRFC6724withSrcs(net_IPAddr *addrs, net_IP *srcs, size_t n);

// Go: addrselect.go policyTableEntry, policyTable, classify.
typedef struct net_policyTableEntry {
	net_IPNet Prefix;
	uint8_t Precedence;
	uint8_t Label;
} net_policyTableEntry;
extern const net_policyTableEntry net_rfc6724policyTable[];
extern const size_t net_rfc6724policyTableLen;
net_policyTableEntry net_policyTable_Classify(net_IP ip);

// Go: addrselect.go scope and classifyScope, commonPrefixLen.
typedef uint8_t net_scope;
enum {
	net_scopeInterfaceLocal = 0x1,
	net_scopeLinkLocal = 0x2,
	net_scopeAdminLocal = 0x4,
	net_scopeSiteLocal = 0x5,
	net_scopeOrgLocal = 0x8,
	net_scopeGlobal = 0xe,
};
net_scope net_classifyScope(net_IP ip);
int net_commonPrefixLen(net_IP a, net_IP b);

// ---- unexported, for the resolver's files and for tests (Go's
// export_test.go reach) ----

// Go: dnsWaitGroup: every lookup goroutine counts in it while it runs, so
// that a test can wait for the lookups it gave up on.
extern sync_WaitGroup net_dnsWaitGroup;

// Go: lookup.go protocols (get and set of the map), lookupProtocolMap,
// maxProtoLength; lookup_unix.go lookupProtocol (with /etc/protocols).
bool net_protocols_get(net_string name, int *proto);
void net_protocols_set(net_string name, int proto);
go_error *net_lookupProtocolMap(const char *name, int *proto) GO_MUST_CHECK;
go_error *net_lookupProtocol(context_Context *ctx, const char *name, int *proto) GO_MUST_CHECK;

// Go: lookup.go ipVersion: '4', '6' or 0.
char net_ipVersion(const char *network);

// Go: lookup.go withUnexpiredValuesPreserved. The result starts with one
// reference (the caller's) and holds one to lookupCtx.
context_Context *net_withUnexpiredValuesPreserved(context_Context *lookupCtx);

// Go: lookup_unix.go (*Resolver).lookupHost (files, then getaddrinfo).
go_error *net_Resolver_lookupHost(net_Resolver *r, context_Context *ctx, const char *host,
				  char ***addrs, size_t *n) GO_MUST_CHECK;
// Go: cgo_unix.go cgoLookupHost.
go_error *net_cgoLookupHost(context_Context *ctx, const char *name, char ***hosts,
			    size_t *n) GO_MUST_CHECK;

// Go: dnsclient.go isDomainName, absDomainName (malloc'd).
bool net_isDomainName(net_string s);
char *net_absDomainName(net_string s) __attribute__((malloc, returns_nonnull));

#endif

// C port of go1.19 src/net/hosts.go: the hosts file (net_testHookHostsPath,
// /etc/hosts by default), read into two maps and kept for 5 seconds, or
// longer while the file's mtime and size stay the same.
//
// The lookups return malloc'd arrays of malloc'd strings (a copy of the
// cache, as Go's); the caller frees each string and the array. NULL with
// *n == 0 is Go's nil slice. They may be called from any goroutine: the
// cache is guarded by a sync.Mutex.
#ifndef GONET_NET_HOSTS_H
#define GONET_NET_HOSTS_H

#include <stddef.h>

#include "net/parse.h"
#include "time/time.h"

// Go: cacheMaxAge.
enum { net_cacheMaxAge = 5 }; // seconds

// Go: parseLiteralIP: the canonical text of a literal IP (with "%zone"),
// or "" when addr is not one. Malloc'd.
char *net_parseLiteralIP(net_string addr);

// Go: lookupStaticHost, lookupStaticAddr.
char **net_lookupStaticHost(const char *host, size_t *n);
char **net_lookupStaticAddr(const char *addr, size_t *n);

#endif

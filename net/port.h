// C port of go1.19 src/net/port.go (parsePort), port_unix.go (readServices,
// goLookupPort) and the service-name parts of lookup.go (the services table,
// lookupPortMap, LookupPort).
#ifndef GONET_NET_PORT_H
#define GONET_NET_PORT_H

#include <stdbool.h>

#include "errors/errors.h"
#include "net/parse.h"

// Go: parsePort: the decimal value of service (clamped as Go does), and
// needsLookup (the return value) when service is not a number.
bool net_parsePort(net_string service, int *port);

// Go: lookup.go services, map[string]map[string]int: network -> name -> port.
// C: one net_portMap per network; the table lives as long as the process.
typedef struct net_portMap net_portMap;
// services[network], made when create is set and it does not exist yet.
net_portMap *net_servicesMap(net_string network, bool create);
void net_portMap_set(net_portMap *m, net_string name, int port);
bool net_portMap_get(const net_portMap *m, net_string name, int *port);

// Go: maxPortBufSize, lookupPortMap.
enum { net_maxPortBufSize = sizeof("mobility-header") - 1 + 10 };
go_error *net_lookupPortMap(const char *network, const char *service, int *port) GO_MUST_CHECK;

// Go: port_unix.go readServices (/etc/services, once) and goLookupPort.
void net_readServices(void);
go_error *net_goLookupPort(const char *network, const char *service, int *port) GO_MUST_CHECK;

// Go: LookupPort, that is DefaultResolver.LookupPort with the body of
// (*Resolver).LookupPort. C: the port lookup never blocks (it reads the
// services table), so no context is taken; (*Resolver).lookupPort is
// goLookupPort, as in Go without cgo.
go_error *net_LookupPort(const char *network, const char *service, int *port) GO_MUST_CHECK;

#endif

// C port of go1.19 src/net/port.go (parsePort) and of the service-name parts
// of src/net/lookup.go: the services table, lookupPortMap and LookupPort.
#include "net/port.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"
#include "runtime_netpoll/panic.h"

/* Go: net/port.go parsePort */
bool
net_parsePort(net_string service, int *port)
{
	const uint32_t max = UINT32_MAX, cutoff = (uint32_t)1 << 30;
	bool neg = false;
	uint32_t n = 0, nn, d;

	if (service.n == 0) {
		// "" is port 0 (Go issue 13610)
		*port = 0;
		return false;
	}
	if (service.p[0] == '+') {
		service = net_sliceFrom(service, 1);
	} else if (service.p[0] == '-') {
		neg = true;
		service = net_sliceFrom(service, 1);
	}
	// C: Go ranges over runes; a non-ASCII rune is not a digit either way.
	for (size_t i = 0; i < service.n; i++) {
		if ('0' <= service.p[i] && service.p[i] <= '9') {
			d = (uint32_t)(service.p[i] - '0');
		} else {
			*port = 0;
			return true;
		}
		if (n >= cutoff) {
			n = max;
			break;
		}
		n *= 10;
		nn = n + d;
		if (nn < n || nn > max) {
			n = max;
			break;
		}
		n = nn;
	}
	if (!neg && n >= cutoff)
		*port = (int)(cutoff - 1);
	else if (neg && n > cutoff)
		*port = (int)cutoff;
	else
		*port = (int)n;
	if (neg)
		*port = -*port;
	return false;
}

// --- the services table (Go: map[string]map[string]int) ---

enum { portMapBuckets = 64 };

typedef struct portEntry {
	struct portEntry *next;
	int port;
	size_t n;
	char name[];
} portEntry;

struct net_portMap {
	net_portMap *next; // the next network's map
	portEntry *bucket[portMapBuckets];
	size_t n;
	char network[];
};

// Written by initServices and readServices, each under its pthread_once;
// read by lookupPortMap after those have run.
static net_portMap *services;
static pthread_once_t servicesOnce = PTHREAD_ONCE_INIT;

static uint32_t
hashString(net_string s)
{
	uint32_t h = 2166136261u; // FNV-1a

	for (size_t i = 0; i < s.n; i++) {
		h ^= (uint8_t)s.p[i];
		h *= 16777619u;
	}
	return h;
}

static net_portMap *
servicesMap(net_string network, bool create)
{
	net_portMap *m;

	for (m = services; m != NULL; m = m->next)
		if (net_string_eq((net_string){m->network, m->n}, network))
			return m;
	if (!create)
		return NULL;
	m = runtime_newobject(sizeof(*m) + network.n + 1);
	memcpy(m->network, network.p, network.n);
	m->n = network.n;
	m->next = services;
	services = m;
	return m;
}

void
net_portMap_set(net_portMap *m, net_string name, int port)
{
	portEntry **b = &m->bucket[hashString(name) % portMapBuckets], *e;

	for (e = *b; e != NULL; e = e->next) {
		if (net_string_eq((net_string){e->name, e->n}, name)) {
			e->port = port;
			return;
		}
	}
	e = runtime_newobject(sizeof(*e) + name.n + 1);
	memcpy(e->name, name.p, name.n);
	e->n = name.n;
	e->port = port;
	e->next = *b;
	*b = e;
}

bool
net_portMap_get(const net_portMap *m, net_string name, int *port)
{
	const portEntry *e;

	for (e = m->bucket[hashString(name) % portMapBuckets]; e != NULL; e = e->next) {
		if (net_string_eq((net_string){e->name, e->n}, name)) {
			*port = e->port;
			return true;
		}
	}
	return false;
}

// The table Go's lookup.go starts with, for systems without /etc/services.
static void
initServices(void)
{
	static const struct {
		const char *network, *name;
		int port;
	} builtin[] = {
		{"udp", "domain", 53}, {"tcp", "ftp", 21},    {"tcp", "ftps", 990},
		{"tcp", "gopher", 70}, {"tcp", "http", 80},   {"tcp", "https", 443},
		{"tcp", "imap2", 143}, {"tcp", "imap3", 220}, {"tcp", "imaps", 993},
		{"tcp", "pop3", 110},  {"tcp", "pop3s", 995}, {"tcp", "smtp", 25},
		{"tcp", "ssh", 22},    {"tcp", "telnet", 23},
	};

	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		net_portMap_set(servicesMap(net_str(builtin[i].network), true),
				net_str(builtin[i].name), builtin[i].port);
}

net_portMap *
net_servicesMap(net_string network, bool create)
{
	pthread_once(&servicesOnce, initServices); // C: Go's package initialization
	return servicesMap(network, create);
}

/* Go: net/lookup.go lookupPortMap */
go_error *
net_lookupPortMap(const char *network, const char *service, int *port)
{
	char lowerService[net_maxPortBufSize], *s;
	net_portMap *m;
	size_t n, len = strlen(service);
	go_error *err;

	*port = 0;
	if (strcmp(network, "tcp4") == 0 || strcmp(network, "tcp6") == 0)
		network = "tcp";
	else if (strcmp(network, "udp4") == 0 || strcmp(network, "udp6") == 0)
		network = "udp";

	if ((m = net_servicesMap(net_str(network), false)) != NULL) {
		n = len < sizeof(lowerService) ? len : sizeof(lowerService);
		memcpy(lowerService, service, n);
		net_lowerASCIIBytes(lowerService, n);
		if (net_portMap_get(m, (net_string){lowerService, n}, port) && n == len)
			return NULL;
		*port = 0;
	}
	if (asprintf(&s, "%s/%s", network, service) < 0)
		runtime_throw("out of memory");
	err = net_newAddrError("unknown port", s);
	free(s);
	return err;
}

/* Go: net/lookup.go LookupPort, (*Resolver).LookupPort */
go_error *
net_LookupPort(const char *network, const char *service, int *portp)
{
	go_error *err;
	int port;

	*portp = 0;
	if (net_parsePort(net_str(service), &port)) {
		if (strcmp(network, "tcp") == 0 || strcmp(network, "tcp4") == 0 ||
		    strcmp(network, "tcp6") == 0 || strcmp(network, "udp") == 0 ||
		    strcmp(network, "udp4") == 0 || strcmp(network, "udp6") == 0) {
		} else if (network[0] == '\0') {
			network = "ip"; // the Go 1.0 wildcard
		} else {
			return net_newAddrError("unknown network", network);
		}
		// C: (*Resolver).lookupPort is goLookupPort (no cgo resolver)
		if ((err = net_goLookupPort(network, service, &port)) != NULL)
			return err;
	}
	if (0 > port || port > 65535)
		return net_newAddrError("invalid port", service);
	*portp = port;
	return NULL;
}

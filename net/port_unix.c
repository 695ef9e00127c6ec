// C port of go1.19 src/net/port_unix.go: the services table from
// /etc/services.
// go:build unix
#include "net/port.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "net/parse.h"

static pthread_once_t onceReadServices = PTHREAD_ONCE_INIT;

/* Go: net/port_unix.go readServices */
void
net_readServices(void)
{
	net_file *file;
	net_string line, *f, portnet, netw;
	net_portMap *m;
	size_t nf;
	const char *hash;
	int port, j;
	go_error *err;

	if ((err = net_open("/etc/services", &file)) != NULL) {
		go_error_release(err);
		return;
	}
	while (net_file_readLine(file, &line)) {
		// "http 80/tcp www www-http # World Wide Web HTTP"
		if ((hash = memchr(line.p, '#', line.n)) != NULL)
			line.n = (size_t)(hash - line.p);
		f = net_getFields(line, &nf);
		if (nf < 2)
			goto next;
		portnet = f[1]; // "80/tcp"
		if (!net_dtoi(portnet, &port, &j) || port <= 0 || (size_t)j >= portnet.n ||
		    portnet.p[j] != '/')
			goto next;
		netw = net_sliceFrom(portnet, (size_t)j + 1); // "tcp"
		m = net_servicesMap(netw, true);
		for (size_t k = 0; k < nf; k++)
			if (k != 1) // f[1] is port/net
				net_portMap_set(m, f[k], port);
next:
		free(f); // C: no GC
	}
	net_file_close(file);
}

/* Go: net/port_unix.go goLookupPort */
go_error *
net_goLookupPort(const char *network, const char *service, int *port)
{
	pthread_once(&onceReadServices, net_readServices);
	return net_lookupPortMap(network, service, port);
}

// C port of go1.19 src/net/lookup_unix.go: readProtocols, lookupProtocol,
// (*Resolver).lookupHost and (*Resolver).lookupIP, with the two pieces of
// dnsclient_unix.go they reach (goLookupHostOrder and the hosts-file half
// of goLookupIPCNAMEOrder, goLookupIPFiles).
//
// C: the lookup order. Go's conf.go reads /etc/nsswitch.conf and
// /etc/resolv.conf to choose between its own DNS client and cgo; for the
// usual Linux configuration ("hosts: files dns") it picks
// hostLookupFilesDNS: the hosts file first, then DNS. gonet always uses
// that order, and since it has no DNS client of its own, the DNS step is
// cgo_unix.c's getaddrinfo (which answers from the same sources the system
// would). So PreferGo and the GODEBUG netdns settings change nothing here.
#include "net/lookup.h"

#include <stdlib.h>
#include <string.h>

#include "net/hosts.h"
#include "runtime_netpoll/panic.h"
#include "sync/sync.h"

static sync_Once onceReadProtocols;

/* Go: net/lookup_unix.go readProtocols */
static void
readProtocols(void *arg)
{
	net_file *file;
	net_string line;
	int proto, n, dummy;

	(void)arg;
	go_error_release(net_open("/etc/protocols", &file));
	if (file == NULL)
		return;
	while (net_file_readLine(file, &line)) {
		// "tcp    6   TCP    # transmission control protocol"
		const char *hash = line.n > 0 ? memchr(line.p, '#', line.n) : NULL;
		net_string *f;
		size_t nf;

		if (hash != NULL)
			line.n = (size_t)(hash - line.p);
		f = net_getFields(line, &nf);
		if (nf >= 2 && net_dtoi(f[1], &proto, &n)) {
			if (!net_protocols_get(f[0], &dummy))
				net_protocols_set(f[0], proto);
			for (size_t i = 2; i < nf; i++) {
				if (!net_protocols_get(f[i], &dummy))
					net_protocols_set(f[i], proto);
			}
		}
		free(f);
	}
	net_file_close(file); // C: defer file.close()
}

/* Go: net/lookup_unix.go lookupProtocol */
go_error *
net_lookupProtocol(context_Context *ctx, const char *name, int *proto)
{
	(void)ctx;
	sync_Once_Do(&onceReadProtocols, readProtocols, NULL);
	return net_lookupProtocolMap(name, proto);
}

/* Go: net/dnsclient_unix.go goLookupIPFiles */
static void
goLookupIPFiles(const char *name, net_IPAddr **addrs, size_t *n)
{
	size_t nh;
	char **haddrs = net_lookupStaticHost(name, &nh);

	*addrs = NULL;
	*n = 0;
	if (nh > 0)
		*addrs = runtime_newobject(nh * sizeof(net_IPAddr));
	for (size_t i = 0; i < nh; i++) {
		net_string haddr, zone;
		char *h;
		net_IP ip;

		net_splitHostZone(net_str(haddrs[i]), &haddr, &zone);
		h = net_string_dup(haddr);
		ip = net_ParseIP(h);
		free(h);
		if (ip.len != 0) {
			net_IPAddr *a = &(*addrs)[*n];

			*a = NET_IPADDR(.IP = ip);
			if (net_copyZone(a->Zone, zone))
				(*n)++; // C: a zone too long to be an interface is skipped
		}
		free(haddrs[i]);
	}
	free(haddrs);
	if (*n == 0) {
		free(*addrs);
		*addrs = NULL;
	}
	net_sortByRFC6724(*addrs, *n);
}

/* Go: net/dnsclient_unix.go (*Resolver).goLookupIPCNAMEOrder */
// C: only the order hostLookupFilesDNS, with getaddrinfo for DNS (see
// above); the CNAME result is not kept.
static go_error *
lookupIPFilesDNS(context_Context *ctx, const char *network, const char *name, net_IPAddr **addrs,
		 size_t *n)
{
	goLookupIPFiles(name, addrs, n);
	if (*n > 0)
		return NULL;
	if (!net_isDomainName(net_str(name))) {
		// Not a name DNS could answer: no such host, without asking.
		return net_newDNSError(go_error_Error(net_errNoSuchHost), name, "", false, false,
				       true);
	}
	return net_cgoLookupIP(ctx, network, name, addrs, n);
}

/* Go: net/lookup_unix.go (*Resolver).lookupHost */
// C: with goLookupHostOrder's body (the order is always files, then DNS).
go_error *
net_Resolver_lookupHost(net_Resolver *r, context_Context *ctx, const char *host, char ***addrs,
			size_t *n)
{
	net_IPAddr *ips;
	size_t nips;
	go_error *err;

	(void)r;
	*addrs = net_lookupStaticHost(host, n);
	if (*n > 0)
		return NULL;
	free(*addrs);
	*addrs = NULL;
	if ((err = lookupIPFilesDNS(ctx, "ip", host, &ips, &nips)) != NULL)
		return err;
	*addrs = runtime_newobject((nips > 0 ? nips : 1) * sizeof(char *));
	for (size_t i = 0; i < nips; i++)
		(*addrs)[i] = net_IPAddr_String(&ips[i]);
	*n = nips;
	free(ips);
	return NULL;
}

/* Go: net/lookup_unix.go (*Resolver).lookupIP */
go_error *
net_Resolver_lookupIP(net_Resolver *r, context_Context *ctx, const char *network, const char *host,
		      net_IPAddr **addrs, size_t *n)
{
	(void)r; // C: PreferGo chooses the same order (see above)
	return lookupIPFilesDNS(ctx, network, host, addrs, n);
}

// C port of go1.19 src/net/lookup.go (protocols, lookupProtocolMap,
// ipVersion, Resolver, DefaultResolver, LookupHost, LookupIP, LookupIPAddr,
// onlyValuesCtx, withUnexpiredValuesPreserved, lookupIPAddr, lookupIPReturn,
// dnsWaitGroup) and of dial.go's parseNetwork and (*Resolver).resolveAddrList.
//
// C: Go merges concurrent lookups of one host through internal/singleflight
// (Resolver.lookupGroup). Here a small group does the same: a mutex and a
// list of lookups in flight, keyed by resolver, network and host, one
// goroutine per lookup, and a channel closed when it is done. The group is
// one for the process (Go has one per Resolver): the resolver is part of
// the key instead.
#include "net/lookup.h"
#include "net/unixsock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks/hooks.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "sync/sync.h"

net_Resolver net_DefaultResolver;
sync_WaitGroup net_dnsWaitGroup;

/* Go: net/lookup.go protocols */
// C: Go's map; readProtocols (lookup_unix.c) adds to it once, under its
// Once, and nothing writes it afterwards.
static struct protocolEntry {
	char *name;
	int proto;
} initialProtocols[] = {
	{"icmp", 1}, {"igmp", 2}, {"tcp", 6}, {"udp", 17}, {"ipv6-icmp", 58},
};
static struct protocolEntry *protocols = initialProtocols;
static size_t nprotocols = sizeof(initialProtocols) / sizeof(initialProtocols[0]);
static size_t capprotocols; // 0 while protocols is the static table

bool
net_protocols_get(net_string name, int *proto)
{
	for (size_t i = 0; i < nprotocols; i++) {
		if (net_string_eq(net_str(protocols[i].name), name)) {
			*proto = protocols[i].proto;
			return true;
		}
	}
	return false;
}

void
net_protocols_set(net_string name, int proto)
{
	if (nprotocols == capprotocols || capprotocols == 0) {
		size_t cap = nprotocols * 2;
		struct protocolEntry *p = runtime_newobject(cap * sizeof(*p));

		for (size_t i = 0; i < nprotocols; i++)
			p[i] = protocols[i];
		if (capprotocols == 0) {
			for (size_t i = 0; i < nprotocols; i++)
				p[i].name = net_string_dup(net_str(p[i].name));
		} else {
			free(protocols);
		}
		protocols = p;
		capprotocols = cap;
	}
	protocols[nprotocols].name = net_string_dup(name);
	protocols[nprotocols].proto = proto;
	nprotocols++;
}

enum { maxProtoLength = sizeof("RSVP-E2E-IGNORE") - 1 + 10 };

/* Go: net/lookup.go lookupProtocolMap */
go_error *
net_lookupProtocolMap(const char *name, int *proto)
{
	char lowerProtocol[maxProtoLength];
	size_t len = strlen(name);
	size_t n = len < maxProtoLength ? len : maxProtoLength;

	*proto = 0;
	memcpy(lowerProtocol, name, n);
	net_lowerASCIIBytes(lowerProtocol, n);
	if (!net_protocols_get((net_string){lowerProtocol, n}, proto) || n != len) {
		*proto = 0;
		return net_newAddrError("unknown IP protocol specified", name);
	}
	return NULL;
}

/* Go: net/lookup.go ipVersion */
char
net_ipVersion(const char *network)
{
	size_t len = strlen(network);
	char n;

	if (len == 0)
		return 0;
	n = network[len - 1];
	if (n != '4' && n != '6')
		n = 0;
	return n;
}

/* Go: net/dial.go parseNetwork */
go_error *
net_parseNetwork(context_Context *ctx, const char *network, bool needsProto, const char **afnet,
		 int *proto)
{
	static const char *const known[] = {"tcp",  "tcp4", "tcp6",     "udp",
					    "udp4", "udp6", "ip",       "ip4",
					    "ip6",  "unix", "unixgram", "unixpacket"};
	net_string nw = net_str(network);
	int i = net_last(nw, ':');
	int n, consumed;
	go_error *err;

	*afnet = NULL;
	*proto = 0;
	if (i < 0) { // no colon
		for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
			if (strcmp(network, known[k]) != 0)
				continue;
			if (needsProto && k >= 6 && k < 9) // "ip", "ip4", "ip6"
				return net_newUnknownNetworkError(network);
			*afnet = known[k];
			return NULL;
		}
		return net_newUnknownNetworkError(network);
	}
	for (size_t k = 6; k < 9; k++) {
		net_string protostr;

		if (!net_string_eq(net_slice(nw, 0, (size_t)i), net_str(known[k])))
			continue;
		protostr = net_sliceFrom(nw, (size_t)i + 1);
		if (!net_dtoi(protostr, &n, &consumed) || (size_t)consumed != protostr.n) {
			char *s = net_string_dup(protostr);

			err = net_lookupProtocol(ctx, s, &n);
			free(s);
			if (err != NULL)
				return err;
		}
		*afnet = known[k];
		*proto = n;
		return NULL;
	}
	return net_newUnknownNetworkError(network);
}

// C: the Unix case of resolveAddrList: one address, no lookup.
static go_error *
resolveUnixAddrList(const char *op, const char *afnet, const char *addr, const net_Addr *hint,
		    net_addrList *out)
{
	net_UnixAddr ua;
	go_error *err;
	char *s;

	if ((err = net_ResolveUnixAddr(afnet, addr, &ua)) != NULL)
		return err;
	if (strcmp(op, "dial") == 0 && hint != NULL &&
	    strcmp(net_UnixAddr_Network(&ua), net_Addr_Network(hint)) != 0) {
		s = net_Addr_String(hint);
		err = net_newAddrError("mismatched local address type", s);
		free(s);
		return err;
	}
	net_addrList_append(out, net_Addr_clone(&ua.addr));
	return NULL;
}

/* Go: net/dial.go (*Resolver).resolveAddrList */
go_error *
net_Resolver_resolveAddrList(net_Resolver *r, context_Context *ctx, const char *op,
			     const char *network, const char *addr, const net_Addr *hint,
			     net_addrList *out)
{
	net_addrList addrs = {0}, naddrs = {0};
	const net_IP *hintIP = NULL;
	bool wildcard = false;
	const char *afnet;
	go_error *err;
	int proto;
	char *s;

	*out = (net_addrList){0};
	if ((err = net_parseNetwork(ctx, network, true, &afnet, &proto)) != NULL)
		return err;
	if (strcmp(op, "dial") == 0 && addr[0] == '\0')
		return net_errMissingAddress;
	if (strcmp(afnet, "unix") == 0 || strcmp(afnet, "unixgram") == 0 ||
	    strcmp(afnet, "unixpacket") == 0)
		return resolveUnixAddrList(op, afnet, addr, hint, out);
	err = net_Resolver_internetAddrList(r, ctx, afnet, addr, &addrs);
	if (err != NULL || strcmp(op, "dial") != 0 || hint == NULL) {
		*out = addrs;
		return err;
	}
	if (hint->m == &net_TCPAddr_methods) {
		const net_TCPAddr *tcp = (const net_TCPAddr *)hint;

		hintIP = &tcp->IP;
		wildcard = net_TCPAddr_isWildcard(tcp);
	} else if (hint->m == &net_UDPAddr_methods) {
		const net_UDPAddr *udp = (const net_UDPAddr *)hint;

		hintIP = &udp->IP;
		wildcard = net_UDPAddr_isWildcard(udp);
	} else if (hint->m == &net_IPAddr_methods) {
		const net_IPAddr *ip = (const net_IPAddr *)hint;

		hintIP = &ip->IP;
		wildcard = net_IPAddr_isWildcard(ip);
	}
	// C: Go filters in place (addrs[:0]); here the kept addresses move
	// to naddrs and the others are freed.
	for (size_t i = 0; i < addrs.n; i++) {
		net_Addr *a = addrs.addrs[i];
		const net_IP *ip = NULL;
		bool isWildcard = false;

		if (strcmp(net_Addr_Network(a), net_Addr_Network(hint)) != 0) {
			net_addrList_free(&addrs);
			net_addrList_free(&naddrs);
			s = net_Addr_String(hint);
			err = net_newAddrError("mismatched local address type", s);
			free(s);
			return err;
		}
		if (a->m == &net_TCPAddr_methods) {
			ip = &((net_TCPAddr *)a)->IP;
			isWildcard = net_TCPAddr_isWildcard((net_TCPAddr *)a);
		} else if (a->m == &net_UDPAddr_methods) {
			ip = &((net_UDPAddr *)a)->IP;
			isWildcard = net_UDPAddr_isWildcard((net_UDPAddr *)a);
		} else if (a->m == &net_IPAddr_methods) {
			ip = &((net_IPAddr *)a)->IP;
			isWildcard = net_IPAddr_isWildcard((net_IPAddr *)a);
		} else {
			net_Addr_free(a); // Go: no case matches, the address is dropped
			addrs.addrs[i] = NULL;
			continue;
		}
		if (!wildcard && !isWildcard &&
		    !net_IP_matchAddrFamily(*ip, hintIP != NULL ? *hintIP : (net_IP){0})) {
			net_Addr_free(a);
			addrs.addrs[i] = NULL;
			continue;
		}
		net_addrList_append(&naddrs, a);
		addrs.addrs[i] = NULL;
	}
	free(addrs.addrs);
	if (naddrs.n == 0) {
		s = net_Addr_String(hint);
		err = net_newAddrError(go_error_Error(net_errNoSuitableAddress), s);
		free(s);
		return err;
	}
	*out = naddrs;
	return NULL;
}

/* Go: net/lookup.go LookupHost */
go_error *
net_LookupHost(const char *host, char ***addrs, size_t *n)
{
	return net_Resolver_LookupHost(&net_DefaultResolver, context_Background(), host, addrs, n);
}

/* Go: net/lookup.go (*Resolver).LookupHost */
go_error *
net_Resolver_LookupHost(net_Resolver *r, context_Context *ctx, const char *host, char ***addrs,
			size_t *n)
{
	net_string zone;

	*addrs = NULL;
	*n = 0;
	// An empty host is rejected before anything else (parseIPZone would
	// accept it).
	if (host[0] == '\0')
		return net_newDNSError(go_error_Error(net_errNoSuchHost), host, "", false, false,
				       true);
	if (net_parseIPZone(net_str(host), &zone).len != 0) {
		*addrs = runtime_newobject(sizeof(char *));
		(*addrs)[0] = net_string_dup(net_str(host));
		*n = 1;
		return NULL;
	}
	return net_Resolver_lookupHost(r, ctx, host, addrs, n);
}

/* Go: net/lookup.go LookupIP */
go_error *
net_LookupIP(const char *host, net_IP **ips, size_t *n)
{
	net_IPAddr *addrs;
	size_t naddrs;
	go_error *err;

	*ips = NULL;
	*n = 0;
	err = net_Resolver_LookupIPAddr(&net_DefaultResolver, context_Background(), host, &addrs,
					&naddrs);
	if (err != NULL)
		return err;
	*ips = runtime_newobject(naddrs * sizeof(net_IP));
	for (size_t i = 0; i < naddrs; i++)
		(*ips)[i] = addrs[i].IP;
	*n = naddrs;
	free(addrs);
	return NULL;
}

/* Go: net/lookup.go (*Resolver).LookupIPAddr */
go_error *
net_Resolver_LookupIPAddr(net_Resolver *r, context_Context *ctx, const char *host,
			  net_IPAddr **addrs, size_t *n)
{
	return net_Resolver_lookupIPAddr(r, ctx, "ip", host, addrs, n);
}

/* Go: net/lookup.go (*Resolver).LookupIP */
go_error *
net_Resolver_LookupIP(net_Resolver *r, context_Context *ctx, const char *network, const char *host,
		      net_IP **ips, size_t *n)
{
	net_addrList addrs;
	const char *afnet;
	go_error *err;
	int proto;

	*ips = NULL;
	*n = 0;
	if ((err = net_parseNetwork(ctx, network, false, &afnet, &proto)) != NULL)
		return err;
	if (strcmp(afnet, "ip") != 0 && strcmp(afnet, "ip4") != 0 && strcmp(afnet, "ip6") != 0)
		return net_newUnknownNetworkError(network);
	if ((err = net_Resolver_internetAddrList(r, ctx, afnet, host, &addrs)) != NULL)
		return err;
	*ips = runtime_newobject(addrs.n * sizeof(net_IP));
	for (size_t i = 0; i < addrs.n; i++)
		(*ips)[i] = ((net_IPAddr *)addrs.addrs[i])->IP;
	*n = addrs.n;
	net_addrList_free(&addrs);
	return NULL;
}

// Go: onlyValuesCtx: never canceled, no deadline, and the values of
// lookupValues for as long as lookupValues is not done.
typedef struct onlyValuesCtx {
	context_Context ctx;
	context_Context *lookupValues; // a reference, dropped when freed
} onlyValuesCtx;

static bool
onlyValuesCtx_Deadline(context_Context *c, time_Time *deadline)
{
	(void)c;
	(void)deadline;
	return false;
}

static runtime_hchan *
onlyValuesCtx_Done(context_Context *c)
{
	(void)c;
	return NULL;
}

static go_error *
onlyValuesCtx_Err(context_Context *c)
{
	(void)c;
	return NULL;
}

/* Go: net/lookup.go (*onlyValuesCtx).Value */
static void *
onlyValuesCtx_Value(context_Context *c, const void *key)
{
	onlyValuesCtx *ovc = (onlyValuesCtx *)c;
	runtime_hchan *done = context_Context_Done(ovc->lookupValues);

	// select { case <-done: nil; default: the value }
	if (done != NULL && runtime_selectnbrecv(NULL, done, NULL))
		return NULL;
	return context_Context_Value(ovc->lookupValues, key);
}

static void
onlyValuesCtx_String(context_Context *c, char *buf, size_t len)
{
	(void)c;
	snprintf(buf, len, "context.Background");
}

static void
onlyValuesCtx_free(context_Context *c)
{
	onlyValuesCtx *ovc = (onlyValuesCtx *)c;

	context_Release(ovc->lookupValues);
	free(ovc);
}

static const context_ContextMethods onlyValuesCtx_methods = {
	.type = "*net.onlyValuesCtx",
	.Deadline = onlyValuesCtx_Deadline,
	.Done = onlyValuesCtx_Done,
	.Err = onlyValuesCtx_Err,
	.Value = onlyValuesCtx_Value,
	.String = onlyValuesCtx_String,
	.free = onlyValuesCtx_free,
};

/* Go: net/lookup.go withUnexpiredValuesPreserved */
// C: the result holds a reference to lookupCtx and starts with one
// reference of its own, the caller's.
context_Context *
net_withUnexpiredValuesPreserved(context_Context *lookupCtx)
{
	onlyValuesCtx *ovc = runtime_newobject(sizeof(*ovc));

	ovc->ctx.m = &onlyValuesCtx_methods;
	atomic_init(&ovc->ctx.ref, 1);
	ovc->lookupValues = context_Retain(lookupCtx);
	return &ovc->ctx;
}

// One lookup in flight (Go: singleflight.call plus what DoChan's closure
// captures).
typedef struct lookupCall lookupCall;
struct lookupCall {
	lookupCall *next;     // in lookupGroup.calls, guarded by lookupGroup.mu
	bool forgotten;       // no longer in calls; guarded by lookupGroup.mu
	int dups;             // waiters after the first; guarded by lookupGroup.mu
	_Atomic int ref;      // the worker and each waiter
	net_Resolver *r;      // constant
	char *network, *host; // constant
	context_Context *ctx; // lookupGroupCtx: the worker's context (a reference)
	context_CancelFunc cancel;
	runtime_hchan *done; // closed by the worker once the results are set
	// The results, written by the worker before it closes done.
	net_IPAddr *addrs;
	size_t n;
	go_error *err;
};

// Go: Resolver.lookupGroup (one for all resolvers, see above).
static struct {
	sync_Mutex mu;     // guards calls and the fields of each call marked so
	lookupCall *calls; // lookups in flight
} lookupGroup;

static void
lookupCall_unref(lookupCall *c)
{
	if (atomic_fetch_sub(&c->ref, 1) != 1)
		return;
	free(c->addrs);
	go_error_release(c->err);
	runtime_chanfree(c->done);
	context_Release(c->ctx);
	free(c->network);
	free(c->host);
	free(c);
}

// Removes c from the group's list. Called with lookupGroup.mu held.
static void
lookupGroup_forget(lookupCall *c)
{
	for (lookupCall **pp = &lookupGroup.calls; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	c->forgotten = true;
}

/* Go: (*Resolver).lookupIP as a method value r.lookupIP */
static go_error *
resolverLookupIP(void *env, context_Context *ctx, const char *network, const char *host,
		 net_IPAddr **addrs, size_t *n)
{
	return net_Resolver_lookupIP(env, ctx, network, host, addrs, n);
}

/* Go: internal/singleflight (*Group).doCall with lookupIPAddr's closure */
static void
lookupWorker(void *arg)
{
	lookupCall *c = arg;
	net_lookupIPFunc fn = {resolverLookupIP, c->r};

	c->err = net_testHookLookupIP(c->ctx, fn, c->network, c->host, &c->addrs, &c->n);
	sync_Mutex_Lock(&lookupGroup.mu);
	if (!c->forgotten)
		lookupGroup_forget(c);
	sync_Mutex_Unlock(&lookupGroup.mu);
	runtime_closechan(c->done);
	// C: Go's waiters cancel lookupGroupCtx once the result is in (or a
	// goroutine does it for a canceled waiter); the worker does it here.
	context_CancelFunc_Call(c->cancel);
	lookupCall_unref(c);
	// C: Go marks the lookup done when its function returns; here when
	// the goroutine is about to end, so that a test that waits on the
	// group knows that nothing runs any more.
	sync_WaitGroup_Done(&net_dnsWaitGroup);
}

/* Go: net/lookup.go lookupIPReturn */
// C: addrs is the shared result of the lookup: a waiter that shared it gets
// a copy, one that did not takes it over (*taken is then set).
static go_error *
lookupIPReturn(net_IPAddr *addrs, size_t n, go_error *err, bool shared, net_IPAddr **out,
	       size_t *nout, bool *taken)
{
	*out = NULL;
	*nout = 0;
	*taken = false;
	if (err != NULL)
		return err;
	if (shared) {
		*out = runtime_newobject((n > 0 ? n : 1) * sizeof(net_IPAddr));
		memcpy(*out, addrs, n * sizeof(net_IPAddr));
	} else {
		*out = addrs;
		*taken = true;
	}
	*nout = n;
	return NULL;
}

/* Go: net/net.go mapErr */
// C: a private copy (net.go's conn half is not the resolver's).
static go_error *
mapErr(go_error *err)
{
	if (err == context_Canceled)
		return net_errCanceled;
	if (err == context_DeadlineExceeded)
		return net_errTimeout;
	return err;
}

/* Go: net/lookup.go (*Resolver).lookupIPAddr */
go_error *
net_Resolver_lookupIPAddr(net_Resolver *r, context_Context *ctx, const char *network,
			  const char *host, net_IPAddr **addrs, size_t *n)
{
	net_Resolver *key = r != NULL ? r : &net_DefaultResolver;
	net_string zone;
	net_IP ip;
	lookupCall *c;
	go_error *err, *ctxErr;
	bool shared, taken, forgot = false;
	int chosen;

	*addrs = NULL;
	*n = 0;
	if (host[0] == '\0')
		return net_newDNSError(go_error_Error(net_errNoSuchHost), host, "", false, false,
				       true);
	if ((ip = net_parseIPZone(net_str(host), &zone)).len != 0) {
		*addrs = runtime_newobject(sizeof(net_IPAddr));
		(*addrs)[0] = NET_IPADDR(.IP = ip);
		if (!net_copyZone((*addrs)[0].Zone, zone)) {
			// C: a zone longer than any interface name (see ipsock.h)
			free(*addrs);
			*addrs = NULL;
			return net_newDNSError(go_error_Error(net_errNoSuchHost), host, "", false,
					       false, true);
		}
		*n = 1;
		return NULL;
	}
	// C: nettrace's DNSStart/DNSDone and LookupIPAltResolverKey are
	// net/http's hooks and are not ported.

	// Join the lookup of this host in flight, or start one. Its context
	// keeps ctx's values but not its cancellation, so that a waiter
	// giving up does not fail the others (Go's issue 28600).
	sync_Mutex_Lock(&lookupGroup.mu);
	for (c = lookupGroup.calls; c != NULL; c = c->next) {
		if (c->r == key && strcmp(c->network, network) == 0 && strcmp(c->host, host) == 0)
			break;
	}
	if (c != NULL) {
		c->dups++;
		atomic_fetch_add(&c->ref, 1);
	} else {
		context_Context *values = net_withUnexpiredValuesPreserved(ctx);

		c = runtime_newobject(sizeof(*c));
		atomic_init(&c->ref, 2);
		c->r = key;
		c->network = net_string_dup(net_str(network));
		c->host = net_string_dup(net_str(host));
		c->ctx = context_WithCancel(values, &c->cancel);
		context_Release(values);
		c->done = runtime_makechan(0, 0);
		c->next = lookupGroup.calls;
		lookupGroup.calls = c;
		sync_WaitGroup_Add(&net_dnsWaitGroup, 1);
		go(lookupWorker, c);
	}
	sync_Mutex_Unlock(&lookupGroup.mu);

	runtime_selectCase cases[] = {
		{runtime_selectRecv, context_Context_Done(ctx), NULL},
		{runtime_selectRecv, c->done, NULL},
	};
	chosen = runtime_select(cases, 2, true, NULL);
	if (chosen == 0) {
		// Canceled: a lookup nobody else waits for is dropped and
		// canceled; a shared one goes on for the others, and its worker
		// cancels its context when it ends.
		sync_Mutex_Lock(&lookupGroup.mu);
		if (c->forgotten || c->dups == 0) { // Go: ForgetUnshared
			if (!c->forgotten)
				lookupGroup_forget(c);
			forgot = true;
		}
		sync_Mutex_Unlock(&lookupGroup.mu);
		if (forgot)
			context_CancelFunc_Call(c->cancel);
		ctxErr = context_Context_Err(ctx);
		err = net_newDNSError(go_error_Error(mapErr(ctxErr)), host, "",
				      ctxErr == context_DeadlineExceeded, false, false);
		lookupCall_unref(c);
		return err;
	}
	err = c->err;
	if (err != NULL) {
		if (err->m != &net_DNSError_methods) {
			bool isTimeout = false;

			if (err == context_DeadlineExceeded)
				isTimeout = true;
			else if (err->m->Timeout != NULL)
				isTimeout = go_error_Timeout(err);
			err = net_newDNSError(go_error_Error(err), host, "", isTimeout, false,
					      false);
		} else {
			err = go_error_retain(err); // C: each waiter holds its own reference
		}
	}
	sync_Mutex_Lock(&lookupGroup.mu);
	shared = c->dups > 0; // Go: singleflight.Result.Shared
	err = lookupIPReturn(c->addrs, c->n, err, shared, addrs, n, &taken);
	if (taken)
		c->addrs = NULL;
	sync_Mutex_Unlock(&lookupGroup.mu);
	lookupCall_unref(c);
	return err;
}

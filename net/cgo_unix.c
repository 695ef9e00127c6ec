// C port of the address half of go1.19 src/net/cgo_unix.go (cgoLookupHost,
// cgoLookupIP, cgoIPLookup, cgoLookupIPCNAME), cgo_linux.go
// (cgoAddrInfoFlags) and net.go's thread limit (acquireThread,
// releaseThread, concurrentThreadsLimit from lookup_unix.go).
//
// getaddrinfo blocks and may use a lot of stack (nss modules, DNS buffers),
// more than a goroutine's GONET_STACK. So the goroutine first enters the
// system call (runtime_entersyscall: sysmon may hand its P to another M, and
// the other goroutines keep running), then runs getaddrinfo on its M's own
// stack (runtime_systemstack), and exits the system call afterwards.
//
// C: Go's cgoLookupIP also reports whether the lookup completed, so that
// lookupIP can fall back to its own DNS client; gonet has none (lookup_unix.c),
// so the result is only the addresses or the error.
#include "net/lookup.h"

#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "runtime_netpoll/chan.h"
#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime.h"
#include "runtime_netpoll/runtime_impl.h"
#include "sync/sync.h"
#include "syscall/syscall.h"

/* Go: net/cgo_linux.go cgoAddrInfoFlags */
enum { cgoAddrInfoFlags = AI_CANONNAME | AI_V4MAPPED | AI_ALL };

/* Go: net/lookup_unix.go concurrentThreadsLimit */
// C: Go takes 500 or less when RLIMIT_NOFILE is lower; gonet keeps 500.
enum { concurrentThreadsLimit = 500 };

static sync_Once threadLimitOnce;
static runtime_hchan *threadLimit; // Go: net.go threadLimit, chan struct{}

static void
concurrentThreadsLimitInit(void *arg)
{
	(void)arg;
	threadLimit = runtime_makechan(0, concurrentThreadsLimit);
}

/* Go: net/net.go acquireThread */
static void
acquireThread(void)
{
	sync_Once_Do(&threadLimitOnce, concurrentThreadsLimitInit, NULL);
	runtime_chansend1(threadLimit, NULL);
}

/* Go: net/net.go releaseThread */
static void
releaseThread(void)
{
	runtime_chanrecv1(threadLimit, NULL);
}

// The arguments and results of getaddrinfo, passed to the system stack.
typedef struct gaiCall {
	const char *name;
	const struct addrinfo *hints;
	struct addrinfo *res;
	int gerrno;
	int err; // errno after the call (for EAI_SYSTEM)
} gaiCall;

// Runs on the M's stack (runtime_systemstack): no goroutine switch can
// happen in here, so errno is read on the thread that set it.
static void
gai(void *arg)
{
	gaiCall *c = arg;

	errno = 0;
	c->gerrno = getaddrinfo(c->name, NULL, c->hints, &c->res);
	c->err = errno;
}

/* Go: net/cgo_unix.go cgoLookupIPCNAME */
// C: *cname (may be NULL: not wanted) is malloc'd.
static go_error *
cgoLookupIPCNAME(const char *network, const char *name, net_IPAddr **addrs, size_t *n, char **cname)
{
	struct addrinfo hints = {0};
	gaiCall c = {0};
	go_error *err;
	size_t cap = 0;

	*addrs = NULL;
	*n = 0;
	if (cname != NULL)
		*cname = NULL;
	acquireThread();
	hints.ai_flags = cgoAddrInfoFlags;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_family = AF_UNSPEC;
	switch (net_ipVersion(network)) {
	case '4':
		hints.ai_family = AF_INET;
		break;
	case '6':
		hints.ai_family = AF_INET6;
		break;
	}
	c.name = name;
	c.hints = &hints;
	runtime_entersyscall();
	runtime_systemstack(gai, &c);
	runtime_exitsyscall();
	if (c.gerrno != 0) {
		bool isErrorNoSuchHost = false, isTemporary = false;
		const char *text;

		switch (c.gerrno) {
		case EAI_SYSTEM:
			// Linux has been seen to leave errno 0 here (Go's issue
			// 6232, with too many open files): say EMFILE then.
			err = syscall_Errno(c.err != 0 ? c.err : EMFILE);
			text = go_error_Error(err);
			break;
		case EAI_NONAME:
			text = go_error_Error(net_errNoSuchHost);
			isErrorNoSuchHost = true;
			break;
		default:
			// C: Go's addrinfoErrno, whose Error is gai_strerror and
			// Temporary is EAI_AGAIN; only its text and that flag
			// reach the DNSError.
			text = gai_strerror(c.gerrno);
			isTemporary = c.gerrno == EAI_AGAIN;
			break;
		}
		releaseThread(); // C: defer releaseThread()
		return net_newDNSError(text, name, "", false, isTemporary, isErrorNoSuchHost);
	}
	if (c.res != NULL && cname != NULL) {
		const char *cn = c.res->ai_canonname;
		size_t len;

		if (cn == NULL || cn[0] == '\0')
			cn = name;
		len = strlen(cn);
		*cname = runtime_newobject(len + 2);
		memcpy(*cname, cn, len);
		if (len > 0 && cn[len - 1] != '.')
			(*cname)[len] = '.';
	}
	for (struct addrinfo *r = c.res; r != NULL; r = r->ai_next) {
		net_IPAddr addr;

		// Only SOCK_STREAM was asked for; check anyway.
		if (r->ai_socktype != SOCK_STREAM)
			continue;
		if (r->ai_family == AF_INET) {
			const struct sockaddr_in *sa = (const struct sockaddr_in *)r->ai_addr;

			addr = NET_IPADDR(.IP = {.len = net_IPv4len});
			memcpy(addr.IP.b, &sa->sin_addr, net_IPv4len);
		} else if (r->ai_family == AF_INET6) {
			const struct sockaddr_in6 *sa = (const struct sockaddr_in6 *)r->ai_addr;
			char ifname[IF_NAMESIZE];

			addr = NET_IPADDR(.IP = {.len = net_IPv6len});
			memcpy(addr.IP.b, &sa->sin6_addr, net_IPv6len);
			// C: Go's zoneCache.name(index); if_indextoname here,
			// and the decimal index when the interface is gone.
			if (sa->sin6_scope_id != 0) {
				if (if_indextoname(sa->sin6_scope_id, ifname) != NULL)
					snprintf(addr.Zone, sizeof(addr.Zone), "%s", ifname);
				else
					snprintf(addr.Zone, sizeof(addr.Zone), "%u",
						 (unsigned)sa->sin6_scope_id);
			}
		} else {
			continue;
		}
		if (*n == cap) {
			cap = cap == 0 ? 4 : 2 * cap;
			*addrs = realloc(*addrs, cap * sizeof(**addrs));
			if (*addrs == NULL)
				runtime_throw("out of memory");
		}
		(*addrs)[(*n)++] = addr;
	}
	freeaddrinfo(c.res); // C: defer C.freeaddrinfo(res)
	releaseThread();     // C: defer releaseThread()
	return NULL;
}

// Go: ipLookupResult plus the channel cgoIPLookup sends it on. C: shared by
// the lookup goroutine and the waiter, freed by the last of them.
typedef struct ipLookupResult {
	_Atomic int ref;
	char *network, *name;
	runtime_hchan *done; // closed once the results are set
	net_IPAddr *addrs;
	size_t n;
	go_error *err;
} ipLookupResult;

static void
ipLookupResult_unref(ipLookupResult *r)
{
	if (atomic_fetch_sub(&r->ref, 1) != 1)
		return;
	free(r->addrs);
	go_error_release(r->err);
	runtime_chanfree(r->done);
	free(r->network);
	free(r->name);
	free(r);
}

/* Go: net/cgo_unix.go cgoIPLookup */
// C: the goroutine counts in dnsWaitGroup, so that a test can wait for a
// lookup it gave up on.
static void
cgoIPLookup(void *arg)
{
	ipLookupResult *r = arg;

	r->err = cgoLookupIPCNAME(r->network, r->name, &r->addrs, &r->n, NULL);
	runtime_closechan(r->done);
	ipLookupResult_unref(r);
	sync_WaitGroup_Done(&net_dnsWaitGroup);
}

/* Go: net/cgo_unix.go cgoLookupIP */
go_error *
net_cgoLookupIP(context_Context *ctx, const char *network, const char *name, net_IPAddr **addrs,
		size_t *n)
{
	runtime_hchan *ctxDone = context_Context_Done(ctx);
	ipLookupResult *r;
	go_error *err;

	if (ctxDone == NULL)
		return cgoLookupIPCNAME(network, name, addrs, n, NULL);
	*addrs = NULL;
	*n = 0;
	r = runtime_newobject(sizeof(*r));
	atomic_init(&r->ref, 2);
	r->network = net_string_dup(net_str(network));
	r->name = net_string_dup(net_str(name));
	r->done = runtime_makechan(0, 0);
	sync_WaitGroup_Add(&net_dnsWaitGroup, 1);
	go(cgoIPLookup, r);

	runtime_selectCase cases[] = {
		{runtime_selectRecv, r->done, NULL},
		{runtime_selectRecv, ctxDone, NULL},
	};
	if (runtime_select(cases, 2, true, NULL) == 0) {
		err = r->err;
		r->err = NULL;
		*addrs = r->addrs;
		*n = r->n;
		r->addrs = NULL;
	} else {
		err = context_Context_Err(ctx);
		err = err == context_Canceled           ? net_errCanceled
		      : err == context_DeadlineExceeded ? net_errTimeout
							: err; // Go: mapErr
		err = go_error_retain(err);
	}
	ipLookupResult_unref(r);
	return err;
}

/* Go: net/cgo_unix.go cgoLookupHost */
go_error *
net_cgoLookupHost(context_Context *ctx, const char *name, char ***hosts, size_t *n)
{
	net_IPAddr *addrs;
	size_t naddrs;
	go_error *err;

	*hosts = NULL;
	*n = 0;
	err = net_cgoLookupIP(ctx, "ip", name, &addrs, &naddrs);
	if (naddrs > 0)
		*hosts = runtime_newobject(naddrs * sizeof(char *));
	for (size_t i = 0; i < naddrs; i++)
		(*hosts)[i] = net_IPAddr_String(&addrs[i]);
	*n = naddrs;
	free(addrs);
	return err;
}

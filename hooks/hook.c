// C port of go1.19 src/net/hook.go: the test hooks net reads on every
// platform. See hooks.h for who may set them.
#include "hooks/hooks.h"

go_error *(*net_testHookDialTCP)(context_Context *ctx, const char *net, const net_TCPAddr *laddr,
				 const net_TCPAddr *raddr, net_TCPConn **c) = NULL;

const char *net_testHookHostsPath = "/etc/hosts";

/* Go: net/hook.go testHookLookupIP (its default value) */
static go_error *
defaultTestHookLookupIP(context_Context *ctx, net_lookupIPFunc fn, const char *network,
			const char *host, net_IPAddr **addrs, size_t *naddrs)
{
	return fn.fn(fn.env, ctx, network, host, addrs, naddrs);
}

go_error *(*net_testHookLookupIP)(context_Context *ctx, net_lookupIPFunc fn, const char *network,
				  const char *host, net_IPAddr **addrs,
				  size_t *naddrs) = defaultTestHookLookupIP;

/* Go: net/hook.go testHookSetKeepAlive (its default value) */
static void
defaultTestHookSetKeepAlive(time_Duration d)
{
	(void)d;
}

void (*net_testHookSetKeepAlive)(time_Duration d) = defaultTestHookSetKeepAlive;

// C port of the resolver half of go1.19 src/net/ipsock.go (ipStackCaps and
// supportsIPv4/IPv6/IPv4map, addrList with isIPv4, isNotIPv4, forResolve,
// first and partition, filterAddrList, internetAddrList, loopbackIP) and
// of ipsock_posix.go's (*ipStackCapabilities).probe.
#include "net/lookup.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hooks/hooks.h"
#include "runtime_netpoll/panic.h"
#include "sync/sync.h"

// Go: ipStackCapabilities. Written once by probe under the Once, read after.
static struct {
	sync_Once Once; // guards the following
	bool ipv4Enabled;
	bool ipv6Enabled;
	bool ipv4MappedIPv6Enabled;
} ipStackCaps;

/* Go: net/ipsock_posix.go (*ipStackCapabilities).probe */
// C: Go's sysSocket is the netFD layer's; the probe makes the same call
// (SOCK_NONBLOCK|SOCK_CLOEXEC through socketFunc) itself.
static void
probe(void *arg)
{
	static const struct {
		net_IP laddr;
		int value;
	} probes[] = {
		// can this host talk IPv6 at all?
		{NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), 1},
		// can it reach IPv4 through IPv4-mapped IPv6 addresses?
		{NET_IP(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1), 0},
	};
	int fds[2] = {-1, -1};
	go_error *err;
	int s;

	(void)arg;
	err = net_socketFunc(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP, &s);
	if (err == syscall_EAFNOSUPPORT || err == syscall_EPROTONOSUPPORT) {
		// no IPv4
	} else if (err == NULL) {
		go_error_release(poll_CloseFunc(s));
		ipStackCaps.ipv4Enabled = true;
	}
	go_error_release(err);
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		syscall_Sockaddr sa = {0};

		err = net_socketFunc(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
				     IPPROTO_TCP, &s);
		if (err != NULL) {
			go_error_release(err);
			continue;
		}
		fds[i] = s; // C: defer poll.CloseFunc(s)
		go_error_release(
			syscall_SetsockoptInt(s, IPPROTO_IPV6, IPV6_V6ONLY, probes[i].value));
		sa.len = sizeof(struct sockaddr_in6);
		sa.u.in6.sin6_family = AF_INET6;
		memcpy(&sa.u.in6.sin6_addr, probes[i].laddr.b, net_IPv6len);
		if ((err = syscall_Bind(s, &sa)) != NULL) {
			go_error_release(err);
			continue;
		}
		if (i == 0)
			ipStackCaps.ipv6Enabled = true;
		else
			ipStackCaps.ipv4MappedIPv6Enabled = true;
	}
	for (size_t i = 0; i < 2; i++) {
		if (fds[i] >= 0)
			go_error_release(poll_CloseFunc(fds[i]));
	}
}

/* Go: net/ipsock.go supportsIPv4 */
bool
net_supportsIPv4(void)
{
	sync_Once_Do(&ipStackCaps.Once, probe, NULL);
	return ipStackCaps.ipv4Enabled;
}

/* Go: net/ipsock.go supportsIPv6 */
bool
net_supportsIPv6(void)
{
	sync_Once_Do(&ipStackCaps.Once, probe, NULL);
	return ipStackCaps.ipv6Enabled;
}

/* Go: net/ipsock.go supportsIPv4map */
// C: only Linux is built, so the dragonfly/openbsd answer is left out.
bool
net_supportsIPv4map(void)
{
	sync_Once_Do(&ipStackCaps.Once, probe, NULL);
	return ipStackCaps.ipv4MappedIPv6Enabled;
}

void
net_addrList_free(net_addrList *l)
{
	for (size_t i = 0; i < l->n; i++)
		net_Addr_free(l->addrs[i]);
	free(l->addrs);
	l->addrs = NULL;
	l->n = 0;
}

// C: Go's append(addrs, a). The array grows by doubling (n is a power of
// two or zero whenever it is full).
void
net_addrList_append(net_addrList *l, net_Addr *a)
{
	if ((l->n & (l->n - 1)) == 0) {
		size_t cap = l->n == 0 ? 1 : 2 * l->n;
		net_Addr **p = realloc(l->addrs, cap * sizeof(*p));

		if (p == NULL)
			runtime_throw("out of memory");
		l->addrs = p;
	}
	l->addrs[l->n++] = a;
}

/* Go: net/ipsock.go isIPv4 */
bool
net_isIPv4(const net_Addr *addr)
{
	if (addr == NULL)
		return false;
	if (addr->m == &net_TCPAddr_methods)
		return net_IP_To4(((const net_TCPAddr *)addr)->IP).len != 0;
	if (addr->m == &net_UDPAddr_methods)
		return net_IP_To4(((const net_UDPAddr *)addr)->IP).len != 0;
	if (addr->m == &net_IPAddr_methods)
		return net_IP_To4(((const net_IPAddr *)addr)->IP).len != 0;
	return false;
}

/* Go: net/ipsock.go isNotIPv4 */
bool
net_isNotIPv4(const net_Addr *addr)
{
	return !net_isIPv4(addr);
}

/* Go: net/ipsock.go addrList.forResolve */
net_Addr *
net_addrList_forResolve(const net_addrList *addrs, const char *network, const char *addr)
{
	bool want6 = false;

	if (strcmp(network, "ip") == 0)
		want6 = net_count(net_str(addr), ':') > 0; // a bare IPv6 literal
	else if (strcmp(network, "tcp") == 0 || strcmp(network, "udp") == 0)
		want6 = net_count(net_str(addr), '[') > 0; // "[v6]:port"
	if (want6)
		return net_addrList_first(addrs, net_isNotIPv4);
	return net_addrList_first(addrs, net_isIPv4);
}

/* Go: net/ipsock.go addrList.first */
// C: Go's addrs[0] panics on an empty list; this throws the same message.
net_Addr *
net_addrList_first(const net_addrList *addrs, bool (*strategy)(const net_Addr *))
{
	for (size_t i = 0; i < addrs->n; i++) {
		if (strategy(addrs->addrs[i]))
			return addrs->addrs[i];
	}
	if (addrs->n == 0)
		runtime_panicstring("runtime error: index out of range [0] with length 0");
	return addrs->addrs[0];
}

/* Go: net/ipsock.go addrList.partition */
void
net_addrList_partition(const net_addrList *addrs, bool (*strategy)(const net_Addr *),
		       net_addrList *primaries, net_addrList *fallbacks)
{
	bool primaryLabel = false;

	*primaries = (net_addrList){0};
	*fallbacks = (net_addrList){0};
	for (size_t i = 0; i < addrs->n; i++) {
		net_Addr *addr = addrs->addrs[i];
		bool label = strategy(addr);

		if (i == 0 || label == primaryLabel) {
			primaryLabel = label;
			net_addrList_append(primaries, net_Addr_clone(addr));
		} else {
			net_addrList_append(fallbacks, net_Addr_clone(addr));
		}
	}
}

/* Go: net/ipsock.go filterAddrList */
go_error *
net_filterAddrList(bool (*filter)(const net_IPAddr *), const net_IPAddr *ips, size_t n,
		   net_Addr *(*inetaddr)(const net_IPAddr *ip, void *env), void *env,
		   const char *originalAddr, net_addrList *out)
{
	net_addrList addrs = {0};

	*out = (net_addrList){0};
	for (size_t i = 0; i < n; i++) {
		if (filter == NULL || filter(&ips[i]))
			net_addrList_append(&addrs, inetaddr(&ips[i], env));
	}
	if (addrs.n == 0)
		return net_newAddrError(go_error_Error(net_errNoSuitableAddress), originalAddr);
	*out = addrs;
	return NULL;
}

// The closure inetaddr of internetAddrList: what it captures.
typedef struct inetaddrEnv {
	const char *net;
	int portnum;
} inetaddrEnv;

/* Go: net/ipsock.go internetAddrList (the inetaddr closure) */
static net_Addr *
inetaddr(const net_IPAddr *ip, void *arg)
{
	inetaddrEnv *env = arg;
	const char *net = env->net;

	if (strcmp(net, "tcp") == 0 || strcmp(net, "tcp4") == 0 || strcmp(net, "tcp6") == 0) {
		net_TCPAddr a = NET_TCPADDR(.IP = ip->IP, .Port = env->portnum);

		memcpy(a.Zone, ip->Zone, sizeof(a.Zone));
		return net_Addr_clone(&a.addr);
	}
	if (strcmp(net, "udp") == 0 || strcmp(net, "udp4") == 0 || strcmp(net, "udp6") == 0) {
		net_UDPAddr a = NET_UDPADDR(.IP = ip->IP, .Port = env->portnum);

		memcpy(a.Zone, ip->Zone, sizeof(a.Zone));
		return net_Addr_clone(&a.addr);
	}
	if (strcmp(net, "ip") == 0 || strcmp(net, "ip4") == 0 || strcmp(net, "ip6") == 0) {
		net_IPAddr a = NET_IPADDR(.IP = ip->IP);

		memcpy(a.Zone, ip->Zone, sizeof(a.Zone));
		return net_Addr_clone(&a.addr);
	}
	size_t len = strlen(net);
	char *msg = runtime_newobject(len + sizeof("unexpected network: "));

	memcpy(msg, "unexpected network: ", sizeof("unexpected network: ") - 1);
	memcpy(msg + sizeof("unexpected network: ") - 1, net, len + 1);
	runtime_panicstring(msg);
	free(msg); // reached only when a test catches the panic
	return NULL;
}

/* Go: net/ipsock.go (*Resolver).internetAddrList */
go_error *
net_Resolver_internetAddrList(net_Resolver *r, context_Context *ctx, const char *net,
			      const char *addr, net_addrList *out)
{
	inetaddrEnv env = {net, 0};
	char *host = NULL, *port = NULL;
	net_IPAddr *ips = NULL;
	size_t nips = 0;
	bool (*filter)(const net_IPAddr *) = NULL;
	size_t len = strlen(net);
	go_error *err;

	*out = (net_addrList){0};
	if (strcmp(net, "tcp") == 0 || strcmp(net, "tcp4") == 0 || strcmp(net, "tcp6") == 0 ||
	    strcmp(net, "udp") == 0 || strcmp(net, "udp4") == 0 || strcmp(net, "udp6") == 0) {
		if (addr[0] != '\0') {
			if ((err = net_SplitHostPort(addr, &host, &port)) != NULL)
				return err;
			// C: (*Resolver).LookupPort never blocks here (port.h), so
			// the context-free LookupPort is the same call.
			if ((err = net_LookupPort(net, port, &env.portnum)) != NULL)
				goto out;
		}
	} else if (strcmp(net, "ip") == 0 || strcmp(net, "ip4") == 0 || strcmp(net, "ip6") == 0) {
		if (addr[0] != '\0')
			host = net_string_dup(net_str(addr));
	} else {
		return net_newUnknownNetworkError(net);
	}
	if (host == NULL || host[0] == '\0') {
		net_IPAddr zero = NET_IPADDR(.IP = {0});

		net_addrList_append(out, inetaddr(&zero, &env));
		err = NULL;
		goto out;
	}

	// A literal IP first, then a name.
	if ((err = net_Resolver_lookupIPAddr(r, ctx, net, host, &ips, &nips)) != NULL)
		goto out;
	// Go's issue 18806: a host that can bind "::" but not connect to it
	// gets 0.0.0.0 to fall back on.
	if (nips == 1 && net_IP_Equal(ips[0].IP, net_IPv6unspecified)) {
		net_IPAddr *p = realloc(ips, 2 * sizeof(*ips));

		if (p == NULL)
			runtime_throw("out of memory");
		ips = p;
		ips[nips++] = NET_IPADDR(.IP = net_IPv4zero);
	}
	if (len > 0 && net[len - 1] == '4')
		filter = net_ipv4only;
	if (len > 0 && net[len - 1] == '6')
		filter = net_ipv6only;
	err = net_filterAddrList(filter, ips, nips, inetaddr, &env, host, out);
out:
	free(ips);
	free(host);
	free(port);
	return err;
}

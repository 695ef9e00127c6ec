// C port of go1.19 src/net/hosts.go: parseLiteralIP, the hosts cache,
// readHosts, lookupStaticHost and lookupStaticAddr.
//
// C: Go's map[string][]string becomes hostsMap below, an array of keys in
// insertion order searched linearly: a hosts file has a few dozen lines.
#include "net/hosts.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hooks/hooks.h"
#include "net/ip.h"
#include "net/ipsock.h"
#include "net/lookup.h"
#include "runtime_netpoll/panic.h"
#include "sync/sync.h"

/* Go: net/hosts.go parseLiteralIP */
char *
net_parseLiteralIP(net_string addr)
{
	char buf[net_IPStringLen];
	net_string zone = {0};
	net_IP ip;
	size_t n;
	char *s;

	ip = net_parseIPv4(addr);
	if (ip.len == 0)
		ip = net_parseIPv6Zone(addr, &zone);
	if (ip.len == 0)
		return net_string_dup(net_str(""));
	net_IP_String(ip, buf);
	if (zone.n == 0)
		return net_string_dup(net_str(buf));
	n = strlen(buf);
	s = runtime_newobject(n + 1 + zone.n + 1);
	memcpy(s, buf, n);
	s[n] = '%';
	memcpy(s + n + 1, zone.p, zone.n);
	return s;
}

// C: Go's map[string][]string. Owns its keys and values.
typedef struct hostsEntry {
	char *key;
	char **vals;
	size_t n, cap;
} hostsEntry;

typedef struct hostsMap {
	hostsEntry *e;
	size_t n, cap;
} hostsMap;

static hostsEntry *
hostsMap_get(const hostsMap *m, const char *key)
{
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->e[i].key, key) == 0)
			return &m->e[i];
	}
	return NULL;
}

static void *
grow(void *p, size_t *cap, size_t size)
{
	size_t ncap = *cap == 0 ? 4 : 2 * *cap;

	p = realloc(p, ncap * size);
	if (p == NULL)
		runtime_throw("out of memory");
	*cap = ncap;
	return p;
}

// m[key] = append(m[key], val). Takes over val; key is copied.
static void
hostsMap_append(hostsMap *m, const char *key, char *val)
{
	hostsEntry *e = hostsMap_get(m, key);

	if (e == NULL) {
		if (m->n == m->cap)
			m->e = grow(m->e, &m->cap, sizeof(*m->e));
		e = &m->e[m->n++];
		*e = (hostsEntry){.key = net_string_dup(net_str(key))};
	}
	if (e->n == e->cap)
		e->vals = grow(e->vals, &e->cap, sizeof(*e->vals));
	e->vals[e->n++] = val;
}

static void
hostsMap_free(hostsMap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		for (size_t j = 0; j < m->e[i].n; j++)
			free(m->e[i].vals[j]);
		free(m->e[i].vals);
		free(m->e[i].key);
	}
	free(m->e);
	*m = (hostsMap){0};
}

// Go: the hosts variable: the cache of the hosts file.
static struct {
	sync_Mutex mu;   // guards the following
	hostsMap byName; // lower-cased absolute name -> literal IPs
	hostsMap byAddr; // literal IP (with zone) -> names
	time_Time expire;
	char *path; // malloc'd; NULL before the first read
	time_Time mtime;
	int64_t size;
} hosts;

/* Go: net/parse.go stat */
// C: stat(2) itself; the error is only tested for nil.
static bool
hostsStat(const char *name, time_Time *mtime, int64_t *size)
{
	struct stat st;

	if (stat(name, &st) != 0)
		return false;
	*mtime = time_Unix(st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	*size = st.st_size;
	return true;
}

/* Go: net/hosts.go readHosts */
static void
readHosts(void)
{
	time_Time now = time_Now();
	const char *hp = net_testHookHostsPath;
	bool samePath = hosts.path != NULL && strcmp(hosts.path, hp) == 0;
	hostsMap hs = {0}, is = {0};
	time_Time mtime = {0};
	int64_t size = 0;
	net_file *file;
	net_string line;

	if (time_Time_Before(now, hosts.expire) && samePath && hosts.byName.n > 0)
		return;
	if (hostsStat(hp, &mtime, &size) && samePath && time_Time_Equal(hosts.mtime, mtime) &&
	    hosts.size == size) {
		hosts.expire = time_Time_Add(now, net_cacheMaxAge * time_Second);
		return;
	}

	go_error_release(net_open(hp, &file));
	if (file == NULL)
		return;
	while (net_file_readLine(file, &line)) {
		const char *hash = line.n > 0 ? memchr(line.p, '#', line.n) : NULL;
		net_string *f;
		size_t nf;
		char *addr;

		if (hash != NULL) // drop the comment
			line.n = (size_t)(hash - line.p);
		f = net_getFields(line, &nf);
		if (nf < 2) {
			free(f);
			continue;
		}
		addr = net_parseLiteralIP(f[0]);
		if (addr[0] == '\0') {
			free(addr);
			free(f);
			continue;
		}
		for (size_t i = 1; i < nf; i++) {
			char *name = net_absDomainName(f[i]);
			char *h = net_string_dup(f[i]);
			char *key;

			net_lowerASCIIBytes(h, f[i].n);
			key = net_absDomainName(net_str(h));
			hostsMap_append(&hs, key, net_string_dup(net_str(addr)));
			hostsMap_append(&is, addr, name);
			free(key);
			free(h);
		}
		free(addr);
		free(f);
	}
	// Replace the cache.
	hosts.expire = time_Time_Add(now, net_cacheMaxAge * time_Second);
	free(hosts.path);
	hosts.path = net_string_dup(net_str(hp));
	hostsMap_free(&hosts.byName);
	hostsMap_free(&hosts.byAddr);
	hosts.byName = hs;
	hosts.byAddr = is;
	hosts.mtime = mtime;
	hosts.size = size;
	net_file_close(file);
}

// A copy of e's values (Go: make + copy), or NULL for none.
static char **
copyVals(const hostsEntry *e, size_t *n)
{
	char **r;

	*n = 0;
	if (e == NULL)
		return NULL;
	r = runtime_newobject((e->n > 0 ? e->n : 1) * sizeof(*r));
	for (size_t i = 0; i < e->n; i++)
		r[i] = net_string_dup(net_str(e->vals[i]));
	*n = e->n;
	return r;
}

/* Go: net/hosts.go lookupStaticHost */
char **
net_lookupStaticHost(const char *host, size_t *n)
{
	char **r = NULL;
	char *lowerHost = NULL, *key;

	*n = 0;
	sync_Mutex_Lock(&hosts.mu);
	readHosts();
	if (hosts.byName.n != 0) {
		if (net_hasUpperCase(net_str(host))) {
			lowerHost = net_string_dup(net_str(host));
			net_lowerASCIIBytes(lowerHost, strlen(lowerHost));
			host = lowerHost;
		}
		key = net_absDomainName(net_str(host));
		r = copyVals(hostsMap_get(&hosts.byName, key), n);
		free(key);
		free(lowerHost);
	}
	sync_Mutex_Unlock(&hosts.mu); // C: defer hosts.Unlock()
	return r;
}

/* Go: net/hosts.go lookupStaticAddr */
char **
net_lookupStaticAddr(const char *addr, size_t *n)
{
	char **r = NULL;
	char *a;

	*n = 0;
	sync_Mutex_Lock(&hosts.mu);
	readHosts();
	a = net_parseLiteralIP(net_str(addr));
	if (a[0] != '\0' && hosts.byAddr.n != 0)
		r = copyVals(hostsMap_get(&hosts.byAddr, a), n);
	free(a);
	sync_Mutex_Unlock(&hosts.mu); // C: defer hosts.Unlock()
	return r;
}

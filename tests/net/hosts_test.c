// C port of go1.19 src/net/hosts_test.go: TestLookupStaticHost,
// TestLookupStaticAddr, TestHostCacheModification, with Go's tables and
// Go's testdata files (tests/net/testdata).
#include "testmain.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks/hooks.h"
#include "net/hosts.h"
#include "net/lookup.h"

enum { maxOut = 4 };

typedef struct staticHostEntry {
	const char *in;
	const char *out[maxOut];
} staticHostEntry;

// C: Go's tests run in the package directory; these find testdata/ next to
// this source file.
static const char *
testdata(const char *name)
{
	static char path[4][4096];
	static int k;
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash != NULL ? (int)(slash - __FILE__) : 1;
	char *p = path[k++ % 4];

	snprintf(p, sizeof(path[0]), "%.*s/%s", dir, slash != NULL ? __FILE__ : ".", name);
	return p;
}

static const struct {
	const char *name;
	staticHostEntry ents[8];
} lookupStaticHostTests[] = {
	{"testdata/hosts",
	 {
		 {"odin", {"127.0.0.2", "127.0.0.3", "::2"}},
		 {"thor", {"127.1.1.1"}},
		 {"ullr", {"127.1.1.2"}},
		 {"ullrhost", {"127.1.1.2"}},
		 {"localhost", {"fe80::1%lo0"}},
	 }},
	{"testdata/singleline-hosts", // Go's issue 6646
	 {
		 {"odin", {"127.0.0.2"}},
	 }},
	{"testdata/ipv4-hosts",
	 {
		 {"localhost", {"127.0.0.1", "127.0.0.2", "127.0.0.3"}},
		 {"localhost.localdomain", {"127.0.0.3"}},
	 }},
	{"testdata/ipv6-hosts", // Go's issue 8996
	 {
		 {"localhost", {"::1", "fe80::1", "fe80::2%lo0", "fe80::3%lo0"}},
		 {"localhost.localdomain", {"fe80::3%lo0"}},
	 }},
	{"testdata/case-hosts", // Go's issue 12806
	 {
		 {"PreserveMe", {"127.0.0.1", "::1"}},
		 {"PreserveMe.local", {"127.0.0.1", "::1"}},
	 }},
};

// reflect.DeepEqual(got, want) for a []string (nil == no entries).
static bool
stringsDeepEqual(char **got, size_t n, const char *const want[maxOut], bool abs)
{
	size_t nw = 0;

	while (nw < maxOut && want[nw] != NULL)
		nw++;
	if (n != nw)
		return false;
	for (size_t i = 0; i < n; i++) {
		char *w = abs ? net_absDomainName(net_str(want[i])) : strdup(want[i]);
		bool eq = strcmp(got[i], w) == 0;

		free(w);
		if (!eq)
			return false;
	}
	return true;
}

static void
freeStrings(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

/* Go: net/hosts_test.go testStaticHost */
static void
testStaticHost(const char *hostsPath, const staticHostEntry *ent)
{
	char *ins[4];

	ins[0] = strdup(ent->in);
	ins[1] = net_absDomainName(net_str(ent->in));
	ins[2] = strdup(ent->in);
	ins[3] = strdup(ent->in);
	for (char *p = ins[2]; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	for (char *p = ins[3]; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	for (int i = 0; i < 4; i++) {
		size_t n;
		char **addrs = net_lookupStaticHost(ins[i], &n);

		if (!stringsDeepEqual(addrs, n, ent->out, false))
			fail_msg("%s, lookupStaticHost(%s) = %zu addresses (%s ...); want %s ...",
				 hostsPath, ins[i], n, n > 0 ? addrs[0] : "", ent->out[0]);
		freeStrings(addrs, n);
	}
	for (int i = 0; i < 4; i++)
		free(ins[i]);
}

/* Go: net/hosts_test.go TestLookupStaticHost */
static void
TestLookupStaticHost(void **state)
{
	const char *orig = net_testHookHostsPath;

	(void)state;
	for (size_t i = 0; i < nelem(lookupStaticHostTests); i++) {
		net_testHookHostsPath = testdata(lookupStaticHostTests[i].name);
		for (size_t j = 0; j < 8 && lookupStaticHostTests[i].ents[j].in != NULL; j++)
			testStaticHost(lookupStaticHostTests[i].name,
				       &lookupStaticHostTests[i].ents[j]);
	}
	net_testHookHostsPath = orig; // C: defer
}

static const struct {
	const char *name;
	staticHostEntry ents[8];
} lookupStaticAddrTests[] = {
	{"testdata/hosts",
	 {
		 {"255.255.255.255", {"broadcasthost"}},
		 {"127.0.0.2", {"odin"}},
		 {"127.0.0.3", {"odin"}},
		 {"::2", {"odin"}},
		 {"127.1.1.1", {"thor"}},
		 {"127.1.1.2", {"ullr", "ullrhost"}},
		 {"fe80::1%lo0", {"localhost"}},
	 }},
	{"testdata/singleline-hosts", // Go's issue 6646
	 {
		 {"127.0.0.2", {"odin"}},
	 }},
	{"testdata/ipv4-hosts",
	 {
		 {"127.0.0.1", {"localhost"}},
		 {"127.0.0.2", {"localhost"}},
		 {"127.0.0.3", {"localhost", "localhost.localdomain"}},
	 }},
	{"testdata/ipv6-hosts", // Go's issue 8996
	 {
		 {"::1", {"localhost"}},
		 {"fe80::1", {"localhost"}},
		 {"fe80::2%lo0", {"localhost"}},
		 {"fe80::3%lo0", {"localhost", "localhost.localdomain"}},
	 }},
	{"testdata/case-hosts", // Go's issue 12806
	 {
		 {"127.0.0.1", {"PreserveMe", "PreserveMe.local"}},
		 {"::1", {"PreserveMe", "PreserveMe.local"}},
	 }},
};

/* Go: net/hosts_test.go testStaticAddr */
static void
testStaticAddr(const char *hostsPath, const staticHostEntry *ent)
{
	size_t n;
	char **hosts = net_lookupStaticAddr(ent->in, &n);

	// Go makes ent.out absolute first.
	if (!stringsDeepEqual(hosts, n, ent->out, true))
		fail_msg("%s, lookupStaticAddr(%s) = %zu names (%s ...); want %s ...", hostsPath,
			 ent->in, n, n > 0 ? hosts[0] : "", ent->out[0]);
	freeStrings(hosts, n);
}

/* Go: net/hosts_test.go TestLookupStaticAddr */
static void
TestLookupStaticAddr(void **state)
{
	const char *orig = net_testHookHostsPath;

	(void)state;
	for (size_t i = 0; i < nelem(lookupStaticAddrTests); i++) {
		net_testHookHostsPath = testdata(lookupStaticAddrTests[i].name);
		for (size_t j = 0; j < 8 && lookupStaticAddrTests[i].ents[j].in != NULL; j++)
			testStaticAddr(lookupStaticAddrTests[i].name,
				       &lookupStaticAddrTests[i].ents[j]);
	}
	net_testHookHostsPath = orig; // C: defer
}

// Appends "junk" to each string of a lookup result, in place of Go's
// addrs[i] += "junk" (the cache must not change).
static void
addJunk(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(s[i]);

		s[i] = realloc(s[i], len + 5);
		assert_non_null(s[i]);
		memcpy(s[i] + len, "junk", 5);
	}
}

/* Go: net/hosts_test.go TestHostCacheModification */
// The cache must not share memory with what the lookups return (Go's
// issue 14212).
static void
TestHostCacheModification(void **state)
{
	const char *orig = net_testHookHostsPath;
	staticHostEntry ent = {"localhost", {"127.0.0.1", "127.0.0.2", "127.0.0.3"}};
	staticHostEntry ent6 = {"::1", {"localhost"}};
	char **addrs, **hosts;
	size_t n;

	(void)state;
	net_testHookHostsPath = testdata("testdata/ipv4-hosts");
	testStaticHost(net_testHookHostsPath, &ent);
	addrs = net_lookupStaticHost(ent.in, &n);
	addJunk(addrs, n);
	freeStrings(addrs, n);
	testStaticHost(net_testHookHostsPath, &ent);

	net_testHookHostsPath = testdata("testdata/ipv6-hosts");
	testStaticAddr(net_testHookHostsPath, &ent6);
	hosts = net_lookupStaticAddr(ent6.in, &n);
	addJunk(hosts, n);
	freeStrings(hosts, n);
	testStaticAddr(net_testHookHostsPath, &ent6);
	net_testHookHostsPath = orig; // C: defer
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestLookupStaticHost),
	cmocka_unit_test(TestLookupStaticAddr),
	cmocka_unit_test(TestHostCacheModification),
};

GONET_TEST_MAIN(tests)

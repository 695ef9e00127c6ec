// C port of go1.19 src/net/lookup_test.go: the service-name tests
// (TestLookupPort, TestLookupPort_Minimal). The host and DNS lookups come
// with the resolver.
#include "testmain.h"

#include <string.h>

#include "net/net.h"

/* Go: net/error_test.go parseLookupPortError */
// C: returns NULL when err is of a type LookupPort may return, else a
// description of what is wrong.
static const char *
parseLookupPortError(go_error *nestedErr)
{
	if (nestedErr == NULL)
		return NULL;
	if (nestedErr->m == &net_AddrError_methods || nestedErr->m == &net_DNSError_methods)
		return NULL;
	return "unexpected type on 1st nested level";
}

/* Go: net/lookup_test.go TestLookupPort */
static void
TestLookupPort(void **state)
{
	// See https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml
	static const struct {
		const char *network;
		const char *name;
		int port;
		bool ok;
	} tests[] = {
		{"tcp", "0", 0, true},
		{"udp", "0", 0, true},
		{"udp", "domain", 53, true},

		{"--badnet--", "zzz", 0, false},
		{"tcp", "--badport--", 0, false},
		{"tcp", "-1", 0, false},
		{"tcp", "65536", 0, false},
		{"udp", "-1", 0, false},
		{"udp", "65536", 0, false},
		{"tcp", "123456789", 0, false},

		// Issue 13610: LookupPort("tcp", "")
		{"tcp", "", 0, true},
		{"tcp4", "", 0, true},
		{"tcp6", "", 0, true},
		{"udp", "", 0, true},
		{"udp4", "", 0, true},
		{"udp6", "", 0, true},

		// C: Go appends this one on every system but android
		{"tcp", "http", 80, true},
	};
	const char *perr;
	go_error *err;
	int port;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		err = net_LookupPort(tests[i].network, tests[i].name, &port);
		if (port != tests[i].port || (err == NULL) != tests[i].ok)
			fail_msg("LookupPort(%s, %s) = %d, %s; want %d, error=%d", tests[i].network,
				 tests[i].name, port, go_error_Error(err), tests[i].port,
				 !tests[i].ok);
		if (err != NULL) {
			if ((perr = parseLookupPortError(err)) != NULL)
				fail_msg("%s", perr);
		}
		go_error_release(err);
	}
}

/* Go: net/lookup_test.go TestLookupPort_Minimal */
static void
TestLookupPort_Minimal(void **state)
{
	static const struct {
		const char *network;
		const char *name;
		int port;
	} tests[] = {
		{"tcp", "http", 80},   {"tcp", "HTTP", 80}, // case shouldn't matter
		{"tcp", "https", 443}, {"tcp", "ssh", 22},   {"tcp", "gopher", 70},
		{"tcp4", "http", 80},  {"tcp6", "http", 80},
	};
	go_error *err;
	int port;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		err = net_LookupPort(tests[i].network, tests[i].name, &port);
		if (port != tests[i].port || err != NULL)
			fail_msg("LookupPort(%s, %s) = %d, %s; want %d, error=nil",
				 tests[i].network, tests[i].name, port, go_error_Error(err),
				 tests[i].port);
	}
}

// C only: LookupPort's error texts and the services map (/etc/services on
// top of Go's built-in table), checked against Go 1.19 run with
// CGO_ENABLED=0 on the same /etc/services.
static void
TestLookupPortErrors(void **state)
{
	static const struct {
		const char *network, *service;
		int port;
		const char *err;
	} tests[] = {
		{"tcp", "--badport--", 0, "address tcp/--badport--: unknown port"},
		{"--badnet--", "zzz", 0, "address --badnet--: unknown network"},
		{"tcp", "65536", 0, "address 65536: invalid port"},
		{"tcp", "-1", 0, "address -1: invalid port"},
		{"", "http", 0, "address ip/http: unknown port"},
		{"udp6", "DOMAIN", 53, NULL},
		{"tcp4", "Http", 80, NULL},
		{"tcp", "mobility-header-and-more-stuff-here", 0,
		 "address tcp/mobility-header-and-more-stuff-here: unknown port"},
		{"udp", "nosuchservice", 0, "address udp/nosuchservice: unknown port"},
	};
	go_error *err;
	int port;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		err = net_LookupPort(tests[i].network, tests[i].service, &port);
		assert_int_equal(port, tests[i].port);
		if (tests[i].err == NULL)
			assert_null(err);
		else
			assert_error_text(err, tests[i].err);
		go_error_release(err);
	}
	// an alias from /etc/services ("http 80/tcp www"), where the file has it
	err = net_LookupPort("tcp", "www", &port);
	if (err == NULL)
		assert_int_equal(port, 80);
	go_error_release(err);
}

// One test per line: tests/CMakeLists.txt registers them line by line.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestLookupPort),
	cmocka_unit_test(TestLookupPort_Minimal),
	cmocka_unit_test(TestLookupPortErrors),
};
// clang-format on

GONET_TEST_MAIN(tests)

// C port of go1.19 src/net/port_test.go.
#include "testmain.h"

#include "net/port.h"

/* Go: net/port_test.go TestParsePort */
static void
TestParsePort(void **state)
{
	static const struct {
		const char *service;
		int port;
		bool needsLookup;
	} parsePortTests[] = {
		{"", 0, false},

		// Decimal number literals
		{"-1073741825", -(1 << 30), false},
		{"-1073741824", -(1 << 30), false},
		{"-1073741823", -((1 << 30) - 1), false},
		{"-123456789", -123456789, false},
		{"-1", -1, false},
		{"-0", 0, false},
		{"0", 0, false},
		{"+0", 0, false},
		{"+1", 1, false},
		{"65535", 65535, false},
		{"65536", 65536, false},
		{"123456789", 123456789, false},
		{"1073741822", (1 << 30) - 2, false},
		{"1073741823", (1 << 30) - 1, false},
		{"1073741824", (1 << 30) - 1, false},
		{"1073741825", (1 << 30) - 1, false},

		// Others
		{"abc", 0, true},
		{"9pfs", 0, true},
		{"123badport", 0, true},
		{"bad123port", 0, true},
		{"badport123", 0, true},
		{"123456789badport", 0, true},
		{"-2147483649badport", 0, true},
		{"2147483649badport", 0, true},
	};
	int port;
	bool needsLookup;

	(void)state;
	// The following test cases are cribbed from the strconv
	for (size_t i = 0; i < nelem(parsePortTests); i++) {
		needsLookup = net_parsePort(net_str(parsePortTests[i].service), &port);
		if (port != parsePortTests[i].port || needsLookup != parsePortTests[i].needsLookup)
			fail_msg("parsePort(%s) = %d, %d; want %d, %d", parsePortTests[i].service,
				 port, needsLookup, parsePortTests[i].port,
				 parsePortTests[i].needsLookup);
	}
}

// One test per line: tests/CMakeLists.txt registers them line by line.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestParsePort),
};
// clang-format on

GONET_TEST_MAIN(tests)

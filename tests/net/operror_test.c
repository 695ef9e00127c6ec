// C only: the Error() texts and methods of net's error types, and the
// ownership of the addresses an OpError holds. Go's own tests reach these
// texts through real dials (error_test.go); here each error is built by hand
// and compared with what Go 1.19 prints for the same value (the expected
// strings come from running the same constructions through go1.19).
#include "testmain.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "errors/errors.h"
#include "net/net.h"
#include "os/error.h"
#include "syscall/syscall.h"

static void
TestOpErrorString(void **state)
{
	net_TCPAddr la = NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = 5);
	net_TCPAddr ra = NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = 6);
	net_TCPAddr one = NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = 1);
	net_TCPAddr v6 = NET_TCPADDR(.IP = net_ParseIP("fe80::1"), .Port = 80, .Zone = "eth0");
	net_IPAddr ip = NET_IPADDR(.IP = net_ParseIP("::1"), .Zone = "lo");
	net_TCPAddr empty = NET_TCPADDR(.Port = 0);
	net_TCPAddr zoneOnly = NET_TCPADDR(.Zone = "z");
	net_IPAddr emptyIP = NET_IPADDR(.Zone = "");
	net_IPAddr zoneOnlyIP = NET_IPADDR(.Zone = "z");
	net_TCPAddr bad = NET_TCPADDR(.IP = NET_IP(1, 2, 3), .Port = -1);
	net_TCPAddr src6 = NET_TCPADDR(.IP = net_IPv6loopback, .Port = 65535);
	net_TCPAddr dst6 = NET_TCPADDR(.IP = net_ParseIP("2001:db8::1"), .Port = 443);
	const struct {
		go_error *err;
		const char *want;
		bool timeout;
	} tests[] = {
		{net_newOpError("dial", "tcp", NULL, &one.addr,
				os_NewSyscallError("connect", syscall_ECONNREFUSED)),
		 "dial tcp 127.0.0.1:1: connect: connection refused", false},
		{net_newOpError("read", "tcp", &la.addr, &ra.addr, net_errTimeout),
		 "read tcp 127.0.0.1:5->127.0.0.1:6: i/o timeout", true},
		{net_newOpError("write", "tcp", &la.addr, NULL, syscall_EPIPE),
		 "write tcp 127.0.0.1:5: broken pipe", false},
		{net_newOpError("listen", "", NULL, &v6.addr, syscall_EADDRINUSE),
		 "listen [fe80::1%eth0]:80: address already in use", false},
		{net_newOpError("accept", "tcp", NULL, NULL, syscall_ECONNABORTED),
		 "accept tcp: software caused connection abort", false},
		{net_newOpError("dial", "ip6", NULL, &ip.addr, errors_New("x")),
		 "dial ip6 ::1%lo: x", false},
		{net_newOpError("dial", "tcp", NULL, &empty.addr, errors_New("x")),
		 "dial tcp :0: x", false},
		{net_newOpError("dial", "tcp", NULL, &zoneOnly.addr, errors_New("x")),
		 "dial tcp %z:0: x", false},
		{net_newOpError("dial", "tcp", NULL, &emptyIP.addr, errors_New("x")),
		 "dial tcp : x", false},
		{net_newOpError("dial", "tcp", NULL, &zoneOnlyIP.addr, errors_New("x")),
		 "dial tcp %z: x", false},
		{net_newOpError("dial", "tcp", NULL, &bad.addr, errors_New("x")),
		 "dial tcp ?010203:-1: x", false},
		{net_newOpError(
			 "dial", "tcp", &src6.addr, &dst6.addr,
			 net_newDNSError("no such host", "x.invalid", "", false, false, true)),
		 "dial tcp [::1]:65535->[2001:db8::1]:443: lookup x.invalid: no such host", false},
	};

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		assert_error_text(tests[i].err, tests[i].want);
		assert_int_equal(go_error_Timeout(tests[i].err), tests[i].timeout);
		go_error_release(tests[i].err);
	}
}

/* Go: net/net.go (*OpError).Timeout, (*OpError).Temporary */
static void
TestOpErrorTimeoutTemporary(void **state)
{
	go_error *err;

	(void)state;
	// accept's ECONNRESET is temporary; read's is not
	err = net_newOpError("accept", "tcp", NULL, NULL, syscall_ECONNRESET);
	assert_true(go_error_Temporary(err));
	go_error_release(err);
	err = net_newOpError("read", "tcp", NULL, NULL, syscall_ECONNRESET);
	assert_false(go_error_Temporary(err));
	go_error_release(err);
	// through an *os.SyscallError to the errno's own answers
	err = net_newOpError("read", "tcp", NULL, NULL, os_NewSyscallError("read", syscall_EAGAIN));
	assert_true(go_error_Temporary(err));
	assert_true(go_error_Timeout(err));
	go_error_release(err);
	err = net_newOpError("read", "tcp", NULL, NULL,
			     os_NewSyscallError("read", syscall_ETIMEDOUT));
	assert_true(go_error_Timeout(err));
	go_error_release(err);
	err = net_newOpError("write", "tcp", NULL, NULL,
			     os_NewSyscallError("write", syscall_EPIPE));
	assert_false(go_error_Timeout(err));
	assert_false(go_error_Temporary(err));
	go_error_release(err);
	// an error with neither method
	err = net_newOpError("dial", "tcp", NULL, NULL, net_errMissingAddress);
	assert_false(go_error_Timeout(err));
	assert_false(go_error_Temporary(err));
	go_error_release(err);
}

// errors.Is and errors.As see through OpError and SyscallError.
static void
TestOpErrorUnwrap(void **state)
{
	net_TCPAddr ra = NET_TCPADDR(.IP = net_IPv4(127, 0, 0, 1), .Port = 1);
	go_error *err, *target = NULL;
	net_OpError *oe;

	(void)state;
	err = net_newOpError("dial", "tcp", NULL, &ra.addr,
			     os_NewSyscallError("connect", syscall_ECONNREFUSED));
	assert_true(errors_Is(err, syscall_ECONNREFUSED));
	assert_true(errors_As(err, &net_OpError_methods, &target));
	assert_ptr_equal(target, err);
	assert_true(errors_As(err, &os_SyscallError_methods, &target));
	assert_ptr_equal(errors_Unwrap(err), target);
	oe = (net_OpError *)err;
	assert_string_equal(oe->Op, "dial");
	assert_string_equal(oe->Net, "tcp");
	assert_null(oe->Source);
	assert_ptr_equal(oe->Addr->m, &net_TCPAddr_methods);
	go_error_release(err);
}

// The OpError keeps its own copies of the addresses: the text does not
// change when the Conn's addresses go away (valgrind/ASan check the frees).
static void
TestOpErrorOwnsAddrs(void **state)
{
	net_TCPAddr *la = malloc(sizeof(*la)), ra = NET_TCPADDR(.IP = net_IPv4(10, 0, 0, 1));
	go_error *err;
	char *s;

	(void)state;
	*la = NET_TCPADDR(.IP = net_ParseIP("::1"), .Port = 7, .Zone = "lo");
	ra.Port = 9;
	err = net_newOpError("read", "tcp6", &la->addr, &ra.addr, net_errTimeout);
	free(la);
	ra.Port = 10;
	assert_error_text(err, "read tcp6 [::1%lo]:7->10.0.0.1:9: i/o timeout");
	s = net_Addr_String(((net_OpError *)err)->Source);
	assert_string_equal(s, "[::1%lo]:7");
	free(s);
	assert_string_equal(net_Addr_Network(((net_OpError *)err)->Addr), "tcp");
	go_error_release(err);
}

// A user's own Addr implementation (Go's pipeAddr, say) works in an OpError.
typedef struct pipeAddr {
	net_Addr addr;
	char name[16];
} pipeAddr;

static const char *
pipeAddr_Network(const net_Addr *a)
{
	(void)a;
	return "pipe";
}

static char *
pipeAddr_String(const net_Addr *a)
{
	return strdup(((const pipeAddr *)a)->name);
}

static net_Addr *
pipeAddr_clone(const net_Addr *a)
{
	pipeAddr *c = malloc(sizeof(*c));

	*c = *(const pipeAddr *)a;
	return &c->addr;
}

static void
pipeAddr_free(net_Addr *a)
{
	free(a);
}

static const net_Addr_methods pipeAddr_methods = {
	.type = "net.pipeAddr",
	.Network = pipeAddr_Network,
	.String = pipeAddr_String,
	.clone = pipeAddr_clone,
	.free = pipeAddr_free,
};

static void
TestUserAddr(void **state)
{
	pipeAddr p = {.addr = {&pipeAddr_methods}, .name = "pipe"};
	net_Addr *c;
	go_error *err;
	char *s;

	(void)state;
	err = net_newOpError("write", net_Addr_Network(&p.addr), &p.addr, &p.addr, net_errTimeout);
	assert_error_text(err, "write pipe pipe->pipe: i/o timeout");
	go_error_release(err);
	c = net_Addr_clone(&p.addr);
	s = net_Addr_String(c);
	assert_string_equal(s, "pipe");
	free(s);
	net_Addr_free(c);
	// nil Addr
	assert_null(net_Addr_clone(NULL));
	net_Addr_free(NULL);
	s = net_Addr_String(NULL);
	assert_string_equal(s, "<nil>");
	free(s);
	assert_string_equal(net_Addr_Network(NULL), "");
}

// C only: an address made without NET_TCPADDR has no method table; using it
// as an Addr is a fatal error, not a crash.
static void
TestAddrWithoutMethods(void **state)
{
	net_TCPAddr a = {.IP = {0}, .Port = 1};

	(void)state;
	expect_assert_failure(net_Addr_Network(&a.addr));
}

static void
TestAddrString(void **state)
{
	net_TCPAddr a = NET_TCPADDR(.IP = net_IPv4(192, 0, 2, 1), .Port = 80);
	net_IPAddr ia = NET_IPADDR(.IP = net_ParseIP("fe80::1"), .Zone = "eth0");
	char *s;

	(void)state;
	s = net_TCPAddr_String(&a);
	assert_string_equal(s, "192.0.2.1:80");
	free(s);
	s = net_TCPAddr_String(NULL);
	assert_string_equal(s, "<nil>");
	free(s);
	s = net_IPAddr_String(&ia);
	assert_string_equal(s, "fe80::1%eth0");
	free(s);
	s = net_IPAddr_String(NULL);
	assert_string_equal(s, "<nil>");
	free(s);
	assert_string_equal(net_TCPAddr_Network(NULL), "tcp");
	assert_string_equal(net_IPAddr_Network(&ia), "ip");
	assert_string_equal(net_Addr_Network(&a.addr), "tcp");
	assert_string_equal(net_Addr_Network(&ia.addr), "ip");

	assert_false(net_TCPAddr_isWildcard(&a));
	assert_true(net_TCPAddr_isWildcard(NULL));
	a.IP = net_IPv4zero;
	assert_true(net_TCPAddr_isWildcard(&a));
	a.IP = (net_IP){0};
	assert_true(net_TCPAddr_isWildcard(&a));
	assert_false(net_IPAddr_isWildcard(&ia));
	assert_true(net_IPAddr_isWildcard(NULL));
	assert_null(net_TCPAddr_opAddr(NULL));
	assert_ptr_equal(net_TCPAddr_opAddr(&a), &a.addr);
	assert_null(net_IPAddr_opAddr(NULL));
	assert_ptr_equal(net_IPAddr_opAddr(&ia), &ia.addr);

	assert_false(net_ipv4only(&ia));
	assert_true(net_ipv6only(&ia));
	ia.IP = net_IPv4(127, 0, 0, 1);
	assert_true(net_ipv4only(&ia));
	assert_false(net_ipv6only(&ia));

	assert_true(net_copyZone(a.Zone, net_str("eth0")));
	assert_string_equal(a.Zone, "eth0");
	assert_false(net_copyZone(a.Zone, net_str("0123456789012345678901234567890123")));
	assert_string_equal(a.Zone, "eth0");
}

static void
TestErrorTypes(void **state)
{
	const struct {
		go_error *err;
		const char *want;
		bool timeout, temporary;
	} tests[] = {
		{net_newParseError("IP address", "1.2.3"), "invalid IP address: 1.2.3", false,
		 false},
		{net_newAddrError("missing port in address", "golang.org"),
		 "address golang.org: missing port in address", false, false},
		{net_newAddrError("unknown port", ""), "unknown port", false, false},
		{net_newUnknownNetworkError("tcp7"), "unknown network tcp7", false, false},
		{net_newInvalidAddrError("bad"), "bad", false, false},
		{net_newDNSConfigError(syscall_ENOENT),
		 "error reading DNS config: no such file or directory", false, false},
		{net_newDNSError("no such host", "golang.invalid", "127.0.0.53:53", true, false,
				 false),
		 "lookup golang.invalid on 127.0.0.53:53: no such host", true, true},
		{net_newDNSError("server misbehaving", "n", NULL, false, true, false),
		 "lookup n: server misbehaving", false, true},
		{net_errNoSuitableAddress, "no suitable address found", false, false},
		{net_errMissingAddress, "missing address", false, false},
		{net_errCanceled, "operation was canceled", false, false},
		{net_ErrWriteToConnected, "use of WriteTo with pre-connected connection", false,
		 false},
		{net_errTimeout, "i/o timeout", true, true},
		{net_errNoSuchHost, "no such host", false, false},
	};
	go_error *err;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		assert_error_text(tests[i].err, tests[i].want);
		assert_int_equal(go_error_Timeout(tests[i].err), tests[i].timeout);
		assert_int_equal(go_error_Temporary(tests[i].err), tests[i].temporary);
		go_error_release(tests[i].err);
	}
	err = net_newDNSError("no such host", "h", "", false, false, true);
	assert_true(((net_DNSError *)err)->IsNotFound);
	go_error_release(err);
	err = net_newDNSConfigError(syscall_ENOENT);
	assert_true(errors_Is(err, syscall_ENOENT));
	go_error_release(err);
}

/* Go: net/error_posix.go wrapSyscallError, net/error_unix.go isConnError */
static void
TestWrapSyscallError(void **state)
{
	go_error *err, *x = errors_New("x");

	(void)state;
	err = net_wrapSyscallError("setsockopt", syscall_ENOPROTOOPT);
	assert_ptr_equal(err->m, &os_SyscallError_methods);
	assert_error_text(err, "setsockopt: protocol not available");
	go_error_release(err);
	assert_ptr_equal(net_wrapSyscallError("setsockopt", x), x);
	assert_null(net_wrapSyscallError("setsockopt", NULL));
	go_error_release(x);

	assert_true(net_isConnError(syscall_ECONNRESET));
	assert_true(net_isConnError(syscall_ECONNABORTED));
	assert_false(net_isConnError(syscall_EPIPE));
	assert_false(net_isConnError(net_errTimeout));
	assert_false(net_isConnError(NULL));
}

// One test per line: tests/CMakeLists.txt registers them line by line.
// clang-format off
static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestOpErrorString),
	cmocka_unit_test(TestOpErrorTimeoutTemporary),
	cmocka_unit_test(TestOpErrorUnwrap),
	cmocka_unit_test(TestOpErrorOwnsAddrs),
	cmocka_unit_test(TestUserAddr),
	cmocka_unit_test(TestAddrWithoutMethods),
	cmocka_unit_test(TestAddrString),
	cmocka_unit_test(TestErrorTypes),
	cmocka_unit_test(TestWrapSyscallError),
};
// clang-format on

GONET_TEST_MAIN(tests)

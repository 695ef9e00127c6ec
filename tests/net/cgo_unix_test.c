// C port of the address tests of go1.19 src/net/cgo_unix_test.go
// (TestCgoLookupIP, TestCgoLookupIPWithCancel): getaddrinfo for
// "localhost", which the system answers from its hosts file.
#include "testmain.h"

#include <stdlib.h>

#include "context/context.h"
#include "gotest.h"
#include "net/lookup.h"

/* Go: net/cgo_unix_test.go TestCgoLookupIP */
GO_TEST(TestCgoLookupIP)
{
	net_IPAddr *addrs;
	size_t n;
	go_error *err;

	err = net_cgoLookupIP(context_Background(), "ip", "localhost", &addrs, &n);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	assert_true(n > 0);
	free(addrs);
	sync_WaitGroup_Wait(&net_dnsWaitGroup); // C: defer dnsWaitGroup.Wait()
}

/* Go: net/cgo_unix_test.go TestCgoLookupIPWithCancel */
GO_TEST(TestCgoLookupIPWithCancel)
{
	context_CancelFunc cancel;
	context_Context *ctx = context_WithCancel(context_Background(), &cancel);
	net_IPAddr *addrs;
	size_t n;
	go_error *err;

	err = net_cgoLookupIP(ctx, "ip", "localhost", &addrs, &n);
	if (err != NULL)
		fail_msg("%s", go_error_Error(err));
	free(addrs);
	context_CancelFunc_Call(cancel); // C: defer cancel()
	context_Release(ctx);
	sync_WaitGroup_Wait(&net_dnsWaitGroup); // C: defer dnsWaitGroup.Wait()
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestCgoLookupIP),
	cmocka_unit_test(TestCgoLookupIPWithCancel),
};

GONET_TEST_MAIN(tests)

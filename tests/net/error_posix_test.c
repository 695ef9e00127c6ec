// C port of go1.19 src/net/error_posix_test.go: TestSpuriousENOTAVAIL.
#include "testmain.h"

#include "errors/errors.h"
#include "net/net_impl.h"
#include "os/error.h"
#include "syscall/syscall.h"

static void
TestSpuriousENOTAVAIL(void **state)
{
	struct {
		go_error *error;
		bool ok;
	} tests[] = {
		{syscall_EADDRNOTAVAIL, true},
		{os_NewSyscallError("syscall", syscall_EADDRNOTAVAIL), true},
		{net_newOpError("op", "", NULL, NULL, syscall_EADDRNOTAVAIL), true},
		{net_newOpError("op", "", NULL, NULL,
				os_NewSyscallError("syscall", syscall_EADDRNOTAVAIL)),
		 true},

		{syscall_EINVAL, false},
		{os_NewSyscallError("syscall", syscall_EINVAL), false},
		{net_newOpError("op", "", NULL, NULL, syscall_EINVAL), false},
		{net_newOpError("op", "", NULL, NULL,
				os_NewSyscallError("syscall", syscall_EINVAL)),
		 false},
	};
	int failures = 0;

	(void)state;
	for (size_t i = 0; i < nelem(tests); i++) {
		bool ok = net_spuriousENOTAVAIL(tests[i].error);

		if (ok != tests[i].ok) {
			print_error("spuriousENOTAVAIL(%s) = %d; want %d\n",
				    go_error_Error(tests[i].error), ok, tests[i].ok);
			failures++;
		}
		go_error_release(tests[i].error);
	}
	assert_int_equal(failures, 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestSpuriousENOTAVAIL),
};

GONET_TEST_MAIN(tests)

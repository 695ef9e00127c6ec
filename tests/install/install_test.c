#include "gotest.h"

#include "time/time.h"

GO_TEST(TestInstall)
{
	time_Sleep(time_Millisecond);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(TestInstall),
};

GONET_TEST_MAIN(tests)

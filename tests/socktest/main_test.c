// C port of go1.19 src/net/internal/socktest/main_test.go and
// main_unix_test.go: the package's own tests, with their switch and their
// two hook variables. C: they use neither net's hooks nor
// tests/socktest_install.c, as Go's socktest_test package does not.
#include "testmain.h"

#include <pthread.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "socktest/socktest.h"
#include "socktest_leak.h"

// Go: main_test.go sw. C: static, distinct from the helpers' sw.
static socktest_Switch sw = SOCKTEST_SWITCH_INIT;

// Go: main_unix_test.go socketFunc, closeFunc.
static go_error *(*socketFunc)(int family, int sotype, int proto, int *s);
static go_error *(*closeFunc)(int s);

// The method values sw.Socket and sw.Close.
static go_error *
swSocket(int family, int sotype, int proto, int *s)
{
	return socktest_Switch_Socket(&sw, family, sotype, proto, s);
}

static go_error *
swClose(int s)
{
	return socktest_Switch_Close(&sw, s);
}

/* Go: net/internal/socktest/main_unix_test.go installTestHooks */
static void
installTestHooks(void)
{
	socketFunc = swSocket;
	closeFunc = swClose;
}

/* Go: net/internal/socktest/main_unix_test.go uninstallTestHooks */
static void
uninstallTestHooks(void)
{
	socketFunc = syscall_Socket;
	closeFunc = syscall_Close;
}

static int socketsAtStart;

/* Go: net/internal/socktest/main_test.go TestMain, before m.Run */
static int
setup(void **state)
{
	(void)state;
	socketsAtStart = testOpenSockets();
	installTestHooks();
	return 0;
}

/* Go: net/internal/socktest/main_test.go TestMain, after m.Run */
// C: ctest runs each test in a process of its own, so this runs after each
// test. It ends with the leak check every test here ends with: once the
// switch's sockets are closed, no socket of this process is left open.
static int
teardown(void **state)
{
	socktest_Sockets tab = socktest_Switch_Sockets(&sw);

	(void)state;
	for (size_t i = 0; i < tab.len; i++)
		go_error_release(closeFunc(tab.v[i].s));
	socktest_Sockets_free(&tab);
	uninstallTestHooks();
	assert_int_equal(socktest_Switch_numSockets(&sw), 0);
	assert_int_equal(testOpenSockets(), socketsAtStart);
	socktest_Switch_destroy(&sw);
	return 0;
}

// One goroutine of TestSwitch.
static void *
switchWorker(void *arg)
{
	static const int families[] = {AF_INET, AF_INET6};
	int s;

	(void)arg;
	for (size_t i = 0; i < nelem(families); i++)
		go_error_release(socketFunc(families[i], SOCK_STREAM, IPPROTO_TCP, &s));
	return NULL;
}

/* Go: net/internal/socktest/main_test.go TestSwitch */
static void
TestSwitch(void **state)
{
	enum { N = 10 };
	pthread_t th[N];

	(void)state;
	for (int i = 0; i < N; i++)
		assert_int_equal(pthread_create(&th[i], NULL, switchWorker, NULL), 0);
	for (int i = 0; i < N; i++)
		pthread_join(th[i], NULL); // C: wg.Wait()
}

static go_error *
nopFilter(socktest_Status *st, socktest_AfterFilter *af)
{
	(void)st;
	(void)af;
	return NULL;
}

/* Go: net/internal/socktest/main_test.go TestSocket */
static void
TestSocket(void **state)
{
	static const socktest_Filter filters[] = {nopFilter, NULL};
	static const int families[] = {AF_INET, AF_INET6};
	int s;

	(void)state;
	for (size_t i = 0; i < nelem(filters); i++) {
		socktest_Switch_Set(&sw, socktest_FilterSocket, filters[i]);
		for (size_t j = 0; j < nelem(families); j++)
			go_error_release(socketFunc(families[j], SOCK_STREAM, IPPROTO_TCP, &s));
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(TestSwitch, setup, teardown),
	cmocka_unit_test_setup_teardown(TestSocket, setup, teardown),
};

GONET_TEST_MAIN(tests)

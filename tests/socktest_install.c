// C port of go1.19 src/net/main_unix_test.go and main_cloexec_test.go: see
// socktest_install.h.
#include "socktest_install.h"

#include "hooks/hooks.h"

socktest_Switch sw = SOCKTEST_SWITCH_INIT;

// Go keeps the hooks' values at package initialization; in C these are the
// same values, the wrappers hooks/ starts with.
static go_error *(*const origSocket)(int, int, int, int *) = syscall_Socket;
static go_error *(*const origClose)(int) = syscall_Close;
static go_error *(*const origConnect)(int, const syscall_Sockaddr *) = syscall_Connect;
static go_error *(*const origListen)(int, int) = syscall_Listen;
static go_error *(*const origAccept)(int, int *, syscall_Sockaddr *) = syscall_Accept;
static go_error *(*const origAccept4)(int, int, int *, syscall_Sockaddr *) = syscall_Accept4;
static go_error *(*const origGetsockoptInt)(int, int, int, int *) = syscall_GetsockoptInt;

// The method values sw.Socket, sw.Close ... of Go's installTestHooks.
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

static go_error *
swConnect(int s, const syscall_Sockaddr *sa)
{
	return socktest_Switch_Connect(&sw, s, sa);
}

static go_error *
swListen(int s, int backlog)
{
	return socktest_Switch_Listen(&sw, s, backlog);
}

static go_error *
swAccept(int s, int *ns, syscall_Sockaddr *sa)
{
	return socktest_Switch_Accept(&sw, s, ns, sa);
}

static go_error *
swAccept4(int s, int flags, int *ns, syscall_Sockaddr *sa)
{
	return socktest_Switch_Accept4(&sw, s, flags, ns, sa);
}

static go_error *
swGetsockoptInt(int s, int level, int opt, int *v)
{
	return socktest_Switch_GetsockoptInt(&sw, s, level, opt, v);
}

/* Go: net/main_unix_test.go installTestHooks */
void
installTestHooks(void)
{
	net_socketFunc = swSocket;
	poll_CloseFunc = swClose;
	net_connectFunc = swConnect;
	net_listenFunc = swListen;
	poll_AcceptFunc = swAccept;
	net_getsockoptIntFunc = swGetsockoptInt;

	poll_Accept4Func = swAccept4; // Go: main_cloexec_test.go installAccept4TestHook
}

/* Go: net/main_unix_test.go uninstallTestHooks */
void
uninstallTestHooks(void)
{
	net_socketFunc = origSocket;
	poll_CloseFunc = origClose;
	net_connectFunc = origConnect;
	net_listenFunc = origListen;
	poll_AcceptFunc = origAccept;
	net_getsockoptIntFunc = origGetsockoptInt;

	poll_Accept4Func = origAccept4; // Go: main_cloexec_test.go uninstallAccept4TestHook
}

/* Go: net/main_unix_test.go forceCloseSockets */
void
forceCloseSockets(void)
{
	socktest_Sockets tab = socktest_Switch_Sockets(&sw);

	for (size_t i = 0; i < tab.len; i++)
		go_error_release(poll_CloseFunc(tab.v[i].s)); // C: Go ignores the result too
	socktest_Sockets_free(&tab);
}

int
socktestSetup(void **state)
{
	(void)state;
	installTestHooks();
	return 0;
}

int
socktestTeardown(void **state)
{
	(void)state;
	forceCloseSockets();
	uninstallTestHooks();
	socktest_Switch_destroy(&sw);
	return 0;
}

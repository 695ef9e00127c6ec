// C port of go1.19 src/net/main_unix_test.go and main_cloexec_test.go (and
// the switch `sw` of main_test.go): the test helpers that route net's and
// internal/poll's socket system calls through a socktest.Switch.
#ifndef GONET_TESTS_SOCKTEST_INSTALL_H
#define GONET_TESTS_SOCKTEST_INSTALL_H

#include "socktest/socktest.h"
#include "socktest_leak.h"

// Go: net/main_test.go sw. The switch the hooks point at once installed.
extern socktest_Switch sw;

// Go: net/main_unix_test.go installTestHooks (with main_cloexec_test.go's
// installAccept4TestHook folded in). Points net_socketFunc, poll_CloseFunc,
// net_connectFunc, net_listenFunc, poll_AcceptFunc, poll_Accept4Func and
// net_getsockoptIntFunc at thunks over sw. Call it while no other thread
// runs (hooks/hooks.h).
void installTestHooks(void);

// Go: net/main_unix_test.go uninstallTestHooks: the hooks get back the
// values they had at start-up (the syscall wrappers).
void uninstallTestHooks(void);

// Go: net/main_unix_test.go forceCloseSockets: closes, through
// poll_CloseFunc, every socket sw still knows.
void forceCloseSockets(void);

// The net tests' cmocka fixture: socktestSetup installs the hooks;
// socktestTeardown closes what a failed test left, puts the hooks back and
// empties the switch. The tests assert the leaks themselves.
int socktestSetup(void **state);
int socktestTeardown(void **state);

#endif

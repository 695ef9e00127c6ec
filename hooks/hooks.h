// C port of go1.19 src/net/hook.go, src/net/hook_unix.go,
// src/internal/poll/hook_unix.go and src/internal/poll/hook_cloexec.go: the
// package variables through which net and internal/poll make their socket
// system calls, and the net test hooks.
//
// Who may set them: tests only (net's own suites and their helpers, such as
// tests/socktest_install.c, which points the syscall variables at a
// socktest.Switch), and only while no other thread or goroutine runs: before
// the goroutines of a test start and after they have all finished. Nobody
// guards these variables, exactly as in Go; library code only reads them.
//
// Library code never calls a socket system call directly: it calls these
// variables (net_socketFunc, poll_CloseFunc ...), so that a test can observe
// and fail every call.
#ifndef GONET_HOOKS_HOOKS_H
#define GONET_HOOKS_HOOKS_H

#include <stddef.h>

#include "errors/errors.h"
#include "syscall/syscall.h"
#include "time/time.h"

// Opaque here; defined by their own packages (context/, net/).
typedef struct context_Context context_Context;
typedef struct net_TCPAddr net_TCPAddr;
typedef struct net_TCPConn net_TCPConn;
typedef struct net_IPAddr net_IPAddr;

// ---- package net (net/hook.go) ----

// Go: net/hook.go testHookDialTCP. When non-NULL, it stands in for dialTCP:
// it receives dialTCP's arguments (borrowed) and returns dialTCP's results,
// *c owned by the caller when the error is nil. NULL by default.
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern go_error *(*net_testHookDialTCP)(context_Context *ctx, const char *net,
					const net_TCPAddr *laddr, const net_TCPAddr *raddr,
					net_TCPConn **c);

// Go: net/hook.go testHookHostsPath. The hosts file that net reads;
// "/etc/hosts" by default. A test may point it at a file of its own.
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern const char *net_testHookHostsPath;

// Go's func(ctx context.Context, network, host string) ([]IPAddr, error)
// as a C closure: fn is called with env as its first argument. env is what
// Go's closure captures (the *Resolver of the method value r.lookupIP).
//
// Results: on success *addrs is a malloc'd array of *naddrs net_IPAddr,
// owned by the caller, who releases each element as net/ documents for
// net_IPAddr and then the array with free(). On error *addrs is NULL and
// *naddrs 0 (a nil slice), and the caller owns the error.
typedef struct net_lookupIPFunc {
	go_error *(*fn)(void *env, context_Context *ctx, const char *network, const char *host,
			net_IPAddr **addrs, size_t *naddrs);
	void *env;
} net_lookupIPFunc;

// Go: net/hook.go testHookLookupIP. Every IP lookup of a Resolver goes
// through it with the resolver's own lookup function as fn. The default
// returns fn(ctx, network, host) unchanged. A replacement must leave *addrs
// and *naddrs as described for net_lookupIPFunc; if it discards a result of
// fn, it releases it (the array and its elements, or the error).
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern go_error *(*net_testHookLookupIP)(context_Context *ctx, net_lookupIPFunc fn,
					 const char *network, const char *host, net_IPAddr **addrs,
					 size_t *naddrs);

// Go: net/hook.go testHookSetKeepAlive. Called by the Dialer with the
// keep-alive period it sets on a new TCP connection; does nothing by default.
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern void (*net_testHookSetKeepAlive)(time_Duration d);

// ---- package net, Unix (net/hook_unix.go) ----

// Go: net/hook_unix.go testHookDialChannel. Called by the dialer where Go's
// issue 5349 needed a yield; does nothing by default.
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern void (*net_testHookDialChannel)(void);
// Go: net/hook_unix.go testHookCanceledDial. Called by netFD.connect when a
// dial is canceled (Go's issue 16523); does nothing by default.
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern void (*net_testHookCanceledDial)(void);

// Go: net/hook_unix.go socketFunc, connectFunc, listenFunc,
// getsockoptIntFunc. Default: syscall_Socket, syscall_Connect,
// syscall_Listen, syscall_GetsockoptInt. Results as those functions return
// them (a static errno error or NULL; a replacement may return heap errors,
// which the caller releases).
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern go_error *(*net_socketFunc)(int family, int sotype, int proto, int *s);
extern go_error *(*net_connectFunc)(int s, const syscall_Sockaddr *sa);
extern go_error *(*net_listenFunc)(int s, int backlog);
extern go_error *(*net_getsockoptIntFunc)(int s, int level, int opt, int *v);

// ---- package internal/poll (internal/poll/hook_unix.go, hook_cloexec.go) ----

// Go: internal/poll/hook_unix.go CloseFunc and AcceptFunc. Default:
// syscall_Close and syscall_Accept.
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern go_error *(*poll_CloseFunc)(int fd);
extern go_error *(*poll_AcceptFunc)(int s, int *ns, syscall_Sockaddr *sa);

// Go: internal/poll/hook_cloexec.go Accept4Func. Default: syscall_Accept4.
// Set by: tests only, while no other thread or goroutine runs; unguarded.
extern go_error *(*poll_Accept4Func)(int s, int flags, int *ns, syscall_Sockaddr *sa);

#endif

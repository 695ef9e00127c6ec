// C port of go1.19 src/vendor/golang.org/x/net/nettest/conntest.go: the
// conformance suite any net.Conn implementation can be run through
// (TestConn and its subtests BasicIO, PingPong, RacyRead, RacyWrite,
// ReadTimeout, WriteTimeout, PastTimeout, PresentTimeout, FutureTimeout,
// CloseTimeout, ConcurrentMethods). Part of gonet_testutil, like
// mockserver.h.
//
// C: how it maps Go's testing.T onto cmocka.
//  - Each subtest runs on a fresh pair from the MakePipe, in Go's order
//    (Go 1.19's suite never swaps c1 and c2, so neither does this one).
//  - Goroutines never call cmocka: every t.Error is recorded in the
//    subtest's log. Once every goroutine of a subtest has finished and
//    stop has run, the log is printed on stderr. As Go's t.Run does, a
//    failed subtest does not keep the others from running; once all have
//    run, nettest_TestConn calls fail_msg (on the main goroutine) naming
//    those that failed.
//  - Go leaves some goroutines running when a subtest returns (the
//    background `go chunkedCopy(...)`), to die when stop closes the pair.
//    Here the pair is closed first (net_Conn_Close, which conn.h allows
//    any number of times), those goroutines are waited for, and only then
//    does stop close and free everything.
//  - Go's one-minute watchdog closes the pair (it cannot free it while the
//    subtest still runs) and records "test timed out; terminating pipe".
#ifndef GONET_TESTS_NET_CONNTEST_H
#define GONET_TESTS_NET_CONNTEST_H

#include "errors/errors.h"
#include "net/conn.h"

// Go: nettest.MakePipe. Makes two connected Conns. *stop(*stoparg) tears
// everything down: closes and frees c1, c2 and whatever else was made
// (listeners ...). Called from a goroutine.
typedef go_error *(*nettest_MakePipe)(void *env, net_Conn **c1, net_Conn **c2,
				      void (**stop)(void *stoparg), void **stoparg);

// Go: nettest.TestConn(t, mp): runs every subtest in Go's order, each on a
// fresh pair (and on the reversed pair where Go does so), calling stop after
// each. Call from the test's main goroutine (inside GO_TEST); a failure
// calls cmocka's fail_msg there, after every goroutine the subtest started
// has finished (goroutines record their errors, they never call cmocka).
void nettest_TestConn(nettest_MakePipe mp, void *env);

#endif

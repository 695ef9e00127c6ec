// Channels and select: the C API of go1.19 src/runtime/chan.go and
// src/runtime/select.go (what the Go compiler emits for `make(chan T, n)`,
// `c <- v`, `<-c`, `v, ok := <-c`, `close(c)`, `len(c)`, `cap(c)` and
// `select`).
//
// A channel carries fixed-size elements that are copied in and out with
// memcpy: `runtime_chansend1(c, &v)` copies elemsize bytes from &v, a
// receive copies elemsize bytes into the buffer it is given (or drops the
// value when that buffer is NULL). Element size 0 is Go's `chan struct{}`.
//
// Every blocking operation parks the calling goroutine: call them from
// goroutines (inside go_main). The non-blocking forms (selectnbsend,
// selectnbrecv, a select with block == false) never park.
//
// Misuse stops the program with Go's panic text: "send on closed channel",
// "close of closed channel", "close of nil channel",
// "makechan: size out of range". An operation on a nil channel blocks
// forever, as in Go (the deadlock detector reports it if nothing else runs).
//
// Memory (C has no GC): runtime_makechan allocates, runtime_chanfree
// releases. chanfree is legal only once every goroutine that used the
// channel has returned from the call it made on it (send, receive, close,
// select, len, cap) and none will use it again. Being woken is not enough:
// a goroutine woken from a select re-locks every channel of that select
// before it returns, so "the receiver got my value" does not mean "the
// sender is done with the channel". Freeing a channel that still has a
// blocked goroutine is a fatal error.
#ifndef GONET_RUNTIME_CHAN_H
#define GONET_RUNTIME_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime_netpoll/runtime2.h"

// Go: runtime/chan.go waitq: a FIFO of sudogs. first is also read without
// the channel lock (full/empty), so it is written with relaxed atomics.
typedef struct runtime_waitq {
	_Atomic(runtime_sudog *) first;
	runtime_sudog *last;
} runtime_waitq;

// Go: runtime/chan.go hchan. Private to chan.c and select.c; defined here
// so that other packages can embed a channel in a larger object
// (runtime_chaninit). Fields marked atomic are read without the lock by the
// non-blocking fast paths and len(); they are written under lock.
struct runtime_hchan {
	_Atomic size_t qcount; // total data in the queue (atomic reads)
	size_t dataqsiz;       // size of the circular queue; constant
	void *buf;             // array of dataqsiz elements; constant
	uint16_t elemsize;     // constant
	_Atomic uint32_t closed;
	size_t sendx;        // send index, guarded by lock
	size_t recvx;        // receive index, guarded by lock
	runtime_waitq recvq; // receivers waiting, guarded by lock
	runtime_waitq sendq; // senders waiting, guarded by lock
	runtime_mutex lock;  // protects all fields above except the constants
	bool embedded;       // C: made by runtime_chaninit; chanfree refuses it
};

// Go: make(chan T, size) (runtime/chan.go makechan). elemsize is
// sizeof(T) (< 65536); size < 0 panics with "makechan: size out of range".
// Elements are aligned to alignof(max_align_t).
runtime_hchan *runtime_makechan(size_t elemsize, int size);
// C: no Go twin (GC). Frees c (NULL is allowed); see the rules above.
void runtime_chanfree(runtime_hchan *c);
// C: no Go twin. Initializes a channel that lives inside another object
// (time.Timer's C): buf holds size elements of elemsize bytes and, like c,
// belongs to that object, which frees both; runtime_chanfree refuses c.
void runtime_chaninit(runtime_hchan *c, size_t elemsize, int size, void *buf);

// Go: c <- *elem (runtime/chan.go chansend1).
void runtime_chansend1(runtime_hchan *c, const void *elem);
// Go: *elem = <-c (chanrecv1); elem may be NULL (`<-c`).
void runtime_chanrecv1(runtime_hchan *c, void *elem);
// Go: *elem, ok = <-c (chanrecv2). Returns ok: false when c is closed and
// empty (then *elem is zeroed).
bool runtime_chanrecv2(runtime_hchan *c, void *elem);
// Go: close(c) (closechan).
void runtime_closechan(runtime_hchan *c);
// Go: select { case c <- *elem: return true; default: return false }
// (selectnbsend).
bool runtime_selectnbsend(runtime_hchan *c, const void *elem);
// Go: select { case *elem, *received = <-c: return true; default: ... }
// (selectnbrecv): returns selected; *received (may be NULL) is ok.
bool runtime_selectnbrecv(void *elem, runtime_hchan *c, bool *received);
// Go: len(c), cap(c) (reflect_chanlen, reflect_chancap); 0 for nil.
int runtime_chanlen(runtime_hchan *c);
int runtime_chancap(runtime_hchan *c);

// --- select (runtime/select.go) ---------------------------------------------

// Go: runtime/select.go scase, what the compiler lays out for each case.
typedef struct runtime_scase {
	runtime_hchan *c; // chan (nil: the case is never chosen)
	void *elem;       // data element (send: source; receive: dest or NULL)
} runtime_scase;

// Go: runtime/select.go selectgo. cas0 holds nsends send cases followed by
// nrecvs receive cases; order0 is scratch space of 2*(nsends+nrecvs)
// entries. Returns the index of the chosen case (-1: none ready and
// !block) and, for a receive, whether a value arrived (*recvOK).
int runtime_selectgo(runtime_scase *cas0, uint16_t *order0, int nsends, int nrecvs, bool block,
		     bool *recvOK);
// Go: runtime/select.go block: `select {}`, parks forever.
__attribute__((noreturn)) void runtime_block(void);

// Go: reflect.SelectDir (runtime/select.go selectDir).
typedef enum runtime_selectDir {
	runtime_selectSend = 1, // case c <- *elem
	runtime_selectRecv,     // case *elem, ok = <-c  (elem may be NULL)
	runtime_selectDefault,  // default:
} runtime_selectDir;

// Go: runtime/select.go runtimeSelect (reflect.SelectCase): the C-friendly
// form of one select case.
typedef struct runtime_selectCase {
	runtime_selectDir dir;
	runtime_hchan *c;
	void *elem;
} runtime_selectCase;

// Go: reflect.Select (runtime/select.go reflect_rselect). cases in any
// order, at most one runtime_selectDefault. Returns the index in cases of
// the chosen case; *recvOK (may be NULL) is the receive's ok. No cases at
// all blocks forever, as `select {}`.
int runtime_rselect(const runtime_selectCase *cases, int ncases, bool *recvOK);
// C: the same without a default entry: block == false behaves as if a
// default case were present and returns -1 when it is taken.
//
//	runtime_selectCase cases[] = {
//		{runtime_selectRecv, ctxDone, NULL},
//		{runtime_selectSend, results, &r},
//	};
//	switch (runtime_select(cases, 2, true, NULL)) { ... }
int runtime_select(const runtime_selectCase *cases, int ncases, bool block, bool *recvOK);

#endif

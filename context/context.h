// C port of go1.19 src/context/context.go: Context, Background, TODO,
// WithCancel, WithDeadline, WithTimeout, WithValue, Canceled,
// DeadlineExceeded.
//
// OWNERSHIP (C has no GC; these rules replace it)
//
//  1. References. Every context made by WithCancel, WithDeadline,
//     WithTimeout or WithValue starts with one reference, owned by the
//     caller. context_Release drops a reference; the last one frees the
//     context (its Done channel, its timer). context_Retain adds one for
//     another owner, e.g. a goroutine the context is handed to. Background
//     and TODO are static: Retain and Release do nothing.
//  2. Parents. A context holds a reference to its parent, so a parent may
//     be released before its children: it lives until the last child is
//     gone. Releasing never cancels anything.
//  3. Cancel functions. As in Go, the CancelFunc returned by WithCancel,
//     WithDeadline and WithTimeout must be called (any number of times,
//     from any goroutine) while the caller still holds its reference,
//     typically just before releasing it:
//
//	context_CancelFunc cancel;
//	context_Context *ctx = context_WithTimeout(parent, time_Second, &cancel);
//	...
//	context_CancelFunc_Call(cancel); // Go: defer cancel()
//	context_Release(ctx);
//
//     A context released without cancel leaves its parent's children at
//     once, but, as in Go, a deadline timer keeps it alive until it fires,
//     and a goroutine watching a foreign parent (rule 5) until either the
//     parent or the context is done.
//  4. Reading. Deadline, Done, Err and Value may be called from any
//     goroutine, canceled or not, as long as that goroutine's owner holds a
//     reference. The Done channel and the Err error are borrowed: valid
//     until the context is freed; never free or release them. Value's
//     keys are compared by address (use the address of a static object as
//     a key) and its values are borrowed pointers the context never frees.
//  5. Your own contexts. A context_Context is a method table (Go's
//     interface) plus a reference count; a user type embeds it first, as
//     Go's tests embed Context in their own structs. With m->free set, the
//     type is reference-counted like gonet's (start ref at 1; free runs on
//     the last Release); with free == NULL it is not, and its owner must
//     keep it alive longer than every context derived from it.
//
// Every function that may block (the Mutex, Done's channel, a cancel that
// closes it) must be called from a goroutine (inside go_main).
#ifndef GONET_CONTEXT_CONTEXT_H
#define GONET_CONTEXT_CONTEXT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "errors/errors.h"
#include "runtime_netpoll/chan.h"
#include "time/time.h"

typedef struct context_Context context_Context;

// Go: the context.Context interface's methods, plus what C needs.
typedef struct context_ContextMethods {
	const char *type; // Go's dynamic type name, e.g. "*context.cancelCtx"
	// Deadline: (deadline, ok). *deadline is left alone when !ok.
	bool (*Deadline)(context_Context *c, time_Time *deadline);
	// Done: a channel of element size 0 closed when c is done, or NULL
	// (a nil channel) if c can never be canceled. Borrowed.
	runtime_hchan *(*Done)(context_Context *c);
	// Err: NULL while Done is open; then context_Canceled,
	// context_DeadlineExceeded or the parent's error. Borrowed.
	go_error *(*Err)(context_Context *c);
	// Value: the value for key, or NULL.
	void *(*Value)(context_Context *c, const void *key);
	// Optional: fmt.Stringer. Writes the name into buf (snprintf-style).
	void (*String)(context_Context *c, char *buf, size_t len);
	// Optional: called by the last context_Release (rule 5).
	void (*free)(context_Context *c);
} context_ContextMethods;

// The header of every context (Go: the interface value).
struct context_Context {
	const context_ContextMethods *m;
	_Atomic int32_t ref; // references, when m->free != NULL
};

// Go: context.Canceled ("context canceled").
extern go_error *const context_Canceled;
// Go: context.DeadlineExceeded ("context deadline exceeded"), whose
// Timeout() and Temporary() are true.
extern go_error *const context_DeadlineExceeded;

// Go: context.Background, context.TODO: never canceled, no values, no
// deadline. Static (rule 1).
context_Context *context_Background(void);
context_Context *context_TODO(void);

// Go: context.CancelFunc, the closure WithCancel and friends return.
typedef struct context_CancelFunc {
	void (*f)(context_Context *c);
	context_Context *c;
} context_CancelFunc;

// Go: cancel(). Calls the cancel function (rule 3).
void context_CancelFunc_Call(context_CancelFunc cancel);

// Go: context.WithCancel(parent) (ctx, cancel). A nil parent panics with
// "cannot create context from nil parent".
context_Context *context_WithCancel(context_Context *parent, context_CancelFunc *cancel);
// Go: context.WithDeadline(parent, d) (ctx, cancel).
context_Context *context_WithDeadline(context_Context *parent, time_Time d,
				      context_CancelFunc *cancel);
// Go: context.WithTimeout(parent, timeout): WithDeadline(parent, Now()+timeout).
context_Context *context_WithTimeout(context_Context *parent, time_Duration timeout,
				     context_CancelFunc *cancel);
// Go: context.WithValue(parent, key, val). A nil key panics with "nil key".
context_Context *context_WithValue(context_Context *parent, const void *key, void *val);

// The interface's methods (Go: ctx.Deadline() ...), dispatched through m.
bool context_Context_Deadline(context_Context *c, time_Time *deadline);
runtime_hchan *context_Context_Done(context_Context *c);
go_error *context_Context_Err(context_Context *c);
void *context_Context_Value(context_Context *c, const void *key);
// Go: fmt.Sprint(ctx): the String method, else the type name.
void context_Context_String(context_Context *c, char *buf, size_t len);

// C: reference counting (rule 1). Both accept NULL.
context_Context *context_Retain(context_Context *c);
void context_Release(context_Context *c);

#endif

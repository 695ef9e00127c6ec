// C port of go1.19 src/errors/errors.go and src/errors/wrap.go, plus the C
// form of Go's built-in `error` interface that every gonet package returns.
//
// An error is a `go_error *`; NULL is Go's nil. The first field of every error
// object is a pointer to its method table, which plays the part of Go's itab:
// it names the dynamic type (for errors_As) and holds the methods the type has
// (Error is required; Unwrap, Is, As, Timeout, Temporary are optional, as in
// Go an error may or may not implement them).
//
// Ownership (docs/ownership.md):
//  - Static errors (syscall.Errno values, io.EOF, poll.ErrNetClosing ...) have
//    no `release` method; they live forever and are compared by identity,
//    exactly as Go compares sentinel errors with ==.
//  - Heap errors (errors.New, *os.SyscallError, *net.OpError ...) start with
//    one reference, owned by whoever received the error. Drop it with
//    go_error_release(). go_error_retain() adds a reference for a second
//    owner. A wrapper takes over the reference of the error it wraps.
//  - go_error_Error() text belongs to the error: valid until it is released.
#ifndef GONET_ERRORS_ERRORS_H
#define GONET_ERRORS_ERRORS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GO_MUST_CHECK __attribute__((warn_unused_result))

typedef struct go_error go_error;
typedef struct go_error_methods go_error_methods;

struct go_error_methods {
	const char *type; // Go's dynamic type name, e.g. "*net.OpError"
	const char *(*Error)(go_error *err);
	go_error *(*Unwrap)(go_error *err); // borrowed; NULL: no Unwrap method
	bool (*Is)(go_error *err, go_error *target);
	bool (*As)(go_error *err, const go_error_methods *type, go_error **target);
	bool (*Timeout)(go_error *err);
	bool (*Temporary)(go_error *err);
	void (*free)(go_error *err); // NULL for static errors
};

struct go_error {
	const go_error_methods *m;
};

// The header of every heap-allocated error: the interface word, a reference
// count, and the Error() text once it has been built.
typedef struct go_heaperror {
	go_error err;
	_Atomic int32_t ref;
	_Atomic(char *) text; // built on first Error() call, freed with the error
} go_heaperror;

// Error(): the text, owned by err. Never NULL for a non-nil err.
const char *go_error_Error(go_error *err);
// err.(interface{ Timeout() bool }) && Timeout(); false for nil.
bool go_error_Timeout(go_error *err);
// err.(interface{ Temporary() bool }) && Temporary(); false for nil.
bool go_error_Temporary(go_error *err);

go_error *go_error_retain(go_error *err);
void go_error_release(go_error *err);

// For error types written outside this file: start a heap error with one
// reference, and cache the text that build() returns (malloc'd) on first use.
void go_heaperror_init(go_heaperror *he, const go_error_methods *m);
const char *go_heaperror_text(go_heaperror *he, char *(*build)(go_heaperror *he));

// errors.New: a new, distinct heap error. errors_Newf formats its text.
go_error *errors_New(const char *text) GO_MUST_CHECK;
go_error *errors_Newf(const char *format, ...) GO_MUST_CHECK __attribute__((format(printf, 1, 2)));

// A sentinel made with errors.New at package level: a static errorString.
typedef struct errors_errorString {
	go_error err;
	const char *s;
} errors_errorString;
extern const go_error_methods errors_staticErrorString;
#define ERRORS_STATIC(text)                                                                        \
	{                                                                                          \
		.err = {&errors_staticErrorString}, .s = (text)                                    \
	}

// errors.Unwrap, errors.Is, errors.As. errors_As stores the (borrowed) error
// of dynamic type `type` found in the chain into *target.
go_error *errors_Unwrap(go_error *err);
bool errors_Is(go_error *err, go_error *target);
bool errors_As(go_error *err, const go_error_methods *type, go_error **target);

#endif

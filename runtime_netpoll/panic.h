// C port of the parts of go1.19 src/runtime/panic.go that gonet needs before
// the scheduler: throw (a broken runtime invariant) and the panics Go raises
// on misuse (closing a closed channel, errors.As with a nil target ...).
#ifndef GONET_RUNTIME_PANIC_H
#define GONET_RUNTIME_PANIC_H

#include <stddef.h>

// Go: runtime/panic.go throw. Prints "fatal error: s" and exits with status 2.
__attribute__((noreturn)) void runtime_throw(const char *s);
// Go: runtime/panic.go gopanic with a string value. C has no recover, so a
// panic prints "panic: s" and exits with status 2, as an unrecovered Go panic.
__attribute__((noreturn)) void runtime_panicstring(const char *s);

// Called with the full message ("fatal error: ...", "panic: ...") before the
// process dies. Tests point it at cmocka's mock_assert so a death test can
// port Go's recover-based tests (TestMutexPanic). If it returns, the process
// exits. Guarded by nobody: set it before starting goroutines.
extern void (*runtime_fatalHook)(const char *kind, const char *msg);
// Prints the goroutine dump after a fatal message; set by the scheduler.
extern void (*runtime_tracebackHook)(void);

// Go: `new(T)`: zeroed memory or "fatal error: out of memory".
void *runtime_newobject(size_t size) __attribute__((malloc, returns_nonnull));

#endif

// gonet's goroutine runtime: the public entry points (Go: the `go`
// statement, package runtime's exported functions).
//
// Preemption is cooperative: a goroutine keeps its P until it blocks (a
// channel, a semaphore, a sleep, a Read that would block), calls
// runtime_Gosched, or returns. A goroutine stuck in a long blocking system
// call wrapped in runtime_entersyscall/exitsyscall loses its P to sysmon.
#ifndef GONET_RUNTIME_RUNTIME_H
#define GONET_RUNTIME_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Starts the runtime (GOMAXPROCS Ps, sysmon, the poller), runs fn(arg) as
// the main goroutine, and returns fn's return value once it returns. Other
// goroutines still running then are abandoned, as when Go's main returns;
// the runtime is stopped and may be started again.
int go_main(int (*fn)(void *), void *arg);

// Go: the `go` statement (runtime.newproc). Starts fn(arg) in a new goroutine.
void go(void (*fn)(void *), void *arg);

// Go: runtime.Gosched. Yields the P; the caller stays runnable.
void runtime_Gosched(void);
// Go: runtime.Goexit. Ends the calling goroutine (not the main one).
__attribute__((noreturn)) void runtime_Goexit(void);
// Go: runtime.GOMAXPROCS. C: the value is fixed once go_main starts; n > 0
// before go_main sets it, any n returns the current value.
int runtime_GOMAXPROCS(int n);
// Go: runtime.NumGoroutine.
int runtime_NumGoroutine(void);
// Go: runtime.Stack(buf, all). C: writes the goroutine list (one header line
// each, Go's format) into buf; returns the length written.
size_t runtime_Stack(char *buf, size_t len, bool all);
// Go: runtime.NumCPU.
int runtime_NumCPU(void);
// The current goroutine's id (Go keeps it private; the dump prints it).
int64_t runtime_goid(void);

#endif

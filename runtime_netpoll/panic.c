// C port of go1.19 src/runtime/panic.go: throw and fatal panics (the subset
// that does not need a scheduler).
#include "runtime_netpoll/panic.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void (*runtime_fatalHook)(const char *kind, const char *msg);

// C: Go prints the goroutine traces here; runtime_dumpgoroutines, once the
// scheduler exists, is reached through this hook's default.
void (*runtime_tracebackHook)(void);

static __attribute__((noreturn)) void
fatal(const char *kind, const char *s)
{
	if (runtime_fatalHook != NULL)
		runtime_fatalHook(kind, s);
	fprintf(stderr, "%s%s\n", kind, s);
	if (runtime_tracebackHook != NULL)
		runtime_tracebackHook();
	fflush(stderr);
	_exit(2);
}

/* Go: runtime/panic.go throw */
void
runtime_throw(const char *s)
{
	fatal("fatal error: ", s);
}

/* Go: runtime/panic.go gopanic */
// C: only string values, and no recover: the panic is fatal at once.
void
runtime_panicstring(const char *s)
{
	fatal("panic: ", s);
}

/* Go: runtime/malloc.go newobject */
void *
runtime_newobject(size_t size)
{
	void *p = calloc(1, size != 0 ? size : 1);

	if (p == NULL)
		runtime_throw("out of memory");
	return p;
}

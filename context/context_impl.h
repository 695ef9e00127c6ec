// package context's internals that its tests reach (Go: the tests live in
// package context and read cancelCtx fields directly).
#ifndef GONET_CONTEXT_CONTEXT_IMPL_H
#define GONET_CONTEXT_CONTEXT_IMPL_H

#include <stdatomic.h>
#include <stdint.h>

#include "context/context.h"

// Go: context.go goroutines: watching goroutines started by propagateCancel.
extern _Atomic int32_t context_goroutines;
// Go's tests: len(ctx.(*cancelCtx).children). ctx must be a cancelCtx or
// a timerCtx.
int context_numChildren(context_Context *ctx);
// Go's tests: the dynamic type, e.g. "*context.timerCtx".
const char *context_typeName(context_Context *ctx);

#endif

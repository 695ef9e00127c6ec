// C port of go1.19 src/errors/errors.go, and the methods of the C `error`
// interface (errors.h) that Go gets from the language itself.
#include "errors/errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_netpoll/panic.h"

// The interface call err.Error(). C: Go would panic on a nil error; here a
// nil error prints as "<nil>", which is what fmt prints for it.
const char *
go_error_Error(go_error *err)
{
	if (err == NULL)
		return "<nil>";
	return err->m->Error(err);
}

bool
go_error_Timeout(go_error *err)
{
	return err != NULL && err->m->Timeout != NULL && err->m->Timeout(err);
}

bool
go_error_Temporary(go_error *err)
{
	return err != NULL && err->m->Temporary != NULL && err->m->Temporary(err);
}

// C: Go's garbage collector keeps an error alive while anyone holds it; here
// every holder owns a reference.
go_error *
go_error_retain(go_error *err)
{
	if (err != NULL && err->m->free != NULL)
		atomic_fetch_add_explicit(&((go_heaperror *)err)->ref, 1, memory_order_relaxed);
	return err;
}

void
go_error_release(go_error *err)
{
	go_heaperror *he = (go_heaperror *)err;

	if (err == NULL || err->m->free == NULL)
		return;
	if (atomic_fetch_sub_explicit(&he->ref, 1, memory_order_acq_rel) != 1)
		return;
	free(atomic_load_explicit(&he->text, memory_order_acquire));
	err->m->free(err);
}

void
go_heaperror_init(go_heaperror *he, const go_error_methods *m)
{
	he->err.m = m;
	atomic_init(&he->ref, 1);
	atomic_init(&he->text, NULL);
}

// Builds the Error() text once. Two goroutines racing here both build it;
// the loser frees its copy, so the text never changes once returned.
const char *
go_heaperror_text(go_heaperror *he, char *(*build)(go_heaperror *he))
{
	char *s = atomic_load_explicit(&he->text, memory_order_acquire);
	char *expected = NULL;

	if (s != NULL)
		return s;
	s = build(he);
	if (s == NULL)
		runtime_throw("out of memory");
	if (!atomic_compare_exchange_strong_explicit(&he->text, &expected, s, memory_order_acq_rel,
						     memory_order_acquire)) {
		free(s);
		s = expected;
	}
	return s;
}

// Go's errorString; the heap form owns a copy of its text.
typedef struct errorString {
	go_heaperror he;
	char s[];
} errorString;

static const char *
errorString_Error(go_error *err)
{
	return ((errorString *)err)->s;
}

static const char *
staticErrorString_Error(go_error *err)
{
	return ((errors_errorString *)err)->s;
}

static void
errorString_free(go_error *err)
{
	free(err);
}

static const go_error_methods errorString_methods = {
	.type = "*errors.errorString",
	.Error = errorString_Error,
	.free = errorString_free,
};

// C: the same Go type as errorString_methods, for package-level sentinels
// that C allocates statically. errors_As treats the two as one type.
const go_error_methods errors_staticErrorString = {
	.type = "*errors.errorString",
	.Error = staticErrorString_Error,
};

/* Go: errors/errors.go New */
go_error *
errors_New(const char *text)
{
	size_t n = strlen(text) + 1;
	errorString *e = runtime_newobject(sizeof(*e) + n);

	go_heaperror_init(&e->he, &errorString_methods);
	memcpy(e->s, text, n);
	return &e->he.err;
}

// C: fmt.Errorf without %w, which gonet's callers never need.
go_error *
errors_Newf(const char *format, ...)
{
	va_list ap;
	char *s;
	go_error *err;

	va_start(ap, format);
	if (vasprintf(&s, format, ap) < 0)
		runtime_throw("out of memory");
	va_end(ap);
	err = errors_New(s);
	free(s);
	return err;
}

// C port of go1.19 src/errors/wrap.go: Unwrap, Is, As.
#include "errors/errors.h"

#include "runtime_netpoll/panic.h"

/* Go: errors/wrap.go Unwrap */
go_error *
errors_Unwrap(go_error *err)
{
	if (err == NULL || err->m->Unwrap == NULL)
		return NULL;
	return err->m->Unwrap(err);
}

/* Go: errors/wrap.go Is */
// C: every gonet error value is comparable (a pointer), so Go's
// isComparable test is always true.
bool
errors_Is(go_error *err, go_error *target)
{
	if (target == NULL)
		return err == target;
	for (;;) {
		if (err == target)
			return true;
		if (err->m->Is != NULL && err->m->Is(err, target))
			return true;
		if ((err = errors_Unwrap(err)) == NULL)
			return false;
	}
}

// Two method tables name the same Go type when their type strings match
// (errors.New's heap and static errorString, for one).
static bool
sameType(const go_error_methods *a, const go_error_methods *b)
{
	const char *x = a->type, *y = b->type;

	if (a == b)
		return true;
	if (x == NULL || y == NULL)
		return false;
	while (*x != '\0' && *x == *y)
		x++, y++;
	return *x == *y;
}

/* Go: errors/wrap.go As */
// C: the target type is named by its method table; the match found is
// stored, borrowed from err, in *target.
bool
errors_As(go_error *err, const go_error_methods *type, go_error **target)
{
	if (target == NULL || type == NULL)
		runtime_panicstring("errors: target cannot be nil");
	for (; err != NULL; err = errors_Unwrap(err)) {
		if (sameType(err->m, type)) {
			*target = err;
			return true;
		}
		if (err->m->As != NULL && err->m->As(err, type, target))
			return true;
	}
	return false;
}

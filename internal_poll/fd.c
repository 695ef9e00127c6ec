// C port of go1.19 src/internal/poll/fd.go: the package's error values,
// errClosing, consume and TestHookDidWritev.
#include "internal_poll/poll_impl.h"

#include <stddef.h>

/* Go: internal/poll/fd.go (errNetClosing).Error */
static const char *
errNetClosing_Error(go_error *err)
{
	(void)err;
	return "use of closed network connection";
}

/* Go: internal/poll/fd.go (errNetClosing).Timeout */
static bool
errNetClosing_Timeout(go_error *err)
{
	(void)err;
	return false;
}

/* Go: internal/poll/fd.go (errNetClosing).Temporary */
static bool
errNetClosing_Temporary(go_error *err)
{
	(void)err;
	return false;
}

const go_error_methods poll_errNetClosing_methods = {
	.type = "poll.errNetClosing",
	.Error = errNetClosing_Error,
	.Timeout = errNetClosing_Timeout,
	.Temporary = errNetClosing_Temporary,
};

static go_error errNetClosingValue = {&poll_errNetClosing_methods};
go_error *const poll_ErrNetClosing = &errNetClosingValue;

static errors_errorString errFileClosing = ERRORS_STATIC("use of closed file");
go_error *const poll_ErrFileClosing = &errFileClosing.err;

static errors_errorString errNoDeadline = ERRORS_STATIC("file type does not support deadline");
go_error *const poll_ErrNoDeadline = &errNoDeadline.err;

/* Go: internal/poll/fd.go errClosing */
go_error *
poll_errClosing(bool isFile)
{
	if (isFile)
		return poll_ErrFileClosing;
	return poll_ErrNetClosing;
}

/* Go: internal/poll/fd.go (*DeadlineExceededError).Error */
static const char *
DeadlineExceededError_Error(go_error *err)
{
	(void)err;
	return "i/o timeout";
}

/* Go: internal/poll/fd.go (*DeadlineExceededError).Timeout */
static bool
DeadlineExceededError_Timeout(go_error *err)
{
	(void)err;
	return true;
}

/* Go: internal/poll/fd.go (*DeadlineExceededError).Temporary */
static bool
DeadlineExceededError_Temporary(go_error *err)
{
	(void)err;
	return true;
}

const go_error_methods poll_DeadlineExceededError_methods = {
	.type = "*poll.DeadlineExceededError",
	.Error = DeadlineExceededError_Error,
	.Timeout = DeadlineExceededError_Timeout,
	.Temporary = DeadlineExceededError_Temporary,
};

static go_error errDeadlineExceeded = {&poll_DeadlineExceededError_methods};
go_error *const poll_ErrDeadlineExceeded = &errDeadlineExceeded;

static errors_errorString errNotPollable = ERRORS_STATIC("not pollable");
go_error *const poll_ErrNotPollable = &errNotPollable.err;

/* Go: internal/poll/fd.go consume */
void
poll_consume(struct iovec **v, size_t *nv, int64_t n)
{
	while (*nv > 0) {
		int64_t ln0 = (int64_t)(*v)[0].iov_len;
		if (ln0 > n) {
			(*v)[0].iov_base = (uint8_t *)(*v)[0].iov_base + n;
			(*v)[0].iov_len -= (size_t)n;
			return;
		}
		n -= ln0;
		(*v)[0].iov_base = NULL; // C: Go's (*v)[0] = nil
		(*v)[0].iov_len = 0;
		(*v)++;
		(*nv)--;
	}
}

static void
didWritev(int wrote)
{
	(void)wrote;
}

// Go: TestHookDidWritev; does nothing by default. Tests only, set while no
// other goroutine runs.
void (*poll_TestHookDidWritev)(int wrote) = didWritev;

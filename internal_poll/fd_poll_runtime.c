// C port of go1.19 src/internal/poll/fd_poll_runtime.go: the glue between
// an FD and the runtime poller (runtime_netpoll/netpoll.c), and the FD's
// deadlines.
#include "internal_poll/poll_impl.h"

#include <stdio.h>

#include "runtime_netpoll/netpoll.h"
#include "runtime_netpoll/panic.h"
#include "sync/sync.h"

// Go: serverInit, the Once that starts the poller on first use.
static sync_Once serverInit = SYNC_ONCE_INIT;

static void
pollServerInit(void *arg)
{
	(void)arg;
	poll_runtime_pollServerInit();
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).init */
go_error *
poll_pollDesc_init(poll_pollDesc *pd, poll_FD *fd)
{
	runtime_pollDesc *ctx;
	int errno_;

	sync_Once_Do(&serverInit, pollServerInit, NULL);
	ctx = poll_runtime_pollOpen((uintptr_t)fd->Sysfd, &errno_);
	if (errno_ != 0)
		return poll_errnoErr(errno_);
	pd->runtimeCtx = ctx;
	return NULL;
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).close */
void
poll_pollDesc_close(poll_pollDesc *pd)
{
	if (pd->runtimeCtx == NULL)
		return;
	poll_runtime_pollClose(pd->runtimeCtx);
	pd->runtimeCtx = NULL;
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).evict */
// Unblocks every goroutine waiting on the descriptor (Close).
void
poll_pollDesc_evict(poll_pollDesc *pd)
{
	if (pd->runtimeCtx == NULL)
		return;
	poll_runtime_pollUnblock(pd->runtimeCtx);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).prepare */
go_error *
poll_pollDesc_prepare(poll_pollDesc *pd, int mode, bool isFile)
{
	if (pd->runtimeCtx == NULL)
		return NULL;
	// C: a reset forgets events the drained-read shortcut relies on.
	if (mode != 'w')
		pd->drained = false;
	return poll_convertErr(poll_runtime_pollReset(pd->runtimeCtx, mode), isFile);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).prepareRead */
go_error *
poll_pollDesc_prepareRead(poll_pollDesc *pd, bool isFile)
{
	return poll_pollDesc_prepare(pd, 'r', isFile);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).prepareWrite */
go_error *
poll_pollDesc_prepareWrite(poll_pollDesc *pd, bool isFile)
{
	return poll_pollDesc_prepare(pd, 'w', isFile);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).wait */
go_error *
poll_pollDesc_wait(poll_pollDesc *pd, int mode, bool isFile)
{
	if (pd->runtimeCtx == NULL)
		return errors_New("waiting for unsupported file type");
	return poll_convertErr(poll_runtime_pollWait(pd->runtimeCtx, mode), isFile);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).waitRead */
go_error *
poll_pollDesc_waitRead(poll_pollDesc *pd, bool isFile)
{
	return poll_pollDesc_wait(pd, 'r', isFile);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).waitWrite */
go_error *
poll_pollDesc_waitWrite(poll_pollDesc *pd, bool isFile)
{
	return poll_pollDesc_wait(pd, 'w', isFile);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).waitCanceled */
void
poll_pollDesc_waitCanceled(poll_pollDesc *pd, int mode)
{
	if (pd->runtimeCtx == NULL)
		return;
	poll_runtime_pollWaitCanceled(pd->runtimeCtx, mode);
}

/* Go: internal/poll/fd_poll_runtime.go (*pollDesc).pollable */
bool
poll_pollDesc_pollable(poll_pollDesc *pd)
{
	return pd->runtimeCtx != NULL;
}

/* Go: internal/poll/fd_poll_runtime.go convertErr */
go_error *
poll_convertErr(int res, bool isFile)
{
	switch (res) {
	case runtime_pollNoError:
		return NULL;
	case runtime_pollErrClosing:
		return poll_errClosing(isFile);
	case runtime_pollErrTimeout:
		return poll_ErrDeadlineExceeded;
	case runtime_pollErrNotPollable:
		return poll_ErrNotPollable;
	}
	fprintf(stderr, "unreachable:  %d\n", res); // Go: println("unreachable: ", res)
	runtime_panicstring("unreachable");
}

/* Go: internal/poll/fd_poll_runtime.go (*FD).SetDeadline */
go_error *
poll_FD_SetDeadline(poll_FD *fd, time_Time t)
{
	return poll_setDeadlineImpl(fd, t, 'r' + 'w');
}

/* Go: internal/poll/fd_poll_runtime.go (*FD).SetReadDeadline */
go_error *
poll_FD_SetReadDeadline(poll_FD *fd, time_Time t)
{
	return poll_setDeadlineImpl(fd, t, 'r');
}

/* Go: internal/poll/fd_poll_runtime.go (*FD).SetWriteDeadline */
go_error *
poll_FD_SetWriteDeadline(poll_FD *fd, time_Time t)
{
	return poll_setDeadlineImpl(fd, t, 'w');
}

/* Go: internal/poll/fd_poll_runtime.go setDeadlineImpl */
go_error *
poll_setDeadlineImpl(poll_FD *fd, time_Time t, int mode)
{
	int64_t d = 0;
	go_error *err;

	if (!time_Time_IsZero(t)) {
		d = time_Until(t);
		if (d == 0)
			d = -1; // "now" must not read as "no deadline"
	}
	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	if (fd->pd.runtimeCtx == NULL) {
		err = poll_ErrNoDeadline;
		goto decref;
	}
	poll_runtime_pollSetDeadline(fd->pd.runtimeCtx, d, mode);
decref:
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref(), result dropped as in Go
	return err;
}

/* Go: internal/poll/fd_poll_runtime.go IsPollDescriptor */
bool
poll_IsPollDescriptor(uintptr_t fd)
{
	return poll_runtime_isPollServerDescriptor(fd);
}

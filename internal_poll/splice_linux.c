// C port of go1.19 src/internal/poll/splice_linux.go: Splice moves data
// from one socket to another through a pipe with splice(2), never copying
// it to user space; the pipes are reused through a pool.
#include "internal_poll/poll_impl.h"

#include <fcntl.h>
#include <stdlib.h>

#include "hooks/hooks.h"
#include "runtime_netpoll/panic.h"
#include "sync/sync.h"

static int splice_(int out, int in, int max, int flags, go_error **err);

/* Go: internal/poll/splice_linux.go Splice */
// Moves at most remain bytes from src to dst (both stream sockets).
// *handled: whether splice did the work (false: the caller should fall
// back to a plain copy; nothing was consumed). On error *sc names the call.
go_error *
poll_Splice(poll_FD *dst, poll_FD *src, int64_t remain, int64_t *writtenp, bool *handledp,
	    const char **sc)
{
	poll_splicePipe *p;
	go_error *err;
	int64_t written = 0;
	bool handled = false;
	int inPipe, n;

	*writtenp = 0;
	*handledp = false;
	if ((err = poll_getPipe(&p, sc)) != NULL)
		return err;
	while (err == NULL && remain > 0) {
		int max = poll_maxSpliceSize;
		if ((int64_t)max > remain)
			max = (int)remain;
		err = poll_spliceDrain(p->wfd, src, max, &inPipe);
		// EINVAL: this socket type cannot be spliced, and nothing was
		// read, so the caller may copy instead. Any other outcome
		// means splice handled it. spliceDrain never returns EAGAIN;
		// (0, nil) is EOF on src.
		handled = handled || (err != syscall_EINVAL);
		if (err != NULL || inPipe == 0)
			break;
		p->data += inPipe;

		err = poll_splicePump(dst, p->rfd, inPipe, &n);
		if (n > 0) {
			written += n;
			remain -= n;
			p->data -= n;
		}
	}
	poll_putPipe(p); // C: defer putPipe(p)
	*writtenp = written;
	if (err != NULL) {
		*handledp = handled;
		*sc = "splice";
		return err;
	}
	*handledp = true;
	*sc = "";
	return NULL;
}

/* Go: internal/poll/splice_linux.go spliceDrain */
// Moves up to max bytes from sock into the (empty) pipe. The pipe has room,
// so EAGAIN can only mean sock has nothing to read: wait for it. *n == 0
// with no error is EOF.
go_error *
poll_spliceDrain(int pipefd, poll_FD *sock, int max, int *np)
{
	go_error *err;
	int n = 0;

	if ((err = poll_FD_readLock(sock)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&sock->pd, sock->isFile)) != NULL)
		goto unlock;
	for (;;) {
		n = splice_(pipefd, sock->Sysfd, max, poll_spliceNonblock, &err);
		if (err == syscall_EINTR)
			continue;
		if (err != syscall_EAGAIN)
			break;
		if ((err = poll_pollDesc_waitRead(&sock->pd, sock->isFile)) != NULL)
			break;
	}
unlock:
	poll_FD_readUnlock(sock); // C: defer sock.readUnlock()
out:
	*np = n;
	return err;
}

/* Go: internal/poll/splice_linux.go splicePump */
// Moves the inPipe bytes the pipe holds to sock, waiting while sock is
// not writable, like the write half of io.Copy.
go_error *
poll_splicePump(poll_FD *sock, int pipefd, int inPipe, int *writtenp)
{
	go_error *err;
	int written = 0;

	if ((err = poll_FD_writeLock(sock)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareWrite(&sock->pd, sock->isFile)) != NULL)
		goto unlock;
	while (inPipe > 0) {
		int n = splice_(sock->Sysfd, pipefd, inPipe, poll_spliceNonblock, &err);
		// n == 0 without error cannot happen: Splice alone writes to
		// the pipe.
		if (n > 0) {
			inPipe -= n;
			written += n;
			continue;
		}
		if (err != syscall_EAGAIN)
			break;
		if ((err = poll_pollDesc_waitWrite(&sock->pd, sock->isFile)) != NULL)
			break;
	}
	if (inPipe == 0)
		err = NULL;
unlock:
	poll_FD_writeUnlock(sock); // C: defer sock.writeUnlock()
out:
	*writtenp = written;
	return err;
}

/* Go: internal/poll/splice_linux.go splice */
// splice(2) between a socket and a pipe, without offsets.
static int
splice_(int out, int in, int max, int flags, go_error **err)
{
	int64_t n;

	*err = syscall_Splice(in, NULL, out, NULL, (size_t)max, flags, &n);
	return (int)n;
}

// Go: splicePipePool, a sync.Pool. C: a free list under a mutex; Go's GC
// empties the pool and finalizers close the pipes, here the pool keeps at
// most maxPooledPipes and poll_drainPipePool empties it.
enum { maxPooledPipes = 16 };
static struct {
	sync_Mutex mu; // guards the fields below
	poll_splicePipe *free;
	int n;
} splicePipePool;

/* Go: internal/poll/splice_linux.go newPoolPipe */
static poll_splicePipe *
newPoolPipe(void)
{
	// A failure only sends the caller to its read/write fallback.
	return poll_newPipe();
}

/* Go: internal/poll/splice_linux.go getPipe */
go_error *
poll_getPipe(poll_splicePipe **pp, const char **sc)
{
	poll_splicePipe *p;

	sync_Mutex_Lock(&splicePipePool.mu);
	p = splicePipePool.free;
	if (p != NULL) {
		splicePipePool.free = p->next;
		splicePipePool.n--;
	}
	sync_Mutex_Unlock(&splicePipePool.mu);
	if (p == NULL)
		p = newPoolPipe();
	*pp = p;
	if (p == NULL) {
		*sc = "splice";
		return syscall_EINVAL;
	}
	p->next = NULL;
	*sc = "";
	return NULL;
}

/* Go: internal/poll/splice_linux.go putPipe */
// A pipe still holding data is destroyed instead of pooled.
void
poll_putPipe(poll_splicePipe *p)
{
	if (p->data == 0) {
		sync_Mutex_Lock(&splicePipePool.mu);
		if (splicePipePool.n < maxPooledPipes) {
			p->next = splicePipePool.free;
			splicePipePool.free = p;
			splicePipePool.n++;
			p = NULL;
		}
		sync_Mutex_Unlock(&splicePipePool.mu);
		if (p == NULL)
			return;
	}
	poll_destroyPipe(p);
}

// C: what Go's GC and the finalizers do to pooled pipes.
void
poll_drainPipePool(void)
{
	poll_splicePipe *p;

	sync_Mutex_Lock(&splicePipePool.mu);
	p = splicePipePool.free;
	splicePipePool.free = NULL;
	splicePipePool.n = 0;
	sync_Mutex_Unlock(&splicePipePool.mu);
	while (p != NULL) {
		poll_splicePipe *next = p->next;
		poll_destroyPipe(p);
		p = next;
	}
}

// Go: disableSplice: -1 not yet known, 0 splice works, 1 the kernel is too
// old (no F_GETPIPE_SZ, whose kernels lack splice's EAGAIN fix).
static _Atomic int disableSplice = -1;

/* Go: internal/poll/splice_linux.go newPipe */
poll_splicePipe *
poll_newPipe(void)
{
	poll_splicePipe *sp;
	int fds[2], d = atomic_load(&disableSplice);

	if (d == 1)
		return NULL;
	if (syscall_Pipe2(fds, O_CLOEXEC | O_NONBLOCK) != NULL)
		return NULL;

	sp = runtime_newobject(sizeof(*sp));
	sp->rfd = fds[0];
	sp->wfd = fds[1];

	if (d == -1) {
		int r;
		go_error *err = poll_fcntl(fds[0], F_GETPIPE_SZ, 0, &r);
		atomic_store(&disableSplice, err != NULL ? 1 : 0);
		if (err != NULL) {
			poll_destroyPipe(sp);
			return NULL;
		}
	}
	return sp;
}

/* Go: internal/poll/splice_linux.go destroyPipe */
// C: also frees the splicePipe (Go's GC would).
void
poll_destroyPipe(poll_splicePipe *p)
{
	go_error_release(poll_CloseFunc(p->rfd));
	go_error_release(poll_CloseFunc(p->wfd));
	free(p);
}

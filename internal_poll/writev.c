// C port of go1.19 src/internal/poll/writev.go, fd_writev_unix.go and
// iovec_unix.go: FD.Writev, which writes a list of buffers with as few
// writev(2) calls as it can (at most maxVec buffers and 1 GiB of one
// buffer per call) and consumes what was written from the list.
#include "internal_poll/poll_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "io/io.h"
#include "runtime_netpoll/panic.h"
#include "syscall/asm_linux_amd64.h"

/* Go: internal/poll/fd_writev_unix.go writev */
go_error *
poll_writev(int fd, const struct iovec *iovecs, size_t n, size_t *wrote)
{
#if GONET_TSAN
	ssize_t r;

	do
		r = writev(fd, iovecs, (int)n);
	while (r < 0 && errno == EINTR);
	*wrote = (size_t)r; // (size_t)-1 on error, Go's ^uintptr(0)
	if (r < 0)
		return syscall_Errno(errno);
	return NULL;
#else
	uintptr_t r1, e;

	// C: a raw trap, as syscall_Write (syscall/asm_linux_amd64.h).
	do
		e = syscall_RawSyscall(SYS_writev, (uintptr_t)fd, (uintptr_t)iovecs, n, &r1);
	while (e == EINTR);
	*wrote = r1; // ^uintptr(0) on error, as Go's
	return e != 0 ? syscall_Errno((int)e) : NULL;
#endif
}

// C: Go's append on fd.iovecs: room for one more iovec in the cache.
static void
growIovecs(poll_FD *fd, size_t need)
{
	size_t ncap;

	if (need <= fd->iovecsCap)
		return;
	ncap = fd->iovecsCap == 0 ? 8 : fd->iovecsCap * 2;
	if (ncap > poll_maxVec)
		ncap = poll_maxVec;
	fd->iovecs = realloc(fd->iovecs, ncap * sizeof(struct iovec));
	if (fd->iovecs == NULL)
		runtime_throw("out of memory");
	fd->iovecsCap = ncap;
}

/* Go: internal/poll/writev.go (*FD).Writev */
go_error *
poll_FD_Writev(poll_FD *fd, struct iovec **v, size_t *nv, int64_t *np)
{
	go_error *err;
	int64_t n = 0;

	if ((err = poll_FD_writeLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareWrite(&fd->pd, fd->isFile)) != NULL)
		goto unlock;

	// C: the cache is fd->iovecs, guarded by the write lock held here.
	while (*nv > 0) {
		size_t niov = 0, wrote;
		for (size_t i = 0; i < *nv; i++) {
			struct iovec *chunk = &(*v)[i];
			if (chunk->iov_len == 0)
				continue;
			growIovecs(fd, niov + 1);
			fd->iovecs[niov].iov_base = chunk->iov_base;
			niov++;
			if (fd->IsStream && chunk->iov_len > (size_t)1 << 30) {
				// The rest of this buffer goes in the next call.
				fd->iovecs[niov - 1].iov_len = (size_t)1 << 30;
				break;
			}
			fd->iovecs[niov - 1].iov_len = chunk->iov_len;
			if (niov == poll_maxVec)
				break;
		}
		if (niov == 0)
			break;

		err = poll_writev(fd->Sysfd, fd->iovecs, niov, &wrote);
		if (wrote == (size_t)-1)
			wrote = 0;
		poll_TestHookDidWritev((int)wrote);
		n += (int64_t)wrote;
		poll_consume(v, nv, (int64_t)wrote);
		// Drop the cache's pointers into the caller's buffers.
		memset(fd->iovecs, 0, niov * sizeof(struct iovec));
		if (err != NULL) {
			if (err == syscall_EINTR)
				continue;
			if (err == syscall_EAGAIN) {
				if ((err = poll_pollDesc_waitWrite(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
			break;
		}
		if (n == 0) {
			err = io_ErrUnexpectedEOF;
			break;
		}
	}
unlock:
	poll_FD_writeUnlock(fd); // C: defer fd.writeUnlock()
out:
	*np = n;
	return err;
}

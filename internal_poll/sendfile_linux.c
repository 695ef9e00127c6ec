// C port of go1.19 src/internal/poll/sendfile_linux.go.
#include "internal_poll/poll_impl.h"

/* Go: internal/poll/sendfile_linux.go SendFile */
// Copies up to remain bytes from src (a file, at its current offset) to
// dstFD, in chunks of maxSendfileSize, parking while dstFD is not writable.
go_error *
poll_SendFile(poll_FD *dstFD, int src, int64_t remain, int64_t *writtenp)
{
	go_error *err = NULL;
	int64_t written = 0;
	int dst;

	if ((err = poll_FD_writeLock(dstFD)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareWrite(&dstFD->pd, dstFD->isFile)) != NULL)
		goto unlock;

	dst = dstFD->Sysfd;
	while (remain > 0) {
		size_t max = poll_maxSendfileSize;
		ssize_t n;
		go_error *err1;
		if ((int64_t)max > remain)
			max = (size_t)remain;
		err1 = syscall_Sendfile(dst, src, NULL, max, &n);
		if (n > 0) {
			written += n;
			remain -= n;
		} else if (n == 0 && err1 == NULL) {
			break;
		}
		if (err1 == syscall_EINTR)
			continue;
		if (err1 == syscall_EAGAIN) {
			if ((err1 = poll_pollDesc_waitWrite(&dstFD->pd, dstFD->isFile)) == NULL)
				continue;
		}
		if (err1 != NULL) {
			// ENOSYS and EINVAL (descriptor types sendfile cannot
			// handle) end up here too.
			err = err1;
			break;
		}
	}
unlock:
	poll_FD_writeUnlock(dstFD); // C: defer dstFD.writeUnlock()
out:
	*writtenp = written;
	return err;
}

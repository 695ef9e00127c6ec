// C port of go1.19 src/internal/poll/copy_file_range_linux.go: in-kernel
// file-to-file copies for os.File.ReadFrom.
#include "internal_poll/poll_impl.h"

#include <errno.h>
#include <unistd.h>
#include <sys/utsname.h>

#include "runtime_netpoll/runtime_impl.h"

// Go: copyFileRangeSupported: -1 unknown, 0 no, 1 yes (atomic).
static _Atomic int32_t copyFileRangeSupported = -1;

enum { maxCopyFileRangeRound = 1 << 30 };

/* Go: internal/poll/copy_file_range_linux.go kernelVersion */
// The first two numbers of the kernel release (0, 0 if unknown).
void
poll_kernelVersion(int *major, int *minor)
{
	struct utsname uname_;
	int values[2] = {0, 0};
	int vi = 0, value = 0;

	*major = *minor = 0;
	if (uname(&uname_) < 0)
		return;
	for (const char *c = uname_.release; *c != '\0'; c++) {
		if ('0' <= *c && *c <= '9') {
			value = value * 10 + (*c - '0');
		} else {
			values[vi] = value;
			vi++;
			if (vi >= 2)
				break;
			value = 0;
		}
	}
	switch (vi) {
	case 0:
		return;
	case 1:
		*major = values[0];
		return;
	case 2:
		*major = values[0];
		*minor = values[1];
		return;
	}
}

/* Go: internal/poll/copy_file_range_linux.go copyFileRange */
static go_error *
copyFileRange(poll_FD *dst, poll_FD *src, int max, int64_t *written)
{
	go_error *err;
	ssize_t n;

	*written = 0;
	if ((err = poll_FD_writeLock(dst)) != NULL)
		return err;
	if ((err = poll_FD_readLock(src)) != NULL)
		goto unlockDst;
	for (;;) {
		// C: unix.CopyFileRange of internal/syscall/unix, a Syscall6:
		// it tells the scheduler, as the copy waits on the disk.
		bool onG = runtime_entersyscallOnG();

		n = copy_file_range(src->Sysfd, NULL, dst->Sysfd, NULL, (size_t)max, 0);
		err = n < 0 ? syscall_Errno(errno) : NULL;
		if (onG)
			runtime_exitsyscall();
		if (err != syscall_EINTR)
			break;
	}
	*written = n;
	poll_FD_readUnlock(src); // C: defer src.readUnlock()
unlockDst:
	poll_FD_writeUnlock(dst); // C: defer dst.writeUnlock()
	return err;
}

/* Go: internal/poll/copy_file_range_linux.go CopyFileRange */
// Copies up to remain bytes from src to dst in the kernel. *handled false:
// the caller must copy by itself (old kernel, file systems that cannot).
go_error *
poll_CopyFileRange(poll_FD *dst, poll_FD *src, int64_t remain, int64_t *writtenp, bool *handled)
{
	int32_t supported = atomic_load(&copyFileRangeSupported);
	int64_t written = 0;

	*writtenp = 0;
	*handled = false;
	if (supported == 0) {
		return NULL;
	} else if (supported == -1) {
		int major, minor;
		poll_kernelVersion(&major, &minor);
		if (major > 5 || (major == 5 && minor >= 3)) {
			atomic_store(&copyFileRangeSupported, 1);
		} else {
			// Before 5.3, copy_file_range misbehaves across file
			// systems.
			atomic_store(&copyFileRangeSupported, 0);
			return NULL;
		}
	}
	while (remain > 0) {
		int64_t max = remain, n;
		go_error *err;
		if (max > maxCopyFileRangeRound)
			max = maxCopyFileRangeRound;
		err = copyFileRange(dst, src, (int)max, &n);
		if (err == syscall_ENOSYS) {
			atomic_store(&copyFileRangeSupported, 0);
			return NULL;
		}
		if (err == syscall_EXDEV || err == syscall_EINVAL || err == syscall_EIO ||
		    err == syscall_EOPNOTSUPP || err == syscall_EPERM)
			return NULL;
		if (err == NULL) {
			if (n == 0) {
				// EOF at once: let the caller decide (a
				// special file may report 0 yet have data).
				if (written == 0)
					return NULL;
				*writtenp = written;
				*handled = true;
				return NULL;
			}
			remain -= n;
			written += n;
			continue;
		}
		*writtenp = written;
		*handled = true;
		return err;
	}
	*writtenp = written;
	*handled = true;
	return NULL;
}

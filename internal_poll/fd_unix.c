// C port of go1.19 src/internal/poll/fd_unix.go: the FD's life (Init,
// destroy, Close), its reads and writes, which meet EAGAIN by parking in the
// runtime poller, Accept, and the wrappers of other system calls that take
// a reference so that a concurrent Close cannot pull the descriptor away.
#include "internal_poll/poll_impl.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>

#include "hooks/hooks.h"
#include "io/io.h"
#include "runtime_netpoll/netpoll.h"
#include "runtime_netpoll/runtime_impl.h"

/* Go: internal/poll/fd_unix.go (*FD).Init */
// C: Sysfd must be set; the rest of *fd zeroed or left by an earlier Init.
go_error *
poll_FD_Init(poll_FD *fd, const char *net, bool pollable)
{
	go_error *err;

	// Only "file" matters to Go; the network types are all alike there.
	if (strcmp(net, "file") == 0)
		fd->isFile = true;
	// C: and TCP, for Read's drained-socket shortcut.
	atomic_store_explicit(&fd->shortReadDrains, strncmp(net, "tcp", 3) == 0,
			      memory_order_relaxed);
	if (!pollable) {
		atomic_store(&fd->isBlocking, 1);
		return NULL;
	}
	err = poll_pollDesc_init(&fd->pd, fd);
	if (err != NULL) {
		// Without the poller the descriptor is used in blocking mode.
		atomic_store(&fd->isBlocking, 1);
	}
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).destroy */
// Run by whoever drops the last reference to a closed FD.
go_error *
poll_FD_destroy(poll_FD *fd)
{
	go_error *err;

	// The poller must forget the descriptor before it is closed (and
	// maybe reused by another open).
	poll_pollDesc_close(&fd->pd);

	// No EINTR loop: on Linux the descriptor is gone even then, and a
	// retry could close somebody else's new descriptor.
	err = poll_CloseFunc(fd->Sysfd);

	fd->Sysfd = -1;
	// C: the writev cache goes with the descriptor (Go's GC frees it).
	free(fd->iovecs);
	fd->iovecs = NULL;
	fd->iovecsCap = 0;
	// After this, Close may return and the owner free *fd: touch nothing.
	poll_runtime_Semrelease(&fd->csema);
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Close */
// Unblocks every operation in progress; the descriptor itself is closed by
// the last reference, which Close waits for.
go_error *
poll_FD_Close(poll_FD *fd)
{
	go_error *err;

	if (!poll_fdMutex_increfAndClose(&fd->fdmu))
		return poll_errClosing(fd->isFile);

	// Wake the goroutines parked in the poller: they return the closing
	// error and drop their references.
	poll_pollDesc_evict(&fd->pd);

	// Closes the descriptor now if ours was the only reference.
	err = poll_FD_decref(fd);

	// Wait for the last reference, unless the descriptor is in blocking
	// mode, where an operation in progress may block for ever. Close
	// owns fd exclusively here, so the load needs no ordering.
	if (atomic_load_explicit(&fd->isBlocking, memory_order_relaxed) == 0)
		poll_runtime_Semacquire(&fd->csema);

	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).SetBlocking */
go_error *
poll_FD_SetBlocking(poll_FD *fd)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	// isBlocking only goes from 0 to 1; the store is atomic so that
	// concurrent calls do not race.
	atomic_store(&fd->isBlocking, 1);
	err = syscall_SetNonblock(fd->Sysfd, false);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

// C: Read's prepareRead, with gonet's shortcut. Go's Read always makes
// the system call; on a socket an echo server or a request/response peer
// has just emptied, that call only returns EAGAIN, a third of the system
// calls such a server makes. When the previous Read on a TCP stream was
// short and drained the receive queue (poll_FD_noteShortRead), nothing can
// be read until the poller reports new data, so this Read waits for that
// event first. The errors are the same as Go's: the wait reports a closed
// descriptor or an expired deadline, as prepareRead would. It must not
// reset the pollDesc: an event since the short read may be recorded there.
static go_error *
poll_FD_prepareReadDrained(poll_FD *fd)
{
	if (!fd->pd.drained)
		return poll_pollDesc_prepareRead(&fd->pd, fd->isFile);
	fd->pd.drained = false;
	return poll_pollDesc_waitRead(&fd->pd, fd->isFile);
}

// C: records that a Read got fewer bytes than it asked for on a TCP stream
// whose poller saw no urgent data, FIN or error since the reset before it:
// the receive queue is then empty (runtime_netpoll/netpoll.c
// poll_runtime_pollShortReadDrained has the argument).
static void
poll_FD_noteShortRead(poll_FD *fd)
{
	if (atomic_load_explicit(&fd->shortReadDrains, memory_order_relaxed) &&
	    poll_pollDesc_pollable(&fd->pd) && poll_runtime_pollShortReadDrained(fd->pd.runtimeCtx))
		fd->pd.drained = true;
}

/* Go: syscall/syscall_unix.go Read (Syscall's entersyscall and exitsyscall) */
// C: read(2) on a descriptor that may block; see readFunc.
static go_error *
blockingRead(int fd, uint8_t *p, size_t len, ssize_t *n)
{
	bool onG = runtime_entersyscallOnG();
	go_error *err = syscall_Read(fd, p, len, n);

	if (onG)
		runtime_exitsyscall();
	return err;
}

/* Go: syscall/syscall_unix.go Write (Syscall's entersyscall and exitsyscall) */
// C: write(2) on a descriptor that may block; see readFunc.
static go_error *
blockingWrite(int fd, const uint8_t *p, size_t len, ssize_t *n)
{
	bool onG = runtime_entersyscallOnG();
	go_error *err = syscall_Write(fd, p, len, n);

	if (onG)
		runtime_exitsyscall();
	return err;
}

/* C: no Go twin */
// The system call FD.Read and FD.Write make: Go's syscall.Read and
// syscall.Write, except on a network socket (isFile false), where they are
// recv(2) and send(2) with no flags, which Linux defines as read(2) and
// write(2) there. As socket calls they skip the file layer (fdget_pos,
// vfs_read/vfs_write, rw_verify_area): bench/ab.sh measured 1.4% less
// server CPU per message in ping-pong over 100 connections, 1.0% at a
// fixed 25 000 msgs/s over 100 and 2.5% over 1 000. Errors and their texts
// are unchanged (they name Go's operation, "read" or "write", not the
// system call); strace shows recvfrom and sendto where Go's shows read and
// write.
//
// A descriptor in blocking mode (outside the poller, or after SetBlocking)
// can wait without end: a pipe or terminal nobody writes to. Go's
// syscall.Read and Write tell the scheduler (entersyscall), so the P goes
// on to other goroutines meanwhile; gonet's raw wrappers do not (net's
// descriptors never wait), so such a descriptor gets blockingRead and
// blockingWrite, which do (TestBlockingReadLeavesP).
static poll_readFn
readFunc(const poll_FD *fd)
{
	if (atomic_load_explicit(&fd->isBlocking, memory_order_relaxed) != 0)
		return blockingRead;
	return fd->isFile ? syscall_Read : syscall_Recv;
}

static poll_writeFn
writeFunc(const poll_FD *fd)
{
	if (atomic_load_explicit(&fd->isBlocking, memory_order_relaxed) != 0)
		return blockingWrite;
	return fd->isFile ? syscall_Write : syscall_Send;
}

/* Go: internal/poll/fd_unix.go (*FD).Read */
go_error *
poll_FD_Read(poll_FD *fd, uint8_t *p, size_t len, ssize_t *np)
{
	go_error *err;
	ssize_t n = 0;

	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if (len == 0) {
		// A zero-byte read returns at once (after taking the lock):
		// read(2) would return 0, which looks like EOF.
		goto unlock;
	}
	if ((err = poll_FD_prepareReadDrained(fd)) != NULL)
		goto unlock;
	if (fd->IsStream && len > poll_maxRW)
		len = poll_maxRW;
	for (;;) {
		err = poll_ignoringEINTRIO_read(readFunc(fd), fd->Sysfd, p, len, &n);
		if (err == NULL && n > 0 && (size_t)n < len)
			poll_FD_noteShortRead(fd);
		if (err != NULL) {
			n = 0;
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, n, err);
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*np = n;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Pread */
go_error *
poll_FD_Pread(poll_FD *fd, uint8_t *p, size_t len, int64_t off, ssize_t *np)
{
	go_error *err;
	ssize_t n = 0;

	// A reference, not the read lock: pread names its offset, so it is
	// independent of other reads (and the poller has no use here).
	if ((err = poll_FD_incref(fd)) != NULL) {
		*np = 0;
		return err;
	}
	if (fd->IsStream && len > poll_maxRW)
		len = poll_maxRW;
	for (;;) {
		err = syscall_Pread(fd->Sysfd, p, len, off, &n);
		if (err != syscall_EINTR)
			break;
	}
	if (err != NULL)
		n = 0;
	go_error_release(poll_FD_decref(fd));
	*np = n;
	return poll_FD_eofError(fd, n, err);
}

/* Go: internal/poll/fd_unix.go (*FD).ReadFrom */
go_error *
poll_FD_ReadFrom(poll_FD *fd, uint8_t *p, size_t len, ssize_t *np, syscall_Sockaddr *sa)
{
	go_error *err;
	ssize_t n = 0;

	sa->len = 0;
	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = syscall_Recvfrom(fd->Sysfd, p, len, 0, &n, sa);
		if (err != NULL) {
			if (err == syscall_EINTR)
				continue;
			n = 0;
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, n, err);
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*np = n;
	return err;
}

// C: Go's unix.RecvfromInet4/6 (internal/syscall/unix): recvfrom into a
// sockaddr of one family.
static go_error *
recvfromInet(int fd, uint8_t *p, size_t len, int flags, void *from, socklen_t fromlen, ssize_t *n)
{
	syscall_Sockaddr sa;
	go_error *err = syscall_Recvfrom(fd, p, len, flags, n, &sa);

	if (err == NULL && sa.len != 0)
		memcpy(from, &sa.u, fromlen);
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).ReadFromInet4 */
go_error *
poll_FD_ReadFromInet4(poll_FD *fd, uint8_t *p, size_t len, struct sockaddr_in *from, ssize_t *np)
{
	go_error *err;
	ssize_t n = 0;

	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = recvfromInet(fd->Sysfd, p, len, 0, from, sizeof(*from), &n);
		if (err != NULL) {
			if (err == syscall_EINTR)
				continue;
			n = 0;
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, n, err);
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*np = n;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).ReadFromInet6 */
go_error *
poll_FD_ReadFromInet6(poll_FD *fd, uint8_t *p, size_t len, struct sockaddr_in6 *from, ssize_t *np)
{
	go_error *err;
	ssize_t n = 0;

	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = recvfromInet(fd->Sysfd, p, len, 0, from, sizeof(*from), &n);
		if (err != NULL) {
			if (err == syscall_EINTR)
				continue;
			n = 0;
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, n, err);
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*np = n;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).ReadMsg */
go_error *
poll_FD_ReadMsg(poll_FD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen, int flags,
		ssize_t *np, ssize_t *oobnp, int *sysflagsp, syscall_Sockaddr *sa)
{
	go_error *err;
	ssize_t n = 0, oobn = 0;
	int sysflags = 0;

	sa->len = 0;
	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = syscall_Recvmsg(fd->Sysfd, p, len, oob, ooblen, flags, &n, &oobn, &sysflags,
				      sa);
		if (err != NULL) {
			if (err == syscall_EINTR)
				continue;
			// C: as in Go, n and oobn are left as the call set them.
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, n, err);
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*np = n;
	*oobnp = oobn;
	*sysflagsp = sysflags;
	return err;
}

// C: Go's unix.RecvmsgInet4/6: recvmsg into a sockaddr of one family.
static go_error *
recvmsgInet(int fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen, int flags, void *from,
	    socklen_t fromlen, ssize_t *n, ssize_t *oobn, int *sysflags)
{
	syscall_Sockaddr sa;
	go_error *err = syscall_Recvmsg(fd, p, len, oob, ooblen, flags, n, oobn, sysflags, &sa);

	if (err == NULL && sa.len != 0)
		memcpy(from, &sa.u, fromlen);
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).ReadMsgInet4 */
go_error *
poll_FD_ReadMsgInet4(poll_FD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen, int flags,
		     struct sockaddr_in *sa4, ssize_t *np, ssize_t *oobnp, int *sysflagsp)
{
	go_error *err;
	ssize_t n = 0, oobn = 0;
	int sysflags = 0;

	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = recvmsgInet(fd->Sysfd, p, len, oob, ooblen, flags, sa4, sizeof(*sa4), &n,
				  &oobn, &sysflags);
		if (err != NULL) {
			if (err == syscall_EINTR)
				continue;
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, n, err);
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*np = n;
	*oobnp = oobn;
	*sysflagsp = sysflags;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).ReadMsgInet6 */
go_error *
poll_FD_ReadMsgInet6(poll_FD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen, int flags,
		     struct sockaddr_in6 *sa6, ssize_t *np, ssize_t *oobnp, int *sysflagsp)
{
	go_error *err;
	ssize_t n = 0, oobn = 0;
	int sysflags = 0;

	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = recvmsgInet(fd->Sysfd, p, len, oob, ooblen, flags, sa6, sizeof(*sa6), &n,
				  &oobn, &sysflags);
		if (err != NULL) {
			if (err == syscall_EINTR)
				continue;
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, n, err);
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*np = n;
	*oobnp = oobn;
	*sysflagsp = sysflags;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Write */
// Writes all of p, parking whenever the descriptor is not writable.
go_error *
poll_FD_Write(poll_FD *fd, const uint8_t *p, size_t len, ssize_t *np)
{
	go_error *err;
	size_t nn = 0;

	if ((err = poll_FD_writeLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareWrite(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		size_t max = len;
		ssize_t n;
		if (fd->IsStream && max - nn > poll_maxRW)
			max = nn + poll_maxRW;
		err = poll_ignoringEINTRIO_write(writeFunc(fd), fd->Sysfd, p + nn, max - nn, &n);
		if (n > 0)
			nn += (size_t)n;
		if (nn == len)
			break;
		if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
			if ((err = poll_pollDesc_waitWrite(&fd->pd, fd->isFile)) == NULL)
				continue;
		}
		if (err != NULL)
			break;
		if (n == 0) {
			err = io_ErrUnexpectedEOF;
			break;
		}
	}
unlock:
	poll_FD_writeUnlock(fd); // C: defer fd.writeUnlock()
out:
	*np = (ssize_t)nn;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Pwrite */
go_error *
poll_FD_Pwrite(poll_FD *fd, const uint8_t *p, size_t len, int64_t off, ssize_t *np)
{
	go_error *err;
	size_t nn = 0;

	// A reference, not the write lock: pwrite names its offset.
	if ((err = poll_FD_incref(fd)) != NULL) {
		*np = 0;
		return err;
	}
	for (;;) {
		size_t max = len;
		ssize_t n;
		if (fd->IsStream && max - nn > poll_maxRW)
			max = nn + poll_maxRW;
		err = syscall_Pwrite(fd->Sysfd, p + nn, max - nn, off + (int64_t)nn, &n);
		if (err == syscall_EINTR)
			continue;
		if (n > 0)
			nn += (size_t)n;
		if (nn == len)
			break;
		if (err != NULL)
			break;
		if (n == 0) {
			err = io_ErrUnexpectedEOF;
			break;
		}
	}
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	*np = (ssize_t)nn;
	return err;
}

// The loop WriteTo, WriteToInet4 and WriteToInet6 share: sendto until it
// is not interrupted and not blocked. C: Go repeats it in each method.
static go_error *
writeToLoop(poll_FD *fd, const uint8_t *p, size_t len, const syscall_Sockaddr *sa, ssize_t *np)
{
	go_error *err;

	*np = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	if ((err = poll_pollDesc_prepareWrite(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = syscall_Sendto(fd->Sysfd, p, len, 0, sa);
		if (err == syscall_EINTR)
			continue;
		if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
			if ((err = poll_pollDesc_waitWrite(&fd->pd, fd->isFile)) == NULL)
				continue;
		}
		if (err == NULL)
			*np = (ssize_t)len;
		break;
	}
unlock:
	poll_FD_writeUnlock(fd); // C: defer fd.writeUnlock()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).WriteToInet4 */
go_error *
poll_FD_WriteToInet4(poll_FD *fd, const uint8_t *p, size_t len, const struct sockaddr_in *sa,
		     ssize_t *n)
{
	syscall_Sockaddr to = {.len = sizeof(*sa)};

	to.u.in4 = *sa; // C: unix.SendtoInet4
	return writeToLoop(fd, p, len, &to, n);
}

/* Go: internal/poll/fd_unix.go (*FD).WriteToInet6 */
go_error *
poll_FD_WriteToInet6(poll_FD *fd, const uint8_t *p, size_t len, const struct sockaddr_in6 *sa,
		     ssize_t *n)
{
	syscall_Sockaddr to = {.len = sizeof(*sa)};

	to.u.in6 = *sa; // C: unix.SendtoInet6
	return writeToLoop(fd, p, len, &to, n);
}

/* Go: internal/poll/fd_unix.go (*FD).WriteTo */
go_error *
poll_FD_WriteTo(poll_FD *fd, const uint8_t *p, size_t len, const syscall_Sockaddr *sa, ssize_t *n)
{
	return writeToLoop(fd, p, len, sa, n);
}

// The loop WriteMsg, WriteMsgInet4 and WriteMsgInet6 share (sendmsg). C:
// Go repeats it in each method.
static go_error *
writeMsgLoop(poll_FD *fd, const uint8_t *p, size_t len, const uint8_t *oob, size_t ooblen,
	     const syscall_Sockaddr *sa, ssize_t *np, ssize_t *oobnp)
{
	go_error *err;
	ssize_t n = 0;

	*np = *oobnp = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	if ((err = poll_pollDesc_prepareWrite(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = syscall_SendmsgN(fd->Sysfd, p, len, oob, ooblen, sa, 0, &n);
		if (err == syscall_EINTR)
			continue;
		if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
			if ((err = poll_pollDesc_waitWrite(&fd->pd, fd->isFile)) == NULL)
				continue;
		}
		*np = n;
		if (err == NULL)
			*oobnp = (ssize_t)ooblen;
		break;
	}
unlock:
	poll_FD_writeUnlock(fd); // C: defer fd.writeUnlock()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).WriteMsg */
go_error *
poll_FD_WriteMsg(poll_FD *fd, const uint8_t *p, size_t len, const uint8_t *oob, size_t ooblen,
		 const syscall_Sockaddr *sa, ssize_t *n, ssize_t *oobn)
{
	return writeMsgLoop(fd, p, len, oob, ooblen, sa, n, oobn);
}

/* Go: internal/poll/fd_unix.go (*FD).WriteMsgInet4 */
go_error *
poll_FD_WriteMsgInet4(poll_FD *fd, const uint8_t *p, size_t len, const uint8_t *oob, size_t ooblen,
		      const struct sockaddr_in *sa, ssize_t *n, ssize_t *oobn)
{
	syscall_Sockaddr to = {.len = 0};

	if (sa != NULL) { // C: unix.SendmsgNInet4 (a nil *SockaddrInet4: no address)
		to.len = sizeof(*sa);
		to.u.in4 = *sa;
	}
	return writeMsgLoop(fd, p, len, oob, ooblen, &to, n, oobn);
}

/* Go: internal/poll/fd_unix.go (*FD).WriteMsgInet6 */
go_error *
poll_FD_WriteMsgInet6(poll_FD *fd, const uint8_t *p, size_t len, const uint8_t *oob, size_t ooblen,
		      const struct sockaddr_in6 *sa, ssize_t *n, ssize_t *oobn)
{
	syscall_Sockaddr to = {.len = 0};

	if (sa != NULL) { // C: unix.SendmsgNInet6
		to.len = sizeof(*sa);
		to.u.in6 = *sa;
	}
	return writeMsgLoop(fd, p, len, oob, ooblen, &to, n, oobn);
}

/* Go: internal/poll/fd_unix.go (*FD).Accept */
go_error *
poll_FD_Accept(poll_FD *fd, int *sp, syscall_Sockaddr *rsa, const char **errcall)
{
	go_error *err;
	int s = -1;

	*errcall = "";
	rsa->len = 0;
	if ((err = poll_FD_readLock(fd)) != NULL)
		goto out;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		err = poll_accept(fd->Sysfd, &s, rsa, errcall);
		if (err == NULL)
			break;
		if (err == syscall_EINTR)
			continue;
		if (err == syscall_EAGAIN) {
			if (poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		} else if (err == syscall_ECONNABORTED) {
			// The peer went away while queued: not the caller's
			// business, accept the next one.
			continue;
		}
		s = -1;
		rsa->len = 0;
		break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
out:
	*sp = s;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Seek */
go_error *
poll_FD_Seek(poll_FD *fd, int64_t offset, int whence, int64_t *ret)
{
	go_error *err;

	*ret = 0;
	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_Seek(fd->Sysfd, offset, whence, ret);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).ReadDirent */
// One getdents call; no EOF translation (the caller expects none).
go_error *
poll_FD_ReadDirent(poll_FD *fd, uint8_t *buf, size_t len, ssize_t *np)
{
	go_error *err;
	ssize_t n = 0;

	if ((err = poll_FD_incref(fd)) != NULL)
		goto out;
	for (;;) {
		do
			err = syscall_ReadDirent(fd->Sysfd, buf, len, &n);
		while (err == syscall_EINTR); // C: ignoringEINTRIO(syscall.ReadDirent, ...)
		if (err != NULL) {
			n = 0;
			if (err == syscall_EAGAIN && poll_pollDesc_pollable(&fd->pd)) {
				if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) == NULL)
					continue;
			}
		}
		break;
	}
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
out:
	*np = n;
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Fchmod */
go_error *
poll_FD_Fchmod(poll_FD *fd, uint32_t mode)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	do // C: ignoringEINTR(func ...)
		err = syscall_Fchmod(fd->Sysfd, mode);
	while (err == syscall_EINTR);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Fchdir */
go_error *
poll_FD_Fchdir(poll_FD *fd)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = syscall_Fchdir(fd->Sysfd);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).Fstat */
go_error *
poll_FD_Fstat(poll_FD *fd, struct stat *s)
{
	go_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	do // C: ignoringEINTR(func ...)
		err = syscall_Fstat(fd->Sysfd, s);
	while (err == syscall_EINTR);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

// Go: tryDupCloexec: 1 until F_DUPFD_CLOEXEC turned out to be missing.
_Atomic int32_t poll_tryDupCloexec = 1;

/* Go: internal/poll/fd_unix.go DupCloseOnExec */
go_error *
poll_DupCloseOnExec(int fd, int *nfd, const char **errcall)
{
	if (F_DUPFD_CLOEXEC != 0 && atomic_load(&poll_tryDupCloexec) == 1) {
		int r0;
		go_error *e1 = poll_fcntl(fd, F_DUPFD_CLOEXEC, 0, &r0);
		if (e1 == NULL) {
			*nfd = r0;
			*errcall = "";
			return NULL;
		}
		if (e1 == syscall_EINVAL || e1 == syscall_ENOSYS) {
			// An old kernel: use the two-call way from now on.
			atomic_store(&poll_tryDupCloexec, 0);
		} else {
			*nfd = -1;
			*errcall = "fcntl";
			return e1;
		}
	}
	return poll_dupCloseOnExecOld(fd, nfd, errcall);
}

/* Go: internal/poll/fd_unix.go dupCloseOnExecOld */
// C: no ForkLock: gonet never forks, so nothing can inherit the
// descriptor between the two calls.
go_error *
poll_dupCloseOnExecOld(int fd, int *nfd, const char **errcall)
{
	go_error *err = syscall_Dup(fd, nfd);

	if (err != NULL) {
		*nfd = -1;
		*errcall = "dup";
		return err;
	}
	syscall_CloseOnExec(*nfd);
	*errcall = "";
	return NULL;
}

/* Go: internal/poll/fd_unix.go (*FD).Dup */
go_error *
poll_FD_Dup(poll_FD *fd, int *nfd, const char **errcall)
{
	go_error *err;

	*nfd = -1;
	*errcall = "";
	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	err = poll_DupCloseOnExec(fd->Sysfd, nfd, errcall);
	go_error_release(poll_FD_decref(fd)); // C: defer fd.decref()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).WaitWrite */
go_error *
poll_FD_WaitWrite(poll_FD *fd)
{
	return poll_pollDesc_waitWrite(&fd->pd, fd->isFile);
}

/* Go: internal/poll/fd_unix.go (*FD).WriteOnce */
go_error *
poll_FD_WriteOnce(poll_FD *fd, const uint8_t *p, size_t len, ssize_t *n)
{
	go_error *err;

	*n = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	err = poll_ignoringEINTRIO_write(writeFunc(fd), fd->Sysfd, p, len, n);
	poll_FD_writeUnlock(fd); // C: defer fd.writeUnlock()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).RawRead */
go_error *
poll_FD_RawRead(poll_FD *fd, bool (*f)(void *env, uintptr_t s), void *env)
{
	go_error *err;

	if ((err = poll_FD_readLock(fd)) != NULL)
		return err;
	if ((err = poll_pollDesc_prepareRead(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		if (f(env, (uintptr_t)fd->Sysfd))
			break;
		if ((err = poll_pollDesc_waitRead(&fd->pd, fd->isFile)) != NULL)
			break;
	}
unlock:
	poll_FD_readUnlock(fd); // C: defer fd.readUnlock()
	return err;
}

/* Go: internal/poll/fd_unix.go (*FD).RawWrite */
go_error *
poll_FD_RawWrite(poll_FD *fd, bool (*f)(void *env, uintptr_t s), void *env)
{
	go_error *err;

	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	if ((err = poll_pollDesc_prepareWrite(&fd->pd, fd->isFile)) != NULL)
		goto unlock;
	for (;;) {
		if (f(env, (uintptr_t)fd->Sysfd))
			break;
		if ((err = poll_pollDesc_waitWrite(&fd->pd, fd->isFile)) != NULL)
			break;
	}
unlock:
	poll_FD_writeUnlock(fd); // C: defer fd.writeUnlock()
	return err;
}

/* Go: internal/poll/fd_unix.go ignoringEINTRIO (a read) */
// Calls fn(fd, p) until it fails with something other than EINTR. C: Go's
// one function is two here, one for each direction (the buffer is const
// only for writes); fn is syscall_Read or, see readFunc, syscall_Recv.
go_error *
poll_ignoringEINTRIO_read(poll_readFn fn, int fd, uint8_t *p, size_t len, ssize_t *n)
{
	go_error *err;

	do
		err = fn(fd, p, len, n);
	while (err == syscall_EINTR);
	return err;
}

/* Go: internal/poll/fd_unix.go ignoringEINTRIO (a write) */
go_error *
poll_ignoringEINTRIO_write(poll_writeFn fn, int fd, const uint8_t *p, size_t len, ssize_t *n)
{
	go_error *err;

	do
		err = fn(fd, p, len, n);
	while (err == syscall_EINTR);
	return err;
}

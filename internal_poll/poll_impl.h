// internal/poll's unexported functions, for the package's own files and for
// tests (Go: export_test.go, export_posix_test.go, export_linux_test.go).
// The library exports every symbol declared here.
#ifndef GONET_INTERNAL_POLL_POLL_IMPL_H
#define GONET_INTERNAL_POLL_POLL_IMPL_H

#include "internal_poll/poll.h"

// ---- fd.go ----
// Go: errClosing(isFile): ErrFileClosing or ErrNetClosing.
go_error *poll_errClosing(bool isFile);
// Go: consume(v *[][]byte, n int64) (export_test.go Consume). Drops n
// bytes from the front of the buffers *v[0..*nv): whole buffers leave the
// slice (their entry is cleared first, Go's nil), a partial one advances.
void poll_consume(struct iovec **v, size_t *nv, int64_t n);

// ---- fd_mutex.go (export_test.go FDMutex) ----
// Bits of fdMutex.state.
#define poll_mutexClosed  ((uint64_t)1 << 0)
#define poll_mutexRLock   ((uint64_t)1 << 1)
#define poll_mutexWLock   ((uint64_t)1 << 2)
#define poll_mutexRef     ((uint64_t)1 << 3)
#define poll_mutexRefMask ((((uint64_t)1 << 20) - 1) << 3)
#define poll_mutexRWait   ((uint64_t)1 << 23)
#define poll_mutexRMask   ((((uint64_t)1 << 20) - 1) << 23)
#define poll_mutexWWait   ((uint64_t)1 << 43)
#define poll_mutexWMask   ((((uint64_t)1 << 20) - 1) << 43)
// Go: overflowMsg.
#define poll_overflowMsg "too many concurrent operations on a single file or socket (max 1048575)"

bool poll_fdMutex_incref(poll_fdMutex *mu);
bool poll_fdMutex_increfAndClose(poll_fdMutex *mu);
bool poll_fdMutex_decref(poll_fdMutex *mu);
bool poll_fdMutex_rwlock(poll_fdMutex *mu, bool read);
bool poll_fdMutex_rwunlock(poll_fdMutex *mu, bool read);

go_error *poll_FD_incref(poll_FD *fd) GO_MUST_CHECK;
go_error *poll_FD_decref(poll_FD *fd) GO_MUST_CHECK;
go_error *poll_FD_readLock(poll_FD *fd) GO_MUST_CHECK;
void poll_FD_readUnlock(poll_FD *fd);
go_error *poll_FD_writeLock(poll_FD *fd) GO_MUST_CHECK;
void poll_FD_writeUnlock(poll_FD *fd);

// ---- fd_poll_runtime.go ----
// Go: pollDesc's methods. mode is 'r', 'w' or 'r'+'w'.
go_error *poll_pollDesc_init(poll_pollDesc *pd, poll_FD *fd) GO_MUST_CHECK;
void poll_pollDesc_close(poll_pollDesc *pd);
void poll_pollDesc_evict(poll_pollDesc *pd);
go_error *poll_pollDesc_prepare(poll_pollDesc *pd, int mode, bool isFile) GO_MUST_CHECK;
go_error *poll_pollDesc_prepareRead(poll_pollDesc *pd, bool isFile) GO_MUST_CHECK;
go_error *poll_pollDesc_prepareWrite(poll_pollDesc *pd, bool isFile) GO_MUST_CHECK;
go_error *poll_pollDesc_wait(poll_pollDesc *pd, int mode, bool isFile) GO_MUST_CHECK;
go_error *poll_pollDesc_waitRead(poll_pollDesc *pd, bool isFile) GO_MUST_CHECK;
go_error *poll_pollDesc_waitWrite(poll_pollDesc *pd, bool isFile) GO_MUST_CHECK;
void poll_pollDesc_waitCanceled(poll_pollDesc *pd, int mode);
bool poll_pollDesc_pollable(poll_pollDesc *pd);
// Go: convertErr(res, isFile): the runtime's pollNoError ... codes as errors.
go_error *poll_convertErr(int res, bool isFile);
// Go: setDeadlineImpl(fd, t, mode).
go_error *poll_setDeadlineImpl(poll_FD *fd, time_Time t, int mode) GO_MUST_CHECK;

// ---- fd_unix.go, fd_posix.go ----
go_error *poll_FD_destroy(poll_FD *fd) GO_MUST_CHECK;
// Go: (*FD).eofError (export_posix_test.go EOFError).
go_error *poll_FD_eofError(poll_FD *fd, ssize_t n, go_error *err);
// Go: ignoringEINTRIO(fn, fd, p), fn a read (syscall_Read, syscall_Recv)
// or a write (syscall_Write, syscall_Send).
typedef go_error *(*poll_readFn)(int fd, uint8_t *p, size_t len, ssize_t *n);
typedef go_error *(*poll_writeFn)(int fd, const uint8_t *p, size_t len, ssize_t *n);
go_error *poll_ignoringEINTRIO_read(poll_readFn fn, int fd, uint8_t *p, size_t len,
				    ssize_t *n) GO_MUST_CHECK;
go_error *poll_ignoringEINTRIO_write(poll_writeFn fn, int fd, const uint8_t *p, size_t len,
				     ssize_t *n) GO_MUST_CHECK;
// Go: tryDupCloexec (atomic; 1 until F_DUPFD_CLOEXEC proved unsupported).
extern _Atomic int32_t poll_tryDupCloexec;
// Go: dupCloseOnExecOld(fd) (int, string, error).
go_error *poll_dupCloseOnExecOld(int fd, int *nfd, const char **errcall) GO_MUST_CHECK;
// Go: fcntl(fd, cmd, arg) (int, error) (fcntl_syscall.go).
go_error *poll_fcntl(int fd, int cmd, int arg, int *r) GO_MUST_CHECK;

// ---- sock_cloexec.go ----
// Go: accept(s) (int, syscall.Sockaddr, string, error).
go_error *poll_accept(int s, int *ns, syscall_Sockaddr *sa, const char **errcall) GO_MUST_CHECK;

// ---- errno_unix.go ----
// Go: errnoErr(e): nil for 0, else the errno's error.
go_error *poll_errnoErr(int e);

// ---- writev.go, fd_writev_unix.go ----
// Go: maxVec, the iovecs one writev call takes at most.
enum { poll_maxVec = 1024 };
// Go: writev(fd, iovecs) (uintptr, error): *wrote is (size_t)-1 on error.
go_error *poll_writev(int fd, const struct iovec *iovecs, size_t n, size_t *wrote) GO_MUST_CHECK;

// ---- sendfile_linux.go, splice_linux.go (export_linux_test.go) ----
enum {
	poll_maxSendfileSize = 4 << 20,
	poll_spliceNonblock = 0x2,
	poll_maxSpliceSize = 4 << 20,
};
// Go: splicePipe: a pipe Splice moves data through, and how much it holds.
typedef struct poll_splicePipe {
	struct poll_splicePipe *next; // C: link in the pool's free list
	int rfd;
	int wfd;
	int data;
} poll_splicePipe;
// Go: getPipe() (*splicePipe, string, error), putPipe, newPipe, destroyPipe.
go_error *poll_getPipe(poll_splicePipe **p, const char **sc) GO_MUST_CHECK;
void poll_putPipe(poll_splicePipe *p);
poll_splicePipe *poll_newPipe(void);
void poll_destroyPipe(poll_splicePipe *p);
// C: closes and frees the pipes the pool holds (Go's GC and finalizers do
// this); tests call it, with no Splice running, to end leak-free.
void poll_drainPipePool(void);
// Go: spliceDrain(pipefd, sock, max), splicePump(sock, pipefd, inPipe).
go_error *poll_spliceDrain(int pipefd, poll_FD *sock, int max, int *n) GO_MUST_CHECK;
go_error *poll_splicePump(poll_FD *sock, int pipefd, int inPipe, int *written) GO_MUST_CHECK;

// ---- copy_file_range_linux.go ----
void poll_kernelVersion(int *major, int *minor);

#endif

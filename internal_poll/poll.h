// C port of go1.19 src/internal/poll (Unix): the FD that net's netFD (and
// an os.File) embeds, with its fdMutex and its link to the runtime poller.
//
// Lifetime of an FD (C: Go has a garbage collector):
//  - The caller allocates the poll_FD (it is embedded by value, as in Go:
//    net_netFD holds `poll_FD pfd`), zeroes it, sets Sysfd, IsStream and
//    ZeroReadIsEOF, then calls poll_FD_Init.
//  - poll_FD_Close marks it closed, unblocks every goroutine blocked in it
//    (they return ErrNetClosing / ErrFileClosing), and returns once the last
//    reference is dropped and the descriptor closed (through poll_CloseFunc,
//    exactly once). Operations after Close return the closing error.
//  - The memory may be freed only after Close has returned AND no goroutine
//    can still call a method on it (a Close racing another Close counts: the
//    loser returns at once with the closing error, while the winner may
//    still be waiting). Close releases everything the FD owns (the pollDesc,
//    the writev cache); an FD that was never closed leaks its descriptor.
//  - Every method must run on a goroutine (inside go_main): a method that
//    would block parks the goroutine, never the thread.
//
// Errors: every go_error * returned here is owned by the caller
// (go_error_release); the sentinels below and syscall errnos are static.
#ifndef GONET_INTERNAL_POLL_POLL_H
#define GONET_INTERNAL_POLL_POLL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "errors/errors.h"
#include "syscall/syscall.h"
#include "time/time.h"

struct stat;
struct linger;
struct ip_mreq;
struct ip_mreqn;
struct ipv6_mreq;
struct sockaddr_in;
struct sockaddr_in6;
typedef struct runtime_pollDesc runtime_pollDesc;

// ---- errors (fd.go) ----

// Go: poll.ErrNetClosing, "use of closed network connection" (type
// errNetClosing: Timeout and Temporary false).
extern go_error *const poll_ErrNetClosing;
// Go: poll.ErrFileClosing, "use of closed file".
extern go_error *const poll_ErrFileClosing;
// Go: poll.ErrNoDeadline, "file type does not support deadline".
extern go_error *const poll_ErrNoDeadline;
// Go: poll.ErrDeadlineExceeded, a *DeadlineExceededError: "i/o timeout",
// Timeout() and Temporary() true.
extern go_error *const poll_ErrDeadlineExceeded;
// Go: poll.ErrNotPollable, "not pollable".
extern go_error *const poll_ErrNotPollable;
// The dynamic types, for errors_As.
extern const go_error_methods poll_errNetClosing_methods;
extern const go_error_methods poll_DeadlineExceededError_methods;

// ---- the fdMutex (fd_mutex.go) ----

// Go: poll.fdMutex: the packed state word (closed bit, read and write lock
// bits, 20-bit reference count, 20-bit read and write waiter counts) and
// the two semaphores the waiters park on. Zero value: open, unlocked.
typedef struct poll_fdMutex {
	_Atomic uint64_t state;
	_Atomic uint32_t rsema; // read waiters park here
	_Atomic uint32_t wsema; // write waiters park here
} poll_fdMutex;

// ---- the FD (fd_unix.go, fd_poll_runtime.go) ----

// Go: poll.pollDesc: the runtime's pollDesc, NULL when not pollable.
typedef struct poll_pollDesc {
	runtime_pollDesc *runtimeCtx;
	// C: the last Read was short and drained the socket (poll_FD_Read);
	// the next one waits for an event before it reads. Used under the
	// read lock; every prepareRead clears it.
	bool drained;
} poll_pollDesc;

// Go: poll.FD.
typedef struct poll_FD {
	// Serialises Read and Write and counts references to Sysfd.
	poll_fdMutex fdmu;
	// The system descriptor; constant until the last reference is dropped
	// after Close (then -1).
	int Sysfd;
	// The link to the runtime poller.
	poll_pollDesc pd;
	// Writev's cache of iovecs; used under the write lock, freed by the
	// final decref (C: Go's GC frees it).
	struct iovec *iovecs;
	size_t iovecsCap;
	// Released when the descriptor is closed; Close waits on it.
	_Atomic uint32_t csema;
	// Nonzero once the descriptor was put into blocking mode (atomic).
	_Atomic uint32_t isBlocking;
	// A stream (TCP, Unix stream) rather than packets. Constant.
	bool IsStream;
	// Whether reading 0 bytes means EOF (false for message sockets).
	bool ZeroReadIsEOF;
	// A file rather than a socket (Init's net "file"). Constant.
	bool isFile;
	// C: a TCP stream (Init's net "tcp", "tcp4", "tcp6"), whose short
	// reads empty the receive queue (poll_FD_Read); cleared for good when
	// SO_RCVLOWAT is set above one byte (sockopt.c). Atomic: Read loads
	// it under the read lock, SetsockoptInt stores it under a reference.
	_Atomic bool shortReadDrains;
} poll_FD;

// Go: poll.maxRW: Read and Write move at most 1 GiB per system call.
enum { poll_maxRW = 1 << 30 };

// Go: (*FD).Init. net is a network name ("tcp" ...) or "file"; pollable:
// register Sysfd with the runtime poller.
go_error *poll_FD_Init(poll_FD *fd, const char *net, bool pollable) GO_MUST_CHECK;
go_error *poll_FD_Close(poll_FD *fd) GO_MUST_CHECK;
go_error *poll_FD_SetBlocking(poll_FD *fd) GO_MUST_CHECK;

go_error *poll_FD_Read(poll_FD *fd, uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_Pread(poll_FD *fd, uint8_t *p, size_t len, int64_t off, ssize_t *n) GO_MUST_CHECK;
// Go: ReadFrom (p) (int, syscall.Sockaddr, error).
go_error *poll_FD_ReadFrom(poll_FD *fd, uint8_t *p, size_t len, ssize_t *n,
			   syscall_Sockaddr *sa) GO_MUST_CHECK;
// C: syscall.SockaddrInet4/6 are the kernel's sockaddr_in/sockaddr_in6.
go_error *poll_FD_ReadFromInet4(poll_FD *fd, uint8_t *p, size_t len, struct sockaddr_in *from,
				ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_ReadFromInet6(poll_FD *fd, uint8_t *p, size_t len, struct sockaddr_in6 *from,
				ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_ReadMsg(poll_FD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
			  int flags, ssize_t *n, ssize_t *oobn, int *sysflags,
			  syscall_Sockaddr *sa) GO_MUST_CHECK;
go_error *poll_FD_ReadMsgInet4(poll_FD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
			       int flags, struct sockaddr_in *sa4, ssize_t *n, ssize_t *oobn,
			       int *sysflags) GO_MUST_CHECK;
go_error *poll_FD_ReadMsgInet6(poll_FD *fd, uint8_t *p, size_t len, uint8_t *oob, size_t ooblen,
			       int flags, struct sockaddr_in6 *sa6, ssize_t *n, ssize_t *oobn,
			       int *sysflags) GO_MUST_CHECK;

go_error *poll_FD_Write(poll_FD *fd, const uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_Pwrite(poll_FD *fd, const uint8_t *p, size_t len, int64_t off,
			 ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_WriteTo(poll_FD *fd, const uint8_t *p, size_t len, const syscall_Sockaddr *sa,
			  ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_WriteToInet4(poll_FD *fd, const uint8_t *p, size_t len,
			       const struct sockaddr_in *sa, ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_WriteToInet6(poll_FD *fd, const uint8_t *p, size_t len,
			       const struct sockaddr_in6 *sa, ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_WriteMsg(poll_FD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
			   size_t ooblen, const syscall_Sockaddr *sa, ssize_t *n,
			   ssize_t *oobn) GO_MUST_CHECK;
go_error *poll_FD_WriteMsgInet4(poll_FD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
				size_t ooblen, const struct sockaddr_in *sa, ssize_t *n,
				ssize_t *oobn) GO_MUST_CHECK;
go_error *poll_FD_WriteMsgInet6(poll_FD *fd, const uint8_t *p, size_t len, const uint8_t *oob,
				size_t ooblen, const struct sockaddr_in6 *sa, ssize_t *n,
				ssize_t *oobn) GO_MUST_CHECK;
// Go: (*FD).Writev(v *[][]byte) (int64, error). C: a [][]byte is an array
// of struct iovec (base, len); *v and *nv advance past what was written,
// and the entries written are cleared (Go: set to nil), as consume does.
go_error *poll_FD_Writev(poll_FD *fd, struct iovec **v, size_t *nv, int64_t *n) GO_MUST_CHECK;
// Go: TestHookDidWritev, called with the result of each writev. Tests only.
extern void (*poll_TestHookDidWritev)(int wrote);

// Go: (*FD).Accept() (int, syscall.Sockaddr, string, error). *errcall is
// the failing system call's name ("accept4" ...) or "" (static strings).
go_error *poll_FD_Accept(poll_FD *fd, int *s, syscall_Sockaddr *rsa,
			 const char **errcall) GO_MUST_CHECK;

go_error *poll_FD_Seek(poll_FD *fd, int64_t offset, int whence, int64_t *ret) GO_MUST_CHECK;
go_error *poll_FD_ReadDirent(poll_FD *fd, uint8_t *buf, size_t len, ssize_t *n) GO_MUST_CHECK;
go_error *poll_FD_Fchmod(poll_FD *fd, uint32_t mode) GO_MUST_CHECK;
go_error *poll_FD_Fchdir(poll_FD *fd) GO_MUST_CHECK;
go_error *poll_FD_Fstat(poll_FD *fd, struct stat *s) GO_MUST_CHECK;
go_error *poll_FD_Fchown(poll_FD *fd, int uid, int gid) GO_MUST_CHECK;
go_error *poll_FD_Ftruncate(poll_FD *fd, int64_t size) GO_MUST_CHECK;
go_error *poll_FD_Fsync(poll_FD *fd) GO_MUST_CHECK;
go_error *poll_FD_Shutdown(poll_FD *fd, int how) GO_MUST_CHECK;
// Go: DupCloseOnExec(fd) (int, string, error) and (*FD).Dup.
go_error *poll_DupCloseOnExec(int fd, int *nfd, const char **errcall) GO_MUST_CHECK;
go_error *poll_FD_Dup(poll_FD *fd, int *nfd, const char **errcall) GO_MUST_CHECK;

// Go: (*FD).WaitWrite: parks until Sysfd is writable (or a deadline, or
// Close).
go_error *poll_FD_WaitWrite(poll_FD *fd) GO_MUST_CHECK;
// Go: (*FD).WriteOnce: one write(2) under the write lock. Tests only.
go_error *poll_FD_WriteOnce(poll_FD *fd, const uint8_t *p, size_t len, ssize_t *n) GO_MUST_CHECK;
// Go: RawRead / RawWrite (f func(uintptr) bool) and RawControl (f
// func(uintptr)). C: a closure is a function and its environment.
go_error *poll_FD_RawRead(poll_FD *fd, bool (*f)(void *env, uintptr_t s), void *env) GO_MUST_CHECK;
go_error *poll_FD_RawWrite(poll_FD *fd, bool (*f)(void *env, uintptr_t s), void *env) GO_MUST_CHECK;
go_error *poll_FD_RawControl(poll_FD *fd, void (*f)(void *env, uintptr_t s),
			     void *env) GO_MUST_CHECK;

// Go: SetDeadline / SetReadDeadline / SetWriteDeadline. The zero time_Time
// clears the deadline; a time in the past makes blocked and future I/O
// fail at once with ErrDeadlineExceeded.
go_error *poll_FD_SetDeadline(poll_FD *fd, time_Time t) GO_MUST_CHECK;
go_error *poll_FD_SetReadDeadline(poll_FD *fd, time_Time t) GO_MUST_CHECK;
go_error *poll_FD_SetWriteDeadline(poll_FD *fd, time_Time t) GO_MUST_CHECK;
// Go: IsPollDescriptor: whether fd is one of the poller's own descriptors.
bool poll_IsPollDescriptor(uintptr_t fd);

// ---- socket options (sockopt*.go, sockoptip.go) ----
go_error *poll_FD_SetsockoptInt(poll_FD *fd, int level, int name, int arg) GO_MUST_CHECK;
go_error *poll_FD_SetsockoptInet4Addr(poll_FD *fd, int level, int name,
				      const uint8_t arg[4]) GO_MUST_CHECK;
go_error *poll_FD_SetsockoptLinger(poll_FD *fd, int level, int name,
				   const struct linger *l) GO_MUST_CHECK;
go_error *poll_FD_SetsockoptByte(poll_FD *fd, int level, int name, uint8_t arg) GO_MUST_CHECK;
go_error *poll_FD_SetsockoptIPMreqn(poll_FD *fd, int level, int name,
				    const struct ip_mreqn *mreq) GO_MUST_CHECK;
go_error *poll_FD_SetsockoptIPMreq(poll_FD *fd, int level, int name,
				   const struct ip_mreq *mreq) GO_MUST_CHECK;
go_error *poll_FD_SetsockoptIPv6Mreq(poll_FD *fd, int level, int name,
				     const struct ipv6_mreq *mreq) GO_MUST_CHECK;
// Go: (*FD).GetsockoptInt is net's business in Go 1.19 (through
// getsockoptIntFunc); C: the incref'd wrapper, for netFD and tests.
go_error *poll_FD_GetsockoptInt(poll_FD *fd, int level, int name, int *v) GO_MUST_CHECK;

// ---- Linux zero-copy (sendfile_linux.go, splice_linux.go,
// copy_file_range_linux.go) ----

// Go: SendFile(dstFD, src, remain) (int64, error).
go_error *poll_SendFile(poll_FD *dstFD, int src, int64_t remain, int64_t *written) GO_MUST_CHECK;
// Go: Splice(dst, src, remain) (written int64, handled bool, sc string,
// err error). *sc is a static string ("splice" or "").
go_error *poll_Splice(poll_FD *dst, poll_FD *src, int64_t remain, int64_t *written, bool *handled,
		      const char **sc) GO_MUST_CHECK;
// Go: CopyFileRange(dst, src, remain) (written int64, handled bool, err error).
go_error *poll_CopyFileRange(poll_FD *dst, poll_FD *src, int64_t remain, int64_t *written,
			     bool *handled) GO_MUST_CHECK;

#endif

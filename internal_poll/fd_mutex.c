// C port of go1.19 src/internal/poll/fd_mutex.go: fdMutex, the lock that
// counts the references to an FD's descriptor and serialises its readers
// and its writers, and the FD methods built on it.
//
// The state word, updated only by compare-and-swap:
//   bit 0       mutexClosed: set by Close; every later lock fails
//   bit 1       mutexRLock: a reader holds the read lock
//   bit 2       mutexWLock: a writer holds the write lock
//   bits 3-22   references (readers, writers and other operations)
//   bits 23-42  readers waiting on rsema
//   bits 43-62  writers waiting on wsema
// Reads take rwlock(true)/rwunlock(true), writes rwlock(false)/
// rwunlock(false), other operations (setsockopt, deadlines) incref/decref,
// Close increfAndClose/decref: whoever drops the last reference of a closed
// FD destroys it.
#include "internal_poll/poll_impl.h"

#include "runtime_netpoll/panic.h"
#include "runtime_netpoll/runtime_impl.h"

/* Go: internal/poll/fd_mutex.go (*fdMutex).incref */
// Adds a reference; false if mu is closed.
bool
poll_fdMutex_incref(poll_fdMutex *mu)
{
	for (;;) {
		uint64_t old = atomic_load(&mu->state);
		uint64_t new_;
		if (old & poll_mutexClosed)
			return false;
		new_ = old + poll_mutexRef;
		if ((new_ & poll_mutexRefMask) == 0)
			runtime_panicstring(poll_overflowMsg);
		if (atomic_compare_exchange_strong(&mu->state, &old, new_))
			return true;
	}
}

/* Go: internal/poll/fd_mutex.go (*fdMutex).increfAndClose */
// Marks mu closed and adds a reference; false if it was already closed.
// Every waiting reader and writer is woken to see the closed bit.
bool
poll_fdMutex_increfAndClose(poll_fdMutex *mu)
{
	for (;;) {
		uint64_t old = atomic_load(&mu->state);
		uint64_t new_;
		if (old & poll_mutexClosed)
			return false;
		new_ = (old | poll_mutexClosed) + poll_mutexRef;
		if ((new_ & poll_mutexRefMask) == 0)
			runtime_panicstring(poll_overflowMsg);
		// The waiters leave the count: they are all woken below.
		new_ &= ~(poll_mutexRMask | poll_mutexWMask);
		if (atomic_compare_exchange_strong(&mu->state, &old, new_)) {
			while (old & poll_mutexRMask) {
				old -= poll_mutexRWait;
				poll_runtime_Semrelease(&mu->rsema);
			}
			while (old & poll_mutexWMask) {
				old -= poll_mutexWWait;
				poll_runtime_Semrelease(&mu->wsema);
			}
			return true;
		}
	}
}

/* Go: internal/poll/fd_mutex.go (*fdMutex).decref */
// Drops a reference; true if mu is closed and that was the last one.
bool
poll_fdMutex_decref(poll_fdMutex *mu)
{
	for (;;) {
		uint64_t old = atomic_load(&mu->state);
		uint64_t new_;
		if ((old & poll_mutexRefMask) == 0)
			runtime_panicstring("inconsistent poll.fdMutex");
		new_ = old - poll_mutexRef;
		if (atomic_compare_exchange_strong(&mu->state, &old, new_))
			return (new_ & (poll_mutexClosed | poll_mutexRefMask)) == poll_mutexClosed;
	}
}

/* Go: internal/poll/fd_mutex.go (*fdMutex).rwlock */
// Adds a reference and takes the read (or write) lock, waiting on the
// semaphore while another holds it; false if mu is (or becomes) closed.
bool
poll_fdMutex_rwlock(poll_fdMutex *mu, bool read)
{
	uint64_t mutexBit, mutexWait, mutexMask;
	_Atomic uint32_t *mutexSema;

	if (read) {
		mutexBit = poll_mutexRLock;
		mutexWait = poll_mutexRWait;
		mutexMask = poll_mutexRMask;
		mutexSema = &mu->rsema;
	} else {
		mutexBit = poll_mutexWLock;
		mutexWait = poll_mutexWWait;
		mutexMask = poll_mutexWMask;
		mutexSema = &mu->wsema;
	}
	for (;;) {
		uint64_t old = atomic_load(&mu->state);
		uint64_t new_;
		if (old & poll_mutexClosed)
			return false;
		if ((old & mutexBit) == 0) {
			// Free: take it.
			new_ = (old | mutexBit) + poll_mutexRef;
			if ((new_ & poll_mutexRefMask) == 0)
				runtime_panicstring(poll_overflowMsg);
		} else {
			// Held: count ourselves as a waiter.
			new_ = old + mutexWait;
			if ((new_ & mutexMask) == 0)
				runtime_panicstring(poll_overflowMsg);
		}
		if (atomic_compare_exchange_strong(&mu->state, &old, new_)) {
			if ((old & mutexBit) == 0)
				return true;
			poll_runtime_Semacquire(mutexSema);
			// Whoever woke us already took us off the waiter count.
		}
	}
}

/* Go: internal/poll/fd_mutex.go (*fdMutex).rwunlock */
// Releases the read (or write) lock and its reference, waking one waiter;
// true if mu is closed and that was the last reference.
bool
poll_fdMutex_rwunlock(poll_fdMutex *mu, bool read)
{
	uint64_t mutexBit, mutexWait, mutexMask;
	_Atomic uint32_t *mutexSema;

	if (read) {
		mutexBit = poll_mutexRLock;
		mutexWait = poll_mutexRWait;
		mutexMask = poll_mutexRMask;
		mutexSema = &mu->rsema;
	} else {
		mutexBit = poll_mutexWLock;
		mutexWait = poll_mutexWWait;
		mutexMask = poll_mutexWMask;
		mutexSema = &mu->wsema;
	}
	for (;;) {
		uint64_t old = atomic_load(&mu->state);
		uint64_t new_;
		if ((old & mutexBit) == 0 || (old & poll_mutexRefMask) == 0)
			runtime_panicstring("inconsistent poll.fdMutex");
		new_ = (old & ~mutexBit) - poll_mutexRef;
		if (old & mutexMask)
			new_ -= mutexWait;
		if (atomic_compare_exchange_strong(&mu->state, &old, new_)) {
			if (old & mutexMask)
				poll_runtime_Semrelease(mutexSema);
			return (new_ & (poll_mutexClosed | poll_mutexRefMask)) == poll_mutexClosed;
		}
	}
}

/* Go: internal/poll/fd_mutex.go (*FD).incref */
go_error *
poll_FD_incref(poll_FD *fd)
{
	if (!poll_fdMutex_incref(&fd->fdmu))
		return poll_errClosing(fd->isFile);
	return NULL;
}

/* Go: internal/poll/fd_mutex.go (*FD).decref */
// Drops a reference; the last one of a closed FD closes the descriptor,
// and the error is close's.
go_error *
poll_FD_decref(poll_FD *fd)
{
	if (poll_fdMutex_decref(&fd->fdmu))
		return poll_FD_destroy(fd);
	return NULL;
}

/* Go: internal/poll/fd_mutex.go (*FD).readLock */
go_error *
poll_FD_readLock(poll_FD *fd)
{
	if (!poll_fdMutex_rwlock(&fd->fdmu, true))
		return poll_errClosing(fd->isFile);
	return NULL;
}

/* Go: internal/poll/fd_mutex.go (*FD).readUnlock */
void
poll_FD_readUnlock(poll_FD *fd)
{
	if (poll_fdMutex_rwunlock(&fd->fdmu, true))
		go_error_release(poll_FD_destroy(fd)); // C: Go drops destroy's error too
}

/* Go: internal/poll/fd_mutex.go (*FD).writeLock */
go_error *
poll_FD_writeLock(poll_FD *fd)
{
	if (!poll_fdMutex_rwlock(&fd->fdmu, false))
		return poll_errClosing(fd->isFile);
	return NULL;
}

/* Go: internal/poll/fd_mutex.go (*FD).writeUnlock */
void
poll_FD_writeUnlock(poll_FD *fd)
{
	if (poll_fdMutex_rwunlock(&fd->fdmu, false))
		go_error_release(poll_FD_destroy(fd)); // C: Go drops destroy's error too
}

// Helpers for the internal/poll tests: FDs on socketpairs, pipes and
// loopback listeners, set up as net and os would (non-blocking,
// close-on-exec, registered with the poller). Call them from goroutines.
#ifndef GONET_TESTS_INTERNAL_POLL_POLLTEST_H
#define GONET_TESTS_INTERNAL_POLL_POLLTEST_H

#include "internal_poll/poll.h"

// A connected AF_UNIX pair of type sotype (SOCK_STREAM, SOCK_DGRAM ...)
// as two initialised FDs (*a and *b are zeroed first).
void pollSocketpair(int sotype, poll_FD *a, poll_FD *b);
// A pipe as two initialised "file" FDs: *r reads, *w writes.
void pollPipe(poll_FD *r, poll_FD *w);
// Closes fd and asserts the close succeeded.
void pollClose(poll_FD *fd);
// A TCP listener on 127.0.0.1, port chosen by the kernel, as an FD; the
// socket comes from net_socketFunc (so a socktest switch sees it) and
// *addr gets its address.
void pollListenTCP(poll_FD *ln, syscall_Sockaddr *addr);
// Connects a new blocking-free TCP socket (from net_socketFunc) to addr
// and returns its descriptor, or -1.
int pollDialTCP(const syscall_Sockaddr *addr);
// time_Now() + d.
time_Time pollIn(time_Duration d);

#endif

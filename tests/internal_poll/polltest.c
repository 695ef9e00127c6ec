// Helpers for the internal/poll tests (see polltest.h).
#include "polltest.h"

#include "testmain.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "hooks/hooks.h"

static void
mustInit(poll_FD *fd, int sysfd, const char *net, bool stream)
{
	go_error *err;

	memset(fd, 0, sizeof(*fd));
	fd->Sysfd = sysfd;
	fd->IsStream = stream;
	fd->ZeroReadIsEOF = stream;
	err = poll_FD_Init(fd, net, true);
	assert_null(err);
}

void
pollSocketpair(int sotype, poll_FD *a, poll_FD *b)
{
	int fds[2];

	assert_null(syscall_Socketpair(AF_UNIX, sotype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds));
	mustInit(a, fds[0], "unix", sotype == SOCK_STREAM);
	mustInit(b, fds[1], "unix", sotype == SOCK_STREAM);
}

void
pollPipe(poll_FD *r, poll_FD *w)
{
	int fds[2];

	assert_null(syscall_Pipe2(fds, O_NONBLOCK | O_CLOEXEC));
	mustInit(r, fds[0], "file", true);
	mustInit(w, fds[1], "file", true);
}

void
pollClose(poll_FD *fd)
{
	go_error *err = poll_FD_Close(fd);

	if (err != NULL)
		fail_msg("Close: %s", go_error_Error(err));
}

void
pollListenTCP(poll_FD *ln, syscall_Sockaddr *addr)
{
	int s;

	memset(addr, 0, sizeof(*addr));
	addr->len = sizeof(addr->u.in4);
	addr->u.in4.sin_family = AF_INET;
	addr->u.in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_null(net_socketFunc(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, &s));
	assert_null(syscall_Bind(s, addr));
	assert_null(net_listenFunc(s, 128));
	assert_null(syscall_Getsockname(s, addr));
	mustInit(ln, s, "tcp", true);
}

int
pollDialTCP(const syscall_Sockaddr *addr)
{
	int s;
	go_error *err;

	if (net_socketFunc(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, &s) != NULL)
		return -1;
	err = net_connectFunc(s, addr);
	if (err != NULL && err != syscall_EINPROGRESS) {
		go_error_release(err);
		go_error_release(poll_CloseFunc(s));
		return -1;
	}
	return s;
}

time_Time
pollIn(time_Duration d)
{
	return time_Time_Add(time_Now(), d);
}

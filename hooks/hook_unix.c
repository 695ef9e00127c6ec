// C port of go1.19 src/net/hook_unix.go: the socket system calls net makes,
// as variables a test can replace, and two dialer test hooks. See hooks.h
// for who may set them.
#include "hooks/hooks.h"

/* Go: net/hook_unix.go testHookDialChannel, testHookCanceledDial (their default value) */
static void
noopTestHook(void)
{
}

void (*net_testHookDialChannel)(void) = noopTestHook;
void (*net_testHookCanceledDial)(void) = noopTestHook;

go_error *(*net_socketFunc)(int family, int sotype, int proto, int *s) = syscall_Socket;
go_error *(*net_connectFunc)(int s, const syscall_Sockaddr *sa) = syscall_Connect;
go_error *(*net_listenFunc)(int s, int backlog) = syscall_Listen;
go_error *(*net_getsockoptIntFunc)(int s, int level, int opt, int *v) = syscall_GetsockoptInt;

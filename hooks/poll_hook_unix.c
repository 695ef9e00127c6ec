// C port of go1.19 src/internal/poll/hook_unix.go: close(2) and accept(2)
// as variables a test can replace. See hooks.h for who may set them.
// C: named poll_hook_unix.c because net has a hook_unix.go of its own.
#include "hooks/hooks.h"

/* Go: internal/poll/hook_unix.go CloseFunc, AcceptFunc */
go_error *(*poll_CloseFunc)(int fd) = syscall_Close;
go_error *(*poll_AcceptFunc)(int s, int *ns, syscall_Sockaddr *sa) = syscall_Accept;

// C port of go1.19 src/internal/poll/hook_cloexec.go: accept4(2) as a
// variable a test can replace. See hooks.h for who may set it.
#include "hooks/hooks.h"

/* Go: internal/poll/hook_cloexec.go Accept4Func */
go_error *(*poll_Accept4Func)(int s, int flags, int *ns, syscall_Sockaddr *sa) = syscall_Accept4;

// The system call instruction itself, as Go's runtime/internal/syscall
// issues it (asm_linux_amd64.s), for the calls on the network hot path.
//
// C: libc's read and write are POSIX cancellation points: every call
// switches asynchronous cancellation on and off around the trap, about 2%
// of an echo server's time. gonet never cancels threads, so it traps
// directly, as Go does. Under TSan the libc wrappers stay: TSan learns from
// them the happens-before that data sent through a socket carries.
#ifndef GONET_SYSCALL_ASM_LINUX_AMD64_H
#define GONET_SYSCALL_ASM_LINUX_AMD64_H

#include <stdint.h>

#include "runtime_netpoll/sanitizers.h"

#if !defined(__x86_64__)
#error "gonet's raw system calls are written for x86-64 only"
#endif

/* Go: runtime/internal/syscall/asm_linux_amd64.s Syscall6 */
// Returns the errno (0 on success); *r1 is the kernel's result, or -1 on
// failure as in Go. Go's r2 (rdx after the trap) is not used on amd64.
static inline uintptr_t
syscall_RawSyscall6(uintptr_t num, uintptr_t a1, uintptr_t a2, uintptr_t a3, uintptr_t a4,
		    uintptr_t a5, uintptr_t a6, uintptr_t *r1)
{
	register uintptr_t r10 __asm__("r10") = a4;
	register uintptr_t r8 __asm__("r8") = a5;
	register uintptr_t r9 __asm__("r9") = a6;
	uintptr_t ax;

	// The kernel clobbers rcx (return address) and r11 (flags); the
	// "memory" clobber covers buffers the call reads or fills.
	__asm__ volatile("syscall"
			 : "=a"(ax)
			 : "0"(num), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	if (ax > (uintptr_t)-4096) {
		*r1 = (uintptr_t)-1;
		return -ax;
	}
	*r1 = ax;
	return 0;
}

/* Go: syscall/syscall_linux.go RawSyscall */
static inline uintptr_t
syscall_RawSyscall(uintptr_t trap, uintptr_t a1, uintptr_t a2, uintptr_t a3, uintptr_t *r1)
{
	return syscall_RawSyscall6(trap, a1, a2, a3, 0, 0, 0, r1);
}

#endif

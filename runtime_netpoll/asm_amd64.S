// go:build amd64
// C port of the context-switch parts of go1.19 src/runtime/asm_amd64.s:
// gogo/gosave (as one symmetric switch), the first frame of a goroutine
// (Go's goexit frame), systemstack's stack switch, and procyield.
//
// C differs from Go here: Go's ABI has no callee-saved registers, so Go's
// gobuf holds only sp, pc and bp. C code expects rbx, rbp, r12-r15 and the
// x87/SSE control words preserved across a call, so runtime_gogo pushes them
// on the stack it leaves and pops them from the stack it enters; the gobuf
// then needs only the stack pointer.

	.text

// void runtime_gogo(runtime_gobuf *save, runtime_gobuf *to)
// Saves the current context in *save and resumes the one in *to. Returns
// when some other context resumes *save.
	.globl	runtime_gogo
	.type	runtime_gogo, @function
runtime_gogo:
	.cfi_startproc
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	stmxcsr	(%rsp)
	fnstcw	4(%rsp)
	movl	(%rsp), %eax		// the control words we leave with
	movzwl	4(%rsp), %edx
	movq	%rsp, (%rdi)		// save->sp
	movq	(%rsi), %rsp		// to->sp
	// Loading a control word costs more than the rest of the switch
	// together (a few ns each, and they serialise): skip the loads when
	// the context we enter left with the same words, as nearly all do.
	cmpl	(%rsp), %eax
	jne	1f
	cmpw	4(%rsp), %dx
	jne	1f
2:	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
1:	ldmxcsr	(%rsp)
	fldcw	4(%rsp)
	jmp	2b
	.cfi_endproc
	.size	runtime_gogo, .-runtime_gogo

// The bottom frame of every goroutine: runtime_gogo "returns" here the first
// time a new G runs (stack.c builds that frame). Aligns the stack as the ABI
// wants for a call and enters C; runtime_goentry never returns.
	.globl	runtime_gostart
	.type	runtime_gostart, @function
runtime_gostart:
	.cfi_startproc
	.cfi_undefined rip		// outermost frame: unwinders stop here
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	runtime_goentry
	ud2
	.cfi_endproc
	.size	runtime_gostart, .-runtime_gostart

// void runtime_systemstack_switch(void (*fn)(void *), void *arg, uintptr_t sp)
// Runs fn(arg) with the stack pointer at sp (below the g0 frames still in
// use), then returns on the caller's stack.
	.globl	runtime_systemstack_switch
	.type	runtime_systemstack_switch, @function
runtime_systemstack_switch:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register rbp
	andq	$-16, %rdx
	movq	%rdx, %rsp
	movq	%rdi, %rax
	movq	%rsi, %rdi
	call	*%rax
	movq	%rbp, %rsp
	popq	%rbp
	.cfi_def_cfa rsp, 8
	ret
	.cfi_endproc
	.size	runtime_systemstack_switch, .-runtime_systemstack_switch

// void runtime_procyield(uint32_t cycles): spin with PAUSE (Go: procyield).
	.globl	runtime_procyield
	.type	runtime_procyield, @function
runtime_procyield:
	testl	%edi, %edi
	jz	2f
1:	pause
	subl	$1, %edi
	jnz	1b
2:	ret
	.size	runtime_procyield, .-runtime_procyield

	.section .note.GNU-stack,"",@progbits

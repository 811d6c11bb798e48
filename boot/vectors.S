/*
 * The exception vector page, mapped at 0xFFFF0000 (high vectors). Each
 * vector loads its handler's absolute address from a literal in the same
 * page, so the page works at any virtual address.
 *
 * Entry stubs save a struct pt_regs on the SVC stack (srsdb pushes the
 * return address and SPSR, the stub adds r0-r12, sp and lr), call the C
 * handler with a pointer to it, and return with rfe: a handler may change
 * the saved pc and registers to resume somewhere else. From user mode the
 * SVC stack is the task's kernel stack and the frame's sp and lr are the
 * user's banked ones (stm/ldm with ^); a handler may switch tasks before
 * the frame is restored (schedule() keeps each task's stack).
 */
	.syntax unified
	.arm

	.section .vectors, "ax"
	.global vector_page
vector_page:
	ldr	pc, .Lreset
	ldr	pc, .Lundef
	ldr	pc, .Lsvc
	ldr	pc, .Lpabt
	ldr	pc, .Ldabt
	b	.
	ldr	pc, .Lirq
	ldr	pc, .Lfiq
.Lreset: .word	entry_reset
.Lundef: .word	entry_undef
.Lsvc:	 .word	entry_svc
.Lpabt:	 .word	entry_pabt
.Ldabt:	 .word	entry_dabt
.Lirq:	 .word	entry_irq
.Lfiq:	 .word	entry_fiq

#define FRAME_SIZE	(18 * 4)
#define S_SP		(13 * 4)
#define S_LR		(14 * 4)
#define S_PSR		(17 * 4)

	.text
/* name, how far lr is past the return address, C handler */
	.macro exception_entry name, adjust, handler
	.global \name
	.type \name, %function
\name:
	.if \adjust
	sub	lr, lr, #\adjust
	.endif
	srsdb	sp!, #0x13			@ return address and SPSR onto the SVC stack
	cps	#0x13
	sub	sp, sp, #(FRAME_SIZE - 8)
	stmia	sp, {r0-r12}
	ldr	r1, [sp, #S_PSR]
	add	r0, sp, #S_SP
	tst	r1, #0xf			@ mode bits 3:0 are zero only for USR
	stmiaeq	r0, {sp, lr}^			@ the user's sp and lr
	addne	r1, sp, #FRAME_SIZE		@ sp as it was before the exception
	stmiane	r0, {r1, lr}
	mov	r0, sp
	mov	r4, sp
	bic	sp, sp, #7			@ AAPCS: 8-byte aligned stack for C
	bl	\handler
	mov	sp, r4
	b	ret_from_exception
	.endm

/*
 * Restore the frame at sp and return to where it says. CLREX first: ARMv7
 * does not promise that an exception clears the local exclusive monitor, so
 * code interrupted between its LDREX and STREX (the slab fast paths,
 * include/slab_fast.h, rely on this) must see its STREX fail whatever the
 * handler did, and a handler's own stray LDREX must not let it succeed.
 */
	.global ret_from_exception
	.type ret_from_exception, %function
ret_from_exception:
	clrex
	ldr	r1, [sp, #S_PSR]
	add	r0, sp, #S_SP
	tst	r1, #0xf
	ldrne	lr, [sp, #S_LR]
	ldmiaeq	r0, {sp, lr}^			@ back to the user's sp and lr
	nop					@ no banked register right after ldm ^
	ldmia	sp, {r0-r12}
	add	sp, sp, #(FRAME_SIZE - 8)
	rfeia	sp!

/*
 * __switch_to(prev, next): save prev's callee-saved registers, sp and
 * return address in prev->ctx, load next's. Returns in next, into whatever
 * called __switch_to there (or ret_from_fork for a new task), with r0
 * still prev: the task this CPU left, whose switch the scheduler finishes.
 */
	.global __switch_to
	.type __switch_to, %function
__switch_to:
	stmia	r0, {r4-r11, sp, lr}
	ldmia	r1, {r4-r11, sp, pc}

/*
 * A new task's first return. schedule_tail(prev) finishes the switch; then
 * a kernel thread (r5 = its function, r6 its argument, from ctx) runs and
 * never returns, and a process's kernel stack holds its user frame.
 */
	.global ret_from_fork
	.type ret_from_fork, %function
ret_from_fork:
	bl	schedule_tail
	cmp	r5, #0
	movne	r0, r6
	blxne	r5
	b	ret_from_exception

	exception_entry entry_undef, 4, do_undef

/*
 * The SVC entry, by hand: the exception_entry frame, but the exception is
 * taken in SVC mode already (no CPS), and a system call from user mode
 * goes straight to syscall_dispatch (every process's SVC is one). From
 * SVC mode (a semihosting call nobody answered, or a bug) do_svc decides.
 */
	.global entry_svc
	.type entry_svc, %function
entry_svc:
	srsdb	sp!, #0x13
	sub	sp, sp, #(FRAME_SIZE - 8)
	stmia	sp, {r0-r12}
	ldr	r1, [sp, #S_PSR]
	add	r0, sp, #S_SP
	tst	r1, #0xf
	bne	1f
	stmia	r0, {sp, lr}^			@ the user's sp and lr
	mov	r0, sp
	mov	r4, sp
	bic	sp, sp, #7
	bl	syscall_dispatch
	mov	sp, r4
	b	ret_from_exception
1:	add	r1, sp, #FRAME_SIZE
	stmia	r0, {r1, lr}
	mov	r0, sp
	mov	r4, sp
	bic	sp, sp, #7
	bl	do_svc
	mov	sp, r4
	b	ret_from_exception
	exception_entry entry_pabt,  4, do_prefetch_abort
	exception_entry entry_dabt,  8, do_data_abort
	exception_entry entry_irq,   4, do_irq
	exception_entry entry_fiq,   4, do_fiq

entry_reset:
	b	.

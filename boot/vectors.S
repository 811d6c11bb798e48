/*
 * The exception vector page, mapped at 0xFFFF0000 (high vectors). Each
 * vector loads its handler's absolute address from a literal in the same
 * page, so the page works at any virtual address.
 *
 * Entry stubs save a struct pt_regs on the SVC stack (srsdb pushes the
 * return address and SPSR, the stub adds r0-r12, sp and lr), call the C
 * handler with a pointer to it, and return with rfe: a handler may change
 * the saved pc and registers to resume somewhere else.
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
	add	r0, sp, #FRAME_SIZE		@ sp as it was before the exception
	str	r0, [sp, #S_SP]
	str	lr, [sp, #S_LR]
	mov	r0, sp
	mov	r4, sp
	bic	sp, sp, #7			@ AAPCS: 8-byte aligned stack for C
	bl	\handler
	mov	sp, r4
	ldr	lr, [sp, #S_LR]
	ldmia	sp, {r0-r12}
	add	sp, sp, #(FRAME_SIZE - 8)
	rfeia	sp!
	.endm

	exception_entry entry_undef, 4, do_undef
	exception_entry entry_svc,   0, do_svc
	exception_entry entry_pabt,  4, do_prefetch_abort
	exception_entry entry_dabt,  8, do_data_abort
	exception_entry entry_irq,   4, do_irq
	exception_entry entry_fiq,   4, do_fiq

entry_reset:
	b	.

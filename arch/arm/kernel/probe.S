/*
 * Memory probes that may fault. Each risky instruction has an __ex_table
 * entry {instruction, fixup}; the abort handlers resume at the fixup, which
 * returns -EFAULT (-14).
 */
#include <asm/assembler.h>

	.syntax unified
	.arm
	.text


	.global probe_read32
probe_read32:				@ (addr, *val)
1:	ldr	r2, [r0]
	str	r2, [r1]
	mov	r0, #0
	bx	lr
	extable 1b, fault_return

	.global probe_write32
probe_write32:				@ (addr, val)
1:	str	r1, [r0]
	mov	r0, #0
	bx	lr
	extable 1b, fault_return

	.global probe_ldrd
probe_ldrd:				@ (addr)
	push	{r4, r5}
1:	ldrd	r4, r5, [r0]
	pop	{r4, r5}
	mov	r0, #0
	bx	lr
2:	pop	{r4, r5}
	b	fault_return
	extable 1b, 2b

	.global probe_undef
probe_undef:
1:	.word	0xe7f000f0		@ udf #0: permanently undefined
	mov	r0, #0
	bx	lr
	extable 1b, fault_return

	.global probe_exec
probe_exec:				@ (addr): the prefetch handler returns to lr
	push	{r4, lr}
	ldr	r1, =exec_probe_addr
	str	r0, [r1]
	blx	r0
	ldr	r1, =exec_probe_addr		@ came back without a fault
	mov	r2, #0
	str	r2, [r1]
	mov	r0, #0
	pop	{r4, pc}
	.global exec_probe_fixup
exec_probe_fixup:			@ the prefetch abort handler resumes here
	mvn	r0, #13
	pop	{r4, pc}
	.ltorg

	.global fault_return
fault_return:
	mvn	r0, #13				@ -EFAULT
	bx	lr

	.global probe_read_scr
probe_read_scr:				@ (*out)
1:	mrc	p15, 0, r1, c1, c1, 0	@ SCR: UNDEFINED outside Secure PL1
	str	r1, [r0]
	mov	r0, #0
	bx	lr
	extable 1b, fault_return

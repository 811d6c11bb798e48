/*
 * Whole-cache maintenance by set/way, walking CLIDR's levels up to the
 * Level of Coherency. Used at boot before the MMU is on (so they are
 * position independent; head.S sets up a boot stack first for the register
 * saves) and by tests.
 */
	.syntax unified
	.arm
	.text

/*
 * op: 0 = invalidate (c6), 1 = clean+invalidate (c14). l1only: stop after
 * level 1 (a secondary CPU's own cache; the L2 beyond is shared).
 */
	.macro setway_all op, l1only=0
	dmb
	mrc	p15, 1, r0, c0, c0, 1		@ CLIDR
	ands	r3, r0, #0x07000000		@ LoC
	mov	r3, r3, lsr #23			@ LoC * 2
	beq	5f
	.if \l1only
	mov	r3, #2				@ level 1 only
	.endif
	mov	r10, #0				@ level * 2
1:	add	r2, r10, r10, lsr #1		@ level * 3
	mov	r1, r0, lsr r2
	and	r1, r1, #7			@ cache type at this level
	cmp	r1, #2
	blt	4f				@ no data cache here
	mcr	p15, 2, r10, c0, c0, 0		@ CSSELR
	isb
	mrc	p15, 1, r1, c0, c0, 0		@ CCSIDR
	and	r2, r1, #7
	add	r2, r2, #4			@ log2(line bytes)
	movw	r4, #0x3ff
	ands	r4, r4, r1, lsr #3		@ max way
	clz	r5, r4				@ way shift
	movw	r7, #0x7fff
	ands	r7, r7, r1, lsr #13		@ max set
2:	mov	r9, r7
3:	orr	r11, r10, r4, lsl r5
	orr	r11, r11, r9, lsl r2
	.if \op == 0
	mcr	p15, 0, r11, c7, c6, 2		@ DCISW
	.else
	mcr	p15, 0, r11, c7, c14, 2		@ DCCISW
	.endif
	subs	r9, r9, #1
	bge	3b
	subs	r4, r4, #1
	bge	2b
4:	add	r10, r10, #2
	cmp	r3, r10
	bgt	1b
5:	mov	r10, #0
	mcr	p15, 2, r10, c0, c0, 0		@ back to CSSELR level 0
	dsb	sy
	isb
	.endm

	.global dcache_inval_all
	.type dcache_inval_all, %function
dcache_inval_all:
	push	{r4-r11}
	setway_all 0
	pop	{r4-r11}
	bx	lr

/* A starting secondary CPU: its L1 data cache only, before it turns caches on. */
	.global dcache_inval_l1
	.type dcache_inval_l1, %function
dcache_inval_l1:
	push	{r4-r11}
	setway_all 0, 1
	pop	{r4-r11}
	bx	lr

	.global dcache_clean_inval_all
	.type dcache_clean_inval_all, %function
dcache_clean_inval_all:
	push	{r4-r11}
	setway_all 1
	pop	{r4-r11}
	bx	lr

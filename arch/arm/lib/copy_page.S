/*
 * copy_page(to, from): copy the 4096 bytes at from to to (asm/page.h); the
 * two must not overlap.
 *
 * One LDMIA and one STMIA of eight registers move 32 bytes; eight pairs per
 * loop iteration (256 bytes, as clear_page.S): 16 iterations of 18
 * instructions, against 4 instructions per word (about 4100 a page) for
 * the word-at-a-time memcpy. Measured under -icount (make bench,
 * "copy_page 4 KB", call included): 2 pairs per iteration 391, 4 pairs
 * 327, 8 pairs 295. As in clear_page.S, the count is kept apart from the
 * pointers.
 */
#include <asm/memory.h>

#define COPY_PAIRS_PER_LOOP 8
#define COPY_BYTES_PER_PAIR 32

	.syntax unified
	.arm
	.text

	.global copy_page
	.type copy_page, %function
	.balign 32
copy_page:
	push	{r4-r10}
	mov	r2, #PAGE_SIZE / (COPY_PAIRS_PER_LOOP * COPY_BYTES_PER_PAIR)
1:	.rept	COPY_PAIRS_PER_LOOP
	ldmia	r1!, {r3-r10}
	stmia	r0!, {r3-r10}
	.endr
	subs	r2, r2, #1
	bne	1b
	pop	{r4-r10}
	bx	lr
	.size copy_page, . - copy_page

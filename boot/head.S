/*
 * Kernel entry. QEMU (or a bootloader) starts us at the physical address of
 * _start with the MMU off. In order: leave HYP if we are in it, send every
 * CPU but the first to the secondary pen (arch/arm/kernel/head-smp.S), turn
 * caches off and invalidate them, clear BSS, build
 * an early translation table, turn the MMU on and jump to the kernel's link
 * address at PAGE_OFFSET. paging_init() later replaces the early table with
 * the final one, which has no identity mapping.
 */
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <board.h>


	.syntax unified
	.arm
	.arch_extension sec
	.arch_extension virt

#define MODE_SVC  0x13
#define MODE_HYP  0x1a
#define PSR_IF    0xc0
#define VIRT_TO_PHYS_DELTA (PAGE_OFFSET - PHYS_OFFSET)

	.section .head.text, "ax"
	.global _start
	.type _start, %function
_start:
	cpsid	aif
#if BOARD_CYCLE_COUNTER == CYCLES_PMCCNTR
	/*
	 * The boot's instruction count (init/boot_time.c) starts here: reset and
	 * start the cycle counter, before anything else. Every CPU runs this;
	 * PMCCNTR is per CPU and only CPU 0's is read during boot.
	 */
	mov	r0, #5				@ PMCR: E (count), C (reset PMCCNTR)
	mcr	p15, 0, r0, c9, c12, 0
	mov	r0, #0x80000000
	mcr	p15, 0, r0, c9, c12, 1		@ PMCNTENSET: the cycle counter
#endif
	mov	r8, r2				@ a bootloader's device tree (ATAGS/DTB) pointer
	/* A board started in HYP (e.g. vexpress-a15,secure=off) drops to SVC. */
	mrs	r0, cpsr
	and	r0, r0, #0x1f
	cmp	r0, #MODE_HYP
	bne	1f
	movw	r0, #(PSR_IF | 0x100 | MODE_SVC)	@ SVC, A/I/F masked
	msr	spsr_cxsf, r0
	adr	r0, 1f
	msr	elr_hyp, r0
	eret
1:
	/*
	 * Every CPU starts here on the pen boards; all but CPU 0 wait in
	 * secondary_pen until smp_init() releases them (docs/smp.md). Only Aff0
	 * (the CPU in its cluster) counts: the BCM2836 on raspi2b reports
	 * cluster 0xF.
	 */
	mrc	p15, 0, r0, c0, c0, 5		@ MPIDR
	and	r1, r0, #0xc0000000
	cmp	r1, #0x80000000			@ multiprocessor format, not uniprocessor
	bne	2f
	tst	r0, #0xff			@ Aff0
	bne	secondary_pen			@ r0 = MPIDR
2:
	/* MMU and caches off, whatever a bootloader left. */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #0x1			@ M
	bic	r0, r0, #0x4			@ C
	bic	r0, r0, #0x1000			@ I
	mcr	p15, 0, r0, c1, c0, 0
	isb

	ldr	r4, =VIRT_TO_PHYS_DELTA
	ldr	sp, =boot_stack_top
	sub	sp, sp, r4			@ physical boot stack

	bl	dcache_inval_all		@ stale lines must not be written back later
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	dsb	sy
	isb

	/* Clear BSS (physical addresses; the boot stack is not in BSS). */
	ldr	r0, =__bss_start
	sub	r0, r0, r4
	ldr	r1, =__bss_end
	sub	r1, r1, r4
	mov	r2, #0
3:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	3b

	/* CPU number 0 for smp_processor_id(); join coherency before caches go on. */
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 4		@ TPIDRPRW
	bl	cpu_enable_smp

	/* Remember r2 from the bootloader (BSS is clear now, so store it after). */
	ldr	r0, =boot_r2
	sub	r0, r0, r4
	str	r8, [r0]

	/* Early table, in BSS and so already zero. */
	ldr	r5, =early_pg_dir
	sub	r5, r5, r4

	/*
	 * r6 = the S bit for Normal memory: set on a multiprocessor (MPIDR.M = 1,
	 * U = 0), as paging_init() will map it (pt_encode.c). The secondaries
	 * run through this table with caches on before they switch to
	 * swapper_pg_dir: the same RAM must not be Shareable in one table and
	 * not in the other.
	 */
	mrc	p15, 0, r0, c0, c0, 5		@ MPIDR
	and	r0, r0, #0xc0000000
	cmp	r0, #0x80000000
	moveq	r6, #1
	movne	r6, #0

	/* Identity map of the image's sections, so the MMU switch-on survives. */
	ldr	r0, =_text
	sub	r0, r0, r4
	lsr	r0, r0, #SECTION_SHIFT
	ldr	r1, =_end
	sub	r1, r1, r4
	sub	r1, r1, #1
	lsr	r1, r1, #SECTION_SHIFT
	ldr	r2, =EARLY_SECT_NORMAL
	cmp	r6, #1
	orreq	r2, r2, #SECT_S
4:	orr	r3, r2, r0, lsl #SECTION_SHIFT
	str	r3, [r5, r0, lsl #2]
	add	r0, r0, #1
	cmp	r0, r1
	bls	4b

	/* The first EARLY_MAP_SIZE of RAM at PAGE_OFFSET. */
	ldr	r0, =(PAGE_OFFSET >> SECTION_SHIFT)
	ldr	r1, =(PHYS_OFFSET | EARLY_SECT_NORMAL)
	cmp	r6, #1
	orreq	r1, r1, #SECT_S
	mov	r3, #(EARLY_MAP_SIZE >> SECTION_SHIFT)
5:	str	r1, [r5, r0, lsl #2]
	add	r0, r0, #1
	add	r1, r1, #SECTION_SIZE
	subs	r3, r3, #1
	bne	5b

	/* The UART's section at EARLY_IO_VA for the boot console. */
	ldr	r0, =(EARLY_IO_VA >> SECTION_SHIFT)
	ldr	r1, =((BOARD_UART_PHYS & SECT_ADDR_MASK) | EARLY_SECT_DEVICE)
	str	r1, [r5, r0, lsl #2]

	/*
	 * The vector page at 0xFFFF0000 through a small L2 table, so that an
	 * exception (a semihosting SVC on hardware, an UNDEF while probing the
	 * CPU) is handled even before paging_init builds the real tables.
	 */
	ldr	r0, =early_vectors_pt
	sub	r0, r0, r4
	orr	r1, r0, #L1_TYPE_TABLE
	ldr	r2, =(VECTORS_BASE >> SECTION_SHIFT)
	str	r1, [r5, r2, lsl #2]
	ldr	r1, =__vectors_start
	sub	r1, r1, r4
	ldr	r2, =EARLY_PTE_VECTORS
	cmp	r6, #1
	orreq	r2, r2, #PTE_S
	orr	r1, r1, r2
	ldr	r2, =((VECTORS_BASE >> 12) & 0xff)
	str	r1, [r0, r2, lsl #2]

	/*
	 * TTBCR.N = 0: TTBR0 translates all 4 GB. Processes will get their own
	 * TTBR0 table whose entries from TASK_SIZE (pkmap) up are a copy of the
	 * kernel's; TTBR1 holds the kernel table for reference. Domain 0 is "client": permissions checked.
	 */
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR
	mcr	p15, 0, r0, c13, c0, 1		@ CONTEXTIDR: ASID 0
	bl	ttb_flags
	orr	r0, r0, r5
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0
	mcr	p15, 0, r0, c2, c0, 1		@ TTBR1
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: domain 0 client, others no access
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	dsb	sy
	isb

	ldr	lr, =__mmap_switched		@ virtual address to continue at
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(0x3 << 28)		@ TRE, AFE off: TEX/C/B and AP[0] as written
	orr	r0, r0, #0x2000			@ V: high vectors at 0xFFFF0000
	bic	r0, r0, #0x2			@ A: no alignment checking on normal memory
	orr	r0, r0, #0x1			@ M
	orr	r0, r0, #0x4			@ C
	orr	r0, r0, #0x800			@ Z
	orr	r0, r0, #0x1000			@ I
	.global __turn_mmu_on			@ a name to break at (docs/debugging.md)
__turn_mmu_on:
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr

/*
 * r0 <- TTBR walk attributes: cacheable walks. With the multiprocessing
 * extensions (MPIDR bit 31) IRGN is split over bits 0 and 6: use WBWA, and
 * mark the tables inner shareable (S, NOS) as SMP requires: every CPU walks
 * swapper_pg_dir. Secondary CPUs copy these bits (head-smp.S).
 */
	.global ttb_flags
ttb_flags:
	mrc	p15, 0, r1, c0, c0, 5
	tst	r1, #0x80000000
	movne	r0, #(TTB_IRGN0 | TTB_RGN_WBWA | TTB_S | TTB_NOS)
	moveq	r0, #(TTB_C | TTB_RGN_WBWA)
	bx	lr
	.ltorg

/* From here on we run at the link address. */
	.text
	.type __mmap_switched, %function
__mmap_switched:
	cps	#0x1b				@ UND
	ldr	sp, =und_stack_top
	cps	#0x17				@ ABT
	ldr	sp, =abt_stack_top
	cps	#0x12				@ IRQ
	ldr	sp, =irq_stack_top
	cps	#0x11				@ FIQ
	ldr	sp, =fiq_stack_top
	cps	#0x1f				@ SYS (shares the user registers)
	ldr	sp, =sys_stack_top
	cps	#MODE_SVC
	ldr	sp, =init_stack_top
	mov	fp, #0
	bl	start_kernel
	b	.

/* Stacks: 8 KB for SVC (the kernel runs here), 1 KB for each other mode. */
	.section .stack, "aw", %nobits
	.balign 8
	.space	1024
boot_stack_top:
	.space	1024
und_stack_top:
	.space	1024
abt_stack_top:
	.space	1024
irq_stack_top:
	.space	1024
fiq_stack_top:
	.space	1024
sys_stack_top:
	.global init_stack_bottom
init_stack_bottom:
	.space	8192
	.global init_stack_top
init_stack_top:

	.bss
	.balign 4
	.global boot_r2
boot_r2:				@ r2 at entry: a device tree's physical address, or 0
	.space	4

	.section .bss.pgdir, "aw", %nobits
	.balign 16384
	.global early_pg_dir
early_pg_dir:
	.space	16384
early_vectors_pt:			@ L2 table for 0xFFF00000-0xFFFFFFFF
	.space	1024

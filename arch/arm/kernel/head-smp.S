/*
 * Secondary CPUs, from their first instruction to C (docs/smp.md).
 *
 * secondary_pen: on boards where every CPU starts at the ELF entry
 * (SMP_PEN_IPI), head.S sends each CPU but the first here, MMU and caches
 * off. The CPU turns on just enough of its interrupt controller to be woken
 * (its GIC CPU interface, or its BCM2836 mailbox 0 interrupt), then sleeps
 * in WFI with interrupts masked: WFI still wakes on a pending interrupt. It
 * leaves when its word in secondary_release holds an address. (WFE would be
 * a busy poll in QEMU: PLATFORM.md.)
 *
 * secondary_startup: where a released or PSCI-started CPU begins, at its
 * physical address. It joins coherency (ACTLR.SMP) before caches and MMU
 * go on, switches the MMU on through early_pg_dir, whose identity map still
 * covers the image, then moves to swapper_pg_dir as the boot CPU uses it
 * and calls secondary_start_kernel() on its own stacks.
 */
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/smp.h>
#include "board.h"

	.syntax unified
	.arm
	.arch_extension sec
	.arch_extension virt

#define MODE_SVC  0x13
#define MODE_HYP  0x1a
#define PSR_IF    0xc0
#define VIRT_TO_PHYS_DELTA (PAGE_OFFSET - PHYS_OFFSET)

/* GIC registers the pen touches (drivers/irqchip/gic.c has them all). */
#define GICD_ISENABLER0 0x100
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10
/* BCM2836 local controller: mailbox interrupt control, mailbox read/clear. */
#define LOCAL_MAILBOX_INT_CTRL0 0x50
#define LOCAL_MAILBOX0_CLR0     0xc0

	.text

/* r0 = MPIDR. Never returns. */
	.global secondary_pen
	.type secondary_pen, %function
secondary_pen:
#if BOARD_SMP_METHOD == SMP_PEN_IPI
	and	r4, r0, #0xff			@ Aff0: the CPU number
	cmp	r4, #NR_CPUS
	bhs	pen_forever			@ more CPUs than the kernel takes
#if BOARD_IRQCHIP == IRQCHIP_GIC
	ldr	r5, =BOARD_GIC_CPU
	ldr	r6, =BOARD_GIC_DIST
	movw	r1, #0xffff
	str	r1, [r6, #GICD_ISENABLER0]	@ banked: this CPU's SGIs enabled
	mov	r1, #0xff
	str	r1, [r5, #GICC_PMR]		@ every priority passes
	mov	r1, #1
	str	r1, [r5, #GICC_CTLR]		@ CPU interface on
#elif BOARD_IRQCHIP == IRQCHIP_BCM2836
	ldr	r5, =BOARD_LOCAL_INTC
	add	r1, r5, #LOCAL_MAILBOX_INT_CTRL0
	mov	r2, #1
	str	r2, [r1, r4, lsl #2]		@ this core's mailbox 0 raises its IRQ
	add	r5, r5, #LOCAL_MAILBOX0_CLR0
	add	r5, r5, r4, lsl #4		@ this core's mailbox 0, read / write-1-to-clear
#else
#error "SMP_PEN_IPI needs a GIC or a BCM2836 local controller"
#endif
	ldr	r7, =secondary_release
	ldr	r1, =VIRT_TO_PHYS_DELTA
	sub	r7, r7, r1
	add	r7, r7, r4, lsl #2		@ this CPU's release word (physical)
1:	wfi
#if BOARD_IRQCHIP == IRQCHIP_GIC
	ldr	r1, [r5, #GICC_IAR]		@ take the SGI...
	ubfx	r2, r1, #0, #10
	cmp	r2, #1020
	strlo	r1, [r5, #GICC_EOIR]		@ ...and end it (1020-1023: spurious)
#else
	ldr	r1, [r5]
	str	r1, [r5]			@ clear the mailbox bits that woke us
#endif
	dsb	sy
	ldr	r0, [r7]			@ uncached: the boot CPU cleaned it to PoC
	cmp	r0, #0
	beq	1b
	bx	r0
#endif
pen_forever:
	wfi
	b	pen_forever

/*
 * Join the SMP coherency domain: ACTLR.SMP (bit 6) on Cortex-A9, A15 and
 * A7, and on A9 also FW (bit 0, cache and TLB maintenance broadcast). Must
 * run before this CPU's caches and MMU go on. Left alone when already set
 * (in Non-secure state the bit may be read-only) and on uniprocessor CPUs
 * (MPIDR.U, or no multiprocessing extensions: the Cortex-A8). Uses r0-r2.
 */
	.global cpu_enable_smp
	.type cpu_enable_smp, %function
cpu_enable_smp:
	mrc	p15, 0, r0, c0, c0, 5		@ MPIDR
	and	r0, r0, #0xc0000000
	cmp	r0, #0x80000000			@ MP format, not a uniprocessor
	bxne	lr
	mrc	p15, 0, r0, c0, c0, 0		@ MIDR
	ubfx	r0, r0, #4, #12			@ primary part number
	movw	r1, #0xc09
	cmp	r0, r1
	moveq	r2, #0x41			@ A9: SMP | FW
	beq	1f
	movw	r1, #0xc0f
	cmp	r0, r1
	movwne	r1, #0xc07
	cmpne	r0, r1
	bxne	lr
	mov	r2, #0x40			@ A15, A7: SMP
1:	mrc	p15, 0, r0, c1, c0, 1		@ ACTLR
	and	r1, r0, r2
	cmp	r1, r2
	orrne	r0, r0, r2
	mcrne	p15, 0, r0, c1, c0, 1
	isb
	bx	lr

	.global secondary_startup
	.type secondary_startup, %function
secondary_startup:
	cpsid	aif
	mrs	r0, cpsr			@ PSCI may start us in HYP: drop to SVC
	and	r0, r0, #0x1f
	cmp	r0, #MODE_HYP
	bne	1f
	movw	r0, #(PSR_IF | 0x100 | MODE_SVC)
	msr	spsr_cxsf, r0
	adr	r0, 1f
	msr	elr_hyp, r0
	eret
1:	mrc	p15, 0, r4, c0, c0, 5
	and	r4, r4, #0xff			@ r4 = CPU number, kept to the end
	ldr	r10, =VIRT_TO_PHYS_DELTA
	/* r9 = this CPU's stack block (virtual): secondary_stacks[cpu - 1] */
	ldr	r9, =secondary_stacks
	sub	r0, r4, #1
	ldr	r1, =SECONDARY_STACK_SIZE
	mla	r9, r0, r1, r9
	add	sp, r9, r1			@ top of the SVC stack...
	sub	sp, sp, r10			@ ...physical for now

	mrc	p15, 0, r0, c1, c0, 0		@ MMU and caches off, whatever was left
	bic	r0, r0, #0x1
	bic	r0, r0, #0x4
	bic	r0, r0, #0x1000
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bl	dcache_inval_l1			@ this CPU's own cache only: L2 is shared
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	dsb	sy
	isb
	bl	cpu_enable_smp

	/* The boot CPU's translation regime, through early_pg_dir's identity map first. */
	ldr	r8, =secondary_boot
	sub	r8, r8, r10			@ physical: read uncached
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR.N = 0
	mcr	p15, 0, r0, c13, c0, 1		@ CONTEXTIDR: ASID 0
	mov	r0, #1
	mcr	p15, 0, r0, c3, c0, 0		@ DACR: domain 0 client
	ldr	r1, [r8]			@ secondary_boot.ttbr
	and	r1, r1, #0x7f			@ its walk attributes
	ldr	r0, =early_pg_dir
	sub	r0, r0, r10
	orr	r0, r0, r1
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0
	mcr	p15, 0, r0, c2, c0, 1		@ TTBR1
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	dsb	sy
	isb
	ldr	r0, [r8, #4]			@ secondary_boot.sctlr: M, C, I, Z, V as CPU 0
	ldr	lr, =__secondary_switched
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr

/* At the link address now, still in early_pg_dir. */
	.type __secondary_switched, %function
__secondary_switched:
	ldr	r0, =secondary_boot
	ldr	r0, [r0]
	dsb	sy
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0 = TTBR1 = swapper_pg_dir
	mcr	p15, 0, r0, c2, c0, 1
	isb
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL: nothing of early_pg_dir stays
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	dsb	sy
	isb
	mcr	p15, 0, r4, c13, c0, 4		@ TPIDRPRW = CPU number (smp_processor_id)
	cps	#0x1b				@ UND
	add	sp, r9, #1024
	cps	#0x17				@ ABT
	add	sp, r9, #2048
	cps	#0x12				@ IRQ
	add	sp, r9, #3072
	cps	#0x11				@ FIQ
	add	sp, r9, #4096
	cps	#0x1f				@ SYS
	add	sp, r9, #5120
	cps	#MODE_SVC
	ldr	r1, =SECONDARY_STACK_SIZE
	add	sp, r9, r1
	mov	fp, #0
	mov	r0, r4
	bl	secondary_start_kernel
	b	.
	.ltorg

	.data
	.balign 4
	.global secondary_release
secondary_release:			@ in .data, not .bss: 0 from the first instruction on
	.rept	NR_CPUS
	.word	0
	.endr

	.bss
	.balign 8
	.global secondary_stacks
secondary_stacks:
	.space	(NR_CPUS - 1) * SECONDARY_STACK_SIZE

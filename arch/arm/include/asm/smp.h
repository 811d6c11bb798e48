/*
 * The arch side of SMP (arch/arm/kernel/smp.c, head-smp.S): what the
 * interrupt-controller drivers and the boot code see. The driver of the
 * board's interrupt controller registers how to raise an IPI and how to set
 * up its per-CPU state on a newly started CPU, and calls smp_handle_ipi()
 * for each IPI it takes, as Linux's set_smp_cross_call() does.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

#define NR_CPUS 4 /* the most CPUs the kernel brings up (Cortex-A9/A15/A7 clusters) */

/* Per secondary CPU: 1 KB for each of UND, ABT, IRQ, FIQ, SYS, then 8 KB for SVC (head-smp.S). */
#define SECONDARY_STACK_SIZE (5 * 1024 + 8192)

#ifndef __ASSEMBLER__
#include "types.h"

/* TPIDRPRW holds the CPU number: 0 on the boot CPU (head.S), n on CPU n. */
static inline unsigned raw_smp_processor_id(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 4" : "=r"(v));
	return v;
}

struct smp_ipi_ops {
	const char *name;
	unsigned nr_cpus;                              /* how many CPUs the controller serves */
	void (*send)(uint32_t cpu_mask, unsigned ipi); /* raise ipi on those CPUs */
	void (*cpu_init)(void); /* a secondary's banked/per-core state; IRQs still off */
};

void set_smp_ipi_ops(const struct smp_ipi_ops *ops);
/* Called by the driver, in IRQ context on the receiving CPU, for each IPI taken. */
void smp_handle_ipi(unsigned ipi);

/* What a secondary CPU finds in memory at start-up (head-smp.S reads it with the MMU off). */
struct secondary_boot {
	uint32_t ttbr;  /* swapper_pg_dir's PA with the boot CPU's walk attributes */
	uint32_t sctlr; /* the boot CPU's SCTLR */
};
extern struct secondary_boot secondary_boot;
/* Per CPU: 0 while in the pen, then the PA a pen CPU jumps to (head-smp.S, in .data). */
extern volatile uint32_t secondary_release[];

void secondary_startup(void); /* physical entry of a secondary (PSCI, the pen) */
void secondary_start_kernel(unsigned cpu) __attribute__((noreturn));

#endif /* __ASSEMBLER__ */
#endif

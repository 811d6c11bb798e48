/*
 * Interrupt context: do_irq() (arch/arm/kernel/traps.c) brackets the
 * handlers with irq_enter()/irq_exit(), so in_irq() tells whether this CPU
 * runs an interrupt handler. Handlers run in SVC mode (boot/vectors.S), so
 * the CPSR mode cannot tell. The depth is kept per CPU, indexed by
 * lock_cpu_slot() (MPIDR's Aff0: 0-3 on every board here), which lockdep
 * also uses for its per-CPU held-lock stacks.
 */
#ifndef ASM_HARDIRQ_H
#define ASM_HARDIRQ_H

#include "asm/cp15.h"

#define LOCK_MAX_CPUS 4

extern unsigned hardirq_depth[LOCK_MAX_CPUS];

static inline unsigned lock_cpu_slot(void)
{
	return read_mpidr() & (LOCK_MAX_CPUS - 1);
}

static inline bool in_irq(void)
{
	return hardirq_depth[lock_cpu_slot()] != 0;
}

static inline void irq_enter(void)
{
	hardirq_depth[lock_cpu_slot()]++;
}

static inline void irq_exit(void)
{
	hardirq_depth[lock_cpu_slot()]--;
}

#endif

/* The CPSR I bit: interrupts on and off on this CPU. */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include "types.h"

#define PSR_I_BIT 0x80 /* CPSR.I: IRQs masked */

static inline void local_irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}
static inline void local_irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

static inline uint32_t local_irq_save(void)
{
	uint32_t flags;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(flags)::"memory");
	return flags;
}

static inline void local_irq_restore(uint32_t flags)
{
	__asm__ volatile("msr cpsr_c, %0" ::"r"(flags) : "memory");
}

static inline bool irqs_disabled(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	return cpsr & PSR_I_BIT;
}

/* Were interrupts off when local_irq_save() returned flags? */
static inline bool irqs_disabled_flags(uint32_t flags)
{
	return flags & PSR_I_BIT;
}

/* Sleep until an interrupt (taken at once if enabled). */
static inline void cpu_idle(void)
{
	__asm__ volatile("dsb\n\twfi" ::: "memory");
}

#endif

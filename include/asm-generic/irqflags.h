/*
 * asm/irqflags.h and asm/hardirq.h for host builds (tests/host): no
 * interrupts, but the same calls over two per-thread variables, so that a
 * test can pretend to be an interrupt handler (host_in_irq) or to run with
 * interrupts masked (host_irqs_off). tests/host/host_irq.c defines them.
 */
#ifndef ASM_GENERIC_IRQFLAGS_H
#define ASM_GENERIC_IRQFLAGS_H

#include "types.h"

extern __thread bool host_irqs_off;
extern __thread unsigned host_in_irq;

#define PSR_I_BIT 0x80

static inline uint32_t local_irq_save(void)
{
	uint32_t flags = host_irqs_off ? PSR_I_BIT : 0;

	host_irqs_off = true;
	return flags;
}

static inline void local_irq_restore(uint32_t flags)
{
	host_irqs_off = flags & PSR_I_BIT;
}

static inline void local_irq_enable(void)
{
	host_irqs_off = false;
}

static inline void local_irq_disable(void)
{
	host_irqs_off = true;
}

static inline bool irqs_disabled(void)
{
	return host_irqs_off;
}

static inline bool irqs_disabled_flags(uint32_t flags)
{
	return flags & PSR_I_BIT;
}

static inline bool in_irq(void)
{
	return host_in_irq != 0;
}

static inline unsigned lock_cpu_slot(void)
{
	return 0;
}

#endif

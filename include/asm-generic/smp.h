/*
 * asm/smp.h for host builds (tests/host): one CPU, number 0, with the
 * kernel's NR_CPUS so that per-CPU arrays keep their shape. The cross calls
 * and the online mask are in tests/host/host_irq.c (CPU 0 only).
 */
#ifndef ASM_GENERIC_SMP_H
#define ASM_GENERIC_SMP_H

#include "types.h"

#define NR_CPUS 4

static inline unsigned raw_smp_processor_id(void)
{
	return 0;
}

#endif

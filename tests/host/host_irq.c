/* The pretend interrupt state of asm-generic/irqflags.h, one per thread. */
#include "asm-generic/irqflags.h"
#include "smp.h"

__thread bool host_irqs_off;
__thread unsigned host_in_irq;

/* include/smp.h on the host: CPU 0 alone, so a cross call runs at once on the caller. */
uint32_t cpu_online_mask(void)
{
	return 1;
}

unsigned num_online_cpus(void)
{
	return 1;
}

int smp_call_function_many(uint32_t cpu_mask, smp_call_func_t fn, void *info, bool wait)
{
	(void)wait;
	if (cpu_mask & 1) {
		uint32_t flags = local_irq_save();

		fn(info);
		local_irq_restore(flags);
	}
	return 0;
}

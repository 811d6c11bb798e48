/* Interrupt controller drivers: each claims its registers and becomes the root controller. */
#ifndef IRQCHIP_H
#define IRQCHIP_H

#include "types.h"

int gic_init(phys_addr_t dist_phys, phys_addr_t cpu_phys);
int bcm2836_intc_init(phys_addr_t local_phys, phys_addr_t gpu_phys);

#endif

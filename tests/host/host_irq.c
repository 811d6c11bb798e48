/* The pretend interrupt state of asm-generic/irqflags.h, one per thread. */
#include "asm-generic/irqflags.h"

__thread bool host_irqs_off;
__thread unsigned host_in_irq;

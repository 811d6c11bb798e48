/*
 * The BCM2836 per-core interrupt controller (raspi2b). Core 0's IRQ source
 * register says which local sources are pending; its timer control
 * register routes the four generic-timer interrupts. The interrupt number
 * here is the source bit: 0 CNTPS, 1 CNTPNS, 2 CNTHP, 3 CNTV, 8 GPU, 11 local timer.
 */
#include "asm/io.h"
#include "errno.h"
#include "ioport.h"
#include "irq.h"
#include "printk.h"
#include "irqchip.h"

#define LOCAL_TIMER_INT_CTRL0 0x40 /* core 0: bits 0-3 route the timer interrupts to IRQ */
#define LOCAL_IRQ_SOURCE0     0x60

static void __iomem *local;
static uint32_t enabled;

static void bcm2836_enable(unsigned irq)
{
	if (irq < 4) {
		enabled |= 1u << irq;
		writel(enabled & 0xf, (char __iomem *)local + LOCAL_TIMER_INT_CTRL0);
	}
}

static void bcm2836_disable(unsigned irq)
{
	if (irq < 4) {
		enabled &= ~(1u << irq);
		writel(enabled & 0xf, (char __iomem *)local + LOCAL_TIMER_INT_CTRL0);
	}
}

static int bcm2836_ack(void)
{
	uint32_t pending = readl((char __iomem *)local + LOCAL_IRQ_SOURCE0) & enabled;

	return pending ? __builtin_ctz(pending) : -1;
}

static void bcm2836_eoi(unsigned irq)
{
	(void)irq; /* level-triggered: the device's handler clears the source */
}

static const struct irq_chip bcm2836_chip = {
	.name = "BCM2836 local",
	.enable = bcm2836_enable,
	.disable = bcm2836_disable,
	.ack = bcm2836_ack,
	.eoi = bcm2836_eoi,
};

int bcm2836_intc_init(phys_addr_t local_phys)
{
	if (!request_mem_region(local_phys, 0x100, "bcm2836-local-intc"))
		return -EBUSY;
	local = ioremap(local_phys, 0x100);
	if (!local)
		return -ENOMEM;
	writel(0, (char __iomem *)local + LOCAL_TIMER_INT_CTRL0);
	irq_set_chip(&bcm2836_chip);
	printk("irq: BCM2836 local interrupt controller at %#x\n", local_phys);
	return 0;
}

/*
 * The BCM2836 per-core interrupt controller (raspi2b). Core 0's IRQ source
 * register says which local sources are pending; its timer control
 * register routes the four generic-timer interrupts. The interrupt number
 * here is the source bit: 0 CNTPS, 1 CNTPNS, 2 CNTHP, 3 CNTV, 8 GPU, 11 local timer.
 * Device interrupts go to core 0 only.
 *
 * The peripherals' interrupts (the PL011's is 57) come through the BCM2835
 * "GPU" controller behind source bit 8: they are numbered 32 + n here
 * (32..95), enabled and found pending in its registers (BCM2835 ARM
 * Peripherals, section 7).
 *
 * IPIs: bit n of a core's mailbox 0 is IPI n. Each core enables its own
 * mailbox 0 interrupt (source bit 4) and bcm2836_ack() handles the IPIs it
 * finds there (smp_handle_ipi()) before it looks at device interrupts.
 */
#include "asm/io.h"
#include "errno.h"
#include "ioport.h"
#include "irq.h"
#include "printk.h"
#include "irqchip.h"
#include "smp.h"

#define LOCAL_TIMER_INT_CTRL0   0x40 /* core 0: bits 0-3 route the timer interrupts to IRQ */
#define LOCAL_MAILBOX_INT_CTRL0 0x50 /* + 4 * core: bit 0 = mailbox 0 raises IRQ */
#define LOCAL_IRQ_SOURCE0       0x60 /* + 4 * core */
#define LOCAL_MAILBOX0_SET0     0x80 /* + 16 * core: write ones to set */
#define LOCAL_MAILBOX0_CLR0     0xc0 /* + 16 * core: read, write ones to clear */
#define SOURCE_MAILBOX0         (1u << 4)
#define SOURCE_GPU              (1u << 8)
#define BCM2836_CORES           4

/* The BCM2835 controller, from its base (0x...b200): two banks of 32 interrupts. */
#define GPU_IRQ_BASE  32 /* interrupt numbers 32..95 are its interrupts 0..63 */
#define GPU_PENDING1  0x04
#define GPU_ENABLE1   0x10
#define GPU_DISABLE1  0x1c
#define GPU_INTC_SIZE 0x28

static void __iomem *local;
static char __iomem *gpu;
static uint32_t enabled, gpu_enabled[2];

/* A BCM2835 interrupt (32..95): set its bit in the bank's enable or disable register. */
static void gpu_irq_set(unsigned irq, bool on)
{
	unsigned n = irq - GPU_IRQ_BASE, bank = n / 32;
	uint32_t bit = 1u << (n % 32);

	if (!gpu || n >= 64)
		return;
	if (on)
		gpu_enabled[bank] |= bit;
	else
		gpu_enabled[bank] &= ~bit;
	writel(bit, gpu + (on ? GPU_ENABLE1 : GPU_DISABLE1) + 4 * bank);
}

static void bcm2836_enable(unsigned irq)
{
	if (irq < 4) {
		enabled |= 1u << irq;
		writel(enabled & 0xf, (char __iomem *)local + LOCAL_TIMER_INT_CTRL0);
	} else if (irq >= GPU_IRQ_BASE) {
		gpu_irq_set(irq, true);
	}
}

static void bcm2836_disable(unsigned irq)
{
	if (irq < 4) {
		enabled &= ~(1u << irq);
		writel(enabled & 0xf, (char __iomem *)local + LOCAL_TIMER_INT_CTRL0);
	} else if (irq >= GPU_IRQ_BASE) {
		gpu_irq_set(irq, false);
	}
}

static int bcm2836_ack(void)
{
	unsigned core = smp_processor_id();
	char __iomem *mbox = (char __iomem *)local + LOCAL_MAILBOX0_CLR0 + 16 * core;
	uint32_t pending = readl((char __iomem *)local + LOCAL_IRQ_SOURCE0 + 4 * core);

	if (pending & SOURCE_MAILBOX0) {
		uint32_t ipis = readl(mbox);

		writel(ipis, mbox); /* clear before handling: a new IPI sets its bit again */
		while (ipis) {
			smp_handle_ipi((unsigned)__builtin_ctz(ipis));
			ipis &= ipis - 1;
		}
	}
	if (core != 0)
		return -1;
	if (pending & enabled)
		return __builtin_ctz(pending & enabled);
	if ((pending & SOURCE_GPU) && gpu) {
		for (unsigned bank = 0; bank < 2; bank++) {
			uint32_t p = readl(gpu + GPU_PENDING1 + 4 * bank) & gpu_enabled[bank];

			if (p)
				return GPU_IRQ_BASE + 32 * (int)bank + __builtin_ctz(p);
		}
	}
	return -1;
}

static void bcm2836_eoi(unsigned irq)
{
	(void)irq; /* level-triggered: the device's handler clears the source */
}

static void bcm2836_send_ipi(uint32_t cpu_mask, unsigned ipi)
{
	for (unsigned core = 0; core < BCM2836_CORES; core++)
		if (cpu_mask & (1u << core))
			writel(1u << ipi, (char __iomem *)local + LOCAL_MAILBOX0_SET0 + 16 * core);
}

static void bcm2836_cpu_init(void)
{
	writel(1, (char __iomem *)local + LOCAL_MAILBOX_INT_CTRL0 + 4 * smp_processor_id());
}

static const struct smp_ipi_ops bcm2836_ipi_ops = {
	.name = "BCM2836 mailbox 0",
	.nr_cpus = BCM2836_CORES, /* the controller has registers for four cores */
	.send = bcm2836_send_ipi,
	.cpu_init = bcm2836_cpu_init,
};

static const struct irq_chip bcm2836_chip = {
	.name = "BCM2836 local",
	.enable = bcm2836_enable,
	.disable = bcm2836_disable,
	.ack = bcm2836_ack,
	.eoi = bcm2836_eoi,
};

int bcm2836_intc_init(phys_addr_t local_phys, phys_addr_t gpu_phys)
{
	if (!request_mem_region(local_phys, 0x100, "bcm2836-local-intc"))
		return -EBUSY;
	local = ioremap(local_phys, 0x100);
	if (!local)
		return -ENOMEM;
	writel(0, (char __iomem *)local + LOCAL_TIMER_INT_CTRL0);
	bcm2836_cpu_init(); /* core 0's mailbox 0: IPIs to the boot CPU */
	/* The peripherals' controller: all its interrupts off until a driver asks (GPU_INT_ROUTING: core 0). */
	if (gpu_phys && request_mem_region(gpu_phys, GPU_INTC_SIZE, "bcm2835-intc")) {
		char __iomem *page = ioremap(gpu_phys & ~0xfffu, 0x1000);

		if (page) {
			gpu = page + (gpu_phys & 0xfff);
			writel(~0u, gpu + GPU_DISABLE1);
			writel(~0u, gpu + GPU_DISABLE1 + 4);
		}
	}
	irq_set_chip(&bcm2836_chip);
	set_smp_ipi_ops(&bcm2836_ipi_ops);
	printk("irq: BCM2836 local interrupt controller at %#x", local_phys);
	if (gpu)
		printk(", BCM2835 peripherals' controller at %#x", gpu_phys);
	printk("\n");
	return 0;
}

/*
 * ARM Generic Interrupt Controller, v1 and v2: a distributor routing
 * interrupts to CPUs and a CPU interface that hands them out. Interrupts
 * stay in group 0; SPIs are routed to CPU 0. Both blocks are claimed with
 * request_mem_region() and reached through ioremap().
 *
 * IPIs are SGIs 0..NR_IPI-1, raised through GICD_SGIR and handled inside
 * gic_ack() (smp_handle_ipi()), so that the interrupt layer only ever sees
 * device interrupts. Each CPU's SGI/PPI enables and priorities and its CPU
 * interface are banked: gic_cpu_init() sets them on a secondary CPU.
 */
#include "asm/io.h"
#include "errno.h"
#include "ioport.h"
#include "irq.h"
#include "printk.h"
#include "irqchip.h"
#include "smp.h"

#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ISPENDR    0x200
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_SGIR       0xf00
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_BPR        0x08
#define GICC_IAR        0x0c
#define GICC_EOIR       0x10

static void __iomem *dist, *cpu;
static unsigned nr_lines;

static void gic_enable(unsigned irq)
{
	writel(1u << (irq % 32), (char __iomem *)dist + GICD_ISENABLER + 4 * (irq / 32));
}

static void gic_disable(unsigned irq)
{
	writel(1u << (irq % 32), (char __iomem *)dist + GICD_ICENABLER + 4 * (irq / 32));
}

static bool gic_pending(unsigned irq)
{
	return readl((char __iomem *)dist + GICD_ISPENDR + 4 * (irq / 32)) & 1u << (irq % 32);
}

/* SGIs (IPIs) are handled here and ended with the whole IAR (its source CPU field). */
static int gic_ack(void)
{
	for (;;) {
		uint32_t iar = readl((char __iomem *)cpu + GICC_IAR);
		uint32_t id = iar & 0x3ff;

		if (id >= 16)
			return id >= 1020 ? -1 : (int)id; /* 1020..1023: spurious, no EOI */
		smp_handle_ipi(id);
		writel(iar, (char __iomem *)cpu + GICC_EOIR);
	}
}

static void gic_eoi(unsigned irq)
{
	writel(irq, (char __iomem *)cpu + GICC_EOIR);
}

static void gic_send_ipi(uint32_t cpu_mask, unsigned ipi)
{
	/* Target list filter (0), CPU target list in bits 23:16, SGI number. */
	writel(((cpu_mask & 0xff) << 16) | ipi, (char __iomem *)dist + GICD_SGIR);
}

/* A secondary CPU's banked state: SGI/PPI priorities, SGIs on, its CPU interface on. */
static void gic_cpu_init(void)
{
	for (unsigned i = 0; i < 32; i++)
		writeb(0xa0, (char __iomem *)dist + GICD_IPRIORITYR + i);
	writel(0xffff0000, (char __iomem *)dist + GICD_ICENABLER); /* PPIs off */
	writel(0x0000ffff, (char __iomem *)dist + GICD_ISENABLER); /* SGIs on */
	writel(0xff, (char __iomem *)cpu + GICC_PMR);
	writel(0, (char __iomem *)cpu + GICC_BPR);
	writel(1, (char __iomem *)cpu + GICC_CTLR);
}

static struct smp_ipi_ops gic_ipi_ops = {
	.name = "GIC SGI",
	.send = gic_send_ipi,
	.cpu_init = gic_cpu_init,
};

static const struct irq_chip gic_chip = {
	.name = "GIC",
	.enable = gic_enable,
	.disable = gic_disable,
	.ack = gic_ack,
	.eoi = gic_eoi,
	.pending = gic_pending,
};

int gic_init(phys_addr_t dist_phys, phys_addr_t cpu_phys)
{
	if (!request_mem_region(dist_phys, 0x1000, "gic-distributor") ||
	    !request_mem_region(cpu_phys, 0x100, "gic-cpu-interface"))
		return -EBUSY;
	dist = ioremap(dist_phys, 0x1000);
	cpu = ioremap(cpu_phys, 0x100);
	if (!dist || !cpu)
		return -ENOMEM;
	nr_lines = min(32 * ((readl((char __iomem *)dist + GICD_TYPER) & 0x1f) + 1),
		       (unsigned)NR_IRQS);

	writel(0, (char __iomem *)dist + GICD_CTLR);
	for (unsigned i = 0; i < nr_lines; i += 32)
		writel(0xffffffff, (char __iomem *)dist + GICD_ICENABLER + i / 8);
	writel(0x0000ffff, (char __iomem *)dist + GICD_ISENABLER); /* SGIs: the IPIs */
	for (unsigned i = 0; i < nr_lines; i++) {
		writeb(0xa0, (char __iomem *)dist + GICD_IPRIORITYR + i);
		if (i >= 32) /* SPIs go to CPU 0; SGI/PPI targets are read-only */
			writeb(0x01, (char __iomem *)dist + GICD_ITARGETSR + i);
	}
	writel(1, (char __iomem *)dist + GICD_CTLR);
	writel(0xff, (char __iomem *)cpu + GICC_PMR);
	writel(0, (char __iomem *)cpu + GICC_BPR);
	writel(1, (char __iomem *)cpu + GICC_CTLR);
	irq_set_chip(&gic_chip);
	/* GICD_TYPER.CPUNumber: how many CPU interfaces the distributor serves. */
	gic_ipi_ops.nr_cpus = ((readl((char __iomem *)dist + GICD_TYPER) >> 5) & 7) + 1;
	set_smp_ipi_ops(&gic_ipi_ops);
	printk("irq: GIC at %#x/%#x, %u interrupt lines, %u CPU interface(s)\n", dist_phys,
	       cpu_phys, nr_lines, gic_ipi_ops.nr_cpus);
	return 0;
}

/* ARM SP804 dual timer: timer 1, periodic, 32-bit, clocked at 1 MHz on these boards. */
#include "asm/io.h"
#include "errno.h"
#include "ioport.h"
#include "irq.h"
#include "printk.h"
#include "timer.h"

#define TIMER_LOAD    0x00
#define TIMER_CTRL    0x08
#define TIMER_INTCLR  0x0c
#define CTRL_ENABLE   0x80
#define CTRL_PERIODIC 0x40
#define CTRL_INTEN    0x20
#define CTRL_32BIT    0x02
#define SP804_HZ      1000000

static bool announced; /* the start line was printed */
static void __iomem *regs;
static phys_addr_t regs_phys;
static unsigned timer_irq;

static void sp804_interrupt(unsigned irq, void *data)
{
	writel(1, (char __iomem *)regs + TIMER_INTCLR);
	tick_handler(irq, data);
}

int sp804_start(phys_addr_t base, unsigned irq, unsigned hz)
{
	int err;

	if (!request_mem_region(base, 0x20, "sp804-timer"))
		return -EBUSY;
	regs = ioremap(base, 0x20);
	if (!regs) {
		release_mem_region(base, 0x20);
		return -ENOMEM;
	}
	regs_phys = base;
	timer_irq = irq;
	writel(0, (char __iomem *)regs + TIMER_CTRL);
	writel(SP804_HZ / hz, (char __iomem *)regs + TIMER_LOAD);
	writel(1, (char __iomem *)regs + TIMER_INTCLR);
	err = request_irq(irq, sp804_interrupt, "sp804", NULL);
	if (err) {
		sp804_stop();
		return err;
	}
	writel(CTRL_ENABLE | CTRL_PERIODIC | CTRL_INTEN | CTRL_32BIT,
	       (char __iomem *)regs + TIMER_CTRL);
	/* Once: the tick starts and stops with the processes, dozens of times a boot. */
	if (!announced)
		printk("timer: SP804 at %#x, interrupt %u, %u Hz\n", base, irq, hz);
	announced = true;
	return 0;
}

void sp804_stop(void)
{
	if (!regs)
		return;
	writel(0, (char __iomem *)regs + TIMER_CTRL);
	free_irq(timer_irq);
	iounmap(regs);
	release_mem_region(regs_phys, 0x20);
	regs = NULL;
}

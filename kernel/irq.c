/* Interrupt handler registry and dispatch (see include/irq.h). */
#include "errno.h"
#include "irq.h"
#include "printk.h"

static const struct irq_chip *root_chip;

static struct irq_desc {
	irq_handler_t handler;
	void *data;
	const char *name;
	unsigned count;
} irq_descs[NR_IRQS];

static unsigned spurious, unhandled;

void irq_set_chip(const struct irq_chip *chip)
{
	root_chip = chip;
}

int request_irq(unsigned irq, irq_handler_t handler, const char *name, void *data)
{
	if (irq >= NR_IRQS || !handler || !root_chip)
		return -EINVAL;
	if (irq_descs[irq].handler)
		return -EBUSY;
	irq_descs[irq] = (struct irq_desc){ handler, data, name, 0 };
	root_chip->enable(irq);
	return 0;
}

void free_irq(unsigned irq)
{
	if (irq >= NR_IRQS || !irq_descs[irq].handler)
		return;
	root_chip->disable(irq);
	irq_descs[irq].handler = NULL;
}

unsigned irq_count(unsigned irq)
{
	return irq < NR_IRQS ? irq_descs[irq].count : 0;
}

void handle_irq(struct pt_regs *regs)
{
	int irq;

	(void)regs;
	if (!root_chip) {
		unhandled++;
		return;
	}
	/* Take every pending interrupt before returning. */
	while ((irq = root_chip->ack()) >= 0) {
		struct irq_desc *d = irq < NR_IRQS ? &irq_descs[irq] : NULL;

		if (d && d->handler) {
			d->count++;
			d->handler((unsigned)irq, d->data);
		} else {
			unhandled++;
			if (irq < NR_IRQS)
				root_chip->disable(
					(unsigned)irq); /* no storm from a stray source */
			printk("irq: no handler for interrupt %d: disabled\n", irq);
		}
		root_chip->eoi((unsigned)irq);
	}
	spurious += irq == -1;
}

void irq_show(void)
{
	printk("interrupts (%s):\n", root_chip ? root_chip->name : "no controller");
	for (unsigned i = 0; i < NR_IRQS; i++)
		if (irq_descs[i].handler)
			printk("  %3u: %10u  %s\n", i, irq_descs[i].count, irq_descs[i].name);
}

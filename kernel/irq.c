/* Interrupt handler registry and dispatch (see include/irq.h). */
#include "atomic.h"
#include "errno.h"
#include "irq.h"
#include "printk.h"
#include "seq_file.h"
#include "smp.h"

static const struct irq_chip *root_chip;

static struct irq_desc {
	irq_handler_t handler;
	void *data;
	const char *name;
	unsigned count[NR_CPUS]; /* per CPU, as /proc/interrupts shows them (no shared counter) */
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
	irq_descs[irq] = (struct irq_desc){ handler, data, name, { 0 } };
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

int irq_is_pending(unsigned irq)
{
	if (irq >= NR_IRQS || !root_chip || !root_chip->pending)
		return -ENODEV;
	return root_chip->pending(irq);
}

unsigned irq_count(unsigned irq)
{
	unsigned n = 0;

	for (unsigned cpu = 0; irq < NR_IRQS && cpu < NR_CPUS; cpu++)
		n += READ_ONCE(irq_descs[irq].count[cpu]);
	return n;
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
			d->count[smp_processor_id()]++;
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

/*
 * Linux's /proc/interrupts: a column per online CPU, then the controller,
 * the line and the owner; "Err" counts interrupts no handler took.
 */
void interrupts_seq_show(struct seq_file *m)
{
	uint32_t online = cpu_online_mask();

	seq_printf(m, "%*s", 3 + 8, "");
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (online & 1u << cpu)
			seq_printf(m, "CPU%-8u", cpu);
	seq_putc(m, '\n');
	for (unsigned i = 0; i < NR_IRQS; i++) {
		const struct irq_desc *d = &irq_descs[i];

		if (!d->handler)
			continue;
		seq_printf(m, "%3u: ", i);
		for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
			if (online & 1u << cpu)
				seq_printf(m, "%10u ", READ_ONCE(d->count[cpu]));
		seq_printf(m, " %8s %3u  %s\n", root_chip ? root_chip->name : "-", i, d->name);
	}
	seq_printf(m, "%3s: %10u\n", "Err", unhandled);
}

void irq_show(void)
{
	struct seq_file m = SEQ_FILE_CONSOLE(vprintk);

	interrupts_seq_show(&m);
}

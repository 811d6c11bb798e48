/*
 * Interrupts: one root interrupt controller (the board's), handlers by
 * interrupt number. The exception entry saves the registers and calls
 * handle_irq(), which asks the controller which interrupt fired, runs its
 * handler and signals the end of the interrupt.
 */
#ifndef IRQ_H
#define IRQ_H

#include "kernel.h"

#define NR_IRQS 128

typedef void (*irq_handler_t)(unsigned irq, void *data);

struct irq_chip {
	const char *name;
	void (*enable)(unsigned irq);
	void (*disable)(unsigned irq);
	/* The pending interrupt's number (acknowledging it), or -1 for none/spurious. */
	int (*ack)(void);
	void (*eoi)(unsigned irq);
	/* Is irq raised and not yet taken (Linux's IRQCHIP_STATE_PENDING)? NULL: cannot tell. */
	bool (*pending)(unsigned irq);
};

void irq_set_chip(const struct irq_chip *chip);
/* 0, -EINVAL (bad number, no controller) or -EBUSY (already taken). */
int request_irq(unsigned irq, irq_handler_t handler, const char *name, void *data);
void free_irq(unsigned irq);
unsigned irq_count(unsigned irq);
/*
 * Is irq pending at the controller (raised by its device, not yet taken)?
 * -ENODEV when the controller cannot tell, else 0 or 1. With interrupts
 * masked at the CPU, this is how a benchmark sees a device finish without
 * taking the interrupt yet.
 */
int irq_is_pending(unsigned irq);
/* Linux's /proc/interrupts into a seq_file; irq_show() prints it to the console. */
struct seq_file;
void interrupts_seq_show(struct seq_file *m);
void irq_show(void);

struct pt_regs;
void handle_irq(struct pt_regs *regs);

#endif

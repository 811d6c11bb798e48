/* printk\'s output over whichever console is registered (the core: printk_core.c), and panic. */
#include <stdarg.h>
#include "asm/irqflags.h"
#include "atomic.h"
#include "printk_core.h"
#include "printk.h"
#include "smp.h"
#include "spinlock.h"

static void (*console_putc)(char c);
/* printk_expect_begin()'s nesting, and whether the console is at a line's start (console_lock). */
static atomic_t expect_depth;
static bool console_bol = true;

void printk_expect_begin(void)
{
	atomic_inc(&expect_depth);
}

void printk_expect_end(void)
{
	atomic_dec(&expect_depth);
}
/*
 * One printk's text at a time on the console, from any CPU or handler. A
 * raw lock: lockdep-lite reports through printk. A CPU that already holds
 * it (a fault while printing, then the oops) prints without it rather
 * than wait for itself.
 */
static arch_spinlock_t console_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static volatile int console_owner = -1;

console_putc_t console_set_putc(console_putc_t putc)
{
	console_putc_t old = console_putc;

	console_putc = putc;
	return old;
}

/* The printk core's output (printk_core.h): the console, "\n" as "\r\n"; nothing before one is set. */
void printk_write(const char *s)
{
	uint32_t flags;
	int cpu;
	bool nested;

	if (!console_putc)
		return;
	flags = local_irq_save();
	cpu = (int)smp_processor_id();
	nested = console_owner == cpu;
	if (!nested) {
		arch_spin_lock(&console_lock);
		console_owner = cpu;
	}
	for (; *s; s++) {
		if (console_bol && *s != '\n' && atomic_read(&expect_depth) > 0)
			for (const char *m = PRINTK_EXPECT_PREFIX; *m; m++)
				console_putc(*m);
		if (*s == '\n')
			console_putc('\r');
		console_putc(*s);
		console_bol = *s == '\n';
	}
	if (!nested) {
		console_owner = -1;
		arch_spin_unlock(&console_lock);
	}
	local_irq_restore(flags);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printk("Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	machine_halt(1);
}

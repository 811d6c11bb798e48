/* printk\'s output over whichever console is registered (the core: printk_core.c), and panic. */
#include <stdarg.h>
#include "printk_core.h"
#include "printk.h"

static void (*console_putc)(char c);

void console_set_putc(void (*putc)(char c))
{
	console_putc = putc;
}

/* The printk core's output (printk_core.h): the console, "\n" as "\r\n"; nothing before one is set. */
void printk_write(const char *s)
{
	if (!console_putc)
		return;
	for (; *s; s++) {
		if (*s == '\n')
			console_putc('\r');
		console_putc(*s);
	}
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

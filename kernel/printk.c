/* printk and panic over whichever console is registered (machine_halt: halt.c). */
#include <stdarg.h>
#include "printk.h"

static void (*console_putc)(char c);
unsigned printk_lines;

void console_set_putc(void (*putc)(char c))
{
	console_putc = putc;
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	for (const char *p = buf; *p; p++) {
		if (*p == '\n')
			printk_lines++;
		if (!console_putc)
			continue;
		if (*p == '\n')
			console_putc('\r');
		console_putc(*p);
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
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

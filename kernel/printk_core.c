/*
 * printk() and vprintk() for the kernel and the host builds (see
 * printk_core.h). The host builds compile this file through
 * tests/host/host_printk.c, which includes it.
 */
#include <stdarg.h>
#include "printk.h"
#include "printk_core.h"

unsigned printk_lines;

int vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_MAX];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	for (const char *p = buf; *p; p++)
		printk_lines += *p == '\n';
	printk_write(buf);
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

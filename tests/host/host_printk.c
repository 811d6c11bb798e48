/* printk/vprintk for the host builds: see host_printk.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "printk.h"
#include "kernel.h"
#include "host_printk.h"

static char printk_buf[16384];
static size_t printk_len;

int vprintk(const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(printk_buf + printk_len, sizeof(printk_buf) - printk_len, fmt, ap);
	if (n > 0)
		printk_len = min(printk_len + (size_t)n, sizeof(printk_buf) - 1);
	if (getenv("HOST_VERBOSE"))
		vprintf(fmt, copy);
	va_end(copy);
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

const char *host_printk_output(void)
{
	return printk_buf;
}

void host_printk_clear(void)
{
	printk_len = 0;
	printk_buf[0] = '\0';
}

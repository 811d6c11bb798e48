/* printk/vprintk for the host builds: see host_printk.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printk.h"
#include "kernel.h"
#include "host_printk.h"

static char printk_buf[16384];
static size_t printk_len;
unsigned printk_lines;

int vprintk(const char *fmt, va_list ap)
{
	char line[512];         /* as on target: one call prints at most this much */
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = strlen(line);

	for (const char *p = line; *p; p++)
		printk_lines += *p == '\n';
	len = min(len, sizeof(printk_buf) - 1 - printk_len);
	memcpy(printk_buf + printk_len, line, len);
	printk_len += len;
	printk_buf[printk_len] = '\0';
	if (getenv("HOST_VERBOSE"))
		fputs(line, stdout);
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

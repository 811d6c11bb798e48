/*
 * printk/vprintk for the host builds: see host_printk.h. The core that
 * formats and counts lines is the kernel's own, compiled here; this file
 * gives it the output (printk_write) that captures the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/printk_core.c"
#include "kernel.h"
#include "host_printk.h"

static char printk_buf[16384];
static size_t printk_len;

void printk_write(const char *s)
{
	size_t len = min(strlen(s), sizeof(printk_buf) - 1 - printk_len);

	memcpy(printk_buf + printk_len, s, len);
	printk_len += len;
	printk_buf[printk_len] = '\0';
	if (getenv("HOST_VERBOSE"))
		fputs(s, stdout);
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

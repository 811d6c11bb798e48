/*
 * The printk core (printk_core.c), one for every build: printk() and
 * vprintk() format one call's message into PRINTK_MAX bytes (the rest is cut
 * off), count its newlines in printk_lines and hand it to printk_write(),
 * which each build defines once: kernel/printk.c writes it to the console,
 * tests/host/host_printk.c keeps it for the host tests to read.
 */
#ifndef PRINTK_CORE_H
#define PRINTK_CORE_H

#define PRINTK_MAX 512 /* bytes one printk() call prints at most, with the NUL */

/* Output of one formatted message s (NUL-terminated). */
void printk_write(const char *s);

#endif

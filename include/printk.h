/*
 * Kernel console output. printk() formats with lib/vsprintf.c (%d %i %u %x %X
 * %o %c %s %p %% with l/ll/z/h length, width, '-', '0' and precision for %s;
 * %pS and %ps print a code address as "function+0xoff/0xsize" or "function",
 * include/kallsyms.h) and writes to the current console, turning "\n" into
 * "\r\n".
 */
#ifndef PRINTK_H
#define PRINTK_H

#include <stdarg.h>
#include "kernel.h"

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Lines printk() has finished so far (newlines written, console or not):
 * a test takes the difference across a call to count what it reported.
 */
extern unsigned printk_lines;

/*
 * Reports a test provokes on purpose (a misuse caught, a process killed by
 * its fault): between begin and end, every line printk() starts, on any
 * CPU, begins with "# expected: ", so that a reader, and scripts/ktest-run,
 * tell them from a report nobody expected. Nests; the kernel only.
 */
#define PRINTK_EXPECT_PREFIX "# expected: "
void printk_expect_begin(void);
void printk_expect_end(void);

/*
 * Where characters go: set by the console driver. Returns the one it
 * replaces, so that a test can read what printk() writes by passing each
 * character on from its own (and put the old one back).
 */
typedef void (*console_putc_t)(char c);
console_putc_t console_set_putc(console_putc_t putc);

#define pr_info(...) printk(__VA_ARGS__)
#define pr_warn(...) printk("WARNING: " __VA_ARGS__)
#define pr_err(...)  printk("ERROR: " __VA_ARGS__)

/*
 * Print which CPU and task this is and the call trace that led here, as
 * Linux's dump_stack() (arch/arm/kernel/traps.c: the EHABI unwinder).
 */
void dump_stack(void);

/* Print the message and stop the machine with a failing exit status. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG_ON(cond)                                                          \
	do {                                                                  \
		if (unlikely(cond))                                           \
			panic("BUG at %s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#endif

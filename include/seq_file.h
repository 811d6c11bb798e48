/*
 * seq_file: text made by printf-like calls, into a buffer or to the console,
 * with Linux's names (seq_printf, seq_puts, seq_putc, seq_has_overflowed).
 *
 * Contract:
 *   - A buffer seq_file (buf != NULL) appends to buf[0..size). A piece that
 *     does not fit whole is dropped and the file marked overflowed
 *     (count == size, as Linux): the caller retries with a bigger buffer.
 *     Nothing is ever written past buf + size; the text is not NUL-ended.
 *   - A console seq_file (SEQ_FILE_CONSOLE(vprintk)) has no buffer: every
 *     piece goes to vprint at once, so one formatter serves /proc and the
 *     boot log alike (count still counts the bytes, for padding).
 *   - No allocation, no locking: the formatter's caller owns the seq_file.
 *     Opening, reading and releasing one as a file is kernel/proc's job
 *     (include/proc_fs.h).
 */
#ifndef SEQ_FILE_H
#define SEQ_FILE_H

#include <stdarg.h>
#include "kernel.h"
#include "types.h"

struct seq_file {
	char *buf;                                  /* NULL: a console seq_file */
	size_t size;                                /* bytes at buf */
	size_t count;                               /* bytes written (== size once overflowed) */
	int (*vprint)(const char *fmt, va_list ap); /* the console's, without buf */
	void *private;                              /* the formatter's data */
};

#define SEQ_FILE_CONSOLE(print) ((struct seq_file){ .vprint = (print) })

void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap);
void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
/* Spaces up to column col of the text so far (at least one), as Linux's seq_pad. */
void seq_pad_to(struct seq_file *m, size_t line_start, size_t col);

static inline bool seq_has_overflowed(const struct seq_file *m)
{
	return m->buf && m->count == m->size;
}

#endif

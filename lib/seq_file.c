/* seq_file text into a buffer or to the console (see include/seq_file.h). */
#include "seq_file.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void seq_vprintf(struct seq_file *m, const char *fmt, va_list ap)
{
	size_t room;
	int len;

	if (!m->buf) {
		m->count += (size_t)m->vprint(fmt, ap);
		return;
	}
	if (m->count >= m->size)
		return;
	room = m->size - m->count;
	len = vsnprintf(m->buf + m->count, room, fmt, ap);
	/* len == room means the NUL did not fit: the last byte was cut. */
	if (len >= 0 && (size_t)len < room)
		m->count += (size_t)len;
	else
		m->count = m->size;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(m, fmt, ap);
	va_end(ap);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}

void seq_putc(struct seq_file *m, char c)
{
	if (m->buf && m->count < m->size) {
		m->buf[m->count++] = c;
		return;
	}
	seq_printf(m, "%c", c);
}

void seq_pad_to(struct seq_file *m, size_t line_start, size_t col)
{
	size_t used = m->count - line_start;

	seq_printf(m, "%*s", (int)(col > used ? col - used : 1), "");
}

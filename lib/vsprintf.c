/*
 * A small vsnprintf: enough of C's printf for a kernel log, plus Linux's
 * %pS and %ps for code addresses (lib/kallsyms.c; user programs build this
 * file with -DVSPRINTF_NO_SYMBOLS and print those in hex, as %p). Always
 * NUL-terminates (when size > 0) and returns the length it would have
 * written, as C99 does.
 */
#include <stdarg.h>
#include "types.h"
#include <string.h>
#include "printk.h"
#include "kallsyms.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (fill-- > 0)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool negative, unsigned base,
		       bool upper, int width, bool left, char pad, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	int extra = (negative ? 1 : 0) + (int)strlen(prefix);

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);

	int fill = width > n + extra ? width - n - extra : 0;

	if (!left && pad == ' ')
		while (fill-- > 0)
			put(o, ' ');
	if (negative)
		put(o, '-');
	while (*prefix)
		put(o, *prefix++);
	if (!left && pad == '0')
		while (fill-- > 0)
			put(o, '0');
	while (n)
		put(o, tmp[--n]);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

#ifndef VSPRINTF_NO_SYMBOLS
/* %pS and %ps: a code address as "name+0xoff/0xsize" or "name" (include/kallsyms.h). */
static void put_symbol(struct out *o, void *addr, bool with_offset, int width, bool left)
{
	char sym[KSYM_SYMBOL_LEN];
	int n = with_offset ? sprint_symbol(sym, (unsigned long)addr)
			    : sprint_symbol_no_offset(sym, (unsigned long)addr);

	put_padded(o, sym, (size_t)n, width, left, ' ');
}
#endif

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		bool left = false, alt = false;
		char pad = ' ';
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				pad = '0';
			else if (*fmt == '#')
				alt = true;
			else
				break;
		}
		int width = 0, precision = -1;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
			if (width < 0) { /* as C: a negative width means '-' */
				left = true;
				width = -width;
			}
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			precision = 0;
			if (*fmt == '*') {
				precision = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				precision = precision * 10 + (*fmt++ - '0');
		}
		int longs = 0, shorts = 0;
		bool size_t_len = false;
		for (;; fmt++) {
			if (*fmt == 'l')
				longs++;
			else if (*fmt == 'z')
				size_t_len = true;
			else if (*fmt == 'h')
				shorts++;
			else
				break;
		}
		/* h and hh: the int argument is printed as a short or a char. */
		bool narrow = shorts && !longs && !size_t_len;
		unsigned long long u;
		long long s;
		switch (*fmt) {
		case 'd':
		case 'i':
			if (longs >= 2)
				s = va_arg(ap, long long);
			else if (longs == 1)
				s = va_arg(ap, long);
			else if (size_t_len)
				s = (long long)(ptrdiff_t)va_arg(ap, size_t); /* signed size_t */
			else
				s = va_arg(ap, int);
			if (narrow)
				s = shorts == 1 ? (short)s : (signed char)s;
			put_number(&o, s < 0 ? -(unsigned long long)s : (unsigned long long)s,
				   s < 0, 10, false, width, left, pad, "");
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (longs >= 2)
				u = va_arg(ap, unsigned long long);
			else if (longs == 1)
				u = va_arg(ap, unsigned long);
			else if (size_t_len)
				u = va_arg(ap, size_t);
			else
				u = va_arg(ap, unsigned int);
			if (narrow)
				u = shorts == 1 ? (unsigned short)u : (unsigned char)u;
			put_number(&o, u, false,
				   *fmt == 'o'   ? 8
				   : *fmt == 'u' ? 10
						 : 16,
				   *fmt == 'X', width, left, pad,
				   !alt || *fmt == 'u' ? ""
				   : *fmt == 'x'       ? "0x"
				   : *fmt == 'X'       ? "0X"
				   : u                 ? "0"
						       : "");
			break;
		case 'p':
#ifndef VSPRINTF_NO_SYMBOLS
			if (fmt[1] == 'S' || fmt[1] == 's') {
				put_symbol(&o, va_arg(ap, void *), *++fmt == 'S', width, left);
				break;
			}
#else
			/* User programs link no symbol table: %pS and %ps print as %p. */
			if (fmt[1] == 'S' || fmt[1] == 's')
				fmt++;
#endif
			put_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, false,
				   width ? width : 2 + 2 * (int)sizeof(void *), left, '0', "0x");
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			put_padded(&o, &c, 1, width, left, ' ');
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			size_t n = precision >= 0 ? strnlen(str, (size_t)precision) : strlen(str);
			put_padded(&o, str, n, width, left, ' ');
			break;
		}
		case '%': put(&o, '%'); break;
		case '\0': fmt--; break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

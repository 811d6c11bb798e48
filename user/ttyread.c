/*
 * The tty suite's reader (tests/target/tty_test.c): `reads` read() calls
 * on fd 0, each of arg1 & 0xffff bytes; with bit 16 of arg1 the first
 * read gets the unmapped address 0 as its buffer. Each result is written
 * back to the console as "[n:text]" (newline as \n, control characters
 * as ^X) or "[-errno]", where the test, holding the console's output,
 * compares it.
 */
#include "ulib.h"

#define BAD_FIRST (1u << 16)

static char buf[1024];

static void put(const char *s, unsigned n)
{
	write(1, s, n);
}

int main(unsigned reads, unsigned arg1)
{
	unsigned len = arg1 & 0xffff;
	char num[16];

	if (len > sizeof(buf))
		return 2;
	for (unsigned i = 0; i < reads; i++) {
		char *dst = i == 0 && (arg1 & BAD_FIRST) ? (char *)0 : buf;
		long n = read(0, dst, len);

		if (n < 0) {
			put(num, (unsigned)snprintf(num, sizeof(num), "[%ld]", n));
			continue;
		}
		put(num, (unsigned)snprintf(num, sizeof(num), "[%ld:", n));
		for (long j = 0; j < n; j++) {
			char c = buf[j], esc[2] = { c == '\n' ? '\\' : '^',
						    c == '\n' ? 'n' : (char)(c ^ 0x40) };

			if (c == '\n' || (unsigned char)c < 0x20)
				put(esc, 2);
			else
				put(&c, 1);
		}
		put("]", 1);
	}
	return 0;
}

/*
 * lib/vsprintf.c against the host C library's vsnprintf.
 *
 * The kernel's functions have libc's names, so this file includes
 * lib/vsprintf.c with them renamed to k_vsnprintf and k_snprintf and keeps
 * libc's for reference. Each format is run through both at several buffer
 * sizes: the text, the bytes after it and the return value must agree.
 *
 * Intended differences, checked on their own below:
 *   - %p prints "0x" and 2 * sizeof(void *) zero-padded hex digits: 8 on
 *     the 32-bit target, 16 on this 64-bit host (glibc: "0x1234", "(nil)").
 *   - "%#x" of 0 prints "0x0", as Linux does (C: "0").
 *   - %s of NULL prints "(null)" whatever the precision.
 *   - An unknown conversion is printed as is; a lone '%' at the end is dropped.
 *   - %pS and %ps print a code address by its symbol (Linux's formats): here
 *     through made-up sprint_symbol*() below, tests/host/test_kallsyms.c
 *     tests the real lookup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#define vsnprintf k_vsnprintf
#define snprintf  k_snprintf
#include "lib/vsprintf.c"
#undef vsnprintf
#undef snprintf

#define BUF 512

/* lib/kallsyms.c's part, made up: whatever the address, "f+0x<addr>/0x40" or "f". */
int sprint_symbol(char *buf, unsigned long addr)
{
	return sprintf(buf, "f+0x%lx/0x40", addr);
}

int sprint_symbol_no_offset(char *buf, unsigned long addr)
{
	(void)addr;
	return sprintf(buf, "f");
}

/* Format with libc and with ours into buffers of several sizes; all must agree. */
static void __attribute__((format(printf, 1, 2))) same(const char *fmt, ...)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 7, 16, BUF };
	char want[BUF], got[BUF];
	va_list ap;

	va_start(ap, fmt);
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		va_list a1, a2;
		int nw, ng;

		memset(want, '#', sizeof(want));
		memset(got, '#', sizeof(got));
		va_copy(a1, ap);
		va_copy(a2, ap);
		nw = vsnprintf(want, sizes[i], fmt, a1);
		ng = k_vsnprintf(got, sizes[i], fmt, a2);
		va_end(a1);
		va_end(a2);
		if (nw != ng || memcmp(want, got, sizeof(want))) {
			print_message(
				"format \"%s\", size %zu: libc %d \"%.*s\", ours %d \"%.*s\"\n",
				fmt, sizes[i], nw, (int)min(sizes[i], (size_t)BUF), want, ng,
				(int)min(sizes[i], (size_t)BUF), got);
			fail();
		}
	}
	va_end(ap);
}

/* same() without the compile-time check, for formats gcc frowns on ("%-05d"). */
static void (*const same_unchecked)(const char *fmt, ...) = same;

/* Ours alone against a fixed expectation (full buffer), for the intended differences. */
static void ours(const char *want, const char *fmt, ...)
{
	char got[BUF];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = k_vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	assert_string_equal(got, want);
	assert_int_equal(n, (int)strlen(want));
}

static void signed_decimal(void **state)
{
	static const int values[] = { 0, 1, -1, 7, -42, 1000000, INT_MAX, INT_MIN };

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(values); i++) {
		int v = values[i];

		same("%d", v);
		same("%i", v);
		same("[%5d]", v);
		same("[%-5d]", v);
		same("[%05d]", v);
		same_unchecked("[%-05d]", v);
		same("[%12d]", v);
		same("[%012i]", v);
		same("[%*d]", 9, v);
		same("[%*d]", -9, v);
		same("%ld %li", (long)v * 3, -(long)v);
		same("%lld", (long long)v * 100000);
		same("%hd %hhd", (short)v, (signed char)v);
	}
	same("%ld %ld", LONG_MAX, LONG_MIN);
	same("%lld|%-25lld|%025lld", LLONG_MAX, LLONG_MIN, LLONG_MIN);
	same("%zd %zd", (ssize_t)-1, (ssize_t)123456789);
}

static void unsigned_bases(void **state)
{
	static const unsigned values[] = { 0, 1, 7, 8, 0x1f, 0777, 0xdeadbeef, UINT_MAX };

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(values); i++) {
		unsigned v = values[i];

		same("%u %x %X %o", v, v, v, v);
		same("[%10u][%-10x][%010X][%10o]", v, v, v, v);
		same("[%08x][%-8X][%1x]", v, v, v);
		same("%hu %hx %hhx %hho", (unsigned short)v, (unsigned short)v, (unsigned char)v,
		     (unsigned char)v);
		same("%lu %lx %lX %lo", (unsigned long)v << 20, (unsigned long)v << 30,
		     (unsigned long)v, (unsigned long)v);
		same("%llu %llx %llo", (unsigned long long)v * v, (unsigned long long)v << 32,
		     (unsigned long long)v * 3);
		same("%zu %zx", (size_t)v * 5, (size_t)v);
		if (v) {
			same("%#x %#X %#o", v, v, v);
			same("[%#12x][%#-12X][%#012x][%#5o]", v, v, v, v);
			same("%#lx %#llX", (unsigned long)v, (unsigned long long)v << 8);
		}
	}
	/* Negative shorts and chars are printed at their own width. */
	same("%hx %hhx %hu %hho", (short)-1, (signed char)-1, (short)-2, (signed char)-3);
	same("%lu %lx %llu %llx", ULONG_MAX, ULONG_MAX, ULLONG_MAX, ULLONG_MAX);
	same("%zu %zx", SIZE_MAX, SIZE_MAX);
}

static void chars_and_strings(void **state)
{
	(void)state;
	same("%c%c%c", 'a', 'B', '~');
	same("[%3c][%-3c][%1c]", 'x', 'y', 'z');
	same("a%cb", 0); /* a NUL in the middle counts */
	same("%s", "");
	same("%s|%s", "hello", "world");
	same("[%10s][%-10s][%2s]", "abc", "def", "longer");
	same("[%.3s][%.0s][%.10s]", "abcdef", "abc", "abc");
	same("[%8.2s][%-8.5s]", "abcdef", "abcdef");
	same("[%.*s][%*s][%-*s]", 2, "abcdef", 6, "ab", 6, "cd");
	same("[%.*s]", -1, "negative precision: all of it");
	same("plain text, no conversions");
	same("100%% sure, %d%%", 50);
	same("%s", "a string longer than some of the buffers it is printed into");
	same("%300d|%s", 5, "past the 256 mark");
}

/* Return value and termination when the buffer is small or absent. */
static void truncation(void **state)
{
	char buf[8];
	int n;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	n = k_snprintf(buf, 4, "%d-%s", 12345, "abc");
	assert_int_equal(n, 9);
	assert_memory_equal(buf, "123\0xxxx", 8);
	n = k_snprintf(buf, 1, "%s", "abc");
	assert_int_equal(n, 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], '2'); /* untouched */
	assert_int_equal(k_snprintf(NULL, 0, "%08x%s", 1, "four"), 12);
	n = k_snprintf(buf, sizeof(buf), "%s", "1234567");
	assert_int_equal(n, 7);
	assert_string_equal(buf, "1234567");
	n = k_snprintf(buf, sizeof(buf), "%s", "12345678");
	assert_int_equal(n, 8);
	assert_string_equal(buf, "1234567");
}

static void intended_differences(void **state)
{
	char want[64];
	int digits = 2 * (int)sizeof(void *); /* 16 here, 8 on the target */
	void *p = (void *)(uintptr_t)0x1234abcd;

	(void)state;
	snprintf(want, sizeof(want), "0x%0*llx", digits, (unsigned long long)(uintptr_t)p);
	ours(want, "%p", p);
	snprintf(want, sizeof(want), "0x%0*x", digits, 0);
	ours(want, "%p", (void *)NULL);
	ours("[0x0000000000001234abcd]", "[%22p]", p);
	ours("[0x1234abcd            ]", "[%-22p]", p);
	ours("0x0 0X0 0", "%#x %#X %#o", 0, 0, 0);
	ours("0x00000000", "%#010x", 0);
	ours("(null)|(nu|    (null)", "%s|%.3s|%10s", (char *)NULL, (char *)NULL, (char *)NULL);
	ours("%y %w", "%y %w");
	ours("abc", "abc%");
	ours("abc", "abc%-08l");
	/* The S or s after %p is the format's, not text. */
	ours("at f+0x8/0x40.", "at %pS.", (void *)8);
	ours("at f.", "at %ps.", (void *)8);
	ours("[    f+0x8/0x40]|[f  ]", "[%14pS]|[%-3ps]", (void *)8, (void *)8);
	ours("0x0000000000000008s", "%p%s", (void *)8, "s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signed_decimal),       cmocka_unit_test(unsigned_bases),
		cmocka_unit_test(chars_and_strings),    cmocka_unit_test(truncation),
		cmocka_unit_test(intended_differences),
	};

	return cmocka_run_group_tests_name("vsprintf", tests, NULL, NULL);
}

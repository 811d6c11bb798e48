/* kernel/cmdline.c: key=value lookup, bare flags, and size parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cmdline.h"
#include "kernel.h"

/* cmdline_value() into a buffer that shows what it wrote and what it left. */
static bool value(const char *key, char *buf, size_t size)
{
	memset(buf, '#', 32);
	return cmdline_value(key, buf, size);
}

static void values_and_flags(void **state)
{
	char buf[32];

	(void)state;
	cmdline_init("  console=ttyAMA0 mem=64M   debug  x= a=b=c mem=128M =v quiet ");
	assert_string_equal(cmdline_get(),
			    "  console=ttyAMA0 mem=64M   debug  x= a=b=c mem=128M =v quiet ");

	assert_true(value("console", buf, sizeof(buf)));
	assert_string_equal(buf, "ttyAMA0");
	assert_true(value("mem", buf, sizeof(buf)));
	assert_string_equal(buf, "128M"); /* the last one wins, as in Linux */
	assert_true(value("x", buf, sizeof(buf)));
	assert_string_equal(buf, "");
	assert_true(value("a", buf, sizeof(buf)));
	assert_string_equal(buf, "b=c");
	assert_true(value("", buf, sizeof(buf))); /* the word "=v" */
	assert_string_equal(buf, "v");

	/* Prefixes, suffixes and flags are not keys. */
	assert_false(value("me", buf, sizeof(buf)));
	assert_false(value("em", buf, sizeof(buf)));
	assert_false(value("consol", buf, sizeof(buf)));
	assert_false(value("debug", buf, sizeof(buf)));
	assert_int_equal(buf[0], '#'); /* untouched when absent */

	assert_true(cmdline_flag("debug"));
	assert_true(cmdline_flag("quiet"));
	assert_false(cmdline_flag("debu"));
	assert_false(cmdline_flag("ebug"));
	assert_false(cmdline_flag("mem"));
	assert_true(cmdline_flag("mem=64M"));
	assert_false(cmdline_flag(""));
}

static void value_truncation(void **state)
{
	char buf[32];

	(void)state;
	cmdline_init("root=/dev/mmcblk0p2 rw");
	assert_true(value("root", buf, 5));
	assert_memory_equal(buf, "/dev\0#", 6);
	assert_true(value("root", buf, 1));
	assert_memory_equal(buf, "\0#", 2);
	assert_true(value("root", buf, 16));
	assert_string_equal(buf, "/dev/mmcblk0p2");
	assert_true(value("root", buf, 15));
	assert_string_equal(buf, "/dev/mmcblk0p2");
	assert_true(value("root", buf, 14));
	assert_string_equal(buf, "/dev/mmcblk0p");
	/* No room at all: nothing written. */
	assert_false(value("root", buf, 0));
	assert_int_equal(buf[0], '#');
}

static void long_and_empty_lines(void **state)
{
	char line[400], buf[32];

	(void)state;
	cmdline_init("");
	assert_string_equal(cmdline_get(), "");
	assert_false(cmdline_flag("x"));
	assert_false(value("x", buf, sizeof(buf)));
	cmdline_init("     ");
	assert_false(cmdline_flag(""));

	/* Kept up to 255 characters: a key past that is gone, one before it is cut. */
	memset(line, 'a', sizeof(line));
	memcpy(line, "k=", 2);
	memcpy(line + 245, " key=123456", 11);
	memcpy(line + 300, " far=1", 6);
	line[sizeof(line) - 1] = '\0';
	cmdline_init(line);
	assert_int_equal(strlen(cmdline_get()), 255);
	assert_true(value("key", buf, sizeof(buf)));
	assert_string_equal(buf, "12345");
	assert_false(value("far", buf, sizeof(buf)));
	assert_true(value("k", buf, sizeof(buf)));
	assert_int_equal(strlen(buf), 31);
}

static void sizes(void **state)
{
	static const struct {
		const char *s;
		bool ok;
		uint64_t v;
	} cases[] = {
		{ "0", true, 0 },
		{ "4096", true, 4096 },
		{ "64M", true, 64u << 20 },
		{ "64m", true, 64u << 20 },
		{ "512K", true, 512u << 10 },
		{ "512k", true, 512u << 10 },
		{ "1G", true, 1u << 30 },
		{ "3g", true, 3ull << 30 },
		{ "007K", true, 7u << 10 },
		{ "4294967295", true, 0xffffffffull },
		{ "4194303K", true, 0xfffffc00ull },
		{ "4095M", true, 0xfff00000ull },
		/* Over 32 bits. */
		{ "4294967296", false, 0 },
		{ "4G", false, 0 },
		{ "4194304K", false, 0 },
		{ "4096M", false, 0 },
		{ "99999999999999999999999", false, 0 },
		/* Garbage. */
		{ "", false, 0 },
		{ "M", false, 0 },
		{ "-1", false, 0 },
		{ " 12", false, 0 },
		{ "12 ", false, 0 },
		{ "12KB", false, 0 },
		{ "12T", false, 0 },
		{ "0x10", false, 0 },
		{ "1.5G", false, 0 },
		{ "K12", false, 0 },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		uint64_t v = 0xabcdef;
		bool ok = parse_size(cases[i].s, &v);

		if (ok != cases[i].ok || v != (ok ? cases[i].v : 0xabcdef))
			fail_msg("parse_size(\"%s\") = %d, %#llx", cases[i].s, ok,
				 (unsigned long long)v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_and_flags),
		cmocka_unit_test(value_truncation),
		cmocka_unit_test(long_and_empty_lines),
		cmocka_unit_test(sizes),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}

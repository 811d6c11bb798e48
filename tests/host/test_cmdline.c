/* kernel/cmdline.c: key=value lookup, bare flags, and size parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "cmdline.h"
#include "host_printk.h"
#include "kernel.h"

CMDLINE_PARAM(mem, "mem=SIZE", "RAM to use");
CMDLINE_FLAG(debug, "more output");
CMDLINE_FLAG_OR_VALUE(bench, "bench[=NAME]", "benchmarks");

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

/* check LINE: how many words it refuses, and what it said. */
static unsigned check(const char *line)
{
	host_printk_clear();
	cmdline_init(line);
	return cmdline_check();
}

static void check_refuses_what_is_not_registered(void **state)
{
	(void)state;
	assert_int_equal(check(""), 0);
	assert_int_equal(check("   "), 0);
	assert_int_equal(check("mem=64M debug bench bench=buddy_pair"), 0);
	assert_string_equal(host_printk_output(), ""); /* a sound line: nothing said */
	assert_int_equal(check("mem= "), 0);           /* an empty value is the reader's business */

	/* Each bad word is named once, then the list (in name order) once. */
	assert_int_equal(check("debgu mem=64M memory=1G"), 2);
	assert_non_null(
		strstr(host_printk_output(),
		       "Unknown kernel command line parameter \"debgu\", refusing to boot\n"));
	assert_non_null(strstr(host_printk_output(),
			       "Unknown kernel command line parameter \"memory=1G\""));
	const char *list = strstr(host_printk_output(), "The parameters this kernel knows:\n");
	assert_non_null(list);
	assert_true(strstr(list, "bench[=NAME]") < strstr(list, "debug"));
	assert_true(strstr(list, "debug") < strstr(list, "mem=SIZE"));
	assert_null(strstr(list + 1, "The parameters this kernel knows"));

	/* Prefixes and suffixes of a name are not the name. */
	assert_int_equal(check("me=1 mem1=2 debu debugx"), 4);

	/* A flag with a value, a key without one. */
	assert_int_equal(check("debug=1"), 1);
	assert_non_null(strstr(host_printk_output(), "\"debug=1\": debug takes no value"));
	assert_int_equal(check("mem"), 1);
	assert_non_null(strstr(host_printk_output(), "\"mem\" needs a value: mem=SIZE"));
	assert_int_equal(check("=64M"), 1); /* no name at all */
	host_printk_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_and_flags),
		cmocka_unit_test(value_truncation),
		cmocka_unit_test(long_and_empty_lines),
		cmocka_unit_test(sizes),
		cmocka_unit_test(check_refuses_what_is_not_registered),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}

/*
 * lib/kallsyms.c over a made-up table: the symbol an address is in at each
 * edge (a symbol's first and last byte, the gap between two, before the
 * first, after the last, 0 and the top of 32 bits), and sprint_symbol()'s
 * "name+0xoff/0xsize" or hex.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "kallsyms.h"
#include "kernel.h"

/*
 * Four symbols as scripts/kallsyms would write them: two adjacent, a gap of
 * 0x10 bytes (padding no symbol covers), then one with a name longer than
 * KSYM_NAME_LEN.
 */
#define LONG_NAME                                                         \
	"a_name_of_seventy_characters_that_sprint_symbol_must_cut_at_63_" \
	"bytes__"
const unsigned kallsyms_num_syms = 4;
const unsigned long kallsyms_addresses[] = { 0xc0008000, 0xc0008040, 0xc0008070, 0xc0008100 };
const unsigned kallsyms_sizes[] = { 0x40, 0x20, 0x90, 0x4 };
const unsigned kallsyms_name_offsets[] = { 0, 6, 13, 19 };
const char kallsyms_names[] = "first\0second\0third\0" LONG_NAME;

/* The name kallsyms_lookup() gives addr, "" for none, with its size and offset. */
static const char *lookup(unsigned long addr, unsigned long *size, unsigned long *off)
{
	const char *name;

	*size = *off = 0x5a5a;
	name = kallsyms_lookup(addr, size, off);
	if (!name) {
		assert_int_equal(*size, 0x5a5a); /* untouched */
		assert_int_equal(*off, 0x5a5a);
	}
	return name ? name : "";
}

static void each_edge(void **state)
{
	unsigned long size, off;

	(void)state;
	assert_string_equal(lookup(0xc0008000, &size, &off), "first"); /* first byte */
	assert_int_equal(size, 0x40);
	assert_int_equal(off, 0);
	assert_string_equal(lookup(0xc000803f, &size, &off), "first"); /* last byte */
	assert_int_equal(off, 0x3f);
	assert_string_equal(lookup(0xc0008040, &size, &off), "second"); /* the next one's first */
	assert_int_equal(off, 0);
	assert_int_equal(size, 0x20);
	assert_string_equal(lookup(0xc000805f, &size, &off), "second");
	assert_int_equal(off, 0x1f);
	assert_string_equal(lookup(0xc0008060, &size, &off), ""); /* between two */
	assert_string_equal(lookup(0xc000806f, &size, &off), "");
	assert_string_equal(lookup(0xc0008070, &size, &off), "third");
	assert_string_equal(lookup(0xc00080ff, &size, &off), "third");
	assert_int_equal(off, 0x8f);
	assert_string_equal(lookup(0xc0008100, &size, &off), LONG_NAME);
	assert_string_equal(lookup(0xc0008103, &size, &off), LONG_NAME);
	assert_string_equal(lookup(0xc0008104, &size, &off), ""); /* after the last */
	assert_string_equal(lookup(0xc0007fff, &size, &off), ""); /* before the first */
	assert_string_equal(lookup(0, &size, &off), "");
	assert_string_equal(lookup(0xffffffff, &size, &off), "");
	assert_string_equal(lookup(~0ul, &size, &off), "");
	/* NULL for what the caller does not want. */
	assert_string_equal(kallsyms_lookup(0xc0008044, NULL, NULL), "second");
}

/* Every byte from below the first symbol to past the last, against a linear search. */
static void every_byte_against_a_linear_search(void **state)
{
	(void)state;
	for (unsigned long a = 0xc0007ff0; a < 0xc0008110; a++) {
		const char *want = NULL;
		unsigned long size, off;

		for (unsigned i = 0; i < kallsyms_num_syms; i++)
			if (a >= kallsyms_addresses[i] &&
			    a < kallsyms_addresses[i] + kallsyms_sizes[i])
				want = kallsyms_names + kallsyms_name_offsets[i];
		assert_ptr_equal(kallsyms_lookup(a, &size, &off), want);
	}
}

static void printed(void **state)
{
	char buf[KSYM_SYMBOL_LEN];

	(void)state;
	assert_int_equal(sprint_symbol(buf, 0xc0008048), 15);
	assert_string_equal(buf, "second+0x8/0x20");
	assert_int_equal(sprint_symbol(buf, 0xc0008000), 14);
	assert_string_equal(buf, "first+0x0/0x40");
	sprint_symbol(buf, 0xc0008060);
	assert_string_equal(buf, "0xc0008060"); /* in no symbol: the address */
	sprint_symbol(buf, 0);
	assert_string_equal(buf, "0x00000000");
	sprint_symbol(buf, 0xffffffff);
	assert_string_equal(buf, "0xffffffff");
	sprint_symbol_no_offset(buf, 0xc00080ff);
	assert_string_equal(buf, "third");
	sprint_symbol_no_offset(buf, 0xc0008104);
	assert_string_equal(buf, "0xc0008104");
	/* A name too long is cut, and the line still fits. */
	assert_int_equal(sprint_symbol(buf, 0xc0008102), KSYM_NAME_LEN - 1 + 8);
	assert_int_equal(strncmp(buf, LONG_NAME, KSYM_NAME_LEN - 1), 0);
	assert_string_equal(buf + KSYM_NAME_LEN - 1, "+0x2/0x4");
	assert_int_equal(sprint_symbol_no_offset(buf, 0xc0008100), KSYM_NAME_LEN - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_edge),
		cmocka_unit_test(every_byte_against_a_linear_search),
		cmocka_unit_test(printed),
	};

	return cmocka_run_group_tests_name("kallsyms", tests, NULL, NULL);
}

/*
 * The symbol table in the image (scripts/kallsyms, lib/kallsyms.c) and
 * %pS: a known function's address plus 8 prints as "name+0x8/0x<size>",
 * every symbol of the table is found at its first and last byte, and an
 * address in no symbol prints as hex. If the table described another link
 * than the kernel's, or the lookup were off by one, these fail.
 */
#include "asm/sections.h"
#include "kallsyms.h"
#include "printk.h"
#include "string.h"
#include "ktest.h"

/* A function of the test's own, which the table must know by name. */
static __attribute__((noinline)) int kallsyms_test_known(int x)
{
	__asm__ volatile("" : "+r"(x)); /* keeps it a function of some size */
	return x * 3 + 1;
}

/* "%pS" of addr into buf. */
static const char *pS(char *buf, size_t size, const void *addr)
{
	snprintf(buf, size, "%pS", addr);
	return buf;
}

static void function_plus_offset(struct ktest *t)
{
	const void *fns[] = { kallsyms_test_known, kallsyms_lookup, vsnprintf };
	const char *names[] = { "kallsyms_test_known", "kallsyms_lookup", "vsnprintf" };
	char got[KSYM_SYMBOL_LEN], want[KSYM_SYMBOL_LEN];

	KEXPECT_EQ(t, kallsyms_test_known(1), 4);
	for (unsigned i = 0; i < ARRAY_SIZE(fns); i++) {
		unsigned long size = 0, off = 0;
		const char *name = kallsyms_lookup((unsigned long)fns[i] + 8, &size, &off);

		KASSERT_TRUE(t, name);
		KEXPECT_TRUE(t, !strcmp(name, names[i]));
		KEXPECT_EQ(t, off, 8);
		KEXPECT_TRUE(t, size > 8);
		snprintf(want, sizeof(want), "%s+0x8/0x%lx", names[i], size);
		pS(got, sizeof(got), (const char *)fns[i] + 8);
		if (strcmp(got, want))
			ktest_fail(t, __FILE__, __LINE__, "%%pS: \"%s\", expected \"%s\"", got,
				   want);
		snprintf(want, sizeof(want), "%s+0x0/0x%lx", names[i], size);
		KEXPECT_TRUE(t, !strcmp(pS(got, sizeof(got), fns[i]), want));
		snprintf(got, sizeof(got), "%ps", (const char *)fns[i] + size - 1);
		KEXPECT_TRUE(t, !strcmp(got, names[i]));
	}
}

/* Sorted, inside .text, each symbol found at its first and last byte and nowhere below. */
static void every_symbol_found(struct ktest *t)
{
	unsigned bad = 0;

	KASSERT_TRUE(t, kallsyms_num_syms > 100);
	for (unsigned i = 0; i < kallsyms_num_syms; i++) {
		unsigned long a = kallsyms_addresses[i], size = kallsyms_sizes[i], s, o;
		const char *name = kallsyms_names + kallsyms_name_offsets[i];

		if (a < (unsigned long)_stext || a + size > (unsigned long)_etext || !size ||
		    (i && a < kallsyms_addresses[i - 1] + kallsyms_sizes[i - 1]) ||
		    kallsyms_lookup(a, &s, &o) != name || o ||
		    kallsyms_lookup(a + size - 1, &s, &o) != name || o != size - 1 ||
		    (kallsyms_lookup(a - 1, &s, &o) == name)) {
			if (bad++ < 5)
				ktest_log("symbol %u %s at %#lx size %#lx", i, name, a, size);
		}
	}
	KEXPECT_EQ(t, bad, 0);
}

static void outside_text_is_hex(struct ktest *t)
{
	static const int data_word = 1;
	char got[KSYM_SYMBOL_LEN], want[KSYM_SYMBOL_LEN];

	snprintf(want, sizeof(want), "0x%08lx", (unsigned long)&data_word);
	KEXPECT_TRUE(t, !strcmp(pS(got, sizeof(got), &data_word), want));
	KEXPECT_TRUE(t, !strcmp(pS(got, sizeof(got), NULL), "0x00000000"));
	KEXPECT_TRUE(t, !strcmp(pS(got, sizeof(got), (void *)0xffffffff), "0xffffffff"));
	snprintf(want, sizeof(want), "0x%08lx", (unsigned long)_etext);
	KEXPECT_TRUE(t, !strcmp(pS(got, sizeof(got), _etext), want));
	KEXPECT_TRUE(t, !kallsyms_lookup((unsigned long)_stext - 1, NULL, NULL));
}

static const struct ktest_case kallsyms_cases[] = {
	KTEST_CASE(function_plus_offset),
	KTEST_CASE(every_symbol_found),
	KTEST_CASE(outside_text_is_hex),
};
KTEST_SUITE("kallsyms", kallsyms_cases);

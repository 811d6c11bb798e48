/*
 * pt_encode.c: pgprot_t <-> descriptor bits.
 *
 * Every valid pgprot_t must survive a trip through each descriptor kind,
 * and the bits must mean, by the ARM ARM's short-descriptor tables (B3.5,
 * B3.7, B3.8, TEX remap and AFE off), what the pgprot_t says. The
 * hand-built descriptors are written out in hex with each field named, so
 * they do not depend on the constants the code under test uses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "host_env.h"

/* The spec of a valid pgprot_t, written independently of pgprot_valid(). */
static bool spec_valid(uint32_t p)
{
	bool exec = p & PROT_EXEC, device = (p & 3) >= 2;
	bool user_ro = p & PROT_USER_RO, user = p & PROT_USER, write = p & PROT_WRITE;

	if (p > 0xfff)
		return false;
	if (device && exec)
		return false;
	return !user_ro || (user && write);
}

/* What APX:AP[1:0] allows (AFE = 0): priv read, priv write, user read, user write. */
static const bool ap_rights[8][4] = {
	[0] = { 0, 0, 0, 0 }, [1] = { 1, 1, 0, 0 }, [2] = { 1, 1, 1, 0 }, [3] = { 1, 1, 1, 1 },
	[4] = { 0, 0, 0, 0 }, [5] = { 1, 0, 0, 0 }, [6] = { 1, 0, 1, 0 }, [7] = { 1, 0, 1, 0 },
};

/* TEX[2:0]:C:B for normal WBWA, normal NC, shareable device, strongly ordered. */
static const uint32_t spec_texcb[4] = { 0x07, 0x04, 0x01, 0x00 };

/* Fields of a leaf, read with the ARM ARM's bit positions for its kind. */
struct fields {
	uint32_t texcb, ap;
	bool xn, ng, s;
};

static struct fields read_fields(uint32_t d, enum pt_kind kind)
{
	struct fields f;

	if (kind == PT_SMALL) {
		f.texcb = ((d >> 6) & 7) << 2 | ((d >> 2) & 3);
		f.ap = ((d >> 9) & 1) << 2 | ((d >> 4) & 3);
		f.xn = d & 1;
		f.ng = d >> 11 & 1;
		f.s = d >> 10 & 1;
	} else if (kind == PT_LARGE) {
		f.texcb = ((d >> 12) & 7) << 2 | ((d >> 2) & 3);
		f.ap = ((d >> 9) & 1) << 2 | ((d >> 4) & 3);
		f.xn = d >> 15 & 1;
		f.ng = d >> 11 & 1;
		f.s = d >> 10 & 1;
	} else {
		f.texcb = ((d >> 12) & 7) << 2 | ((d >> 2) & 3);
		f.ap = ((d >> 15) & 1) << 2 | ((d >> 10) & 3);
		f.xn = d >> 4 & 1;
		f.ng = d >> 17 & 1;
		f.s = d >> 16 & 1;
	}
	return f;
}

static void check_meaning(uint32_t d, enum pt_kind kind, pgprot_t p)
{
	struct fields f = read_fields(d, kind);
	const bool *r = ap_rights[f.ap];
	bool user = p & PROT_USER, write = p & PROT_WRITE;

	assert_int_equal(f.texcb, spec_texcb[PROT_MT(p)]);
	assert_true(r[0]);
	assert_int_equal(r[1], write);
	assert_int_equal(r[2], user);
	assert_int_equal(r[3], user && write && !(p & PROT_USER_RO));
	assert_int_equal(f.xn, !(p & PROT_EXEC));
	assert_int_equal(f.ng, !!(p & PROT_NG));
	assert_int_equal(f.s, !!(p & PROT_SHARED));
	assert_int_equal(desc_ap_bits(d, kind), f.ap);
	assert_int_equal(desc_texcb_bits(d, kind), f.texcb);
}

static void valid_prots_round_trip(void **state)
{
	unsigned valid = 0;

	(void)state;
	for (pgprot_t p = 0; p <= PROT_VALID_MASK; p++) {
		unsigned dom = PROT_DOMAIN_OF(p);
		bool known;
		pde_t d;

		assert_int_equal(pgprot_valid(p), spec_valid(p));
		if (!pgprot_valid(p))
			continue;
		valid++;

		d = mk_section(0x12300000, p);
		assert_int_equal(d & 0x000c0003, 0x2); /* section, not super */
		assert_int_equal(d >> 20, 0x123);
		assert_int_equal((d >> 5) & 0xf, dom);
		assert_int_equal(section_prot(d, &known), p);
		assert_true(known);
		check_meaning(d, PT_SECTION, p);

		if (dom == 0) {
			d = mk_supersection(0x45000000, p);
			assert_int_equal(d & 0x000c0003, 0x00040002);
			assert_int_equal(d >> 24, 0x45);
			assert_int_equal(section_prot(d, &known), p);
			assert_true(known);
			check_meaning(d, PT_SUPERSECTION, p);
		}

		d = mk_large_page(0x12340000, p);
		assert_int_equal(d & 3, 1);
		assert_int_equal(d >> 16, 0x1234);
		assert_int_equal(large_page_prot(d, dom, &known), p);
		assert_true(known);
		check_meaning(d, PT_LARGE, p);

		d = mk_small_page(0x12345000, p);
		assert_int_equal((d >> 1) & 1, 1);
		assert_int_equal(d >> 12, 0x12345);
		assert_int_equal(small_page_prot(d, dom, &known), p);
		assert_true(known);
		check_meaning(d, PT_SMALL, p);
	}
	/* normal/normal-nc: 10 rights x 4 nG/S x 16 domains; device/SO: 5 x 4 x 16. */
	assert_int_equal(valid, 2 * 640 + 2 * 320);
}

/*
 * On a multiprocessor (pt_encode_init(true)) every Normal descriptor gets S
 * whatever prot says, and decodes with PROT_SHARED; device and
 * strongly-ordered ones are left as they were (S ignored there, B3.8.2).
 */
static void smp_makes_normal_memory_shareable(void **state)
{
	(void)state;
	assert_false(pt_normal_shareable());
	pt_encode_init(true);
	assert_true(pt_normal_shareable());
	for (pgprot_t p = 0; p <= PROT_VALID_MASK; p++) {
		bool normal = PROT_MT(p) <= MT_NORMAL_NC, known;
		pgprot_t want = p | (normal ? PROT_SHARED : 0);
		unsigned dom = PROT_DOMAIN_OF(p);
		uint32_t d;

		if (!pgprot_valid(p))
			continue;
		d = mk_section(0x12300000, p);
		assert_int_equal(read_fields(d, PT_SECTION).s, !!(want & PROT_SHARED));
		assert_int_equal(section_prot(d, &known), want);
		if (dom == 0) {
			d = mk_supersection(0x45000000, p);
			assert_int_equal(read_fields(d, PT_SUPERSECTION).s, !!(want & PROT_SHARED));
			assert_int_equal(section_prot(d, &known), want);
		}
		d = mk_large_page(0x12340000, p);
		assert_int_equal(read_fields(d, PT_LARGE).s, !!(want & PROT_SHARED));
		assert_int_equal(large_page_prot(d, dom, &known), want);
		d = mk_small_page(0x12345000, p);
		assert_int_equal(read_fields(d, PT_SMALL).s, !!(want & PROT_SHARED));
		assert_int_equal(small_page_prot(d, dom, &known), want);
	}
	/* The examples of page_bits and section_bits with S (16 / 10) added. */
	assert_int_equal(mk_section(0x12300000, PAGE_KERNEL), 0x1231141e);
	assert_int_equal(mk_small_page(0x12345000, PAGE_KERNEL), 0x1234545f);
	assert_int_equal(mk_large_page(0x12340000, PAGE_KERNEL_NC | PROT_USER), 0x12349431);
	assert_int_equal(mk_small_page(0x10009000, PAGE_DEVICE | PROT_USER), 0x10009037);
	assert_int_equal(mk_section(0xfff00000, MT_STRONGLY_ORDERED | PROT_USER), 0xfff08c12);
	pt_encode_init(false);
	assert_int_equal(mk_section(0x12300000, PAGE_KERNEL), 0x1230141e);
}

static void invalid_prots_rejected(void **state)
{
	(void)state;
	assert_false(pgprot_valid(PAGE_DEVICE | PROT_EXEC));
	assert_false(pgprot_valid(MT_DEVICE | PROT_EXEC));
	assert_false(pgprot_valid(PAGE_SO | PROT_EXEC));
	assert_false(pgprot_valid(PROT_USER_RO));
	assert_false(pgprot_valid(PAGE_KERNEL | PROT_USER_RO));           /* no USER */
	assert_false(pgprot_valid(MT_NORMAL | PROT_USER | PROT_USER_RO)); /* no WRITE */
	assert_true(pgprot_valid(PAGE_KERNEL | PROT_USER | PROT_USER_RO));
	assert_true(pgprot_valid(PAGE_KERNEL_NC | PROT_EXEC));
	for (unsigned bit = 12; bit < 32; bit++)
		assert_false(pgprot_valid(PAGE_KERNEL | 1u << bit));
}

static void section_bits(void **state)
{
	(void)state;
	/* base 0x123 | AP[1:0]=01 (10) | TEX=001 (12) | XN (4) | C B | type 10 */
	assert_int_equal(mk_section(0x12300000, PAGE_KERNEL), 0x1230141e);
	/* The offset inside the section is dropped. */
	assert_int_equal(mk_section(0x123fffff, PAGE_KERNEL), 0x1230141e);
	/* nG (17) | S (16) | AP=01 | domain 5 (8:5) | XN | B: shareable device */
	assert_int_equal(
		mk_section(0x40000000, PAGE_DEVICE | PROT_DOMAIN(5) | PROT_NG | PROT_SHARED),
		0x400304b6);
	/* APX (15) | AP=01 | TEX=001 C B, executable: kernel read-only text */
	assert_int_equal(mk_section(0x00100000, PAGE_KERNEL_EXEC), 0x0010940e);
	/* APX | AP=11: read-only for everyone; TEX=000 C=0 B=0 strongly ordered, XN */
	assert_int_equal(mk_section(0xfff00000, MT_STRONGLY_ORDERED | PROT_USER), 0xfff08c12);
	/* AP=10: kernel RW, user RO; domain 15 */
	assert_int_equal(mk_section(0, PAGE_KERNEL | PROT_USER | PROT_USER_RO | PROT_DOMAIN(15)),
			 0x000019fe);
}

static void supersection_bits(void **state)
{
	bool known;

	(void)state;
	/*
	 * PA 0xab_cd00_0000: PA[31:24]=0xcd in 31:24, PA[35:32]=0xb in 23:20,
	 * PA[39:36]=0xa in 8:5 | super (18) | TEX=001 | AP=01 | XN | C B | 10
	 */
	assert_int_equal(mk_supersection(0xabcd000000ull, PAGE_KERNEL), 0xcdb4155e);
	assert_int_equal(mk_supersection(0x01000000, PAGE_KERNEL_NC | PROT_EXEC), 0x01041402);
	/* Decoding ignores the extended base bits, which sit where a domain would. */
	assert_int_equal(section_prot(0xcdb4155e, &known), PAGE_KERNEL);
	assert_true(known);
}

static void page_bits(void **state)
{
	(void)state;
	/* Large: base | XN (15) | TEX=001 (14:12) | AP=11 (5:4) | type 01 */
	assert_int_equal(mk_large_page(0x12340000, PAGE_KERNEL_NC | PROT_USER), 0x12349031);
	assert_int_equal(mk_large_page(0x1234f000, PAGE_KERNEL_NC | PROT_USER), 0x12349031);
	/* Large, executable, nG (11), S (10), APX (9), TEX=001 C B */
	assert_int_equal(mk_large_page(0x00010000, PAGE_KERNEL_EXEC | PROT_NG | PROT_SHARED),
			 0x00011e1d);
	/* Small: TEX=001 (8:6) | AP=01 (5:4) | C B | type 1x | XN (0) */
	assert_int_equal(mk_small_page(0x12345000, PAGE_KERNEL), 0x1234505f);
	assert_int_equal(mk_small_page(0x12345fff, PAGE_KERNEL), 0x1234505f);
	/* Small, read-only executable: APX (9) | AP=01, no XN */
	assert_int_equal(mk_small_page(0x12345000, PAGE_KERNEL_EXEC), 0x1234525e);
	/* Small device page for user RW: AP=11, B, XN */
	assert_int_equal(mk_small_page(0x10009000, PAGE_DEVICE | PROT_USER), 0x10009037);
}

static void table_bits(void **state)
{
	(void)state;
	/* base [31:10] | domain (8:5) | type 01 */
	assert_int_equal(mk_l1_table(0x80004400, 3), 0x80004461);
	assert_int_equal(mk_l1_table(0x800047ff, 15), 0x800045e1);
}

static void unknown_memory_types(void **state)
{
	bool known;
	pgprot_t p;

	(void)state;
	/* TEX=000 C=1 B=0: write-through, not one of ours. */
	p = section_prot(0x12300000 | 0x8 | 0x400 | 0x2, &known);
	assert_false(known);
	assert_int_equal(p & ~PROT_MT_MASK, PROT_WRITE | PROT_EXEC);
	small_page_prot(0x12345000 | (4u << 6) | 0x2, 0, &known); /* TEX=100 */
	assert_false(known);
	large_page_prot(0x12340000 | (2u << 12) | 0x1, 0, &known); /* TEX=010 */
	assert_false(known);
	/* AP=000: no access at all decodes as kernel read-only. */
	assert_int_equal(section_prot(0x12300000 | 0x100e | 0x2, &known) & ~PROT_MT_MASK,
			 PROT_EXEC);
	assert_true(known);
}

static void describe_and_names(void **state)
{
	char buf[64];
	int n;

	(void)state;
	n = pgprot_describe(PAGE_KERNEL, buf, sizeof(buf));
	assert_string_equal(buf, "normal k:RW u:-- XN G dom0");
	assert_int_equal(n, (int)strlen(buf));
	pgprot_describe(PAGE_DEVICE | PROT_USER | PROT_USER_RO | PROT_NG | PROT_SHARED |
				PROT_DOMAIN(12),
			buf, sizeof(buf));
	assert_string_equal(buf, "device k:RW u:RO XN nG S dom12");
	pgprot_describe(PAGE_KERNEL_EXEC | PROT_USER, buf, sizeof(buf));
	assert_string_equal(buf, "normal k:RO u:RO X  G dom0");
	n = pgprot_describe(PAGE_SO, buf, 8);
	assert_string_equal(buf, "strongl");
	assert_int_equal(n, (int)strlen("strongly-ordered k:RW u:-- XN G dom0"));

	assert_string_equal(pt_kind_name(PT_SUPERSECTION), "supersection");
	assert_string_equal(pt_kind_name(PT_SMALL), "small page");
	assert_string_equal(pt_kind_name(PT_FAULT), "fault");
	assert_int_equal(pt_kind_size(PT_SUPERSECTION), 16u << 20);
	assert_int_equal(pt_kind_size(PT_SECTION), 1u << 20);
	assert_int_equal(pt_kind_size(PT_LARGE), 64u << 10);
	assert_int_equal(pt_kind_size(PT_SMALL), 4u << 10);
	assert_int_equal(pt_kind_size(PT_FAULT), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_prots_round_trip),
		cmocka_unit_test(smp_makes_normal_memory_shareable),
		cmocka_unit_test(invalid_prots_rejected),
		cmocka_unit_test(section_bits),
		cmocka_unit_test(supersection_bits),
		cmocka_unit_test(page_bits),
		cmocka_unit_test(table_bits),
		cmocka_unit_test(unknown_memory_types),
		cmocka_unit_test(describe_and_names),
	};

	return cmocka_run_group_tests_name("pgtable_encode", tests, NULL, NULL);
}

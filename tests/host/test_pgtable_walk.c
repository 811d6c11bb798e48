/*
 * pt_walk.c: the software walker over hand-written tables in fake RAM, and
 * pt_expected_par(), the PAR value ATS1C{P,U}{R,W} should leave (checked
 * against the ARM ARM's fault status codes and AP tables, written out here).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "host_env.h"

#define TTB0  HOST_PHYS_BASE             /* slot 0 */
#define L2_PA (HOST_PHYS_BASE + 0x10000) /* an L2 table past the slots */

/* Little helpers to write descriptors at a physical address. */
static void poke(phys_addr_t pa, uint32_t v)
{
	memcpy(pt_phys_to_virt(pa), &v, 4);
}

static void walk(uint32_t ttbr0, uint32_t ttbr1, uint32_t ttbcr, uint32_t va, struct pt_walk *w)
{
	struct pt_walker hw = {
		.ttbr0 = ttbr0,
		.ttbr1 = ttbr1,
		.ttbcr = ttbcr,
		.read_phys = host_read_phys,
	};

	memset(w, 0x5a, sizeof(*w)); /* every field must be written */
	pt_walk_hw(&hw, va, w);
}

static int setup(void **state)
{
	(void)state;
	host_env_reset();
	return 0;
}

static void sections_and_supersections(void **state)
{
	struct pt_walk w;

	(void)state;
	poke(TTB0 + 0x123 * 4, 0x4560141e | 7 << 5); /* section, domain 7 */
	walk(TTB0 | 0x59, 0, 0, 0x123abcde, &w);     /* walk attribute bits ignored */
	assert_int_equal(w.kind, PT_SECTION);
	assert_int_equal(w.pa, 0x456abcde);
	assert_int_equal(w.l1_index, 0x123);
	assert_int_equal(w.l1_addr, TTB0 + 0x48c);
	assert_int_equal(w.l1_desc, 0x4560141e | 7 << 5);
	assert_int_equal(w.domain, 7);
	assert_int_equal(w.prot, PAGE_KERNEL | PROT_DOMAIN(7));
	assert_true(w.memtype_known);
	assert_int_equal(w.tex_c_b, 0x07);
	assert_int_equal(w.ap, 1);

	/* Supersection, PA 0xab_cd00_0000, written to its 16 slots. */
	for (unsigned i = 0; i < 16; i++)
		poke(TTB0 + (0x200 + i) * 4, 0xcdb4155e);
	walk(TTB0, 0, 0, 0x20fedcba, &w);
	assert_int_equal(w.kind, PT_SUPERSECTION);
	assert_int_equal(w.pa, 0xabcdfedcbaull);
	assert_int_equal(w.domain, 0);
	assert_int_equal(w.prot, PAGE_KERNEL);
	assert_int_equal(w.l1_index, 0x20f);
	walk(TTB0, 0, 0, 0x20000000, &w);
	assert_int_equal(w.pa, 0xabcd000000ull);
}

static void pages(void **state)
{
	struct pt_walk w;

	(void)state;
	poke(TTB0 + 0x300 * 4, L2_PA | 9 << 5 | 1); /* table, domain 9 */
	poke(L2_PA + 5 * 4, 0x1234505f);            /* small, PAGE_KERNEL */
	for (unsigned i = 0x10; i < 0x20; i++)
		poke(L2_PA + i * 4, 0x56789031); /* large, NC user RW XN */

	walk(TTB0, 0, 0, 0x30005abc, &w);
	assert_int_equal(w.kind, PT_SMALL);
	assert_int_equal(w.pa, 0x12345abc);
	assert_int_equal(w.domain, 9);
	assert_int_equal(w.prot, PAGE_KERNEL | PROT_DOMAIN(9));
	assert_int_equal(w.l1_index, 0x300);
	assert_int_equal(w.l2_index, 5);
	assert_int_equal(w.l2_addr, L2_PA + 20);
	assert_int_equal(w.l2_desc, 0x1234505f);

	walk(TTB0, 0, 0, 0x3001f123, &w);
	assert_int_equal(w.kind, PT_LARGE);
	assert_int_equal(w.pa, 0x5678f123);
	assert_int_equal(w.prot, PAGE_KERNEL_NC | PROT_USER | PROT_DOMAIN(9));
	assert_int_equal(w.l2_index, 0x1f);

	/* Level 2 fault: the table is there, the entry is not. */
	walk(TTB0, 0, 0, 0x30006000, &w);
	assert_int_equal(w.kind, PT_FAULT);
	assert_int_equal(w.fault_level, 2);
	assert_int_equal(w.l2_index, 6);
	assert_int_equal(w.l2_addr, L2_PA + 24);
	assert_int_equal(w.domain, 9);
}

static void level1_faults(void **state)
{
	struct pt_walk w;

	(void)state;
	walk(TTB0, 0, 0, 0x00000000, &w);
	assert_int_equal(w.kind, PT_FAULT);
	assert_int_equal(w.fault_level, 1);
	assert_int_equal(w.l1_addr, TTB0);
	poke(TTB0 + 0xfff * 4, 0xfff0141e | 3); /* reserved type 0b11 */
	walk(TTB0, 0, 0, 0xfffff000, &w);
	assert_int_equal(w.kind, PT_FAULT);
	assert_int_equal(w.fault_level, 1);
	assert_int_equal(w.l1_index, 0xfff);
	assert_int_equal(w.l1_desc, 0xfff0141f);
}

/* TTBCR.N = n: below 2^(32-n) TTBR0 with a (16 KB >> n) table, above TTBR1. */
static void ttbcr_split(void **state)
{
	const phys_addr_t ttb1 = HOST_PHYS_BASE + HOST_L1_BYTES; /* slot 1 */

	(void)state;
	for (uint32_t n = 0; n < 8; n++) {
		uint32_t size0 = HOST_L1_BYTES >> n;
		/* Slot 2, offset by the table size: aligned to it, not to more. */
		phys_addr_t ttb0 = HOST_PHYS_BASE + 2 * HOST_L1_BYTES + (n ? size0 : 0);
		uint64_t boundary = n ? 1ull << (32 - n) : 1ull << 32;
		uint32_t below = (uint32_t)(boundary - SZ_1M);
		struct pt_walk w;

		memset(pt_phys_to_virt(ttb1), 0, HOST_L1_BYTES);
		memset(pt_phys_to_virt(HOST_PHYS_BASE + 2 * HOST_L1_BYTES), 0, 2 * HOST_L1_BYTES);
		/* The last entry of the TTBR0 table maps the last MB below the boundary. */
		poke(ttb0 + size0 - 4, 0x0aa0141e);
		walk(ttb0 | 0x48, ttb1 | 0x48, n, below + 0x123, &w);
		assert_int_equal(w.kind, PT_SECTION);
		assert_int_equal(w.pa, 0x0aa00123);
		assert_int_equal(w.l1_addr, ttb0 + size0 - 4);
		assert_int_equal(w.l1_index, below >> 20);
		if (n == 0)
			continue;
		/* At the boundary, TTBR1's full-size table, indexed by VA[31:20]. */
		poke(ttb1 + (uint32_t)(boundary >> 20) * 4, 0x0bb0141e);
		walk(ttb0, ttb1, n, (uint32_t)boundary + 0x456, &w);
		assert_int_equal(w.kind, PT_SECTION);
		assert_int_equal(w.pa, 0x0bb00456);
		assert_int_equal(w.l1_addr, ttb1 + (boundary >> 20) * 4);
		/* TTBR1's low 14 bits are attributes, not address. */
		walk(ttb0, ttb1 | 0x3fff, n, 0xfff00000, &w);
		assert_int_equal(w.l1_addr, ttb1 + 0xfff * 4);
	}
}

/* ---- pt_expected_par ---- */

static const uint32_t FAULT_TRANSLATION_SECT = 0x05 << 1 | 1; /* 0x0b */
static const uint32_t FAULT_TRANSLATION_PAGE = 0x07 << 1 | 1; /* 0x0f */
static const uint32_t FAULT_DOMAIN_SECT = 0x09 << 1 | 1;
static const uint32_t FAULT_DOMAIN_PAGE = 0x0b << 1 | 1;
static const uint32_t FAULT_PERM_SECT = 0x0d << 1 | 1;
static const uint32_t FAULT_PERM_PAGE = 0x0f << 1 | 1;

#define DACR_ALL(v) ((v)*0x55555555u) /* every domain field = v */

static void translation_faults(void **state)
{
	struct pt_walk w;

	(void)state;
	poke(TTB0 + 0x300 * 4, L2_PA | 1);
	walk(TTB0, 0, 0, 0x10000000, &w);
	assert_int_equal(pt_expected_par(&w, 0x10000000, ATS_PRIV_READ, DACR_ALL(3), false),
			 FAULT_TRANSLATION_SECT);
	assert_int_equal(FAULT_TRANSLATION_SECT, 0x0b);
	walk(TTB0, 0, 0, 0x30000000, &w);
	assert_int_equal(pt_expected_par(&w, 0x30000000, ATS_USER_WRITE, DACR_ALL(3), true),
			 FAULT_TRANSLATION_PAGE);
	assert_int_equal(FAULT_TRANSLATION_PAGE, 0x0f);
}

static void domain_faults_and_manager(void **state)
{
	struct pt_walk w;

	(void)state;
	poke(TTB0 + 0x100 * 4, 0x4560000e | 6 << 5 | 2); /* section, AP=000: no access */
	poke(TTB0 + 0x300 * 4, L2_PA | 6 << 5 | 1);
	poke(L2_PA, 0x78900000 | 0x0e); /* small page, AP=000 */
	for (int page = 0; page < 2; page++) {
		uint32_t va = page ? 0x30000abc : 0x10000abc;
		uint32_t pa = page ? 0x78900000 : 0x45600000;
		uint32_t dom_fault = page ? FAULT_DOMAIN_PAGE : FAULT_DOMAIN_SECT;
		uint32_t perm_fault = page ? FAULT_PERM_PAGE : FAULT_PERM_SECT;

		walk(TTB0, 0, 0, va, &w);
		assert_int_equal(w.domain, 6);
		/* Domain 6 no access (0) or reserved (2), all others manager. */
		for (uint32_t v = 0; v <= 2; v += 2) {
			uint32_t dacr = (DACR_ALL(3) & ~(3u << 12)) | v << 12;

			for (int op = ATS_PRIV_READ; op <= ATS_USER_WRITE; op++)
				assert_int_equal(pt_expected_par(&w, va, op, dacr, false),
						 dom_fault);
		}
		/* Only domain 6's field counts. */
		assert_int_equal(pt_expected_par(&w, va, ATS_PRIV_READ, 3u << 12, false), pa);
		/* Manager ignores AP=000; client honours it. */
		for (int op = ATS_PRIV_READ; op <= ATS_USER_WRITE; op++) {
			assert_int_equal(pt_expected_par(&w, va, op, 3u << 12, false), pa);
			assert_int_equal(pt_expected_par(&w, va, op, 3u << 12, true), pa | 1u << 9);
			assert_int_equal(pt_expected_par(&w, va, op, 1u << 12, false), perm_fault);
			assert_int_equal(pt_expected_par(&w, va, op, 1u << 12, true), perm_fault);
		}
	}
}

/* ARM ARM B3.7.1 (AFE = 0): priv read, priv write, user read, user write. */
static const bool ap_allows[8][4] = {
	{ 0, 0, 0, 0 }, { 1, 1, 0, 0 }, { 1, 1, 1, 0 }, { 1, 1, 1, 1 },
	{ 0, 0, 0, 0 }, { 1, 0, 0, 0 }, { 1, 0, 1, 0 }, { 1, 0, 1, 0 },
};

static void access_permissions(void **state)
{
	(void)state;
	for (uint32_t ap = 0; ap < 8; ap++) {
		uint32_t apx = ap >> 2, ap10 = ap & 3;
		/* A section (AP at 11:10, APX at 15) and a small page (5:4, 9). */
		uint32_t sect = 0x45600000 | apx << 15 | ap10 << 10 | 0x100e | 2 << 5;
		uint32_t small = 0x78901000 | apx << 9 | ap10 << 4 | 0x4e;
		struct pt_walk ws, wp;

		poke(TTB0 + 0x100 * 4, sect);
		poke(TTB0 + 0x300 * 4, L2_PA | 2 << 5 | 1);
		poke(L2_PA + 4, small);
		walk(TTB0, 0, 0, 0x10000123, &ws);
		walk(TTB0, 0, 0, 0x30001123, &wp);
		assert_int_equal(ws.ap, ap);
		assert_int_equal(wp.ap, ap);
		for (int op = ATS_PRIV_READ; op <= ATS_USER_WRITE; op++) {
			bool ok = ap_allows[ap][op];
			uint32_t dacr = 1u << 4; /* domain 2 client */

			assert_int_equal(pt_expected_par(&ws, 0x10000123, op, dacr, false),
					 ok ? 0x45600000 : FAULT_PERM_SECT);
			assert_int_equal(pt_expected_par(&wp, 0x30001123, op, dacr, false),
					 ok ? 0x78901000 : FAULT_PERM_PAGE);
		}
	}
}

static void supersection_par(void **state)
{
	struct pt_walk w;

	(void)state;
	for (unsigned i = 0; i < 16; i++)
		poke(TTB0 + (0x400 + i) * 4, 0x9a04141e); /* PA 0x9a000000, kernel RW */
	walk(TTB0, 0, 0, 0x40abc123, &w);
	assert_int_equal(w.kind, PT_SUPERSECTION);
	assert_int_equal(w.pa, 0x9aabc123);
	/* PA[31:24] and SS (bit 1); domain 0 as client. */
	assert_int_equal(pt_expected_par(&w, 0x40abc123, ATS_PRIV_WRITE, 1, false), 0x9a000002);
	assert_int_equal(pt_expected_par(&w, 0x40abc123, ATS_PRIV_READ, 1, true), 0x9a000202);
	assert_int_equal(pt_expected_par(&w, 0x40abc123, ATS_USER_READ, 1, false), FAULT_PERM_SECT);
	assert_int_equal(pt_expected_par(&w, 0x40abc123, ATS_USER_READ, 0xfffffffc, false),
			 FAULT_DOMAIN_SECT);
}

/*
 * Shareability by ARM ARM B3.8.2 table B3-10 (TRE = 0): S counts for
 * Normal memory only; strongly-ordered and TEX 000 C 0 B 1 device are
 * always Shareable, TEX 010 device never. PAR.SH follows, NOS stays 0.
 */
static void shareability(void **state)
{
	static const struct {
		uint32_t desc; /* a section at 0x45600000, kernel RW, XN */
		bool shareable;
		uint32_t par_attrs;
	} cases[] = {
		{ 0x4560141e, false, 0x54 },       /* Normal WBWA, S = 0 */
		{ 0x4561141e, true, 0x80 | 0x54 }, /* Normal WBWA, S = 1 */
		{ 0x45611412, true, 0x80 },        /* Normal NC, S = 1 */
		{ 0x45601412, false, 0 },          /* Normal NC, S = 0 */
		{ 0x45600416, true, 0x80 | 0x30 }, /* Shareable Device, S = 0 */
		{ 0x45610416, true, 0x80 | 0x30 }, /* Shareable Device, S = 1 (ignored) */
		{ 0x45600412, true, 0x80 | 0x10 }, /* strongly-ordered, S = 0 */
		{ 0x45612412, false, 0 },          /* Non-shareable Device, S = 1 (ignored) */
		{ 0x4561541e | 0x4000, true, 0 },  /* TEX 1BB: cacheable Normal, S = 1 */
		{ 0x4560141e | 0x4000, false, 0 }, /* the same with S = 0 */
	};
	struct pt_walk w;

	(void)state;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		poke(TTB0 + 0x123 * 4, cases[i].desc);
		walk(TTB0, 0, 0, 0x12300000, &w);
		assert_int_equal(w.kind, PT_SECTION);
		assert_int_equal(pt_walk_shareable(&w), cases[i].shareable);
		if (w.memtype_known)
			assert_int_equal(pt_par_attrs(&w), cases[i].par_attrs);
	}
	/* The same bit at the page formats' position (10). */
	poke(TTB0 + 0x300 * 4, L2_PA | 1);
	poke(L2_PA + 5 * 4, 0x1234545f); /* small, PAGE_KERNEL, S */
	walk(TTB0, 0, 0, 0x30005000, &w);
	assert_true(pt_walk_shareable(&w));
	assert_int_equal(pt_par_attrs(&w) & (PAR_SH | PAR_NOS), PAR_SH);
	poke(L2_PA + 5 * 4, 0x1234505f); /* the same without S */
	walk(TTB0, 0, 0, 0x30005000, &w);
	assert_false(pt_walk_shareable(&w));
	assert_int_equal(pt_par_attrs(&w) & (PAR_SH | PAR_NOS), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(sections_and_supersections, setup),
		cmocka_unit_test_setup(pages, setup),
		cmocka_unit_test_setup(level1_faults, setup),
		cmocka_unit_test_setup(ttbcr_split, setup),
		cmocka_unit_test_setup(translation_faults, setup),
		cmocka_unit_test_setup(domain_faults_and_manager, setup),
		cmocka_unit_test_setup(access_permissions, setup),
		cmocka_unit_test_setup(supersection_par, setup),
		cmocka_unit_test_setup(shareability, setup),
	};

	return cmocka_run_group_tests_name("pgtable_walk", tests, NULL, NULL);
}

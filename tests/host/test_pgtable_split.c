/*
 * pt_unmap / pt_protect on part of a block: the block is split, the rest
 * still translates to the same PA with the same attributes, and L2 tables
 * that become empty are freed. Also pt_for_each_range()'s merging.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "pt_check.h"

static pde_t *pgd;
static struct arch_aspace as; /* pgd as an address space, for the calls that change it */

static int setup(void **state)
{
	(void)state;
	host_env_reset();
	pgd = host_l1_table(0);
	as = (struct arch_aspace){ .pgd = pgd };
	return 0;
}

/* Every page of [va, va + size), mapped at pa, except the hole [hole, hole + hole_size). */
static void expect_all_but(uint32_t va, uint32_t pa, uint32_t size, pgprot_t prot, uint32_t hole,
			   uint32_t hole_size)
{
	for (uint32_t x = va; x - va < size; x += SZ_4K) {
		struct pt_walk w;

		if (x - hole < hole_size) {
			expect_page(pgd, x, PT_FAULT, 0, 0);
			continue;
		}
		pt_query(pgd, x, &w);
		expect_page(pgd, x, w.kind == PT_FAULT ? PT_SMALL : w.kind, pa + (x - va), prot);
	}
}

static void unmap_page_from_supersection(void **state)
{
	const struct host_flush_log *fl = host_flush_log();

	(void)state;
	assert_int_equal(pt_map(&as, 0x10000000, 0x50000000, SZ_16M, PAGE_KERNEL), 0);
	host_flush_clear();
	assert_int_equal(pt_unmap(&as, 0x10345000, SZ_4K), 0);
	expect_all_but(0x10000000, 0x50000000, SZ_16M, PAGE_KERNEL, 0x10345000, SZ_4K);
	/* Minimal split: 15 sections; 15 large pages and 15 small pages in one table. */
	assert_int_equal(count_kind(pgd, 0x10000000, SZ_16M, PT_SECTION), 15 * 256);
	assert_int_equal(count_kind(pgd, 0x10300000, SZ_1M, PT_LARGE), 15 * 16);
	assert_int_equal(count_kind(pgd, 0x10340000, SZ_64K, PT_SMALL), 15);
	assert_int_equal(host_l2_live(), 1);
	/* The TLB was told about the page. */
	assert_true(fl->calls > 0 && fl->lo <= 0x10345000 && fl->hi >= 0x10346000);

	assert_int_equal(pt_unmap(&as, 0x10000000, 0x345000), 0);
	assert_int_equal(pt_unmap(&as, 0x10346000, SZ_16M - 0x346000), 0);
	expect_empty(pgd);
}

static void unmap_inside_large_page(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&as, 0x30010000, 0x60010000, SZ_64K, PAGE_KERNEL_NC), 0);
	assert_int_equal(count_kind(pgd, 0x30010000, SZ_64K, PT_LARGE), 16);
	/* Both edges in the same large page. */
	assert_int_equal(pt_unmap(&as, 0x30014000, 2 * SZ_4K), 0);
	expect_all_but(0x30010000, 0x60010000, SZ_64K, PAGE_KERNEL_NC, 0x30014000, 2 * SZ_4K);
	assert_int_equal(count_kind(pgd, 0x30010000, SZ_64K, PT_SMALL), 14);
	assert_int_equal(pt_unmap(&as, 0x30010000, SZ_64K), -ENOENT);
	assert_int_equal(pt_unmap(&as, 0x30010000, 0x4000), 0);
	assert_int_equal(host_l2_live(), 1);
	assert_int_equal(pt_unmap(&as, 0x30016000, 0xa000), 0);
	expect_empty(pgd);
}

static void protect_part_of_each_kind(void **state)
{
	const pgprot_t rw = PAGE_KERNEL, ro = PAGE_KERNEL_RO | PROT_NG;

	(void)state;
	/* Supersection: two sections in the middle. */
	assert_int_equal(pt_map(&as, 0x10000000, 0x50000000, SZ_16M, rw), 0);
	assert_int_equal(pt_protect(&as, 0x10500000, 2 * SZ_1M, ro), 0);
	for (uint32_t x = 0x10000000; x < 0x11000000; x += SZ_4K) {
		bool in = x - 0x10500000 < 2 * SZ_1M;

		expect_page(pgd, x, PT_SECTION, 0x50000000 + (x - 0x10000000), in ? ro : rw);
	}
	assert_int_equal(host_l2_live(), 0);

	/* Section: three pages across a 64 KB boundary. */
	assert_int_equal(pt_map(&as, 0x20000000, 0x60000000, SZ_1M, rw | PROT_DOMAIN(2)), 0);
	assert_int_equal(pt_protect(&as, 0x2001f000, 3 * SZ_4K, ro | PROT_DOMAIN(2)), 0);
	for (uint32_t x = 0x20000000; x < 0x20100000; x += SZ_4K) {
		bool in = x - 0x2001f000 < 3 * SZ_4K;
		enum pt_kind k = (x >> 16) == 0x2001 || (x >> 16) == 0x2002 ? PT_SMALL : PT_LARGE;

		expect_page(pgd, x, k, 0x60000000 + (x - 0x20000000),
			    (in ? ro : rw) | PROT_DOMAIN(2));
	}
	assert_int_equal(host_l2_live(), 1);

	/* Large page: one page in the middle. */
	assert_int_equal(pt_map(&as, 0x30010000, 0x70010000, SZ_64K, PAGE_DEVICE), 0);
	assert_int_equal(pt_protect(&as, 0x30018000, SZ_4K, PAGE_SO), 0);
	for (uint32_t x = 0x30010000; x < 0x30020000; x += SZ_4K)
		expect_page(pgd, x, PT_SMALL, 0x70010000 + (x - 0x30010000),
			    x == 0x30018000 ? PAGE_SO : PAGE_DEVICE);

	/* Whole blocks keep their kind; a whole section may change domain, a table not. */
	assert_int_equal(pt_protect(&as, 0x10000000, SZ_16M, ro), 0);
	expect_page(pgd, 0x10abc000, PT_SECTION, 0x50abc000, ro);
	assert_int_equal(pt_protect(&as, 0x20000000, SZ_1M, rw | PROT_DOMAIN(5)), -EINVAL);
	assert_int_equal(pt_map(&as, 0x23000000, 0x63000000, SZ_1M, rw | PROT_DOMAIN(2)), 0);
	assert_int_equal(pt_protect(&as, 0x23000000, SZ_1M, ro | PROT_DOMAIN(5)), 0);
	expect_page(pgd, 0x230ff000, PT_SECTION, 0x630ff000, ro | PROT_DOMAIN(5));
	assert_int_equal(pt_map(&as, 0x21000000, 0x61000000, SZ_16M, rw), 0);
	assert_int_equal(pt_protect(&as, 0x21000000, SZ_16M, ro), 0);
	expect_page(pgd, 0x21fff000, PT_SUPERSECTION, 0x61fff000, ro);

	assert_int_equal(pt_unmap(&as, 0x10000000, SZ_16M), 0);
	assert_int_equal(pt_unmap(&as, 0x20000000, SZ_16M + SZ_1M), -ENOENT);
	assert_int_equal(pt_unmap(&as, 0x20000000, SZ_1M), 0);
	assert_int_equal(pt_unmap(&as, 0x21000000, SZ_16M + SZ_1M), -ENOENT);
	assert_int_equal(pt_unmap(&as, 0x21000000, SZ_16M), 0);
	assert_int_equal(pt_unmap(&as, 0x23000000, SZ_1M), 0);
	assert_int_equal(pt_unmap(&as, 0x30010000, SZ_64K), 0);
	expect_empty(pgd);
}

static void empty_tables_are_freed(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&as, 0x300ff000, 0x600ff000, 3 * SZ_4K, PAGE_KERNEL), 0);
	assert_int_equal(pt_map(&as, 0x30500000, 0x60500000, SZ_4K, PAGE_KERNEL), 0);
	assert_int_equal(host_l2_live(), 3);
	assert_int_equal(pt_unmap(&as, 0x30100000, SZ_4K), 0);
	assert_int_equal(host_l2_live(), 3);
	assert_int_equal(pt_unmap(&as, 0x30101000, SZ_4K), 0);
	assert_int_equal(host_l2_live(), 2);
	assert_int_equal(pgd[0x301], 0);
	assert_int_equal(pt_unmap(&as, 0x300ff000, SZ_4K), 0);
	assert_int_equal(host_l2_live(), 1);
	assert_int_equal(pt_unmap(&as, 0x30500000, SZ_4K), 0);
	expect_empty(pgd);
	/* A freed table is reused after a fresh map. */
	assert_int_equal(pt_map(&as, 0x30000000, 0x60001000, SZ_1M, PAGE_KERNEL), 0);
	expect_mapped(pgd, 0x30000000, 0x60001000, SZ_1M, PAGE_KERNEL, PT_SUPERSECTION);
	assert_int_equal(pt_unmap(&as, 0x30000000, SZ_1M), 0);
	expect_empty(pgd);
	assert_int_equal(host_l2_allocs(), 4);
}

/* ---- pt_for_each_range ---- */

struct ranges {
	unsigned n;
	struct pt_range r[16];
};

static void collect(const struct pt_range *r, void *ctx)
{
	struct ranges *rs = ctx;

	assert_true(rs->n < ARRAY_SIZE(rs->r));
	rs->r[rs->n++] = *r;
}

static void expect_range(const struct ranges *rs, unsigned i, uint32_t va, uint64_t pa,
			 uint64_t size, enum pt_kind kind, pgprot_t prot)
{
	assert_true(i < rs->n);
	assert_int_equal(rs->r[i].va, va);
	assert_int_equal(rs->r[i].pa, pa);
	assert_int_equal(rs->r[i].size, size);
	assert_int_equal(rs->r[i].kind, kind);
	assert_int_equal(rs->r[i].prot, prot);
}

static void ranges_merge(void **state)
{
	struct ranges rs = { 0 };

	(void)state;
	/* Two supersections mapped separately but contiguous: one run. */
	assert_int_equal(pt_map(&as, 0x10000000, 0x40000000, SZ_16M, PAGE_KERNEL), 0);
	assert_int_equal(pt_map(&as, 0x11000000, 0x41000000, SZ_16M, PAGE_KERNEL), 0);
	/* Then sections: contiguous with the PA but another kind, so a new run. */
	assert_int_equal(pt_map(&as, 0x12000000, 0x42000000, 2 * SZ_1M, PAGE_KERNEL), 0);
	/* A PA jump, then another prot. */
	assert_int_equal(pt_map(&as, 0x12200000, 0x52200000, SZ_1M, PAGE_KERNEL), 0);
	assert_int_equal(pt_map(&as, 0x12300000, 0x52300000, SZ_1M, PAGE_KERNEL_RO), 0);
	/* Small pages over a chunk boundary (two tables), then a hole. */
	assert_int_equal(pt_map(&as, 0x124fe000, 0x624fe000, 4 * SZ_4K, PAGE_DEVICE), 0);
	assert_int_equal(pt_map(&as, 0x12504000, 0x62504000, SZ_4K, PAGE_DEVICE), 0);

	pt_for_each_range(pgd, 0x0ff00000, 0x13000000, collect, &rs);
	assert_int_equal(rs.n, 6);
	expect_range(&rs, 0, 0x10000000, 0x40000000, 2 * SZ_16M, PT_SUPERSECTION, PAGE_KERNEL);
	expect_range(&rs, 1, 0x12000000, 0x42000000, 2 * SZ_1M, PT_SECTION, PAGE_KERNEL);
	expect_range(&rs, 2, 0x12200000, 0x52200000, SZ_1M, PT_SECTION, PAGE_KERNEL);
	expect_range(&rs, 3, 0x12300000, 0x52300000, SZ_1M, PT_SECTION, PAGE_KERNEL_RO);
	expect_range(&rs, 4, 0x124fe000, 0x624fe000, 4 * SZ_4K, PT_SMALL, PAGE_DEVICE);
	expect_range(&rs, 5, 0x12504000, 0x62504000, SZ_4K, PT_SMALL, PAGE_DEVICE);

	/* A window starting and ending inside blocks sees only the window. */
	rs.n = 0;
	pt_for_each_range(pgd, 0x10800000, 0x12180000, collect, &rs);
	assert_int_equal(rs.n, 2);
	expect_range(&rs, 0, 0x10800000, 0x40800000, SZ_16M + SZ_16M / 2, PT_SUPERSECTION,
		     PAGE_KERNEL);
	expect_range(&rs, 1, 0x12000000, 0x42000000, 0x180000, PT_SECTION, PAGE_KERNEL);

	/* Up to the end of the address space. */
	assert_int_equal(pt_map(&as, 0xfff00000, 0x7ff00000, SZ_1M, PAGE_KERNEL_EXEC), 0);
	rs.n = 0;
	pt_for_each_range(pgd, 0xff000000, 0x100000000ull, collect, &rs);
	assert_int_equal(rs.n, 1);
	expect_range(&rs, 0, 0xfff00000, 0x7ff00000, SZ_1M, PT_SECTION, PAGE_KERNEL_EXEC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(unmap_page_from_supersection, setup),
		cmocka_unit_test_setup(unmap_inside_large_page, setup),
		cmocka_unit_test_setup(protect_part_of_each_kind, setup),
		cmocka_unit_test_setup(empty_tables_are_freed, setup),
		cmocka_unit_test_setup(ranges_merge, setup),
	};

	return cmocka_run_group_tests_name("pgtable_split", tests, NULL, NULL);
}

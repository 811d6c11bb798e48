/*
 * pt_map / pt_map_max: the kind chosen for each granule, no block over an
 * L2 table, refusals that leave the tables byte-for-byte unchanged, and
 * complete rollback when L2 tables run out.
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

/* 4K + 64K + 1M below a 16 MB boundary, 16M, then 1M + 64K + 4K. */
#define STAIR_VA   (0x10000000u - SZ_4K - SZ_64K - SZ_1M)
#define STAIR_SIZE (2 * (SZ_4K + SZ_64K + SZ_1M) + SZ_16M)

static void largest_kind_for_alignment(void **state)
{
	static const struct {
		uint32_t pa_delta; /* pa - va */
		enum pt_kind max_kind;
		pgprot_t prot;
		unsigned super, sect, large, small; /* pages of each kind */
		unsigned tables;
	} cases[] = {
		{ 0x30000000, PT_SUPERSECTION, PAGE_KERNEL, 4096, 512, 32, 2, 2 },
		{ 0x30000000, PT_SECTION, PAGE_KERNEL, 0, 4608, 32, 2, 2 },
		{ 0x30000000, PT_LARGE, PAGE_KERNEL, 0, 0, 4640, 2, 20 },
		{ 0x30000000, PT_SMALL, PAGE_KERNEL, 0, 0, 0, 4642, 20 },
		/* Supersections only exist in domain 0. */
		{ 0x30000000, PT_SUPERSECTION, PAGE_KERNEL | PROT_DOMAIN(1), 0, 4608, 32, 2, 2 },
		/* PA aligned to 1 MB, 64 KB, 4 KB only. */
		{ 0x30100000, PT_SUPERSECTION, PAGE_DEVICE, 0, 4608, 32, 2, 2 },
		{ 0x30010000, PT_SUPERSECTION, PAGE_KERNEL_RO, 0, 0, 4640, 2, 20 },
		{ 0x30001000, PT_SUPERSECTION, PAGE_KERNEL_EXEC, 0, 0, 0, 4642, 20 },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		uint32_t pa = STAIR_VA + cases[i].pa_delta;

		setup(NULL);
		assert_int_equal(
			pt_map_max(&as, STAIR_VA, pa, STAIR_SIZE, cases[i].prot, cases[i].max_kind),
			0);
		expect_mapped(pgd, STAIR_VA, pa, STAIR_SIZE, cases[i].prot, cases[i].max_kind);
		assert_int_equal(count_kind(pgd, STAIR_VA, STAIR_SIZE, PT_SUPERSECTION),
				 cases[i].super);
		assert_int_equal(count_kind(pgd, STAIR_VA, STAIR_SIZE, PT_SECTION), cases[i].sect);
		assert_int_equal(count_kind(pgd, STAIR_VA, STAIR_SIZE, PT_LARGE), cases[i].large);
		assert_int_equal(count_kind(pgd, STAIR_VA, STAIR_SIZE, PT_SMALL), cases[i].small);
		assert_int_equal(host_l2_live(), cases[i].tables);
		/* Nothing outside the range. */
		expect_unmapped(pgd, STAIR_VA - SZ_1M, SZ_1M);
		expect_unmapped(pgd, STAIR_VA + STAIR_SIZE, SZ_1M);
		/* pt_map() is pt_map_max() with no limit. */
		if (cases[i].max_kind == PT_SUPERSECTION) {
			assert_int_equal(pt_unmap(&as, STAIR_VA, STAIR_SIZE), 0);
			expect_empty(pgd);
			assert_int_equal(pt_map(&as, STAIR_VA, pa, STAIR_SIZE, cases[i].prot), 0);
			expect_mapped(pgd, STAIR_VA, pa, STAIR_SIZE, cases[i].prot,
				      PT_SUPERSECTION);
		}
		assert_int_equal(pt_unmap(&as, STAIR_VA, STAIR_SIZE), 0);
		expect_empty(pgd);
	}
}

static void top_of_address_space(void **state)
{
	(void)state;
	/* A range that ends exactly at 4 GB does not wrap. */
	assert_int_equal(pt_map(&as, 0xff000000, 0x00000000, SZ_16M, PAGE_KERNEL), 0);
	expect_page(pgd, 0xfffff000, PT_SUPERSECTION, 0x00fff000, PAGE_KERNEL);
	assert_int_equal(pt_unmap(&as, 0xfffff000, SZ_4K), 0);
	expect_unmapped(pgd, 0xfffff000, SZ_4K);
	expect_page(pgd, 0xffffe000, PT_SMALL, 0x00ffe000, PAGE_KERNEL);
	assert_int_equal(pt_protect(&as, 0xfff80000, 0x7f000, PAGE_KERNEL_RO), 0);
	expect_page(pgd, 0xffffe000, PT_SMALL, 0x00ffe000, PAGE_KERNEL_RO);
	expect_page(pgd, 0xfff7f000, PT_LARGE, 0x00f7f000, PAGE_KERNEL);
	assert_int_equal(pt_map(&as, 0xfffff000, 0xfffff000, SZ_4K, PAGE_DEVICE), 0);
	expect_page(pgd, 0xfffff000, PT_SMALL, 0xfffff000, PAGE_DEVICE);
	assert_int_equal(pt_unmap(&as, 0xff000000, SZ_16M), 0);
	expect_empty(pgd);
}

/*
 * An L2 table may sit empty in its L1 entry (a kept or pinned table on
 * target: pt_l2_entry() makes one here): pt_map() then maps pages into it
 * rather than a block over it, which would lose the table.
 * pt_free_empty_l2() gives such a table back, and only an empty one.
 */
static void blocks_never_replace_a_table(void **state)
{
	uint32_t va = 0x10000000, pa = 0x40000000;

	(void)state;
	assert_non_null(pt_l2_entry(&as, va + SZ_1M)); /* an empty table in the 2nd MB */
	assert_int_equal(host_l2_live(), 1);
	assert_int_equal(pt_map(&as, va, pa, SZ_16M, PAGE_KERNEL), 0);
	expect_page(pgd, va, PT_SECTION, pa, PAGE_KERNEL); /* not a supersection */
	expect_page(pgd, va + SZ_1M + 0x5000, PT_LARGE, pa + SZ_1M + 0x5000, PAGE_KERNEL);
	expect_page(pgd, va + SZ_16M - SZ_4K, PT_SECTION, pa + SZ_16M - SZ_4K, PAGE_KERNEL);
	assert_int_equal(count_kind(pgd, va, SZ_16M, PT_SECTION), 15 * 256);
	assert_int_equal(count_kind(pgd, va + SZ_1M, SZ_1M, PT_LARGE), 256);
	assert_int_equal(host_l2_live(), 1); /* the same table, filled */
	assert_int_equal(pt_free_empty_l2(&as, va + SZ_1M), -EBUSY);
	assert_int_equal(pt_free_empty_l2(&as, va), -ENOENT); /* a section: no table */
	assert_int_equal(pt_unmap(&as, va, SZ_16M), 0);       /* the host pins nothing */
	expect_empty(pgd);
	assert_int_equal(host_l2_live(), 0);

	assert_non_null(pt_l2_entry(&as, va));
	host_flush_clear();
	assert_int_equal(pt_free_empty_l2(&as, va + 0x1000), 0);
	assert_int_equal(host_l2_live(), 0);
	expect_empty(pgd);
	assert_true(host_flush_log()->calls > 0); /* the walk may have cached the L1 entry */
}

/* A populated table to refuse things against. */
static void populate(void)
{
	assert_int_equal(pt_map(&as, 0x10000000, 0x40000000, SZ_16M, PAGE_KERNEL), 0);
	assert_int_equal(pt_map(&as, 0x20000000, 0x50000000, SZ_1M, PAGE_KERNEL | PROT_DOMAIN(2)),
			 0);
	assert_int_equal(pt_map(&as, 0x30000000, 0x60001000, 3 * SZ_4K, PAGE_KERNEL), 0);
	assert_int_equal(pt_map(&as, 0x30100000, 0x60100000, SZ_4K, PAGE_DEVICE | PROT_DOMAIN(3)),
			 0);
	assert_int_equal(host_l2_live(), 2);
}

static void refusals_change_nothing(void **state)
{
	const uint32_t V = 0x40000000, P = 0x70000000;
	struct host_snapshot *snap;
	unsigned allocs;

	(void)state;
	populate();
	snap = host_snapshot_take();
	allocs = host_l2_allocs();

	/* Misaligned, empty, wrapping: -EINVAL. */
	assert_int_equal(pt_map(&as, V + 0x800, P, SZ_4K, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, V, P + 0x800, SZ_4K, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, V, P, SZ_4K + 4, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, V, P, 0, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, 0xfffff000, P, 2 * SZ_4K, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, 0xff000000, P, SZ_16M + SZ_4K, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, V, 0xfffff000, 2 * SZ_4K, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, V, 0xff000000, SZ_16M + SZ_1M, PAGE_KERNEL), -EINVAL);
	/* Invalid attributes or kind limits. */
	assert_int_equal(pt_map(&as, V, P, SZ_4K, PAGE_DEVICE | PROT_EXEC), -EINVAL);
	assert_int_equal(pt_map(&as, V, P, SZ_4K, PAGE_SO | PROT_EXEC), -EINVAL);
	assert_int_equal(pt_map(&as, V, P, SZ_4K, PROT_USER_RO), -EINVAL);
	assert_int_equal(pt_map(&as, V, P, SZ_4K, PAGE_KERNEL | PROT_USER_RO), -EINVAL);
	assert_int_equal(pt_map(&as, V, P, SZ_4K, PAGE_KERNEL | 1u << 12), -EINVAL);
	assert_int_equal(pt_map_max(&as, V, P, SZ_4K, PAGE_KERNEL, PT_FAULT), -EINVAL);
	assert_int_equal(pt_map_max(&as, V, P, SZ_4K, PAGE_KERNEL, PT_SMALL + 1), -EINVAL);
	/* Overlaps: -EEXIST, however little. */
	assert_int_equal(pt_map(&as, 0x10fff000, P, 2 * SZ_4K, PAGE_KERNEL), -EEXIST);
	assert_int_equal(pt_map(&as, 0x0f000000, P, SZ_16M + SZ_4K, PAGE_KERNEL), -EEXIST);
	assert_int_equal(pt_map(&as, 0x200ff000, P, SZ_4K, PAGE_KERNEL | PROT_DOMAIN(2)), -EEXIST);
	assert_int_equal(pt_map(&as, 0x30002000, P, SZ_4K, PAGE_KERNEL), -EEXIST);
	assert_int_equal(pt_map(&as, 0x2ff00000, P, 2 * SZ_1M, PAGE_KERNEL), -EEXIST);
	/* Pages take their table's domain: another domain cannot join. */
	assert_int_equal(pt_map(&as, 0x30010000, P, SZ_4K, PAGE_KERNEL | PROT_DOMAIN(1)), -EINVAL);
	assert_int_equal(pt_map(&as, 0x30110000, P, SZ_64K, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_map(&as, 0x300fe000, P, 2 * SZ_4K, PAGE_DEVICE | PROT_DOMAIN(3)),
			 -EINVAL);

	/* pt_unmap: bad ranges, and ranges not entirely mapped. */
	assert_int_equal(pt_unmap(&as, 0x10000800, SZ_4K), -EINVAL);
	assert_int_equal(pt_unmap(&as, 0x10000000, SZ_4K - 1), -EINVAL);
	assert_int_equal(pt_unmap(&as, 0x10000000, 0), -EINVAL);
	assert_int_equal(pt_unmap(&as, 0xfffff000, 2 * SZ_4K), -EINVAL);
	assert_int_equal(pt_unmap(&as, 0x30000000, 4 * SZ_4K), -ENOENT);
	assert_int_equal(pt_unmap(&as, 0x2ffff000, 2 * SZ_4K), -ENOENT);
	assert_int_equal(pt_unmap(&as, 0x10000000, SZ_16M + SZ_4K), -ENOENT);
	assert_int_equal(pt_unmap(&as, 0x0ffff000, SZ_4K + SZ_4K), -ENOENT);
	assert_int_equal(pt_unmap(&as, V, SZ_1M), -ENOENT);

	/* pt_protect: the same, plus invalid attributes and domain rules. */
	assert_int_equal(pt_protect(&as, 0x10000800, SZ_4K, PAGE_KERNEL_RO), -EINVAL);
	assert_int_equal(pt_protect(&as, 0x10000000, 0, PAGE_KERNEL_RO), -EINVAL);
	assert_int_equal(pt_protect(&as, 0xfffff000, 2 * SZ_4K, PAGE_KERNEL_RO), -EINVAL);
	assert_int_equal(pt_protect(&as, 0x10000000, SZ_4K, PAGE_DEVICE | PROT_EXEC), -EINVAL);
	assert_int_equal(pt_protect(&as, 0x10000000, SZ_4K, PAGE_KERNEL | 1u << 20), -EINVAL);
	assert_int_equal(pt_protect(&as, 0x30000000, 4 * SZ_4K, PAGE_KERNEL_RO), -ENOENT);
	assert_int_equal(pt_protect(&as, V, SZ_4K, PAGE_KERNEL_RO), -ENOENT);
	assert_int_equal(pt_protect(&as, 0x30000000, SZ_4K, PAGE_KERNEL | PROT_DOMAIN(1)), -EINVAL);
	assert_int_equal(pt_protect(&as, 0x30100000, SZ_4K, PAGE_DEVICE), -EINVAL);
	/* Supersections are domain 0, whole or in part. */
	assert_int_equal(pt_protect(&as, 0x10000000, SZ_16M, PAGE_KERNEL | PROT_DOMAIN(4)),
			 -EINVAL);
	assert_int_equal(pt_protect(&as, 0x10400000, SZ_4K, PAGE_KERNEL | PROT_DOMAIN(4)), -EINVAL);
	/* Part of a domain-2 section cannot move to domain 0: its pages would share a table. */
	assert_int_equal(pt_protect(&as, 0x20000000, SZ_4K, PAGE_KERNEL), -EINVAL);
	assert_int_equal(pt_protect(&as, 0x20080000, 0x80000, PAGE_KERNEL), -EINVAL);

	assert_true(host_snapshot_same(snap));
	assert_int_equal(host_l2_allocs(), allocs);
	host_snapshot_free(snap);
}

/* pt_map() runs out of L2 tables after n of the k it needs: all undone. */
static void check_rollback(uint32_t va, uint32_t pa, uint32_t size, pgprot_t prot, unsigned need)
{
	for (unsigned n = 0; n <= need; n++) {
		struct host_snapshot *snap = host_snapshot_take();
		unsigned live = host_l2_live();

		host_l2_fail_after((int)n);
		if (n < need) {
			assert_int_equal(pt_map(&as, va, pa, size, prot), -ENOMEM);
			assert_true(host_snapshot_same(snap));
			assert_int_equal(host_l2_live(), live);
		} else {
			assert_int_equal(pt_map(&as, va, pa, size, prot), 0);
			assert_int_equal(host_l2_live(), live + need);
			expect_mapped(pgd, va, pa, size, prot, PT_SUPERSECTION);
			assert_int_equal(pt_unmap(&as, va, size), 0);
			assert_true(host_snapshot_same(snap));
		}
		host_l2_fail_after(-1);
		host_snapshot_free(snap);
	}
}

static void enomem_rolls_back(void **state)
{
	(void)state;
	/* A table that is already there stays, with its page. */
	assert_int_equal(pt_map(&as, 0x30000000, 0x60000000, SZ_4K, PAGE_KERNEL), 0);
	/* Small pages over six chunks: the first reuses the table, five are new. */
	check_rollback(0x30001000, 0x70002000, 5 * SZ_1M, PAGE_KERNEL, 5);
	/* Sections first, then a table. */
	check_rollback(0x40000000, 0x70000000, 3 * SZ_1M + 2 * SZ_4K, PAGE_KERNEL, 1);
	/* Table, supersection, section, table. */
	check_rollback(0x40ffe000, 0x70ffe000, 2 * SZ_4K + SZ_16M + SZ_1M + 3 * SZ_4K,
		       PAGE_KERNEL_NC, 2);
	assert_int_equal(pt_unmap(&as, 0x30000000, SZ_4K), 0);
	expect_empty(pgd);
}

/* pt_unmap/pt_protect that cannot split: -ENOMEM, and every page translates as before. */
static void enomem_while_splitting(void **state)
{
	(void)state;
	assert_int_equal(pt_map(&as, 0x10000000, 0x40000000, SZ_16M, PAGE_KERNEL), 0);
	host_l2_fail_after(0);
	assert_int_equal(pt_unmap(&as, 0x10345000, SZ_4K), -ENOMEM);
	expect_page(pgd, 0x10345000, PT_SECTION, 0x40345000, PAGE_KERNEL);
	assert_int_equal(pt_protect(&as, 0x10000000, SZ_4K, PAGE_KERNEL_RO), -ENOMEM);
	assert_int_equal(host_l2_live(), 0);
	host_l2_fail_after(-1);
	for (uint32_t x = 0x10000000; x < 0x11000000; x += SZ_4K)
		expect_page(pgd, x, PT_SECTION, 0x40000000 + (x - 0x10000000), PAGE_KERNEL);
	assert_int_equal(pt_unmap(&as, 0x10000000, SZ_16M), 0);
	expect_empty(pgd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(largest_kind_for_alignment, setup),
		cmocka_unit_test_setup(top_of_address_space, setup),
		cmocka_unit_test_setup(blocks_never_replace_a_table, setup),
		cmocka_unit_test_setup(refusals_change_nothing, setup),
		cmocka_unit_test_setup(enomem_rolls_back, setup),
		cmocka_unit_test_setup(enomem_while_splitting, setup),
	};

	return cmocka_run_group_tests_name("pgtable_map", tests, NULL, NULL);
}

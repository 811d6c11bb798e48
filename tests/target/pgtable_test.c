/*
 * pt_map / pt_unmap / pt_protect on the live kernel table, checked through
 * real memory accesses: bytes read through a test mapping must be the
 * bytes of the physical page it names (read back through the direct map,
 * a second mapping of the same RAM), a remap must show the new page (so
 * the TLB really was invalidated), and an unmapped address must fault.
 */
#include "asm/cacheflush.h"
#include "asm/memory.h"
#include "asm/traps.h"
#include "errno.h"
#include "mmu_fixture.h"

/* A hash of the L1 table and every L2 table it points to. */
static uint32_t tables_fingerprint(const pde_t *pgd)
{
	uint32_t h = 2166136261u;

	for (unsigned i = 0; i < L1_ENTRIES; i++) {
		h = (h ^ pgd[i]) * 16777619u;
		if ((pgd[i] & L1_TYPE_MASK) == L1_TYPE_TABLE) {
			const pte_t *t = pt_phys_to_virt(pgd[i] & L1_TABLE_ADDR_MASK);

			for (unsigned j = 0; j < L2_ENTRIES; j++)
				h = (h ^ t[j]) * 16777619u;
		}
	}
	return h;
}

static void check_kind(struct ktest *t, uint32_t va, enum pt_kind kind, uint64_t pa)
{
	struct pt_walk w;

	mmu_walk_live(va, &w);
	KEXPECT_EQ(t, w.kind, kind);
	KEXPECT_EQ(t, w.pa, pa);
	KEXPECT_EQ(t, ats1cpr(va) & 1, 0);
}

/* Write through one mapping, read through the other, both ways. */
static void check_aliases(struct ktest *t, volatile uint32_t *via_test,
			  volatile uint32_t *via_direct, uint32_t bytes, uint32_t seed)
{
	pattern_fill(via_test, bytes, seed);
	KEXPECT_EQ(t, pattern_check(via_direct, bytes, seed), 0);
	pattern_fill(via_direct, bytes, ~seed);
	KEXPECT_EQ(t, pattern_check(via_test, bytes, ~seed), 0);
}

static void supersection_reads_and_writes(struct ktest *t)
{
	struct mmu_fixture f;

	if (!mmu_fixture_get(t, &f))
		return;
	uint32_t off;

	KEXPECT_EQ(t, pt_map(&kernel_aspace, f.va, f.pa, SZ_16M, PAGE_KERNEL), 0);
	check_kind(t, f.va, PT_SUPERSECTION, f.pa);
	check_kind(t, f.va + SZ_16M - 4, PT_SUPERSECTION, f.pa + SZ_16M - 4);
	/* The supersection covers block A: its first and last pages, through both mappings. */
	off = f.pa_a - f.pa;
	check_aliases(t, (uint32_t *)(f.va + off), __va(f.pa_a), PAGE_SIZE, off);
	off += SZ_1M - PAGE_SIZE;
	check_aliases(t, (uint32_t *)(f.va + off), __va(f.pa + off), PAGE_SIZE, off);
	mmu_fixture_put(t, &f);
}

static void large_page_reads_and_writes(struct ktest *t)
{
	struct mmu_fixture f;
	uint32_t pa;

	if (!mmu_fixture_get(t, &f))
		return;
	pa = f.pa_a + 5 * SZ_64K; /* 64 KB aligned, not 1 MB aligned */
	KEXPECT_EQ(t, pt_map(&kernel_aspace, f.va + SZ_64K, pa, SZ_64K, PAGE_KERNEL), 0);
	check_kind(t, f.va + SZ_64K, PT_LARGE, pa);
	check_kind(t, f.va + 2 * SZ_64K - 4, PT_LARGE, pa + SZ_64K - 4);
	check_aliases(t, (uint32_t *)(f.va + SZ_64K), __va(pa), SZ_64K, 0x64);
	/* The neighbours stay unmapped. */
	KEXPECT_TRUE(t, ats1cpr(f.va) & 1);
	KEXPECT_TRUE(t, ats1cpr(f.va + 2 * SZ_64K) & 1);
	mmu_fixture_put(t, &f);
}

static void section_and_small_page_read_and_write(struct ktest *t)
{
	struct mmu_fixture f;

	if (!mmu_fixture_get(t, &f))
		return;
	KEXPECT_EQ(t, pt_map(&kernel_aspace, f.va, f.pa_b, SZ_1M, PAGE_KERNEL), 0);
	check_kind(t, f.va, PT_SECTION, f.pa_b);
	check_aliases(t, (uint32_t *)(f.va + 0x3000), __va(f.pa_b + 0x3000), PAGE_SIZE, 1);
	KEXPECT_EQ(t,
		   pt_map(&kernel_aspace, f.va + SZ_1M + 0x5000, f.pa_a + 0x7000, PAGE_SIZE,
			  PAGE_KERNEL),
		   0);
	check_kind(t, f.va + SZ_1M + 0x5000, PT_SMALL, f.pa_a + 0x7000);
	check_aliases(t, (uint32_t *)(f.va + SZ_1M + 0x5000), __va(f.pa_a + 0x7000), PAGE_SIZE, 2);
	mmu_fixture_put(t, &f);
}

/*
 * Remap one VA from page A to page B with a read in between: without a
 * TLB invalidate on unmap, QEMU keeps translating to A.
 */
static void remap_reads_new_page(struct ktest *t)
{
	struct mmu_fixture f;
	volatile uint32_t *va;
	uint32_t *a, *b;

	if (!mmu_fixture_get(t, &f))
		return;
	va = (uint32_t *)(f.va + SZ_1M);
	a = __va(f.pa_a);
	b = __va(f.pa_b);
	a[0] = 0xaaaa0001;
	b[0] = 0xbbbb0002;
	for (enum pt_kind kind = PT_SECTION; kind <= PT_SMALL; kind++) {
		uint32_t size = pt_kind_size(kind);
		phys_addr_t pa_b = f.pa_b;

		KEXPECT_EQ(
			t,
			pt_map_max(&kernel_aspace, (uint32_t)va, f.pa_a, size, PAGE_KERNEL, kind),
			0);
		KEXPECT_EQ(t, va[0], 0xaaaa0001); /* the TLB now holds va -> A */
		KEXPECT_EQ(t, pt_unmap(&kernel_aspace, (uint32_t)va, size), 0);
		KEXPECT_EQ(t,
			   pt_map_max(&kernel_aspace, (uint32_t)va, pa_b, size, PAGE_KERNEL, kind),
			   0);
		KEXPECT_EQ(t, va[0], 0xbbbb0002);
		KEXPECT_EQ(t, pt_unmap(&kernel_aspace, (uint32_t)va, size), 0);
	}
	(void)b;
	mmu_fixture_put(t, &f);
}

static void unmap_makes_access_fault(struct ktest *t)
{
	struct mmu_fixture f;
	uint32_t v, va;
	unsigned before;

	if (!mmu_fixture_get(t, &f))
		return;
	va = f.va + 3 * SZ_1M;
	KEXPECT_EQ(t, pt_map(&kernel_aspace, va, f.pa_a, 4 * PAGE_SIZE, PAGE_KERNEL), 0);
	KEXPECT_EQ(t, probe_read32((void *)(va + PAGE_SIZE + 8), &v), 0); /* warms the TLB */
	KEXPECT_EQ(t, pt_unmap(&kernel_aspace, va + PAGE_SIZE, PAGE_SIZE), 0);
	before = last_fault.count;
	KEXPECT_EQ(t, probe_read32((void *)(va + PAGE_SIZE + 8), &v), -EFAULT);
	KEXPECT_EQ(t, last_fault.count, before + 1);
	KEXPECT_EQ(t, fsr_status(last_fault.fsr), FS_TRANSLATION_PAGE);
	KEXPECT_EQ(t, last_fault.far, va + PAGE_SIZE + 8);
	KEXPECT_EQ(t, probe_read32((void *)(va + 2 * PAGE_SIZE), &v), 0); /* neighbour kept */
	/* Unmapping the rest frees the L2 table: the whole MB faults at level 1. */
	KEXPECT_EQ(t, pt_unmap(&kernel_aspace, va, PAGE_SIZE), 0);
	KEXPECT_EQ(t, pt_unmap(&kernel_aspace, va + 2 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	KEXPECT_EQ(t, probe_read32((void *)(va + 2 * PAGE_SIZE), &v), -EFAULT);
	KEXPECT_EQ(t, fsr_status(last_fault.fsr), FS_TRANSLATION_SECT);
	mmu_fixture_put(t, &f);
}

/* Making a writable page read-only is enforced at once. */
static void protect_takes_effect(struct ktest *t)
{
	struct mmu_fixture f;
	uint32_t va;

	if (!mmu_fixture_get(t, &f))
		return;
	va = f.va + SZ_1M;
	KEXPECT_EQ(t, pt_map(&kernel_aspace, va, f.pa_a, SZ_1M, PAGE_KERNEL), 0);
	KEXPECT_EQ(t, probe_write32((void *)(va + 0x2000), 7), 0);
	KEXPECT_EQ(t, pt_protect(&kernel_aspace, va + 0x2000, PAGE_SIZE, PAGE_KERNEL_RO), 0);
	KEXPECT_EQ(t, probe_write32((void *)(va + 0x2000), 8), -EFAULT);
	KEXPECT_EQ(t, fsr_status(last_fault.fsr), FS_PERMISSION_PAGE);
	KEXPECT_EQ(t, *(volatile uint32_t *)(va + 0x2000), 7);
	KEXPECT_EQ(t, probe_write32((void *)(va + 0x3000), 9), 0); /* the rest is RW */
	check_kind(t, va + 0x2000, PT_SMALL, f.pa_a + 0x2000);
	check_kind(t, va + 0x10000, PT_LARGE, f.pa_a + 0x10000);
	mmu_fixture_put(t, &f);
}

/* Every bad input is refused with its error, and the tables do not change. */
static void bad_input_is_refused(struct ktest *t)
{
	struct mmu_fixture f;
	uint32_t before;
	unsigned used_before, used_after, free;

	if (!mmu_fixture_get(t, &f))
		return;
	KEXPECT_EQ(t, pt_map(&kernel_aspace, f.va + SZ_1M, f.pa_a, 2 * PAGE_SIZE, PAGE_KERNEL), 0);
	before = tables_fingerprint(swapper_pg_dir);
	pt_pool_stats(&used_before, &free);

	const struct {
		const char *what;
		int got;
		int want;
	} cases[] = {
		{ "misaligned va",
		  pt_map(&kernel_aspace, f.va + 0x800, f.pa, PAGE_SIZE, PAGE_KERNEL), -EINVAL },
		{ "misaligned pa",
		  pt_map(&kernel_aspace, f.va, f.pa + 0x10, PAGE_SIZE, PAGE_KERNEL), -EINVAL },
		{ "misaligned size", pt_map(&kernel_aspace, f.va, f.pa, 100, PAGE_KERNEL),
		  -EINVAL },
		{ "zero size", pt_map(&kernel_aspace, f.va, f.pa, 0, PAGE_KERNEL), -EINVAL },
		{ "va range wraps", pt_map(&kernel_aspace, 0xfff00000, f.pa, SZ_16M, PAGE_KERNEL),
		  -EINVAL },
		{ "pa range wraps", pt_map(&kernel_aspace, f.va, 0xfff00000, SZ_16M, PAGE_KERNEL),
		  -EINVAL },
		{ "unknown attribute bits",
		  pt_map(&kernel_aspace, f.va, f.pa, PAGE_SIZE, PAGE_KERNEL | 0x10000), -EINVAL },
		{ "executable device memory",
		  pt_map(&kernel_aspace, f.va, f.pa, PAGE_SIZE, PAGE_DEVICE | PROT_EXEC), -EINVAL },
		{ "overlap", pt_map(&kernel_aspace, f.va, f.pa, 2 * SZ_1M, PAGE_KERNEL), -EEXIST },
		{ "overlap with the kernel",
		  pt_map(&kernel_aspace, PAGE_OFFSET, f.pa, PAGE_SIZE, PAGE_KERNEL), -EEXIST },
		{ "domain clash in a table",
		  pt_map(&kernel_aspace, f.va + SZ_1M + 0x8000, f.pa, PAGE_SIZE,
			 PAGE_KERNEL | PROT_DOMAIN(3)),
		  -EINVAL },
		{ "unmap of unmapped", pt_unmap(&kernel_aspace, f.va, PAGE_SIZE), -ENOENT },
		{ "unmap partly mapped", pt_unmap(&kernel_aspace, f.va + SZ_1M, 3 * PAGE_SIZE),
		  -ENOENT },
		{ "unmap misaligned", pt_unmap(&kernel_aspace, f.va + SZ_1M + 4, PAGE_SIZE),
		  -EINVAL },
		{ "unmap wraps", pt_unmap(&kernel_aspace, 0xfffff000, 2 * PAGE_SIZE), -EINVAL },
		{ "protect unmapped", pt_protect(&kernel_aspace, f.va, PAGE_SIZE, PAGE_KERNEL_RO),
		  -ENOENT },
		{ "protect bad attributes",
		  pt_protect(&kernel_aspace, f.va + SZ_1M, PAGE_SIZE, PAGE_SO | PROT_EXEC),
		  -EINVAL },
		{ "max kind out of range",
		  pt_map_max(&kernel_aspace, f.va, f.pa, PAGE_SIZE, PAGE_KERNEL, PT_FAULT),
		  -EINVAL },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		if (cases[i].got != cases[i].want)
			ktest_fail(t, __FILE__, __LINE__, "%s: got %s, want %s", cases[i].what,
				   errname(cases[i].got), errname(cases[i].want));
		t->checks++;
	}
	KEXPECT_EQ(t, tables_fingerprint(swapper_pg_dir), before);
	pt_pool_stats(&used_after, &free);
	KEXPECT_EQ(t, used_after, used_before);
	mmu_fixture_put(t, &f);
}

static const struct ktest_case pgtable_cases[] = {
	KTEST_CASE(supersection_reads_and_writes),
	KTEST_CASE(large_page_reads_and_writes),
	KTEST_CASE(section_and_small_page_read_and_write),
	KTEST_CASE(remap_reads_new_page),
	KTEST_CASE(unmap_makes_access_fault),
	KTEST_CASE(protect_takes_effect),
	KTEST_CASE(bad_input_is_refused),
};
KTEST_SUITE("pgtable", pgtable_cases);

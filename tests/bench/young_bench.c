/*
 * The referenced bit's two costs (asm/pgtable.h: pte_mkold; docs/
 * memory-pressure.md, "Young and old"), per page:
 *   - making an entry old: mm_clear_refs() over a test mm whose
 *     YOUNG_BENCH_PAGES pages are all young (the walk, AP[1] cleared, the
 *     entry cleaned, one share of the mm's TLB flush);
 *   - the fault that makes it young again: a read permission fault on each
 *     old entry (handle_mm_fault from the kernel: the abort's entry and
 *     return, about 94 instructions, are not in it), with its TLB flush.
 * Each iteration does both over every page; the walk checks before and
 * after that every entry is old, then young, with its page.
 */
#include "bench.h"
#include "mm.h"
#include "mm_user.h"
#include "uapi/unistd.h"
#include "target/test_util.h"

#define YOUNG_BENCH_PAGES 64u

enum young_figure {
	YOUNG_MKOLD,
	YOUNG_FAULT
};

/* Every page of the area mapped at its frame, with the user's access (young) or not. */
static bool all_pages(struct mm_struct *mm, uint32_t base, const uint32_t *pa, bool young)
{
	for (unsigned i = 0; i < YOUNG_BENCH_PAGES; i++) {
		struct pt_walk w = { 0 };

		if (walk_pa(mm, base + i * PAGE_SIZE, &w) != pa[i] || w.kind != PT_SMALL ||
		    pte_young(w.l2_desc) != young)
			return false;
	}
	return true;
}

static uint64_t young_case(unsigned iterations, enum young_figure which)
{
	struct mm_struct *mm = mm_alloc();
	uint32_t pa[YOUNG_BENCH_PAGES];
	uint64_t mkold = 0, fault = 0, t;
	long base;
	bool ok;

	if (!mm)
		return BENCH_FAILED;
	base = do_mmap(mm, 0, YOUNG_BENCH_PAGES * PAGE_SIZE, UAPI_PROT_READ | UAPI_PROT_WRITE,
		       UAPI_MAP_PRIVATE | UAPI_MAP_ANONYMOUS, NULL, 0);
	ok = base >= 0;
	for (unsigned i = 0; ok && i < YOUNG_BENCH_PAGES; i++) {
		struct pt_walk w = { 0 };

		ok = handle_mm_fault(mm, (uint32_t)base + i * PAGE_SIZE,
				     FAULT_FLAG_WRITE | FAULT_FLAG_TRANSLATION) == VM_FAULT_OK;
		pa[i] = walk_pa(mm, (uint32_t)base + i * PAGE_SIZE, &w);
	}
	for (unsigned it = 0; ok && it < iterations; it++) {
		t = bench_counter_read();
		ok = mm_clear_refs(mm) == YOUNG_BENCH_PAGES;
		mkold += bench_counter_read() - t - bench_empty_loop(0);
		ok = ok && all_pages(mm, (uint32_t)base, pa, false);
		t = bench_counter_read();
		for (unsigned i = 0; ok && i < YOUNG_BENCH_PAGES; i++)
			ok = handle_mm_fault(mm, (uint32_t)base + i * PAGE_SIZE,
					     FAULT_FLAG_PERMISSION) == VM_FAULT_OK;
		fault += bench_counter_read() - t - bench_empty_loop(0);
		ok = ok && all_pages(mm, (uint32_t)base, pa, true);
	}
	mmput(mm);
	if (!ok)
		return BENCH_FAILED;
	/* In the runner's terms: (returned - empty) / iterations is the figure per page. */
	return (which == YOUNG_MKOLD ? mkold : fault) / YOUNG_BENCH_PAGES +
	       bench_empty_loop(iterations);
}

BENCH_CASE_ARG(young_mkold, "referenced bit: entry made old (mm_clear_refs), per page", young_case,
	       YOUNG_MKOLD, 20);
BENCH_CASE_ARG(young_fault, "referenced bit: fault on an old entry, per page", young_case,
	       YOUNG_FAULT, 20);

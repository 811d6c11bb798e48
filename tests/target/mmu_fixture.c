/* The MMU test window (see mmu_fixture.h). */
#include "asm/memory.h"
#include "mmu_fixture.h"

bool mmu_fixture_get(struct ktest *t, struct mmu_fixture *f)
{
	unsigned free;

	f->a = f->b = NULL;
	f->area = get_vm_area(FIXTURE_SIZE, SZ_16M);
	if (!f->area) {
		ktest_fail(t, __FILE__, __LINE__, "no room for the test window");
		return false;
	}
	f->va = f->area->addr;
	/* After the reservation's own bookkeeping: what the test itself must give back. */
	pt_pool_stats(&f->l2_in_use, &free);
	f->free_pages = nr_free_pages();
	f->a = alloc_pages(GFP_KERNEL, FIXTURE_BLOCK_ORDER);
	f->b = alloc_pages(GFP_KERNEL, FIXTURE_BLOCK_ORDER);
	if (!f->a || !f->b) {
		ktest_fail(t, __FILE__, __LINE__, "no 2 MB of lowmem for the test window");
		return false;
	}
	f->pa_a = page_to_phys(f->a);
	f->pa_b = page_to_phys(f->b);
	f->pa = f->pa_a & ~(SZ_16M - 1);
	return true;
}

void mmu_fixture_put(struct ktest *t, struct mmu_fixture *f)
{
	unsigned in_use, free;

	for (uint32_t va = f->va; va < f->va + FIXTURE_SIZE; va += PAGE_SIZE) {
		struct pt_walk w;

		pt_query(swapper_pg_dir, va, &w);
		if (w.kind != PT_FAULT)
			KEXPECT_EQ(t, pt_unmap(&kernel_aspace, va, PAGE_SIZE), 0);
	}
	if (f->a)
		__free_pages(f->a, FIXTURE_BLOCK_ORDER);
	if (f->b)
		__free_pages(f->b, FIXTURE_BLOCK_ORDER);
	pt_pool_stats(&in_use, &free);
	KEXPECT_EQ(t, in_use, f->l2_in_use);
	KEXPECT_EQ(t, nr_free_pages(), f->free_pages);
	free_vm_area(f->area);
}

void pattern_fill(volatile uint32_t *p, uint32_t bytes, uint32_t seed)
{
	for (uint32_t i = 0; i < bytes / 4; i++)
		p[i] = (i * 2654435761u) ^ seed;
}

/* Returns the number of words that differ. */
uint32_t pattern_check(const volatile uint32_t *p, uint32_t bytes, uint32_t seed)
{
	uint32_t bad = 0;

	for (uint32_t i = 0; i < bytes / 4; i++)
		bad += p[i] != ((i * 2654435761u) ^ seed);
	return bad;
}

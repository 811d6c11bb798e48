/* The MMU test window (see mmu_fixture.h). */
#include "asm/memory.h"
#include "memblock.h"
#include "mmu_fixture.h"

bool mmu_fixture_get(struct ktest *t, struct mmu_fixture *f)
{
	unsigned free;

	f->va = ALIGN(vmalloc_start, SZ_16M);
	if ((uint64_t)f->va + FIXTURE_SIZE > VMALLOC_END) {
		ktest_fail(t, __FILE__, __LINE__, "no room for the test window");
		return false;
	}
	f->pa = memblock_phys_alloc(FIXTURE_SIZE, SZ_16M);
	if (!f->pa) {
		ktest_fail(t, __FILE__, __LINE__, "no 32 MB of RAM for the test window");
		return false;
	}
	pt_pool_stats(&f->l2_in_use, &free);
	return true;
}

void mmu_fixture_put(struct ktest *t, struct mmu_fixture *f)
{
	unsigned in_use, free;

	for (uint32_t va = f->va; va < f->va + FIXTURE_SIZE; va += SZ_1M) {
		struct pt_walk w;

		/* Unmap page by page whatever is left in this MB. */
		for (uint32_t a = va; a < va + SZ_1M; a += PAGE_SIZE) {
			pt_query(swapper_pg_dir, a, &w);
			if (w.kind != PT_FAULT)
				KEXPECT_EQ(t, pt_unmap(swapper_pg_dir, a, PAGE_SIZE), 0);
		}
	}
	pt_pool_stats(&in_use, &free);
	KEXPECT_EQ(t, in_use, f->l2_in_use);
	KEXPECT_EQ(t, memblock_free(f->pa, FIXTURE_SIZE), 0);
	KEXPECT_TRUE(t, !memblock_is_reserved(f->pa));
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

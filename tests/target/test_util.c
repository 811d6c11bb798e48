/* Helpers shared by the on-target test suites (see test_util.h). */
#include "asm/cp15.h"
#include "asm/mmu.h"
#include "mm.h"
#include "mm_user.h"
#include "slab.h"
#include "vmalloc.h"
#include "test_util.h"

static void shrink_one(struct kmem_cache *s, void *ctx)
{
	(void)ctx;
	kmem_cache_shrink(s);
}

uint32_t settled_free_pages(void)
{
	kmem_cache_for_each(shrink_one, NULL);
	drain_all_pages();
	return nr_free_pages();
}

bool kernel_block_free(unsigned order)
{
	static const enum zone_type kernel_zones[] = { ZONE_DMA, ZONE_NORMAL };
	uint32_t counts[NR_PAGE_ORDERS];

	if (order > MAX_PAGE_ORDER)
		return false;
	settled_free_pages();
	for (unsigned z = 0; z < ARRAY_SIZE(kernel_zones); z++) {
		buddyinfo_get(kernel_zones[z], counts);
		for (unsigned o = order; o <= MAX_PAGE_ORDER; o++)
			if (counts[o])
				return true;
	}
	return false;
}

uint32_t settled_vmalloc_free_pages(void)
{
	purge_vmap_area_lazy();
	pt_release_kept_tables(vmalloc_start, VMALLOC_END);
	return settled_free_pages();
}

static void validate_one(struct kmem_cache *s, void *ctx)
{
	*(unsigned *)ctx += kmem_cache_validate(s);
}

unsigned validate_all_caches(void)
{
	unsigned problems = 0;

	kmem_cache_for_each(validate_one, &problems);
	return problems;
}

uint32_t mmu_pa(uint32_t va)
{
	uint32_t par = ats1cpr(va);

	return par & 1 ? ~0u : par_to_pa(par, va);
}

uint32_t user_ats(struct mm_struct *mm, uint32_t va, bool write)
{
	struct mm_struct *prev = active_mm;
	uint32_t par;

	switch_mm(mm);
	par = write ? ats1cuw(va) : ats1cur(va);
	switch_mm(prev);
	return par & 1 ? ~0u : par_to_pa(par, va);
}

uint32_t walk_pa(struct mm_struct *mm, uint32_t va, struct pt_walk *w)
{
	pt_query(mm->arch.pgd, va, w);
	return w->kind == PT_FAULT ? ~0u : (uint32_t)w->pa;
}

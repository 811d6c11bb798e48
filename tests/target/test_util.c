/* Helpers shared by the on-target test suites (see test_util.h). */
#include "asm/cp15.h"
#include "asm/mmu.h"
#include "mm.h"
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

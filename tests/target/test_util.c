/* Helpers shared by the on-target test suites (see test_util.h). */
#include "asm/cp15.h"
#include "asm/mmu.h"
#include "compaction.h"
#include "errno.h"
#include "mm.h"
#include "mm_user.h"
#include "slab.h"
#include "string.h"
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

static void add_active(struct kmem_cache *s, void *ctx)
{
	struct slabinfo info;

	kmem_cache_info(s, &info);
	if (strcmp(info.name, "slab_descriptor")) /* one per slab: the free pages cover them */
		*(unsigned *)ctx += info.active_objs;
}

unsigned slab_live_objects(void)
{
	unsigned n = 0;

	kmem_cache_for_each(add_active, &n);
	return n;
}

struct slab_pages_walk {
	unsigned pages;
	bool empty_only;
};

static void add_slab_pages(struct kmem_cache *s, void *ctx)
{
	struct slab_pages_walk *w = ctx;
	struct slabinfo info;

	kmem_cache_info(s, &info);
	w->pages += (w->empty_only ? info.empty_slabs : info.num_slabs) * info.pagesperslab;
}

unsigned slab_pages(bool empty_only)
{
	struct slab_pages_walk w = { .empty_only = empty_only };

	kmem_cache_for_each(add_slab_pages, &w);
	return w.pages;
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

bool walk_user_writable(struct mm_struct *mm, uint32_t va)
{
	struct pt_walk w = { 0 };

	return walk_pa(mm, va, &w) != ~0u && w.kind == PT_SMALL && pte_write(w.l2_desc);
}

/*
 * Take every page allocations with gfp can still get; returns how many.
 * The single pages taken last are first on the small list: the lowest
 * zone's, which the kernel's own allocations for the processes (page
 * tables, areas) need, so they are given back first.
 */
unsigned pin_free_memory(struct pinned *pinned, gfp_t gfp)
{
	unsigned n = 0;

	gfp |= __GFP_NOWARN | __GFP_NORETRY;
	for (int pass = 0; pass < 2; pass++) {
		for (;;) {
			struct page *page = NULL;

			if (nr_free_pages() > PIN_SINGLES_BELOW)
				page = alloc_pages(gfp, PIN_BIG_ORDER);
			if (page) {
				list_add(&page->lru, &pinned->big);
				n += 1u << PIN_BIG_ORDER;
				continue;
			}
			page = alloc_page(gfp);
			if (!page)
				break;
			list_add(&page->lru, &pinned->small);
			n++;
		}
		drain_all_pages(); /* the other CPUs' hot lists, then the rest */
	}
	return n;
}

/* Give back up to n pinned single pages, or with n = ~0u everything; how many pages. */
unsigned unpin(struct pinned *pinned, unsigned n)
{
	unsigned done = 0;

	for (; done < n && !list_empty(&pinned->small); done++) {
		struct page *page = list_first_entry(&pinned->small, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
	while (n == ~0u && !list_empty(&pinned->big)) {
		struct page *page = list_first_entry(&pinned->big, struct page, lru);

		list_del(&page->lru);
		__free_pages(page, PIN_BIG_ORDER);
		done += 1u << PIN_BIG_ORDER;
	}
	/*
	 * Freed here, the pages sit on this CPU's hot lists, where a process
	 * on another CPU cannot reach them from a system call (interrupts
	 * masked: its slow path drains only its own CPU's): into the buddy
	 * lists with them, where every CPU finds them.
	 */
	drain_all_pages();
	return done;
}

int compact_user_pages(struct mm_struct *mm, uint32_t base, unsigned pages, unsigned order,
		       unsigned *blocks)
{
	uint32_t done[64];
	unsigned nr_done = 0, passes = 0;
	int moved = 0;

	for (unsigned i = 0; i < pages; i++) {
		uint32_t pa = walk_pa(mm, base + i * PAGE_SIZE, &(struct pt_walk){ 0 });
		uint32_t pfn = (pa >> PAGE_SHIFT) & ~((1u << order) - 1);
		bool seen = false;
		int n;

		if (pa == ~0u)
			continue;
		for (unsigned d = 0; d < nr_done; d++)
			seen |= done[d] == pfn;
		if (seen)
			continue; /* moved already: its pages are elsewhere now */
		if (nr_done < ARRAY_SIZE(done))
			done[nr_done++] = pfn;
		n = compact_block(pfn, order);
		if (n == -EBUSY)
			return -1;
		if (n > 0) {
			moved += n;
			passes++;
		}
	}
	if (blocks)
		*blocks = passes;
	return moved;
}

/*
 * Compaction (include/compaction.h): choose a block of 2^order pages made
 * only of free pages and user pages, move the user pages out, and the
 * block is free.
 *
 * One pass over a block (migrate_block):
 *   1. walk every mm on mmlist whose mmap_lock can be had at once, and
 *      record each present entry mapping a page of the block (a busy mm,
 *      or more mms than a pass holds, is left out: its pages will be
 *      found short of their map count and stay);
 *   2. a page moves if its entries were all found (the map count), no
 *      one else holds it (references == mappings) and it is not mapped
 *      executable (a copied text page would need every CPU's I-cache
 *      invalidated); if some page of the block cannot move, nothing
 *      does: the pass is given up before anything changed;
 *   3. a destination page for each, from outside the block (pages the
 *      allocator hands out from inside it are held until the end, so that
 *      the block fills with free pages);
 *   4. every entry is cleared and its TLB entry flushed on every CPU (a
 *      process on another CPU could write through it during the copy: it
 *      faults instead and waits for its mmap_lock, which this pass holds),
 *      the pages copied (through kmap for highmem), the entries pointed at
 *      the copies with their old attributes, the counts handed over and
 *      the old pages freed.
 * Cost: the walk reads every L2 table of every process once per pass,
 * whatever the block holds: the price of no reverse map
 * (docs/memory-pressure.md).
 */
#include "asm/cacheflush.h"
#include "asm/mmu_context.h"
#include "buddy/buddy.h"
#include "compaction.h"
#include "errno.h"
#include "asm/hardirq.h"
#include "highmem.h"
#include "mm.h"
#include "mm_user.h"
#include "page_ref.h"
#include "printk.h"
#include "string.h"

#define COMPACT_MAX_PAGES (1u << MAX_PAGE_ORDER) /* one block a pass */
#define COMPACT_MAX_MAPS  2048u                  /* entries a pass records */
#define COMPACT_MAX_MMS   8u      /* mm locks a pass holds (lockdep keeps 16 a CPU) */
#define COMPACT_MAX_TRIES 4u      /* blocks a failed allocation tries */
#define FOUND_UNMOVABLE   0xffffu /* mapped executable: never equals a map count */
/* Destinations: any zone, no work, no warning, no OOM killer. */
#define GFP_COMPACT_TARGET (__GFP_HIGHMEM | __GFP_MOVABLE | __GFP_NOWARN | __GFP_NORETRY)

struct compact_stats compact_stats;

/* One entry mapping a page of the block. */
struct migrate_rec {
	pte_t *ptep;
	pte_t old;
	struct mm_struct *mm;
	uint32_t va;
};

/* A pass's state: one pass at a time (compact_lock). */
static DEFINE_SPINLOCK(compact_lock);
static uint16_t found[COMPACT_MAX_PAGES];       /* entries found per page of the block */
static struct page *newpage[COMPACT_MAX_PAGES]; /* its destination, if it moves */
static struct migrate_rec recs[COMPACT_MAX_MAPS];
static struct mm_struct *held[COMPACT_MAX_MMS];
static unsigned nr_recs, nr_held;

/* An allocated order-0 page processes map and nothing else holds. */
static bool page_movable(const struct page *p)
{
	const uint32_t mask = PG_head | PG_ORDER_MASK | PG_slab | PG_kmalloc | PG_reserved |
			      PG_buddy | PG_pcp;
	unsigned map = page_mapcount(p);

	return (p->flags & mask) == PG_head && map && page_ref_count(p) == map;
}

/*
 * The user pages of [pfn, pfn + n) if every other page is free, else -1
 * (unlocked: a pass looks again). With found (a pass's counts), a user
 * page counts only if all its entries were found.
 */
static int block_cost(uint32_t pfn, uint32_t n, const uint16_t *found_maps)
{
	int cost = 0;

	for (uint32_t i = 0; i < n;) {
		const struct page *p = pfn_to_page(pfn + i);

		if (p->flags & (PG_buddy | PG_pcp)) {
			i += 1u << page_order(p);
			continue;
		}
		if (!page_movable(p) || (found_maps && found_maps[i] != page_mapcount(p)))
			return -1;
		cost++;
		i++;
	}
	return cost;
}

/*
 * Record mm's entries that map pages of [pfn, pfn + n); false (nothing
 * recorded) if they do not all fit.
 */
static bool record_mm(struct mm_struct *mm, uint32_t pfn, uint32_t n)
{
	const uint32_t zero_pa = page_to_phys(zero_page);
	unsigned first = nr_recs;
	struct vm_area_struct *vma;

	list_for_each_entry (vma, &mm->mmap, list) {
		if (vma->vm_flags & (VM_PFNMAP | VM_IO | VM_HUGETLB))
			continue; /* device frames, huge pages: never moved */
		for (uint32_t a = vma->vm_start, stop; a < vma->vm_end; a = stop) {
			pde_t d = mm->arch.pgd[a >> SECTION_SHIFT];
			pte_t *pt;

			stop = min(ALIGN_DOWN(a, SECTION_SIZE) + SECTION_SIZE, vma->vm_end);
			if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE)
				continue;
			pt = (pte_t *)pt_phys_to_virt(d & L1_TABLE_ADDR_MASK);
			for (uint32_t va = a; va < stop; va += PAGE_SIZE) {
				pte_t *ptep = pt + ((va >> PAGE_SHIFT) & 0xff);
				pte_t pte = *ptep;
				uint32_t idx = (pte >> PAGE_SHIFT) - pfn;

				if (!pte_present(pte) || idx >= n ||
				    (pte & PTE_SMALL_ADDR_MASK) == zero_pa)
					continue;
				if (vma->vm_flags & VM_EXEC) {
					found[idx] = FOUND_UNMOVABLE;
					continue;
				}
				if (nr_recs == COMPACT_MAX_MAPS) {
					for (unsigned r = first; r < nr_recs; r++)
						if (found[(recs[r].old >> PAGE_SHIFT) - pfn] !=
						    FOUND_UNMOVABLE)
							found[(recs[r].old >> PAGE_SHIFT) - pfn]--;
					nr_recs = first;
					return false;
				}
				recs[nr_recs++] = (struct migrate_rec){ ptep, pte, mm, va };
				if (found[idx] != FOUND_UNMOVABLE)
					found[idx]++;
			}
		}
	}
	return true;
}

/* Step 1: lock and record every mm that maps a page of the block and can be had now. */
static void record_all(uint32_t pfn, uint32_t n)
{
	struct mm_struct *mm;

	nr_recs = nr_held = 0;
	spin_lock(&mmlist_lock);
	list_for_each_entry (mm, &mmlist, mmlist) {
		unsigned before = nr_recs;

		if (nr_held == COMPACT_MAX_MMS)
			break;
		if (!spin_trylock(&mm->mmap_lock))
			continue; /* busy (maybe our own caller's): its pages stay */
		if (record_mm(mm, pfn, n) && nr_recs > before)
			held[nr_held++] = mm;
		else
			spin_unlock(&mm->mmap_lock);
	}
	spin_unlock(&mmlist_lock);
}

static void unlock_all(void)
{
	for (unsigned i = 0; i < nr_held; i++)
		spin_unlock(&held[i]->mmap_lock);
}

/* Step 2: may every page of the block that is not free move? */
static bool block_movable(uint32_t pfn, uint32_t n)
{
	if (block_cost(pfn, n, found) >= 0)
		return true;
	compact_stats.pgmigrate_fail++; /* the pass, given up for the pages it could not move */
	return false;
}

/* Step 3: a destination outside the block for each page found mapped; false if memory ran out. */
static bool get_targets(uint32_t pfn, uint32_t n, struct list_head *held_free)
{
	for (uint32_t i = 0; i < n; i++) {
		struct page *q;

		if (!found[i])
			continue;
		while ((q = alloc_page(GFP_COMPACT_TARGET)) && page_to_pfn(q) - pfn < n)
			list_add(&q->lru, held_free); /* the block's own: kept free */
		if (!q)
			return false;
		compact_stats.compact_free_scanned++;
		compact_stats.compact_isolated += 2;
		newpage[i] = q;
	}
	return true;
}

/* Step 4: move every page of the block that has a destination. */
static unsigned move_pages(uint32_t pfn, uint32_t n)
{
	unsigned moved = 0;

	for (unsigned r = 0; r < nr_recs; r++) {
		*recs[r].ptep = 0;
		clean_pt_entry(recs[r].ptep);
		/* Before the copy: no CPU may write the old page through a cached entry. */
		flush_tlb_user_range(&recs[r].mm->arch, recs[r].va, PAGE_SIZE);
	}
	for (uint32_t i = 0; i < n; i++)
		if (newpage[i])
			copy_highpage(newpage[i], pfn_to_page(pfn + i));
	for (unsigned r = 0; r < nr_recs; r++) {
		pte_t old = recs[r].old;

		/* An invalid entry is in no TLB: no flush for the new one. */
		*recs[r].ptep = (old & ~PTE_SMALL_ADDR_MASK) |
				page_to_phys(newpage[(old >> PAGE_SHIFT) - pfn]);
		clean_pt_entry(recs[r].ptep);
	}
	for (uint32_t i = 0; i < n; i++) {
		struct page *old = pfn_to_page(pfn + i);

		if (!newpage[i])
			continue;
		atomic_set(&newpage[i]->_counts, atomic_read(&old->_counts));
		atomic_set(&old->_counts, 0);
		__free_page(old);
		moved++;
	}
	compact_stats.pgmigrate_success += moved;
	return moved;
}

/* Evacuate [pfn, pfn + n) (compact_lock held); true if every user page left it. */
static bool migrate_block(uint32_t pfn, uint32_t n)
{
	LIST_HEAD_DEFINE(held_free);
	bool ok = false;

	memset(found, 0, n * sizeof(found[0]));
	memset(newpage, 0, n * sizeof(newpage[0]));
	record_all(pfn, n);
	if (block_movable(pfn, n)) {
		ok = get_targets(pfn, n, &held_free);
		if (ok)
			move_pages(pfn, n);
	}
	unlock_all();
	for (uint32_t i = 0; !ok && i < n; i++)
		if (newpage[i])
			__free_page(newpage[i]);
	while (!list_empty(&held_free)) {
		struct page *q = list_first_entry(&held_free, struct page, lru);

		list_del(&q->lru);
		__free_page(q);
	}
	return ok;
}

/*
 * The cheapest block of 2^order pages of z worth a pass (fewest user
 * pages, none other in use), not one of tried[0..nr_tried); ~0u if none.
 */
static uint32_t pick_block(const struct zone *z, unsigned order, const uint32_t *tried,
			   unsigned nr_tried)
{
	uint32_t n = 1u << order, best = ~0u, end = z->start_pfn + z->spanned;
	int best_cost = 0;

	for (uint32_t pfn = ALIGN(z->start_pfn, n); pfn + n <= end; pfn += n) {
		bool seen = false;
		int cost;

		if (pageblock_mt(z, pfn) != MIGRATE_MOVABLE)
			continue;
		for (unsigned t = 0; t < nr_tried; t++)
			seen |= tried[t] == pfn;
		compact_stats.compact_migrate_scanned += n;
		cost = seen ? -1 : block_cost(pfn, n, NULL);
		if (cost > 0 && (best == ~0u || cost < best_cost)) {
			best = pfn;
			best_cost = cost;
		}
	}
	return best;
}

/* Is the block of this order at pfn free now (maybe inside a larger free block)? */
static bool block_free(uint32_t pfn, unsigned order)
{
	for (unsigned o = order; o <= MAX_PAGE_ORDER; o++) {
		uint32_t head_pfn = pfn & ~((1u << o) - 1);
		const struct page *head = pfn_to_page(head_pfn);

		if (!pfn_valid(head_pfn))
			break;
		if ((head->flags & PG_buddy) && page_order(head) >= o)
			return true;
	}
	return false;
}

/* Up to tries passes over blocks of this order in z, until want are free; the blocks made free. */
static unsigned compact_zone_order(struct zone *z, unsigned order, unsigned tries, unsigned want)
{
	uint32_t tried[COMPACT_MAX_TRIES * 2];
	unsigned made = 0, nr_tried = 0;

	tries = min(tries, (unsigned)ARRAY_SIZE(tried));
	while (nr_tried < tries && made < want) {
		uint32_t pfn = pick_block(z, order, tried, nr_tried);

		if (pfn == ~0u)
			break;
		tried[nr_tried++] = pfn;
		if (!migrate_block(pfn, 1u << order))
			continue;
		drain_all_pages(); /* the old pages went to this CPU's hot list */
		made += block_free(pfn, order);
	}
	return made;
}

bool try_to_compact_pages(gfp_t gfp, unsigned order)
{
	static const uint8_t order_of_zones[] = { ZONE_HIGHMEM, ZONE_NORMAL, ZONE_DMA };
	bool made = false;

	if (order == 0 || order > MAX_PAGE_ORDER || in_irq() || !spin_trylock(&compact_lock))
		return false;
	compact_stats.compact_stall++;
	for (unsigned i = 0; i < ARRAY_SIZE(order_of_zones) && !made; i++) {
		struct zone *z = &zones[order_of_zones[i]];

		if (!z->managed || (z->idx == ZONE_HIGHMEM && !(gfp & __GFP_HIGHMEM)) ||
		    ((gfp & __GFP_DMA) && z->idx != ZONE_DMA))
			continue;
		made = compact_zone_order(z, order, COMPACT_MAX_TRIES, 1);
	}
	spin_unlock(&compact_lock);
	if (made)
		compact_stats.compact_success++;
	else
		compact_stats.compact_fail++;
	return made;
}

int compact_memory(void)
{
	int made = 0;

	if (in_irq() || !spin_trylock(&compact_lock))
		return -EBUSY;
	drain_all_pages();
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++)
		for (unsigned order = MAX_PAGE_ORDER; zones[zt].managed && order > 0; order--)
			made += (int)compact_zone_order(&zones[zt], order, COMPACT_MAX_TRIES * 2,
							COMPACT_MAX_TRIES * 2);
	spin_unlock(&compact_lock);
	return made;
}

int compact_block(uint32_t pfn, unsigned order)
{
	uint32_t n = 1u << order, before;
	bool ok;

	if (order > MAX_PAGE_ORDER || (pfn & (n - 1)) || !pfn_valid(pfn) || !pfn_valid(pfn + n - 1))
		return -EINVAL;
	if (in_irq() || !spin_trylock(&compact_lock))
		return -EBUSY;
	before = compact_stats.pgmigrate_success;
	ok = migrate_block(pfn, n);
	spin_unlock(&compact_lock);
	return ok ? (int)(compact_stats.pgmigrate_success - before) : -EAGAIN;
}

static bool compact_notify(gfp_t gfp, unsigned order)
{
	return try_to_compact_pages(gfp, order);
}

void compaction_init(void)
{
	set_compact_notify(compact_notify);
}

/*
 * Internals of include/mm.h: the lookup tables and helpers behind its
 * inline fast paths (lowmem address to page, order-0 alloc and free).
 * Not an API: mm.h includes this at its end so that the fast paths stay
 * inline in every caller; the tables are filled by mm/mm_init.c and
 * mm/buddy/page_alloc.c. Host tests (HOST_TEST) give lowmem a start of its
 * own, since their fake RAM stands for the direct map.
 */
#ifndef MM_FAST_H
#define MM_FAST_H

#ifndef MM_H
#error "mm_fast.h is mm.h's tail: include mm.h"
#endif

#include "asm/memory.h"
#include "atomic.h"
#include "list.h"
#include "smp.h"
#ifdef HOST_TEST
#include "asm-generic/irqflags.h"
#else
#include "asm/irqflags.h"
#endif

/*
 * The direct map for fast paths: one load gives both the bound and the
 * base, so "is this a lowmem address, and which struct page" costs a few
 * instructions. vmemmap is mem_map shifted so that vmemmap[va >> 12] is
 * the page of lowmem address va. Set up by mem_init() (on the host, by the
 * test environment, whose fake RAM stands for the direct map and starts at
 * lowmem.start instead of PAGE_OFFSET).
 */
struct lowmem_lookup {
	uintptr_t size;     /* high_memory - PAGE_OFFSET */
	uintptr_t vmemmap;  /* address of the page of PFN (PAGE_OFFSET >> 12) */
	struct page *first; /* the page of the first lowmem byte */
#ifdef HOST_TEST
	uintptr_t start; /* the first byte of lowmem */
#endif
};
extern struct lowmem_lookup lowmem;
#ifdef HOST_TEST
#define LOWMEM_START lowmem.start
uint32_t virt_to_pfn(const void *addr);
#else
#define LOWMEM_START PAGE_OFFSET
static inline uint32_t virt_to_pfn(const void *addr)
{
	return __pa(addr) >> PAGE_SHIFT;
}
#endif
/* Is addr in the lowmem direct map? (Inline: the allocators' fast paths use it.) */
static inline bool virt_addr_valid(const void *addr)
{
	return (uintptr_t)addr - LOWMEM_START < lowmem.size;
}
/* The page of a lowmem address (the caller checked virt_addr_valid). */
static inline struct page *lowmem_page(const void *addr)
{
	return (struct page *)(lowmem.vmemmap +
			       ((uintptr_t)addr >> PAGE_SHIFT) * sizeof(struct page));
}
/* Is addr in lowmem, and its page: one subtraction serves both. */
static inline bool lowmem_page_lookup(const void *addr, struct page **page)
{
	uintptr_t off = (uintptr_t)addr - LOWMEM_START;

	*page = lowmem.first + (off >> PAGE_SHIFT);
	return off < lowmem.size;
}

/*
 * The order-0 fast paths are inline, so that a constant GFP value folds the
 * table lookup away: pop or push this CPU's hot list of a zone, check the
 * watermark, set the flags. page_alloc_init_fast() fills the tables; every
 * other case, and every misuse, goes to the out-of-line paths in
 * mm/buddy/page_alloc.c.
 *
 * SMP: the tables point at CPU 0's hot lists; CPU n's are PCP_STRIDE * n
 * bytes further (struct per_cpu_pages, one cache line per CPU). A hot list
 * belongs to its CPU and is touched with interrupts masked on that CPU (a
 * handler may free pages), so the fast paths take no lock. The watermark
 * check reads the zone's nr_free unlocked and counts only this CPU's hot
 * list: it errs on the safe side, the slow path decides exactly.
 */
#define PCP_STRIDE 64u
struct gfp_fast {
	struct list_head *list;        /* CPU 0's hot list to take from */
	uint32_t *nr_free, *pcp_count; /* its zone's buddy free pages, CPU 0's hot count */
	uint32_t level;                /* the free count this GFP value must stay above */
};
struct pcp_home { /* where a page with these zone/type bits goes back (CPU 0's) */
	struct list_head *list;
	uint32_t *pcp_count;
	uint32_t high;
	struct zone *zone;
};
#define GFP_FAST_BITS 0x7fu
extern struct gfp_fast gfp_fast[GFP_FAST_BITS + 1];
extern struct pcp_home pcp_home[16];
struct page *alloc_pages_slow(gfp_t gfp, unsigned order) __attribute__((noinline));
/* Orders above 0: this CPU's hot list of the order first (mm/buddy/buddy.h), then as slow. */
struct page *alloc_pages_order(gfp_t gfp, unsigned order) __attribute__((noinline));
void free_pages_slow(struct page *page, unsigned order) __attribute__((noinline));
uintptr_t get_free_pages_slow(gfp_t gfp, unsigned order) __attribute__((noinline));
void free_pages_addr_slow(uintptr_t addr, unsigned order) __attribute__((noinline));
void pcp_spill(struct zone *z, unsigned mt);

/*
 * The order-0 fast path: a page off this CPU's hot list for gfp, or NULL
 * when the slow path must decide (__GFP_ZERO or unknown bits, no fast
 * zone for these flags, an empty hot list, the watermark).
 */
static inline struct page *alloc_page_fast(gfp_t gfp)
{
	if (likely(!(gfp & (__GFP_ZERO | ~__GFP_BITS_MASK)))) {
		const struct gfp_fast *f = &gfp_fast[gfp & GFP_FAST_BITS];
		uintptr_t off = smp_processor_id() * PCP_STRIDE;
		struct list_head *list = (struct list_head *)((char *)f->list + off);
		uint32_t *count = (uint32_t *)((char *)f->pcp_count + off);
		uint32_t flags = local_irq_save();

		if (likely(list->next != list && READ_ONCE(*f->nr_free) + *count > f->level)) {
			struct page *p = list_entry(list->next, struct page, lru);

			__list_del(&p->lru);
			(*count)--;
			local_irq_restore(flags);
			p->flags = (p->flags & (PG_ZONE_MASK | PG_MT_MASK)) | PG_head;
			return p;
		}
		local_irq_restore(flags);
	}
	return NULL;
}

static inline struct page *alloc_pages(gfp_t gfp, unsigned order)
{
	if (likely(!order)) {
		struct page *p = alloc_page_fast(gfp);

		if (likely(p))
			return p;
		return alloc_pages_slow(gfp, 0);
	}
	return alloc_pages_order(gfp, order);
}

/* The flags a free checks: PG_head and the order must be all that is set of them. */
#define PG_ORDER0_CHECK \
	(PG_head | PG_buddy | PG_pcp | PG_reserved | PG_ORDER_MASK | PG_slab | PG_kmalloc)

/*
 * Is page a struct page of mem_map and the head of an allocated block of
 * this order (what the frees take without a report)? Its flags are left
 * in *flags.
 */
static inline bool page_alloc_head(const struct page *page, unsigned order, uint32_t *flags)
{
	uintptr_t off = (uintptr_t)page - (uintptr_t)mem_map; /* not truncated on a 64-bit host */

	return order <= MAX_PAGE_ORDER && !(off & (sizeof(struct page) - 1)) &&
	       off < mem_map_bytes &&
	       ((*flags = page->flags) & PG_ORDER0_CHECK) == (PG_head | order << PG_ORDER_SHIFT);
}

/* page_alloc_head() for order 0 (what the fast frees take). */
static inline bool page_order0_head(const struct page *page, uint32_t *flags)
{
	return page_alloc_head(page, 0, flags);
}

/*
 * Push an allocated order-0 head (flags f, checked by the caller) onto this
 * CPU's hot list of its zone.
 */
static inline void pcp_push(struct page *page, uint32_t f)
{
	const struct pcp_home *h = &pcp_home[f & (PG_ZONE_MASK | PG_MT_MASK)];
	uintptr_t off = smp_processor_id() * PCP_STRIDE;
	uint32_t *count = (uint32_t *)((char *)h->pcp_count + off);
	uint32_t flags;

	page->flags = (f & (PG_ZONE_MASK | PG_MT_MASK)) | PG_pcp;
	flags = local_irq_save();
	list_add(&page->lru, (struct list_head *)((char *)h->list + off));
	if (unlikely(++*count > h->high))
		pcp_spill(h->zone, (f & PG_MT_MASK) >> PG_MT_SHIFT);
	local_irq_restore(flags);
}

/*
 * The order-0 fast free: push an allocated order-0 head onto this CPU's
 * hot list of its zone. False (nothing done) when page is not one: the
 * slow path then checks and reports.
 */
static inline bool free_page_fast(struct page *page)
{
	uint32_t f;

	if (likely(page_order0_head(page, &f))) {
		pcp_push(page, f);
		return true;
	}
	return false;
}

static inline void __free_pages(struct page *page, unsigned order)
{
	if (likely(!order && free_page_fast(page)))
		return;
	free_pages_slow(page, order);
}

/* The direct-map address of a lowmem page (the caller knows it is one). */
_Static_assert(PAGE_SIZE % sizeof(struct page) == 0, "lowmem_page_address");
static inline uintptr_t lowmem_page_address(const struct page *page)
{
	return LOWMEM_START +
	       ((uintptr_t)page - (uintptr_t)lowmem.first) * (PAGE_SIZE / sizeof(struct page));
}

/*
 * __get_free_pages(): an order-0 request the hot list can serve takes
 * alloc_page_fast() (the same flags checks; a zone below highmem, so a page
 * in the direct map); everything else, misuse included, the checked path.
 */
static inline uintptr_t __get_free_pages(gfp_t gfp, unsigned order)
{
	if (likely(!(order | (gfp & __GFP_HIGHMEM)))) {
		struct page *p = alloc_page_fast(gfp);

		if (likely(p))
			return lowmem_page_address(p);
	}
	return get_free_pages_slow(gfp, order);
}

/*
 * free_pages(): an order-0 free of a lowmem address whose page heads a live
 * order-0 allocation is pushed onto the hot list. A lowmem address's page
 * is in mem_map, so the flags are the check left to make (the rest of
 * page_order0_head()); anything else, misuse included, goes to the checked
 * path.
 */
static inline void free_pages(uintptr_t addr, unsigned order)
{
	struct page *page;
	uint32_t f;

	if (likely(!order && lowmem_page_lookup((void *)addr, &page) &&
		   ((f = page->flags) & PG_ORDER0_CHECK) == PG_head)) {
		pcp_push(page, f);
		return;
	}
	free_pages_addr_slow(addr, order);
}
#endif

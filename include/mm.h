/*
 * Physical pages: mem_map, PFN/page/address conversions, zones, and the
 * page allocator API with Linux's names and meanings.
 *
 *   alloc_pages(gfp, order)    2^order contiguous pages, or NULL
 *   __free_pages(page, order)  give them back (order must match)
 *   __get_free_pages(gfp, order) / free_pages(addr, order): the same by
 *                              kernel virtual address (lowmem only)
 *   get_zeroed_page(gfp)       one zeroed lowmem page
 *   get_order(size)            the order whose block holds size bytes
 *
 * Zones: ZONE_DMA (the low dma_zone= megabytes, default 16), ZONE_NORMAL
 * (the rest of lowmem, up to high_memory) and ZONE_HIGHMEM (RAM the direct
 * map cannot reach). GFP_KERNEL takes NORMAL then DMA; __GFP_HIGHMEM tries
 * HIGHMEM first; __GFP_DMA only DMA.
 *
 * Misuse (double free, wrong order, a reserved or never-allocated page, an
 * order above MAX_PAGE_ORDER) is reported with the page, the order and the
 * caller, counted in vm_stats.misuse, and changes nothing.
 */
#ifndef MM_H
#define MM_H

#include "gfp.h"
#include "mm_types.h"

struct zone;

extern struct page *mem_map;        /* struct page of mem_map_pfn */
extern uint32_t mem_map_pfn;        /* first PFN with a struct page */
extern uint32_t max_pfn;            /* one past the last */
extern uint32_t max_low_pfn;        /* one past the last lowmem PFN */
extern uint32_t mem_map_bytes;      /* size of mem_map */

struct vm_stats {
	uint32_t misuse;                /* bad frees and orders refused */
	uint32_t alloc_failures;        /* allocations that returned NULL */
	uint32_t alloc_warnings;        /* of those, how many warned */
	uint32_t retries;               /* slow paths that drained the hot lists */
};
extern struct vm_stats vm_stats;

static inline struct page *pfn_to_page(uint32_t pfn) { return mem_map + (pfn - mem_map_pfn); }
static inline uint32_t page_to_pfn(const struct page *p) { return mem_map_pfn + (uint32_t)(p - mem_map); }
static inline phys_addr_t page_to_phys(const struct page *p) { return (phys_addr_t)page_to_pfn(p) << 12; }
static inline bool pfn_valid(uint32_t pfn) { return pfn - mem_map_pfn < max_pfn - mem_map_pfn; }
static inline bool PageHighMem(const struct page *p) { return page_zonenum(p) == ZONE_HIGHMEM; }

/*
 * The direct map for fast paths: one load gives both the bound and the
 * base, so "is this a lowmem address, and which struct page" costs a few
 * instructions. vmemmap is mem_map shifted so that vmemmap[va >> 12] is
 * the page of lowmem address va. Set up by mem_init() (on the host, by the
 * test environment, whose fake RAM stands for the direct map and starts at
 * lowmem.start instead of PAGE_OFFSET).
 */
struct lowmem_lookup {
	uintptr_t size;                 /* high_memory - PAGE_OFFSET */
	uintptr_t vmemmap;              /* address of the page of PFN (PAGE_OFFSET >> 12) */
	struct page *first;             /* the page of the first lowmem byte */
#ifdef HOST_TEST
	uintptr_t start;                /* the first byte of lowmem */
#endif
};
extern struct lowmem_lookup lowmem;
#include "asm/memory.h"
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
	return (struct page *)(lowmem.vmemmap + ((uintptr_t)addr >> PAGE_SHIFT) * sizeof(struct page));
}
/* Is addr in lowmem, and its page: one subtraction serves both. */
static inline bool lowmem_page_lookup(const void *addr, struct page **page)
{
	uintptr_t off = (uintptr_t)addr - LOWMEM_START;

	*page = lowmem.first + (off >> PAGE_SHIFT);
	return off < lowmem.size;
}

/*
 * The smallest order whose 2^order pages hold size bytes, for any size_t:
 * the bit length of the last page's index, so no PAGE_SIZE << order is
 * ever computed and a size near the top of size_t cannot overflow it. As
 * in Linux, size 0 gives the largest order a size_t could ask for (20 on
 * target), which every caller's order > MAX_PAGE_ORDER check refuses.
 */
static inline unsigned get_order(size_t size)
{
	unsigned long long last_page = (size - 1) >> PAGE_SHIFT;

	return last_page ? 64u - (unsigned)__builtin_clzll(last_page) : 0;
}

/* Lowmem address of a page; for a highmem page its kmap() address, or NULL. */
void *page_address(const struct page *page);
/* The page of a lowmem kernel virtual address. */
struct page *virt_to_page(const void *addr);
/* Zero nr pages starting at page (lowmem or highmem). */
void clear_pages(struct page *page, uint32_t nr);

/*
 * The order-0 fast paths are inline, so that a constant GFP value folds the
 * table lookup away: pop or push a zone's hot list, check the watermark,
 * set the flags. page_alloc_init_fast() fills the tables; every other case,
 * and every misuse, goes to the out-of-line paths in mm/buddy/page_alloc.c.
 */
struct gfp_fast {
	struct list_head *list;         /* the hot list to take from */
	uint32_t *nr_free, *pcp_count;  /* its zone's free pages: buddy lists and hot lists */
	uint32_t level;                 /* the free count this GFP value must stay above */
};
struct pcp_home {                       /* where a page with these zone/type bits goes back */
	struct list_head *list;
	uint32_t *pcp_count;
	uint32_t high;
	struct zone *zone;
};
#define GFP_FAST_BITS 0x7fu
extern struct gfp_fast gfp_fast[GFP_FAST_BITS + 1];
extern struct pcp_home pcp_home[16];
struct page *alloc_pages_slow(gfp_t gfp, unsigned order) __attribute__((noinline));
void free_pages_slow(struct page *page, unsigned order) __attribute__((noinline));
void pcp_spill(struct zone *z);

static inline struct page *alloc_pages(gfp_t gfp, unsigned order)
{
	if (likely(!(order | (gfp & (__GFP_ZERO | ~__GFP_BITS_MASK))))) {
		const struct gfp_fast *f = &gfp_fast[gfp & GFP_FAST_BITS];
		struct list_head *list = f->list;

		if (likely(list->next != list && *f->nr_free + *f->pcp_count > f->level)) {
			struct page *p = list_entry(list->next, struct page, lru);

			__list_del(&p->lru);
			(*f->pcp_count)--;
			p->flags = (p->flags & (PG_ZONE_MASK | PG_MT_MASK)) | PG_head;
			return p;
		}
	}
	return alloc_pages_slow(gfp, order);
}

/*
 * Is page a struct page of mem_map and the head of an allocated order-0
 * block (what the fast frees take)? Its flags are left in *flags.
 */
static inline bool page_order0_head(const struct page *page, uint32_t *flags)
{
	uintptr_t off = (uintptr_t)page - (uintptr_t)mem_map;   /* not truncated on a 64-bit host */

	return !(off & (sizeof(struct page) - 1)) && off < mem_map_bytes &&
	       ((*flags = page->flags) & (PG_head | PG_buddy | PG_pcp | PG_reserved | PG_ORDER_MASK |
					  PG_slab | PG_kmalloc)) == PG_head;
}

static inline void __free_pages(struct page *page, unsigned order)
{
	uint32_t f;

	if (likely(!order && page_order0_head(page, &f))) {
		const struct pcp_home *h = &pcp_home[f & (PG_ZONE_MASK | PG_MT_MASK)];

		page->flags = (f & (PG_ZONE_MASK | PG_MT_MASK)) | PG_pcp;
		list_add(&page->lru, h->list);
		if (unlikely(++*h->pcp_count > h->high))
			pcp_spill(h->zone);
		return;
	}
	free_pages_slow(page, order);
}
/*
 * Many order-0 pages at once, as Linux's alloc_pages_bulk_array(): fills
 * pages[0..nr) and returns how many it got (fewer only when memory runs
 * out). One watermark check per zone for the lot; past the hot list, whole
 * blocks are split into single pages at once, so the pages may be
 * physically contiguous. free_pages_bulk() gives order-0 pages back with
 * the checks of __free_page(), straight to the buddy lists once the hot
 * list is full rather than through repeated spills.
 */
unsigned alloc_pages_bulk(gfp_t gfp, unsigned nr, struct page **pages);
void free_pages_bulk(struct page **pages, unsigned nr);
uintptr_t __get_free_pages(gfp_t gfp, unsigned order);
uintptr_t get_zeroed_page(gfp_t gfp);
void free_pages(uintptr_t addr, unsigned order);

#define alloc_page(gfp)         alloc_pages(gfp, 0)
#define __get_free_page(gfp)    __get_free_pages(gfp, 0)
#define __free_page(page)       __free_pages(page, 0)
#define free_page(addr)         free_pages(addr, 0)

/* Free pages per zone (hot lists included), and in all zones. */
uint32_t nr_free_pages(void);
uint32_t zone_nr_free(enum zone_type zt);
/* Free blocks per order in a zone (buddy lists; hot-list pages count as order 0). */
void buddyinfo_get(enum zone_type zt, uint32_t counts[NR_PAGE_ORDERS]);
void show_buddyinfo(void);
void show_meminfo(void);
/* Run zone_check() on every zone; returns the number of problems. */
unsigned buddy_check(void);
/* Give every hot-list page back to the buddy lists. */
void drain_all_pages(void);

const char *zone_name(enum zone_type zt);

/* After the zones and watermarks are set: build the fast path's lookup tables. */
void page_alloc_init_fast(void);

/* Boot: build mem_map and the zones, hand memblock's free memory over. */
void mem_init(uint32_t dma_zone_size);

#endif

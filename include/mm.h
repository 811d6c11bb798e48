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

#include "asm/memory.h"
#include "gfp.h"
#include "mm_types.h"

struct zone;

extern struct page *mem_map;   /* struct page of mem_map_pfn */
extern uint32_t mem_map_pfn;   /* first PFN with a struct page */
extern uint32_t max_pfn;       /* one past the last */
extern uint32_t max_low_pfn;   /* one past the last lowmem PFN */
extern uint32_t mem_map_bytes; /* size of mem_map */

struct vm_stats {
	uint32_t misuse;         /* bad frees and orders refused */
	uint32_t alloc_failures; /* allocations that returned NULL */
	uint32_t alloc_warnings; /* of those, how many warned */
	uint32_t retries;        /* slow paths that drained the hot lists */
};
extern struct vm_stats vm_stats;

static inline struct page *pfn_to_page(uint32_t pfn)
{
	return mem_map + (pfn - mem_map_pfn);
}
static inline uint32_t page_to_pfn(const struct page *p)
{
	return mem_map_pfn + (uint32_t)(p - mem_map);
}
static inline phys_addr_t page_to_phys(const struct page *p)
{
	return (phys_addr_t)page_to_pfn(p) << 12;
}
static inline bool pfn_valid(uint32_t pfn)
{
	return pfn - mem_map_pfn < max_pfn - mem_map_pfn;
}
static inline bool PageHighMem(const struct page *p)
{
	return page_zonenum(p) == ZONE_HIGHMEM;
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

/* Is addr in the lowmem direct map? virt_to_pfn(addr): the PFN of a lowmem address. */
static inline bool virt_addr_valid(const void *addr);

/* Lowmem address of a page; for a highmem page its kmap() address, or NULL. */
void *page_address(const struct page *page);
/* The page of a lowmem kernel virtual address. */
struct page *virt_to_page(const void *addr);
/* Zero nr pages starting at page (lowmem or highmem). */
void clear_pages(struct page *page, uint32_t nr);

/*
 * alloc_pages(gfp, order) and __free_pages(page, order) are inline (their
 * order-0 fast paths are in mm_fast.h): 2^order contiguous pages or NULL,
 * and giving them back. So are __get_free_pages() and free_pages(), the
 * same by lowmem address.
 */
static inline struct page *alloc_pages(gfp_t gfp, unsigned order);
static inline void __free_pages(struct page *page, unsigned order);
static inline uintptr_t __get_free_pages(gfp_t gfp, unsigned order);
static inline void free_pages(uintptr_t addr, unsigned order);
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
uintptr_t get_zeroed_page(gfp_t gfp);

#define alloc_page(gfp)      alloc_pages(gfp, 0)
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
#define __free_page(page)    __free_pages(page, 0)
#define free_page(addr)      free_pages(addr, 0)

/* Free pages per zone (hot lists included), and in all zones. */
uint32_t nr_free_pages(void);
uint32_t zone_nr_free(enum zone_type zt);
/*
 * Free blocks per order in a zone (buddy lists; blocks on the hot lists count
 * at their order: order-0 pages as order 0, orders 1..4 as theirs).
 */
void buddyinfo_get(enum zone_type zt, uint32_t counts[NR_PAGE_ORDERS]);
/*
 * The same as text in Linux's /proc formats, into a seq_file
 * (mm/buddy/vmstat.c): /proc/buddyinfo, /proc/pagetypeinfo (buddy lists
 * only, as Linux), /proc/zoneinfo (the zone fields), and the boot log's
 * zone summary; show_buddyinfo() and show_meminfo() print the first and
 * the last to the console.
 */
struct seq_file;
void buddyinfo_seq_show(struct seq_file *m);
void pagetypeinfo_seq_show(struct seq_file *m);
void zoneinfo_seq_show(struct seq_file *m);
void zones_summary_seq_show(struct seq_file *m);
void show_buddyinfo(void);
void show_meminfo(void);
/* Pages of RAM, as Linux's si_meminfo(): reserve is the zones' high watermarks. */
struct sysinfo_pages {
	uint32_t totalram, freeram, totalhigh, freehigh, reserve;
};
void si_meminfo(struct sysinfo_pages *val);
/* Run zone_check() on every zone; returns the number of problems. */
unsigned buddy_check(void);
/* Give every hot-list block (every CPU, every order) back to the buddy lists. */
void drain_all_pages(void);
/*
 * Allocations above this order are "costly": like Linux, the page
 * allocator never calls for the OOM killer on their behalf (a large block
 * missing is fragmentation, not a lack of memory).
 */
#define PAGE_ALLOC_COSTLY_ORDER 3
/*
 * Whether a failed allocation with these flags may end in the OOM killer:
 * it may reclaim (__GFP_RECLAIM), may retry (no __GFP_NORETRY) and is not
 * costly. GFP_NOWAIT and GFP_ATOMIC never do.
 */
static inline bool gfp_may_oom(gfp_t gfp, unsigned order)
{
	return (gfp & (__GFP_RECLAIM | __GFP_NORETRY)) == __GFP_RECLAIM &&
	       order <= PAGE_ALLOC_COSTLY_ORDER;
}
/*
 * The kernel's answer to such a failure (kernel/oom_kill.c registers it:
 * the OOM killer lives above mm, with the tasks). Called with no zone lock
 * held, after the slow path failed; true when the failure is taken care of
 * (a victim will be chosen where the caller holds no lock): the page
 * allocator then prints no warning of its own, as Linux prints the OOM
 * report instead.
 */
void set_oom_notify(bool (*fn)(gfp_t gfp, unsigned order));
/*
 * The reclaim thread's doorbell (kernel/kswapd.c registers it once swap is
 * on): rung from the allocator's slow path, any context, when the free
 * pages fall below the zones' low watermarks.
 */
void set_kswapd_wakeup(void (*fn)(void));
/*
 * Reclaim is running on this CPU (Linux's memalloc_noreclaim_save(), the
 * task flag PF_MEMALLOC): an allocation that fails at the watermark takes
 * from the reserves, which exist so that freeing memory can itself get a
 * little (the disk request that writes pages out). Per CPU: reclaim
 * does not give the CPU up between save and restore.
 */
bool memalloc_noreclaim_save(void);
void memalloc_noreclaim_restore(bool old);
/*
 * Direct reclaim (mm/user/vmscan.c registers it once swap is on): asked by
 * a failing allocation that may do work (__GFP_RECLAIM, no __GFP_NORETRY,
 * order up to PAGE_ALLOC_COSTLY_ORDER) before it gives up; the pages it
 * freed. The caller may hold spinlocks (an mmap_lock in a fault), so it
 * only trylocks what it takes.
 */
void set_direct_reclaim(unsigned (*fn)(gfp_t gfp, unsigned order));
/* Free pages in the buddy lists below the sum of the zones' low (or high) watermarks. */
bool free_below_watermark(bool high);
/*
 * The answer to a failed allocation of order above 0 that may do work
 * (__GFP_RECLAIM, no __GFP_NORETRY): compaction (mm/compaction.c
 * registers it; the allocator does not call up into the user mm). Called
 * once per failure with no zone lock held, after the drain and retry;
 * true when it freed a block of that order, and the allocation is tried
 * once more.
 */
void set_compact_notify(bool (*fn)(gfp_t gfp, unsigned order));

const char *zone_name(enum zone_type zt);
/*
 * A GFP mask in the names gfp.h gives (composites first: "GFP_KERNEL|__GFP_ZERO",
 * "GFP_NOWAIT" for 0, unknown bits in hex), and a struct page's flags word
 * ("Normal|head|order=2"; the migrate type of a free page): written into buf
 * (cut to size) and returned, to print with %s.
 */
const char *gfp_describe(gfp_t gfp, char *buf, size_t size);
const char *page_flags_describe(uint32_t flags, char *buf, size_t size);

/* After the zones and watermarks are set: build the fast path's lookup tables. */
void page_alloc_init_fast(void);

/* Boot: build mem_map and the zones, hand memblock's free memory over. */
void mem_init(uint32_t dma_zone_size);

/* Not an API: what the inline functions above need (lowmem lookup, hot-list tables). */
#include "mm_fast.h"

#endif

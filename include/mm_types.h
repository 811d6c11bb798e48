/*
 * struct page: one per physical page frame, 16 bytes on ARMv7 (Linux
 * spends 32). mem_map holds them in PFN order.
 *
 * flags packs the page's zone, the migrate type of the free block it heads,
 * its state bits and an order:
 *   bits 0-1   zone index (ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM)
 *   bits 2-3   migrate type (free and hot-list pages)
 *   bit  4     PG_reserved  never handed to the buddy allocator
 *   bit  5     PG_buddy     heads a free block on a buddy free list
 *   bit  6     PG_pcp       on a zone's hot list of order-0 pages
 *   bit  7     PG_head      heads an allocated block
 *   bits 8-11  order of the free block (PG_buddy) or allocation (PG_head)
 *   bit  12    PG_slab      part of a slab; private points at its descriptor,
 *                            slab_cache at its cache
 *   bit  13    PG_kmalloc   heads a page-backed kmalloc() allocation
 *
 * The last word is the owner's while the page is allocated: a slab's
 * descriptor, the L2 table pool's count, or, for a page mapped into
 * processes, its reference and map counts (include/page_ref.h).
 */
#ifndef MM_TYPES_H
#define MM_TYPES_H

#include "atomic.h"
#include "list.h"

struct kmem_cache;

struct page {
	uint32_t flags;
	union {
		struct list_head lru; /* free list or hot list while free */
		/*
		 * A slab page: its cache, for the slab allocator's inline free
		 * path. Only new_slab() stores a cache's address here; every
		 * other user of the word stores a list link, so a match with a
		 * cache proves the page is one of its slabs without PG_slab.
		 */
		struct kmem_cache *slab_cache;
	};
	union {
		uint32_t private; /* owner's word while allocated (slab descriptor, L2 table pool count) */
		atomic_t _counts; /* a user page: references << 16 | mappings (page_ref.h) */
	};
};
_Static_assert(sizeof(void *) != 4 || sizeof(struct page) == 16,
	       "struct page stays 16 bytes on the target (mem_map is 0.4% of RAM)");

#define PG_ZONE_MASK   0x003u
#define PG_MT_SHIFT    2
#define PG_MT_MASK     0x00cu
#define PG_reserved    0x010u
#define PG_buddy       0x020u
#define PG_pcp         0x040u
#define PG_head        0x080u
#define PG_ORDER_SHIFT 8
#define PG_ORDER_MASK  0xf00u
#define PG_slab        0x1000u
#define PG_kmalloc     0x2000u

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_MOVABLE,
	MIGRATE_TYPES
};

#define MAX_PAGE_ORDER  10
#define NR_PAGE_ORDERS  (MAX_PAGE_ORDER + 1)
#define PAGEBLOCK_ORDER MAX_PAGE_ORDER /* migrate types are kept per 4 MB block */

static inline unsigned page_zonenum(const struct page *p)
{
	return p->flags & PG_ZONE_MASK;
}
static inline unsigned page_order(const struct page *p)
{
	return (p->flags & PG_ORDER_MASK) >> PG_ORDER_SHIFT;
}
static inline unsigned page_mt(const struct page *p)
{
	return (p->flags & PG_MT_MASK) >> PG_MT_SHIFT;
}
static inline bool PageReserved(const struct page *p)
{
	return p->flags & PG_reserved;
}
static inline bool PageBuddy(const struct page *p)
{
	return p->flags & PG_buddy;
}

#endif

/*
 * The buddy allocator core: per-zone free lists for orders 0..10, one list
 * per migrate type, blocks naturally aligned to their order (by PFN), a
 * hot list of order-0 pages per zone, and watermarks. Portable: it knows
 * struct page and PFNs, never the memory itself, so it builds for the host
 * (tests/host) with a page array standing in for mem_map.
 *
 * A zone covers PFNs [start_pfn, start_pfn + spanned) whose struct pages
 * are pages[0 .. spanned). Pages start reserved; zone_add_free_range()
 * hands ranges to the allocator.
 */
#ifndef MM_BUDDY_H
#define MM_BUDDY_H

#include "mm.h"
#include "mm_types.h"
#include "smp.h"
#include "spinlock.h"

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	uint32_t nr_free; /* blocks of this order, all types */
};

/*
 * The hot list: order-0 pages freed recently, reused first (LIFO). One per
 * CPU and zone, touched only by its own CPU with interrupts masked (no
 * lock); PCP_STRIDE bytes apart (a cache line each) so that the fast paths
 * in mm_fast.h find CPU n's at CPU 0's + n * PCP_STRIDE.
 */
struct per_cpu_pages {
	struct list_head lists[MIGRATE_TYPES];
	uint32_t count;
	uint32_t high; /* above this, give batch pages back */
	uint32_t batch;
} __attribute__((aligned(PCP_STRIDE)));
_Static_assert(sizeof(struct per_cpu_pages) == PCP_STRIDE, "mm_fast.h's stride");

/*
 * Blocks of orders 1..PCP_MAX_ORDER freed recently, reused first (LIFO),
 * as Linux keeps them since 5.13: most allocations and frees of small
 * blocks then touch neither the zone lock nor the buddy lists. One list per
 * CPU, zone, type and order, with the order-0 hot list's rules (its own
 * CPU, interrupts masked, no lock); a list that runs empty is refilled
 * with pcp_order_batch(order) blocks at once, one that grows past
 * pcp_order_high(order) gives that many back (merged) under the lock.
 * Their pages count as free, like the order-0 hot list's. Each list keeps
 * its count beside it, and CPU n's lists are PCPO_STRIDE * n bytes after
 * CPU 0's, so that the fast paths find both from one pointer.
 */
#define PCP_MAX_ORDER 4u
#define PCPO_STRIDE   (64u * sizeof(void *)) /* 256 bytes on the target */
struct pcpo_list {
	struct list_head list;
	uint32_t count; /* blocks on the list */
	uint32_t unused;
};
struct pcp_orders {
	struct pcpo_list lists[MIGRATE_TYPES][PCP_MAX_ORDER]; /* [type][order - 1] */
	char pad[PCPO_STRIDE - MIGRATE_TYPES * PCP_MAX_ORDER * sizeof(struct pcpo_list)];
};
_Static_assert(sizeof(struct pcp_orders) == PCPO_STRIDE, "pcpo_this()'s stride");

/* 32 pages a refill or spill (2 blocks of order 4); three refills' worth at most. */
static inline uint32_t pcp_order_batch(unsigned order)
{
	return 32u >> order;
}

static inline uint32_t pcp_order_high(unsigned order)
{
	return 96u >> order;
}

/* Blocks of one order on one CPU's lists, all types. */
static inline uint32_t pcpo_blocks(const struct pcp_orders *po, unsigned order)
{
	uint32_t n = 0;

	for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
		n += READ_ONCE(po->lists[mt][order - 1].count);
	return n;
}

/* Pages on one CPU's lists of orders above 0. */
static inline uint32_t pcpo_pages(const struct pcp_orders *po)
{
	uint32_t n = 0;

	for (unsigned o = 1; o <= PCP_MAX_ORDER; o++)
		n += pcpo_blocks(po, o) << o;
	return n;
}

/* Watermark levels an allocation may go down to (alloc_flags below). */
#define ALLOC_WMARK_MIN 0x0u
#define ALLOC_HIGH      0x1u /* __GFP_HIGH: half of the reserve */
#define ALLOC_HARDER    0x2u /* __GFP_ATOMIC: three quarters of it */
#define ALLOC_NO_WMARKS 0x4u /* ignore watermarks (tests exhausting a zone) */

/*
 * Locking: lock (taken with interrupts masked: pages are freed from
 * interrupt handlers, e.g. a cross call's or a device's) protects the
 * buddy lists, nr_free, fallbacks and the pageblock types. pcp[n] belongs
 * to CPU n alone (interrupts masked, no lock), so does pcpo[n]; a CPU
 * moves pages between its hot lists and the buddy lists under lock.
 */
struct zone {
	spinlock_t lock;
	const char *name;
	unsigned idx; /* enum zone_type */
	uint32_t start_pfn;
	uint32_t spanned;   /* PFNs covered */
	struct page *pages; /* struct page of start_pfn */
	uint32_t managed;   /* pages given to the allocator */
	uint32_t nr_free;   /* free pages on the buddy lists (not hot lists) */
	uint32_t wmark_min, wmark_low, wmark_high;
	uint32_t wmark_level[4]; /* lowest free count per ALLOC_HIGH|ALLOC_HARDER */
	struct free_area area[NR_PAGE_ORDERS];
	struct per_cpu_pages pcp[NR_CPUS];
	uint8_t *pageblock_mt; /* migrate type of each 4 MB pageblock */
	uint32_t nr_pageblocks;
	uint32_t fallbacks;              /* blocks taken from another migrate type */
	struct pcp_orders pcpo[NR_CPUS]; /* last: the fields above keep short offsets */
};

/* How many 4 MB pageblocks PFNs [start_pfn, start_pfn + spanned) touch. */
static inline uint32_t pageblocks_spanned(uint32_t start_pfn, uint32_t spanned)
{
	return spanned ? ((start_pfn + spanned - 1) >> PAGEBLOCK_ORDER) -
				 (start_pfn >> PAGEBLOCK_ORDER) + 1
		       : 0;
}

/* The 4 MB pageblock of z holding pfn, and its migrate type (compaction reads it too). */
static inline unsigned pageblock_index(const struct zone *z, uint32_t pfn)
{
	return (pfn >> PAGEBLOCK_ORDER) - (z->start_pfn >> PAGEBLOCK_ORDER);
}

static inline unsigned pageblock_mt(const struct zone *z, uint32_t pfn)
{
	return z->pageblock_mt[pageblock_index(z, pfn)];
}

/* The zones of the one memory node (mm/buddy/page_alloc.c). */
extern struct zone zones[MAX_NR_ZONES];

static inline uint32_t zone_page_pfn(const struct zone *z, const struct page *p)
{
	return z->start_pfn + (uint32_t)(p - z->pages);
}

static inline bool zone_spans_pfn(const struct zone *z, uint32_t pfn)
{
	return pfn - z->start_pfn < z->spanned;
}

/* Pages on one CPU's hot lists of the zone, all orders (a snapshot if not this CPU's). */
static inline uint32_t zone_cpu_pcp_count(const struct zone *z, unsigned cpu)
{
	return READ_ONCE(z->pcp[cpu].count) + pcpo_pages(&z->pcpo[cpu]);
}

/* Pages on every CPU's hot lists of the zone, all orders (a snapshot: other CPUs move on). */
static inline uint32_t zone_pcp_count(const struct zone *z)
{
	uint32_t n = 0;

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		n += zone_cpu_pcp_count(z, cpu);
	return n;
}

/* Free pages in the zone, hot lists included. */
static inline uint32_t zone_free_pages(const struct zone *z)
{
	return READ_ONCE(z->nr_free) + zone_pcp_count(z);
}

/* This CPU's hot list of the zone (the caller has interrupts masked). */
static inline struct per_cpu_pages *this_pcp(struct zone *z)
{
	return &z->pcp[smp_processor_id()];
}

/* This CPU's list of an order 1..PCP_MAX_ORDER and type (interrupts masked). */
static inline struct pcpo_list *this_pcpo(struct zone *z, unsigned order, unsigned mt)
{
	return &z->pcpo[smp_processor_id()].lists[mt][order - 1];
}

/*
 * The hot-list fast paths, inline so that alloc_page()/__free_page() of a
 * warm page are a few dozen instructions. An allocated order-0 page keeps
 * the migrate type it was allocated with in its flags, so freeing it needs
 * no pageblock lookup. They return NULL / false when the slow path must run.
 */
static inline struct page *pcp_alloc_fast(struct zone *z, struct per_cpu_pages *pcp, unsigned mt,
					  unsigned alloc_flags)
{
	struct list_head *list = &pcp->lists[mt];
	struct page *p;

	if (unlikely(list->next == list))
		return NULL;
	if (unlikely(z->nr_free + pcp->count <= z->wmark_level[alloc_flags & 3]))
		return NULL;
	p = list_entry(list->next, struct page, lru);
	list_del(&p->lru);
	pcp->count--;
	p->flags = (p->flags & (PG_ZONE_MASK | PG_MT_MASK)) | PG_head;
	return p;
}

void pcp_spill(struct zone *z, unsigned mt);
/* p is an allocated order-0 head (the caller checked); interrupts masked, zone lock not held. */
static inline void pcp_free_fast(struct zone *z, struct page *p)
{
	struct per_cpu_pages *pcp = this_pcp(z);

	p->flags = (p->flags & (PG_ZONE_MASK | PG_MT_MASK)) | PG_pcp;
	list_add(&p->lru, &pcp->lists[page_mt(p)]);
	if (unlikely(++pcp->count > pcp->high))
		pcp_spill(z, page_mt(p));
}

void pcpo_spill(struct zone *z, struct pcpo_list *l, unsigned order);

/* This CPU's list given CPU 0's of the same zone, type and order. */
static inline struct pcpo_list *pcpo_this(struct pcpo_list *cpu0)
{
	return (struct pcpo_list *)((char *)cpu0 + smp_processor_id() * PCPO_STRIDE);
}

/*
 * The fast paths of orders 1..PCP_MAX_ORDER, on this CPU's list l of the
 * block's zone z, type and order, with interrupts masked by the caller.
 * The pop returns NULL when the list is empty or the buddy lists alone
 * are not above level + 2^order (unlocked, erring on the safe side):
 * zone_alloc() then refills or decides exactly.
 */
static inline struct page *pcpo_pop(struct zone *z, struct pcpo_list *l, unsigned order,
				    uint32_t level)
{
	struct list_head *first = l->list.next;
	struct page *p;

	if (unlikely(first == &l->list || READ_ONCE(z->nr_free) < (1u << order) + level))
		return NULL;
	__list_del(first);
	l->count--;
	p = list_entry(first, struct page, lru);
	p->flags ^= PG_pcp | PG_head;
	return p;
}

/* Push p, the head of an allocated block of this order (flags f, the caller checked). */
static inline void pcpo_push(struct zone *z, struct pcpo_list *l, struct page *p, unsigned order,
			     uint32_t f)
{
	p->flags = f ^ (PG_head | PG_pcp);
	list_add(&p->lru, &l->list);
	if (unlikely(++l->count > pcp_order_high(order)))
		pcpo_spill(z, l, order);
}

/*
 * Set up an empty zone over pages[0..spanned), which must be zeroed or
 * initialised by the caller; pageblock_mt needs one byte per 4 MB block.
 */
void zone_init(struct zone *z, const char *name, unsigned idx, uint32_t start_pfn, uint32_t spanned,
	       struct page *pages, uint8_t *pageblock_mt);
/* Give [pfn, pfn + count) to the allocator (pages must be reserved now). */
void zone_add_free_range(struct zone *z, uint32_t pfn, uint32_t count);
/*
 * The same at boot, when the caller already wrote each struct page of the
 * range as a free page (its zone bits, nothing else; mem_init()): only the
 * blocks are listed, with no pass over the pages.
 */
void zone_add_free_blocks(struct zone *z, uint32_t pfn, uint32_t count);
/*
 * Linux's rule for every zone, once the zones are filled: min_free_kbytes =
 * sqrt(16 * lowmem kB), 128 kB to 64 MB, shared between the lowmem zones by
 * size; highmem keeps a token 32 pages.
 */
void setup_zone_watermarks(void);
/* Watermarks from the number of managed pages (min, low = 5/4 min, high = 3/2 min). */
void zone_set_watermarks(struct zone *z, uint32_t min_pages);

/* A block of 2^order pages, or NULL; flags PG_head and the order. */
struct page *zone_alloc(struct zone *z, unsigned order, unsigned migratetype, unsigned alloc_flags);
/* Return a block zone_alloc gave out (the caller checked it is one). */
void zone_free(struct zone *z, struct page *page, unsigned order);
/*
 * Up to nr order-0 pages of one migrate type into pages[], as many as
 * zone_alloc(z, 0, ...) one at a time would give before the watermark
 * stops it: the hot list first, then blocks off the buddy lists split into
 * single pages at once. Returns how many.
 */
unsigned zone_alloc_bulk(struct zone *z, unsigned mt, unsigned alloc_flags, unsigned nr,
			 struct page **pages);
/*
 * Free count consecutive allocated order-0 pages of the zone (the caller
 * checked each) straight to the buddy lists, as the largest aligned
 * blocks they hold: one merge per block instead of one per page.
 */
void zone_free_run(struct zone *z, struct page *page, uint32_t count);
/* Give every page of this CPU's hot lists (all orders) back to the buddy lists; returns how many. */
uint32_t zone_drain_pcp(struct zone *z);

/* Would an allocation of this order leave the zone above its watermark? */
bool zone_watermark_ok(const struct zone *z, unsigned order, unsigned alloc_flags);

/*
 * Check every invariant (other CPUs' hot lists are read unlocked: they must
 * be quiet, idle or between operations): list membership matches the flags, orders and
 * alignment, no free buddies left unmerged, counters add up. Returns the
 * number of problems found (each reported through buddy_report).
 */
unsigned zone_check(const struct zone *z);

/* Where problem reports go (printk on target, a test hook on the host). */
void buddy_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/*
 * The page allocator on top of the per-zone buddy core: GFP flags to zones,
 * migrate types and watermark levels, zeroing, the retry slow path,
 * failure warnings, misuse checks on free, and the reports. Portable: the
 * target and the host tests provide mem_map, page_address and clear_pages.
 */
#include <stdarg.h>
#include "buddy.h"
#include "fault-inject.h"
#include "mm.h"
#include "printk.h"

struct zone zones[MAX_NR_ZONES];
struct vm_stats vm_stats;
/* mem_map and its bounds (set up by mem_init() on target, by the tests on the host). */
struct page *mem_map;
uint32_t mem_map_bytes, mem_map_pfn, max_pfn, max_low_pfn;

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem" };

void buddy_report(const char *fmt, ...)
{
	va_list ap;

	printk("buddy: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
}

/* Zones to try, best first, ending with MAX_NR_ZONES. */
static const uint8_t zonelists[3][MAX_NR_ZONES + 1] = {
	{ ZONE_NORMAL, ZONE_DMA, MAX_NR_ZONES },               /* GFP_KERNEL */
	{ ZONE_DMA, MAX_NR_ZONES },                            /* __GFP_DMA */
	{ ZONE_HIGHMEM, ZONE_NORMAL, ZONE_DMA, MAX_NR_ZONES }, /* __GFP_HIGHMEM */
};

/* Index into zonelists[] from the zone modifiers (__GFP_DMA wins over __GFP_HIGHMEM). */
static const uint8_t zonelist_of[4] = { 0, 1, 2, 1 };

static inline const uint8_t *gfp_zonelist(gfp_t gfp)
{
	return zonelists[zonelist_of[gfp & (__GFP_DMA | __GFP_HIGHMEM)]];
}

_Static_assert(__GFP_MOVABLE == 0x08 && __GFP_RECLAIMABLE == 0x10, "gfp_migratetype");
static const uint8_t migratetype_of[4] = {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_MOVABLE,
};

static inline unsigned gfp_migratetype(gfp_t gfp)
{
	return migratetype_of[(gfp >> 3) & 3];
}

_Static_assert(__GFP_HIGH >> 5 == ALLOC_HIGH && __GFP_ATOMIC >> 5 == ALLOC_HARDER,
	       "gfp_alloc_flags");
static inline unsigned gfp_alloc_flags(gfp_t gfp)
{
	return (gfp >> 5) & (ALLOC_HIGH | ALLOC_HARDER);
}

static inline __attribute__((always_inline)) struct page *try_zones_flags(gfp_t gfp, unsigned order,
									  unsigned flags)
{
	const uint8_t *zl = gfp_zonelist(gfp);
	unsigned mt = gfp_migratetype(gfp);

	for (; *zl != MAX_NR_ZONES; zl++) {
		struct zone *z = &zones[*zl];
		struct page *p;

		if (!z->managed)
			continue;
		p = zone_alloc(z, order, mt, flags);
		if (p)
			return p;
	}
	return NULL;
}

static inline __attribute__((always_inline)) struct page *try_zones(gfp_t gfp, unsigned order)
{
	return try_zones_flags(gfp, order, gfp_alloc_flags(gfp));
}

/* Per CPU: reclaim runs here and may use the reserves (Linux's PF_MEMALLOC). */
static bool memalloc_reclaim[NR_CPUS];

bool memalloc_noreclaim_save(void)
{
	bool old = memalloc_reclaim[smp_processor_id()];

	memalloc_reclaim[smp_processor_id()] = true;
	return old;
}

void memalloc_noreclaim_restore(bool old)
{
	memalloc_reclaim[smp_processor_id()] = old;
}

static void warn_alloc(gfp_t gfp, unsigned order, const char *why, void *caller)
{
	vm_stats.alloc_failures++;
	if (gfp & __GFP_NOWARN)
		return;
	char mode[128];

	vm_stats.alloc_warnings++;
	printk("WARNING: page allocation failure: order:%u, mode:%#x(%s): %s (caller %pS)\n", order,
	       gfp, gfp_describe(gfp, mode, sizeof(mode)), why, caller);
}

static bool (*oom_notify)(gfp_t gfp, unsigned order);

void set_oom_notify(bool (*fn)(gfp_t gfp, unsigned order))
{
	oom_notify = fn;
}

static bool (*compact_notify)(gfp_t gfp, unsigned order);

void set_compact_notify(bool (*fn)(gfp_t gfp, unsigned order))
{
	compact_notify = fn;
}

static unsigned (*direct_reclaim)(gfp_t gfp, unsigned order);

void set_direct_reclaim(unsigned (*fn)(gfp_t gfp, unsigned order))
{
	direct_reclaim = fn;
}

/* No page for this allocation: the OOM killer's note for a process's, else the warning. */
static struct page *alloc_failed(gfp_t gfp, unsigned order, void *caller)
{
	if (gfp_may_oom(gfp, order) && oom_notify && oom_notify(gfp, order))
		vm_stats.alloc_failures++; /* the OOM report says it instead */
	else
		warn_alloc(gfp, order, "out of memory", caller);
	return NULL;
}

static struct page *alloc_pages_caller(gfp_t gfp, unsigned order, void *caller)
{
	struct page *p;

	if (unlikely(order > MAX_PAGE_ORDER || (gfp & ~__GFP_BITS_MASK))) {
		vm_stats.misuse++;
		warn_alloc(gfp, order,
			   order > MAX_PAGE_ORDER ? "order above MAX_PAGE_ORDER"
						  : "unknown GFP bits",
			   caller);
		return NULL;
	}
	/* Injected (include/fault-inject.h): a shortage without the retries that would end it. */
	if (unlikely(fail_page_alloc_armed) && should_fail_alloc_page(gfp, order))
		return alloc_failed(gfp, order, caller);
	p = try_zones(gfp, order);
	if (unlikely(!p) && (gfp & __GFP_RECLAIM) && !(gfp & __GFP_NORETRY)) {
		/* The slow path: pages parked on hot lists may complete a block. */
		vm_stats.retries++;
		drain_all_pages();
		p = try_zones(gfp, order);
		/* Free pages that are only scattered: move user pages to make a block. */
		if (!p && order && compact_notify && compact_notify(gfp, order))
			p = try_zones(gfp, order);
		/*
		 * Memory taken by processes: reclaim some to swap and try again
		 * (not from inside reclaim itself, nor for a costly order).
		 */
		for (unsigned tries = 0;
		     !p && tries < 2 && direct_reclaim && order <= PAGE_ALLOC_COSTLY_ORDER &&
		     !memalloc_reclaim[smp_processor_id()];
		     tries++) {
			if (!direct_reclaim(gfp, order))
				break;
			p = try_zones(gfp, order);
		}
	}
	/* Reclaim's own allocations (the disk request's, while it writes pages out): the reserves. */
	if (unlikely(!p) && memalloc_reclaim[smp_processor_id()])
		p = try_zones_flags(gfp, order, ALLOC_NO_WMARKS);
	if (unlikely(!p))
		return alloc_failed(gfp, order, caller);
	if (gfp & __GFP_ZERO)
		clear_pages(p, 1u << order);
	return p;
}

/*
 * For each value of the GFP bits that choose the zone list, the migrate
 * type and the watermark level (gfp & GFP_FAST_BITS): the first zone of the
 * list that has pages, and what to ask it for (filled by
 * page_alloc_init_fast(), like gfp_fast[]).
 */
static struct gfp_direct {
	struct zone *zone;      /* NULL: no zone has pages */
	struct pcpo_list *pcpo; /* CPU 0's order-1 hot list of zone and type (or an empty one) */
	uint32_t level;         /* zone's wmark_level[alloc_flags] */
	uint8_t mt, alloc_flags;
} gfp_direct[GFP_FAST_BITS + 1];

/*
 * Where a block of order 1..PCP_MAX_ORDER with these zone and type bits
 * goes back: CPU 0's order-1 hot list of its zone and type.
 */
static struct pcpo_list *pcpo_home[16];
/* Always-empty hot lists for GFP values no zone serves. */
static struct pcp_orders no_pcpo[NR_CPUS];

/* The fast paths' tables (include/mm.h), filled by page_alloc_init_fast(). */
struct gfp_fast gfp_fast[GFP_FAST_BITS + 1];
struct pcp_home pcp_home[16];
/* Always-empty hot lists (one per CPU) for GFP values the fast path does not serve. */
static struct per_cpu_pages no_fast_path[NR_CPUS];
static uint32_t no_count;

void page_alloc_init_fast(void)
{
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++) {
			INIT_LIST_HEAD(&no_fast_path[cpu].lists[mt]);
			for (unsigned o = 0; o < PCP_MAX_ORDER; o++)
				INIT_LIST_HEAD(&no_pcpo[cpu].lists[mt][o].list);
		}
	for (unsigned g = 0; g <= GFP_FAST_BITS; g++) {
		const uint8_t *zl = gfp_zonelist(g);
		struct zone *z;

		while (*zl != MAX_NR_ZONES && !zones[*zl].managed)
			zl++;
		if (*zl == MAX_NR_ZONES || (g & 4)) {
			gfp_fast[g] = (struct gfp_fast){ &no_fast_path[0].lists[0], &no_count,
							 &no_fast_path[0].count, 0 };
			gfp_direct[g] = (struct gfp_direct){ NULL, &no_pcpo[0].lists[0][0], 0, 0,
							     0 };
			continue;
		}
		z = &zones[*zl];
		gfp_direct[g] = (struct gfp_direct){ z, &z->pcpo[0].lists[gfp_migratetype(g)][0],
						     z->wmark_level[gfp_alloc_flags(g)],
						     (uint8_t)gfp_migratetype(g),
						     (uint8_t)gfp_alloc_flags(g) };
		gfp_fast[g] = (struct gfp_fast){
			.list = &z->pcp[0].lists[gfp_migratetype(g)],
			.nr_free = &z->nr_free,
			.pcp_count = &z->pcp[0].count,
			.level = z->wmark_level[gfp_alloc_flags(g)],
		};
	}
	for (unsigned f = 0; f < 16; f++) {
		unsigned zt = f & PG_ZONE_MASK, mt = (f & PG_MT_MASK) >> PG_MT_SHIFT;

		if (zt < MAX_NR_ZONES && mt < MIGRATE_TYPES)
			pcpo_home[f] = &zones[zt].pcpo[0].lists[mt][0];
		if (zt < MAX_NR_ZONES && mt < MIGRATE_TYPES)
			pcp_home[f] = (struct pcp_home){
				.list = &zones[zt].pcp[0].lists[mt],
				.pcp_count = &zones[zt].pcp[0].count,
				.high = zones[zt].pcp[0].high,
				.zone = &zones[zt],
			};
	}
	/*
	 * Fault injection armed: every allocation to alloc_pages_caller(),
	 * which asks should_fail_alloc_page(), by the fast paths' own checks
	 * (no watermark level is met, no first zone, an empty order hot list),
	 * so that they pay nothing for it when it is off.
	 */
	if (unlikely(fail_page_alloc_armed))
		for (unsigned g = 0; g <= GFP_FAST_BITS; g++) {
			gfp_fast[g].level = ~0u;
			gfp_direct[g].zone = NULL;
			gfp_direct[g].pcpo = &no_pcpo[0].lists[0][0];
		}
}

/*
 * What the inline alloc_pages() could not serve: any order above 0, an
 * empty hot list, __GFP_ZERO. A well-formed request goes straight to the
 * zones; a misuse, a failure (the drain and retry, the warning) and zeroing
 * take alloc_pages_caller(), which checks and reports everything.
 */
/*
 * A well-formed request without __GFP_ZERO, from the first zone of its zone
 * list: what try_zones() would try first, without walking the list. NULL
 * sends the caller to alloc_pages_caller(), which walks every zone, drains,
 * retries, warns and zeroes.
 */
static inline struct page *alloc_pages_direct(gfp_t gfp, unsigned order)
{
	if (likely(order <= MAX_PAGE_ORDER && !(gfp & (__GFP_ZERO | ~__GFP_BITS_MASK)))) {
		const struct gfp_direct *d = &gfp_direct[gfp & GFP_FAST_BITS];

		if (likely(d->zone))
			return zone_alloc(d->zone, order, d->mt, d->alloc_flags);
	}
	return NULL;
}

/*
 * The fast path of orders 1..PCP_MAX_ORDER (the caller checked the order
 * and that gfp is well formed without __GFP_ZERO): a block off this CPU's
 * hot list of the first zone of gfp's list, or NULL (an empty list, the
 * watermark, no zone: zone_alloc() and the checked path decide).
 */
static inline struct page *alloc_pages_pcpo(gfp_t gfp, unsigned order)
{
	const struct gfp_direct *d = &gfp_direct[gfp & GFP_FAST_BITS];
	uint32_t flags = local_irq_save();
	struct page *p = pcpo_pop(d->zone, pcpo_this(d->pcpo + (order - 1)), order, d->level);

	local_irq_restore(flags);
	return p;
}

/* alloc_pages_slow() for alloc_pages_order(), which passes its own caller. */
static struct page *__attribute__((noinline))
alloc_pages_other(gfp_t gfp, unsigned order, void *caller)
{
	struct page *p = alloc_pages_direct(gfp, order);

	if (likely(p))
		return p;
	return alloc_pages_caller(gfp, order, caller);
}

static void (*kswapd_wakeup)(void);

void set_kswapd_wakeup(void (*fn)(void))
{
	kswapd_wakeup = fn;
}

bool free_below_watermark(bool high)
{
	uint32_t free = 0, mark = 0;

	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		free += READ_ONCE(zones[i].nr_free);
		mark += high ? zones[i].wmark_high : zones[i].wmark_low;
	}
	return free < mark;
}

/*
 * Here once per hot list refill, and when the watermark is near: the
 * place to see the free pages fall below the low watermark and wake the
 * reclaim thread, off the inline fast path.
 */
struct page *alloc_pages_slow(gfp_t gfp, unsigned order)
{
	struct page *p = alloc_pages_direct(gfp, order);

	if (unlikely(kswapd_wakeup) && free_below_watermark(false))
		kswapd_wakeup();
	if (likely(p))
		return p;
	return alloc_pages_caller(gfp, order, __builtin_return_address(0));
}

struct page *alloc_pages_order(gfp_t gfp, unsigned order)
{
	if (likely(order - 1 < PCP_MAX_ORDER && !(gfp & (__GFP_ZERO | ~__GFP_BITS_MASK)))) {
		struct page *p = alloc_pages_pcpo(gfp, order);

		if (likely(p))
			return p;
	}
	return alloc_pages_other(gfp, order, __builtin_return_address(0));
}

static void report_bad_free(const char *what, const struct page *page, unsigned order, void *caller)
{
	char flags[64];

	vm_stats.misuse++;
	printk("BUG: bad page free: %s: pfn %#x (pa %#x), order %u, flags %#x(%s), caller %pS\n",
	       what, page_to_pfn(page), page_to_phys(page), order, page->flags,
	       page_flags_describe(page->flags, flags, sizeof(flags)), caller);
}

/* Why is this page not the head of a live allocation? */
static const char *explain_not_head(const struct page *page)
{
	uint32_t pfn = page_to_pfn(page);

	for (unsigned o = 1; o < NR_PAGE_ORDERS; o++) {
		uint32_t head_pfn = pfn & ~((1u << o) - 1);
		const struct page *head;

		if (!pfn_valid(head_pfn))
			break;
		head = pfn_to_page(head_pfn);
		if (page_order(head) >= o && (head->flags & PG_buddy))
			return "double free (inside a free block)";
		if (page_order(head) >= o && (head->flags & PG_head))
			return "not the first page of its allocation";
	}
	return "page was never allocated";
}

/* Checks every way a free can be wrong; frees the block when it is right. */
static void free_pages_caller(struct page *page, unsigned order, void *caller)
{
	uint32_t f;

	if (unlikely(!page)) {
		vm_stats.misuse++;
		printk("BUG: bad page free: NULL page, order %u, caller %pS\n", order, caller);
		return;
	}
	if (unlikely(page < mem_map || page >= mem_map + (max_pfn - mem_map_pfn) ||
		     ((uintptr_t)page - (uintptr_t)mem_map) % sizeof(struct page))) {
		vm_stats.misuse++;
		printk("BUG: bad page free: %p is not a struct page, caller %pS\n", page, caller);
		return;
	}
	f = page->flags;
	if (order > MAX_PAGE_ORDER)
		report_bad_free("order above MAX_PAGE_ORDER", page, order, caller);
	else if (f & PG_reserved)
		report_bad_free("page is reserved", page, order, caller);
	else if (f & (PG_buddy | PG_pcp))
		report_bad_free("double free", page, order, caller);
	else if (f & PG_slab)
		report_bad_free("page belongs to a slab cache", page, order, caller);
	else if (f & PG_kmalloc)
		report_bad_free("page is a kmalloc() allocation: use kfree()", page, order, caller);
	else if (!(f & PG_head))
		report_bad_free(explain_not_head(page), page, order, caller);
	else if (page_order(page) != order) {
		char why[64];

		snprintf(why, sizeof(why), "freed with order %u, allocated with order %u", order,
			 page_order(page));
		report_bad_free(why, page, order, caller);
	} else {
		zone_free(&zones[page_zonenum(page)], page, order);
	}
}

/*
 * What the inline __free_pages() did not take: a block of order above 0,
 * or a misuse. A page that is the head of a live allocation of this order
 * (the checks of free_pages_caller() in one mask test) goes straight to its
 * zone; anything else to free_pages_caller(), which tells what is wrong.
 */
static inline bool free_pages_direct(struct page *page, unsigned order)
{
	uint32_t f;

	if (likely(page_alloc_head(page, order, &f))) {
		if (likely(order - 1 < PCP_MAX_ORDER)) {
			/* This CPU's hot list of the block's zone, type and order. */
			uint32_t flags = local_irq_save();

			pcpo_push(
				&zones[f & PG_ZONE_MASK],
				pcpo_this(pcpo_home[f & (PG_ZONE_MASK | PG_MT_MASK)] + (order - 1)),
				page, order, f);
			local_irq_restore(flags);
		} else {
			zone_free(&zones[f & PG_ZONE_MASK], page, order);
		}
		return true;
	}
	return false;
}

void free_pages_slow(struct page *page, unsigned order)
{
	if (likely(free_pages_direct(page, order)))
		return;
	free_pages_caller(page, order, __builtin_return_address(0));
}

unsigned alloc_pages_bulk(gfp_t gfp, unsigned nr, struct page **pages)
{
	const uint8_t *zl = gfp_zonelist(gfp);
	unsigned mt = gfp_migratetype(gfp), flags = gfp_alloc_flags(gfp), got = 0;

	if (unlikely((gfp & (__GFP_ZERO | ~__GFP_BITS_MASK)) || fail_page_alloc_armed))
		goto one_by_one;
	for (; *zl != MAX_NR_ZONES && got < nr; zl++)
		if (zones[*zl].managed)
			got += zone_alloc_bulk(&zones[*zl], mt, flags, nr - got, pages + got);
one_by_one:
	/* The zones are at their watermarks: the slow path drains, retries and warns. */
	for (; got < nr; got++) {
		pages[got] = alloc_pages_caller(gfp, 0, __builtin_return_address(0));
		if (!pages[got])
			break;
	}
	return got;
}

void free_pages_bulk(struct page **pages, unsigned nr)
{
	for (unsigned i = 0; i < nr;) {
		struct page *p = pages[i];
		unsigned run = 1;
		struct per_cpu_pages *pcp;
		struct zone *z;
		uint32_t f, flags;

		if (unlikely(!page_order0_head(p, &f))) {
			free_pages_caller(p, 0, __builtin_return_address(0)); /* reports */
			i++;
			continue;
		}
		z = &zones[f & PG_ZONE_MASK];
		flags = local_irq_save();
		pcp = this_pcp(z);
		if (pcp->count < pcp->high) {
			/* pcp_free_fast() without its spill: the count stays at most high. */
			p->flags = (f & (PG_ZONE_MASK | PG_MT_MASK)) | PG_pcp;
			list_add(&p->lru, &pcp->lists[(f & PG_MT_MASK) >> PG_MT_SHIFT]);
			pcp->count++;
			local_irq_restore(flags);
			i++;
			continue;
		}
		local_irq_restore(flags);
		/*
		 * The hot list is full: straight to the buddy lists, as a spill
		 * would put them, taking the pages that follow p in memory as
		 * well as in the array (alloc_pages_bulk hands out split blocks
		 * in order) as whole blocks.
		 */
		while (i + run < nr && pages[i + run] == p + run && page_order0_head(p + run, &f) &&
		       (f & PG_ZONE_MASK) == page_zonenum(p))
			run++;
		zone_free_run(z, p, run);
		i += run;
	}
}

/* What the inline __get_free_pages() does not serve: checked, reported. */
uintptr_t get_free_pages_slow(gfp_t gfp, unsigned order)
{
	void *caller = __builtin_return_address(0);
	struct page *p;

	if (gfp & __GFP_HIGHMEM) { /* no address to give for a highmem page */
		vm_stats.misuse++;
		warn_alloc(gfp, order, "__GFP_HIGHMEM has no kernel address", caller);
		return 0;
	}
	p = alloc_pages_direct(gfp, order);
	if (likely(p))
		return lowmem_page_address(p);
	p = alloc_pages_caller(gfp, order, caller);
	return p ? (uintptr_t)page_address(p) : 0;
}

uintptr_t get_zeroed_page(gfp_t gfp)
{
	struct page *p;

	if (gfp & __GFP_HIGHMEM) {
		vm_stats.misuse++;
		warn_alloc(gfp, 0, "__GFP_HIGHMEM has no kernel address",
			   __builtin_return_address(0));
		return 0;
	}
	p = alloc_pages_caller(gfp | __GFP_ZERO, 0, __builtin_return_address(0));
	return p ? (uintptr_t)page_address(p) : 0;
}

/* What the inline free_pages() does not take: checked, reported. */
void free_pages_addr_slow(uintptr_t addr, unsigned order)
{
	struct page *page;

	if (likely(lowmem_page_lookup((void *)addr, &page) && free_pages_direct(page, order)))
		return;
	if (addr)
		free_pages_caller(virt_to_page((void *)addr), order, __builtin_return_address(0));
}

static uint32_t int_sqrt(uint32_t x)
{
	uint32_t r = 0;

	for (uint32_t bit = 1u << 30; bit; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

void setup_zone_watermarks(void)
{
	uint32_t lowmem_pages = zones[ZONE_DMA].managed + zones[ZONE_NORMAL].managed;
	uint32_t min_kb = min(max(int_sqrt(lowmem_pages * 4 * 16), 128u), 65536u);

	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &zones[i];

		if (i == ZONE_HIGHMEM)
			zone_set_watermarks(z, min(32u, z->managed / 4));
		else if (lowmem_pages)
			zone_set_watermarks(
				z, (uint32_t)((uint64_t)min_kb / 4 * z->managed / lowmem_pages));
	}
}

/* Drain the running CPU's hot lists of every zone (a cross call's function). */
static void drain_local_pages(void *unused)
{
	(void)unused;
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		if (zones[i].managed)
			zone_drain_pcp(&zones[i]);
}

/* The other online CPUs whose hot lists hold pages of some zone (a snapshot). */
static uint32_t cpus_with_pcps(unsigned self)
{
	uint32_t others = cpu_online_mask() & ~(1u << self), mask = 0;

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(others & (1u << cpu)))
			continue;
		for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
			if (zones[i].managed && zone_cpu_pcp_count(&zones[i], cpu)) {
				mask |= 1u << cpu;
				break;
			}
		}
	}
	return mask;
}

/*
 * Every CPU drains its own hot lists: a hot list is touched by its CPU
 * alone, without the zone lock, so another CPU cannot take pages off it.
 * The others are asked by a cross call (waited for), which must not be
 * made with interrupts masked or from a handler (two CPUs would wait for
 * each other, include/smp.h): there only the running CPU's lists are drained.
 *
 * Only CPUs whose lists hold pages are asked, as Linux does: when memory is
 * short every failing allocation drains, and after the first drain the
 * lists are empty, so a run of failures costs no cross calls (a 16 MB
 * boot's buddy stress made 300000 of them, most of its 80 s under QEMU).
 * A page another CPU frees after the look is not drained: best effort.
 */
void drain_all_pages(void)
{
	unsigned self = smp_processor_id();
	uint32_t others;

	drain_local_pages(NULL);
	if (irqs_disabled() || in_irq())
		return;
	others = cpus_with_pcps(self);
	if (others)
		smp_call_function_many(others, drain_local_pages, NULL, true);
}

uint32_t zone_nr_free(enum zone_type zt)
{
	return zone_free_pages(&zones[zt]);
}

uint32_t nr_free_pages(void)
{
	uint32_t n = 0;

	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		n += zone_free_pages(&zones[i]);
	return n;
}

void buddyinfo_get(enum zone_type zt, uint32_t counts[NR_PAGE_ORDERS])
{
	const struct zone *z = &zones[zt];

	for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
		counts[o] = z->area[o].nr_free;
	/* Blocks on the hot lists count as free blocks of their order. */
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		counts[0] += READ_ONCE(z->pcp[cpu].count);
		for (unsigned o = 1; o <= PCP_MAX_ORDER; o++)
			counts[o] += pcpo_blocks(&z->pcpo[cpu], o);
	}
}

unsigned buddy_check(void)
{
	unsigned problems = 0;

	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		if (zones[i].spanned)
			problems += zone_check(&zones[i]);
	return problems;
}

const char *zone_name(enum zone_type zt)
{
	return zone_names[zt];
}

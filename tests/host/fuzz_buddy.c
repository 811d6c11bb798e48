/*
 * Fuzz target for the page allocator (mm/buddy): the input is a program of
 * allocator calls, run against a fresh host allocator (buddy_env.c) and
 * held against what must be true after each call.
 *
 * Input: six bytes choose the layout (zone sizes, a reserved range) and the
 * watermarks; then each operation is an opcode byte and its arguments:
 * allocate (alloc_pages, __get_free_pages or get_zeroed_page, an order
 * 0..11 and any GFP bits), a burst of allocations until one fails, free a
 * live block or a burst of them (__free_pages or free_pages), a misuse
 * (double free, wrong order, tail page, reserved or random page, NULL, a
 * pointer outside mem_map), drain_all_pages(), buddy_check().
 *
 * Checked (a failure prints what and aborts: libFuzzer saves the input):
 *   - an allocation is naturally aligned, in a zone its GFP flags allow and
 *     no earlier zone of the zonelist could have served, overlaps no live
 *     block, has head flags (zone, migrate type, order), leaves its zone at
 *     or above the watermark level of its flags, and is zeroed with
 *     __GFP_ZERO; a failed one could not have been served by any zone;
 *   - vm_stats counts failures, warnings and retries as the flags say;
 *   - nr_free_pages() is always the start figure minus the live pages, and
 *     no hot list grows past high + a batch per migrate type;
 *   - a live block's memory marks survive until it is freed;
 *   - a misuse is counted once, printed, and changes nothing (snapshot);
 *   - buddy_check() finds nothing every CHECK_EVERY operations and at the
 *     end; once everything is freed and drained, each zone's buddyinfo is
 *     back to its starting figures.
 *
 * Builds: `make fuzz` links it with libFuzzer (clang). With
 * -DFUZZ_STANDALONE the main() of fuzz_main.c runs FUZZ_RUNS pseudo-random
 * inputs from a fixed seed (`make test-host`), or replays the files named
 * on its command line (e.g. a crash file libFuzzer saved).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_env.h"
#include "fuzz_main.h"
#include "host_printk.h"
#include "printk.h"

#define LIVE_MAX    8192
#define STALE_MAX   16
#define CHECK_EVERY 32

struct block {
	struct page *page;
	unsigned order;
};

static struct {
	unsigned op; /* operations done */
	struct block live[LIVE_MAX];
	unsigned nr_live;
	uint32_t live_pages;
	uint8_t *head_order;           /* per PFN: 1 + order of a live head, else 0 */
	uint8_t *owned;                /* per PFN: inside a live block */
	struct block stale[STALE_MAX]; /* recently freed, for double frees */
	unsigned nr_stale;
	uint32_t reserved_start, reserved_count;
	uint32_t start_free, misuse;
	uint32_t start_info[MAX_NR_ZONES][NR_PAGE_ORDERS];
} st;

/* Totals over all inputs, for the standalone driver's summary (fuzz_main.c). */
static struct {
	unsigned long allocs, failed, frees, misuse;
} totals;

/* A failed check prints what, then the kernel log of the operation, and aborts. */
#define EXPECT(cond, ...)                              \
	do {                                           \
		if (!(cond))                           \
			fuzz_fail(st.op, __VA_ARGS__); \
	} while (0)

static unsigned byte(void)
{
	return fuzz_byte();
}

/* ---- the model of GFP flags (written out, not taken from page_alloc.c) ---- */

static const uint8_t *zonelist(gfp_t gfp)
{
	static const uint8_t kernel[] = { ZONE_NORMAL, ZONE_DMA, MAX_NR_ZONES };
	static const uint8_t dma[] = { ZONE_DMA, MAX_NR_ZONES };
	static const uint8_t high[] = { ZONE_HIGHMEM, ZONE_NORMAL, ZONE_DMA, MAX_NR_ZONES };

	return gfp & __GFP_DMA ? dma : gfp & __GFP_HIGHMEM ? high : kernel;
}

static unsigned migratetype(gfp_t gfp)
{
	if (gfp & __GFP_MOVABLE)
		return MIGRATE_MOVABLE;
	return gfp & __GFP_RECLAIMABLE ? MIGRATE_RECLAIMABLE : MIGRATE_UNMOVABLE;
}

/* How low the zone's free pages may go for these flags. */
static uint32_t reserve_level(const struct zone *z, gfp_t gfp)
{
	if (gfp & __GFP_ATOMIC)
		return z->wmark_min / 4;
	return gfp & __GFP_HIGH ? z->wmark_min / 2 : z->wmark_min;
}

/* Could the zone hand out this block now, as zone_alloc() is specified? */
static bool could_serve(const struct zone *z, unsigned order, gfp_t gfp)
{
	uint32_t free = zone_free_pages(z); /* the hot lists of every order count as free */

	if (!z->managed || free < (1u << order) || free - (1u << order) < reserve_level(z, gfp))
		return false;
	if (order == 0)
		return z->nr_free || !list_empty(&z->pcp[0].lists[migratetype(gfp)]);
	/* Blocks parked on the hot lists of other orders or types serve only after a drain. */
	if (order <= PCP_MAX_ORDER && z->pcpo[0].lists[migratetype(gfp)][order - 1].count)
		return true;
	for (unsigned o = order; o < NR_PAGE_ORDERS; o++)
		if (z->area[o].nr_free)
			return true;
	return false;
}

/* ---- marks: the first and last word of every page of a live block ---- */

static void mark(const struct block *b, bool set)
{
	for (uint32_t i = 0; i < (1u << b->order); i++) {
		uint32_t pfn = page_to_pfn(b->page + i), *w = buddy_env_page_mem(b->page + i);

		if (set) {
			w[0] = pfn ^ 0x5a5a0000u;
			w[BUDDY_ENV_PAGE_SIZE / 4 - 1] = ~pfn;
		} else {
			EXPECT(w[0] == (pfn ^ 0x5a5a0000u) &&
				       w[BUDDY_ENV_PAGE_SIZE / 4 - 1] == ~pfn,
			       "pfn %#x of a live order-%u block was written to", pfn, b->order);
		}
	}
}

static void expect_zeroed(const struct block *b)
{
	for (uint32_t i = 0; i < (1u << b->order); i++) {
		const uint32_t *w = buddy_env_page_mem(b->page + i);

		EXPECT(!w[0] && !w[BUDDY_ENV_PAGE_SIZE / 4 - 1],
		       "pfn %#x of a __GFP_ZERO block is not zeroed", page_to_pfn(b->page + i));
	}
}

/*
 * After every operation: no page lost or gained, and no hot list past high
 * plus one refill batch per migrate type (frees spill above high, but each
 * type's list refills a batch when it runs empty).
 */
static void expect_free_pages(void)
{
	EXPECT(nr_free_pages() == st.start_free - st.live_pages,
	       "%u pages free, want %u (%u at the start, %u live)", nr_free_pages(),
	       st.start_free - st.live_pages, st.start_free, st.live_pages);
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		EXPECT(zones[i].pcp[0].count <=
			       zones[i].pcp[0].high + MIGRATE_TYPES * zones[i].pcp[0].batch,
		       "zone %s holds %u hot pages (high %u, batch %u)", zone_name(i),
		       zones[i].pcp[0].count, zones[i].pcp[0].high, zones[i].pcp[0].batch);
		/* A list of order o spills past its high mark; a refill fills an empty one. */
		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
			for (unsigned o = 1; o <= PCP_MAX_ORDER; o++)
				EXPECT(zones[i].pcpo[0].lists[mt][o - 1].count <=
					       max(pcp_order_high(o), pcp_order_batch(o)),
				       "zone %s holds %u order-%u hot blocks of type %u",
				       zone_name(i), zones[i].pcpo[0].lists[mt][o - 1].count, o,
				       mt);
	}
}

/* ---- allocation ---- */

enum alloc_api {
	API_ALLOC_PAGES,
	API_GET_FREE_PAGES,
	API_GET_ZEROED_PAGE
};

/* A misused allocation: NULL, counted, warned unless __GFP_NOWARN, nothing changed. */
static void alloc_misuse(gfp_t gfp, unsigned order, enum alloc_api api)
{
	struct buddy_snapshot *s = buddy_snapshot_take();
	struct vm_stats was = vm_stats;
	const char *diff;
	bool got;

	if (api == API_ALLOC_PAGES)
		got = alloc_pages(gfp, order) != NULL;
	else if (api == API_GET_FREE_PAGES)
		got = __get_free_pages(gfp, order) != 0;
	else
		got = get_zeroed_page(gfp) != 0;
	diff = buddy_snapshot_diff(s);
	buddy_snapshot_free(s);
	EXPECT(!got, "misused allocation (gfp %#x order %u api %u) succeeded", gfp, order, api);
	EXPECT(!diff, "misused allocation (gfp %#x order %u) changed the allocator: %s", gfp, order,
	       diff);
	EXPECT(vm_stats.misuse == was.misuse + 1 &&
		       vm_stats.alloc_failures == was.alloc_failures + 1,
	       "misused allocation (gfp %#x order %u): misuse %u -> %u, failures %u -> %u", gfp,
	       order, was.misuse, vm_stats.misuse, was.alloc_failures, vm_stats.alloc_failures);
	EXPECT(vm_stats.alloc_warnings == was.alloc_warnings + !(gfp & __GFP_NOWARN) &&
		       !strstr(host_printk_output(), "page allocation failure") ==
			       !!(gfp & __GFP_NOWARN),
	       "misused allocation (gfp %#x): warnings %u -> %u", gfp, was.alloc_warnings,
	       vm_stats.alloc_warnings);
	st.misuse++;
	totals.misuse++;
}

static void check_failure(gfp_t gfp, unsigned order, const struct vm_stats *was)
{
	bool retried = (gfp & __GFP_RECLAIM) && !(gfp & __GFP_NORETRY);

	for (const uint8_t *zl = zonelist(gfp); *zl != MAX_NR_ZONES; zl++)
		EXPECT(!could_serve(&zones[*zl], order, gfp),
		       "gfp %#x order %u failed, but zone %s could serve it", gfp, order,
		       zone_name(*zl));
	EXPECT(vm_stats.alloc_failures == was->alloc_failures + 1 &&
		       vm_stats.alloc_warnings == was->alloc_warnings + !(gfp & __GFP_NOWARN) &&
		       vm_stats.retries == was->retries + retried && vm_stats.misuse == was->misuse,
	       "gfp %#x order %u failed: failures %u -> %u, warnings %u -> %u, retries %u -> %u",
	       gfp, order, was->alloc_failures, vm_stats.alloc_failures, was->alloc_warnings,
	       vm_stats.alloc_warnings, was->retries, vm_stats.retries);
	for (unsigned i = 0; retried && i < MAX_NR_ZONES; i++)
		EXPECT(!zones[i].pcp[0].count && !pcpo_pages(&zones[i].pcpo[0]),
		       "zone %s keeps %u + %u hot pages after a drain", zone_name(i),
		       zones[i].pcp[0].count, pcpo_pages(&zones[i].pcpo[0]));
	totals.failed++;
}

static void check_success(gfp_t gfp, const struct block *b, const struct vm_stats *was)
{
	uint32_t pfn = page_to_pfn(b->page), want;
	unsigned zt = page_zonenum(b->page);
	const struct zone *z = &zones[zt];
	const uint8_t *zl = zonelist(gfp);

	EXPECT(pfn_valid(pfn) && pfn_valid(pfn + (1u << b->order) - 1),
	       "gfp %#x order %u: pfn %#x outside mem_map", gfp, b->order, pfn);
	EXPECT(!(pfn & ((1u << b->order) - 1)), "order-%u block at pfn %#x is misaligned", b->order,
	       pfn);
	EXPECT(zone_spans_pfn(z, pfn) && zone_spans_pfn(z, pfn + (1u << b->order) - 1),
	       "order-%u block at pfn %#x is not inside zone %s", b->order, pfn, zone_name(zt));
	for (; *zl != zt; zl++) {
		EXPECT(*zl != MAX_NR_ZONES, "gfp %#x got a page of zone %s", gfp, zone_name(zt));
		EXPECT(!could_serve(&zones[*zl], b->order, gfp),
		       "gfp %#x order %u came from %s, but %s could serve it", gfp, b->order,
		       zone_name(zt), zone_name(*zl));
	}
	want = zt | migratetype(gfp) << PG_MT_SHIFT | PG_head | b->order << PG_ORDER_SHIFT;
	EXPECT(b->page->flags == want, "pfn %#x allocated with flags %#x, want %#x", pfn,
	       b->page->flags, want);
	EXPECT(zone_free_pages(z) >= reserve_level(z, gfp),
	       "gfp %#x left zone %s with %u free pages, below its level %u", gfp, zone_name(zt),
	       zone_free_pages(z), reserve_level(z, gfp));
	EXPECT(vm_stats.misuse == was->misuse && vm_stats.alloc_failures == was->alloc_failures,
	       "a successful allocation counted a misuse or a failure");
	EXPECT((page_address(b->page) == NULL) == (zt == ZONE_HIGHMEM), "page_address wrong");
	for (uint32_t i = 0; i < (1u << b->order); i++) {
		uint32_t at = pfn - mem_map_pfn + i;

		EXPECT(!st.owned[at], "pfn %#x handed out twice", pfn + i);
		st.owned[at] = 1;
	}
	st.head_order[pfn - mem_map_pfn] = (uint8_t)(b->order + 1);
	if (gfp & __GFP_ZERO)
		expect_zeroed(b);
	mark(b, true);
	st.live[st.nr_live++] = *b;
	st.live_pages += 1u << b->order;
	totals.allocs++;
}

/* One allocation; returns whether it succeeded. */
static bool do_alloc(gfp_t gfp, unsigned order, enum alloc_api api)
{
	struct vm_stats was = vm_stats;
	struct block b = { NULL, order };
	uintptr_t addr;

	if (api != API_ALLOC_PAGES && (gfp & __GFP_HIGHMEM)) {
		alloc_misuse(gfp, order, api);
		return false;
	}
	if (api == API_GET_ZEROED_PAGE)
		order = b.order = 0;
	if (order > MAX_PAGE_ORDER || (gfp & ~__GFP_BITS_MASK)) {
		alloc_misuse(gfp, order, api);
		return false;
	}
	if (st.nr_live == LIVE_MAX)
		return false;
	if (api == API_ALLOC_PAGES) {
		b.page = alloc_pages(gfp, order);
	} else {
		addr = api == API_GET_FREE_PAGES ? __get_free_pages(gfp, order)
						 : get_zeroed_page(gfp);
		if (addr) {
			b.page = virt_to_page((void *)addr);
			EXPECT(page_address(b.page) == (void *)addr,
			       "page_address(virt_to_page(%#lx)) differs", (unsigned long)addr);
		}
		if (api == API_GET_ZEROED_PAGE)
			gfp |= __GFP_ZERO;
	}
	if (b.page)
		check_success(gfp, &b, &was);
	else
		check_failure(gfp, order, &was);
	expect_free_pages();
	return b.page != NULL;
}

static void op_alloc(bool burst)
{
	unsigned o = byte(), g = byte(), h = byte();
	unsigned order = (o & 15) <= 11 ? o & 15 : (o & 15) - 12; /* 11: a misuse; 12..15: small */
	gfp_t gfp = (g | (h & 7) << 8) & __GFP_BITS_MASK;
	enum alloc_api api = (h >> 3) & 3;

	if ((h >> 5) == 7) /* an unknown bit, inside the mask's span or above */
		gfp |= o & 16 ? 0x1000 : ~__GFP_BITS_MASK & 0x7ff;
	if (api > API_GET_ZEROED_PAGE)
		api = API_ALLOC_PAGES;
	if (!burst) {
		do_alloc(gfp, order, api);
		return;
	}
	for (unsigned n = 0; n < 1024u && do_alloc(gfp, order, api); n++)
		;
}

/* ---- free ---- */

static void remember_stale(struct block b)
{
	st.stale[st.nr_stale++ % STALE_MAX] = b;
}

/* Free live block i, checking its marks first. */
static void free_live(unsigned i, bool by_address)
{
	struct block b = st.live[i];
	uint32_t free_before = nr_free_pages(), misuse = vm_stats.misuse, at;

	st.live[i] = st.live[--st.nr_live];
	mark(&b, false);
	at = page_to_pfn(b.page) - mem_map_pfn;
	st.head_order[at] = 0;
	memset(st.owned + at, 0, 1u << b.order);
	st.live_pages -= 1u << b.order;
	if (by_address && !PageHighMem(b.page))
		free_pages((uintptr_t)page_address(b.page), b.order);
	else
		__free_pages(b.page, b.order);
	EXPECT(vm_stats.misuse == misuse,
	       "freeing a live order-%u block at pfn %#x was called misuse", b.order,
	       page_to_pfn(b.page));
	EXPECT(!(b.page->flags & PG_head), "pfn %#x still flagged allocated after the free",
	       page_to_pfn(b.page));
	EXPECT(nr_free_pages() == free_before + (1u << b.order), "freeing order %u: %u -> %u free",
	       b.order, free_before, nr_free_pages());
	remember_stale(b);
	totals.frees++;
}

/* Free one live block, or a burst of up to 32 << n of them (hot-list spills). */
static void op_free(bool burst)
{
	unsigned sel = byte() | byte() << 8;
	unsigned n = burst ? 32u << (sel >> 13) : 1;

	for (unsigned i = 0; i < n && st.nr_live; i++)
		free_live((sel + i * 7919u) % st.nr_live, sel & 0x1000);
}

/* ---- misuse ---- */

/* Free (page, order) when the model says it is not a live block of that order. */
static void bad_free(struct page *page, unsigned order, bool by_address)
{
	struct buddy_snapshot *s;
	uint32_t misuse = vm_stats.misuse;
	const char *diff;

	uintptr_t off = (uintptr_t)page - (uintptr_t)mem_map;

	if (off < (uintptr_t)buddy_env_nr_pages() * sizeof(struct page) &&
	    off % sizeof(struct page) == 0 && st.head_order[off / sizeof(struct page)] == order + 1)
		return; /* a valid free: not this operation's business */
	s = buddy_snapshot_take();
	if (by_address)
		free_pages((uintptr_t)page_address(page), order);
	else
		__free_pages(page, order);
	diff = buddy_snapshot_diff(s);
	buddy_snapshot_free(s);
	EXPECT(!diff, "bad free of %p order %u changed the allocator: %s", (void *)page, order,
	       diff);
	EXPECT(vm_stats.misuse == misuse + 1, "bad free of %p order %u: misuse %u -> %u",
	       (void *)page, order, misuse, vm_stats.misuse);
	EXPECT(strstr(host_printk_output(), "BUG: bad page free"),
	       "bad free of %p order %u not reported", (void *)page, order);
	st.misuse++;
	totals.misuse++;
}

static void op_misuse(void)
{
	unsigned kind = byte() % 8, a = byte() | byte() << 8, order = byte() % 13;
	uint32_t n = buddy_env_nr_pages();
	const struct block *b = st.nr_live ? &st.live[a % st.nr_live] : NULL;

	switch (kind) {
	case 0: /* any page, any order */ bad_free(mem_map + a % n, order, false); break;
	case 1: /* a tail page of a live block */
		if (b && b->order)
			bad_free(b->page + 1 + order % ((1u << b->order) - 1), order % 11, false);
		break;
	case 2: /* a double free (unless reallocated since) */
		if (st.nr_stale) {
			const struct block *s =
				&st.stale[a % min(st.nr_stale, (unsigned)STALE_MAX)];

			bad_free(s->page, s->order, false);
		}
		break;
	case 3: /* a live block with the wrong order */
		if (b)
			bad_free(b->page, (b->order + 1 + order % 11) % 12, false);
		break;
	case 4: bad_free(NULL, order, false); break;
	case 5: { /* not a struct page of mem_map */
		char *base = (char *)mem_map;

		if (a & 1)
			bad_free((struct page *)(base - sizeof(struct page) * (1 + a % 64)), 0,
				 false);
		else if (a & 2)
			bad_free((struct page *)(base + sizeof(struct page) * (n + a % 64)), 0,
				 false);
		else
			bad_free((struct page *)(base + sizeof(struct page) * (a % n) + 1 +
						 a % (sizeof(struct page) - 1)),
				 0, false);
		break;
	}
	case 6: /* a reserved page */
		if (st.reserved_count)
			bad_free(mem_map + st.reserved_start + a % st.reserved_count, order % 11,
				 false);
		break;
	case 7: { /* by address: a lowmem page */
		uint32_t low = max_low_pfn - mem_map_pfn;

		bad_free(mem_map + a % low, order % 11, true);
		break;
	}
	}
}

/* ---- one input ---- */

static void setup(void)
{
	unsigned b0 = byte(), b1 = byte(), b2 = byte(), b3 = byte(), b4 = byte(), b5 = byte();
	struct buddy_env_layout l = {
		.dma_pages = 128 * (b0 % 13),
		.normal_pages = 128 * (1 + b1 % 24),
		.highmem_pages = 128 * (b2 % 9),
	};
	uint32_t total = l.dma_pages + l.normal_pages + l.highmem_pages;
	uint32_t wm = b5 % 4;

	st.reserved_start = (b3 * 37u) % total;
	st.reserved_count = min(b4 % 48u, total - st.reserved_start);
	if (st.reserved_count) {
		l.reserved[0].start = st.reserved_start;
		l.reserved[0].count = st.reserved_count;
		l.nr_reserved = 1;
	}
	buddy_env_init(&l);
	if (wm >= 2) { /* none, or a heavy 1/8 of each zone */
		for (unsigned i = 0; i < MAX_NR_ZONES; i++)
			zone_set_watermarks(&zones[i], wm == 2 ? 0 : zones[i].managed / 8);
		page_alloc_init_fast();
	}
	free(st.head_order);
	free(st.owned);
	st.head_order = calloc(total, 1);
	st.owned = calloc(total, 1);
	if (!st.head_order || !st.owned)
		abort();
	st.nr_live = st.nr_stale = 0;
	st.live_pages = st.misuse = 0;
	st.op = 0;
	st.start_free = nr_free_pages();
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		buddyinfo_get(i, st.start_info[i]);
	EXPECT(buddy_check() == 0, "a fresh allocator fails buddy_check()");
}

static void finish(void)
{
	while (st.nr_live)
		free_live(st.nr_live - 1, false);
	drain_all_pages();
	EXPECT(buddy_check() == 0, "buddy_check() after freeing everything");
	EXPECT(nr_free_pages() == st.start_free,
	       "%u pages free after freeing everything, %u at the start", nr_free_pages(),
	       st.start_free);
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		uint32_t now[NR_PAGE_ORDERS];

		buddyinfo_get(i, now);
		for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
			EXPECT(now[o] == st.start_info[i][o],
			       "zone %s order %u: %u free blocks, %u at the start", zone_name(i), o,
			       now[o], st.start_info[i][o]);
	}
	EXPECT(vm_stats.misuse == st.misuse, "vm_stats.misuse %u, %u misuses made", vm_stats.misuse,
	       st.misuse);
}

/* One operation: fuzz_main.c runs them until the input ends. */
static void step(void)
{
	unsigned op = byte() % 16;

	if (op < 6)
		op_alloc(false);
	else if (op < 7)
		op_alloc(true);
	else if (op < 11)
		op_free(false);
	else if (op < 12)
		op_free(true);
	else if (op < 14)
		op_misuse();
	else if (op < 15)
		drain_all_pages();
	else
		EXPECT(buddy_check() == 0, "buddy_check() found problems");
	st.op++;
	expect_free_pages();
	if (st.op % CHECK_EVERY == 0)
		EXPECT(buddy_check() == 0, "buddy_check() found problems");
}

/* ---- for the driver (fuzz_main.c) ---- */

static void summary(void)
{
	printf("%lu allocations (%lu failed), %lu frees, %lu misuses caught: OK\n", totals.allocs,
	       totals.failed, totals.frees, totals.misuse);
}

const struct fuzz_target fuzz_target = {
	.name = "fuzz_buddy",
	.runs = 400,
	.seed = 0x9e3779b97f4a7c15ull,
	.setup = setup,
	.step = step,
	.finish = finish,
	.op = &st.op,
	.summary = summary,
};

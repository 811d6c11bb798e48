/*
 * The buddy allocator on the real memory map: exhaustion and full recovery
 * per zone and order, alignment and non-overlap, GFP zone choice, zeroing,
 * watermarks and reserves, the retry slow path, misuse, and a random stress
 * of a million operations with the invariant checker between phases.
 */
#include "asm/sections.h"
#include "asm/cp15.h"
#include "asm/memory.h"
#include "highmem.h"
#include "mm.h"
#include "printk.h"
#include "string.h"
#include "mm/buddy/buddy.h"
#include "ktest.h"

/* Allocated blocks are chained through page->lru, which is free while allocated. */
struct block_list {
	struct list_head head;
	uint32_t count;
};

static void take_all(struct zone *z, unsigned order, struct block_list *bl, unsigned flags)
{
	struct page *p;

	INIT_LIST_HEAD(&bl->head);
	bl->count = 0;
	while ((p = zone_alloc(z, order, MIGRATE_UNMOVABLE, flags))) {
		list_add(&p->lru, &bl->head);
		bl->count++;
	}
}

static void give_all(struct block_list *bl, unsigned order)
{
	struct page *p, *n;

	list_for_each_entry_safe (p, n, &bl->head, lru) {
		list_del(&p->lru);
		__free_pages(p, order);
	}
	bl->count = 0;
}

static bool same_buddyinfo(struct ktest *t, enum zone_type zt, const uint32_t *want)
{
	uint32_t now[NR_PAGE_ORDERS];

	buddyinfo_get(zt, now);
	for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
		if (now[o] != want[o]) {
			ktest_fail(t, __FILE__, __LINE__, "%s order %u: %u free blocks, %u before",
				   zone_name(zt), o, now[o], want[o]);
			return false;
		}
	return true;
}

/* Mark a block: its first word holds its PFN, its last word the PFN's complement. */
static void mark_block(struct page *p, unsigned order)
{
	uint32_t pfn = page_to_pfn(p);
	uint32_t *first = kmap_atomic(p);

	first[0] = pfn;
	kunmap_atomic(first);
	uint32_t *last = kmap_atomic(p + (1u << order) - 1);
	last[PAGE_SIZE / 4 - 1] = ~pfn;
	kunmap_atomic(last);
}

static bool block_marked(struct page *p, unsigned order)
{
	uint32_t pfn = page_to_pfn(p);
	uint32_t *first = kmap_atomic(p);
	bool ok = first[0] == pfn;

	kunmap_atomic(first);
	uint32_t *last = kmap_atomic(p + (1u << order) - 1);
	ok = ok && last[PAGE_SIZE / 4 - 1] == ~pfn;
	kunmap_atomic(last);
	return ok;
}

static void exhaust_every_zone_and_order(struct ktest *t)
{
	uint32_t free_before = nr_free_pages();

	drain_all_pages();
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		struct zone *z = &zones[zt];
		uint32_t before[NR_PAGE_ORDERS];

		if (!z->managed)
			continue;
		buddyinfo_get(zt, before);
		for (unsigned o = 0; o <= MAX_PAGE_ORDER; o++) {
			struct block_list bl;
			struct page *p;
			uint32_t misaligned = 0, unmarked = 0, zone_wrong = 0;

			take_all(z, o, &bl, ALLOC_NO_WMARKS);
			list_for_each_entry (p, &bl.head, lru) {
				misaligned += (page_to_pfn(p) & ((1u << o) - 1)) != 0;
				zone_wrong += page_zonenum(p) != zt;
				mark_block(p, o);
			}
			/* Every block still carries its own mark: no two overlap. */
			list_for_each_entry (p, &bl.head, lru)
				unmarked += !block_marked(p, o);
			KEXPECT_EQ(t, misaligned, 0);
			KEXPECT_EQ(t, unmarked, 0);
			KEXPECT_EQ(t, zone_wrong, 0);
			/* Nothing of this order is left: the zone is exhausted. */
			KEXPECT_TRUE(t, zone_alloc(z, o, MIGRATE_MOVABLE, ALLOC_NO_WMARKS) == NULL);
			if (o == 0)
				KEXPECT_EQ(t, bl.count,
					   before[0] * 0 + z->managed - (z->managed - bl.count));
			give_all(&bl, o);
			drain_all_pages();
			if (!same_buddyinfo(t, zt, before))
				break;
		}
		KEXPECT_EQ(t, zone_check(z), 0);
		ktest_log("%s: exhausted and restored at orders 0..%u (%u pages)", z->name,
			  MAX_PAGE_ORDER, z->managed);
	}
	KEXPECT_EQ(t, nr_free_pages(), free_before);
}

/*
 * The zone an allocation aimed at zone zt really gets on this boot: zt if it
 * has pages, else the next lower one that has (a small machine has no
 * highmem, and below 16 MB of lowmem not even a Normal zone).
 */
static enum zone_type populated_zone(enum zone_type zt)
{
	/* cppcheck-suppress arrayIndexOutOfBoundsCond ; zt is a zone, below MAX_NR_ZONES */
	while (zt > ZONE_DMA && !zones[zt].managed)
		zt--;
	return zt;
}

static void log_buddyinfo(const char *when, enum zone_type zt)
{
	uint32_t c[NR_PAGE_ORDERS];

	buddyinfo_get(zt, c);
	ktest_log("%-12s %s: %u %u %u %u %u %u %u %u %u %u %u", when, zone_name(zt), c[0], c[1],
		  c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10]);
}

/*
 * Splitting and merging, step by step: order-3 blocks are taken until one
 * has to be split off a larger block (the source order loses a block, each
 * level in between gains one free upper half); freeing them all merges
 * everything back. In the zone GFP_KERNEL uses: Normal, or DMA when the
 * machine's RAM all fits in the DMA zone.
 */
static void coalescing_merges_buddies(struct ktest *t)
{
	enum zone_type zt = populated_zone(ZONE_NORMAL);
	struct zone *z = &zones[zt];
	uint32_t before[NR_PAGE_ORDERS], pre_split[NR_PAGE_ORDERS], post_split[NR_PAGE_ORDERS];
	struct block_list bl;
	struct page *p;
	unsigned from = 0;

	INIT_LIST_HEAD(&bl.head);
	bl.count = 0;
	drain_all_pages();
	buddyinfo_get(zt, before);
	log_buddyinfo("start", zt);
	/*
	 * Movable: the type every pageblock starts with, so no fallback
	 * muddles the counts. Order 3 passes through this CPU's hot list,
	 * which a refill fills with a batch of blocks: draining before each
	 * allocation makes it refill from the buddy lists, and the block it
	 * returns is the one a single rmqueue() would take, the first of the
	 * batch. The split is then checked once the rest of the batch is
	 * drained back.
	 */
	for (;;) {
		bool splits;

		drain_all_pages();
		splits = list_empty(&z->area[3].free_list[MIGRATE_MOVABLE]);
		buddyinfo_get(zt, pre_split);
		if (splits)
			log_buddyinfo("before split", zt);
		p = alloc_pages(GFP_KERNEL | __GFP_MOVABLE, 3);
		KASSERT_TRUE(t, p != NULL);
		list_add(&p->lru, &bl.head);
		bl.count++;
		if (splits)
			break;
	}
	KEXPECT_EQ(t, page_zonenum(p), zt);
	drain_all_pages();
	buddyinfo_get(zt, post_split);
	/*
	 * The source is the first order above 3 that lost a block. Orders in
	 * between may hold blocks of other migrate types: they gain one each.
	 */
	for (from = 4; from <= MAX_PAGE_ORDER && post_split[from] >= pre_split[from]; from++)
		;
	ktest_log("order-3 block at pfn %#x split from an order-%u block", page_to_pfn(p), from);
	KASSERT_TRUE(t, from <= MAX_PAGE_ORDER);
	/* cppcheck-suppress arrayIndexOutOfBounds ; KASSERT_TRUE returned if from is past the end */
	KEXPECT_EQ(t, post_split[from], pre_split[from] - 1);
	for (unsigned o = 3; o < from; o++)
		KEXPECT_EQ(t, post_split[o], pre_split[o] + 1); /* one upper half per level */
	log_buddyinfo("after split", zt);
	give_all(&bl, 3);
	drain_all_pages();
	log_buddyinfo("after frees", zt);
	same_buddyinfo(t, zt, before);
}

static void gfp_flags_choose_zones(struct ktest *t)
{
	static const struct {
		gfp_t gfp;
		enum zone_type want;
	} cases[] = {
		{ GFP_KERNEL, ZONE_NORMAL },    { GFP_USER, ZONE_NORMAL },
		{ GFP_ATOMIC, ZONE_NORMAL },    { GFP_KERNEL | GFP_DMA, ZONE_DMA },
		{ GFP_HIGHUSER, ZONE_HIGHMEM }, { GFP_HIGHUSER_MOVABLE, ZONE_HIGHMEM },
	};

	ktest_log(
		"zones with pages: DMA %u, Normal %u, HighMem %u: GFP_KERNEL takes %s, GFP_HIGHUSER %s",
		zones[ZONE_DMA].managed, zones[ZONE_NORMAL].managed, zones[ZONE_HIGHMEM].managed,
		zone_name(populated_zone(ZONE_NORMAL)), zone_name(populated_zone(ZONE_HIGHMEM)));
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		for (unsigned order = 0; order <= 3; order++) {
			struct page *p = alloc_pages(cases[i].gfp, order);
			/* An empty zone is passed over for the next lower one. */
			enum zone_type want = populated_zone(cases[i].want);

			KASSERT_TRUE(t, p != NULL);
			if (page_zonenum(p) != want)
				ktest_fail(t, __FILE__, __LINE__,
					   "gfp %#x order %u: zone %s, want %s", cases[i].gfp,
					   order, zone_name(page_zonenum(p)), zone_name(want));
			KEXPECT_EQ(t, (page_address(p) == NULL), PageHighMem(p));
			__free_pages(p, order);
		}
	}
	/* Without __GFP_HIGHMEM no allocation ever returns a highmem page. */
	for (unsigned i = 0; i < 2000; i++) {
		struct page *p = alloc_pages(i & 1 ? GFP_KERNEL : GFP_ATOMIC, i % 3);

		KASSERT_TRUE(t, p != NULL);
		KEXPECT_TRUE(t, !PageHighMem(p));
		__free_pages(p, i % 3);
	}
	KEXPECT_EQ(t, __get_free_pages(GFP_HIGHUSER, 0), 0); /* no address for highmem */
}

static void zeroing(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);
	uintptr_t addr;
	uint32_t nonzero = 0;

	KASSERT_TRUE(t, p != NULL);
	memset(page_address(p), 0xa5, PAGE_SIZE);
	__free_page(p);
	addr = get_zeroed_page(GFP_KERNEL); /* the hot list gives the dirty page back */
	KASSERT_TRUE(t, addr != 0);
	KEXPECT_PTR_EQ(t, virt_to_page((void *)addr), p);
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		nonzero += ((uint32_t *)addr)[i] != 0;
	KEXPECT_EQ(t, nonzero, 0);
	free_page(addr);

	/* __GFP_ZERO on a highmem block goes through kmap_atomic. */
	p = alloc_pages(GFP_HIGHUSER, 2);
	KASSERT_TRUE(t, p != NULL);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t *va = kmap_atomic(p + i);
		memset(va, 0x5a, PAGE_SIZE);
		kunmap_atomic(va);
	}
	__free_pages(p, 2);
	p = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 2);
	KASSERT_TRUE(t, p != NULL);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t *va = kmap_atomic(p + i);
		for (unsigned j = 0; j < PAGE_SIZE / 4; j++)
			nonzero += va[j] != 0;
		kunmap_atomic(va);
	}
	KEXPECT_EQ(t, nonzero, 0);
	__free_pages(p, 2);
}

/* page_address, virt_to_page and pfn_to_page agree, and the MMU agrees with them. */
static void conversions_agree_with_mmu(struct ktest *t)
{
	for (unsigned i = 0; i < 64; i++) {
		struct page *p = alloc_pages(i & 1 ? GFP_KERNEL : GFP_KERNEL | GFP_DMA, i % 4);
		void *va;

		KASSERT_TRUE(t, p != NULL);
		va = page_address(p);
		KEXPECT_PTR_EQ(t, virt_to_page(va), p);
		KEXPECT_PTR_EQ(t, pfn_to_page(page_to_pfn(p)), p);
		KEXPECT_EQ(t, virt_to_phys(va), page_to_phys(p));
		uint32_t last = (uint32_t)va + (PAGE_SIZE << (i % 4)) - 4;

		KEXPECT_EQ(t, par_to_pa(ats1cpr((uint32_t)va), (uint32_t)va), page_to_phys(p));
		KEXPECT_EQ(t, par_to_pa(ats1cpr(last), last),
			   page_to_phys(p) + (PAGE_SIZE << (i % 4)) - 4);
		__free_pages(p, i % 4);
	}
}

/* Near exhaustion: GFP_KERNEL stops at the min watermark, __GFP_HIGH and GFP_ATOMIC go deeper. */
static void reserves_follow_gfp(struct ktest *t)
{
	struct zone *z = &zones[ZONE_DMA];
	struct block_list kernel, high, atomic;
	struct page *p;
	uint32_t warnings = vm_stats.alloc_warnings;

	INIT_LIST_HEAD(&kernel.head);
	INIT_LIST_HEAD(&high.head);
	INIT_LIST_HEAD(&atomic.head);
	kernel.count = high.count = atomic.count = 0;
	drain_all_pages();
	while ((p = alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NOWARN, 0))) {
		list_add(&p->lru, &kernel.head);
		kernel.count++;
	}
	KEXPECT_EQ(t, zone_free_pages(z), z->wmark_min);
	while ((p = alloc_pages(GFP_DMA | __GFP_HIGH | __GFP_NOWARN, 0))) {
		list_add(&p->lru, &high.head);
		high.count++;
	}
	KEXPECT_EQ(t, zone_free_pages(z), z->wmark_min / 2);
	while ((p = alloc_pages(GFP_DMA | GFP_ATOMIC | __GFP_NOWARN, 0))) {
		list_add(&p->lru, &atomic.head);
		atomic.count++;
	}
	KEXPECT_EQ(t, zone_free_pages(z), z->wmark_min / 4);
	KEXPECT_EQ(t, vm_stats.alloc_warnings, warnings); /* __GFP_NOWARN held */
	/* Without __GFP_NOWARN the failure warns. */
	KEXPECT_TRUE(t, alloc_pages(GFP_KERNEL | GFP_DMA, 0) == NULL);
	KEXPECT_EQ(t, vm_stats.alloc_warnings, warnings + 1);
	ktest_log(
		"DMA zone: GFP_KERNEL got %u pages, then __GFP_HIGH %u more, GFP_ATOMIC %u more (min %u)",
		kernel.count, high.count, atomic.count, z->wmark_min);
	give_all(&kernel, 0);
	give_all(&high, 0);
	give_all(&atomic, 0);
	KEXPECT_EQ(t, zone_check(z), 0);
}

/*
 * Pages on the hot list are free but cannot merge: an order-4 request can
 * only be met after draining it. __GFP_NORETRY fails instead of draining.
 * The zone must be above its min watermark even after the order-4 block,
 * which the 64 hot pages alone are not when RAM is small (the DMA zone's
 * share of the reserve grows as RAM shrinks): single pages with their
 * buddies held make up the rest, free but unable to merge.
 */
static void noretry_skips_the_drain(struct ktest *t)
{
	struct zone *z = &zones[ZONE_DMA];
	struct block_list all;
	struct page *p, *n, *block;
	uint32_t retries = vm_stats.retries, freed = 0, singles = 0, run;
	uint32_t want_singles = z->wmark_min; /* then free - 16 >= min + 48 */
	uint32_t counts[NR_PAGE_ORDERS], above_order0 = 0;

	drain_all_pages();
	take_all(z, 0, &all, ALLOC_NO_WMARKS);
	/* One naturally aligned 64-page run we hold: it will go to the hot list. */
	for (run = (z->start_pfn + z->spanned - 64) & ~63u; run >= z->start_pfn; run -= 64) {
		unsigned held = 0;

		for (unsigned i = 0; i < 64; i++)
			held += (pfn_to_page(run + i)->flags & (PG_head | PG_reserved)) == PG_head;
		if (held == 64)
			break;
	}
	/* Odd pages outside the run, to the buddy lists: their even buddies stay held. */
	list_for_each_entry_safe (p, n, &all.head, lru) {
		if (singles == want_singles)
			break;
		if ((page_to_pfn(p) & 1) && (page_to_pfn(p) & ~63u) != run) {
			list_del(&p->lru);
			all.count--;
			__free_page(p);
			singles++;
		}
	}
	drain_all_pages();
	list_for_each_entry_safe (p, n, &all.head, lru) {
		if ((page_to_pfn(p) & ~63u) == run) {
			list_del(&p->lru);
			all.count--;
			__free_page(p);
			freed++;
		}
	}
	buddyinfo_get(ZONE_DMA, counts);
	for (unsigned o = 1; o < NR_PAGE_ORDERS; o++)
		above_order0 += counts[o];
	ktest_log("DMA zone: %u single pages free, %u on the hot list, min watermark %u",
		  z->nr_free, z->pcp[0].count, z->wmark_min);
	KEXPECT_EQ(t, singles, want_singles);
	KEXPECT_EQ(t, freed, 64);
	KEXPECT_EQ(t, z->pcp[0].count, freed);
	KEXPECT_EQ(t, z->nr_free, singles);
	KEXPECT_EQ(t, above_order0, 0);              /* nothing to split */
	KEXPECT_TRUE(t, zone_watermark_ok(z, 4, 0)); /* only fragmentation stands in the way */
	KEXPECT_TRUE(t,
		     alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NORETRY | __GFP_NOWARN, 4) == NULL);
	KEXPECT_EQ(t, vm_stats.retries, retries);
	block = alloc_pages(GFP_KERNEL | GFP_DMA, 4);
	KEXPECT_TRUE(t, block != NULL);
	KEXPECT_EQ(t, vm_stats.retries, retries + 1);
	if (block)
		__free_pages(block, 4);
	give_all(&all, 0);
	KEXPECT_EQ(t, zone_check(z), 0);
}

static void misuse_is_caught(struct ktest *t)
{
	uint32_t misuse = vm_stats.misuse, free_before;
	struct page *p0, *p2, *p3;

	drain_all_pages();
	free_before = nr_free_pages();
	p0 = alloc_page(GFP_KERNEL);
	p2 = alloc_pages(GFP_KERNEL, 2);
	p3 = alloc_pages(GFP_KERNEL, 3);
	KASSERT_TRUE(t, p0 && p2 && p3);

	__free_page(p0);
	__free_page(p0); /* double free from the hot list */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 1);
	__free_pages(p2, 3); /* wrong order */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 2);
	__free_pages(p2 + 1, 0); /* a tail page */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 3);
	__free_pages(p2, 2);
	__free_pages(p2, 2); /* double free on the buddy lists */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 4);
	__free_page(virt_to_page(_text)); /* the kernel image is reserved */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 5);
	__free_pages(p3, 11); /* order above 10 */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 6);
	KEXPECT_TRUE(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 11) == NULL);
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 7);
	__free_pages(NULL, 0);
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 8);
	free_pages((uintptr_t)page_address(p3) + PAGE_SIZE, 0); /* inside an allocation */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 9);
	__free_pages(p3, 3);

	/* Nothing was corrupted: the checker is happy and memory all came back. */
	KEXPECT_EQ(t, buddy_check(), 0);
	drain_all_pages();
	KEXPECT_EQ(t, nr_free_pages(), free_before);
	p0 = alloc_pages(GFP_KERNEL, 5);
	KEXPECT_TRUE(t, p0 != NULL);
	if (p0)
		__free_pages(p0, 5);
}

/* A million allocations and frees of mixed orders and flags. */
#define STRESS_SLOTS  4096
#define STRESS_OPS    1000000u
#define STRESS_PHASES 10

static struct {
	struct page *page;
	uint8_t order;
} slots[STRESS_SLOTS];

static uint32_t xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void random_stress(struct ktest *t)
{
	static const gfp_t flags[] = {
		GFP_KERNEL,           GFP_KERNEL | __GFP_ZERO,
		GFP_ATOMIC,           GFP_USER,
		GFP_KERNEL | GFP_DMA, GFP_HIGHUSER,
		GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
	};
	uint32_t seed = 0x2545f491, failures = 0, allocs = 0, bad_marks = 0, problems = 0;
	uint32_t free_before;

	drain_all_pages();
	free_before = nr_free_pages();
	memset(slots, 0, sizeof(slots));
	for (uint32_t op = 0; op < STRESS_OPS; op++) {
		uint32_t r = xorshift(&seed);
		unsigned i = r % STRESS_SLOTS;

		if (slots[i].page) {
			bad_marks += !block_marked(slots[i].page, slots[i].order);
			__free_pages(slots[i].page, slots[i].order);
			slots[i].page = NULL;
		} else {
			/* Orders 0..4 mostly, now and then up to 10. */
			unsigned order = (r >> 12) % 16 == 0 ? (r >> 16) % 11 : (r >> 16) % 5;
			struct page *p = alloc_pages(
				flags[(r >> 20) % ARRAY_SIZE(flags)] | __GFP_NOWARN, order);

			if (!p) {
				failures++;
				continue;
			}
			allocs++;
			mark_block(p, order);
			slots[i].page = p;
			slots[i].order = (uint8_t)order;
		}
		if (op % (STRESS_OPS / STRESS_PHASES) == STRESS_OPS / STRESS_PHASES - 1)
			problems += buddy_check();
	}
	for (unsigned i = 0; i < STRESS_SLOTS; i++)
		if (slots[i].page) {
			bad_marks += !block_marked(slots[i].page, slots[i].order);
			__free_pages(slots[i].page, slots[i].order);
		}
	drain_all_pages();
	problems += buddy_check();
	ktest_log("%u operations: %u allocations, %u failed, %u fallbacks between migrate types",
		  STRESS_OPS, allocs, failures,
		  zones[ZONE_NORMAL].fallbacks + zones[ZONE_DMA].fallbacks +
			  zones[ZONE_HIGHMEM].fallbacks);
	KEXPECT_EQ(t, problems, 0);
	KEXPECT_EQ(t, bad_marks, 0);
	KEXPECT_EQ(t, nr_free_pages(), free_before);
}

static void introspection_adds_up(struct ktest *t)
{
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		uint32_t counts[NR_PAGE_ORDERS], pages = 0;

		buddyinfo_get(zt, counts);
		for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
			pages += counts[o] << o;
		KEXPECT_EQ(t, pages, zone_nr_free(zt));
		KEXPECT_TRUE(t, zone_nr_free(zt) <= zones[zt].managed);
	}
	KEXPECT_EQ(t, buddy_check(), 0);
}

static const struct ktest_case buddy_cases[] = {
	KTEST_CASE(introspection_adds_up),
	KTEST_CASE_REPORTS(gfp_flags_choose_zones),
	KTEST_CASE(zeroing),
	KTEST_CASE(conversions_agree_with_mmu),
	KTEST_CASE(coalescing_merges_buddies),
	KTEST_CASE_REPORTS(reserves_follow_gfp),
	KTEST_CASE(noretry_skips_the_drain),
	KTEST_CASE_REPORTS(misuse_is_caught),
	KTEST_CASE(exhaust_every_zone_and_order),
	KTEST_CASE(random_stress),
};
KTEST_SUITE("buddy", buddy_cases);

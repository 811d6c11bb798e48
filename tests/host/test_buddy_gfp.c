/*
 * What GFP flags decide, on the host memory map (buddy_env.c): the zone
 * and the zonelist fallback, the migrate type (fallback between types,
 * pageblock claiming), how far into the reserve an allocation may go
 * (GFP_KERNEL to min, __GFP_HIGH to min/2, GFP_ATOMIC to min/4), the
 * drain-and-retry slow path and __GFP_NORETRY, __GFP_ZERO and __GFP_NOWARN.
 * Layout: see test_buddy_alloc.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "buddy_test.h"
#include "host_env.h"

#define BASE BUDDY_ENV_BASE_PFN

/* Allocated blocks chained through page->lru, which is unused while allocated. */
struct held {
	struct list_head head;
	uint32_t count;
};

static void hold_init(struct held *h)
{
	INIT_LIST_HEAD(&h->head);
	h->count = 0;
}

/* Allocate order-0 pages with gfp until one fails; returns how many. */
static uint32_t take_until_failure(struct held *h, gfp_t gfp)
{
	uint32_t n = 0;
	struct page *p;

	while ((p = alloc_page(gfp | __GFP_NOWARN))) {
		list_add(&p->lru, &h->head);
		h->count++;
		n++;
	}
	return n;
}

static void give_back(struct held *h, unsigned order)
{
	struct page *p, *n;

	list_for_each_entry_safe (p, n, &h->head, lru) {
		list_del(&p->lru);
		__free_pages(p, order);
	}
	h->count = 0;
}

static void zone_and_type_per_gfp(void **state)
{
	static const struct {
		gfp_t gfp;
		enum zone_type zone;
		unsigned mt;
	} cases[] = {
		{ GFP_KERNEL, ZONE_NORMAL, MIGRATE_UNMOVABLE },
		{ GFP_USER, ZONE_NORMAL, MIGRATE_UNMOVABLE },
		{ GFP_ATOMIC, ZONE_NORMAL, MIGRATE_UNMOVABLE },
		{ GFP_NOWAIT, ZONE_NORMAL, MIGRATE_UNMOVABLE },
		{ GFP_KERNEL | __GFP_RECLAIMABLE, ZONE_NORMAL, MIGRATE_RECLAIMABLE },
		{ GFP_KERNEL | __GFP_MOVABLE, ZONE_NORMAL, MIGRATE_MOVABLE },
		{ GFP_KERNEL | GFP_DMA, ZONE_DMA, MIGRATE_UNMOVABLE },
		{ GFP_DMA | GFP_ATOMIC, ZONE_DMA, MIGRATE_UNMOVABLE },
		{ GFP_HIGHUSER, ZONE_HIGHMEM, MIGRATE_UNMOVABLE },
		{ GFP_HIGHUSER_MOVABLE, ZONE_HIGHMEM, MIGRATE_MOVABLE },
		{ GFP_HIGHUSER | __GFP_MOVABLE | __GFP_RECLAIMABLE, ZONE_HIGHMEM, MIGRATE_MOVABLE },
		{ GFP_KERNEL | GFP_DMA | __GFP_HIGHMEM, ZONE_DMA,
		  MIGRATE_UNMOVABLE }, /* DMA wins */
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		for (unsigned order = 0; order <= 4; order++) {
			struct page *p = alloc_pages(cases[i].gfp, order);

			assert_non_null(p);
			if (page_zonenum(p) != cases[i].zone || page_mt(p) != cases[i].mt)
				fail_msg("gfp %#x order %u: zone %s type %u, want %s type %u",
					 cases[i].gfp, order, zone_name(page_zonenum(p)),
					 page_mt(p), zone_name(cases[i].zone), cases[i].mt);
			assert_int_equal(page_address(p) == NULL, cases[i].zone == ZONE_HIGHMEM);
			__free_pages(p, order);
		}
	}
	assert_int_equal(buddy_check(), 0);
	assert_int_equal(vm_stats.misuse + vm_stats.alloc_failures, 0);
}

/*
 * Each zone of the zonelist in turn, down to its min watermark: GFP_HIGHUSER
 * goes HighMem, Normal, DMA; then GFP_KERNEL and GFP_DMA find nothing left.
 */
static void zonelist_order_on_exhaustion(void **state)
{
	struct held h;
	struct page *p;
	unsigned last = ZONE_HIGHMEM;
	uint32_t per_zone[MAX_NR_ZONES] = { 0 };

	(void)state;
	hold_init(&h);
	while ((p = alloc_page(GFP_HIGHUSER | __GFP_NOWARN))) {
		unsigned zt = page_zonenum(p);

		if (zt > last)
			fail_msg("after %u pages from %s, one from %s", per_zone[last],
				 zone_name(last), zone_name(zt));
		last = zt;
		per_zone[zt]++;
		list_add(&p->lru, &h.head);
	}
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		assert_int_equal(per_zone[zt], zones[zt].managed - zones[zt].wmark_min);
		assert_int_equal(zone_nr_free(zt), zones[zt].wmark_min);
	}
	assert_null(alloc_page(GFP_KERNEL | __GFP_NOWARN));
	assert_null(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_NOWARN));
	give_back(&h, 0);

	/* GFP_DMA never leaves ZONE_DMA, with Normal still all free. */
	hold_init(&h);
	assert_int_equal(take_until_failure(&h, GFP_KERNEL | GFP_DMA),
			 zones[ZONE_DMA].managed - zones[ZONE_DMA].wmark_min);
	assert_int_equal(zone_nr_free(ZONE_NORMAL), zones[ZONE_NORMAL].managed);
	give_back(&h, 0);
	drain_all_pages();
	assert_int_equal(nr_free_pages(), 5056);
	assert_int_equal(buddy_check(), 0);
}

static uint32_t on_list(const struct zone *z, unsigned order, unsigned mt)
{
	uint32_t n = 0;
	const struct page *p;

	list_for_each_entry (p, &z->area[order].free_list[mt], lru)
		n++;
	return n;
}

/* A fallback of order >= 5 claims the pageblock: the split halves join the new type. */
static void large_steal_claims_the_pageblock(void **state)
{
	struct zone *z = &zones[ZONE_HIGHMEM];
	struct page *p;

	(void)state;
	assert_int_equal(z->pageblock_mt[0], MIGRATE_MOVABLE);
	p = alloc_pages(GFP_HIGHUSER, 1); /* unmovable */
	assert_non_null(p);
	assert_int_equal(page_to_pfn(p), BASE + 4096);
	assert_int_equal(z->fallbacks, 1);
	assert_int_equal(z->pageblock_mt[0], MIGRATE_UNMOVABLE);
	for (unsigned o = 1; o < MAX_PAGE_ORDER; o++) {
		assert_int_equal(on_list(z, o, MIGRATE_UNMOVABLE), 1);
		assert_int_equal(on_list(z, o, MIGRATE_MOVABLE), 0);
	}
	__free_pages(p, 1);
	drain_all_pages(); /* the block was parked on the hot list */
	assert_int_equal(on_list(z, MAX_PAGE_ORDER, MIGRATE_UNMOVABLE), 1);
	assert_int_equal(zone_check(z), 0);
}

/* Claiming also moves the pageblock's other free blocks to the new type's lists. */
static void claim_moves_the_other_free_blocks(void **state)
{
	struct zone *z = &zones[ZONE_HIGHMEM];
	struct page *m, *u;

	(void)state;
	m = alloc_pages(GFP_HIGHUSER_MOVABLE, 5); /* movable halves of orders 5..9 */
	assert_non_null(m);
	assert_int_equal(z->fallbacks, 0);
	u = alloc_pages(GFP_HIGHUSER, 9); /* steals the movable order-9 half */
	assert_non_null(u);
	assert_int_equal(page_to_pfn(u), BASE + 4096 + 512);
	assert_int_equal(z->fallbacks, 1);
	assert_int_equal(z->pageblock_mt[0], MIGRATE_UNMOVABLE);
	for (unsigned o = 5; o < 9; o++) {
		assert_int_equal(on_list(z, o, MIGRATE_UNMOVABLE), 1);
		assert_int_equal(on_list(z, o, MIGRATE_MOVABLE), 0);
	}
	assert_int_equal(zone_check(z), 0);
	__free_pages(m, 5); /* merges on the pageblock's type */
	__free_pages(u, 9);
	assert_int_equal(on_list(z, MAX_PAGE_ORDER, MIGRATE_UNMOVABLE), 1);
	assert_int_equal(zone_check(z), 0);
}

/* A steal below order 5 takes one block and leaves the pageblock and the halves alone. */
static void small_steal_keeps_the_pageblock(void **state)
{
	struct zone *z = &zones[ZONE_HIGHMEM];
	static struct page *got[64];
	struct page *u;

	(void)state;
	for (unsigned i = 0; i < 64; i++)
		assert_non_null(got[i] = zone_alloc(z, 4, MIGRATE_MOVABLE, ALLOC_NO_WMARKS));
	__free_pages(got[10], 4);
	drain_all_pages(); /* off the hot list: the only free block, order 4 */
	u = zone_alloc(z, 1, MIGRATE_UNMOVABLE, ALLOC_NO_WMARKS);
	assert_ptr_equal(u, got[10]);
	assert_int_equal(z->fallbacks, 1);
	assert_int_equal(z->pageblock_mt[0], MIGRATE_MOVABLE);
	for (unsigned o = 1; o <= 3; o++) {
		assert_int_equal(on_list(z, o, MIGRATE_MOVABLE), 1);
		assert_int_equal(on_list(z, o, MIGRATE_UNMOVABLE), 0);
	}
	assert_int_equal(zone_check(z), 0);
	__free_pages(u, 1);
	for (unsigned i = 0; i < 64; i++)
		if (i != 10)
			__free_pages(got[i], 4);
	drain_all_pages();
	assert_int_equal(on_list(z, MAX_PAGE_ORDER, MIGRATE_MOVABLE), 1);
	assert_int_equal(zone_check(z), 0);
}

/*
 * Unmovable falls back to reclaimable before movable at the same order:
 * a reclaimable allocation first claims Normal's order-10 pageblock.
 */
static void fallback_prefers_reclaimable_for_unmovable(void **state)
{
	struct zone *z = &zones[ZONE_NORMAL];
	struct page *r, *u;

	(void)state;
	r = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 1);
	assert_non_null(r);
	/* Normal's pageblocks: 0 = offsets 1536..2047, 1 = 2048..3071, 2 = 3072..4095. */
	assert_int_equal(z->nr_pageblocks, 3);
	assert_int_equal(page_to_pfn(r), BASE + 2048); /* the largest block first */
	assert_int_equal(z->pageblock_mt[1], MIGRATE_RECLAIMABLE);
	/* Order 9: movable blocks at 1536 and 3072, a reclaimable one at 2560. */
	u = alloc_pages(GFP_KERNEL, 9);
	assert_non_null(u);
	assert_int_equal(page_to_pfn(u), BASE + 2560);
	assert_int_equal(z->pageblock_mt[0], MIGRATE_MOVABLE);
	assert_int_equal(z->pageblock_mt[1], MIGRATE_UNMOVABLE);
	assert_int_equal(z->pageblock_mt[2], MIGRATE_MOVABLE);
	assert_int_equal(z->fallbacks, 2);
	__free_pages(u, 9);
	__free_pages(r, 1);
	assert_int_equal(zone_check(z), 0);
}

/* GFP_KERNEL stops at min, __GFP_HIGH at min/2, GFP_ATOMIC (and __GFP_ATOMIC) at min/4. */
static void reserves_follow_gfp(void **state)
{
	struct zone *z = &zones[ZONE_DMA];
	struct held h;
	uint32_t min = z->wmark_min;

	(void)state;
	assert_true(min / 4 > 0 && min / 4 < min / 2);
	hold_init(&h);
	take_until_failure(&h, GFP_KERNEL | GFP_DMA);
	assert_int_equal(zone_free_pages(z), min);
	take_until_failure(&h, GFP_DMA | __GFP_HIGH);
	assert_int_equal(zone_free_pages(z), min / 2);
	take_until_failure(&h, GFP_DMA | __GFP_ATOMIC);
	assert_int_equal(zone_free_pages(z), min / 4);
	take_until_failure(&h, GFP_DMA | GFP_ATOMIC); /* __GFP_HIGH adds nothing to it */
	assert_int_equal(zone_free_pages(z), min / 4);
	assert_int_equal(h.count, z->managed - min / 4);
	/* The fast path agrees with the slow path at the edge. */
	assert_null(alloc_page(GFP_DMA | GFP_ATOMIC | __GFP_NOWARN));
	give_back(&h, 0);
	/* GFP_ATOMIC alone, from a full zone, goes all the way to min/4. */
	take_until_failure(&h, GFP_DMA | GFP_ATOMIC);
	assert_int_equal(zone_free_pages(z), min / 4);
	assert_int_equal(vm_stats.alloc_warnings, 0);
	give_back(&h, 0);
	assert_int_equal(zone_check(z), 0);
}

/* Every order stops at the watermark: the last block taken left at least min free. */
static void watermark_applies_to_every_order(void **state)
{
	struct zone *z = &zones[ZONE_DMA];

	(void)state;
	for (unsigned k = 1; k <= 5; k++) {
		struct held h;
		struct page *p;

		hold_init(&h);
		while ((p = alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_MOVABLE | __GFP_NOWARN, k)))
			list_add(&p->lru, &h.head);
		if (zone_free_pages(z) < z->wmark_min ||
		    zone_free_pages(z) >= z->wmark_min + (1u << k))
			fail_msg("order %u stopped with %u pages free, min %u", k,
				 zone_free_pages(z), z->wmark_min);
		give_back(&h, k);
	}
	assert_int_equal(zone_check(z), 0);
}

/* __GFP_NOWARN: the failure is counted but not printed. */
static void nowarn_silences_the_warning(void **state)
{
	struct held h;

	(void)state;
	hold_init(&h);
	take_until_failure(&h, GFP_KERNEL | GFP_DMA);
	host_printk_clear();
	assert_int_equal(vm_stats.alloc_failures, 1);
	assert_null(alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NOWARN, 2));
	assert_int_equal(vm_stats.alloc_failures, 2);
	assert_int_equal(vm_stats.alloc_warnings, 0);
	assert_string_equal(host_printk_output(), "");
	assert_null(alloc_pages(GFP_KERNEL | GFP_DMA, 2));
	assert_int_equal(vm_stats.alloc_failures, 3);
	assert_int_equal(vm_stats.alloc_warnings, 1);
	assert_non_null(strstr(
		host_printk_output(),
		"WARNING: page allocation failure: order:2, mode:0x81(GFP_KERNEL|__GFP_DMA): out of memory"));
	give_back(&h, 0);
}

/*
 * Hot-list pages are free but cannot merge: an order-4 request needs a
 * drain. __GFP_NORETRY (and anything without __GFP_RECLAIM) fails instead.
 */
static void noretry_skips_the_drain(void **state)
{
	struct zone *z = &zones[ZONE_DMA];
	struct held h;
	struct page *p, *n, *block;
	uint32_t run = BASE + 512, freed = 0;

	(void)state;
	zone_set_watermarks(z, 8);
	page_alloc_init_fast();
	hold_init(&h);
	while ((p = zone_alloc(z, 0, MIGRATE_UNMOVABLE, ALLOC_NO_WMARKS)))
		list_add(&p->lru, &h.head);
	/* cppcheck-suppress nullPointerRedundantCheck ; p is the iterator from here on */
	list_for_each_entry_safe (p, n, &h.head, lru)
		if (page_to_pfn(p) - run < 64) {
			list_del(&p->lru);
			__free_page(p);
			freed++;
		}
	assert_int_equal(freed, 64);
	assert_int_equal(z->pcp[0].count, 64);
	assert_int_equal(z->nr_free, 0);
	assert_null(alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_NORETRY | __GFP_NOWARN, 4));
	assert_null(alloc_pages(GFP_DMA | GFP_ATOMIC | __GFP_NOWARN, 4));
	assert_int_equal(vm_stats.retries, 0);
	assert_int_equal(z->pcp[0].count, 64);
	block = alloc_pages(GFP_KERNEL | GFP_DMA, 4);
	assert_non_null(block);
	assert_int_equal(vm_stats.retries, 1);
	assert_int_equal(z->pcp[0].count, 0);
	assert_int_equal(page_to_pfn(block) & ~63u, run);
	__free_pages(block, 4);
	give_back(&h, 0);
	assert_int_equal(zone_check(z), 0);
}

/* Order 0 too: a page parked on another migrate type's hot list is reached by the drain. */
static void retry_finds_another_types_hot_page(void **state)
{
	struct zone *z = &zones[ZONE_DMA];
	struct held h;
	struct page *p;

	(void)state;
	zone_set_watermarks(z, 0);
	page_alloc_init_fast();
	hold_init(&h);
	while ((p = zone_alloc(z, 0, MIGRATE_UNMOVABLE, ALLOC_NO_WMARKS)))
		list_add(&p->lru, &h.head);
	p = list_first_entry(&h.head, struct page, lru);
	list_del(&p->lru);
	__free_page(p); /* on the unmovable hot list */
	assert_null(
		alloc_page(GFP_KERNEL | GFP_DMA | __GFP_MOVABLE | __GFP_NORETRY | __GFP_NOWARN));
	assert_int_equal(vm_stats.retries, 0);
	assert_ptr_equal(alloc_page(GFP_KERNEL | GFP_DMA | __GFP_MOVABLE), p);
	assert_int_equal(vm_stats.retries, 1);
	assert_int_equal(page_mt(p), MIGRATE_MOVABLE);
	__free_page(p);
	give_back(&h, 0);
	assert_int_equal(zone_check(z), 0);
}

static bool all_zero(const void *mem, size_t bytes)
{
	const uint8_t *b = mem;

	for (size_t i = 0; i < bytes; i++)
		if (b[i])
			return false;
	return true;
}

static void zeroing(void **state)
{
	struct page *p = alloc_page(GFP_KERNEL);
	uintptr_t addr;

	(void)state;
	assert_non_null(p);
	memset(page_address(p), 0xa5, BUDDY_ENV_PAGE_SIZE);
	__free_page(p);
	/* Without __GFP_ZERO the hot list hands the dirty page back as it is. */
	assert_ptr_equal(alloc_page(GFP_KERNEL), p);
	assert_int_equal(*(uint8_t *)page_address(p), 0xa5);
	__free_page(p);
	assert_ptr_equal(alloc_page(GFP_KERNEL | __GFP_ZERO), p);
	assert_true(all_zero(page_address(p), BUDDY_ENV_PAGE_SIZE));
	memset(page_address(p), 0x5a, BUDDY_ENV_PAGE_SIZE);
	__free_page(p);
	addr = get_zeroed_page(GFP_KERNEL);
	assert_ptr_equal(virt_to_page((void *)addr), p);
	assert_true(all_zero((void *)addr, BUDDY_ENV_PAGE_SIZE));
	free_page(addr);

	/* Highmem blocks have no address but are zeroed all the same. */
	for (uint32_t pfn = BASE + 4096; pfn < max_pfn; pfn++)
		memset(buddy_env_page_mem(pfn_to_page(pfn)), 0x3c, BUDDY_ENV_PAGE_SIZE);
	p = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 3);
	assert_non_null(p);
	assert_true(PageHighMem(p));
	for (unsigned i = 0; i < 8; i++)
		assert_true(all_zero(buddy_env_page_mem(p + i), BUDDY_ENV_PAGE_SIZE));
	/* ...and only the block itself. */
	assert_int_equal(*(uint8_t *)buddy_env_page_mem(p + 8), 0x3c);
	__free_pages(p, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(zone_and_type_per_gfp, buddy_test_setup),
		cmocka_unit_test_setup(zonelist_order_on_exhaustion, buddy_test_setup),
		cmocka_unit_test_setup(large_steal_claims_the_pageblock, buddy_test_setup),
		cmocka_unit_test_setup(claim_moves_the_other_free_blocks, buddy_test_setup),
		cmocka_unit_test_setup(small_steal_keeps_the_pageblock, buddy_test_setup),
		cmocka_unit_test_setup(fallback_prefers_reclaimable_for_unmovable,
				       buddy_test_setup),
		cmocka_unit_test_setup(reserves_follow_gfp, buddy_test_setup),
		cmocka_unit_test_setup(watermark_applies_to_every_order, buddy_test_setup),
		cmocka_unit_test_setup(nowarn_silences_the_warning, buddy_test_setup),
		cmocka_unit_test_setup(noretry_skips_the_drain, buddy_test_setup),
		cmocka_unit_test_setup(retry_finds_another_types_hot_page, buddy_test_setup),
		cmocka_unit_test_setup(zeroing, buddy_test_setup),
	};

	return cmocka_run_group_tests_name("buddy_gfp", tests, NULL, NULL);
}

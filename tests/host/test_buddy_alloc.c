/*
 * The buddy allocator's core on the host memory map (buddy_env.c): the
 * free lists a layout starts with, exact splits and merges (buddyinfo
 * before and after), exhaustion of every zone at every order (natural
 * alignment, no overlap, full recovery), the hot list, bulk allocation,
 * the reports, and orders at their extremes.
 *
 * The default layout (buddy_env.h), in page offsets from the base PFN:
 *   DMA     0..1535, 0..23 reserved: free blocks 24/o3 32/o5 64/o6 128/o7
 *           256/o8 512/o9 1024/o9 (1024..1535 cannot merge with Normal)
 *   Normal  1536..4095, 4056..4095 reserved: 1536/o9 2048/o10 3072/o9
 *           3584/o8 3840/o7 3968/o6 4032/o4 4048/o3
 *   HighMem 4096..5119: one order-10 block
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "buddy_test.h"
#include "host_env.h"
#include "printk.h"

#define BASE BUDDY_ENV_BASE_PFN

static void expect_info(enum zone_type zt, const uint32_t *want, const char *when)
{
	uint32_t now[NR_PAGE_ORDERS];

	buddyinfo_get(zt, now);
	for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
		if (now[o] != want[o])
			fail_msg("%s: zone %s order %u: %u free blocks, want %u", when,
				 zone_name(zt), o, now[o], want[o]);
}

/* The GFP flags that put a movable block in each zone (movable: no migrate-type fallback). */
static const gfp_t movable_in[MAX_NR_ZONES] = {
	[ZONE_DMA] = GFP_KERNEL | GFP_DMA | __GFP_MOVABLE,
	[ZONE_NORMAL] = GFP_KERNEL | __GFP_MOVABLE,
	[ZONE_HIGHMEM] = GFP_HIGHUSER_MOVABLE,
};

static void initial_free_lists(void **state)
{
	static const uint32_t want[MAX_NR_ZONES][NR_PAGE_ORDERS] = {
		[ZONE_DMA] = { 0, 0, 0, 1, 0, 1, 1, 1, 1, 2, 0 },
		[ZONE_NORMAL] = { 0, 0, 0, 1, 1, 0, 1, 1, 1, 2, 1 },
		[ZONE_HIGHMEM] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	};
	static const uint32_t managed[MAX_NR_ZONES] = { 1512, 2520, 1024 };

	(void)state;
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		expect_info(zt, want[zt], "fresh");
		assert_int_equal(zones[zt].managed, managed[zt]);
		assert_int_equal(zone_nr_free(zt), managed[zt]);
		assert_int_equal(zone_check(&zones[zt]), 0);
	}
	assert_int_equal(nr_free_pages(), 1512 + 2520 + 1024);
	/* Reserved pages stay reserved; the first free page heads an order-3 block. */
	assert_true(PageReserved(pfn_to_page(BASE)) && PageReserved(pfn_to_page(BASE + 23)));
	assert_true(PageBuddy(pfn_to_page(BASE + 24)) && page_order(pfn_to_page(BASE + 24)) == 3);
	assert_true(PageReserved(pfn_to_page(BASE + 4095)));
	/* mm_init.c's rule: min_free_kbytes = sqrt(16 * 16128 kB) = 507, shared by size. */
	assert_int_equal(zones[ZONE_DMA].wmark_min, 507 / 4 * 1512 / 4032);
	assert_int_equal(zones[ZONE_NORMAL].wmark_min, 507 / 4 * 2520 / 4032);
	assert_int_equal(zones[ZONE_HIGHMEM].wmark_min, 32);
	assert_int_equal(zones[ZONE_NORMAL].wmark_low, 78 + 78 / 4);
	assert_int_equal(zones[ZONE_NORMAL].wmark_high, 78 + 78 / 2);
}

/*
 * Allocating order k splits the smallest free block of order o >= k: that
 * order loses a block and every order k..o-1 gains one (the upper halves).
 * Freeing merges them back into exactly the lists there were. Orders
 * 1..PCP_MAX_ORDER pass through this CPU's hot lists (a refill takes a
 * batch of blocks, a free parks the block there, as Linux does since
 * 5.13), so the lists are compared after drain_all_pages(), which gives
 * every parked block back: the split and the merge must then be exact.
 */
static void split_and_merge_are_exact(void **state)
{
	(void)state;
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		for (unsigned k = 1; k <= MAX_PAGE_ORDER; k++) {
			uint32_t before[NR_PAGE_ORDERS], want[NR_PAGE_ORDERS];
			uint32_t free = zone_nr_free(zt);
			struct page *p;
			unsigned o = k;

			buddyinfo_get(zt, before);
			while (o <= MAX_PAGE_ORDER && !before[o])
				o++;
			p = alloc_pages(movable_in[zt] | __GFP_NOWARN, k);
			if (o > MAX_PAGE_ORDER || free < (1u << k) + zones[zt].wmark_min) {
				/* This zone cannot serve it; a later zone of the zonelist may. */
				if (p) {
					assert_int_not_equal(page_zonenum(p), zt);
					__free_pages(p, k);
				}
				expect_info(zt, before, "untouched");
				continue;
			}
			assert_non_null(p);
			assert_int_equal(page_zonenum(p), zt);
			memcpy(want, before, sizeof(want));
			want[o]--;
			for (unsigned j = k; j < o; j++)
				want[j]++;
			drain_all_pages();
			expect_info(zt, want, "after the split");
			assert_int_equal(zone_nr_free(zt), free - (1u << k));
			__free_pages(p, k);
			/* Parked whole on the hot list (counted free), merged by the drain. */
			assert_int_equal(zone_nr_free(zt), free);
			assert_int_equal(!!(p->flags & PG_pcp), k <= PCP_MAX_ORDER);
			assert_int_equal(zone_check(&zones[zt]), 0);
			drain_all_pages();
			expect_info(zt, before, "after the merge");
		}
		assert_int_equal(zone_check(&zones[zt]), 0);
	}
	assert_int_equal(vm_stats.misuse, 0);
}

/* Order-0 pages come through the hot list; once drained the lists are as before. */
static void order0_split_is_undone_by_drain(void **state)
{
	uint32_t before[NR_PAGE_ORDERS];
	struct zone *z = &zones[ZONE_NORMAL];
	struct page *p;

	(void)state;
	buddyinfo_get(ZONE_NORMAL, before);
	p = alloc_page(GFP_KERNEL | __GFP_MOVABLE);
	assert_non_null(p);
	assert_int_equal(z->pcp[0].count, z->pcp[0].batch - 1); /* a refill of one batch */
	assert_int_equal(z->nr_free, z->managed - z->pcp[0].batch);
	__free_page(p);
	assert_int_equal(z->pcp[0].count, z->pcp[0].batch);
	assert_int_equal(zone_drain_pcp(z), z->pcp[0].batch);
	expect_info(ZONE_NORMAL, before, "after drain");
}

/* Order-k blocks the free lists can give: 2^(o-k) per free block of order o >= k. */
static uint32_t blocks_available(const uint32_t *info, unsigned k)
{
	uint32_t n = 0;

	for (unsigned o = k; o < NR_PAGE_ORDERS; o++)
		n += info[o] << (o - k);
	return n;
}

/* Every zone, every order: take all, check each block, give all back. */
static void exhaust_every_zone_and_order(void **state)
{
	static struct page *got[8192];
	static uint8_t owned[8192];

	(void)state;
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		struct zone *z = &zones[zt];
		uint32_t before[NR_PAGE_ORDERS];

		buddyinfo_get(zt, before);
		for (unsigned k = 0; k <= MAX_PAGE_ORDER; k++) {
			uint32_t n = 0, want = blocks_available(before, k);
			struct page *p;

			memset(owned, 0, sizeof(owned));
			while ((p = zone_alloc(z, k, MIGRATE_MOVABLE, ALLOC_NO_WMARKS))) {
				uint32_t pfn = page_to_pfn(p);

				assert_true(n < ARRAY_SIZE(got));
				if (pfn & ((1u << k) - 1))
					fail_msg("order-%u block at pfn %#x is misaligned", k, pfn);
				if (!zone_spans_pfn(z, pfn) ||
				    !zone_spans_pfn(z, pfn + (1u << k) - 1))
					fail_msg("order-%u block at pfn %#x leaves zone %s", k, pfn,
						 z->name);
				assert_int_equal(p->flags, zt | MIGRATE_MOVABLE << PG_MT_SHIFT |
								   PG_head | k << PG_ORDER_SHIFT);
				for (uint32_t i = 0; i < (1u << k); i++) {
					if (owned[pfn - BASE + i])
						fail_msg("pfn %#x handed out twice", pfn + i);
					owned[pfn - BASE + i] = 1;
					assert_false(PageReserved(p + i));
				}
				got[n++] = p;
			}
			if (n != want)
				fail_msg("zone %s order %u: %u blocks, want %u", z->name, k, n,
					 want);
			assert_int_equal(zone_free_pages(z), z->managed - (n << k));
			while (n)
				__free_pages(got[--n], k);
			drain_all_pages();
			expect_info(zt, before, "after giving everything back");
			assert_int_equal(zone_check(z), 0);
		}
	}
}

/* The hot list is LIFO, and frees past high give a batch back to the buddy lists. */
static void hot_list_reuses_and_spills(void **state)
{
	static struct page *got[200];
	struct zone *z = &zones[ZONE_NORMAL];
	struct page *p = alloc_page(GFP_KERNEL);

	(void)state;
	assert_non_null(p);
	__free_page(p);
	assert_ptr_equal(alloc_page(GFP_KERNEL), p);
	__free_page(p);
	for (unsigned i = 0; i < ARRAY_SIZE(got); i++)
		assert_non_null(got[i] = alloc_page(GFP_KERNEL));
	for (unsigned i = 0; i < ARRAY_SIZE(got); i++) {
		__free_page(got[i]);
		if (z->pcp[0].count > z->pcp[0].high)
			fail_msg("after %u frees the hot list holds %u pages (high %u)", i + 1,
				 z->pcp[0].count, z->pcp[0].high);
	}
	assert_true(z->pcp[0].count > z->pcp[0].high - z->pcp[0].batch);
	assert_int_equal(zone_check(z), 0);
	drain_all_pages();
	assert_int_equal(z->pcp[0].count, 0);
	assert_int_equal(zone_nr_free(ZONE_NORMAL), z->managed);
}

/*
 * A hot list filled to its high mark with movable pages, then an
 * unmovable page allocated and freed again and again: each spill must take
 * the movable pages, so the page just freed stays hot. Spilling its own
 * list emptied it, and every allocation refilled it from the buddy lists.
 */
static void spill_keeps_the_type_in_use(void **state)
{
	static struct page *movable[300];
	struct zone *z = &zones[ZONE_NORMAL];

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(movable); i++)
		assert_non_null(movable[i] = alloc_page(GFP_KERNEL | __GFP_MOVABLE));
	for (unsigned i = 0; i < ARRAY_SIZE(movable); i++)
		__free_page(movable[i]);
	assert_true(z->pcp[0].count > z->pcp[0].high - z->pcp[0].batch);
	for (unsigned round = 0; round < 3 * z->pcp[0].batch; round++) {
		struct page *p = alloc_page(GFP_KERNEL);

		assert_non_null(p);
		__free_page(p);
		if (!(p->flags & PG_pcp))
			fail_msg("round %u: the unmovable page just freed was spilled", round);
	}
	assert_false(list_empty(&z->pcp[0].lists[MIGRATE_UNMOVABLE]));
	drain_all_pages();
	assert_int_equal(zone_nr_free(ZONE_NORMAL), z->managed);
	assert_int_equal(zone_check(z), 0);
}

/*
 * alloc_pages_bulk: the hot list first, then blocks split into single pages;
 * down to the zone's watermark, then the next zone of the list, as single
 * allocations would go. free_pages_bulk gives everything back (a bad entry
 * is reported and skipped), and draining merges it all again.
 */
static void bulk_alloc_and_free(void **state)
{
	static struct page *got[1100];
	struct zone *hz = &zones[ZONE_HIGHMEM];
	struct page *hot = alloc_page(GFP_HIGHUSER);
	unsigned n, high = 0;
	uint32_t misuse;

	(void)state;
	assert_non_null(hot);
	__free_page(hot); /* now the hot list's first page */
	n = alloc_pages_bulk(GFP_HIGHUSER, ARRAY_SIZE(got), got);
	assert_int_equal(n, ARRAY_SIZE(got));
	assert_ptr_equal(got[0], hot);
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(got[i]->flags & ~(PG_ZONE_MASK | PG_MT_MASK), PG_head);
		high += PageHighMem(got[i]);
		for (unsigned j = 0; j < i; j += 97) /* a sample: no page handed out twice */
			assert_ptr_not_equal(got[i], got[j]);
	}
	assert_int_equal(high, hz->managed - hz->wmark_min);
	assert_int_equal(buddy_check(), 0);

	misuse = vm_stats.misuse;
	{
		struct page *left_out = got[700];

		got[700] = got[699]; /* a double free inside a run */
		free_pages_bulk(got, n);
		free_pages_bulk(&left_out, 1);
	}
	free_pages_bulk(&got[0], 1); /* a double free on its own */
	assert_int_equal(vm_stats.misuse, misuse + 2);
	assert_int_equal(buddy_check(), 0);
	drain_all_pages();
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++)
		assert_int_equal(zone_nr_free(zt), zones[zt].managed);
	assert_int_equal(hz->area[MAX_PAGE_ORDER].nr_free, 1); /* merged back into one block */
}

static void conversions_agree(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 32; i++) {
		gfp_t gfp = i % 3 == 0   ? GFP_KERNEL
			    : i % 3 == 1 ? GFP_KERNEL | GFP_DMA
					 : GFP_HIGHUSER;
		struct page *p = alloc_pages(gfp, i % 4);
		uint8_t *va;

		assert_non_null(p);
		va = page_address(p);
		assert_ptr_equal(pfn_to_page(page_to_pfn(p)), p);
		assert_int_equal(page_to_phys(p), page_to_pfn(p) << 12);
		if (PageHighMem(p)) {
			assert_null(va);
			assert_true(page_to_pfn(p) >= max_low_pfn);
		} else {
			assert_non_null(va);
			assert_ptr_equal(virt_to_page(va), p);
			assert_ptr_equal(virt_to_page(va + 4095), p);
			assert_ptr_equal(virt_to_page(va + 4096), p + 1);
			assert_ptr_equal(buddy_env_page_mem(p), va);
		}
		__free_pages(p, i % 4);
	}
}

static void introspection_adds_up(void **state)
{
	struct page *a = alloc_pages(GFP_KERNEL, 3), *b = alloc_page(GFP_HIGHUSER);

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		uint32_t counts[NR_PAGE_ORDERS], pages = 0;

		buddyinfo_get(zt, counts);
		for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
			pages += counts[o] << o;
		assert_int_equal(pages, zone_nr_free(zt));
	}
	assert_int_equal(nr_free_pages(), 5056 - 8 - 1);
	host_printk_clear();
	show_buddyinfo();
	assert_non_null(strstr(host_printk_output(), "Node 0, zone      DMA"));
	assert_non_null(strstr(host_printk_output(), "Node 0, zone  HighMem"));
	host_printk_clear();
	show_meminfo();
	assert_non_null(strstr(host_printk_output(), "MemTotal: 20224 kB, MemFree: 20188 kB"));
	__free_pages(a, 3);
	__free_page(b);
	assert_int_equal(buddy_check(), 0);
}

/*
 * Orders at their extremes, given directly and as get_order() of extreme
 * sizes, to alloc_pages() and __get_free_pages(): up to MAX_PAGE_ORDER a
 * block comes back; past it NULL, one warning (none under __GFP_NOWARN)
 * and one misuse counted. A lowmem address of highmem pages is one warning
 * at any order. Every page is back afterwards.
 */
static void orders_at_extremes(void **state)
{
	static const size_t sizes[] = { 0, 1, PAGE_SIZE - 1, 0x80000000u, 0xffffffffu, SIZE_MAX };
	unsigned orders[8 + ARRAY_SIZE(sizes)] = {
		0, 1, MAX_PAGE_ORDER, MAX_PAGE_ORDER + 1, 31, 32, 0x80000000u, 0xffffffffu,
	};
	uint32_t free0;

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		orders[8 + i] = get_order(sizes[i]);
	drain_all_pages();
	free0 = nr_free_pages();
	for (unsigned i = 0; i < ARRAY_SIZE(orders); i++)
		for (unsigned nowarn = 0; nowarn < 2; nowarn++)
			for (unsigned by_address = 0; by_address < 2; by_address++) {
				unsigned order = orders[i], lines = printk_lines;
				gfp_t gfp = GFP_KERNEL | (nowarn ? __GFP_NOWARN : 0);
				uint32_t misuse = vm_stats.misuse;
				struct page *page = NULL;
				uintptr_t addr = 0;

				host_printk_clear();
				if (by_address)
					addr = __get_free_pages(gfp, order);
				else
					page = alloc_pages(gfp, order);
				if (order <= MAX_PAGE_ORDER) {
					assert_true(page || addr);
					assert_int_equal(printk_lines, lines);
					if (by_address)
						free_pages(addr, order);
					else
						__free_pages(page, order);
					continue;
				}
				assert_true(!page && !addr);
				assert_int_equal(vm_stats.misuse, misuse + 1);
				assert_int_equal(printk_lines, lines + !nowarn);
				if (!nowarn)
					assert_non_null(
						strstr(host_printk_output(),
						       "WARNING: page allocation failure: order:"));
			}
	for (unsigned i = 0; i < ARRAY_SIZE(orders); i++) {
		unsigned lines = printk_lines;

		assert_int_equal(__get_free_pages(GFP_HIGHUSER, orders[i]), 0);
		assert_int_equal(printk_lines, lines + 1);
	}
	drain_all_pages();
	assert_int_equal(nr_free_pages(), free0);
	assert_int_equal(buddy_check(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(initial_free_lists, buddy_test_setup),
		cmocka_unit_test_setup(split_and_merge_are_exact, buddy_test_setup),
		cmocka_unit_test_setup(order0_split_is_undone_by_drain, buddy_test_setup),
		cmocka_unit_test_setup(exhaust_every_zone_and_order, buddy_test_setup),
		cmocka_unit_test_setup(hot_list_reuses_and_spills, buddy_test_setup),
		cmocka_unit_test_setup(spill_keeps_the_type_in_use, buddy_test_setup),
		cmocka_unit_test_setup(bulk_alloc_and_free, buddy_test_setup),
		cmocka_unit_test_setup(conversions_agree, buddy_test_setup),
		cmocka_unit_test_setup(introspection_adds_up, buddy_test_setup),
		cmocka_unit_test_setup(orders_at_extremes, buddy_test_setup),
	};

	return cmocka_run_group_tests_name("buddy_alloc", tests, NULL, NULL);
}

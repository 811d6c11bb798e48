/*
 * zone_check() against state corrupted on purpose (as Linux's slub_kunit
 * does for SLUB): each test breaks one flag, counter or link of a busy
 * zone, asserts that the checker reports problems with the expected text,
 * then undoes the damage where that is simple and asserts a clean check.
 * Layout: see test_buddy_alloc.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "buddy_env.h"
#include "host_env.h"

#define BASE BUDDY_ENV_BASE_PFN

static struct zone *const normal = &zones[ZONE_NORMAL];
static struct page *held[3]; /* allocated blocks of orders 0, 2 and 5 */

/* A busy Normal zone: split blocks of many orders, hot-list pages, live blocks. */
static int setup(void **state)
{
	struct page *hot[8];

	(void)state;
	host_env_reset();
	buddy_env_init(NULL);
	held[0] = alloc_page(GFP_KERNEL);
	held[1] = alloc_pages(GFP_KERNEL, 2);
	held[2] = alloc_pages(GFP_KERNEL | __GFP_MOVABLE, 5);
	for (unsigned i = 0; i < ARRAY_SIZE(hot); i++)
		hot[i] = alloc_page(GFP_KERNEL);
	for (unsigned i = 0; i < ARRAY_SIZE(hot); i += 2)
		__free_page(hot[i]);
	assert_true(normal->pcp[0].count > 0);
	assert_int_equal(buddy_check(), 0);
	host_printk_clear();
	return 0;
}

/* zone_check() must find at least one problem and say text about it. */
static void expect_caught(const struct zone *z, const char *text, int line)
{
	unsigned problems;

	host_printk_clear();
	problems = zone_check(z);
	if (!problems)
		fail_msg("line %d: zone_check() found nothing (want \"%s\")", line, text);
	if (!strstr(host_printk_output(), text))
		fail_msg("line %d: zone_check() reported %u problems:\n%swant \"%s\"", line,
			 problems, host_printk_output(), text);
	if (!strstr(host_printk_output(), "buddy: Normal: "))
		fail_msg("line %d: reports do not name the zone", line);
}
#define EXPECT_CAUGHT(z, text) expect_caught(z, text, __LINE__)

static void expect_clean(void)
{
	host_printk_clear();
	if (buddy_check())
		fail_msg("after the repair: %s", host_printk_output());
}

/* The first free block of the lowest order >= min_order, and that order. */
static struct page *free_block(struct zone *z, unsigned min_order, unsigned *order)
{
	for (unsigned o = min_order; o < NR_PAGE_ORDERS; o++)
		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
			if (!list_empty(&z->area[o].free_list[mt])) {
				*order = o;
				return list_first_entry(&z->area[o].free_list[mt], struct page,
							lru);
			}
	fail_msg("no free block of order >= %u", min_order);
	return NULL;
}

static struct page *hot_page(struct zone *z)
{
	for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
		if (!list_empty(&z->pcp[0].lists[mt]))
			return list_first_entry(&z->pcp[0].lists[mt], struct page, lru);
	fail_msg("no hot-list page");
	return NULL;
}

/* Flip bits in a page's flags, check, flip them back. */
static void flip_flags(struct page *p, uint32_t bits, const char *text, int line)
{
	p->flags ^= bits;
	expect_caught(normal, text, line);
	p->flags ^= bits;
	expect_clean();
}
#define FLIP(p, bits, text) flip_flags(p, bits, text, __LINE__)

static void free_block_flags(void **state)
{
	unsigned o;
	struct page *p = free_block(normal, 1, &o);

	(void)state;
	FLIP(p, PG_buddy, "list has flags");
	FLIP(p, 1u << PG_ORDER_SHIFT, "list has flags");
	FLIP(p, 2u << PG_MT_SHIFT, "list has flags");
	FLIP(p, PG_pcp, "list has flags");
	FLIP(p, PG_reserved, "list has flags");
	FLIP(p + 1, PG_head, "inside a free block has flags");
	FLIP(p + 1, PG_buddy, "pages flagged free, ");
	FLIP(p + (1u << o) - 1, PG_reserved, "inside a free block has flags");
}

static void hot_page_flags(void **state)
{
	struct page *p = hot_page(normal);

	(void)state;
	FLIP(p, PG_pcp, "hot-list pfn");
	FLIP(p, PG_head, "hot-list pfn");
	FLIP(p, PG_buddy, "pages flagged free, ");
}

/* Allocated pages are on no list: a free or hot flag on one is a lost page. */
static void stray_flags_on_allocated_pages(void **state)
{
	(void)state;
	FLIP(held[0], PG_buddy, "pages flagged free, ");
	FLIP(held[0], PG_pcp, "pages flagged hot, ");
	FLIP(held[1] + 2, PG_pcp, "pages flagged hot, ");
	FLIP(held[2], PG_buddy, "pages flagged free, ");
}

static void zone_bits(void **state)
{
	unsigned o;

	(void)state;
	FLIP(held[1], ZONE_DMA ^ ZONE_NORMAL, "has zone 0");
	FLIP(free_block(normal, 0, &o), ZONE_HIGHMEM ^ ZONE_NORMAL, "has zone 2");
}

/* Change a counter by delta, check, change it back. */
static void bump(uint32_t *counter, int delta, const char *text, int line)
{
	*counter += (uint32_t)delta;
	expect_caught(normal, text, line);
	*counter -= (uint32_t)delta;
	expect_clean();
}
#define BUMP(c, d, text) bump(&(c), d, text, __LINE__)

static void counters(void **state)
{
	unsigned o;

	(void)state;
	free_block(normal, 0, &o);
	BUMP(normal->area[o].nr_free, 1, "blocks listed, nr_free says");
	BUMP(normal->area[o].nr_free, -1, "blocks listed, nr_free says");
	BUMP(normal->area[MAX_PAGE_ORDER].nr_free, 1, "blocks listed, nr_free says");
	BUMP(normal->nr_free, 1, "pages on the lists, nr_free says");
	BUMP(normal->nr_free, -1, "pages on the lists, nr_free says");
	BUMP(normal->pcp[0].count, 1, "on the hot list, count says");
	BUMP(normal->pcp[0].count, -1, "on the hot list, count says");
	BUMP(normal->managed, -(int)(normal->managed - zone_free_pages(normal) + 1), "free of");
}

static void pageblock_type(void **state)
{
	unsigned o;
	struct page *p = free_block(normal, 0, &o);
	uint8_t *mt = &normal->pageblock_mt[(page_to_pfn(p) >> PAGEBLOCK_ORDER) -
					    (normal->start_pfn >> PAGEBLOCK_ORDER)];
	uint8_t was = *mt;

	(void)state;
	*mt = (uint8_t)((was + 1) % MIGRATE_TYPES);
	EXPECT_CAUGHT(normal, "pageblock");
	*mt = was;
	expect_clean();
}

/* Unlink a free block of order o and account for it as gone. */
static void unlist(struct zone *z, struct page *p, unsigned o)
{
	list_del(&p->lru);
	z->area[o].nr_free--;
	p->flags &= PG_ZONE_MASK;
}

/* List pfn as a free block of order o (flags and counters as the allocator would). */
static void relist(struct zone *z, struct page *p, unsigned o)
{
	unsigned mt = z->pageblock_mt[(page_to_pfn(p) >> PAGEBLOCK_ORDER) -
				      (z->start_pfn >> PAGEBLOCK_ORDER)];

	p->flags = (p->flags & PG_ZONE_MASK) | PG_buddy | o << PG_ORDER_SHIFT | mt << PG_MT_SHIFT;
	list_add(&p->lru, &z->area[o].free_list[mt]);
	z->area[o].nr_free++;
}

/* Two free halves left side by side: the checker wants them merged. */
static void unmerged_buddies(void **state)
{
	unsigned o;
	struct page *p = free_block(normal, 1, &o);

	(void)state;
	unlist(normal, p, o);
	relist(normal, p, o - 1);
	relist(normal, p + (1u << (o - 1)), o - 1);
	EXPECT_CAUGHT(normal, "were not merged");
	unlist(normal, p, o - 1);
	unlist(normal, p + (1u << (o - 1)), o - 1);
	relist(normal, p, o);
	expect_clean();
}

/*
 * A free block of order o >= 2 relabelled as order 0, a misaligned order 1,
 * order 0, then the upper halves of orders 2..o-1: the same pages, no
 * mergeable pair, one misaligned head.
 */
static void misaligned_block(void **state)
{
	unsigned o;
	struct page *p = free_block(normal, 2, &o);

	(void)state;
	unlist(normal, p, o);
	relist(normal, p, 0);
	relist(normal, p + 1, 1);
	relist(normal, p + 3, 0);
	for (unsigned k = 2; k < o; k++)
		relist(normal, p + (1u << k), k);
	EXPECT_CAUGHT(normal, "misaligned for order 1");
	host_printk_clear();
	assert_int_equal(zone_check(normal), 1);
}

/* A free block relabelled larger than what is left of the zone. */
static void block_past_the_zone(void **state)
{
	struct zone *dma = &zones[ZONE_DMA];
	struct page *p = pfn_to_page(BASE + 1024); /* DMA's last block: order 9 */

	(void)state;
	assert_true(PageBuddy(p) && page_order(p) == 9);
	unlist(dma, p, 9);
	relist(dma, p, 10);
	host_printk_clear();
	assert_true(zone_check(dma) > 0);
	assert_non_null(strstr(host_printk_output(),
			       "DMA: free block pfn 0x60400 order 10 outside the zone"));
	unlist(dma, p, 10);
	relist(dma, p, 9);
	expect_clean();
}

/* buddy_check() adds up the problems of every zone. */
static void buddy_check_sums_zones(void **state)
{
	unsigned o;

	(void)state;
	normal->nr_free++;
	zones[ZONE_HIGHMEM].nr_free++;
	free_block(&zones[ZONE_DMA], 0, &o);
	zones[ZONE_DMA].area[o].nr_free++;
	host_printk_clear();
	assert_int_equal(buddy_check(), zone_check(&zones[ZONE_DMA]) + zone_check(normal) +
						zone_check(&zones[ZONE_HIGHMEM]));
	assert_true(zone_check(&zones[ZONE_DMA]) > 0 && zone_check(&zones[ZONE_HIGHMEM]) > 0);
	assert_non_null(strstr(host_printk_output(), "buddy: HighMem: "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(free_block_flags, setup),
		cmocka_unit_test_setup(hot_page_flags, setup),
		cmocka_unit_test_setup(stray_flags_on_allocated_pages, setup),
		cmocka_unit_test_setup(zone_bits, setup),
		cmocka_unit_test_setup(counters, setup),
		cmocka_unit_test_setup(pageblock_type, setup),
		cmocka_unit_test_setup(unmerged_buddies, setup),
		cmocka_unit_test_setup(misaligned_block, setup),
		cmocka_unit_test_setup(block_past_the_zone, setup),
		cmocka_unit_test_setup(buddy_check_sums_zones, setup),
	};

	return cmocka_run_group_tests_name("buddy_check", tests, NULL, NULL);
}

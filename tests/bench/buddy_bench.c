/*
 * Page allocator benchmarks, in guest instructions per operation:
 *
 *   - an order-0 alloc_page + __free_page pair on a warm hot list (the
 *     common case: no split, no merge);
 *   - the same through __get_free_pages + free_pages (addresses, out of
 *     line);
 *   - the same pair on a fresh allocator: 1,000 allocations after the hot
 *     lists were drained (refills split blocks off the buddy lists), then
 *     1,000 frees (spills merge them back); total / 1,000;
 *   - mixed orders 0..4 with 2,000 blocks live: each iteration frees a
 *     random live block and allocates a block of random order in its place;
 *     the figure is per operation (an allocation or a free).
 *
 * `make bench` runs these at 1 GB and 128 MB of RAM to show the cost does
 * not grow with memory size.
 */
#include "mm.h"
#include "printk.h"
#include "bench.h"
#include "xorshift.h"

#define MIXED_LIVE  2000
#define FRESH_PAGES 1000

static struct page *live[MIXED_LIVE > FRESH_PAGES ? MIXED_LIVE : FRESH_PAGES];
static uint8_t live_order[MIXED_LIVE];

static uint64_t pair_hot(unsigned iterations)
{
	struct page *p = alloc_page(GFP_KERNEL); /* warm the hot list */
	uint64_t t0;

	if (!p)
		return BENCH_FAILED;
	__free_page(p);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++)
		__free_page(alloc_page(GFP_KERNEL));
	return bench_counter_read() - t0;
}
BENCH_CASE(buddy_pair_hot, "alloc_page+__free_page, hot list", pair_hot, 10000);

static uint64_t gfp_pair_hot(unsigned iterations)
{
	uintptr_t a = __get_free_pages(GFP_KERNEL, 0); /* warm the hot list */
	uint64_t t0;

	if (!a || a != (uintptr_t)page_address(virt_to_page((void *)a)))
		return BENCH_FAILED;
	free_pages(a, 0);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++)
		free_pages(__get_free_pages(GFP_KERNEL, 0), 0);
	return bench_counter_read() - t0;
}
BENCH_CASE(buddy_gfp_pair_hot, "__get_free_pages+free_pages order 0", gfp_pair_hot, 10000);

static uint64_t pair_fresh(unsigned iterations)
{
	uint64_t t0, total;

	if (iterations > FRESH_PAGES)
		return BENCH_FAILED;
	drain_all_pages();
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++)
		live[i] = alloc_page(GFP_KERNEL);
	for (unsigned i = 0; i < iterations; i++)
		__free_page(live[i]);
	total = bench_counter_read() - t0;
	for (unsigned i = 0; i < iterations; i++)
		if (!live[i])
			return BENCH_FAILED;
	/* Two loops ran: add one empty loop's worth back for the runner to subtract. */
	return total - bench_empty_loop(iterations);
}
BENCH_CASE(buddy_pair_fresh, "alloc_page+__free_page, fresh (split/merge)", pair_fresh,
	   FRESH_PAGES);

static uint32_t rnd_state;

static inline uint32_t rnd(void)
{
	return xorshift32(&rnd_state);
}

static uint64_t mixed(unsigned iterations)
{
	uint64_t t0, total;
	uint32_t failed = 0;

	rnd_state = 0x9e3779b9;
	for (unsigned i = 0; i < MIXED_LIVE; i++) {
		live_order[i] = rnd() % 5;
		live[i] = alloc_pages(GFP_KERNEL, live_order[i]);
		if (!live[i])
			return BENCH_FAILED;
	}
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		uint32_t r = rnd();
		unsigned slot = r % MIXED_LIVE, order = (r >> 16) % 5;

		__free_pages(live[slot], live_order[slot]);
		live[slot] = alloc_pages(GFP_KERNEL, order);
		live_order[slot] = (uint8_t)order;
		failed += !live[slot];
	}
	total = bench_counter_read() - t0;
	for (unsigned i = 0; i < MIXED_LIVE; i++)
		if (live[i])
			__free_pages(live[i], live_order[i]);
	if (failed)
		return BENCH_FAILED;
	/* Each iteration is two operations: report per operation. */
	return (total + bench_empty_loop(iterations)) / 2;
}
BENCH_CASE(buddy_mixed, "mixed orders 0..4, 2000 live (per op)", mixed, 20000);

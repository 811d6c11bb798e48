/*
 * Host benchmark of the page allocator's portable core (mm/buddy), the same
 * cases as the target's tests/bench/buddy_bench.c, counted by callgrind
 * instead of QEMU's icount (scripts/bench-host, `make bench-host`):
 *
 *   - an order-0 alloc_page + __free_page pair on a warm hot list;
 *   - the same pair on a fresh allocator: 1,000 allocations after the hot
 *     lists were drained (refills split blocks), then 1,000 frees (spills
 *     merge them back); figure per pair;
 *   - mixed orders 0..4 with 2,000 blocks live: each iteration frees a
 *     random live block and allocates one of random order in its place;
 *     figure per operation (an allocation or a free).
 *
 * Protocol and driver: tests/host/bench_main.h, scripts/bench-host.
 *
 * Memory: 128 MB of fake RAM, 16 MB DMA + 112 MB Normal, like the target's
 * smaller `make bench` run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_env.h"
#include "bench_main.h"

#define MIXED_LIVE  2000
#define FRESH_PAGES 1000

static struct page *live[MIXED_LIVE > FRESH_PAGES ? MIXED_LIVE : FRESH_PAGES];
static uint8_t live_order[MIXED_LIVE];
static uint32_t failed, rnd_state;

/* ---- the cases ---- */

static bool pair_hot_setup(void)
{
	struct page *p = alloc_page(GFP_KERNEL); /* warm the hot list */

	if (!p)
		return false;
	__free_page(p);
	return true;
}

static void pair_hot(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++)
		__free_page(alloc_page(GFP_KERNEL));
}

static bool pair_fresh_setup(void)
{
	drain_all_pages();
	return true;
}

static void pair_fresh(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++)
		live[i] = alloc_page(GFP_KERNEL);
	for (unsigned i = 0; i < iterations; i++)
		__free_page(live[i]);
}

static bool pair_fresh_check(void)
{
	for (unsigned i = 0; i < FRESH_PAGES; i++)
		if (!live[i])
			return false;
	return true;
}

static bool mixed_setup(void)
{
	rnd_state = 0x9e3779b9;
	for (unsigned i = 0; i < MIXED_LIVE; i++) {
		live_order[i] = xorshift32(&rnd_state) % 5;
		live[i] = alloc_pages(GFP_KERNEL, live_order[i]);
		if (!live[i])
			return false;
	}
	return true;
}

static void mixed(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		uint32_t r = xorshift32(&rnd_state);
		unsigned slot = r % MIXED_LIVE, order = (r >> 16) % 5;

		__free_pages(live[slot], live_order[slot]);
		live[slot] = alloc_pages(GFP_KERNEL, order);
		live_order[slot] = (uint8_t)order;
		failed += !live[slot];
	}
}

static bool mixed_check(void)
{
	for (unsigned i = 0; i < MIXED_LIVE; i++)
		if (live[i])
			__free_pages(live[i], live_order[i]);
	return true;
}

static const struct bench_case cases[] = {
	{ "empty", "empty loop", 10000, 1, 1, NULL, bench_empty_loop, NULL, NULL },
	{ "pair_hot", "alloc_page+__free_page, hot list", 10000, 1, 1, pair_hot_setup, pair_hot,
	  NULL, NULL },
	{ "pair_fresh", "alloc_page+__free_page, fresh (split/merge)", FRESH_PAGES, 2, 1,
	  pair_fresh_setup, pair_fresh, pair_fresh_check, NULL },
	{ "mixed", "mixed orders 0..4, 2000 live (per op)", 20000, 1, 2, mixed_setup, mixed,
	  mixed_check, NULL },
};

/* ---- for the driver (bench_main.c) ---- */

static void init(void)
{
	buddy_env_init(&bench_layout);
}

static unsigned finish(void)
{
	drain_all_pages();
	return buddy_check();
}

const struct bench_target bench_target = {
	.name = "bench_buddy",
	.cases = cases,
	.nr_cases = ARRAY_SIZE(cases),
	.failed = &failed,
	.init = init,
	.clean = NULL,
	.finish = finish,
};

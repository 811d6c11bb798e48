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
 * Then the hot pair and the mixed orders again through OUT-OF-LINE calls:
 * the loops call bench_alloc_pages() and bench_free_pages(), functions the
 * compiler may neither inline nor specialise (noinline, noipa), so the GFP
 * value and the order reach the allocator as run-time values, as from any
 * caller in another file. In the first cases the inline fast paths fold
 * into the loop with a constant GFP_KERNEL; here nothing of the allocator
 * can hide in the loop, and the figures compare with the "plain
 * function-call interface" anchors (../shared/BENCH-ANCHORS.md, W4:
 * free-list floor 69 / 98, RT-Thread buddy 79 / 80 x86 instructions).
 * Their random choices are drawn before the timed loop (the very draws
 * the inline mixed loop makes as it goes), and the mixed case subtracts a
 * bookkeeping loop (the same loop with the two calls replaced by an empty
 * asm that keeps the pointer), so its figure is the calls alone: argument
 * set-up, call, allocator, return.
 *
 * Protocol and driver: tests/host/bench_main.h, scripts/bench-host.
 *
 * Memory: 128 MB of fake RAM, 16 MB DMA + 112 MB Normal, like the target's
 * smaller `make bench` run (the anchors' arena is 64 MB; the mixed blocks
 * take 2,000 x 6.2 pages on average, about 48 MB).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_env.h"
#include "bench_main.h"

#define MIXED_LIVE  2000
#define MIXED_OPS   20000
#define FRESH_PAGES 1000

__attribute__((noinline, noipa)) struct page *bench_alloc_pages(gfp_t gfp, unsigned order);
__attribute__((noinline, noipa)) void bench_free_pages(struct page *page, unsigned order);

struct page *bench_alloc_pages(gfp_t gfp, unsigned order)
{
	return alloc_pages(gfp, order);
}

void bench_free_pages(struct page *page, unsigned order)
{
	__free_pages(page, order);
}

static struct page *live[MIXED_LIVE > FRESH_PAGES ? MIXED_LIVE : FRESH_PAGES];
static uint8_t live_order[MIXED_LIVE], book_order[MIXED_LIVE];
static uint16_t seq_slot[MIXED_OPS];
static uint8_t seq_order[MIXED_OPS];
static uint32_t failed, rnd_state;

/* ---- inline fast paths ---- */

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

/*
 * 2,000 live blocks of random orders, and the sequence of (slot, order)
 * draws that follows; rnd_state is left where the live blocks' draws end,
 * so the inline loop draws that same sequence as it goes.
 */
static bool mixed_setup(void)
{
	uint32_t after_live;

	rnd_state = 0x9e3779b9;
	for (unsigned i = 0; i < MIXED_LIVE; i++) {
		live_order[i] = xorshift32(&rnd_state) % 5;
		live[i] = alloc_pages(GFP_KERNEL, live_order[i]);
		if (!live[i])
			return false;
	}
	after_live = rnd_state;
	for (unsigned i = 0; i < MIXED_OPS; i++) {
		uint32_t r = xorshift32(&rnd_state);

		seq_slot[i] = (uint16_t)(r % MIXED_LIVE);
		seq_order[i] = (uint8_t)((r >> 16) % 5);
	}
	rnd_state = after_live;
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

/* ---- out-of-line calls ---- */

static bool calls_pair_setup(void)
{
	struct page *p = bench_alloc_pages(GFP_KERNEL, 0); /* warm the hot list */

	if (!p)
		return false;
	bench_free_pages(p, 0);
	return true;
}

static void calls_pair(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++)
		bench_free_pages(bench_alloc_pages(GFP_KERNEL, 0), 0);
}

static void calls_mixed(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = seq_slot[i], order = seq_order[i];

		bench_free_pages(live[slot], live_order[slot]);
		live[slot] = bench_alloc_pages(GFP_KERNEL, order);
		live_order[slot] = (uint8_t)order;
		failed += !live[slot];
	}
}

/*
 * The same loop without the calls: what calls_mixed() spends on its own
 * work. The orders go to an array of their own, so that the blocks stay
 * what they are and mixed_check() frees them as allocated.
 */
static void calls_mixed_bookkeeping(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = seq_slot[i], order = seq_order[i];
		struct page *p = live[slot];
		unsigned old = live_order[slot];

		__asm__ volatile("" : "+r"(p) : "r"(old), "r"(order));
		live[slot] = p;
		book_order[slot] = (uint8_t)order;
		failed += !live[slot];
	}
}

static const struct bench_case cases[] = {
	{ "empty", "empty loop", 10000, 1, 1, NULL, bench_empty_loop, NULL, NULL },
	{ "pair_hot", "alloc_page+__free_page, hot list", 10000, 1, 1, pair_hot_setup, pair_hot,
	  NULL, NULL },
	{ "pair_fresh", "alloc_page+__free_page, fresh (split/merge)", FRESH_PAGES, 2, 1,
	  pair_fresh_setup, pair_fresh, pair_fresh_check, NULL },
	{ "mixed", "mixed orders 0..4, 2000 live (per op)", MIXED_OPS, 1, 2, mixed_setup, mixed,
	  mixed_check, NULL },
	{ "calls_pair", "alloc_page+__free_page hot, out-of-line calls", 10000, 1, 1,
	  calls_pair_setup, calls_pair, NULL, NULL },
	{ "calls_mixed_bookkeeping", NULL, MIXED_OPS, 1, 2, mixed_setup, calls_mixed_bookkeeping,
	  mixed_check, NULL },
	{ "calls_mixed", "mixed orders 0..4, 2000 live, out-of-line calls (per op)", MIXED_OPS, 1,
	  2, mixed_setup, calls_mixed, mixed_check, "calls_mixed_bookkeeping" },
};

/* ---- for the driver (bench_main.c) ---- */

const struct bench_target bench_target = {
	.name = "bench_buddy",
	.cases = cases,
	.nr_cases = ARRAY_SIZE(cases),
	.failed = &failed,
	.init = bench_buddy_init,
	.clean = NULL,
	.finish = bench_buddy_finish,
};

/*
 * Host benchmark of the page allocator through OUT-OF-LINE calls: the
 * benchmark loops call bench_alloc_pages() and bench_free_pages(), plain
 * functions the compiler may neither inline nor specialise (noinline,
 * noipa), so the GFP value and the order reach the allocator as run-time
 * values, as from any caller in another file. In bench_buddy.c the inline
 * fast paths fold into the loop with a constant GFP_KERNEL; here nothing
 * of the allocator can hide in the loop, and the figures compare with the
 * "plain function-call interface" anchors (../shared/BENCH-ANCHORS.md, W4:
 * free-list floor 69 / 98, RT-Thread buddy 79 / 80 x86 instructions).
 *
 *   - an order-0 pair on a warm hot list (W4 order 0);
 *   - mixed orders 0..4 with 2,000 blocks live: each iteration frees a
 *     random live block and allocates one of random order in its place
 *     (W4 mixed); figure per operation.
 *
 * The random choices are drawn before the timed loop, and the mixed case
 * subtracts a bookkeeping loop (the same loop with the two calls replaced
 * by an empty asm that keeps the pointer), so its figure is the calls
 * alone: argument set-up, call, allocator, return.
 *
 * Protocol and driver: tests/host/bench_main.h, scripts/bench-host.
 * Memory: 128 MB of fake RAM, 16 MB DMA + 112 MB Normal (the anchors'
 * arena is 64 MB; the blocks live here take 2,000 x 6.2 pages on average,
 * about 48 MB).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_env.h"
#include "bench_main.h"

#define MIXED_LIVE 2000
#define MIXED_OPS  20000

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

static struct page *live[MIXED_LIVE];
static uint8_t live_order[MIXED_LIVE], book_order[MIXED_LIVE];
static uint16_t seq_slot[MIXED_OPS];
static uint8_t seq_order[MIXED_OPS];
static uint32_t failed;

/* ---- the cases ---- */

static bool pair_setup(void)
{
	struct page *p = bench_alloc_pages(GFP_KERNEL, 0); /* warm the hot list */

	if (!p)
		return false;
	bench_free_pages(p, 0);
	return true;
}

static void pair(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++)
		bench_free_pages(bench_alloc_pages(GFP_KERNEL, 0), 0);
}

static bool mixed_setup(void)
{
	uint32_t rnd_state = 0x9e3779b9;

	for (unsigned i = 0; i < MIXED_LIVE; i++) {
		live_order[i] = xorshift32(&rnd_state) % 5;
		live[i] = bench_alloc_pages(GFP_KERNEL, live_order[i]);
		if (!live[i])
			return false;
	}
	for (unsigned i = 0; i < MIXED_OPS; i++) {
		uint32_t r = xorshift32(&rnd_state);

		seq_slot[i] = (uint16_t)(r % MIXED_LIVE);
		seq_order[i] = (uint8_t)((r >> 16) % 5);
	}
	return true;
}

static void mixed(unsigned iterations)
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
 * The same loop without the calls: what mixed() spends on its own work. The
 * orders go to an array of their own, so that the blocks stay what they are
 * and mixed_check() frees them as allocated.
 */
static void mixed_bookkeeping(unsigned iterations)
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

static bool mixed_check(void)
{
	for (unsigned i = 0; i < MIXED_LIVE; i++)
		if (live[i])
			bench_free_pages(live[i], live_order[i]);
	return true;
}

static const struct bench_case cases[] = {
	{ "empty", "empty loop", 10000, 1, 1, NULL, bench_empty_loop, NULL, NULL },
	{ "pair", "alloc_page+__free_page hot, out-of-line calls", 10000, 1, 1, pair_setup, pair,
	  NULL, NULL },
	{ "mixed_bookkeeping", NULL, MIXED_OPS, 1, 2, mixed_setup, mixed_bookkeeping, mixed_check,
	  NULL },
	{ "mixed", "mixed orders 0..4, 2000 live, out-of-line calls (per op)", MIXED_OPS, 1, 2,
	  mixed_setup, mixed, mixed_check, "mixed_bookkeeping" },
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
	.name = "bench_buddy_calls",
	.cases = cases,
	.nr_cases = ARRAY_SIZE(cases),
	.failed = &failed,
	.init = init,
	.clean = NULL,
	.finish = finish,
};

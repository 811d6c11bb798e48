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
 * Protocol (what scripts/bench-host expects of every bench_* binary):
 *   BIN --list    one line per case: name, iterations, timed loops,
 *                 operations per iteration, label (tab-separated); the
 *                 case "empty" is the empty loop every figure subtracts
 *   BIN NAME      set the case up, run its timed part inside bench_timed()
 *                 (the only function callgrind counts), check the outcome;
 *                 exit status 0 when the checks pass
 * Figure = (Ir(case) - loops * iterations * Ir(empty) / its iterations)
 *          / (iterations * operations per iteration).
 *
 * Memory: 128 MB of fake RAM, 16 MB DMA + 112 MB Normal, like the target's
 * smaller `make bench` run.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_env.h"
#include "printk.h"

#define MIXED_LIVE  2000
#define FRESH_PAGES 1000

struct bench_case {
	const char *name;
	const char *label;
	unsigned iterations, loops, ops;
	bool (*setup)(void);
	void (*timed)(unsigned iterations);
	bool (*check)(void);
};

static struct page *live[MIXED_LIVE > FRESH_PAGES ? MIXED_LIVE : FRESH_PAGES];
static uint8_t live_order[MIXED_LIVE];
static uint32_t failed, rnd_state;

/* The allocator never prints while a case runs; if it does, the case fails. */
int vprintk(const char *fmt, va_list ap)
{
	failed++;
	return vfprintf(stderr, fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

static inline uint32_t rnd(void)
{
	uint32_t x = rnd_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rnd_state = x;
}

/* ---- the cases ---- */

static void empty_loop(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++)
		__asm__ volatile("");
}

static bool pair_hot_setup(void)
{
	struct page *p = alloc_page(GFP_KERNEL);        /* warm the hot list */

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
		live_order[i] = rnd() % 5;
		live[i] = alloc_pages(GFP_KERNEL, live_order[i]);
		if (!live[i])
			return false;
	}
	return true;
}

static void mixed(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		uint32_t r = rnd();
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
	{ "empty", "empty loop", 10000, 1, 1, NULL, empty_loop, NULL },
	{ "pair_hot", "alloc_page+__free_page, hot list", 10000, 1, 1,
	  pair_hot_setup, pair_hot, NULL },
	{ "pair_fresh", "alloc_page+__free_page, fresh (split/merge)", FRESH_PAGES, 2, 1,
	  pair_fresh_setup, pair_fresh, pair_fresh_check },
	{ "mixed", "mixed orders 0..4, 2000 live (per op)", 20000, 1, 2,
	  mixed_setup, mixed, mixed_check },
};

/* ---- the driver ---- */

/* What callgrind counts (--toggle-collect=bench_timed): the timed part only. */
__attribute__((noinline, noclone)) void bench_timed(const struct bench_case *c);
__attribute__((noinline, noclone)) void bench_timed(const struct bench_case *c)
{
	c->timed(c->iterations);
}

static const struct buddy_env_layout bench_layout = {
	.dma_pages = 4096, .normal_pages = 28672, .highmem_pages = 0,
	.reserved = { { 0, 512 } },                     /* the kernel image and its tables */
	.nr_reserved = 1,
};

static int run(const struct bench_case *c)
{
	uint32_t free_before;
	unsigned problems;

	buddy_env_init(&bench_layout);
	free_before = nr_free_pages();
	failed = 0;
	if (c->setup && !c->setup()) {
		fprintf(stderr, "bench_buddy: %s: set-up failed\n", c->name);
		return 1;
	}
	bench_timed(c);
	if ((c->check && !c->check()) || failed) {
		fprintf(stderr, "bench_buddy: %s: the timed loop failed\n", c->name);
		return 1;
	}
	drain_all_pages();
	problems = buddy_check();
	if (problems || nr_free_pages() != free_before) {
		fprintf(stderr, "bench_buddy: %s: %u problems, %u pages free of %u\n", c->name,
			problems, nr_free_pages(), free_before);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (unsigned i = 0; i < ARRAY_SIZE(cases); i++)
			printf("%s\t%u\t%u\t%u\t%s\n", cases[i].name, cases[i].iterations, cases[i].loops,
			       cases[i].ops, cases[i].label);
		return 0;
	}
	for (unsigned i = 0; argc == 2 && i < ARRAY_SIZE(cases); i++)
		if (!strcmp(argv[1], cases[i].name))
			return run(&cases[i]);
	fprintf(stderr, "usage: %s --list | CASE\n", argv[0]);
	return 2;
}

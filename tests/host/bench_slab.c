/*
 * Host benchmark of the slab allocator (mm/slab), the cases of the target's
 * tests/bench/slab_bench.c counted by callgrind instead of QEMU's icount
 * (scripts/bench-host, `make bench-host`):
 *
 *   - a 64-byte kmem_cache_alloc + kmem_cache_free pair on a warm CPU freelist;
 *   - 64-byte churn with 10,000 objects live: free a random one, allocate a
 *     replacement; figure per operation (an allocation or a free);
 *   - kmalloc of sizes drawn from {16, 32, 64, 96, 128, 192, 256, 512, 1024,
 *     2048} with 5,000 live, the same way; per operation.
 *
 * The random choices of the last two are drawn in the set-up, and their
 * figures subtract a "bookkeeping" case: the same loop without the
 * allocator calls (reading the choice and the live object, storing the new
 * one, counting failures), so they are the allocator's cost alone.
 *
 * Protocol and driver: tests/host/bench_main.h, scripts/bench-host.
 * Memory: 128 MB of fake RAM (16 MB DMA + 112 MB Normal), below 4 GB
 * (slab_env.c), the slab allocator over it without debugging.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_main.h"
#include "slab_env.h"
#include "mm/slab/slab_internal.h"
#include "tests/slab_bench.h"

/* The cases' arrays (tests/slab_bench.h). */
static void *live[SLAB_BENCH_CHURN_LIVE];
static uint16_t live_size[SLAB_BENCH_MIX_LIVE];
static uint16_t seq_slot[SLAB_BENCH_SEQ_MAX], seq_size[SLAB_BENCH_SEQ_MAX]; /* drawn ahead */
static struct kmem_cache *cache64;
static uint32_t failed;

/* ---- the cases ---- */

static bool cache_setup(void)
{
	cache64 = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	if (!cache64)
		return false;
	kmem_cache_free(cache64, kmem_cache_alloc(cache64, GFP_KERNEL)); /* warm */
	return true;
}

static void pair_hot(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++)
		kmem_cache_free(cache64, kmem_cache_alloc(cache64, GFP_KERNEL));
}

static bool cache_check(void)
{
	return kmem_cache_destroy(cache64) == 0;
}

static bool churn_setup(void)
{
	return cache_setup() && slab_bench_churn_setup(cache64, live, seq_slot, SLAB_BENCH_SEQ_MAX);
}

static void churn(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = seq_slot[i];

		kmem_cache_free(cache64, live[slot]);
		live[slot] = kmem_cache_alloc(cache64, GFP_KERNEL);
		failed += !live[slot];
	}
}

/* The churn and mix loops' own work (tests/slab_bench.h). */
static void churn_bookkeeping(unsigned iterations)
{
	slab_bench_bookkeeping(live, NULL, seq_slot, seq_size, &failed, iterations);
}

static bool churn_check(void)
{
	for (unsigned i = 0; i < SLAB_BENCH_CHURN_LIVE; i++)
		kmem_cache_free(cache64, live[i]);
	return kmem_cache_validate(cache64) == 0 && cache_check();
}

static bool mix_setup(void)
{
	return slab_bench_mix_setup(live, live_size, seq_slot, seq_size, SLAB_BENCH_SEQ_MAX);
}

static void kmalloc_mix(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = seq_slot[i];

		kfree(live[slot]);
		live_size[slot] = seq_size[i];
		live[slot] = kmalloc(seq_size[i], GFP_KERNEL);
		failed += !live[slot];
	}
}

static void mix_bookkeeping(unsigned iterations)
{
	slab_bench_bookkeeping(live, live_size, seq_slot, seq_size, &failed, iterations);
}

static bool mix_free(void)
{
	for (unsigned i = 0; i < SLAB_BENCH_MIX_LIVE; i++)
		kfree(live[i]);
	return true;
}

static bool mix_check(void)
{
	for (unsigned i = 0; i < SLAB_BENCH_MIX_LIVE; i++)
		if (ksize(live[i]) < live_size[i])
			return false;
	return mix_free();
}

static const struct bench_case cases[] = {
	{ "empty", "empty loop", 20000, 1, 1, NULL, bench_empty_loop, NULL, NULL },
	{ "pair_hot", "kmem_cache_alloc+free 64 B, hot", 10000, 1, 1, cache_setup, pair_hot,
	  cache_check, NULL },
	{ "churn_bookkeeping", NULL, 20000, 1, 2, churn_setup, churn_bookkeeping, churn_check,
	  NULL },
	{ "churn", "kmem_cache churn 64 B, 10000 live (per op)", 20000, 1, 2, churn_setup, churn,
	  churn_check, "churn_bookkeeping" },
	{ "mix_bookkeeping", NULL, 20000, 1, 2, mix_setup, mix_bookkeeping, mix_free, NULL },
	{ "kmalloc_mix", "kmalloc mix 16..2048, 5000 live (per op)", 20000, 1, 2, mix_setup,
	  kmalloc_mix, mix_check, "mix_bookkeeping" },
};

/* ---- for the driver (bench_main.c) ---- */

static void init(void)
{
	slab_env_init(&bench_layout, false);
	drain_all_pages();
}

static bool clean(void)
{
	return !slab_errors;
}

static unsigned finish(void)
{
	unsigned problems = slab_env_validate_all();

	slab_env_shrink_all();
	return problems + buddy_check();
}

const struct bench_target bench_target = {
	.name = "bench_slab",
	.cases = cases,
	.nr_cases = ARRAY_SIZE(cases),
	.failed = &failed,
	.init = init,
	.clean = clean,
	.finish = finish,
};

/*
 * Host benchmark of the slab allocator (mm/slab), the cases of the target's
 * tests/bench/slab_bench.c counted by callgrind instead of QEMU's icount
 * (scripts/bench-host, `make bench-host`):
 *
 *   - a 64-byte kmem_cache_alloc + kmem_cache_free pair on a warm CPU slab;
 *   - 64-byte churn with 10,000 objects live: free a random one, allocate a
 *     replacement; figure per operation (an allocation or a free);
 *   - kmalloc of sizes drawn from {16, 32, 64, 96, 128, 192, 256, 512, 1024,
 *     2048} with 5,000 live, the same way; per operation.
 *
 * Protocol: see tests/host/bench_buddy.c and scripts/bench-host.
 * Memory: 128 MB of fake RAM (16 MB DMA + 112 MB Normal), below 4 GB
 * (slab_env.c), the slab allocator over it without debugging.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printk.h"
#include "slab_env.h"
#include "mm/slab/slab_internal.h"

#define CHURN_LIVE 10000
#define MIX_LIVE   5000

struct bench_case {
	const char *name;
	const char *label;
	unsigned iterations, loops, ops;
	bool (*setup)(void);
	void (*timed)(unsigned iterations);
	bool (*check)(void);
};

static void *live[CHURN_LIVE];
static uint16_t live_size[MIX_LIVE];
static struct kmem_cache *cache64;
static uint32_t failed, rnd_state;
static const uint16_t mix_sizes[] = { 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048 };

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

static bool cache_setup(void)
{
	cache64 = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	if (!cache64)
		return false;
	kmem_cache_free(cache64, kmem_cache_alloc(cache64, GFP_KERNEL));   /* warm */
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
	if (!cache_setup())
		return false;
	rnd_state = 0x2545f491;
	for (unsigned i = 0; i < CHURN_LIVE; i++)
		if (!(live[i] = kmem_cache_alloc(cache64, GFP_KERNEL)))
			return false;
	return true;
}

static void churn(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = rnd() % CHURN_LIVE;

		kmem_cache_free(cache64, live[slot]);
		live[slot] = kmem_cache_alloc(cache64, GFP_KERNEL);
		failed += !live[slot];
	}
}

static bool churn_check(void)
{
	for (unsigned i = 0; i < CHURN_LIVE; i++)
		kmem_cache_free(cache64, live[i]);
	return kmem_cache_validate(cache64) == 0 && cache_check();
}

static bool mix_setup(void)
{
	rnd_state = 0x9e3779b9;
	for (unsigned i = 0; i < MIX_LIVE; i++) {
		live_size[i] = mix_sizes[rnd() % ARRAY_SIZE(mix_sizes)];
		if (!(live[i] = kmalloc(live_size[i], GFP_KERNEL)))
			return false;
	}
	return true;
}

static void kmalloc_mix(unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		uint32_t r = rnd();
		unsigned slot = r % MIX_LIVE;

		kfree(live[slot]);
		live_size[slot] = mix_sizes[(r >> 16) % ARRAY_SIZE(mix_sizes)];
		live[slot] = kmalloc(live_size[slot], GFP_KERNEL);
		failed += !live[slot];
	}
}

static bool mix_check(void)
{
	for (unsigned i = 0; i < MIX_LIVE; i++)
		if (ksize(live[i]) < live_size[i])
			return false;
	for (unsigned i = 0; i < MIX_LIVE; i++)
		kfree(live[i]);
	return true;
}

static const struct bench_case cases[] = {
	{ "empty", "empty loop", 20000, 1, 1, NULL, empty_loop, NULL },
	{ "pair_hot", "kmem_cache_alloc+free 64 B, hot", 10000, 1, 1,
	  cache_setup, pair_hot, cache_check },
	{ "churn", "kmem_cache churn 64 B, 10000 live (per op)", 20000, 1, 2,
	  churn_setup, churn, churn_check },
	{ "kmalloc_mix", "kmalloc mix 16..2048, 5000 live (per op)", 20000, 1, 2,
	  mix_setup, kmalloc_mix, mix_check },
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

	slab_env_init(&bench_layout, false);
	drain_all_pages();
	free_before = nr_free_pages();
	failed = 0;
	if (c->setup && !c->setup()) {
		fprintf(stderr, "bench_slab: %s: set-up failed\n", c->name);
		return 1;
	}
	bench_timed(c);
	if ((c->check && !c->check()) || failed || slab_errors) {
		fprintf(stderr, "bench_slab: %s: the timed loop failed\n", c->name);
		return 1;
	}
	problems = slab_env_validate_all();
	slab_env_shrink_all();
	problems += buddy_check();
	if (problems || nr_free_pages() != free_before) {
		fprintf(stderr, "bench_slab: %s: %u problems, %u pages free of %u\n", c->name,
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

/*
 * Slab benchmarks, in guest instructions per operation, and the memory
 * overhead (bytes of slab pages / bytes of live objects):
 *
 *   - a 64-byte kmem_cache_alloc + kmem_cache_free pair on a warm CPU freelist;
 *   - 64-byte churn with 10,000 objects live: free a random one, allocate
 *     a replacement (per operation);
 *   - kmalloc of sizes drawn from {16, 32, 64, 96, 128, 192, 256, 512, 1024,
 *     2048} with 5,000 live, the same way (per operation).
 *
 * The random choices of the last two are drawn before the timed loop, and
 * the figure subtracts the same loop without the allocator calls (reading
 * the choice, the live object, storing the new one, counting failures), so
 * it is the allocator's cost alone; the runner's empty loop is added back
 * because the runner subtracts it again.
 */
#include "printk.h"
#include "mm/slab/slab_internal.h"
#include "bench.h"
#include "slab_bench.h"

/* The cases' arrays (tests/slab_bench.h). */
static void *live[SLAB_BENCH_CHURN_LIVE];
static uint16_t live_size[SLAB_BENCH_MIX_LIVE];
static uint16_t seq_slot[SLAB_BENCH_SEQ_MAX], seq_size[SLAB_BENCH_SEQ_MAX]; /* drawn ahead */
static struct kmem_cache *cache64;

static bool get_cache(void)
{
	if (!cache64)
		cache64 = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	return cache64 != NULL;
}

/* Thousandths: bytes of the cache's slabs per byte of live objects. */
static unsigned overhead_milli(const struct kmem_cache *s, uint64_t live_bytes)
{
	struct slabinfo i;

	kmem_cache_info(s, &i);
	return (unsigned)((uint64_t)i.num_slabs * i.pagesperslab * PAGE_SIZE * 1000 / live_bytes);
}

static uint64_t pair_hot(unsigned iterations)
{
	uint64_t t0;

	if (!get_cache())
		return BENCH_FAILED;
	kmem_cache_free(cache64, kmem_cache_alloc(cache64, GFP_KERNEL)); /* warm */
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++)
		kmem_cache_free(cache64, kmem_cache_alloc(cache64, GFP_KERNEL));
	return bench_counter_read() - t0;
}
BENCH_CASE(slab_pair_hot, "kmem_cache_alloc+free 64 B, hot", pair_hot, 10000);

/* The churn and mix loops' own work, timed (tests/slab_bench.h). */
static uint64_t bookkeeping(unsigned iterations, bool sizes)
{
	uint64_t t0 = bench_counter_read();
	uint32_t failed = 0;

	slab_bench_bookkeeping(live, sizes ? live_size : NULL, seq_slot, seq_size, &failed,
			       iterations);
	__asm__ volatile("" : : "r"(failed));
	return bench_counter_read() - t0;
}

/* What the runner should see for two operations per iteration: see the top of the file. */
static uint64_t per_op_result(const char *what, uint64_t total, uint64_t book, unsigned iterations)
{
	uint64_t net = total > book ? total - book : 0;

	printk("bench:   %s: loop %llu - bookkeeping %llu = %llu for 2 x %u operations\n", what,
	       total, book, net, iterations);
	return net / 2 + bench_empty_loop(iterations);
}

static uint64_t churn(unsigned iterations)
{
	uint64_t t0, total, book;
	unsigned failed = 0, overhead;

	if (!get_cache() || iterations > SLAB_BENCH_SEQ_MAX)
		return BENCH_FAILED;
	if (!slab_bench_churn_setup(cache64, live, seq_slot, iterations))
		return BENCH_FAILED;
	book = bookkeeping(iterations, false);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = seq_slot[i];

		kmem_cache_free(cache64, live[slot]);
		live[slot] = kmem_cache_alloc(cache64, GFP_KERNEL);
		failed += !live[slot];
	}
	total = bench_counter_read() - t0;
	overhead = overhead_milli(cache64, (uint64_t)SLAB_BENCH_CHURN_LIVE * 64);
	for (unsigned i = 0; i < SLAB_BENCH_CHURN_LIVE; i++)
		kmem_cache_free(cache64, live[i]);
	kmem_cache_shrink(cache64);
	if (failed)
		return BENCH_FAILED;
	printk("bench:   64 B churn, %u live: slab bytes / live bytes = %u.%03u\n",
	       SLAB_BENCH_CHURN_LIVE, overhead / 1000, overhead % 1000);
	return per_op_result("64 B churn", total, book, iterations);
}
BENCH_CASE(slab_churn, "kmem_cache churn 64 B, 10000 live (per op)", churn, 20000);

static uint64_t kmalloc_mix(unsigned iterations)
{
	uint64_t t0, total, book, live_bytes = 0;
	unsigned failed = 0;
	uint64_t slab_bytes = 0;

	if (iterations > SLAB_BENCH_SEQ_MAX)
		return BENCH_FAILED;
	if (!slab_bench_mix_setup(live, live_size, seq_slot, seq_size, iterations))
		return BENCH_FAILED;
	book = bookkeeping(iterations, true);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = seq_slot[i];

		kfree(live[slot]);
		live_size[slot] = seq_size[i];
		live[slot] = kmalloc(seq_size[i], GFP_KERNEL);
		failed += !live[slot];
	}
	total = bench_counter_read() - t0;
	for (unsigned i = 0; i < SLAB_BENCH_MIX_LIVE; i++)
		live_bytes += live_size[i];
	/* Pages of the kmalloc caches holding them (each distinct cache once). */
	{
		struct kmem_cache *seen[ARRAY_SIZE(slab_bench_mix_sizes)] = { 0 };
		unsigned nseen = 0;

		for (unsigned i = 0; i < SLAB_BENCH_MIX_LIVE; i++) {
			struct kmem_cache *s = addr_to_slab(live[i])->cache;
			unsigned j;

			for (j = 0; j < nseen && seen[j] != s; j++)
				;
			if (j == nseen && nseen < ARRAY_SIZE(seen)) {
				struct slabinfo info;

				seen[nseen++] = s;
				kmem_cache_info(s, &info);
				slab_bytes += (uint64_t)info.num_slabs * info.pagesperslab *
					      PAGE_SIZE;
			}
		}
	}
	for (unsigned i = 0; i < SLAB_BENCH_MIX_LIVE; i++)
		kfree(live[i]);
	if (failed)
		return BENCH_FAILED;
	printk("bench:   kmalloc mix, %u live: slab bytes / live bytes = %u.%03u\n",
	       SLAB_BENCH_MIX_LIVE, (unsigned)(slab_bytes * 1000 / live_bytes) / 1000,
	       (unsigned)(slab_bytes * 1000 / live_bytes) % 1000);
	return per_op_result("kmalloc mix", total, book, iterations);
}
BENCH_CASE(slab_kmalloc_mix, "kmalloc mix 16..2048, 5000 live (per op)", kmalloc_mix, 20000);

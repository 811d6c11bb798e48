/*
 * What the slab benchmarks share, so that the guest's (tests/bench/slab_bench.c,
 * counted by QEMU's icount) and the host's (tests/host/bench_slab.c, counted
 * by callgrind) time the same work: the cases' sizes, the random choices
 * drawn ahead of the timed loops, the live objects' set-up, and the churn
 * and mix loops without the allocator.
 *
 * Each benchmark keeps the arrays (file-scope statics of the sizes below)
 * and hands them in. The timed loops themselves stay written out in each
 * benchmark, next to the counter reads: moved in here, the host's compile
 * differently (about one instruction per iteration more in the mix).
 */
#ifndef SLAB_BENCH_H
#define SLAB_BENCH_H

#include "slab.h"
#include "xorshift.h"

#define SLAB_BENCH_CHURN_LIVE 10000 /* 64-byte objects live in the churn */
#define SLAB_BENCH_MIX_LIVE   5000  /* kmalloc objects live in the mix */
#define SLAB_BENCH_SEQ_MAX    20000 /* iterations of the churn and mix cases at most */

/* The kmalloc mix draws its sizes from these. */
static const uint16_t slab_bench_mix_sizes[] = { 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048 };

/*
 * The churn's set-up: n slots to free and refill, drawn ahead, and
 * SLAB_BENCH_CHURN_LIVE objects of cache live. False when an allocation fails.
 */
static inline bool slab_bench_churn_setup(struct kmem_cache *cache, void **live, uint16_t *seq_slot,
					  unsigned n)
{
	uint32_t rnd_state = 0x2545f491;

	for (unsigned i = 0; i < n; i++)
		seq_slot[i] = (uint16_t)(xorshift32(&rnd_state) % SLAB_BENCH_CHURN_LIVE);
	for (unsigned i = 0; i < SLAB_BENCH_CHURN_LIVE; i++)
		if (!(live[i] = kmem_cache_alloc(cache, GFP_KERNEL)))
			return false;
	return true;
}

/*
 * The mix's set-up: SLAB_BENCH_MIX_LIVE objects of random sizes live (their
 * sizes in live_size), then n slots and sizes drawn ahead. False when an
 * allocation fails.
 */
static inline bool slab_bench_mix_setup(void **live, uint16_t *live_size, uint16_t *seq_slot,
					uint16_t *seq_size, unsigned n)
{
	const unsigned nsizes = sizeof(slab_bench_mix_sizes) / sizeof(slab_bench_mix_sizes[0]);
	uint32_t rnd_state = 0x9e3779b9;

	for (unsigned i = 0; i < SLAB_BENCH_MIX_LIVE; i++) {
		live_size[i] = slab_bench_mix_sizes[xorshift32(&rnd_state) % nsizes];
		if (!(live[i] = kmalloc(live_size[i], GFP_KERNEL)))
			return false;
	}
	for (unsigned i = 0; i < n; i++) {
		uint32_t r = xorshift32(&rnd_state);

		seq_slot[i] = (uint16_t)(r % SLAB_BENCH_MIX_LIVE);
		seq_size[i] = slab_bench_mix_sizes[(r >> 16) % nsizes];
	}
	return true;
}

/*
 * The churn and mix loops without the allocator: the work their figures
 * subtract so that they count the allocator alone. Each iteration reads
 * the precomputed slot (and size), the live object, stores it back and
 * counts a failure, as the real loop does; the free and the allocation are
 * replaced by an empty asm that keeps the pointer, so the compiler keeps
 * every one of those loads and stores. Without live_size it is the churn
 * loop, with it the kmalloc mix loop.
 */
static inline void slab_bench_bookkeeping(void **live, uint16_t *live_size,
					  const uint16_t *seq_slot, const uint16_t *seq_size,
					  uint32_t *failed, unsigned iterations)
{
	for (unsigned i = 0; i < iterations; i++) {
		unsigned slot = seq_slot[i];
		void *p = live[slot];

		__asm__ volatile("" : "+r"(p));
		if (live_size)
			live_size[slot] = seq_size[i];
		live[slot] = p;
		*failed += !p;
	}
}

#endif

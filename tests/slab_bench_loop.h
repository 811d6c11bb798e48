/*
 * The slab benchmarks' churn and mix loop without the allocator, shared by
 * the guest's tests/bench/slab_bench.c and the host's tests/host/bench_slab.c:
 * the work the figures subtract so that they count the allocator alone.
 * Each iteration reads the precomputed slot (and size), the live object,
 * stores it back and counts a failure, as the real loop does; the free and
 * the allocation are replaced by an empty asm that keeps the pointer, so the
 * compiler keeps every one of those loads and stores. Without live_size it
 * is the churn loop, with it the kmalloc mix loop.
 */
#ifndef SLAB_BENCH_LOOP_H
#define SLAB_BENCH_LOOP_H

static inline void slab_bench_bookkeeping(void **live, uint16_t *live_size, const uint16_t *seq_slot,
					  const uint16_t *seq_size, uint32_t *failed, unsigned iterations)
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

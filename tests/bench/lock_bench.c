/*
 * Lock benchmarks, in guest instructions per operation, uncontended on one
 * CPU: spin_lock + spin_unlock, spin_lock_irqsave + spin_unlock_irqrestore,
 * and atomic_add_return, as the plain kernel builds them. The test kernel
 * has CONFIG_LOCKDEP on; this file turns it off before including
 * spinlock.h, so the figures are the plain kernel's inline code (its locks
 * are private to this file, so the other layout cannot leak).
 * lockdep_bench.c measures the same pairs with lockdep-lite's checks.
 */
#undef CONFIG_LOCKDEP
#include "atomic.h"
#include "spinlock.h"
#include "bench.h"

static DEFINE_SPINLOCK(bench_lock);
static atomic_t bench_atomic;

static uint64_t lock_unlock(unsigned iterations)
{
	uint64_t t0 = bench_counter_read();

	for (unsigned i = 0; i < iterations; i++) {
		spin_lock(&bench_lock);
		spin_unlock(&bench_lock);
	}
	return spin_is_locked(&bench_lock) ? BENCH_FAILED : bench_counter_read() - t0;
}
BENCH_CASE(lock_unlock, "spin_lock+spin_unlock", lock_unlock, 10000);

static uint64_t lock_irqsave(unsigned iterations)
{
	uint64_t t0 = bench_counter_read();
	uint32_t flags;

	for (unsigned i = 0; i < iterations; i++) {
		spin_lock_irqsave(&bench_lock, flags);
		spin_unlock_irqrestore(&bench_lock, flags);
	}
	return spin_is_locked(&bench_lock) ? BENCH_FAILED : bench_counter_read() - t0;
}
BENCH_CASE(lock_irqsave, "spin_lock_irqsave+spin_unlock_irqrestore", lock_irqsave, 10000);

static uint64_t add_return(unsigned iterations)
{
	uint64_t t0 = bench_counter_read();

	for (unsigned i = 0; i < iterations; i++)
		atomic_add_return(1, &bench_atomic);
	return bench_counter_read() - t0;
}
BENCH_CASE(atomic_add_return, "atomic_add_return", add_return, 10000);

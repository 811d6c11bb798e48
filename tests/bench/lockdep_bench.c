/*
 * The lock pairs of lock_bench.c with lockdep-lite's checks (the test
 * kernel's CONFIG_LOCKDEP), uncontended on one CPU with no other lock held:
 * what a debug build pays per lock.
 */
#include "spinlock.h"
#include "bench.h"

#ifdef CONFIG_LOCKDEP
static DEFINE_SPINLOCK(bench_dep_lock);

static uint64_t lock_unlock_lockdep(unsigned iterations)
{
	uint64_t t0 = bench_counter_read();

	for (unsigned i = 0; i < iterations; i++) {
		spin_lock(&bench_dep_lock);
		spin_unlock(&bench_dep_lock);
	}
	return spin_is_locked(&bench_dep_lock) ? BENCH_FAILED : bench_counter_read() - t0;
}
BENCH_CASE(lock_unlock_lockdep, "spin_lock+spin_unlock, lockdep-lite on", lock_unlock_lockdep,
	   10000);

static uint64_t lock_irqsave_lockdep(unsigned iterations)
{
	uint64_t t0 = bench_counter_read();
	uint32_t flags;

	for (unsigned i = 0; i < iterations; i++) {
		spin_lock_irqsave(&bench_dep_lock, flags);
		spin_unlock_irqrestore(&bench_dep_lock, flags);
	}
	return spin_is_locked(&bench_dep_lock) ? BENCH_FAILED : bench_counter_read() - t0;
}
BENCH_CASE(lock_irqsave_lockdep, "spin_lock_irqsave+irqrestore, lockdep-lite on",
	   lock_irqsave_lockdep, 10000);
#endif

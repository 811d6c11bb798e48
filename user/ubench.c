/*
 * User-side benchmarks (make bench): arg0 picks one, arg1 is the iteration
 * count; the exit code is the cycle-counter delta of the timed loop (guest
 * instructions under -icount), for tests/bench/user_bench.c to report.
 */
#include "ulib.h"

enum {
	BENCH_EMPTY,
	BENCH_GETPID,
	BENCH_YIELD,
	BENCH_FAULT,
	BENCH_MMAP16
};

int main(unsigned which, unsigned iterations)
{
	uint32_t t0, t;
	char *m = 0;

	if (which == BENCH_FAULT) { /* one fresh page per iteration, set up untimed */
		m = mmap(0, (iterations + 1) * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (mmap_err(m))
			return -1;
		m[0] = 1; /* the L2 table is there before timing */
		m += PAGE_SIZE;
	}
	t0 = cycles();
	for (unsigned i = 0; i < iterations; i++) {
		switch (which) {
		case BENCH_GETPID: getpid(); break;
		case BENCH_YIELD: sched_yield(); break;
		case BENCH_FAULT: m[i * PAGE_SIZE] = 1; break;
		case BENCH_MMAP16:
			munmap(mmap(0, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
			       16 * PAGE_SIZE);
			break;
		default: __asm__ volatile(""); break;
		}
	}
	t = cycles() - t0;
	return (int)t;
}

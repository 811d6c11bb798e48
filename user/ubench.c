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
	BENCH_MMAP16,
	BENCH_FORK1,      /* fork + exit + wait, one page of the area touched */
	BENCH_FORK256,    /* the same with 256 pages touched: the difference is per page */
	BENCH_COW,        /* the write that breaks the sharing of a page fork shared */
	BENCH_MPROTECT16, /* mprotect of 16 touched pages, read-only and back in turn */
	BENCH_HUGE_FAULT  /* the first touch of a huge page's MB (1 MB zeroed, one section) */
};

/* Map pages anonymous pages and write each (untimed). */
static char *touched(unsigned pages)
{
	char *m = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (mmap_err(m))
		exit(-1);
	for (unsigned i = 0; i < pages; i++)
		m[i * PAGE_SIZE] = 1;
	return m;
}

static void fork_exit_wait(void)
{
	int status;
	long pid = fork();

	if (pid == 0)
		exit(0);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || status)
		exit(-1);
}

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
	if (which == BENCH_FORK1 || which == BENCH_FORK256)
		touched(which == BENCH_FORK1 ? 1 : 256);
	if (which == BENCH_MPROTECT16)
		m = touched(16);
	if (which == BENCH_HUGE_FAULT) {
		m = mmap(0, iterations << 20, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
		if (mmap_err(m))
			return -1;
	}
	if (which == BENCH_COW) {
		/* Shared with a child that sleeps through the timed writes. */
		m = touched(iterations);
		if (fork() == 0) {
			sleep_ms(100);
			exit(0);
		}
	}
	t0 = cycles();
	for (unsigned i = 0; i < iterations; i++) {
		switch (which) {
		case BENCH_GETPID: getpid(); break;
		case BENCH_YIELD: sched_yield(); break;
		case BENCH_FAULT:
		case BENCH_COW: m[i * PAGE_SIZE] = 1; break;
		case BENCH_MPROTECT16:
			if (mprotect(m, 16 * PAGE_SIZE, i & 1 ? PROT_READ | PROT_WRITE : PROT_READ))
				return -1;
			break;
		case BENCH_HUGE_FAULT: m[i << 20] = 1; break;
		case BENCH_FORK1:
		case BENCH_FORK256: fork_exit_wait(); break;
		case BENCH_MMAP16:
			munmap(mmap(0, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
			       16 * PAGE_SIZE);
			break;
		default: __asm__ volatile(""); break;
		}
	}
	t = cycles() - t0;
	if (which == BENCH_COW && waitpid(-1, 0, 0) <= 0)
		return -1;
	return (int)t;
}

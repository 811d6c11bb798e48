/*
 * Benchmarks for `make bench`: each case runs an operation many times and
 * reports guest instructions per operation. Under QEMU's -icount shift=0
 * the counters advance with retired instructions, so the numbers repeat
 * exactly from run to run.
 *
 * A case's run function does its own set-up, then times a loop of exactly
 * this shape around the operation and returns the counter delta:
 *
 *	uint64_t t0 = bench_counter_read();
 *	for (unsigned i = 0; i < iterations; i++)
 *		<operation>;
 *	return bench_counter_read() - t0;
 *
 * The runner times bench_empty_loop() (the same loop, empty body) with the
 * same iteration count and reports the difference per operation, so the
 * figures hold the operation alone: its argument set-up, call and return
 * included, the loop counter and the counter reads excluded.
 */
#ifndef BENCH_H
#define BENCH_H

#include "kernel.h"

struct bench_case {
	const char *name;
	/* Run the operation iterations times; return the counter delta. */
	uint64_t (*run)(unsigned iterations);
	unsigned iterations;
};

/* Cases run in the order they appear in their file (no_reorder keeps it). */
#define BENCH_CASE(sym, label, fn, iters)                                             \
	static const struct bench_case __bench_##sym __section(".bench_cases") __used \
		__attribute__((no_reorder)) = { label, fn, iters }

/*
 * A case that runs fn(iterations, arg): one function measures several
 * variants (a DMA direction, a swap phase), each a case of its own.
 */
#define BENCH_CASE_ARG(sym, label, fn, arg, iters)             \
	static uint64_t __bench_run_##sym(unsigned iterations) \
	{                                                      \
		return fn(iterations, arg);                    \
	}                                                      \
	BENCH_CASE(sym, label, __bench_run_##sym, iters)

/* What a run function returns when its set-up or a check failed. */
#define BENCH_FAILED ((uint64_t)-1)

/*
 * Instruction counter: reset-free reads of the board's counter, in
 * instructions, extended to 64 bits in software (two reads must be less than
 * 2^32 instructions apart, which every case here is by far).
 */
void bench_counter_init(void);
uint64_t bench_counter_read(void);
/* The empty loop of the shape above: the overhead the runner subtracts. */
uint64_t bench_empty_loop(unsigned iterations);
/*
 * Run every case whose label starts with filter (NULL, "" or "all": every
 * case); print one line per case and a summary. Returns the failures.
 */
int bench_run_all(const char *filter);

/*
 * bench=smp-scaling: page-allocator pairs per second of wall-clock time on
 * every online CPU at once (tests/bench/smp_scaling_bench.c, run by
 * scripts/bench-smp under multi-threaded TCG). Returns the failures.
 */
int bench_smp_scaling(void);

/* The registered suites or cases, in link order (linker.ld). */
extern const struct bench_case __bench_start[], __bench_end[];

#endif

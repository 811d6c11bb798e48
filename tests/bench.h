/*
 * Benchmarks for `make bench`: each case runs an operation many times and
 * reports guest instructions per operation. Under QEMU's -icount shift=0
 * the counters advance with retired instructions, so the numbers repeat
 * exactly from run to run.
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

#define BENCH_CASE(sym, label, fn, iters)                                      \
	static const struct bench_case __bench_##sym                           \
	__section(".bench_cases") __used = { label, fn, iters }

/* Instruction counter: reset-free reads of the board's counter, in instructions. */
void bench_counter_init(void);
uint64_t bench_counter_read(void);
int bench_run_all(const char *filter);

#endif

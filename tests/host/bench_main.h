/*
 * What the host benchmarks (bench_buddy.c, bench_slab.c) share
 * (bench_main.c): the case table, the timed function and main(), which
 * follows the protocol scripts/bench-host expects of every bench_* binary:
 *
 *   BIN --list    one line per case: name, iterations, timed loops,
 *                 operations per iteration, base, label (tab-separated);
 *                 the case "empty" is the empty loop a figure subtracts
 *                 unless it names another base case (a case of the same
 *                 iterations doing the loop's own work, whose whole count
 *                 is subtracted instead); a label "-" marks a base case,
 *                 which gets no figure of its own
 *   BIN NAME      set the case up, run its timed part inside bench_timed()
 *                 (the only function callgrind counts), check the outcome;
 *                 exit status 0 when the checks pass
 * Figure = (Ir(case) - loops * iterations * Ir(empty) / its iterations)
 *          / (iterations * operations per iteration), or with a base case
 *          (Ir(case) - Ir(base)) / (iterations * operations per iteration).
 *
 * The allocator never prints while a case runs (host_printk.c captures
 * it); if it does, the case fails and the output goes to stderr.
 */
#ifndef BENCH_MAIN_H
#define BENCH_MAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "buddy_env.h"
#include "tests/xorshift.h"

struct bench_case {
	const char *name;
	const char *label; /* NULL: a base case, no figure of its own */
	unsigned iterations, loops, ops;
	bool (*setup)(void);
	void (*timed)(unsigned iterations);
	bool (*check)(void);
	const char *base; /* the case to subtract, NULL: the empty loop */
};

struct bench_target {
	const char *name; /* "bench_buddy": prefixes every message */
	const struct bench_case *cases;
	unsigned nr_cases;
	uint32_t *failed;         /* failures the cases count; zeroed before each */
	void (*init)(void);       /* a fresh allocator, before the case's set-up */
	bool (*clean)(void);      /* after the case's check: nothing wrong counted */
	unsigned (*finish)(void); /* give everything back; returns the problems found */
};

/* Defined by each benchmark. */
extern const struct bench_target bench_target;

/* 128 MB of fake RAM, 16 MB DMA + 112 MB Normal, 2 MB reserved at the start. */
extern const struct buddy_env_layout bench_layout;

/*
 * The page allocator benchmark's init and finish (bench_buddy.c): a fresh
 * allocator over bench_layout; drain the hot lists and return
 * buddy_check()'s count of problems.
 */
void bench_buddy_init(void);
unsigned bench_buddy_finish(void);

/* The case "empty". */
void bench_empty_loop(unsigned iterations);

#endif

/*
 * What the fuzz targets (fuzz_buddy.c, fuzz_slab.c) share (fuzz_main.c):
 * the input cursor, the loop over operations, failure reports and, with -DFUZZ_STANDALONE, the main() that replaces
 * libFuzzer's:
 *
 *   BIN             run FUZZ_RUNS (default: the target's runs) pseudo-random
 *                   inputs of 1..4096 bytes from the target's fixed seed,
 *                   then print the target's summary
 *   BIN FILE...     replay each file (e.g. a crash file libFuzzer saved)
 *
 * A failing input is written to $FUZZ_FAILURE_FILE when set (libFuzzer
 * saves its own). The kernel log (printk) is captured by host_printk.c.
 */
#ifndef FUZZ_MAIN_H
#define FUZZ_MAIN_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_target {
	const char *name;      /* "fuzz_buddy": prefixes every message */
	unsigned runs;         /* standalone inputs, unless -DFUZZ_RUNS */
	uint64_t seed;         /* of the standalone inputs (xorshift64) */
	void (*setup)(void);   /* a fresh allocator, from the input's first bytes */
	void (*step)(void);    /* one operation, while the input lasts */
	void (*finish)(void);  /* give everything back and check the allocator */
	const unsigned *op;    /* operations the input running has done */
	void (*summary)(void); /* the rest of the last line, after "NAME: N inputs,
					       M operations: " */
};

/* Defined by each target. */
extern const struct fuzz_target fuzz_target;

/*
 * libFuzzer's entry point: the kernel log cleared, setup(), step() until
 * the input is used up (the log cleared before each), finish().
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input running and the next byte of it (0 past its end). */
extern struct fuzz_input {
	const uint8_t *data;
	size_t size, pos;
} fuzz_in;

static inline unsigned fuzz_byte(void)
{
	return fuzz_in.pos < fuzz_in.size ? fuzz_in.data[fuzz_in.pos++] : 0;
}

/*
 * Report a failed check of operation op (the message, then the kernel log
 * of the operation), save the input (standalone driver) and abort.
 */
void __attribute__((noreturn, format(printf, 2, 3))) fuzz_fail(unsigned op, const char *fmt, ...);

#endif

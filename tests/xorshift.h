/*
 * A deterministic xorshift32 step, for tests and benchmarks on the target
 * and on the host alike: the same seed gives the same choices everywhere.
 */
#ifndef TESTS_XORSHIFT_H
#define TESTS_XORSHIFT_H

#include "types.h"

static inline uint32_t xorshift32(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif

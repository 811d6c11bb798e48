/*
 * The ASID allocator (arch/arm/mmu/asid.c): ASIDs handed out in order and
 * kept while their generation lasts; a rollover that keeps the ASID each
 * CPU runs with and makes every CPU flush once before its next user ASID;
 * and a random schedule of many address spaces on several CPUs over few
 * ASIDs, held against a model TLB per CPU: an ASID never runs on a CPU
 * whose TLB may still hold entries another address space left under it,
 * and two CPUs never run different address spaces under one ASID.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "asm/asid.h"

#define CPUS 4

static unsigned flushes[CPUS];
/* The model TLBs: which address space left entries under each ASID on each CPU (-1: none). */
static int tlb_owner[CPUS][ASID_MASK + 1];

static void model_flush(unsigned cpu)
{
	flushes[cpu]++;
	for (unsigned i = 0; i <= ASID_MASK; i++)
		tlb_owner[cpu][i] = -1;
}

static unsigned total_flushes(void)
{
	unsigned n = 0;

	for (unsigned c = 0; c < CPUS; c++)
		n += flushes[c];
	return n;
}

static int setup(void **state)
{
	(void)state;
	for (unsigned c = 0; c < CPUS; c++) {
		model_flush(c);
		flushes[c] = 0;
	}
	return 0;
}

static void hands_out_in_order_and_keeps(void **state)
{
	struct asid_space s;
	uint32_t a = 0, b = 0;

	(void)state;
	asid_space_init(&s, 1, ASID_MASK, model_flush);
	assert_int_equal(asid_get(&s, 0, &a), 1);
	assert_int_equal(asid_get(&s, 0, &b), 2);
	assert_int_equal(asid_get(&s, 0, &a), 1); /* still current: unchanged */
	assert_true(asid_current(&s, a) && asid_current(&s, b));
	assert_int_equal(total_flushes(), 0);
	assert_int_equal(s.rollovers, 0);
}

/* One CPU, three ASIDs: the fourth address space rolls over, keeping what runs. */
static void rollover_keeps_the_running_asid(void **state)
{
	struct asid_space s;
	uint32_t ctx[4] = { 0 };

	(void)state;
	asid_space_init(&s, 1, 3, model_flush);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(asid_get(&s, 0, &ctx[i]), i + 1);
	assert_int_equal(asid_get(&s, 0, &ctx[3]), 1); /* 3 runs, 1 is free after the rollover */
	assert_int_equal(s.rollovers, 1);
	assert_int_equal(flushes[0], 1);
	assert_true(asid_current(&s, ctx[3]));
	for (unsigned i = 0; i < 3; i++)
		assert_false(asid_current(&s, ctx[i]));
	/* ctx[2] ran at the rollover: it keeps 3 in the new generation, no flush. */
	assert_int_equal(asid_get(&s, 0, &ctx[2]), 3);
	assert_int_equal(asid_get(&s, 0, &ctx[1]), 2); /* its old one, free again */
	assert_int_equal(flushes[0], 1);
	/* 1, 2 and 3 are all taken now: ctx[0] rolls over, ctx[1] (running) keeps 2. */
	assert_int_equal(asid_get(&s, 0, &ctx[0]), 1);
	assert_int_equal(s.rollovers, 2);
	assert_int_equal(flushes[0], 2);
}

/* Four CPUs: a rollover reserves each CPU's ASID, and each CPU flushes once, itself. */
static void rollover_reserves_every_cpus_asid(void **state)
{
	struct asid_space s;
	uint32_t ctx[6] = { 0 };

	(void)state;
	asid_space_init(&s, CPUS, 5, model_flush);
	for (unsigned c = 0; c < CPUS; c++)
		assert_int_equal(asid_get(&s, c, &ctx[c]), c + 1);
	assert_int_equal(asid_get(&s, 0, &ctx[4]), 5); /* CPU 0 leaves ctx[0] */
	assert_int_equal(asid_get(&s, 0, &ctx[5]),
			 1); /* rollover: 2, 3, 4 (CPUs 1-3), 5 reserved */
	assert_int_equal(s.rollovers, 1);
	assert_int_equal(flushes[0], 1);
	for (unsigned c = 1; c < CPUS; c++)
		assert_int_equal(flushes[c], 0); /* pending, not done by CPU 0 */
	/* CPU 1 keeps running ctx[1]: its next switch-in keeps ASID 2 and flushes now. */
	assert_int_equal(asid_get(&s, 1, &ctx[1]), 2);
	assert_int_equal(flushes[1], 1);
	assert_int_equal(asid_get(&s, 1, &ctx[1]), 2);
	assert_int_equal(flushes[1], 1); /* once */
	/* ctx[4] ran on CPU 0 at the rollover: reserved, it moves to CPU 2 with ASID 5. */
	assert_int_equal(asid_get(&s, 2, &ctx[4]), 5);
	assert_int_equal(flushes[2], 1);
}

/* A limit lowered in the middle of a generation holds from the next allocation on. */
static void lowered_limit_holds(void **state)
{
	struct asid_space s;
	uint32_t ctx[20] = { 0 };

	(void)state;
	asid_space_init(&s, 1, ASID_MASK, model_flush);
	for (unsigned i = 0; i < 10; i++)
		assert_int_equal(asid_get(&s, 0, &ctx[i]), i + 1);
	asid_space_set_limit(&s, 3);
	for (unsigned i = 10; i < 20; i++)
		assert_true(asid_get(&s, 0, &ctx[i]) <= 3);
}

static void limit_is_clamped(void **state)
{
	struct asid_space s;
	uint32_t ctx = 0;

	(void)state;
	asid_space_init(&s, 1, 0, model_flush); /* at least CPUs + 1 */
	assert_int_equal(s.limit, 2);
	asid_space_init(&s, CPUS, 1, model_flush);
	assert_int_equal(s.limit, CPUS + 1);
	asid_space_init(&s, 9, 1, model_flush); /* more CPUs than it keeps: clamped */
	assert_int_equal(s.nr_cpus, ASID_MAX_CPUS);
	asid_space_init(&s, 1, 1000, model_flush); /* at most 255 */
	assert_int_equal(s.limit, ASID_MASK);
	assert_int_equal(asid_get(&s, 0, &ctx), 1);
	assert_true(ctx & ~ASID_MASK); /* a generation: never 0, "none" */
}

static uint32_t next_random(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/*
 * 40 address spaces, each running on at most one CPU at a time, switched
 * in on random CPUs 200,000 times over 5..255 ASIDs; a CPU sometimes goes
 * kernel-only (asid_put).
 */
static void random_schedule_never_shares_an_asid(void **state)
{
	static const uint32_t limits[] = { 5, 6, 11, 39, 44, 255 };
	uint32_t seed = 12345;

	(void)state;
	for (unsigned l = 0; l < sizeof(limits) / sizeof(limits[0]); l++) {
		struct asid_space s;
		uint32_t ctx[40] = { 0 };
		int running[CPUS] = { -1, -1, -1, -1 };
		unsigned rollovers0;

		asid_space_init(&s, CPUS, limits[l], model_flush);
		for (unsigned c = 0; c < CPUS; c++)
			model_flush(c);
		rollovers0 = s.rollovers;
		for (unsigned step = 0; step < 200000 / 6; step++) {
			unsigned cpu = next_random(&seed) % CPUS;
			int mm = (int)(next_random(&seed) % 40);
			bool busy = false;

			if (next_random(&seed) % 8 == 0) {
				asid_put(&s, cpu);
				running[cpu] = -1;
				continue;
			}
			for (unsigned c = 0; c < CPUS; c++)
				busy |= c != cpu && running[c] == mm;
			if (busy)
				continue; /* one thread per address space */
			uint32_t asid = asid_get(&s, cpu, &ctx[mm]);

			running[cpu] = mm;
			assert_true(asid >= 1 && asid <= limits[l]);
			assert_true(tlb_owner[cpu][asid] == -1 || tlb_owner[cpu][asid] == mm);
			for (unsigned c = 0; c < CPUS; c++)
				if (c != cpu && running[c] >= 0 && running[c] != mm)
					assert_int_not_equal(ctx[running[c]] & ASID_MASK, asid);
			tlb_owner[cpu][asid] = mm; /* it runs: its entries are tagged asid */
		}
		assert_int_equal(s.conflicts, 0);
		if (limits[l] >= 40)
			assert_int_equal(s.rollovers - rollovers0, 0); /* enough for all */
		else
			assert_true(s.rollovers - rollovers0 > 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(hands_out_in_order_and_keeps, setup),
		cmocka_unit_test_setup(rollover_keeps_the_running_asid, setup),
		cmocka_unit_test_setup(rollover_reserves_every_cpus_asid, setup),
		cmocka_unit_test_setup(lowered_limit_holds, setup),
		cmocka_unit_test_setup(limit_is_clamped, setup),
		cmocka_unit_test_setup(random_schedule_never_shares_an_asid, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

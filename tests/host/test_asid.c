/*
 * The ASID allocator (arch/arm/mmu/asid.c): ASIDs handed out in order and kept
 * while their generation lasts, a rollover with exactly one TLB flush when
 * they run out, and a random schedule of many address spaces over few
 * ASIDs held against a model TLB: an ASID never runs while the TLB may
 * still hold entries another address space left under it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "asm/asid.h"

static unsigned flushes;
/* The model TLB: which address space left entries under each ASID (-1: none). */
static int tlb_owner[ASID_MASK + 1];

static void model_flush(void)
{
	flushes++;
	for (unsigned i = 0; i <= ASID_MASK; i++)
		tlb_owner[i] = -1;
}

static int setup(void **state)
{
	(void)state;
	flushes = 0;
	model_flush();
	flushes = 0;
	return 0;
}

static void hands_out_in_order_and_keeps(void **state)
{
	struct asid_space s;
	uint32_t a = 0, b = 0;

	(void)state;
	asid_space_init(&s, ASID_MASK, model_flush);
	assert_int_equal(asid_get(&s, &a), 1);
	assert_int_equal(asid_get(&s, &b), 2);
	assert_int_equal(asid_get(&s, &a), 1); /* still current: unchanged */
	assert_true(asid_current(&s, a) && asid_current(&s, b));
	assert_int_equal(flushes, 0);
	assert_int_equal(s.rollovers, 0);
}

static void rollover_flushes_once(void **state)
{
	struct asid_space s;
	uint32_t ctx[4] = { 0 };

	(void)state;
	asid_space_init(&s, 3, model_flush);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(asid_get(&s, &ctx[i]), i + 1);
	assert_int_equal(flushes, 0);
	assert_int_equal(asid_get(&s, &ctx[3]), 1); /* none left: new generation */
	assert_int_equal(flushes, 1);
	assert_int_equal(s.rollovers, 1);
	for (unsigned i = 0; i < 3; i++)
		assert_false(asid_current(&s, ctx[i]));
	/* The old ones get fresh ASIDs of the new generation, distinct from ctx[3]'s. */
	assert_int_equal(asid_get(&s, &ctx[0]), 2);
	assert_int_equal(asid_get(&s, &ctx[1]), 3);
	assert_int_equal(flushes, 1);
	assert_int_equal(asid_get(&s, &ctx[2]), 1);
	assert_int_equal(flushes, 2);
}

static void limit_is_clamped(void **state)
{
	struct asid_space s;
	uint32_t ctx = 0;

	(void)state;
	asid_space_init(&s, 0, model_flush); /* at least one ASID */
	assert_int_equal(s.limit, 1);
	asid_space_init(&s, 1000, model_flush); /* at most 255 */
	assert_int_equal(s.limit, ASID_MASK);
	assert_int_equal(asid_get(&s, &ctx), 1);
	assert_true(ctx & ~ASID_MASK); /* a generation: never 0, "none" */
}

static uint32_t next_random(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Switch to a random one of 40 address spaces 200,000 times over 1..255 ASIDs. */
static void random_schedule_never_shares_an_asid(void **state)
{
	static const uint32_t limits[] = { 1, 2, 7, 39, 40, 255 };
	uint32_t seed = 12345;

	(void)state;
	for (unsigned l = 0; l < sizeof(limits) / sizeof(limits[0]); l++) {
		struct asid_space s;
		uint32_t ctx[40] = { 0 };
		unsigned before = flushes;

		asid_space_init(&s, limits[l], model_flush);
		model_flush();
		for (unsigned step = 0; step < 200000 / 6; step++) {
			int mm = (int)(next_random(&seed) % 40);
			uint32_t asid = asid_get(&s, &ctx[mm]);

			assert_true(asid >= 1 && asid <= limits[l]);
			assert_true(tlb_owner[asid] == -1 || tlb_owner[asid] == mm);
			tlb_owner[asid] = mm; /* it runs: its entries are tagged asid */
		}
		if (limits[l] >= 40)
			assert_int_equal(flushes - before, 1); /* enough for all: no rollover */
		else
			assert_true(flushes - before > 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(hands_out_in_order_and_keeps, setup),
		cmocka_unit_test_setup(rollover_flushes_once, setup),
		cmocka_unit_test_setup(limit_is_clamped, setup),
		cmocka_unit_test_setup(random_schedule_never_shares_an_asid, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

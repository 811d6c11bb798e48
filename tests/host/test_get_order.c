/*
 * get_order() (include/mm.h) for every size a size_t can hold: 0, 1, the
 * page boundaries of every order, the top of 32 bits (the target's whole
 * size_t) and of 64 bits (the host's), against a model that counts pages
 * in 128 bits and so cannot overflow. A get_order() that loops instead of
 * answering is stopped by an alarm, so the test fails rather than hangs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <unistd.h>

#include "mm.h"

#define SIZE_BITS (unsigned)(sizeof(size_t) * 8)

/* The smallest order whose block holds size bytes; size 0 as in Linux: the largest order. */
static unsigned model_order(size_t size)
{
	unsigned __int128 pages = ((unsigned __int128)size + PAGE_SIZE - 1) / PAGE_SIZE;
	unsigned order = 0;

	if (!size)
		return SIZE_BITS - PAGE_SHIFT;
	while (((unsigned __int128)1 << order) < pages)
		order++;
	return order;
}

static void check(size_t size)
{
	unsigned got = get_order(size), want = model_order(size);

	if (got != want)
		fail_msg("get_order(%#zx) = %u, want %u", size, got, want);
}

static void extremes(void **state)
{
	(void)state;
	assert_int_equal(get_order(0), SIZE_BITS - PAGE_SHIFT);
	assert_true(get_order(0) > MAX_PAGE_ORDER); /* so every caller's check refuses it */
	assert_int_equal(get_order(1), 0);
	assert_int_equal(get_order(PAGE_SIZE - 1), 0);
	assert_int_equal(get_order(PAGE_SIZE), 0);
	assert_int_equal(get_order(PAGE_SIZE + 1), 1);
	assert_int_equal(get_order(4u << 20), MAX_PAGE_ORDER); /* KMALLOC_MAX_SIZE */
	assert_int_equal(get_order((4u << 20) + 1), MAX_PAGE_ORDER + 1);
	assert_int_equal(get_order(0x7fffffffu), 19);
	assert_int_equal(get_order(0x80000000u), 19);
	assert_int_equal(get_order(0x80000001u), 20);
	assert_int_equal(get_order(0xfffff000u), 20);
	assert_int_equal(get_order(0xffffffffu), 20); /* the target's largest size_t */
	/* The host's size_t goes on: past 4 GB, and its own top. */
	assert_int_equal(get_order(0x100000000ull), 20);
	assert_int_equal(get_order(0x100000001ull), 21);
	assert_int_equal(get_order(SIZE_MAX / 2 + 1), SIZE_BITS - 1 - PAGE_SHIFT);
	assert_int_equal(get_order(SIZE_MAX - PAGE_SIZE + 1), SIZE_BITS - PAGE_SHIFT);
	assert_int_equal(get_order(SIZE_MAX), SIZE_BITS - PAGE_SHIFT);
}

/* Each order's block size, one byte less and one byte more, up to the top of size_t. */
static void every_boundary(void **state)
{
	(void)state;
	for (unsigned order = 0; order <= SIZE_BITS - PAGE_SHIFT - 1; order++) {
		size_t block = (size_t)PAGE_SIZE << order;

		check(block - 1);
		check(block);
		check(block + 1);
		assert_int_equal(get_order(block), order);
		assert_int_equal(get_order(block + 1), order + 1);
	}
	for (size_t size = 0; size <= 3 * PAGE_SIZE; size++)
		check(size);
	for (size_t size = 0; size < 4096; size++)
		check(SIZE_MAX - size);
}

/* Random sizes of every bit length. */
static void random_sizes(void **state)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	(void)state;
	for (unsigned i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		check((size_t)(x >> (i % SIZE_BITS)));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(extremes),
		cmocka_unit_test(every_boundary),
		cmocka_unit_test(random_sizes),
	};

	alarm(30); /* a looping get_order() fails the run instead of hanging it */
	return cmocka_run_group_tests(tests, NULL, NULL);
}

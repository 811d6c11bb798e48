/*
 * The portable atomics (include/atomic.h over asm-generic/atomic.h): each
 * operation's value and ordering class, the bit operations across words, and
 * threads that take numbers with atomic_inc_return and cmpxchg: every number
 * is handed out exactly once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>

#include "atomic.h"

static void atomic_values(void **state)
{
	atomic_t v = ATOMIC_INIT(5);

	(void)state;
	assert_int_equal(atomic_read(&v), 5);
	atomic_add(3, &v);
	atomic_sub(1, &v);
	atomic_inc(&v);
	atomic_dec(&v);
	assert_int_equal(atomic_read(&v), 7);
	assert_int_equal(atomic_add_return(10, &v), 17);
	assert_int_equal(atomic_sub_return(17, &v), 0);
	assert_int_equal(atomic_dec_return(&v), -1);
	assert_int_equal(atomic_inc_return(&v), 0);
	assert_int_equal(atomic_cmpxchg(&v, 1, 9), 0); /* not 1: unchanged */
	assert_int_equal(atomic_read(&v), 0);
	assert_int_equal(atomic_cmpxchg(&v, 0, 9), 0);
	assert_int_equal(atomic_read(&v), 9);
	assert_int_equal(atomic_xchg(&v, 4), 9);
	assert_int_equal(atomic_read(&v), 4);
	atomic_set(&v, -3);
	assert_int_equal(atomic_read(&v), -3);
}

static void bit_ops(void **state)
{
	unsigned long bits[3] = { 0 };
	unsigned top = 3 * BITS_PER_LONG - 1;

	(void)state;
	set_bit(0, bits);
	set_bit(top, bits);
	assert_true(test_bit(0, bits) && test_bit(top, bits) && !test_bit(1, bits));
	assert_false(test_and_set_bit(BITS_PER_LONG, bits));
	assert_true(test_and_set_bit(BITS_PER_LONG, bits));
	clear_bit(0, bits);
	assert_int_equal(bits[0], 0);
	assert_int_equal(bits[1], 1);
	assert_int_equal(bits[2], 1UL << (BITS_PER_LONG - 1));
}

#define NR_THREADS 2
#define ROUNDS     20000

static atomic_t next_number = ATOMIC_INIT(0);
static atomic_t cas_counter = ATOMIC_INIT(0);
static unsigned long taken[(NR_THREADS * ROUNDS + 63) / 64 + 1];

static void *take_numbers(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < ROUNDS; i++) {
		int n = atomic_inc_return(&next_number) - 1;
		int old;

		if (test_and_set_bit((unsigned)n, taken))
			return (void *)1; /* handed out twice */
		do
			old = atomic_read(&cas_counter);
		while (atomic_cmpxchg(&cas_counter, old, old + 1) != old);
	}
	return NULL;
}

static void numbers_handed_out_once(void **state)
{
	pthread_t th[NR_THREADS];
	void *ret;

	(void)state;
	for (int i = 0; i < NR_THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, take_numbers, NULL), 0);
	for (int i = 0; i < NR_THREADS; i++) {
		pthread_join(th[i], &ret);
		assert_null(ret);
	}
	assert_int_equal(atomic_read(&next_number), NR_THREADS * ROUNDS);
	assert_int_equal(atomic_read(&cas_counter), NR_THREADS * ROUNDS);
	for (unsigned n = 0; n < NR_THREADS * ROUNDS; n++)
		assert_true(test_bit(n, taken));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(atomic_values),
		cmocka_unit_test(bit_ops),
		cmocka_unit_test(numbers_handed_out_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

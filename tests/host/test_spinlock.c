/*
 * The portable ticket spinlocks (include/spinlock.h over asm-generic/):
 * trylock on a held lock, the irqsave variants' interrupt state, 16-bit
 * tickets wrapping, tickets served in the order they were taken (threads
 * queued one by one behind a held lock enter in that order), and exact
 * counts from threads hammering one lock and one atomic_t.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>

#include "atomic.h"
#include "spinlock.h"

static void trylock_and_state(void **state)
{
	DEFINE_SPINLOCK(lock);
	uint32_t flags;

	(void)state;
	lockdep_reset();
	assert_false(spin_is_locked(&lock));
	assert_true(spin_trylock(&lock));
	assert_true(spin_is_locked(&lock));
	assert_false(spin_trylock(&lock)); /* held: fails, takes no ticket */
	assert_int_equal(lock.raw.tickets.next, 1);
	spin_unlock(&lock);
	assert_false(spin_is_locked(&lock));
	assert_true(spin_trylock(&lock));
	spin_unlock(&lock);

	host_irqs_off = false;
	spin_lock_irqsave(&lock, flags);
	assert_true(irqs_disabled() && spin_is_locked(&lock));
	assert_false(irqs_disabled_flags(flags));
	spin_unlock_irqrestore(&lock, flags);
	assert_false(irqs_disabled() || spin_is_locked(&lock));
	spin_lock_irq(&lock);
	assert_true(irqs_disabled());
	spin_unlock_irq(&lock);
	assert_false(irqs_disabled());
}

/* Tickets wrap at 16 bits: a lock used 70000 times still works. */
static void ticket_wraps(void **state)
{
	arch_spinlock_t lock = __ARCH_SPIN_LOCK_UNLOCKED;

	(void)state;
	for (unsigned i = 0; i < 70000; i++) {
		arch_spin_lock(&lock);
		assert_true(arch_spin_is_locked(&lock));
		arch_spin_unlock(&lock);
	}
	assert_false(arch_spin_is_locked(&lock));
	assert_int_equal(lock.tickets.owner, 70000 & 0xffff);
}

#define NR_WAITERS 6

static arch_spinlock_t fifo_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static int fifo_order[NR_WAITERS], fifo_n;

static void *fifo_waiter(void *arg)
{
	arch_spin_lock(&fifo_lock);
	fifo_order[fifo_n++] = (int)(intptr_t)arg;
	arch_spin_unlock(&fifo_lock);
	return NULL;
}

/* Waiters queued one after another behind a held lock get it in that order. */
static void tickets_are_fifo(void **state)
{
	pthread_t th[NR_WAITERS];

	(void)state;
	arch_spin_lock(&fifo_lock);
	for (int i = 0; i < NR_WAITERS; i++) {
		assert_int_equal(pthread_create(&th[i], NULL, fifo_waiter, (void *)(intptr_t)i), 0);
		/* Wait until thread i holds its ticket before starting the next. */
		while (__atomic_load_n(&fifo_lock.tickets.next, __ATOMIC_ACQUIRE) != i + 2)
			;
	}
	arch_spin_unlock(&fifo_lock);
	for (int i = 0; i < NR_WAITERS; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(fifo_n, NR_WAITERS);
	for (int i = 0; i < NR_WAITERS; i++)
		assert_int_equal(fifo_order[i], i);
}

#define NR_THREADS 2 /* no more than the cores a loaded test machine gives */
#define ROUNDS     20000

static arch_spinlock_t count_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static unsigned long plain_count;
static atomic_t atomic_count;

static void *hammer(void *arg)
{
	(void)arg;
	for (unsigned i = 0; i < ROUNDS; i++) {
		arch_spin_lock(&count_lock);
		plain_count++;
		arch_spin_unlock(&count_lock);
		atomic_inc(&atomic_count);
		if (!arch_spin_trylock(&count_lock))
			continue;
		plain_count++;
		arch_spin_unlock(&count_lock);
		atomic_inc(&atomic_count);
	}
	return NULL;
}

/* Every increment made under the lock or atomically is counted. */
static void counts_add_up(void **state)
{
	pthread_t th[NR_THREADS];

	(void)state;
	for (int i = 0; i < NR_THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, hammer, NULL), 0);
	for (int i = 0; i < NR_THREADS; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(plain_count, (unsigned long)atomic_read(&atomic_count));
	assert_true(plain_count >= NR_THREADS * ROUNDS);
	assert_false(arch_spin_is_locked(&count_lock));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trylock_and_state),
		cmocka_unit_test(ticket_wraps),
		cmocka_unit_test(tickets_are_fifo),
		cmocka_unit_test(counts_add_up),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * lockdep-lite's graph and rules (lib/lockdep.c) through the host spinlocks
 * (include/spinlock.h with CONFIG_LOCKDEP): an A -> B then B -> A inversion is
 * reported once with both chains, a longer cycle too, a consistent order never;
 * a class taken in (pretend) interrupt context and with interrupts enabled
 * is reported, with spin_lock_irqsave it is not; recursion, a bad unlock and
 * a lock held at a context switch are reported; the tables' limits turn
 * checking off instead of overflowing. Each test starts from lockdep_reset().
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "host_printk.h"
#include "spinlock.h"

static struct lockdep_stats st;

static const struct lockdep_stats *stats(void)
{
	lockdep_get_stats(&st);
	return &st;
}

static int setup(void **state)
{
	(void)state;
	lockdep_reset();
	host_printk_clear();
	host_irqs_off = false;
	host_in_irq = 0;
	return 0;
}

static bool printed(const char *s)
{
	return strstr(host_printk_output(), s) != NULL;
}

static void take_in_order(spinlock_t *a, spinlock_t *b)
{
	spin_lock(a);
	spin_lock(b);
	spin_unlock(b);
	spin_unlock(a);
}

static void consistent_order_is_quiet(void **state)
{
	DEFINE_SPINLOCK(a);
	DEFINE_SPINLOCK(b);
	DEFINE_SPINLOCK(c);

	(void)state;
	for (int i = 0; i < 3; i++) {
		take_in_order(&a, &b);
		take_in_order(&b, &c);
		take_in_order(&a, &c);
	}
	/* Releasing out of order is allowed. */
	spin_lock(&a);
	spin_lock(&b);
	spin_unlock(&a);
	spin_unlock(&b);
	assert_int_equal(stats()->inversions, 0);
	assert_int_equal(st.edges, 3);
	assert_int_equal(st.classes, 3);
	assert_int_equal(st.max_depth, 2);
	assert_string_equal(host_printk_output(), "");
}

static void inversion_reported_once(void **state)
{
	DEFINE_SPINLOCK(lock_a);
	DEFINE_SPINLOCK(lock_b);

	(void)state;
	take_in_order(&lock_a, &lock_b);
	assert_int_equal(stats()->inversions, 0);
	take_in_order(&lock_b, &lock_a);
	assert_int_equal(stats()->inversions, 1);
	assert_true(printed("WARNING: possible circular locking dependency detected"));
	assert_true(printed("existing dependency chain is:\n  (lock_a) -> (lock_b)"));
	assert_true(printed("new dependency is:\n  (lock_b) -> (lock_a)"));
	take_in_order(&lock_b, &lock_a); /* the same again: no second report */
	assert_int_equal(stats()->inversions, 1);
	assert_int_equal(st.edges, 1); /* the inverted edge is never recorded */
}

static void long_cycle_found(void **state)
{
	DEFINE_SPINLOCK(x);
	DEFINE_SPINLOCK(y);
	DEFINE_SPINLOCK(z);

	(void)state;
	take_in_order(&x, &y);
	take_in_order(&y, &z);
	assert_int_equal(stats()->inversions, 0);
	take_in_order(&z, &x);
	assert_int_equal(stats()->inversions, 1);
	assert_true(printed("(x) -> (y) -> (z)"));
}

/* Locks held by interrupted code do not order the handler's locks. */
static void irq_context_is_separate(void **state)
{
	DEFINE_SPINLOCK(outer);
	DEFINE_SPINLOCK(handler_lock);
	uint32_t flags;

	(void)state;
	spin_lock_irqsave(&handler_lock, flags);
	spin_lock(&outer);
	spin_unlock(&outer);
	spin_unlock_irqrestore(&handler_lock, flags);
	spin_lock(&outer);
	host_in_irq = 1; /* an interrupt arrives */
	host_irqs_off = true;
	spin_lock(&handler_lock);
	spin_unlock(&handler_lock);
	host_in_irq = 0;
	host_irqs_off = false;
	spin_unlock(&outer);
	assert_int_equal(stats()->inversions, 0);
	assert_int_equal(st.inconsistent, 0);
	assert_string_equal(host_printk_output(), "");
}

static void irq_unsafe_use_reported(void **state)
{
	DEFINE_SPINLOCK(safe);
	DEFINE_SPINLOCK(unsafe);
	uint32_t flags;

	(void)state;
	host_in_irq = 1;
	host_irqs_off = true;
	spin_lock(&safe);
	spin_unlock(&safe);
	spin_lock(&unsafe);
	spin_unlock(&unsafe);
	host_in_irq = 0;
	host_irqs_off = false;
	spin_lock_irqsave(&safe, flags); /* the rule kept */
	spin_unlock_irqrestore(&safe, flags);
	spin_lock_irq(&safe);
	spin_unlock_irq(&safe);
	assert_int_equal(stats()->inconsistent, 0);
	spin_lock(&unsafe); /* the rule broken */
	spin_unlock(&unsafe);
	assert_int_equal(stats()->inconsistent, 1);
	assert_true(printed("WARNING: inconsistent lock state"));
	assert_true(printed("{IN-HARDIRQ-W} -> {HARDIRQ-ON-W}"));
	assert_true(printed("(unsafe)"));
	spin_lock(&unsafe);
	spin_unlock(&unsafe);
	assert_int_equal(stats()->inconsistent, 1);
}

/* The other way round: first with interrupts on, then in a handler. */
static void irq_unsafe_other_order(void **state)
{
	DEFINE_SPINLOCK(later_in_irq);

	(void)state;
	spin_lock(&later_in_irq);
	spin_unlock(&later_in_irq);
	host_in_irq = 1;
	host_irqs_off = true;
	spin_lock(&later_in_irq);
	spin_unlock(&later_in_irq);
	host_in_irq = 0;
	host_irqs_off = false;
	assert_int_equal(stats()->inconsistent, 1);
	assert_true(printed("{HARDIRQ-ON-W} -> {IN-HARDIRQ-W}"));
}

static void init_lock(spinlock_t *l)
{
	spin_lock_init(l); /* one call site: one class for every lock made here */
}

static void recursion_reported(void **state)
{
	spinlock_t one, two;

	(void)state;
	init_lock(&one);
	init_lock(&two);
	spin_lock(&one);
	assert_false(spin_trylock(&one)); /* a failed trylock is not an acquisition */
	spin_lock(&two);
	spin_unlock(&two);
	spin_unlock(&one);
	assert_int_equal(stats()->recursive, 1);
	assert_int_equal(st.classes, 1);
	assert_true(printed("WARNING: possible recursive locking detected"));
}

static void bad_unlock_reported(void **state)
{
	DEFINE_SPINLOCK(never_taken);

	(void)state;
	arch_spin_lock(&never_taken.raw); /* held, but not through lockdep */
	spin_unlock(&never_taken);
	assert_int_equal(stats()->bad_unlock, 1);
	assert_true(printed("WARNING: bad unlock balance detected!"));
	assert_true(printed("(never_taken)"));
	assert_false(spin_is_locked(&never_taken));
}

static void held_at_switch_reported(void **state)
{
	DEFINE_SPINLOCK(sleeper);

	(void)state;
	assert_true(lockdep_assert_no_locks("schedule()"));
	spin_lock(&sleeper);
	assert_false(lockdep_assert_no_locks("schedule()"));
	assert_false(lockdep_assert_no_locks("schedule()")); /* once while held */
	spin_unlock(&sleeper);
	assert_true(lockdep_assert_no_locks("schedule()"));
	assert_int_equal(stats()->held_at_switch, 1);
	assert_true(printed("cpu0 reached schedule() holding:\n  held lock 0: (sleeper)"));
}

static void tables_full_turns_off(void **state)
{
	static spinlock_t locks[LOCKDEP_MAX_CLASSES + 1];
	static struct lock_class_key keys[LOCKDEP_MAX_CLASSES + 1];

	(void)state;
	for (unsigned i = 0; i <= LOCKDEP_MAX_CLASSES; i++) {
		__spin_lock_init(&locks[i], "many", &keys[i]);
		spin_lock(&locks[i]);
		spin_unlock(&locks[i]);
	}
	assert_int_equal(stats()->classes, LOCKDEP_MAX_CLASSES);
	assert_int_equal(st.overflow, 1);
	assert_true(printed("lockdep: class table full"));
	/* Nested deeper than the held-lock stack: also off, no overflow of the array. */
	lockdep_reset();
	for (unsigned i = 0; i <= LOCKDEP_MAX_DEPTH; i++)
		spin_lock(&locks[i]);
	for (unsigned i = 0; i <= LOCKDEP_MAX_DEPTH; i++)
		spin_unlock(&locks[i]);
	assert_int_equal(stats()->overflow, 1);
	assert_int_equal(st.max_depth, LOCKDEP_MAX_DEPTH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(consistent_order_is_quiet, setup),
		cmocka_unit_test_setup(inversion_reported_once, setup),
		cmocka_unit_test_setup(long_cycle_found, setup),
		cmocka_unit_test_setup(irq_context_is_separate, setup),
		cmocka_unit_test_setup(irq_unsafe_use_reported, setup),
		cmocka_unit_test_setup(irq_unsafe_other_order, setup),
		cmocka_unit_test_setup(recursion_reported, setup),
		cmocka_unit_test_setup(bad_unlock_reported, setup),
		cmocka_unit_test_setup(held_at_switch_reported, setup),
		cmocka_unit_test_setup(tables_full_turns_off, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Atomics, spinlocks and lockdep-lite on the hardware (suite "locks"):
 *
 *   - the timer interrupt adds to an atomic_t while the main loop does
 *     atomic_add_return and a cmpxchg loop on it: the counts add up exactly;
 *     in_irq() is true in the handler only;
 *   - spin_lock_irqsave masks IRQs (CPSR.I read back, nested too), a tick
 *     that comes due while it is held (wfi wakes) is not taken, and
 *     restoring takes it at once;
 *   - trylock fails on a held lock and takes no ticket;
 *   - a lock really waits: a held raw lock that the tick handler releases
 *     three ticks later is only taken after those ticks;
 *   - lockdep-lite trips on purpose: an A -> B / B -> A inversion, a lock
 *     taken in the handler and with interrupts enabled, recursion, a bad
 *     unlock and a lock held at a "context switch", exactly one report each
 *     (struct lockdep_stats), and none for the irqsave discipline.
 */
#include "asm/hardirq.h"
#include "atomic.h"
#include "spinlock.h"
#include "timer.h"
#include "ktest.h"

static bool tick_was_active;

/* Start the tick for a case; tick_done() leaves it as it was. */
static bool tick_start(struct ktest *t)
{
	tick_was_active = tick_active();
	if (tick_init()) {
		ktest_skip(t, "no tick on this board");
		return false;
	}
	local_irq_enable();
	return true;
}

static void tick_done(void (*fn)(void))
{
	tick_unregister(fn);
	if (!tick_was_active)
		tick_stop();
}

static uint32_t read_cpsr(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	return cpsr;
}

/* ---- atomics against the tick ---- */

static atomic_t total, irq_adds, irq_saw_irq_context;

static void add_from_tick(void)
{
	atomic_inc(&irq_adds);
	atomic_add(1, &total);
	if (in_irq())
		atomic_inc(&irq_saw_irq_context);
}

static void atomics_under_interrupts(struct ktest *t)
{
	uint32_t start, main_adds = 0;
	int last = 0, bad_returns = 0;

	atomic_set(&total, 0);
	atomic_set(&irq_adds, 0);
	atomic_set(&irq_saw_irq_context, 0);
	if (!tick_start(t))
		return;
	KEXPECT_TRUE(t, !in_irq());
	KASSERT_EQ(t, tick_register(add_from_tick), 0);
	start = jiffies;
	while (jiffies - start < 20) {
		int now = atomic_add_return(1, &total);
		int old;

		bad_returns += now <= last; /* only ever grows */
		last = now;
		do
			old = atomic_read(&total);
		while (atomic_cmpxchg(&total, old, old + 1) != old);
		main_adds += 2;
	}
	tick_done(add_from_tick);
	KEXPECT_EQ(t, bad_returns, 0);
	KEXPECT_TRUE(t, atomic_read(&irq_adds) >= 19);
	KEXPECT_EQ(t, atomic_read(&irq_saw_irq_context), atomic_read(&irq_adds));
	KEXPECT_EQ(t, (uint32_t)atomic_read(&total), main_adds + (uint32_t)atomic_read(&irq_adds));
	ktest_log("%u adds from the main loop, %d from timer interrupts", main_adds,
		  atomic_read(&irq_adds));
}

/* ---- spin_lock_irqsave ---- */

static DEFINE_SPINLOCK(outer_lock);
static DEFINE_SPINLOCK(inner_lock);

static void irqsave_masks_interrupts(struct ktest *t)
{
	uint32_t f_outer, f_inner, start;

	if (!tick_start(t))
		return;
	KASSERT_EQ(t, read_cpsr() & PSR_I_BIT, 0);
	spin_lock_irqsave(&outer_lock, f_outer);
	KEXPECT_EQ(t, read_cpsr() & PSR_I_BIT, PSR_I_BIT);
	spin_lock_irqsave(&inner_lock, f_inner);
	spin_unlock_irqrestore(&inner_lock, f_inner);
	KEXPECT_EQ(t, read_cpsr() & PSR_I_BIT, PSR_I_BIT); /* still inside outer */
	start = jiffies;
	cpu_idle(); /* wfi wakes once a tick is pending, masked or not */
	cpu_idle();
	KEXPECT_EQ(t, jiffies, start); /* ... but none was taken while held */
	KEXPECT_TRUE(t, spin_is_locked(&outer_lock));
	spin_unlock_irqrestore(&outer_lock, f_outer);
	KEXPECT_EQ(t, read_cpsr() & PSR_I_BIT, 0);
	KEXPECT_TRUE(t, jiffies != start); /* the pending tick came in at once */

	spin_lock_irq(&outer_lock);
	KEXPECT_EQ(t, read_cpsr() & PSR_I_BIT, PSR_I_BIT);
	spin_unlock_irq(&outer_lock);
	KEXPECT_EQ(t, read_cpsr() & PSR_I_BIT, 0);
	tick_done(NULL);
}

/* ---- trylock, and waiting ---- */

static void trylock_fails_when_held(struct ktest *t)
{
	DEFINE_SPINLOCK(try_lock);

	KASSERT_TRUE(t, spin_trylock(&try_lock));
	KEXPECT_TRUE(t, spin_is_locked(&try_lock));
	assert_spin_locked(&try_lock);
	KEXPECT_TRUE(t, !spin_trylock(&try_lock));
	KEXPECT_EQ(t, try_lock.raw.tickets.next, 1); /* the failed try took no ticket */
	spin_unlock(&try_lock);
	KEXPECT_TRUE(t, !spin_is_locked(&try_lock));
	KEXPECT_TRUE(t, spin_trylock(&try_lock));
	spin_unlock(&try_lock);
}

static arch_spinlock_t handed_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static volatile uint32_t release_at;

static void release_from_tick(void)
{
	if (release_at && jiffies >= release_at) {
		release_at = 0;
		arch_spin_unlock(&handed_lock);
	}
}

/* The raw lock: lockdep would rightly call this recursion on one CPU. */
static void lock_waits_for_release(struct ktest *t)
{
	uint32_t start;

	if (!tick_start(t))
		return;
	KASSERT_TRUE(t, arch_spin_trylock(&handed_lock));
	start = jiffies;
	release_at = start + 3;
	KASSERT_EQ(t, tick_register(release_from_tick), 0);
	arch_spin_lock(&handed_lock); /* waits for the tick handler's unlock */
	KEXPECT_TRUE(t, jiffies - start >= 3);
	KEXPECT_EQ(t, release_at, 0);
	KEXPECT_TRUE(t, arch_spin_is_locked(&handed_lock));
	arch_spin_unlock(&handed_lock);
	KEXPECT_TRUE(t, !arch_spin_is_locked(&handed_lock));
	tick_done(release_from_tick);
	ktest_log("waited %u ticks for the holder", jiffies - start);
}

/* ---- lockdep-lite ---- */

#ifdef CONFIG_LOCKDEP
static struct lockdep_stats before, after;

static void snap(struct lockdep_stats *s)
{
	lockdep_get_stats(s);
}

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);

static void lockdep_finds_inversion(struct ktest *t)
{
	snap(&before);
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	snap(&after);
	KEXPECT_EQ(t, after.inversions, before.inversions);
	spin_lock(&lock_b);
	spin_lock(&lock_a); /* B -> A after A -> B: reported */
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
	spin_lock(&lock_b);
	spin_lock(&lock_a); /* again: not reported twice */
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
	snap(&after);
	KEXPECT_EQ(t, after.inversions - before.inversions, 1);
	KEXPECT_EQ(t, after.bad_unlock, before.bad_unlock);
}

static DEFINE_SPINLOCK(tick_unsafe_lock);
static DEFINE_SPINLOCK(tick_safe_lock);
static atomic_t tick_took;

static void take_from_tick(void)
{
	spin_lock(&tick_safe_lock); /* interrupts are masked in a handler: plain lock */
	spin_unlock(&tick_safe_lock);
	spin_lock(&tick_unsafe_lock);
	spin_unlock(&tick_unsafe_lock);
	atomic_inc(&tick_took);
}

static void lockdep_finds_irq_unsafe_lock(struct ktest *t)
{
	uint32_t flags, start;

	if (!tick_start(t))
		return;
	snap(&before);
	atomic_set(&tick_took, 0);
	KASSERT_EQ(t, tick_register(take_from_tick), 0);
	start = jiffies;
	while (!atomic_read(&tick_took) && jiffies - start < 10)
		cpu_idle();
	tick_done(take_from_tick); /* the handler stops taking them before we do */
	KASSERT_TRUE(t, atomic_read(&tick_took) > 0);
	spin_lock_irqsave(&tick_safe_lock, flags); /* the irqsave rule kept */
	spin_unlock_irqrestore(&tick_safe_lock, flags);
	snap(&after);
	KEXPECT_EQ(t, after.inconsistent, before.inconsistent);
	spin_lock(&tick_unsafe_lock); /* broken: interrupts on */
	spin_unlock(&tick_unsafe_lock);
	spin_lock(&tick_unsafe_lock);
	spin_unlock(&tick_unsafe_lock);
	snap(&after);
	KEXPECT_EQ(t, after.inconsistent - before.inconsistent, 1);
}

static void init_same_class(spinlock_t *same_class)
{
	spin_lock_init(same_class);
}

static void lockdep_finds_misuse(struct ktest *t)
{
	static spinlock_t one, two;
	DEFINE_SPINLOCK(not_held);

	init_same_class(&one);
	init_same_class(&two);
	snap(&before);
	spin_lock(&one);
	spin_lock(&two); /* the same class twice */
	spin_unlock(&two);
	spin_unlock(&one);
	arch_spin_lock(&not_held.raw); /* held behind lockdep's back */
	spin_unlock(&not_held);
	spin_lock(&one);
	KEXPECT_TRUE(t, !lockdep_assert_no_locks("a context switch (test)"));
	spin_unlock(&one);
	KEXPECT_TRUE(t, lockdep_assert_no_locks("a context switch (test)"));
	snap(&after);
	KEXPECT_EQ(t, after.recursive - before.recursive, 1);
	KEXPECT_EQ(t, after.bad_unlock - before.bad_unlock, 1);
	KEXPECT_EQ(t, after.held_at_switch - before.held_at_switch, 1);
	KEXPECT_EQ(t, after.overflow, 0);
	ktest_log("lockdep: %u classes, %u edges, %u acquisitions, deepest %u", after.classes,
		  after.edges, after.acquires, after.max_depth);
}
#else
static void lockdep_off(struct ktest *t)
{
	ktest_skip(t, "CONFIG_LOCKDEP is off");
}
#endif

static const struct ktest_case locks_cases[] = {
	KTEST_CASE(atomics_under_interrupts),
	KTEST_CASE(irqsave_masks_interrupts),
	KTEST_CASE(trylock_fails_when_held),
	KTEST_CASE(lock_waits_for_release),
#ifdef CONFIG_LOCKDEP
	KTEST_CASE_REPORTS(lockdep_finds_inversion),
	KTEST_CASE_REPORTS(lockdep_finds_irq_unsafe_lock),
	KTEST_CASE_REPORTS(lockdep_finds_misuse),
#else
	KTEST_CASE(lockdep_off),
#endif
};
KTEST_SUITE("locks", locks_cases);

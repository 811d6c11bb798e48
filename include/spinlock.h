/*
 * Spinlocks: fair ticket locks (asm/spinlock.h), with lockdep-lite's
 * checks in debug builds (CONFIG_LOCKDEP, include/lockdep.h).
 *
 *   DEFINE_SPINLOCK(name);            a static lock, its own lockdep class
 *   spin_lock_init(&lock);            a lock in memory; one class per call site
 *   spin_lock / spin_unlock           interrupts left as they are
 *   spin_trylock                      true if taken; never waits
 *   spin_lock_irqsave(&l, flags) / spin_unlock_irqrestore(&l, flags)
 *                                     interrupts masked on this CPU while held,
 *                                     restored to what they were
 *   spin_lock_irq / spin_unlock_irq   the same when interrupts are known on
 *                                     (unlock turns them on)
 *   spin_is_locked, assert_spin_locked
 *
 * The irqsave rule. A lock that an interrupt handler takes must be taken
 * with interrupts masked (spin_lock_irqsave or spin_lock_irq) everywhere
 * outside interrupt context: otherwise the interrupt can arrive on the CPU
 * that holds the lock and spin forever on it. Inside a handler (interrupts
 * are masked there) plain spin_lock is enough. A lock no handler takes may
 * use plain spin_lock. lockdep-lite reports a class used both ways
 * ("inconsistent lock state").
 *
 * A lock is not recursive, may be released only by its holder, and must not
 * be held across schedule() or the return to user space. Taking it is an
 * acquire, releasing it a release (asm/spinlock.h says how). On one CPU the
 * lock costs its atomic instructions and a barrier; waiting needs another
 * CPU (or an interrupt handler) to release it.
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include "lockdep.h"
#include "printk.h"
#ifdef HOST_TEST
#include "asm-generic/irqflags.h"
#include "asm-generic/spinlock.h"
#else
#include "asm/hardirq.h"
#include "asm/irqflags.h"
#include "asm/spinlock.h"
#endif

typedef struct spinlock {
	arch_spinlock_t raw;
#ifdef CONFIG_LOCKDEP
	struct lockdep_map dep_map;
#endif
} spinlock_t;

#ifdef CONFIG_LOCKDEP
#define __SPIN_LOCK_UNLOCKED(lockname)                         \
	{                                                      \
		.raw = __ARCH_SPIN_LOCK_UNLOCKED, .dep_map = { \
			.name = #lockname,                     \
			.key = &(lockname)                     \
		}                                              \
	}
#else
#define __SPIN_LOCK_UNLOCKED(lockname)           \
	{                                        \
		.raw = __ARCH_SPIN_LOCK_UNLOCKED \
	}
#endif

#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#ifdef CONFIG_LOCKDEP
static inline void __spin_lock_init(spinlock_t *lock, const char *name,
				    const struct lock_class_key *key)
{
	lock->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;
	lock->dep_map = (struct lockdep_map){ .name = name, .key = key };
}

#define spin_lock_init(lock)                              \
	do {                                              \
		static const struct lock_class_key __key; \
		__spin_lock_init((lock), #lock, &__key);  \
	} while (0)

/* lockdep's view of this call: interrupts masked around it, as lockdep.h asks. */
static inline void __lockdep_ctx(struct lockdep_ctx *ctx, uint32_t flags)
{
	ctx->cpu = lock_cpu_slot();
	ctx->irqs_on = !irqs_disabled_flags(flags);
	ctx->in_irq = in_irq();
}

static inline void spin_acquire(spinlock_t *lock, bool trylock)
{
	uint32_t flags = local_irq_save();
	struct lockdep_ctx ctx;

	__lockdep_ctx(&ctx, flags);
	lockdep_acquire(&lock->dep_map, &ctx, trylock);
	local_irq_restore(flags);
}

static inline void spin_release(spinlock_t *lock)
{
	uint32_t flags = local_irq_save();
	struct lockdep_ctx ctx;

	__lockdep_ctx(&ctx, flags);
	lockdep_release(&lock->dep_map, &ctx);
	local_irq_restore(flags);
}

/* Report a lock held where none may be (where: "context switch", ...); true if none. */
static inline bool lockdep_assert_no_locks(const char *where)
{
	uint32_t flags = local_irq_save();
	struct lockdep_ctx ctx;
	bool ok;

	__lockdep_ctx(&ctx, flags);
	ok = lockdep_none_held(&ctx, where);
	local_irq_restore(flags);
	return ok;
}
#else
static inline void __spin_lock_init(spinlock_t *lock)
{
	lock->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;
}
#define spin_lock_init(lock) __spin_lock_init(lock)

static inline void spin_acquire(spinlock_t *lock, bool trylock)
{
	(void)lock;
	(void)trylock;
}

static inline void spin_release(spinlock_t *lock)
{
	(void)lock;
}

static inline bool lockdep_assert_no_locks(const char *where)
{
	(void)where;
	return true;
}
#endif

static inline void spin_lock(spinlock_t *lock)
{
	spin_acquire(lock, false); /* before waiting: a deadlock is reported, then hangs */
	arch_spin_lock(&lock->raw);
}

static inline bool spin_trylock(spinlock_t *lock)
{
	if (!arch_spin_trylock(&lock->raw))
		return false;
	spin_acquire(lock, true);
	return true;
}

static inline void spin_unlock(spinlock_t *lock)
{
	spin_release(lock);
	arch_spin_unlock(&lock->raw);
}

static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

static inline uint32_t __spin_lock_irqsave(spinlock_t *lock)
{
	uint32_t flags = local_irq_save();

	spin_lock(lock);
	return flags;
}

#define spin_lock_irqsave(lock, flags) ((flags) = __spin_lock_irqsave(lock))

static inline void spin_unlock_irqrestore(spinlock_t *lock, uint32_t flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}

/* Held by anyone (not necessarily this CPU). */
static inline bool spin_is_locked(spinlock_t *lock)
{
	return arch_spin_is_locked(&lock->raw);
}

#define assert_spin_locked(lock) BUG_ON(!spin_is_locked(lock))

#endif

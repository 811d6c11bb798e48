/*
 * Ticket spinlocks for host builds (tests/host): the layout and rules of
 * asm/spinlock.h with GCC's __atomic builtins, so that portable code can take
 * locks in host tests, threads included. Little-endian hosts only (owner in
 * the low half, as on the target).
 */
#ifndef ASM_GENERIC_SPINLOCK_H
#define ASM_GENERIC_SPINLOCK_H

#include "types.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "asm-generic/spinlock.h: owner must be the low half of the word"
#endif

typedef struct {
	union {
		uint32_t slock;
		struct {
			uint16_t owner;
			uint16_t next;
		} tickets;
	};
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED \
	{                         \
		{                 \
			0         \
		}                 \
	}
#define TICKET_SHIFT 16

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	uint16_t ticket = __atomic_fetch_add(&lock->tickets.next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&lock->tickets.owner, __ATOMIC_ACQUIRE) != ticket)
		;
}

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	uint32_t old = __atomic_load_n(&lock->slock, __ATOMIC_RELAXED);

	if ((uint16_t)old != (uint16_t)(old >> TICKET_SHIFT))
		return false;
	return __atomic_compare_exchange_n(&lock->slock, &old, old + (1u << TICKET_SHIFT), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	uint16_t owner = __atomic_load_n(&lock->tickets.owner, __ATOMIC_RELAXED);

	__atomic_store_n(&lock->tickets.owner, (uint16_t)(owner + 1), __ATOMIC_RELEASE);
}

static inline bool arch_spin_is_locked(const arch_spinlock_t *lock)
{
	uint32_t v = __atomic_load_n(&lock->slock, __ATOMIC_RELAXED);

	return (uint16_t)v != (uint16_t)(v >> TICKET_SHIFT);
}

#endif

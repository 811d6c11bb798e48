/*
 * Ticket spinlocks for ARMv7-A: the raw lock under include/spinlock.h.
 *
 *   31            16 15             0
 *  +----------------+----------------+
 *  |      next      |     owner      |    one 32-bit word
 *  +----------------+----------------+
 *
 * A CPU takes a ticket by incrementing `next` (LDREX/STREX on the word) and
 * waits until `owner` equals its ticket; unlock increments `owner` with a
 * plain halfword store (only the holder writes it). Tickets are served in
 * the order they were taken, so a waiter cannot starve. The lock is free
 * when owner == next. A store to the word by the holder's unlock makes a
 * concurrent ticket-taker's STREX fail and retry (A3.4.5), so the two halves
 * never lose an update.
 *
 * Waiters sleep in WFE; unlock makes its store visible (DSB ISHST) and then
 * signals SEV, because WFE may wake only for the event and must then see the
 * new owner (A3.8.3, B1.8.13 "Wait For Event and Send Event"). Taking the
 * lock is an acquire (DMB after it), releasing it a release (DMB before the
 * store), so the critical section stays between them (A3.8.3).
 */
#ifndef ASM_SPINLOCK_H
#define ASM_SPINLOCK_H

#include "asm/barrier.h"
#include "types.h"

typedef struct {
	union {
		volatile uint32_t slock;
		struct {
			volatile uint16_t owner;
			volatile uint16_t next;
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
	uint32_t old, new, fail;

	/* Take a ticket: next++. old holds the word as it was. */
	__asm__ volatile("1:	ldrex	%0, [%3]\n"
			 "	add	%1, %0, %4\n"
			 "	strex	%2, %1, [%3]\n"
			 "	teq	%2, #0\n"
			 "	bne	1b"
			 : "=&r"(old), "=&r"(new), "=&r"(fail)
			 : "r"(&lock->slock), "I"(1 << TICKET_SHIFT)
			 : "cc", "memory");
	uint16_t ticket = (uint16_t)(old >> TICKET_SHIFT);
	uint16_t owner = (uint16_t)old;

	while (owner != ticket) {
		wfe();
		owner = lock->tickets.owner;
	}
	smp_mb();
}

/* Takes the lock only if it is free; true if taken. */
static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	uint32_t old = 0, new, fail = 0; /* cppcheck cannot see the asm set them */

	do {
		/* If owner == next (the halves equal), take a ticket; else store nothing. */
		__asm__ volatile("ldrex	%1, [%3]\n"
				 "	mov	%0, #0\n"
				 "	cmp	%1, %1, ror #16\n"
				 "	addeq	%2, %1, %4\n"
				 "	strexeq	%0, %2, [%3]"
				 : "=&r"(fail), "=&r"(old), "=&r"(new)
				 : "r"(&lock->slock), "I"(1 << TICKET_SHIFT)
				 : "cc", "memory");
	} while (fail);
	if ((uint16_t)old != (uint16_t)(old >> TICKET_SHIFT))
		return false;
	smp_mb();
	return true;
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	smp_mb();
	lock->tickets.owner++;
	__dsb_ishst();
	sev();
}

static inline bool arch_spin_is_locked(const arch_spinlock_t *lock)
{
	uint32_t v = lock->slock;

	return (uint16_t)v != (uint16_t)(v >> TICKET_SHIFT);
}

#endif

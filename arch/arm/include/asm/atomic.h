/*
 * atomic_t and bit operations for ARMv7-A (see include/atomic.h for the
 * contract), built on the exclusive monitor: LDREX marks the address, STREX
 * stores only if nothing else wrote it since and returns 0 then, so every
 * operation is a load / modify / store-exclusive loop retried until the store
 * succeeds (ARM ARM A3.4 "Synchronization and semaphores").
 *
 * Exclusives order nothing by themselves (A3.4.6): the operations that return
 * a value are fully ordered by a DMB ISH before the loop and one after it,
 * so that no access of the caller moves into or across them; the ones that
 * return nothing (atomic_add, set_bit, ...) are unordered, as in Linux.
 */
#ifndef ASM_ATOMIC_H
#define ASM_ATOMIC_H

#include "asm/barrier.h"
#include "types.h"

typedef struct {
	volatile int counter;
} atomic_t;

/*
 * One exclusive loop: r = [p]; r = r <op> i; store it back; retry if another
 * observer wrote [p] in between. result gets the new value.
 */
#define __ATOMIC_LOOP(insn, p, i, result)                                    \
	do {                                                                 \
		uint32_t __fail;                                             \
		__asm__ volatile("1:	ldrex	%0, [%3]\n"                       \
				 "	" insn "	%0, %0, %4\n"               \
				 "	strex	%1, %0, [%3]\n"                     \
				 "	teq	%1, #0\n"                             \
				 "	bne	1b"                                   \
				 : "=&r"(result), "=&r"(__fail), "+Qo"(*(p)) \
				 : "r"(p), "Ir"(i)                           \
				 : "cc");                                    \
	} while (0)

static inline void arch_atomic_add(int i, atomic_t *v)
{
	int r;

	__ATOMIC_LOOP("add", &v->counter, i, r);
}

static inline void arch_atomic_sub(int i, atomic_t *v)
{
	int r;

	__ATOMIC_LOOP("sub", &v->counter, i, r);
}

static inline int arch_atomic_add_return(int i, atomic_t *v)
{
	int r;

	smp_mb();
	__ATOMIC_LOOP("add", &v->counter, i, r);
	smp_mb();
	return r;
}

static inline int arch_atomic_sub_return(int i, atomic_t *v)
{
	int r;

	smp_mb();
	__ATOMIC_LOOP("sub", &v->counter, i, r);
	smp_mb();
	return r;
}

/* [p] = new if it holds old; returns what [p] held. Fully ordered. */
static inline uint32_t arch_cmpxchg32(volatile uint32_t *p, uint32_t old, uint32_t new)
{
	uint32_t prev, fail;

	smp_mb();
	do {
		__asm__ volatile("ldrex	%1, [%2]\n"
				 "	mov	%0, #0\n"
				 "	teq	%1, %3\n"
				 "	strexeq	%0, %4, [%2]"
				 : "=&r"(fail), "=&r"(prev)
				 : "r"(p), "r"(old), "r"(new)
				 : "cc", "memory");
	} while (fail);
	smp_mb();
	return prev;
}

/* [p] = new; returns what [p] held. Fully ordered. */
static inline uint32_t arch_xchg32(volatile uint32_t *p, uint32_t new)
{
	uint32_t prev, fail;

	smp_mb();
	do {
		__asm__ volatile("ldrex	%1, [%2]\n"
				 "	strex	%0, %3, [%2]"
				 : "=&r"(fail), "=&r"(prev)
				 : "r"(p), "r"(new)
				 : "memory");
	} while (fail);
	smp_mb();
	return prev;
}

#define BITS_PER_LONG 32
#define BIT_MASK(nr)  (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)  ((nr) / BITS_PER_LONG)

static inline void arch_set_bit(unsigned nr, volatile unsigned long *addr)
{
	unsigned long r;

	__ATOMIC_LOOP("orr", &addr[BIT_WORD(nr)], BIT_MASK(nr), r);
}

static inline void arch_clear_bit(unsigned nr, volatile unsigned long *addr)
{
	unsigned long r;

	__ATOMIC_LOOP("bic", &addr[BIT_WORD(nr)], BIT_MASK(nr), r);
}

/* Sets the bit; returns whether it was set before. Fully ordered. */
static inline bool arch_test_and_set_bit(unsigned nr, volatile unsigned long *addr)
{
	volatile unsigned long *p = &addr[BIT_WORD(nr)];
	unsigned long mask = BIT_MASK(nr), prev, new, fail;

	smp_mb();
	do {
		__asm__ volatile(
			"ldrex	%1, [%3]\n"
			"	orr	%2, %1, %4\n"
			"	strex	%0, %2, [%3]" /* STREX's status may not be its data */
			: "=&r"(fail), "=&r"(prev), "=&r"(new)
			: "r"(p), "r"(mask)
			: "memory");
	} while (fail);
	smp_mb();
	return prev & mask;
}

#endif

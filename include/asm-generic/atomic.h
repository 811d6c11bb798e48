/*
 * atomic_t and bit operations for host builds (tests/host), over GCC's
 * __atomic builtins: the same contract as include/atomic.h, so that
 * portable code (buddy, slab) can use them in host tests. The value-returning
 * operations are sequentially consistent, the others relaxed, as on the
 * target.
 */
#ifndef ASM_GENERIC_ATOMIC_H
#define ASM_GENERIC_ATOMIC_H

#include "asm-generic/barrier.h"
#include "types.h"

typedef struct {
	volatile int counter;
} atomic_t;

static inline void arch_atomic_add(int i, atomic_t *v)
{
	__atomic_add_fetch(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void arch_atomic_sub(int i, atomic_t *v)
{
	__atomic_sub_fetch(&v->counter, i, __ATOMIC_RELAXED);
}

static inline int arch_atomic_add_return(int i, atomic_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int arch_atomic_sub_return(int i, atomic_t *v)
{
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline uint32_t arch_cmpxchg32(volatile uint32_t *p, uint32_t old, uint32_t new)
{
	__atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return old; /* on failure the builtin wrote the value found there */
}

static inline uint32_t arch_xchg32(volatile uint32_t *p, uint32_t new)
{
	return __atomic_exchange_n(p, new, __ATOMIC_SEQ_CST);
}

#define BITS_PER_LONG (8 * (unsigned)sizeof(long))
#define BIT_MASK(nr)  (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)  ((nr) / BITS_PER_LONG)

static inline void arch_set_bit(unsigned nr, volatile unsigned long *addr)
{
	__atomic_or_fetch(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void arch_clear_bit(unsigned nr, volatile unsigned long *addr)
{
	__atomic_and_fetch(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline bool arch_test_and_set_bit(unsigned nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

#endif

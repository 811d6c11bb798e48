/*
 * Atomic operations and memory barriers, the same on every CPU count:
 *
 *   atomic_t v = ATOMIC_INIT(0);
 *   atomic_read/atomic_set          a plain load/store of the counter (no barrier)
 *   atomic_add/sub/inc/dec          read-modify-write, atomic, NOT ordered
 *   atomic_add_return/sub_return/inc_return/dec_return,
 *   atomic_cmpxchg/atomic_xchg      atomic and FULLY ordered: a full barrier
 *                                   before and after (smp_mb() semantics)
 *   set_bit/clear_bit               atomic on one bit of an unsigned long array, not ordered
 *   test_and_set_bit                atomic, fully ordered; returns the old bit
 *   smp_mb/smp_rmb/smp_wmb          ordering between CPUs (all, loads, stores)
 *   READ_ONCE/WRITE_ONCE            one access the compiler may not tear, merge or drop
 *
 * The operations are safe against interrupts on the same CPU and against
 * other CPUs: use them for counters and flags shared with interrupt handlers.
 * The target implements them with LDREX/STREX and DMB (asm/atomic.h,
 * asm/barrier.h); host builds (HOST_TEST) with GCC's __atomic builtins
 * (asm-generic/), so portable code tested on the host may use them.
 */
#ifndef ATOMIC_H
#define ATOMIC_H

#ifdef HOST_TEST
#include "asm-generic/atomic.h"
#else
#include "asm/atomic.h"
#endif

#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define ATOMIC_INIT(i) \
	{              \
		(i)    \
	}

static inline int atomic_read(const atomic_t *v)
{
	return READ_ONCE(v->counter);
}

static inline void atomic_set(atomic_t *v, int i)
{
	WRITE_ONCE(v->counter, i);
}

static inline void atomic_add(int i, atomic_t *v)
{
	arch_atomic_add(i, v);
}

static inline void atomic_sub(int i, atomic_t *v)
{
	arch_atomic_sub(i, v);
}

static inline void atomic_inc(atomic_t *v)
{
	arch_atomic_add(1, v);
}

static inline void atomic_dec(atomic_t *v)
{
	arch_atomic_sub(1, v);
}

/* The new value. */
static inline int atomic_add_return(int i, atomic_t *v)
{
	return arch_atomic_add_return(i, v);
}

static inline int atomic_sub_return(int i, atomic_t *v)
{
	return arch_atomic_sub_return(i, v);
}

static inline int atomic_inc_return(atomic_t *v)
{
	return arch_atomic_add_return(1, v);
}

/* The new value: true-ish test for "dropped to zero" is atomic_dec_return(v) == 0. */
static inline int atomic_dec_return(atomic_t *v)
{
	return arch_atomic_sub_return(1, v);
}

/* Sets v to new if it holds old; returns the value it held (== old: it was set). */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	return (int)arch_cmpxchg32((volatile uint32_t *)&v->counter, (uint32_t)old, (uint32_t) new);
}

/* Sets v to new; returns the value it held. */
static inline int atomic_xchg(atomic_t *v, int new)
{
	return (int)arch_xchg32((volatile uint32_t *)&v->counter, (uint32_t) new);
}

/* The same on a plain 32-bit word. */
#define cmpxchg32(p, old, new) arch_cmpxchg32(p, old, new)
#define xchg32(p, new)         arch_xchg32(p, new)

static inline void set_bit(unsigned nr, volatile unsigned long *addr)
{
	arch_set_bit(nr, addr);
}

static inline void clear_bit(unsigned nr, volatile unsigned long *addr)
{
	arch_clear_bit(nr, addr);
}

static inline bool test_and_set_bit(unsigned nr, volatile unsigned long *addr)
{
	return arch_test_and_set_bit(nr, addr);
}

static inline bool test_bit(unsigned nr, const volatile unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

#endif

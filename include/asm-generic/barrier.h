/*
 * The barriers of asm/barrier.h for host builds (tests/host): the compiler's
 * C11 fences, which are what the host CPU needs between threads.
 */
#ifndef ASM_GENERIC_BARRIER_H
#define ASM_GENERIC_BARRIER_H

#define barrier()   __asm__ volatile("" ::: "memory")
#define smp_mb()    __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()   __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()   __atomic_thread_fence(__ATOMIC_RELEASE)
#define cpu_relax() barrier()

#endif

/*
 * Memory barriers between CPUs (ARMv7-A, inner shareable domain).
 *
 * The ARM ARM (DDI 0406C, A3.8.3 "Memory barriers") gives three: DMB orders
 * memory accesses before it against those after it as seen by every observer
 * in the domain; DSB also waits for them to complete (needed before SEV, so
 * that a CPU woken from WFE sees the store that woke it); ISB refetches
 * instructions. The kernel's memory is Normal, Inner Shareable, so the ISH
 * forms suffice between CPUs; the full-system forms stay in cp15.h for cache
 * and TLB maintenance.
 */
#ifndef ASM_BARRIER_H
#define ASM_BARRIER_H

/* Only the compiler: no instruction, no access moved across it. */
#define barrier() __asm__ volatile("" ::: "memory")

#define __dmb_ish()   __asm__ volatile("dmb ish" ::: "memory")
#define __dmb_ishst() __asm__ volatile("dmb ishst" ::: "memory")
#define __dsb_ishst() __asm__ volatile("dsb ishst" ::: "memory")

/* Full barrier: loads and stores before it are seen before those after it. */
#define smp_mb() __dmb_ish()
/* Loads before against loads after (ARMv7 has no load-only DMB: the full one). */
#define smp_rmb() __dmb_ish()
/* Stores before against stores after (DMB ISHST, A3.8.3: "ST" option). */
#define smp_wmb() __dmb_ishst()

/*
 * Against devices (DMA masters reading a ring, an MMIO notify), as Linux's
 * mb/rmb/wmb on ARMv7: full-system DSBs, since a device is not in the
 * inner shareable domain and a DMB does not wait for a write to reach it.
 */
#define mb()  __asm__ volatile("dsb sy" ::: "memory")
#define rmb() __asm__ volatile("dsb sy" ::: "memory")
#define wmb() __asm__ volatile("dsb st" ::: "memory")

/* Wait for an event (a SEV, an interrupt) / signal one to every CPU (A8.8.424, A8.8.168). */
#define wfe() __asm__ volatile("wfe" ::: "memory")
#define sev() __asm__ volatile("sev" ::: "memory")
/*
 * A spin-wait hint that never sleeps (YIELD, A8.8.429): a multithreaded
 * core runs another thread, and single-threaded QEMU its next vCPU.
 */
#define cpu_relax() __asm__ volatile("yield" ::: "memory")

#endif

/*
 * Fixed virtual addresses, one 4 KB page each, chosen at compile time:
 * slot idx lives at FIXADDR_START + idx * PAGE_SIZE.
 */
#ifndef ASM_FIXMAP_H
#define ASM_FIXMAP_H

#include "asm/memory.h"
#include "asm/smp.h"

/* kmap_atomic() slots per CPU: CPU n owns FIX_KMAP_BEGIN + n * KM_TYPE_NR onwards. */
#define KM_TYPE_NR 8

enum fixed_addresses {
	FIX_EARLYCON,    /* the console UART */
	FIX_BENCH_TIMER, /* the A9 global timer, for benchmarks */
	FIX_KMAP_BEGIN,  /* kmap_atomic() slots: a stack of KM_TYPE_NR per CPU */
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define __fix_to_virt(idx) (FIXADDR_START + ((uint32_t)(idx) << PAGE_SHIFT))
#define __virt_to_fix(va)  (((uint32_t)(va)-FIXADDR_START) >> PAGE_SHIFT)

_Static_assert(__fix_to_virt(__end_of_fixed_addresses) <= FIXADDR_END, "fixmap overflows");

#endif

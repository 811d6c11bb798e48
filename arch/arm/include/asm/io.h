/*
 * Device register access. The _relaxed forms are single accesses of the
 * given width with no ordering against normal memory; the plain forms add
 * the barriers Linux uses on ARMv7: a read is followed by a barrier (so
 * later loads see what the device reported), a write is preceded by one
 * (so the device sees earlier normal-memory writes, e.g. a DMA buffer).
 */
#ifndef ASM_IO_H
#define ASM_IO_H

#include "types.h"

#define __iomem

#define __iormb() __asm__ volatile("dsb sy" ::: "memory") /* ARMv7 has no load-only DSB */
#define __iowmb() __asm__ volatile("dsb st" ::: "memory")

#define IO_ACCESSORS(bits, type, sfx)                                                \
	static inline type read##sfx##_relaxed(const volatile void __iomem *addr)    \
	{                                                                            \
		return *(const volatile type *)addr;                                 \
	}                                                                            \
	static inline void write##sfx##_relaxed(type v, volatile void __iomem *addr) \
	{                                                                            \
		*(volatile type *)addr = v;                                          \
	}                                                                            \
	static inline type read##sfx(const volatile void __iomem *addr)              \
	{                                                                            \
		type v = read##sfx##_relaxed(addr);                                  \
		__iormb();                                                           \
		return v;                                                            \
	}                                                                            \
	static inline void write##sfx(type v, volatile void __iomem *addr)           \
	{                                                                            \
		__iowmb();                                                           \
		write##sfx##_relaxed(v, addr);                                       \
	}

IO_ACCESSORS(8, uint8_t, b)
IO_ACCESSORS(16, uint16_t, w)
IO_ACCESSORS(32, uint32_t, l)

/* Map device registers (device memory), or write-combining memory; NULL on failure. */
void __iomem *ioremap(phys_addr_t phys, size_t size);
void __iomem *ioremap_wc(phys_addr_t phys, size_t size);
void iounmap(volatile void __iomem *addr);

#endif

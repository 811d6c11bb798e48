/*
 * The kernel's virtual address space (3G/1G split). Usable from C and asm.
 *
 *   0x00000000-0xBFDFFFFF  user space (TTBR0 of a process; unmapped for now)
 *   0xBFE00000-0xBFFFFFFF  pkmap: kmap() of highmem pages (2 MB)
 *   0xC0000000-high_memory lowmem: the direct map of RAM (768 MB at most with
 *                          the default vmalloc=240M; vmalloc= moves the end)
 *   high_memory + 8 MB     VMALLOC_START (gap catches overruns of lowmem)
 *   ...      -0xFF7FFFFF   vmalloc / ioremap area, VMALLOC_END
 *   0xFFC00000-0xFFDFFFFF  DMA-coherent area (2 MB)
 *   0xFFE00000-0xFFEFFFFF  early I/O section: boot console before paging_init
 *   0xFFF00000-0xFFFDFFFF  fixmap (224 slots of 4 KB)
 *   0xFFFF0000-0xFFFF0FFF  exception vectors (SCTLR.V = 1)
 *
 * The kernel is linked at PAGE_OFFSET + TEXT_OFFSET and loaded at
 * PHYS_OFFSET + TEXT_OFFSET; PHYS_OFFSET (RAM base) comes from the board.
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#ifdef __ASSEMBLER__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#ifndef PHYS_OFFSET
#error "PHYS_OFFSET must come from the board (board/<name>.h)"
#endif
#ifndef TEXT_OFFSET
#define TEXT_OFFSET _UL(0x00008000)
#endif

#define PAGE_SHIFT 12
#define PAGE_SIZE  (_UL(1) << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define PAGE_OFFSET     _UL(0xC0000000)
#define TASK_SIZE       _UL(0xBFE00000)
#define PKMAP_BASE      _UL(0xBFE00000)
#define PKMAP_SIZE      _UL(0x00200000)
#define VMALLOC_OFFSET  _UL(0x00800000)
#define VMALLOC_END     _UL(0xFF800000)
#define CONSISTENT_BASE _UL(0xFFC00000)
#define CONSISTENT_END  _UL(0xFFE00000)
#define EARLY_IO_VA     _UL(0xFFE00000)
#define FIXADDR_START   _UL(0xFFF00000)
#define FIXADDR_END     _UL(0xFFFE0000)
#define VECTORS_BASE    _UL(0xFFFF0000)

/* head.S maps this much of RAM at PAGE_OFFSET before paging_init. */
#define EARLY_MAP_SIZE _UL(0x01000000)

#ifndef __ASSEMBLER__
#include "types.h"

#define __pa(va) ((phys_addr_t)((uintptr_t)(va)-PAGE_OFFSET + PHYS_OFFSET))
#define __va(pa) ((void *)((uintptr_t)(pa)-PHYS_OFFSET + PAGE_OFFSET))

static inline phys_addr_t virt_to_phys(const volatile void *va)
{
	return __pa(va);
}
static inline void *phys_to_virt(phys_addr_t pa)
{
	return __va(pa);
}
#endif

#endif

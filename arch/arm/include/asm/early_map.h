/*
 * Temporary read-only mappings of physical memory before paging_init(),
 * for what head.S did not map: a device tree a bootloader left anywhere in
 * RAM (U-Boot puts it near the top), while only the first EARLY_MAP_SIZE of
 * RAM is reachable at PAGE_OFFSET.
 *
 * The window is EARLY_MAP_WINDOW_VA (the DMA-coherent area, unused until
 * dma_coherent_init(), long after paging_init()): up to two 1 MB sections
 * written into early_pg_dir, normal write-back memory like head.S's map of
 * RAM (the same attributes for every alias of a page), privileged read-only,
 * execute-never. One mapping at a time; unmap it before paging_init().
 */
#ifndef ASM_EARLY_MAP_H
#define ASM_EARLY_MAP_H

#include "asm/memory.h"
#include "types.h"

#define EARLY_MAP_WINDOW_VA   CONSISTENT_BASE
#define EARLY_MAP_WINDOW_SIZE (CONSISTENT_END - CONSISTENT_BASE) /* 2 MB */

/*
 * Map [pa, pa + size) and return the virtual address of pa, or NULL: size 0,
 * more than the window holds from pa's offset in its section (so at least
 * 1 MB + 1 byte always fits), a mapping already in place, or early_pg_dir no
 * longer the live table.
 */
const void *early_memremap_ro(phys_addr_t pa, uint32_t size);
/* The most bytes early_memremap_ro() can map from pa: 2 MB less pa's offset in its 1 MB section. */
static inline uint32_t early_map_limit(phys_addr_t pa)
{
	return EARLY_MAP_WINDOW_SIZE - (pa & 0xfffffu);
}
/*
 * One word of physical memory, read or written through the window mapped
 * strongly ordered (uncached, so the probe sees the memory, not a cache
 * line) and unmapped again: the RAM probe's accessors (include/ram_probe.h).
 * 0, -EFAULT when the access aborts (virt: a synchronous external abort past
 * the end of RAM), -EBUSY when the window is in use or early_pg_dir no longer
 * the live table.
 */
int early_probe_read32(phys_addr_t pa, uint32_t *val);
int early_probe_write32(phys_addr_t pa, uint32_t val);
/* Remove the window's mapping (and its TLB entries); nothing if none. */
void early_memunmap(void);
/* Sections mapped in the window now (0 when free). */
unsigned early_map_sections(void);

#endif

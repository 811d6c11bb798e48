/*
 * Cache maintenance for streaming DMA on ARMv7 (arch/arm/mmu/dma_cache.c),
 * as Linux's dmac_map_area()/dmac_unmap_area(). The data cache is not
 * coherent with DMA masters here, so ownership of a buffer passes between
 * the CPU and the device with maintenance by virtual address, to the point
 * of coherency:
 *
 *   dmac_map_area(start, size, dir)     the CPU hands the buffer over:
 *       DMA_TO_DEVICE, DMA_BIDIRECTIONAL  clean: dirty lines reach memory
 *                                         before the device reads it;
 *       DMA_FROM_DEVICE                   invalidate: no dirty line can be
 *                                         written back over what the device
 *                                         writes. A line the buffer only
 *                                         partly covers at either end is
 *                                         cleaned and invalidated instead,
 *                                         so the neighbours' data in it
 *                                         survives.
 *   dmac_unmap_area(start, size, dir)   the CPU takes the buffer back:
 *       DMA_FROM_DEVICE, DMA_BIDIRECTIONAL  invalidate again (edges as
 *                                         above): lines the CPU fetched
 *                                         speculatively while the device
 *                                         wrote are stale;
 *       DMA_TO_DEVICE                     nothing: the device only read.
 *
 * [start, start + size) must be mapped cacheable in the kernel (the direct
 * map, or a kmap of a highmem page). QEMU models no caches, so the lines
 * each kind of operation touched are counted in dma_cache_stats, which
 * the tests check against what the rules above require.
 */
#ifndef ASM_DMA_CACHE_H
#define ASM_DMA_CACHE_H

#include "asm/atomic.h" /* atomic_t */
#include "dma-direction.h"

struct dma_cache_stats {
	atomic_t clean;       /* lines cleaned (DCCMVAC) */
	atomic_t inval;       /* lines invalidated (DCIMVAC) */
	atomic_t clean_inval; /* lines cleaned and invalidated (DCCIMVAC) */
};
extern struct dma_cache_stats dma_cache_stats;

void dmac_map_area(const void *start, size_t size, enum dma_data_direction dir);
void dmac_unmap_area(const void *start, size_t size, enum dma_data_direction dir);

#endif

/*
 * Coherent DMA memory: a buffer the CPU and a device share without cache
 * maintenance. dma_alloc_coherent() takes physically contiguous pages,
 * cleans and invalidates their cached direct-map lines, maps them
 * non-cacheable in the DMA-coherent area (CONSISTENT_BASE..END) and
 * returns the CPU address, with the bus address (here the physical
 * address) in *handle. A buffer is a power of two of pages, at most 1 MB:
 * the next, with its guard page, would not fit the 2 MB area; a size of 0
 * or above 1 MB is reported and gives NULL. Freeing with a wrong address,
 * handle or size is reported and changes nothing.
 */
#ifndef DMA_MAPPING_H
#define DMA_MAPPING_H

#include "gfp.h"
#include "kernel.h"

typedef uint32_t dma_addr_t;

struct device {
	const char *name;
	uint32_t coherent_dma_mask; /* highest bus address the device reaches */
};

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle);
void dma_coherent_init(void);

#endif

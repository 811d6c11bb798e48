/*
 * DMA pools (mm/dma/dmapool.c), as Linux's: many small blocks of coherent
 * memory of one size for one device (descriptors, command blocks), carved
 * from dma_alloc_coherent() chunks of a page or more.
 *
 *   dma_pool_create(name, dev, size, align, boundary)
 *       blocks of size bytes at addresses aligned to align (a power of two;
 *       0 means 1), none crossing a multiple of boundary (a power of two
 *       not below size; 0: no limit beyond the chunk). NULL, reported, for
 *       a size of 0 or above 1 MB, or a bad align or boundary.
 *   dma_pool_alloc(pool, gfp, &handle)  a block and its bus address, or NULL
 *   dma_pool_zalloc(pool, gfp, &handle) the same, zeroed
 *   dma_pool_free(pool, vaddr, handle)  a block of this pool, with its handle;
 *       a foreign address, a wrong handle or a block already free is
 *       reported and changes nothing
 *   dma_pool_destroy(pool)  frees the chunks. A chunk with blocks still in
 *       use is reported ("busy") and left allocated, as Linux does: the
 *       device may still write to it.
 */
#ifndef DMAPOOL_H
#define DMAPOOL_H

#include "dma-mapping.h"

struct dma_pool;

struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size, size_t align,
				 size_t boundary);
void dma_pool_destroy(struct dma_pool *pool);
void *dma_pool_alloc(struct dma_pool *pool, gfp_t gfp, dma_addr_t *handle);
void *dma_pool_zalloc(struct dma_pool *pool, gfp_t gfp, dma_addr_t *handle);
void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t handle);

#endif

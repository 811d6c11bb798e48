/*
 * DMA: memory a device reads and writes on its own, as Linux's API names it.
 * Bus addresses are physical addresses here (no IOMMU, no offset).
 *
 * Coherent buffers (mm/vmalloc/dma_coherent.c): shared by the CPU and a
 * device without cache maintenance. dma_alloc_coherent() takes physically
 * contiguous pages below the device's coherent_dma_mask, cleans and
 * invalidates their cached direct-map lines, maps them non-cacheable in the
 * DMA-coherent area (CONSISTENT_BASE..END) and returns the CPU address,
 * with the bus address in *handle. A buffer is a power of two of pages, at
 * most 1 MB: the next, with its guard page, would not fit the 2 MB area; a
 * size of 0 or above 1 MB is reported and gives NULL. Freeing with a wrong
 * address, handle or size is reported and changes nothing. Small blocks of
 * coherent memory come from a dma_pool (dmapool.h).
 *
 * Streaming mappings (mm/dma/mapping.c): memory the CPU already has (a
 * kmalloc buffer, a page cache page, a highmem page) handed to the device
 * for one transfer. Mapping makes the caches safe for the direction
 * (asm/dma-cache.h: clean for DMA_TO_DEVICE, invalidate for
 * DMA_FROM_DEVICE, highmem pages through kmap_atomic) and returns the bus
 * address; unmapping gives the buffer back to the CPU (invalidate again
 * unless DMA_TO_DEVICE). Between them the CPU must not touch the buffer,
 * except between dma_sync_single_for_cpu() and ..._for_device().
 *
 *   dma_map_single(dev, ptr, size, dir)   ptr in the direct map (kmalloc,
 *                                         lowmem pages); not vmalloc, not
 *                                         the stack of another context
 *   dma_map_page(dev, page, off, size, dir)  any page, highmem too; the
 *                                         range may run on into the pages
 *                                         that follow it in memory
 *   dma_map_sg(dev, sg, nents, dir)       each entry of a scatterlist
 *                                         (scatterlist.h); returns the
 *                                         entries mapped (nents) or 0
 *   dma_unmap_*, dma_sync_single_for_cpu/for_device, dma_sync_sg_*:
 *                                         with the handle, size, direction
 *                                         (and for sg the nents) of the map
 *
 * A buffer beyond the device's dma_mask (set with dma_set_mask(); 0 means
 * none was set, and mapping is refused) is bounced through a pool in
 * ZONE_DMA, as Linux's swiotlb does (mm/dma/swiotlb.c): the handle is the
 * bounce slot's, the data is copied in when mapping for the device and
 * out when the CPU takes it back. A failed mapping returns
 * DMA_MAPPING_ERROR, which dma_mapping_error() tells.
 *
 * Every streaming mapping is tracked (mm/dma/debug.c, Linux's DMA-API
 * debugging, always on): unmapping or syncing what was never mapped, with
 * another size, direction or function, syncing outside the mapping or the
 * wrong way, and mappings still held when a driver lets its device go
 * (dma_debug_device_release) are reported with Linux's wording and counted
 * in vm_stats.misuse; the bad call then does nothing.
 */
#ifndef DMA_MAPPING_H
#define DMA_MAPPING_H

#include "dma-direction.h"
#include "gfp.h"
#include "kernel.h"

typedef uint32_t dma_addr_t;

#define DMA_MAPPING_ERROR (~(dma_addr_t)0)
#define DMA_BIT_MASK(n)   ((n) >= 32 ? 0xffffffffu : (uint32_t)((1ull << (n)) - 1))

struct device {
	const char *name;
	uint32_t dma_mask;          /* highest bus address of streaming DMA; 0: not set */
	uint32_t coherent_dma_mask; /* highest bus address of coherent buffers */
};

struct page;
struct scatterlist;

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle);
void dma_coherent_init(void);

/* 0, or -EIO for a mask that does not reach ZONE_DMA (the bounce pool). */
int dma_set_mask(struct device *dev, uint64_t mask);
int dma_set_mask_and_coherent(struct device *dev, uint64_t mask);

dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
			enum dma_data_direction dir);
void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir);
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir);
int dma_map_sg(struct device *dev, struct scatterlist *sg, int nents, enum dma_data_direction dir);
void dma_unmap_sg(struct device *dev, struct scatterlist *sg, int nents,
		  enum dma_data_direction dir);
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir);
void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nents,
			 enum dma_data_direction dir);
void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nents,
			    enum dma_data_direction dir);

/* -ENOMEM when addr is DMA_MAPPING_ERROR, else 0. */
static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	(void)dev;
	return addr == DMA_MAPPING_ERROR ? -12 /* -ENOMEM */ : 0;
}

/*
 * The streaming mappings dev still holds: each is reported (Linux's
 * "pending DMA allocations while released from device") and forgotten, not
 * unmapped (the device may still be using them). Returns how many.
 */
unsigned dma_debug_device_release(struct device *dev);
/* Streaming mappings held by every device (the tests' leak check). */
unsigned dma_debug_nr_mappings(void);

/* Bounce pool: slots in use and in all (2 KB each). */
void swiotlb_stats(unsigned *used, unsigned *total);
void dma_init(void);

#endif

/*
 * Internal to mm/dma: what mapping.c asks of the bounce pool (swiotlb.c)
 * and of the mapping tracker (debug.c), and the one report format.
 *
 * swiotlb: slots of IO_TLB_SIZE bytes in ZONE_DMA. swiotlb_map() takes
 * enough contiguous slots for size, copies the original in and returns
 * the bounce address (or DMA_MAPPING_ERROR, reported); swiotlb_unmap()
 * copies out for the directions the device writes and frees the slots;
 * swiotlb_sync() copies one way for a sub-range. is_swiotlb_buffer()
 * tells a bounce address. Cache maintenance of the bounce slots is the
 * caller's, as for any lowmem buffer.
 *
 * debug: every live streaming mapping by device and bus address.
 * dma_debug_map() records one; dma_debug_unmap() checks an unmap of n
 * ranges (one, or a scatterlist's entries) against them and, only when
 * all match, forgets them and returns true; otherwise it reports and
 * returns false, and the caller does nothing. dma_debug_sync() checks a
 * sync. All with interrupts masked: drivers map in interrupt handlers.
 */
#ifndef MM_DMA_INTERNAL_H
#define MM_DMA_INTERNAL_H

#include "dma-mapping.h"

#define IO_TLB_SHIFT 11
#define IO_TLB_SIZE  (1u << IO_TLB_SHIFT)

enum dma_debug_type {
	DMA_DEBUG_SINGLE, /* dma_map_single, dma_map_page */
	DMA_DEBUG_SG,     /* dma_map_sg */
};

/* One bus range of a map or unmap call. */
struct dma_range {
	dma_addr_t addr;
	size_t size;
};

/* "BUG: DMA-API: <device>: <what> (caller ...)", counted in vm_stats.misuse. */
void dma_report(const struct device *dev, void *caller, const char *fmt, ...) __printf(3, 4);

extern const char *const dma_dir_name[4];

void swiotlb_init(void);
bool is_swiotlb_buffer(dma_addr_t addr);
/* The last byte a device's mask must reach for the pool to help it. */
phys_addr_t swiotlb_limit(void);
dma_addr_t swiotlb_map(struct device *dev, phys_addr_t orig, size_t size, void *caller);
void swiotlb_unmap(dma_addr_t addr, size_t size, enum dma_data_direction dir);
void swiotlb_sync(dma_addr_t addr, size_t size, bool to_cpu, enum dma_data_direction dir);

void dma_debug_init(void);
void dma_debug_map(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		   enum dma_debug_type type, int nents, void *caller);
bool dma_debug_unmap(struct device *dev, const struct dma_range *r, unsigned n,
		     enum dma_data_direction dir, enum dma_debug_type type, int nents,
		     void *caller);
bool dma_debug_sync(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		    void *caller);

#endif

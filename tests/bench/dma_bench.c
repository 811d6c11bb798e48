/*
 * Streaming DMA benchmarks, in guest instructions: dma_map_single +
 * dma_unmap_single of a 4 KB lowmem buffer in each direction, with its
 * cache maintenance (64 lines of 64 bytes on the Cortex-A15: a clean for
 * DMA_TO_DEVICE, an invalidate for DMA_FROM_DEVICE, both for
 * DMA_BIDIRECTIONAL) and the DMA-API tracking. Afterwards each case checks
 * that the handle was the buffer's physical address and that no mapping
 * is left.
 */
#include "dma-mapping.h"
#include "mm.h"
#include "bench.h"

static uint64_t map_unmap(unsigned iterations, enum dma_data_direction dir)
{
	static struct device dev = { .name = "bench-dma" };
	struct page *pg = alloc_page(GFP_KERNEL);
	unsigned mappings = dma_debug_nr_mappings();
	dma_addr_t h = 0;
	uint64_t t0, total;
	void *buf;
	bool ok = true;

	if (!pg || dma_set_mask(&dev, DMA_BIT_MASK(32)))
		return BENCH_FAILED;
	buf = page_address(pg);
	dma_unmap_single(&dev, dma_map_single(&dev, buf, PAGE_SIZE, dir), PAGE_SIZE, dir);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		h = dma_map_single(&dev, buf, PAGE_SIZE, dir);
		dma_unmap_single(&dev, h, PAGE_SIZE, dir);
	}
	total = bench_counter_read() - t0;
	ok = h == page_to_phys(pg) && dma_debug_nr_mappings() == mappings;
	__free_page(pg);
	return ok ? total : BENCH_FAILED;
}

BENCH_CASE_ARG(dma_to_device, "dma_map_single+unmap 4 KB DMA_TO_DEVICE", map_unmap, DMA_TO_DEVICE,
	       1000);
BENCH_CASE_ARG(dma_from_device, "dma_map_single+unmap 4 KB DMA_FROM_DEVICE", map_unmap,
	       DMA_FROM_DEVICE, 1000);
BENCH_CASE_ARG(dma_bidirectional, "dma_map_single+unmap 4 KB DMA_BIDIRECTIONAL", map_unmap,
	       DMA_BIDIRECTIONAL, 1000);

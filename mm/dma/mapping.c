/*
 * Streaming DMA mappings (see include/dma-mapping.h): the checks, the
 * choice between the buffer itself and a bounce slot, and the cache
 * maintenance, by kernel virtual address (asm/dma-cache.h). Lowmem is
 * maintained through the direct map in one call; a range with highmem in
 * it page by page through kmap_atomic.
 */
#include "asm/dma-cache.h"
#include "asm/memory.h"
#include "dma_internal.h"
#include "errno.h"
#include "highmem.h"
#include "mm.h"
#include "printk.h"
#include "scatterlist.h"
#include "slab.h"

int dma_set_mask(struct device *dev, uint64_t mask)
{
	uint32_t m = mask > 0xffffffffu ? 0xffffffffu : (uint32_t)mask;
	phys_addr_t need = swiotlb_limit() ? swiotlb_limit() : ((phys_addr_t)max_pfn << 12) - 1;

	if (!dev || m < need)
		return -EIO;
	dev->dma_mask = m;
	return 0;
}

int dma_set_mask_and_coherent(struct device *dev, uint64_t mask)
{
	int err = dma_set_mask(dev, mask);

	if (!err)
		dev->coherent_dma_mask = dev->dma_mask;
	return err;
}

/* Maintenance of [phys, phys + size) for the CPU handing it over (map) or taking it back. */
static void cache_maint(phys_addr_t phys, size_t size, enum dma_data_direction dir, bool map)
{
	void (*op)(const void *, size_t, enum dma_data_direction) = map ? dmac_map_area
									: dmac_unmap_area;

	/* In 64 bits: a buffer may end at 4 GB exactly. */
	if ((uint64_t)phys + size <= (uint64_t)max_low_pfn << PAGE_SHIFT) {
		op(__va(phys), size, dir);
		return;
	}
	while (size) {
		size_t off = phys & ~PAGE_MASK, n = min(size, (size_t)PAGE_SIZE - off);
		char *va = kmap_atomic(pfn_to_page(phys >> PAGE_SHIFT));

		op(va + off, n, dir);
		kunmap_atomic(va);
		phys += n;
		size -= n;
	}
}

/* The checks every map call makes; false (reported) when the mapping must fail. */
static bool map_ok(struct device *dev, phys_addr_t phys, size_t size, enum dma_data_direction dir,
		   void *caller)
{
	if (!dev || !dev->dma_mask) {
		dma_report(dev, caller, "device has no DMA mask set (dma_set_mask)");
		return false;
	}
	if (!valid_dma_direction(dir)) {
		dma_report(dev, caller, "mapping with an invalid direction %d", dir);
		return false;
	}
	if (!size || (uint64_t)phys + size > 0x100000000ull) {
		dma_report(dev, caller, "mapping %zu bytes at %#010x: %s", size, phys,
			   size ? "the range wraps past 4 GB" : "size 0");
		return false;
	}
	if (!pfn_valid(phys >> PAGE_SHIFT) || !pfn_valid((phys + size - 1) >> PAGE_SHIFT)) {
		dma_report(dev, caller, "mapping %zu bytes at %#010x: not all of it is RAM", size,
			   phys);
		return false;
	}
	return true;
}

/* Map a checked range: the buffer itself, or a bounce slot when the device cannot reach it. */
static dma_addr_t map_range(struct device *dev, phys_addr_t phys, size_t size,
			    enum dma_data_direction dir, void *caller)
{
	dma_addr_t addr;

	if (phys + size - 1 <= dev->dma_mask) {
		cache_maint(phys, size, dir, true);
		return phys;
	}
	addr = swiotlb_map(dev, phys, size, caller);
	/* The CPU just wrote the slot: clean it whatever the direction, so memory holds it. */
	if (addr != DMA_MAPPING_ERROR)
		cache_maint(addr, size, DMA_TO_DEVICE, true);
	return addr;
}

static void unmap_range(dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
	cache_maint(addr, size, dir, false);
	if (is_swiotlb_buffer(addr))
		swiotlb_unmap(addr, size, dir);
}

static dma_addr_t map_phys(struct device *dev, phys_addr_t phys, size_t size,
			   enum dma_data_direction dir, void *caller)
{
	dma_addr_t addr;

	if (!map_ok(dev, phys, size, dir, caller))
		return DMA_MAPPING_ERROR;
	addr = map_range(dev, phys, size, dir, caller);
	if (addr != DMA_MAPPING_ERROR)
		dma_debug_map(dev, addr, size, dir, DMA_DEBUG_SINGLE, 0, caller);
	return addr;
}

dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
			enum dma_data_direction dir)
{
	void *caller = __builtin_return_address(0);

	if (!page || !pfn_valid(page_to_pfn(page))) {
		dma_report(dev, caller, "dma_map_page of something that is not a page");
		return DMA_MAPPING_ERROR;
	}
	return map_phys(dev, page_to_phys(page) + offset, size, dir, caller);
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir)
{
	void *caller = __builtin_return_address(0);

	/* Only the direct map turns into one physical range by arithmetic. */
	if (!virt_addr_valid(ptr) || (size && !virt_addr_valid((char *)ptr + size - 1))) {
		dma_report(dev, caller,
			   "dma_map_single of %p: not in the direct map (vmalloc, I/O or "
			   "highmem: use dma_map_page)",
			   ptr);
		return DMA_MAPPING_ERROR;
	}
	return map_phys(dev, __pa(ptr), size, dir, caller);
}

static void unmap_one(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		      void *caller)
{
	struct dma_range r = { addr, size };

	if (dma_debug_unmap(dev, &r, 1, dir, DMA_DEBUG_SINGLE, 0, caller))
		unmap_range(addr, size, dir);
}

void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
	unmap_one(dev, addr, size, dir, __builtin_return_address(0));
}

void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
	unmap_one(dev, addr, size, dir, __builtin_return_address(0));
}

int dma_map_sg(struct device *dev, struct scatterlist *sg, int nents, enum dma_data_direction dir)
{
	void *caller = __builtin_return_address(0);
	struct scatterlist *s;
	int i, done;

	if (nents <= 0 || !sg) {
		dma_report(dev, caller, "dma_map_sg of %d entries", nents);
		return 0;
	}
	for_each_sg(sg, s, nents,
		    i) if (!s->page || !map_ok(dev, sg_phys(s), s->length, dir, caller)) return 0;
	if (i < nents) {
		dma_report(dev, caller, "dma_map_sg: %d entries, the list ends after %d", nents, i);
		return 0;
	}
	for_each_sg(sg, s, nents, done)
	{
		s->dma_address = map_range(dev, sg_phys(s), s->length, dir, caller);
		s->dma_length = s->length;
		if (s->dma_address == DMA_MAPPING_ERROR)
			break;
	}
	if (done < nents) { /* out of bounce slots: give back what was mapped */
		for_each_sg(sg, s, done, i) unmap_range(s->dma_address, s->dma_length, dir);
		return 0;
	}
	for_each_sg(sg, s, nents, i)
		dma_debug_map(dev, s->dma_address, s->dma_length, dir, DMA_DEBUG_SG, nents, caller);
	return nents;
}

void dma_unmap_sg(struct device *dev, struct scatterlist *sg, int nents,
		  enum dma_data_direction dir)
{
	void *caller = __builtin_return_address(0);
	/* A driver's largest list on the stack: an unmap, often in an interrupt, must not need memory. */
	struct dma_range r[64], *ranges = r;
	struct scatterlist *s;
	int i;

	if (nents <= 0 || !sg) {
		dma_report(dev, caller, "dma_unmap_sg of %d entries", nents);
		return;
	}
	if (nents > (int)ARRAY_SIZE(r))
		ranges = kmalloc(nents * sizeof(*ranges), GFP_ATOMIC);
	if (!ranges) {
		/* Unchecked, but unmapped: the data and the bounce slots must not be lost too. */
		dma_report(dev, caller, "dma_unmap_sg: no memory to check %d entries", nents);
		for_each_sg(sg, s, nents, i) unmap_range(s->dma_address, s->dma_length, dir);
		return;
	}
	for_each_sg(sg, s, nents, i)
		ranges[i] = (struct dma_range){ s->dma_address, s->dma_length };
	if (i == nents && dma_debug_unmap(dev, ranges, nents, dir, DMA_DEBUG_SG, nents, caller))
		for_each_sg(sg, s, nents, i) unmap_range(s->dma_address, s->dma_length, dir);
	else if (i < nents)
		dma_report(dev, caller, "dma_unmap_sg: %d entries, the list ends after %d", nents,
			   i);
	if (ranges != r)
		kfree(ranges);
}

static void sync_one(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		     bool to_cpu, void *caller)
{
	if (!dma_debug_sync(dev, addr, size, dir, caller))
		return;
	if (to_cpu) {
		cache_maint(addr, size, dir, false);
		if (is_swiotlb_buffer(addr))
			swiotlb_sync(addr, size, true, dir);
	} else if (is_swiotlb_buffer(addr)) {
		swiotlb_sync(addr, size, false, dir);
		cache_maint(addr, size, DMA_TO_DEVICE, true);
	} else {
		cache_maint(addr, size, dir, true);
	}
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	sync_one(dev, addr, size, dir, true, __builtin_return_address(0));
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	sync_one(dev, addr, size, dir, false, __builtin_return_address(0));
}

static void sync_sg(struct device *dev, struct scatterlist *sg, int nents,
		    enum dma_data_direction dir, bool to_cpu, void *caller)
{
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i)
		sync_one(dev, s->dma_address, s->dma_length, dir, to_cpu, caller);
}

void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nents,
			 enum dma_data_direction dir)
{
	sync_sg(dev, sg, nents, dir, true, __builtin_return_address(0));
}

void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nents,
			    enum dma_data_direction dir)
{
	sync_sg(dev, sg, nents, dir, false, __builtin_return_address(0));
}

void dma_init(void)
{
	dma_debug_init();
	swiotlb_init();
}

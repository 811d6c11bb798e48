/* Coherent DMA buffers in their own 2 MB area (see include/dma-mapping.h). */
#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "dma-mapping.h"
#include "mm.h"
#include "printk.h"
#include "slab.h"
#include "string.h"
#include "vmap_area.h"

static struct va_space dma_space;

struct dma_buffer {
	struct page *page;
	unsigned order;
	uint32_t size;
};

void dma_coherent_init(void)
{
	if (va_space_init(&dma_space, CONSISTENT_BASE, CONSISTENT_END))
		panic("dma_coherent_init: no memory for the area allocator");
}

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp)
{
	unsigned order = get_order(size);
	struct dma_buffer *buf;
	struct vmap_area *va;
	uint32_t flags;
	void *direct; /* the buffer in the direct map */
	gfp_t page_gfp = (gfp & ~(__GFP_HIGHMEM | __GFP_ZERO)) |
			 (dev && dev->coherent_dma_mask < __pa(high_memory - 1) ? __GFP_DMA : 0);

	/* The order test first: it keeps PAGE_SIZE << order within 32 bits. */
	if (!size || order > MAX_PAGE_ORDER ||
	    (PAGE_SIZE << order) > CONSISTENT_END - CONSISTENT_BASE - PAGE_SIZE) {
		vm_stats.misuse++;
		printk("BUG: dma_alloc_coherent(%s, %zu): %s\n", dev ? dev->name : "-", size,
		       size ? "larger than the coherent area" : "size 0");
		return NULL;
	}
	buf = kmalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return NULL;
	buf->order = order;
	buf->size = (uint32_t)size;
	buf->page = alloc_pages(page_gfp, order);
	if (!buf->page)
		goto fail_buf;
	/* No dirty cached line of the direct-map alias may later land on the buffer. */
	direct = page_address(buf->page);
	dcache_clean_inval_range((uintptr_t)direct, (uintptr_t)direct + (PAGE_SIZE << order));
	spin_lock_irqsave(&vmap_lock, flags);
	va = va_alloc(&dma_space, PAGE_SIZE << order, PAGE_SIZE, PAGE_SIZE);
	if (va && pt_map(&kernel_aspace, va->start, page_to_phys(buf->page), PAGE_SIZE << order,
			 PAGE_KERNEL_NC)) {
		va_free(&dma_space, va);
		va = NULL;
	}
	if (va)
		va->owner = buf;
	spin_unlock_irqrestore(&vmap_lock, flags);
	if (!va)
		goto fail_pages;
	memset((void *)va->start, 0, PAGE_SIZE << order);
	*handle = page_to_phys(buf->page);
	return (void *)va->start;

fail_pages:
	__free_pages(buf->page, order);
fail_buf:
	kfree(buf);
	return NULL;
}

void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle)
{
	struct vmap_area *va;
	struct dma_buffer *buf;
	uint32_t flags;

	spin_lock_irqsave(&vmap_lock, flags);
	va = va_find(&dma_space, (uint32_t)cpu_addr);
	buf = va ? va->owner : NULL;
	if (buf && page_to_phys(buf->page) == handle && get_order(size) == buf->order) {
		pt_unmap(&kernel_aspace, va->start, PAGE_SIZE << buf->order);
		va_free(&dma_space, va);
		spin_unlock_irqrestore(&vmap_lock, flags);
		__free_pages(buf->page, buf->order);
		kfree(buf);
		return;
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	if (!buf || page_to_phys(buf->page) != handle || get_order(size) != buf->order) {
		vm_stats.misuse++;
		printk("BUG: dma_free_coherent(%s, %zu, %p, %#x): %s (caller %pS)\n",
		       dev ? dev->name : "-", size, cpu_addr, handle,
		       !buf                                ? "not a coherent buffer"
		       : page_to_phys(buf->page) != handle ? "wrong handle"
							   : "wrong size",
		       __builtin_return_address(0));
	}
}

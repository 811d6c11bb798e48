/*
 * The bounce pool (see dma_internal.h), as Linux's swiotlb: IO_TLB_SIZE
 * slots in ZONE_DMA, a bitmap of those in use, and for each slot the
 * original address it stands for, so that a sync of any sub-range finds
 * its way back. A mapping takes contiguous slots, the lowest that fit.
 */
#include "asm/dma-cache.h"
#include "asm/memory.h"
#include "atomic.h"
#include "dma_internal.h"
#include "highmem.h"
#include "mm.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"

#define IO_TLB_ORDER 5 /* 128 KB: 64 slots, enough for 64 KB requests in flight twice */
#define IO_TLB_SLOTS ((PAGE_SIZE << IO_TLB_ORDER) / IO_TLB_SIZE)
#define INVALID_PHYS (~(phys_addr_t)0)

static phys_addr_t tlb_start, tlb_end; /* [start, end), 0: no pool */
static phys_addr_t orig_addr[IO_TLB_SLOTS];
static uint8_t nr_slots[IO_TLB_SLOTS]; /* at a mapping's first slot: its slot count */
static uint32_t in_use[IO_TLB_SLOTS / 32];
static unsigned used;
static DEFINE_SPINLOCK(io_tlb_lock);

_Static_assert(IO_TLB_SLOTS % 32 == 0 && IO_TLB_SLOTS <= 255, "bitmap words, uint8_t counts");

void swiotlb_init(void)
{
	struct page *p = alloc_pages(GFP_DMA | __GFP_NOWARN, IO_TLB_ORDER);

	if (!p) {
		printk("software IO TLB: no memory in ZONE_DMA: no bounce buffers\n");
		return;
	}
	tlb_start = page_to_phys(p);
	tlb_end = tlb_start + (PAGE_SIZE << IO_TLB_ORDER);
	for (unsigned i = 0; i < IO_TLB_SLOTS; i++)
		orig_addr[i] = INVALID_PHYS;
	printk("software IO TLB: mapped [mem %#010x-%#010x] (%uKB)\n", tlb_start, tlb_end - 1,
	       (tlb_end - tlb_start) >> 10);
}

bool is_swiotlb_buffer(dma_addr_t addr)
{
	return addr - tlb_start < tlb_end - tlb_start;
}

phys_addr_t swiotlb_limit(void)
{
	return tlb_end ? tlb_end - 1 : 0;
}

void swiotlb_stats(unsigned *used_slots, unsigned *total)
{
	*used_slots = READ_ONCE(used);
	*total = tlb_end ? IO_TLB_SLOTS : 0;
}

static bool slot_busy(unsigned i)
{
	return in_use[i / 32] & 1u << (i % 32);
}

static void mark(unsigned first, unsigned n, bool busy)
{
	for (unsigned i = first; i < first + n; i++)
		if (busy)
			in_use[i / 32] |= 1u << (i % 32);
		else
			in_use[i / 32] &= ~(1u << (i % 32));
}

/*
 * n free slots in a row, the lowest that fits (the pool is small and most
 * mappings are a page or two: lowest first keeps the top free for large
 * ones); -1 if none. Lock held.
 */
static int find_slots(unsigned n)
{
	for (unsigned i = 0; i + n <= IO_TLB_SLOTS;) {
		unsigned run = 0;

		while (run < n && !slot_busy(i + run))
			run++;
		if (run == n)
			return (int)i;
		i += run + 1; /* past the busy slot that ended the run */
	}
	return -1;
}

/*
 * Copy size bytes between the original at orig (any RAM page, highmem
 * through kmap_atomic) and the bounce slots at tlb (lowmem), page by page
 * of the original.
 */
static void bounce(phys_addr_t orig, phys_addr_t tlb, size_t size, bool to_tlb)
{
	while (size) {
		size_t off = orig & ~PAGE_MASK, n = min(size, (size_t)PAGE_SIZE - off);
		char *o = kmap_atomic(pfn_to_page(orig >> PAGE_SHIFT));
		char *b = __va(tlb);

		if (to_tlb)
			memcpy(b, o + off, n);
		else
			memcpy(o + off, b, n);
		kunmap_atomic(o);
		orig += n;
		tlb += n;
		size -= n;
	}
}

dma_addr_t swiotlb_map(struct device *dev, phys_addr_t orig, size_t size, void *caller)
{
	unsigned n = DIV_ROUND_UP(size, IO_TLB_SIZE);
	uint32_t flags;
	phys_addr_t tlb;
	int first;

	if (!tlb_end || swiotlb_limit() > dev->dma_mask) {
		dma_report(dev, caller,
			   "buffer at %#010x beyond the device's DMA mask %#010x and no bounce "
			   "buffer within it",
			   orig, dev->dma_mask);
		return DMA_MAPPING_ERROR;
	}
	if (n > IO_TLB_SLOTS) {
		printk("WARNING: swiotlb: %s: cannot map %zu bytes: larger than the pool\n",
		       dev->name, size);
		return DMA_MAPPING_ERROR;
	}
	spin_lock_irqsave(&io_tlb_lock, flags);
	first = find_slots(n);
	if (first >= 0) {
		mark((unsigned)first, n, true);
		nr_slots[first] = (uint8_t)n;
		for (unsigned i = 0; i < n; i++)
			orig_addr[first + i] = orig + i * IO_TLB_SIZE;
		used += n;
	}
	spin_unlock_irqrestore(&io_tlb_lock, flags);
	if (first < 0) {
		printk("WARNING: swiotlb: %s: swiotlb buffer is full (sz: %zu bytes), total %u "
		       "(slots), used %u (slots)\n",
		       dev->name, size, (unsigned)IO_TLB_SLOTS, READ_ONCE(used));
		return DMA_MAPPING_ERROR;
	}
	tlb = tlb_start + (phys_addr_t)first * IO_TLB_SIZE;
	/*
	 * Always copied in, whatever the direction (as Linux does since its
	 * info-leak fix): a device that writes less than the whole buffer must
	 * leave the rest as it was, not as the slot's last user left it.
	 */
	bounce(orig, tlb, size, true);
	return tlb;
}

void swiotlb_unmap(dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
	unsigned first = (addr - tlb_start) / IO_TLB_SIZE, n;
	uint32_t flags;

	if (dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL)
		bounce(orig_addr[first], addr, size, false);
	spin_lock_irqsave(&io_tlb_lock, flags);
	n = nr_slots[first];
	mark(first, n, false);
	for (unsigned i = 0; i < n; i++)
		orig_addr[first + i] = INVALID_PHYS;
	nr_slots[first] = 0;
	used -= n;
	spin_unlock_irqrestore(&io_tlb_lock, flags);
}

void swiotlb_sync(dma_addr_t addr, size_t size, bool to_cpu, enum dma_data_direction dir)
{
	unsigned slot = (addr - tlb_start) / IO_TLB_SIZE;
	phys_addr_t orig = orig_addr[slot] + (addr & (IO_TLB_SIZE - 1));

	if (to_cpu && dir != DMA_TO_DEVICE)
		bounce(orig, addr, size, false);
	else if (!to_cpu && dir != DMA_FROM_DEVICE)
		bounce(orig, addr, size, true);
}

/*
 * Hands physical memory from memblock to the buddy allocator: builds
 * mem_map (one struct page per PFN of RAM), splits RAM into zones, frees
 * every page memblock did not reserve, and sets the watermarks.
 */
#include "asm/memory.h"
#include "asm/mmu.h"
#include "boot_time.h"
#include "highmem.h"
#include "memblock.h"
#include "mm.h"
#include "printk.h"
#include "string.h"
#include "buddy/buddy.h"

_Static_assert(sizeof(struct page) <= 16, "struct page must stay within 16 bytes");

static void *early_alloc(uint32_t size)
{
	phys_addr_t pa = memblock_phys_alloc(size, 64);

	if (!pa)
		panic("mem_init: no memory for %u bytes of page metadata", size);
	memset(__va(pa), 0, size);
	return __va(pa);
}

/* Give [start, end) of free RAM to whichever zones it falls in. */
static void free_range(uint32_t start_pfn, uint32_t end_pfn)
{
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &zones[i];
		uint32_t lo = max(start_pfn, z->start_pfn);
		uint32_t hi = min(end_pfn, z->start_pfn + z->spanned);

		if (lo < hi)
			zone_add_free_range(z, lo, hi - lo);
	}
}

/* Every PFN of memory that no reservation covers. */
static void free_all_memblock(void)
{
	const struct memblock_type *mem = &memblock.memory, *rsv = &memblock.reserved;

	for (unsigned i = 0; i < mem->count; i++) {
		uint64_t start = mem->regions[i].base;
		uint64_t end = start + mem->regions[i].size;

		for (unsigned j = 0; j <= rsv->count && start < end; j++) {
			uint64_t r_lo = j < rsv->count ? rsv->regions[j].base : end;
			uint64_t r_hi = j < rsv->count ? r_lo + rsv->regions[j].size : end;
			uint64_t gap_end = min(r_lo, end);

			if (gap_end > start)
				free_range(
					(uint32_t)(ALIGN(start, (uint64_t)PAGE_SIZE) >> PAGE_SHIFT),
					(uint32_t)(gap_end >> PAGE_SHIFT));
			start = max(start, r_hi);
		}
	}
}

void mem_init(uint32_t dma_zone_size)
{
	const struct memblock_region *ram = &memblock.memory.regions[0];
	const struct memblock_region *last = &memblock.memory.regions[memblock.memory.count - 1];
	uint32_t bounds[MAX_NR_ZONES + 1];
	uint32_t nr_pages;

	mem_map_pfn = ram->base >> PAGE_SHIFT;
	max_pfn = (uint32_t)(((uint64_t)last->base + last->size) >> PAGE_SHIFT);
	max_low_pfn = min(max_pfn, __pa(high_memory) >> PAGE_SHIFT);
	nr_pages = max_pfn - mem_map_pfn;
	mem_map_bytes = nr_pages * sizeof(struct page);
	mem_map = early_alloc(mem_map_bytes);
	boot_phase_end("mem_init: mem_map allocated and zeroed");

	bounds[ZONE_DMA] = mem_map_pfn;
	bounds[ZONE_NORMAL] = min(mem_map_pfn + (dma_zone_size >> PAGE_SHIFT), max_low_pfn);
	bounds[ZONE_HIGHMEM] = max_low_pfn;
	bounds[MAX_NR_ZONES] = max_pfn;
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		uint32_t span = bounds[i + 1] - bounds[i];
		uint32_t blocks = pageblocks_spanned(bounds[i], span);

		zone_init(&zones[i], zone_name(i), i, bounds[i], span, pfn_to_page(bounds[i]),
			  blocks ? early_alloc(blocks) : NULL);
		for (uint32_t p = 0; p < span; p++)
			zones[i].pages[p].flags = i | PG_reserved;
	}

	boot_phase_end("mem_init: zones, struct pages reserved");
	lowmem.size = high_memory - PAGE_OFFSET;
	lowmem.vmemmap = (uintptr_t)pfn_to_page(PHYS_OFFSET >> PAGE_SHIFT) -
			 (PAGE_OFFSET >> PAGE_SHIFT) * sizeof(struct page);
	lowmem.first = pfn_to_page(PHYS_OFFSET >> PAGE_SHIFT);
	kmap_init();
	/* memblock's last allocations are above; from here on the buddy allocator owns RAM. */
	boot_phase_end("mem_init: kmap_init");
	free_all_memblock();
	memblock_retire();
	boot_phase_end("mem_init: free RAM to the buddy allocator");
	setup_zone_watermarks();
	page_alloc_init_fast();

	printk("mem_map: %u struct pages of %u bytes at %p (%u kB)\n", nr_pages,
	       (unsigned)sizeof(struct page), mem_map,
	       nr_pages * (unsigned)sizeof(struct page) / 1024);
	printk("Zone ranges:\n");
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		if (zones[i].spanned)
			printk("  %-8s [mem %#010x-%#010x] %u pages\n", zones[i].name,
			       bounds[i] << PAGE_SHIFT, (bounds[i + 1] << PAGE_SHIFT) - 1,
			       zones[i].spanned);
		else
			printk("  %-8s empty\n", zone_name(i));
	boot_phase_end("mem_init: watermarks, mem_map and zone print");
}

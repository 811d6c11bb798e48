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

static void *early_alloc_raw(uint32_t size)
{
	phys_addr_t pa = memblock_phys_alloc(size, 64);

	if (!pa)
		panic("mem_init: no memory for %u bytes of page metadata", size);
	return __va(pa);
}

static void *early_alloc(uint32_t size)
{
	return memset(early_alloc_raw(size), 0, size);
}

/*
 * Write n struct pages from p whole, as { flags, an empty lru, private 0 }:
 * the one write each entry of mem_map gets at boot (mem_map is not zeroed
 * first). Sixteen pages a loop, as eight STMs of two pages each: about 0.7
 * instructions a page, where a memset, a pass setting the flags and a pass
 * clearing them again took 22.
 */
static void fill_pages(struct page *p, uint32_t n, uint32_t flags)
{
	_Static_assert(sizeof(struct page) == 16, "fill_pages writes 4 words a page");
	register uint32_t f0 __asm__("r2") = flags, z0 __asm__("r3") = 0;
	register uint32_t z1 __asm__("r4") = 0, z2 __asm__("r5") = 0;
	register uint32_t f1 __asm__("r6") = flags, z3 __asm__("r7") = 0;
	register uint32_t z4 __asm__("r8") = 0, z5 __asm__("r9") = 0;

	for (; n >= 16; n -= 16)
		__asm__ volatile(".rept 8\n\tstmia %0!, {r2-r9}\n\t.endr"
				 : "+r"(p)
				 : "r"(f0), "r"(z0), "r"(z1), "r"(z2), "r"(f1), "r"(z3), "r"(z4),
				   "r"(z5)
				 : "memory");
	for (; n; n--, p++)
		*p = (struct page){ .flags = flags };
}

/* The struct pages of PFNs [lo, hi): their zone's number and extra. */
static void init_pages(uint32_t lo, uint32_t hi, uint32_t extra)
{
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &zones[i];
		uint32_t a = max(lo, z->start_pfn);
		uint32_t b = min(hi, z->start_pfn + z->spanned);

		if (a < b)
			fill_pages(pfn_to_page(a), b - a, i | extra);
	}
}

/*
 * fn(start_pfn, end_pfn) for every range of RAM pages that no reservation
 * touches (partial pages rounded away), in ascending order.
 */
static void for_each_free_range(void (*fn)(uint32_t start_pfn, uint32_t end_pfn))
{
	const struct memblock_type *mem = &memblock.memory, *rsv = &memblock.reserved;

	for (unsigned i = 0; i < mem->count; i++) {
		uint64_t start = mem->regions[i].base;
		uint64_t end = start + mem->regions[i].size;

		for (unsigned j = 0; j <= rsv->count && start < end; j++) {
			uint64_t r_lo = j < rsv->count ? rsv->regions[j].base : end;
			uint64_t r_hi = j < rsv->count ? r_lo + rsv->regions[j].size : end;
			uint64_t gap_end = min(r_lo, end);
			uint32_t lo = (uint32_t)(ALIGN(start, (uint64_t)PAGE_SIZE) >> PAGE_SHIFT);
			uint32_t hi = (uint32_t)(gap_end >> PAGE_SHIFT);

			if (gap_end > start && lo < hi)
				fn(lo, hi);
			start = max(start, r_hi);
		}
	}
}

/* Pass 1: a free range's pages get their zone bits; every page before it is reserved. */
static uint32_t init_cursor;

static void init_free_range(uint32_t start_pfn, uint32_t end_pfn)
{
	init_pages(init_cursor, start_pfn, PG_reserved);
	init_pages(start_pfn, end_pfn, 0);
	init_cursor = end_pfn;
}

/* Pass 2: the free ranges, already written as free pages, go on their zones' lists. */
static void free_range(uint32_t start_pfn, uint32_t end_pfn)
{
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &zones[i];
		uint32_t lo = max(start_pfn, z->start_pfn);
		uint32_t hi = min(end_pfn, z->start_pfn + z->spanned);

		if (lo < hi)
			zone_add_free_blocks(z, lo, hi - lo);
	}
}

/*
 * Every struct page written once, reserved (memblock's reservations, the
 * partial pages at their edges, holes between RAM regions, the end of the
 * last region's partial page) or free; then every free range handed to
 * the buddy allocator as its largest aligned blocks.
 */
static void init_and_free_all_memblock(void)
{
	init_cursor = mem_map_pfn;
	for_each_free_range(init_free_range);
	init_pages(init_cursor, max_pfn, PG_reserved);
	for_each_free_range(free_range);
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
	mem_map = early_alloc_raw(mem_map_bytes); /* every entry is written below */
	boot_phase_end("mem_init: mem_map allocated");

	bounds[ZONE_DMA] = mem_map_pfn;
	bounds[ZONE_NORMAL] = min(mem_map_pfn + (dma_zone_size >> PAGE_SHIFT), max_low_pfn);
	bounds[ZONE_HIGHMEM] = max_low_pfn;
	bounds[MAX_NR_ZONES] = max_pfn;
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		uint32_t span = bounds[i + 1] - bounds[i];
		uint32_t blocks = pageblocks_spanned(bounds[i], span);

		zone_init(&zones[i], zone_name(i), i, bounds[i], span, pfn_to_page(bounds[i]),
			  blocks ? early_alloc(blocks) : NULL);
	}
	boot_phase_end("mem_init: zones");
	lowmem.size = high_memory - PAGE_OFFSET;
	lowmem.vmemmap = (uintptr_t)pfn_to_page(PHYS_OFFSET >> PAGE_SHIFT) -
			 (PAGE_OFFSET >> PAGE_SHIFT) * sizeof(struct page);
	lowmem.first = pfn_to_page(PHYS_OFFSET >> PAGE_SHIFT);
	kmap_init();
	/* memblock's last allocations are above; from here on the buddy allocator owns RAM. */
	boot_phase_end("mem_init: kmap_init");
	init_and_free_all_memblock();
	memblock_retire();
	boot_phase_end("mem_init: struct pages, free RAM to the buddy");
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

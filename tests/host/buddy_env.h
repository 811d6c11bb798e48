/*
 * The page allocator on the host (buddy_env.c): what mm/mm_init.c builds on
 * target, over fake RAM in host memory, for the unit tests, the fuzzer and
 * the benchmark. It needs neither cmocka nor host_env.c; printk/vprintk
 * come from tests/host/host_printk.c, which every host build links.
 *
 * Fake RAM: one host page per PFN, from BUDDY_ENV_BASE_PFN up. The first
 * dma_pages PFNs are ZONE_DMA, the next normal_pages ZONE_NORMAL (lowmem
 * ends there: max_low_pfn), the rest ZONE_HIGHMEM. Every struct page starts
 * as zone | PG_reserved, every page outside the layout's reserved ranges is
 * handed to the zones, watermarks follow mm_init.c's rule, and
 * page_alloc_init_fast() runs, as at the end of mem_init().
 *
 * page_address() is the page's host address (NULL for highmem),
 * virt_to_page() and virt_to_pfn() its inverse, virt_addr_valid() says
 * whether an address is in lowmem fake RAM (the direct map), clear_pages()
 * zeroes host memory (highmem too). mem_map and the pageblock arrays are allocated at their exact
 * sizes, so ASan catches the core stepping outside them.
 */
#ifndef BUDDY_ENV_H
#define BUDDY_ENV_H

#include "mm.h"
#include "mm/buddy/buddy.h"

#define BUDDY_ENV_BASE_PFN     (PHYS_OFFSET >> 12)
#define BUDDY_ENV_PAGE_SIZE    4096u
#define BUDDY_ENV_MAX_RESERVED 4

struct buddy_env_layout {
	uint32_t dma_pages, normal_pages, highmem_pages;
	/* Never given to the allocator: page offsets from BUDDY_ENV_BASE_PFN. */
	struct {
		uint32_t start, count;
	} reserved[BUDDY_ENV_MAX_RESERVED];
	unsigned nr_reserved;
};

/*
 * The default: 6 MB of DMA, 10 MB of Normal, 4 MB of HighMem (5,120 pages).
 * Zone boundaries fall inside a 4 MB pageblock (DMA/Normal) and on one
 * (Normal/HighMem); the first 24 pages (the "kernel image") and the last 40
 * of lowmem (memblock's top-down allocations) are reserved.
 */
extern const struct buddy_env_layout buddy_env_default;

/*
 * Build mem_map and the zones for layout (NULL: the default) from scratch,
 * forgetting the previous allocator, and clear vm_stats. Aborts on a layout
 * that does not fit.
 */
void buddy_env_init(const struct buddy_env_layout *layout);

/*
 * Watermarks by mm_init.c's rule (min_free_kbytes = sqrt(16 * lowmem kB),
 * shared by size; HighMem 32 pages), then page_alloc_init_fast().
 */
void buddy_env_set_watermarks(void);

/* Pages of fake RAM (PFNs BUDDY_ENV_BASE_PFN .. max_pfn - 1). */
uint32_t buddy_env_nr_pages(void);

/* The host memory of any page, highmem included (a kmap that never fails). */
void *buddy_env_page_mem(const struct page *page);

/*
 * A copy of the allocator's whole state: the zones (counters, list heads,
 * watermarks), every struct page (flags, list links, private) and the
 * pageblock migrate types; not vm_stats. buddy_snapshot_diff() returns NULL
 * if nothing changed since, else a description of the first difference
 * (valid until the next call).
 */
struct buddy_snapshot;
struct buddy_snapshot *buddy_snapshot_take(void);
const char *buddy_snapshot_diff(const struct buddy_snapshot *s);
void buddy_snapshot_free(struct buddy_snapshot *s);

#endif

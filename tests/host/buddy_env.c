/*
 * The page allocator's environment on the host: see buddy_env.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy_env.h"

#define PAGE_BYTES BUDDY_ENV_PAGE_SIZE

const struct buddy_env_layout buddy_env_default = {
	.dma_pages = 1536,
	.normal_pages = 2560,
	.highmem_pages = 1024,
	.reserved = { { 0, 24 }, { 4096 - 40, 40 } },
	.nr_reserved = 2,
};

static uint8_t *ram;       /* fake RAM: page i is PFN BUDDY_ENV_BASE_PFN + i */
static uint32_t ram_pages; /* pages allocated (kept across inits) */
static uint32_t nr_pages;  /* pages in the current layout */
static uint8_t *pageblocks[MAX_NR_ZONES];

static void __attribute__((noreturn)) env_fatal(const char *what)
{
	fprintf(stderr, "buddy_env: %s\n", what);
	abort();
}

/* ---- what mm_init.c provides on target ---- */

void *page_address(const struct page *page)
{
	if (PageHighMem(page))
		return NULL;
	return ram + (size_t)(page_to_pfn(page) - mem_map_pfn) * PAGE_BYTES;
}

/* Lowmem fake RAM stands for the direct map: virt_addr_valid() and lowmem_page() (mm.h). */
struct lowmem_lookup lowmem;

/* As on target, plain arithmetic: an address outside fake RAM gives a PFN outside mem_map. */
uint32_t virt_to_pfn(const void *addr)
{
	return mem_map_pfn + (uint32_t)((uintptr_t)addr - (uintptr_t)ram) / PAGE_BYTES;
}

struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(virt_to_pfn(addr));
}

void clear_pages(struct page *page, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++)
		memset(buddy_env_page_mem(page + i), 0, PAGE_BYTES);
}

void *buddy_env_page_mem(const struct page *page)
{
	uint32_t i = page_to_pfn(page) - mem_map_pfn;

	if (page < mem_map || i >= nr_pages)
		env_fatal("buddy_env_page_mem: page outside mem_map");
	return ram + (size_t)i * PAGE_BYTES;
}

uint32_t buddy_env_nr_pages(void)
{
	return nr_pages;
}

/* ---- building the zones ---- */

void buddy_env_set_watermarks(void)
{
	setup_zone_watermarks(); /* the kernel's own rule (mm/buddy/page_alloc.c) */
	page_alloc_init_fast();
}

static bool is_reserved(const struct buddy_env_layout *l, uint32_t offset)
{
	for (unsigned r = 0; r < l->nr_reserved; r++)
		if (offset - l->reserved[r].start < l->reserved[r].count)
			return true;
	return false;
}

/* Hand every unreserved run of PFNs in the zone to it. */
static void free_unreserved(struct zone *z, const struct buddy_env_layout *l)
{
	uint32_t first = z->start_pfn - mem_map_pfn, end = first + z->spanned;

	for (uint32_t off = first; off < end;) {
		uint32_t run = 0;

		while (off + run < end && !is_reserved(l, off + run))
			run++;
		if (run)
			zone_add_free_range(z, mem_map_pfn + off, run);
		off += run ? run : 1;
	}
}

void buddy_env_init(const struct buddy_env_layout *layout)
{
	const struct buddy_env_layout *l = layout ? layout : &buddy_env_default;
	uint32_t bounds[MAX_NR_ZONES + 1];

	nr_pages = l->dma_pages + l->normal_pages + l->highmem_pages;
	if (!nr_pages || nr_pages > (1u << 20) || l->nr_reserved > BUDDY_ENV_MAX_RESERVED)
		env_fatal("bad layout");
	if (nr_pages > ram_pages) {
		free(ram);
		ram = aligned_alloc(PAGE_BYTES, (size_t)nr_pages * PAGE_BYTES);
		if (!ram)
			env_fatal("no host memory for fake RAM");
		ram_pages = nr_pages;
	}
	free(mem_map);
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		free(pageblocks[i]);
		pageblocks[i] = NULL;
	}

	mem_map_pfn = BUDDY_ENV_BASE_PFN;
	max_pfn = mem_map_pfn + nr_pages;
	max_low_pfn = mem_map_pfn + l->dma_pages + l->normal_pages;
	mem_map_bytes = nr_pages * (uint32_t)sizeof(struct page);
	mem_map = calloc(nr_pages, sizeof(struct page));
	if (!mem_map)
		env_fatal("no host memory for mem_map");
	lowmem.start = (uintptr_t)ram;
	lowmem.size = (uintptr_t)(max_low_pfn - mem_map_pfn) * PAGE_BYTES;
	lowmem.vmemmap = (uintptr_t)mem_map - ((uintptr_t)ram >> 12) * sizeof(struct page);
	lowmem.first = mem_map;

	bounds[ZONE_DMA] = mem_map_pfn;
	bounds[ZONE_NORMAL] = mem_map_pfn + l->dma_pages;
	bounds[ZONE_HIGHMEM] = max_low_pfn;
	bounds[MAX_NR_ZONES] = max_pfn;
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		uint32_t span = bounds[i + 1] - bounds[i];
		uint32_t blocks = pageblocks_spanned(bounds[i], span);

		if (blocks && !(pageblocks[i] = malloc(blocks)))
			env_fatal("no host memory for pageblocks");
		zone_init(&zones[i], zone_name(i), i, bounds[i], span, pfn_to_page(bounds[i]),
			  pageblocks[i]);
		for (uint32_t p = 0; p < span; p++)
			zones[i].pages[p].flags = i | PG_reserved;
	}
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		free_unreserved(&zones[i], l);
	buddy_env_set_watermarks();
	memset(&vm_stats, 0, sizeof(vm_stats));
}

/* ---- snapshots ---- */

struct buddy_snapshot {
	struct zone zones[MAX_NR_ZONES];
	struct page *mem_map; /* which mem_map the copy is of */
	struct page *pages;   /* nr_pages copies */
	uint32_t nr_pages;
	uint8_t *pageblock_mt[MAX_NR_ZONES];
};

/* One freed snapshot kept for the next take: the fuzzer takes one per misuse. */
static struct buddy_snapshot *spare;
static uint32_t spare_pages;

struct buddy_snapshot *buddy_snapshot_take(void)
{
	struct buddy_snapshot *s = spare;

	if (s && spare_pages == nr_pages) {
		spare = NULL;
	} else {
		buddy_snapshot_free(spare);
		spare = NULL;
		s = calloc(1, sizeof(*s));
		if (!s || !(s->pages = malloc((size_t)nr_pages * sizeof(struct page))))
			env_fatal("no host memory for a snapshot");
		for (unsigned i = 0; i < MAX_NR_ZONES; i++)
			if (!(s->pageblock_mt[i] = malloc((nr_pages >> PAGEBLOCK_ORDER) + 2)))
				env_fatal("no host memory for a snapshot");
	}
	memcpy(s->zones, zones, sizeof(zones));
	s->mem_map = mem_map;
	s->nr_pages = nr_pages;
	memcpy(s->pages, mem_map, (size_t)nr_pages * sizeof(struct page));
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		if (zones[i].nr_pageblocks)
			memcpy(s->pageblock_mt[i], zones[i].pageblock_mt, zones[i].nr_pageblocks);
	return s;
}

/* The first field of struct zone that differs, by name. */
static const char *zone_field_diff(const struct zone *a, const struct zone *b)
{
#define FIELD(f)                                \
	if (memcmp(&a->f, &b->f, sizeof(a->f))) \
	return #f
	FIELD(managed);
	FIELD(nr_free);
	FIELD(pcp[0].count);
	FIELD(pcp[0].lists);
	FIELD(pcpo);
	FIELD(area);
	FIELD(fallbacks);
	FIELD(wmark_level);
	FIELD(pcp[0].high);
	FIELD(pcp[0].batch);
#undef FIELD
	return "another field";
}

const char *buddy_snapshot_diff(const struct buddy_snapshot *s)
{
	static char why[160];

	if (s->mem_map != mem_map)
		return "the allocator was rebuilt since the snapshot";
	for (unsigned i = 0; i < MAX_NR_ZONES; i++) {
		if (memcmp(&s->zones[i], &zones[i], sizeof(zones[i]))) {
			snprintf(why, sizeof(why), "zone %s: %s changed", zone_name(i),
				 zone_field_diff(&s->zones[i], &zones[i]));
			return why;
		}
		if (zones[i].nr_pageblocks &&
		    memcmp(s->pageblock_mt[i], zones[i].pageblock_mt, zones[i].nr_pageblocks)) {
			snprintf(why, sizeof(why), "zone %s: a pageblock's migrate type changed",
				 zone_name(i));
			return why;
		}
	}
	for (uint32_t i = 0; i < nr_pages; i++) {
		const struct page *was = &s->pages[i], *now = &mem_map[i];

		if (was->flags != now->flags) {
			snprintf(why, sizeof(why), "pfn %#x: flags %#x -> %#x", mem_map_pfn + i,
				 was->flags, now->flags);
			return why;
		}
		if (was->lru.next != now->lru.next || was->lru.prev != now->lru.prev ||
		    was->private != now->private) {
			snprintf(why, sizeof(why), "pfn %#x: list links or private changed",
				 mem_map_pfn + i);
			return why;
		}
	}
	return NULL;
}

void buddy_snapshot_free(struct buddy_snapshot *s)
{
	if (!s)
		return;
	if (!spare) {
		spare = s;
		spare_pages = s->nr_pages;
		return;
	}
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		free(s->pageblock_mt[i]);
	free(s->pages);
	free(s);
}

/*
 * The early boot allocator: sorted, merged region lists for RAM and for
 * reservations (kernel image, page tables, early allocations).
 */
#include "errno.h"
#include "kernel.h"
#include "memblock.h"
#include "printk.h"
#include "string.h"

struct memblock memblock;

/* Insert [base, base+size) into a sorted list, merging with neighbours. */
static int region_add(struct memblock_type *t, phys_addr_t base, uint32_t size)
{
	uint64_t start = base, end = (uint64_t)base + size;
	unsigned i = 0, j;

	if (!size)
		return 0;
	if (end > 0x100000000ull) /* past the 32-bit address space */
		return -EINVAL;
	while (i < t->count && (uint64_t)t->regions[i].base + t->regions[i].size < start)
		i++;
	/* Regions i..j-1 touch or overlap the new one: merge them into it. */
	for (j = i; j < t->count && t->regions[j].base <= end; j++) {
		start = min(start, (uint64_t)t->regions[j].base);
		end = max(end, (uint64_t)t->regions[j].base + t->regions[j].size);
	}
	if (end - start > 0xffffffffull) /* 4 GB: too big for a region's size */
		return -EINVAL;
	if (j == i) {
		if (t->count == MEMBLOCK_MAX_REGIONS)
			return -ENOMEM;
		memmove(&t->regions[i + 1], &t->regions[i], (t->count - i) * sizeof(t->regions[0]));
		t->count++;
		j = i + 1;
	} else if (j > i + 1) {
		memmove(&t->regions[i + 1], &t->regions[j], (t->count - j) * sizeof(t->regions[0]));
		t->count -= j - i - 1;
	}
	t->regions[i].base = (phys_addr_t)start;
	t->regions[i].size = (uint32_t)(end - start);
	return 0;
}

/* Remove [base, base+size) from a list, splitting a region if needed. */
static int region_remove(struct memblock_type *t, phys_addr_t base, uint32_t size)
{
	uint64_t start = base, end = (uint64_t)base + size;

	for (unsigned i = 0; i < t->count; i++) {
		struct memblock_region *r = &t->regions[i];
		uint64_t rs = r->base, re = (uint64_t)r->base + r->size;

		if (re <= start || rs >= end)
			continue;
		if (rs < start && re > end) { /* hole in the middle */
			if (t->count == MEMBLOCK_MAX_REGIONS)
				return -ENOMEM;
			memmove(r + 1, r, (t->count - i) * sizeof(*r));
			t->count++;
			r->size = (uint32_t)(start - rs);
			r[1].base = (phys_addr_t)end;
			r[1].size = (uint32_t)(re - end);
			return 0;
		}
		if (rs < start) {
			r->size = (uint32_t)(start - rs);
		} else if (re > end) {
			r->base = (phys_addr_t)end;
			r->size = (uint32_t)(re - end);
		} else {
			memmove(r, r + 1, (t->count - i - 1) * sizeof(*r));
			t->count--;
			i--;
		}
	}
	return 0;
}

int memblock_add(phys_addr_t base, uint32_t size)
{
	return region_add(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, uint32_t size)
{
	return region_add(&memblock.reserved, base, size);
}

int memblock_free(phys_addr_t base, uint32_t size)
{
	return region_remove(&memblock.reserved, base, size);
}

void memblock_set_limit(phys_addr_t limit)
{
	memblock.limit = limit;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	const struct memblock_type *t = &memblock.reserved;

	for (unsigned i = 0; i < t->count; i++)
		if (addr >= t->regions[i].base &&
		    (uint64_t)addr < (uint64_t)t->regions[i].base + t->regions[i].size)
			return true;
	return false;
}

/* Highest free aligned block of size inside [lo, hi), or 0. */
static phys_addr_t find_top_down(uint64_t lo, uint64_t hi, uint32_t size, uint32_t align)
{
	const struct memblock_type *rsv = &memblock.reserved;
	uint64_t cand = hi;

	/* Walk the gaps between reservations from the top. */
	for (int i = (int)rsv->count; i >= 0; i--) {
		uint64_t gap_lo = i > 0 ? (uint64_t)rsv->regions[i - 1].base +
						  rsv->regions[i - 1].size
					: 0;
		uint64_t gap_hi = i < (int)rsv->count ? rsv->regions[i].base : ~0ull;

		gap_lo = max(gap_lo, lo);
		gap_hi = min(gap_hi, cand);
		if (gap_hi < gap_lo + size)
			continue;
		uint64_t at = ALIGN_DOWN(gap_hi - size, (uint64_t)align);
		if (at >= gap_lo && at != 0)
			return (phys_addr_t)at;
	}
	return 0;
}

phys_addr_t memblock_phys_alloc(uint32_t size, uint32_t align)
{
	const struct memblock_type *mem = &memblock.memory;

	if (!size || size > 0xfffffffcu || !align || (align & (align - 1)))
		return 0; /* (sizes above that round up to 0) */
	if (memblock.retired) {
		printk("WARNING: memblock_phys_alloc(%u) after mem_init: use the page allocator\n",
		       size);
		return 0;
	}
	size = ALIGN(size, 4u);
	for (int i = (int)mem->count - 1; i >= 0; i--) {
		uint64_t lo = mem->regions[i].base;
		uint64_t hi = lo + mem->regions[i].size;

		if (memblock.limit)
			hi = min(hi, (uint64_t)memblock.limit);
		if (hi <= lo)
			continue;
		phys_addr_t at = find_top_down(lo, hi, size, align);
		if (at && memblock_reserve(at, size) == 0)
			return at;
	}
	return 0;
}

uint64_t memblock_total(const struct memblock_type *type)
{
	uint64_t total = 0;

	for (unsigned i = 0; i < type->count; i++)
		total += type->regions[i].size;
	return total;
}

static void dump_type(const char *name, const struct memblock_type *t)
{
	printk("  %s: %u region(s), %llu KB\n", name, t->count,
	       (unsigned long long)(memblock_total(t) >> 10));
	for (unsigned i = 0; i < t->count; i++)
		printk("    [%#010x-%#010llx] %u KB\n", t->regions[i].base,
		       (unsigned long long)t->regions[i].base + t->regions[i].size - 1,
		       t->regions[i].size >> 10);
}

void memblock_retire(void)
{
	memblock.retired = true;
}

void memblock_dump(void)
{
	printk("memblock:\n");
	dump_type("memory", &memblock.memory);
	dump_type("reserved", &memblock.reserved);
}

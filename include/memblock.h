/*
 * Early physical memory: what RAM exists and what is taken, before any
 * page allocator exists. Allocations are top-down below a limit (the
 * memory mapped so far), like Linux's memblock.
 */
#ifndef MEMBLOCK_H
#define MEMBLOCK_H

#include "types.h"

#define MEMBLOCK_MAX_REGIONS 32

struct memblock_region {
	phys_addr_t base;
	uint32_t size;
};

struct memblock_type {
	unsigned count;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	phys_addr_t limit; /* allocations end below this (0 = no limit) */
	bool retired;      /* the buddy allocator owns RAM now */
};

extern struct memblock memblock;

int memblock_add(phys_addr_t base, uint32_t size);
int memblock_reserve(phys_addr_t base, uint32_t size);
int memblock_free(phys_addr_t base, uint32_t size);
void memblock_set_limit(phys_addr_t limit);
/* A free, aligned, reserved range below the limit; 0 when there is none. */
phys_addr_t memblock_phys_alloc(uint32_t size, uint32_t align);
uint64_t memblock_total(const struct memblock_type *type);
bool memblock_is_reserved(phys_addr_t addr);
void memblock_dump(void);
/* After mem_init(): further allocations fail with a warning. */
void memblock_retire(void);

#endif

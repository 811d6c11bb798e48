/*
 * Temporary kernel mappings of any page, highmem included.
 *
 * kmap_atomic(page) maps the page into one of KM_MAX_IDX fixmap slots used
 * as a stack (lowmem pages just return their direct-map address);
 * kunmap_atomic(addr) must undo the most recent mapping first. Misuse
 * (nesting too deep, unmapping out of order or an address never mapped)
 * is reported, counted in vm_stats.misuse, and changes nothing.
 */
#ifndef HIGHMEM_H
#define HIGHMEM_H

#include "mm.h"

#define KM_MAX_IDX 8

void kmap_init(void);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
unsigned kmap_atomic_depth(void);

#endif

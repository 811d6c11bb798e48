/*
 * Kernel mappings of any page, highmem included.
 *
 * kmap(page) maps a page into one of LAST_PKMAP entries of the pkmap area
 * (below PAGE_OFFSET) and keeps it there until kunmap(); a page mapped
 * twice shares its entry, with a use count. Entries are recycled lazily:
 * a released entry keeps its PTE until kmap wraps around the area, then
 * all released entries are cleared with one TLB flush, and only then
 * reused. Lowmem pages just return their direct-map address.
 *
 * kmap_atomic(page) maps a page into one of KM_MAX_IDX fixmap slots used
 * as a stack, with one PTE write and one TLB invalidate by MVA;
 * kunmap_atomic(addr) must undo the most recent mapping first.
 *
 * Misuse (kunmap without kmap, nesting kmap_atomic too deep, unmapping out
 * of order, running out of pkmap entries) is reported, counted in
 * vm_stats.misuse, and changes nothing.
 */
#ifndef HIGHMEM_H
#define HIGHMEM_H

#include "mm.h"

#define KM_MAX_IDX  8
#define LAST_PKMAP  512         /* 2 MB of pkmap area */

void kmap_init(void);
void *kmap(struct page *page);
void kunmap(struct page *page);
/* The pkmap address of a highmem page, or NULL when it is not kmapped. */
void *kmap_high_address(const struct page *page);
/* Uses of the pkmap entry holding page (0 if none), and TLB flushes done so far. */
unsigned kmap_count(const struct page *page);
unsigned kmap_flushes(void);

void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
unsigned kmap_atomic_depth(void);

#endif

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

#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "mm.h"

#define KM_MAX_IDX 8
#define LAST_PKMAP 512 /* 2 MB of pkmap area */

void kmap_init(void);
void *kmap(struct page *page);
void kunmap(struct page *page);
/* The pkmap address of a highmem page, or NULL when it is not kmapped. */
void *kmap_high_address(const struct page *page);
/* Uses of the pkmap entry holding page (0 if none), and TLB flushes done so far. */
unsigned kmap_count(const struct page *page);
unsigned kmap_flushes(void);

/*
 * kmap_atomic is inline so that a mapping costs what the hardware needs:
 * the PTE of each slot is found at boot (the fixmap L2 table is pinned, so
 * the pointer stays valid), the PTE is computed from the struct page's
 * address with one subtraction (page_base is the struct page of PFN 0,
 * wherever mem_map starts), and the misuse checks are one compare each.
 * Misuse itself is reported out of line.
 */
struct kmap_atomic_slots {
	unsigned depth;      /* slots in use: FIX_KMAP_BEGIN .. + depth - 1 */
	pte_t *ptes;         /* the PTE of slot FIX_KMAP_BEGIN; the others follow */
	uintptr_t page_base; /* (uintptr_t)pfn_to_page(0), modulo 2^32 */
	pte_t bits;          /* attribute bits of a kmap PTE (kernel RW, XN) */
};
extern struct kmap_atomic_slots kmap_slots;
void *kmap_atomic_overflow(struct page *page) __attribute__((noinline, cold));
void kunmap_atomic_bad(void *addr) __attribute__((noinline, cold));

#define KMAP_ATOMIC_BASE __fix_to_virt(FIX_KMAP_BEGIN)

static inline void *kmap_atomic(struct page *page)
{
	struct kmap_atomic_slots *s = &kmap_slots;
	unsigned d = s->depth;
	pte_t *ptep;

	if (!PageHighMem(page)) /* the direct map already has it */
		return (void *)(((uintptr_t)page - lowmem.vmemmap) / sizeof(struct page)
				<< PAGE_SHIFT);
	if (unlikely(d >= KM_MAX_IDX))
		return kmap_atomic_overflow(page);
	/* The slot was emptied and flushed by kunmap_atomic: no TLB maintenance now. */
	ptep = &s->ptes[d];
	set_kernel_pte_fresh(ptep, ((uintptr_t)page - s->page_base) / sizeof(struct page)
						   << PAGE_SHIFT |
					   s->bits);
	s->depth = d + 1;
	return (void *)(KMAP_ATOMIC_BASE + (d << PAGE_SHIFT));
}

static inline void kunmap_atomic(void *addr)
{
	struct kmap_atomic_slots *s = &kmap_slots;
	uint32_t idx = ((uint32_t)addr - KMAP_ATOMIC_BASE) >> PAGE_SHIFT;
	unsigned d = s->depth;

	if (idx >= KM_MAX_IDX)
		return; /* a lowmem page: nothing was mapped */
	if (unlikely(idx + 1 != d)) {
		kunmap_atomic_bad(addr);
		return;
	}
	s->depth = idx;
	set_kernel_pte_flush(&s->ptes[idx], 0, KMAP_ATOMIC_BASE + (idx << PAGE_SHIFT));
}

static inline unsigned kmap_atomic_depth(void)
{
	return kmap_slots.depth;
}

#endif

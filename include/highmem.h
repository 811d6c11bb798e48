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
 * kmap_atomic(page) maps a page into one of the running CPU's KM_MAX_IDX
 * fixmap slots (FIX_KMAP_BEGIN + cpu * KM_TYPE_NR onwards, as in Linux),
 * used as a stack, with one PTE write; kunmap_atomic(addr) must undo the
 * most recent mapping first, on the same CPU, and invalidates this CPU's
 * TLB only: no other CPU uses the slot. kmap and kunmap share the pkmap
 * area between CPUs under kmap_lock, and the lazy flush reaches every CPU.
 *
 * Misuse (kunmap without kmap, nesting kmap_atomic too deep, unmapping out
 * of order, running out of pkmap entries) is reported, counted in
 * vm_stats.misuse, and changes nothing.
 */
#ifndef HIGHMEM_H
#define HIGHMEM_H

#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "asm/page.h"
#include "mm.h"
#include "smp.h"

#define KM_MAX_IDX KM_TYPE_NR /* nested kmap_atomic mappings per CPU */
#define LAST_PKMAP 512        /* 2 MB of pkmap area */

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
	unsigned depth;         /* this CPU's slots in use: base .. + depth pages */
	pte_t *ptes;            /* the PTE of this CPU's first slot; the others follow */
	uintptr_t base;         /* the address of this CPU's first slot */
	uintptr_t page_base;    /* (uintptr_t)pfn_to_page(0), modulo 2^32 */
	pte_t bits;             /* attribute bits of a kmap PTE (kernel RW, XN) */
} __attribute__((aligned(32))); /* one cache line per CPU */
/* Indexed by CPU; a slot is read and written only by its own CPU. */
extern struct kmap_atomic_slots kmap_slots[NR_CPUS];
void *kmap_atomic_overflow(struct page *page) __attribute__((noinline, cold));
void kunmap_atomic_bad(void *addr) __attribute__((noinline, cold));

#define KMAP_ATOMIC_BASE __fix_to_virt(FIX_KMAP_BEGIN)

static inline void *kmap_atomic(struct page *page)
{
	struct kmap_atomic_slots *s = &kmap_slots[smp_processor_id()];
	unsigned d = s->depth;
	pte_t *ptep;

	if (!PageHighMem(page)) /* the direct map already has it */
		return (void *)(((uintptr_t)page - lowmem.vmemmap) / sizeof(struct page)
				<< PAGE_SHIFT);
	if (unlikely(d >= KM_MAX_IDX))
		return kmap_atomic_overflow(page);
	/*
	 * Take the slot before writing it: an interrupt's kmap_atomic on this
	 * CPU then takes the next one. The slot was emptied and flushed by
	 * kunmap_atomic on this CPU, and no other CPU uses it: no TLB maintenance.
	 */
	s->depth = d + 1;
	ptep = &s->ptes[d];
	set_kernel_pte_fresh(ptep, ((uintptr_t)page - s->page_base) / sizeof(struct page)
						   << PAGE_SHIFT |
					   s->bits);
	return (void *)(s->base + (d << PAGE_SHIFT));
}

static inline void kunmap_atomic(void *addr)
{
	struct kmap_atomic_slots *s = &kmap_slots[smp_processor_id()];
	uint32_t idx = ((uint32_t)addr - s->base) >> PAGE_SHIFT;
	unsigned d = s->depth;

	if (idx >= KM_MAX_IDX) {
		/* A lowmem page: nothing was mapped. Another CPU's slot: misuse. */
		if (unlikely((uint32_t)addr - KMAP_ATOMIC_BASE < KM_MAX_IDX * NR_CPUS * PAGE_SIZE))
			kunmap_atomic_bad(addr);
		return;
	}
	if (unlikely(idx + 1 != d)) {
		kunmap_atomic_bad(addr);
		return;
	}
	/* Empty and flushed (this CPU's TLB: the slot is its own) before it is given back. */
	local_set_kernel_pte_flush(&s->ptes[idx], 0, s->base + (idx << PAGE_SHIFT));
	s->depth = idx;
}

static inline unsigned kmap_atomic_depth(void)
{
	return kmap_slots[smp_processor_id()].depth;
}

/*
 * Clearing and copying pages that may be highmem: kmap_atomic (a lowmem
 * page is its direct-map address, nothing mapped), then clear_page or
 * copy_page (asm/page.h), then kunmap_atomic in reverse order.
 * clear_user_highpage and copy_user_highpage are what a user fault calls
 * for a page it maps at vaddr; with the PIPT data caches of ARMv7 (no aliases) it needs nothing
 * more than clear_highpage.
 */
static inline void clear_highpage(struct page *page)
{
	void *va = kmap_atomic(page);

	clear_page(va);
	kunmap_atomic(va);
}

static inline void clear_user_highpage(struct page *page, uint32_t vaddr)
{
	(void)vaddr;
	clear_highpage(page);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	void *vfrom = kmap_atomic(from), *vto = kmap_atomic(to);

	copy_page(vto, vfrom);
	kunmap_atomic(vto);
	kunmap_atomic(vfrom);
}

/* Copy-on-write's copy of a page a process maps at vaddr (no aliases: as copy_highpage). */
static inline void copy_user_highpage(struct page *to, struct page *from, uint32_t vaddr)
{
	(void)vaddr;
	copy_highpage(to, from);
}

#endif

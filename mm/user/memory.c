/*
 * User page tables: installing a page, tearing ranges down (and giving
 * owned pages back), and mapping device frames for a driver's mmap.
 *
 * User mappings are always small pages, tagged with the mm's ASID (nG).
 * L2 tables come from the kernel's pool and go back when empty (pt_unmap).
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "mm.h"
#include "mm_user.h"
#include "mm_user_internal.h"
#include "page_ref.h"
#include "printk.h"
#include "string.h"
#include "swap.h"

/*
 * Unmap [a, stop), inside one section whose L1 entry d points at an L2
 * table; returns the owned pages freed. Out of line, with its 1 KB copy of
 * the entries: __zap_page_range() passes over sections without a table (an
 * area never touched) without setting up this frame.
 */
static __attribute__((noinline)) unsigned zap_l2(struct mm_struct *mm, uint32_t a, uint32_t stop,
						 pde_t d, bool pfnmap)
{
	unsigned n = (stop - a) >> PAGE_SHIFT, freed = 0;
	pte_t old[L2_ENTRIES];
	pte_t *t = (pte_t *)pt_phys_to_virt(d & L1_TABLE_ADDR_MASK) + ((a >> PAGE_SHIFT) & 0xff);

	/* A copy first: unmapping the last run may free the table itself. */
	memcpy(old, t, n * sizeof(pte_t));
	/*
	 * Swap entries first, while the table is surely there: cleared (no
	 * TLB holds them) and their slots' counts dropped. Only an mm with
	 * some looks (a fork's child frees 256 pages here: no loop for it).
	 */
	for (unsigned i = 0; unlikely(mm->swapents) && i < n; i++)
		if (unlikely(is_swap_pte(old[i]))) {
			t[i] = 0;
			clean_pt_entry(&t[i]);
			swap_free(swp_offset_pte(old[i]));
			old[i] = 0;
			mm->swapents--;
		}
	/*
	 * Only runs of present entries are unmapped, each with one TLB flush
	 * (pt_unmap): an entry that was never valid cannot be in any CPU's
	 * TLB (the MMU caches only valid translations), so nothing else needs
	 * flushing.
	 */
	for (unsigned i = 0, run = 0; i <= n; i++) {
		if (i < n && old[i])
			continue;
		if (i > run) /* old[run..i) are present: one unmap, one TLB flush */
			BUG_ON(pt_unmap(&mm->arch, a + (run << PAGE_SHIFT),
					(i - run) << PAGE_SHIFT));
		run = i + 1;
	}
	/* An empty table (an allocation failed after it was made) goes too. */
	pt_free_empty_l2(&mm->arch, a);
	if (pfnmap)
		return 0; /* device frames: the driver's, never counted */
	/*
	 * The globals in locals: each atomic below is a compiler barrier that
	 * would reload them for every page (a fork's child frees 256 pages here).
	 */
	struct page *map = mem_map;
	uint32_t first_pfn = mem_map_pfn, zero_pa = page_to_phys(zero_page);
	unsigned unmapped = 0;
	const bool swap_on = swap_enabled(); /* no page is in the swap cache without it */

	for (unsigned i = 0; i < n; i++) {
		uint32_t pa = old[i] & PTE_SMALL_ADDR_MASK;

		if (old[i] && pa != zero_pa) {
			struct page *page = map + ((pa >> PAGE_SHIFT) - first_pfn);

			/* fork() may have shared it: freed with its last mapping. */
			unmapped++;
			if (page_remove_map(page)) {
				__free_page(page);
				freed++;
			} else if (unlikely(swap_on) && PageSwapCache(page)) {
				swap_page_unmapped(page, pte_write(old[i]));
			}
		}
	}
	mm->rss -= unmapped;
	return freed;
}

unsigned __zap_page_range(struct mm_struct *mm, uint32_t start, uint32_t end, bool pfnmap)
{
	unsigned freed = 0;

	/* Per MB: a page table (small pages) or a section (a huge page), or nothing. */
	for (uint32_t a = start, stop; a < end; a = stop) {
		pde_t d = mm->arch.pgd[a >> SECTION_SHIFT];

		stop = min(ALIGN_DOWN(a, SECTION_SIZE) + SECTION_SIZE, end);
		if ((d & L1_TYPE_MASK) == L1_TYPE_TABLE)
			freed += zap_l2(mm, a, stop, d, pfnmap);
		else if ((d & L1_TYPE_MASK) == L1_TYPE_SECT)
			zap_huge(mm, ALIGN_DOWN(a, SECTION_SIZE)); /* huge areas cover whole MB */
	}
	return freed;
}

int remap_pfn_range(struct vm_area_struct *vma, uint32_t addr, uint32_t pfn, uint32_t size,
		    pgprot_t prot)
{
	int err;

	if ((addr | size) & ~PAGE_MASK || addr < vma->vm_start || size == 0 ||
	    size > vma->vm_end - addr ||
	    pfn > (0xffffffffu >> PAGE_SHIFT) - (size >> PAGE_SHIFT) + 1)
		return -EINVAL;
	/* prot comes from the area: no user access at all for PROT_NONE. */
	err = pt_map_max(&vma->vm_mm->arch, addr, (phys_addr_t)pfn << PAGE_SHIFT, size,
			 prot | PROT_NG, PT_SMALL);
	if (!err) {
		vma->vm_flags |= VM_IO | VM_PFNMAP;
		vma->vm_page_prot =
			prot; /* the memory type it was mapped with (mprotect keeps it) */
	}
	return err;
}

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
#include "printk.h"
#include "string.h"

static bool frame_owned(uint32_t pa)
{
	return pa != page_to_phys(zero_page);
}

unsigned zap_page_range(struct mm_struct *mm, uint32_t start, uint32_t end, bool pfnmap)
{
	unsigned freed = 0;

	for (uint32_t a = start; a < end;) {
		uint32_t stop = min(ALIGN_DOWN(a, SECTION_SIZE) + SECTION_SIZE, end);
		unsigned n = (stop - a) >> PAGE_SHIFT;
		pde_t d = mm->arch.pgd[a >> SECTION_SHIFT];
		pte_t old[L2_ENTRIES];

		if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE) {
			a = stop;
			continue;
		}
		/* A copy first: unmapping the last run may free the table itself. */
		memcpy(old,
		       (const pte_t *)pt_phys_to_virt(d & L1_TABLE_ADDR_MASK) +
			       ((a >> PAGE_SHIFT) & 0xff),
		       n * sizeof(pte_t));
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
		for (unsigned i = 0; i < n && !pfnmap; i++) {
			uint32_t pa = old[i] & PTE_SMALL_ADDR_MASK;

			if (old[i] && frame_owned(pa)) {
				__free_page(pfn_to_page(pa >> PAGE_SHIFT));
				mm->rss--;
				freed++;
			}
		}
		a = stop;
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
	if (!err)
		vma->vm_flags |= VM_IO | VM_PFNMAP;
	return err;
}

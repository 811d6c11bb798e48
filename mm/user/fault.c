/*
 * User page faults: demand paging of anonymous memory.
 *
 * A translation fault inside an area that allows the access maps a page:
 * the shared zero page read-only for a read (nothing is allocated), a new
 * zeroed page of the process's own for a write. A permission fault on a
 * write to the zero page of a writable area replaces it with a zeroed page
 * of its own ("copy on write" of the zero page). Everything else (no area,
 * the area forbids the access, device areas, other fault kinds) is the
 * process's error.
 */
#include "asm/cacheflush.h"
#include "highmem.h"
#include "mm.h"
#include "mm_user.h"

struct mm_fault_stats mm_fault_stats;

/* The PTE slot for addr (making the L2 table if needed), or NULL without memory. */
static pte_t *user_pte(struct mm_struct *mm, uint32_t addr)
{
	return pt_l2_entry(&mm->arch, addr);
}

static enum vm_fault_result map_anon_page(struct mm_struct *mm, struct vm_area_struct *vma,
					  pte_t *ptep, uint32_t addr, bool replace)
{
	/*
	 * Not __GFP_ZERO: that takes the allocator's general path and clears
	 * through clear_pages(); the inline order-0 path and one
	 * clear_user_highpage() cost 113 instructions less.
	 */
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

	if (!page)
		return VM_FAULT_OOM;
	clear_user_highpage(page, addr);
	mm->rss++;
	*ptep = mk_small_page(page_to_phys(page), vma->vm_page_prot); /* encoded once per prot */
	clean_pt_entry(ptep);
	if (replace) /* the zero page's read-only entry may be in the TLB */
		flush_tlb_user_range(&mm->arch, addr, PAGE_SIZE);
	return VM_FAULT_OK;
}

static enum vm_fault_result __handle_mm_fault(struct mm_struct *mm, uint32_t addr, unsigned flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	bool write = flags & FAULT_FLAG_WRITE;
	unsigned need = write ? VM_WRITE : flags & FAULT_FLAG_INSTRUCTION ? VM_EXEC : VM_ACCESS;
	pte_t *ptep;

	if (!vma || vma->vm_start > addr || !(vma->vm_flags & need) ||
	    (vma->vm_flags & VM_PFNMAP) || addr >= TASK_SIZE)
		goto bad;
	addr &= PAGE_MASK;
	if (flags & FAULT_FLAG_TRANSLATION) {
		ptep = user_pte(mm, addr);
		if (!ptep)
			return VM_FAULT_OOM;
		if (*ptep)
			return VM_FAULT_OK; /* already mapped (a stale TLB entry): retry */
		if (write) {
			mm_fault_stats.anon_pages++;
			return map_anon_page(mm, vma, ptep, addr, false);
		}
		mm_fault_stats.zero_maps++;
		*ptep = mk_small_page(page_to_phys(zero_page), vma->vm_page_prot & ~PROT_WRITE);
		clean_pt_entry(ptep);
		return VM_FAULT_OK;
	}
	if (flags & FAULT_FLAG_PERMISSION) {
		/* Only a write to the zero page is resolved (a section has no PTE: ptep is NULL). */
		ptep = user_pte(mm, addr);
		if (!write || !ptep || (*ptep & PTE_SMALL_ADDR_MASK) != page_to_phys(zero_page))
			goto bad;
		mm_fault_stats.cow_zero++;
		return map_anon_page(mm, vma, ptep, addr, true);
	}
bad:
	mm_fault_stats.bad++;
	return VM_FAULT_SIGSEGV;
}

enum vm_fault_result handle_mm_fault(struct mm_struct *mm, uint32_t addr, unsigned flags)
{
	enum vm_fault_result res;

	spin_lock(&mm->mmap_lock);
	res = __handle_mm_fault(mm, addr, flags);
	spin_unlock(&mm->mmap_lock);
	return res;
}

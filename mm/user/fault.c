/*
 * User page faults: demand paging of anonymous memory, and copy-on-write.
 *
 * A translation fault inside an area that allows the access maps a page:
 * the shared zero page read-only for a read (nothing is allocated), a new
 * zeroed page of the process's own for a write. A permission fault on a
 * write in a writable area is copy-on-write (do_wp_page): over the zero
 * page the process gets a zeroed page of its own; over a page fork()
 * shared, a copy, or the page itself made writable again when no one else
 * maps it any more (the last sharer copies nothing). Everything else (no
 * area, the area forbids the access, device areas, other fault kinds) is
 * the process's error. A permission fault on an entry reclaim made old
 * (mm/user/vmscan.c) gives the user its access back: the page was used.
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "highmem.h"
#include "mm.h"
#include "mm_user.h"
#include "mm_user_internal.h"
#include "page_ref.h"
#include "swap.h"

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
	page_set_mapped_once(page);
	if (++mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
	*ptep = mk_small_page(page_to_phys(page), vma->vm_page_prot); /* encoded once per prot */
	clean_pt_entry(ptep);
	if (replace) /* the zero page's read-only entry may be in the TLB */
		flush_tlb_user_range(&mm->arch, addr, PAGE_SIZE);
	return VM_FAULT_OK;
}

/*
 * A write to a present read-only entry of a writable private area: the
 * page fork() shared. Mapped by this mm alone by now (the others wrote
 * and took copies, or exited): it is made writable where it is. Else the
 * writer gets a copy and the shared page one mapping fewer; it may even
 * have been the last by then (a sharer on another CPU unmapped it in the
 * meantime), and then it is freed.
 */
static enum vm_fault_result do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma,
				       pte_t *ptep, uint32_t addr)
{
	pte_t pte = *ptep;
	struct page *old = pfn_to_page(pte >> PAGE_SHIFT), *page;

	/* A page swapped in and still in the swap cache: out of it, if no one else holds it. */
	if (page_ref_count(old) == 1 || (PageSwapCache(old) && swap_reuse_page(old))) {
		mm_fault_stats.cow_reuse++;
		*ptep = pte_mkwrite(pte);
	} else {
		page = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (!page)
			return VM_FAULT_OOM;
		mm_fault_stats.cow_copies++;
		copy_user_highpage(page, old, addr);
		page_set_mapped_once(page);
		*ptep = mk_small_page(page_to_phys(page), vma->vm_page_prot);
		if (page_remove_map(old))
			__free_page(old);
		else if (PageSwapCache(old))
			swap_page_unmapped(old, false);
	}
	clean_pt_entry(ptep);
	flush_tlb_user_range(&mm->arch, addr, PAGE_SIZE); /* the read-only entry may be cached */
	return VM_FAULT_OK;
}

/*
 * A translation fault on a swap entry: the page back from the swap cache
 * or the disk (swapin_page). Writable at once in a shared area that
 * allows writes (its sharers must see them), or for the write of the
 * page's only holder; else read-only: the page stays clean in the swap
 * cache, and a write takes the copy-on-write path (do_wp_page).
 */
static enum vm_fault_result do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
					 pte_t *ptep, bool write)
{
	bool writable;
	int err;
	struct page *page = swapin_page(swp_offset_pte(*ptep), write, vma->vm_flags & VM_SHARED,
					&writable, &err);
	pgprot_t prot = vma->vm_page_prot;

	if (!page)
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	mm_fault_stats.swapins++;
	if (!writable)
		prot &= ~PROT_WRITE;
	mm->swapents--;
	if (++mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
	*ptep = mk_small_page(page_to_phys(page), prot);
	clean_pt_entry(ptep); /* a swap entry was never in a TLB: nothing to flush */
	return VM_FAULT_OK;
}

/*
 * The referenced bit's fault (asm/pgtable.h: pte_mkold): the user touched
 * a page reclaim had made old. Any CPU may hold the old entry in its TLB.
 */
static void mark_pte_young(struct mm_struct *mm, pte_t *ptep, uint32_t addr)
{
	*ptep = pte_mkyoung(*ptep);
	clean_pt_entry(ptep);
	flush_tlb_user_range(&mm->arch, addr, PAGE_SIZE);
	reclaim_stats.pgactivate++;
}

enum vm_fault_result __handle_mm_fault(struct mm_struct *mm, uint32_t addr, unsigned flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	bool write = flags & FAULT_FLAG_WRITE;
	unsigned need = write ? VM_WRITE : flags & FAULT_FLAG_INSTRUCTION ? VM_EXEC : VM_ACCESS;
	pte_t *ptep;

	if (!vma || vma->vm_start > addr || !(vma->vm_flags & need) ||
	    (vma->vm_flags & VM_PFNMAP) || addr >= TASK_SIZE)
		goto bad;
	if (vma->vm_flags & VM_HUGETLB)
		return hugetlb_fault(mm, vma, addr, flags);
	addr &= PAGE_MASK;
	if (flags & FAULT_FLAG_TRANSLATION) {
		ptep = user_pte(mm, addr);
		if (!ptep)
			return VM_FAULT_OOM;
		if (is_swap_pte(*ptep))
			return do_swap_page(mm, vma, ptep, write);
		if (*ptep)
			return VM_FAULT_OK; /* already mapped (a stale TLB entry): retry */
		/*
		 * A shared area never maps the zero page: both sides of a fork
		 * must find the same page, so it is a page of the area's own
		 * from the first access (mmap populates them all at once).
		 */
		if (write || (vma->vm_flags & VM_SHARED)) {
			mm_fault_stats.anon_pages++;
			return map_anon_page(mm, vma, ptep, addr, false);
		}
		mm_fault_stats.zero_maps++;
		*ptep = mk_small_page(page_to_phys(zero_page), vma->vm_page_prot & ~PROT_WRITE);
		clean_pt_entry(ptep);
		return VM_FAULT_OK;
	}
	if (flags & FAULT_FLAG_PERMISSION) {
		/*
		 * An old entry (reclaim took the user's access away) is made
		 * young; then only a write to a read-only page of a private
		 * area is left to resolve. No PTE: a section, never old.
		 */
		ptep = user_pte(mm, addr);
		if (!ptep || !*ptep)
			goto bad;
		if (!pte_present(*ptep))
			return VM_FAULT_OK; /* swapped out since the fault: the retry swaps it in */
		if (!pte_young(*ptep)) {
			mark_pte_young(mm, ptep, addr);
			if (!write || pte_write(*ptep))
				return VM_FAULT_OK; /* the access is allowed now: retry */
		}
		if (!write || (vma->vm_flags & VM_SHARED))
			goto bad;
		if (pte_write(*ptep))
			return VM_FAULT_OK; /* another CPU's fault made it writable: retry */
		if ((*ptep & PTE_SMALL_ADDR_MASK) == page_to_phys(zero_page)) {
			mm_fault_stats.cow_zero++;
			return map_anon_page(mm, vma, ptep, addr, true);
		}
		return do_wp_page(mm, vma, ptep, addr);
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

enum vm_fault_result populate_range(struct mm_struct *mm, struct vm_area_struct *vma,
				    uint32_t start, uint32_t end)
{
	bool write = vma->vm_flags & VM_WRITE;

	if (vma->vm_flags & VM_PFNMAP)
		return VM_FAULT_OK; /* the driver mapped it all */
	if (vma->vm_flags & VM_HUGETLB) {
		for (uint32_t a = start; a < end; a += SECTION_SIZE)
			if (hugetlb_fault(mm, vma, a, FAULT_FLAG_TRANSLATION) != VM_FAULT_OK)
				return VM_FAULT_OOM;
		return VM_FAULT_OK;
	}
	for (uint32_t a = start; a < end; a += PAGE_SIZE) {
		pte_t *ptep = user_pte(mm, a);
		unsigned flags;
		enum vm_fault_result res;

		if (!ptep)
			return VM_FAULT_OOM;
		if (pte_present(*ptep) && (!write || pte_write(*ptep)))
			continue; /* there already, as a first access would leave it */
		if (!pte_present(*ptep))
			flags = FAULT_FLAG_TRANSLATION | (write ? FAULT_FLAG_WRITE : 0);
		else
			flags = FAULT_FLAG_PERMISSION | FAULT_FLAG_WRITE;
		res = __handle_mm_fault(mm, a, flags);
		if (res != VM_FAULT_OK)
			return res;
	}
	return VM_FAULT_OK;
}

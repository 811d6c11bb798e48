/*
 * Huge pages in a process (MAP_HUGETLB; the pool is mm/hugetlb.c): the
 * first touch of each MB of a huge area maps a zeroed 1 MB page of the
 * pool with one section entry; the teardown gives it back; fork shares a
 * shared area's pages and copies a private area's. Huge areas cover
 * whole, aligned MB (mmap.c), so a section never shares its MB with
 * small pages.
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "highmem.h"
#include "hugetlb.h"
#include "mm.h"
#include "mm_user.h"
#include "mm_user_internal.h"
#include "page_ref.h"

static void clear_huge_page(struct page *head)
{
	for (unsigned i = 0; i < HPAGE_SIZE / PAGE_SIZE; i++)
		clear_highpage(head + i);
}

enum vm_fault_result hugetlb_fault(struct mm_struct *mm, struct vm_area_struct *vma, uint32_t addr,
				   unsigned flags)
{
	uint32_t mb = addr & ~(HPAGE_SIZE - 1);
	pde_t d = mm->arch.pgd[mb >> SECTION_SHIFT];
	struct page *head;

	if ((d & L1_TYPE_MASK) == L1_TYPE_SECT)
		return flags & FAULT_FLAG_TRANSLATION ? VM_FAULT_OK : VM_FAULT_SIGSEGV;
	/* An empty page table left in the MB (none should be): it goes first. */
	if ((d & L1_TYPE_MASK) == L1_TYPE_TABLE && pt_free_empty_l2(&mm->arch, mb))
		return VM_FAULT_SIGSEGV;
	head = hugetlb_alloc();
	if (!head)
		return VM_FAULT_OOM;
	clear_huge_page(head);
	page_set_mapped_once(head);
	if (pt_map_max(&mm->arch, mb, page_to_phys(head), HPAGE_SIZE, vma->vm_page_prot,
		       PT_SECTION)) {
		hugetlb_free(head);
		return VM_FAULT_OOM;
	}
	mm_fault_stats.huge_faults++;
	return VM_FAULT_OK;
}

void zap_huge(struct mm_struct *mm, uint32_t mb)
{
	struct page *head = pfn_to_page((mm->arch.pgd[mb >> SECTION_SHIFT] & SECT_ADDR_MASK) >>
					PAGE_SHIFT);

	BUG_ON(pt_unmap(&mm->arch, mb, HPAGE_SIZE));
	if (page_remove_map(head))
		hugetlb_free(head);
}

int copy_huge_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	for (uint32_t mb = vma->vm_start; mb < vma->vm_end; mb += HPAGE_SIZE) {
		pde_t d = src->arch.pgd[mb >> SECTION_SHIFT];
		struct page *head, *copy;

		if ((d & L1_TYPE_MASK) != L1_TYPE_SECT)
			continue; /* not touched yet */
		head = pfn_to_page((d & SECT_ADDR_MASK) >> PAGE_SHIFT);
		if (vma->vm_flags & VM_SHARED) {
			if (!page_dup_map(head))
				return -EAGAIN;
			dst->arch.pgd[mb >> SECTION_SHIFT] = d;
			clean_pt_entry(&dst->arch.pgd[mb >> SECTION_SHIFT]);
			continue;
		}
		/* Private: the child's copy now (no copy-on-write for 1 MB pages here). */
		copy = hugetlb_alloc();
		if (!copy)
			return -ENOMEM;
		for (unsigned i = 0; i < HPAGE_SIZE / PAGE_SIZE; i++)
			copy_highpage(copy + i, head + i);
		page_set_mapped_once(copy);
		if (pt_map_max(&dst->arch, mb, page_to_phys(copy), HPAGE_SIZE, vma->vm_page_prot,
			       PT_SECTION)) {
			hugetlb_free(copy);
			return -ENOMEM;
		}
	}
	return 0;
}

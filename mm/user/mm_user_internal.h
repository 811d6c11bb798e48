/*
 * Inside mm/user: what the calls that change a range of areas
 * (mprotect.c, madvise.c) share with mmap.c and fault.c. Callers hold
 * mm->mmap_lock.
 */
#ifndef MM_USER_INTERNAL_H
#define MM_USER_INTERNAL_H

#include "mm_user.h"

/*
 * Make [start, end) (page aligned, start < end) a run of whole areas:
 * split the areas at its edges. 0 and the first area of the run in
 * *first; -ENOMEM if some byte of the range is not mapped (nothing is
 * split then) or a split found no memory.
 */
int vma_isolate(struct mm_struct *mm, uint32_t start, uint32_t end, struct vm_area_struct **first);
/* Join the areas of [start, end) and their neighbours where they have become alike again. */
void vma_merge_range(struct mm_struct *mm, uint32_t start, uint32_t end);
/* handle_mm_fault() with mmap_lock already held (mlock's populate). */
enum vm_fault_result __handle_mm_fault(struct mm_struct *mm, uint32_t addr, unsigned flags);
/*
 * Fault in every page of [start, end) of vma as a first access would
 * (mlock, MAP_SHARED anonymous memory): a page of its own for a writable
 * private area (a shared page copied), the zero page for a read-only one.
 * VM_FAULT_OK, or the first failure.
 */
enum vm_fault_result populate_range(struct mm_struct *mm, struct vm_area_struct *vma,
				    uint32_t start, uint32_t end);

/* Huge areas (huge.c): a fault in one, the teardown of one MB's section, fork's copy. */
enum vm_fault_result hugetlb_fault(struct mm_struct *mm, struct vm_area_struct *vma, uint32_t addr,
				   unsigned flags);
void zap_huge(struct mm_struct *mm, uint32_t mb);
int copy_huge_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);

#endif

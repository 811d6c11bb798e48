/*
 * madvise(): advice on a range of a process's memory. MADV_DONTNEED
 * drops the range's pages: a private anonymous area reads zeros again
 * (its next access faults in the zero page or a fresh page, and the
 * pages freed go back to the allocator), as in Linux. In a shared area
 * the pages stay: Linux's shared anonymous memory keeps its data in the
 * shared object and the next access finds the same page, which is
 * exactly keeping it mapped here. Locked and device areas refuse it
 * (-EINVAL, as Linux), and huge ones here. MADV_NORMAL, RANDOM, SEQUENTIAL and WILLNEED are
 * accepted and change nothing (there is no read-ahead to steer).
 */
#include "errno.h"
#include "mm_user.h"
#include "mm_user_internal.h"
#include "uapi/unistd.h"

static int dontneed(struct mm_struct *mm, uint32_t start, uint32_t end)
{
	struct vm_area_struct *vma = find_vma(mm, start), *v;
	uint32_t covered = start;
	int err = 0;

	/* Checks first, over every area the range touches: all or nothing. */
	for (v = vma; v && &v->list != &mm->mmap && v->vm_start < end;
	     v = list_entry(v->list.next, struct vm_area_struct, list)) {
		if (v->vm_start > covered)
			err = -ENOMEM; /* a hole: the mapped parts still go, as in Linux */
		if (v->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_HUGETLB))
			return -EINVAL;
		covered = v->vm_end;
	}
	if (covered < end)
		err = -ENOMEM;
	for (v = vma; v && &v->list != &mm->mmap && v->vm_start < end;
	     v = list_entry(v->list.next, struct vm_area_struct, list))
		if (!(v->vm_flags & VM_SHARED))
			zap_page_range(mm, max(start, v->vm_start), min(end, v->vm_end), false);
	return err;
}

int do_madvise(struct mm_struct *mm, uint32_t start, uint32_t len, int advice)
{
	uint32_t end;
	int err;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (advice < UAPI_MADV_NORMAL || advice > UAPI_MADV_DONTNEED)
		return -EINVAL;
	if (len > TASK_SIZE || ALIGN(len, PAGE_SIZE) > TASK_SIZE - start)
		return -ENOMEM;
	end = start + ALIGN(len, PAGE_SIZE);
	if (end == start || advice != UAPI_MADV_DONTNEED)
		return 0;
	spin_lock(&mm->mmap_lock);
	err = dontneed(mm, start, end);
	spin_unlock(&mm->mmap_lock);
	return err;
}

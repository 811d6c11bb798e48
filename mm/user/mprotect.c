/*
 * Changing what a range of a process's memory may do: mprotect() (its
 * rights) and mlock()/munlock()/mlockall()/munlockall() (kept in memory).
 * Both split the areas at the range's edges (vma_isolate), change the
 * areas inside, and join neighbours that have become alike again.
 *
 * mprotect rewrites every present entry of the range at once (Linux's
 * change_protection): the new rights, except that a private page is made
 * writable only if this mm alone maps it. A page fork() still shares, and
 * the zero page, stay read-only, and the first write copies them as
 * before. Device areas keep their memory type.
 *
 * mlock makes the range's pages present now, as a first access would
 * (a page of its own for a writable private area, the shared page copied;
 * the zero page for a read-only one), and marks the areas VM_LOCKED:
 * locked memory is never taken away later (memory pressure, issue 17).
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "fs.h"
#include "mm.h"
#include "mm_user.h"
#include "mm_user_internal.h"
#include "page_ref.h"
#include "uapi/unistd.h"

#define PROT_KNOWN (UAPI_PROT_READ | UAPI_PROT_WRITE | UAPI_PROT_EXEC)

/*
 * [start, start + len) as mprotect and mlock take it: start page aligned,
 * len rounded up to pages, the range inside the user range. 0 with *end
 * set (start == *end for len 0), -EINVAL (unaligned) or -ENOMEM (outside
 * the user range or wrapping, as Linux).
 */
static int user_range(uint32_t start, uint32_t len, uint32_t *end)
{
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (len > TASK_SIZE || ALIGN(len, PAGE_SIZE) > TASK_SIZE - start || start < PAGE_SIZE)
		return len ? -ENOMEM : 0;
	*end = start + ALIGN(len, PAGE_SIZE);
	return 0;
}

/* Rewrite the present entries of [start, end) of vma for its (new) rights. */
static void change_protection(struct mm_struct *mm, struct vm_area_struct *vma, uint32_t start,
			      uint32_t end)
{
	/* Encoded once: the attributes are the entry's low 12 bits, the frame the rest. */
	const pte_t rw = mk_small_page(0, vma->vm_page_prot);
	const pte_t ro = mk_small_page(0, vma->vm_page_prot & ~PROT_WRITE);
	const bool shared = vma->vm_flags & (VM_SHARED | VM_PFNMAP);
	const uint32_t zero_pa = page_to_phys(zero_page);

	for (uint32_t a = start, stop; a < end; a = stop) {
		pde_t d = mm->arch.pgd[a >> SECTION_SHIFT];
		pte_t *pte;
		unsigned n;

		stop = min(ALIGN_DOWN(a, SECTION_SIZE) + SECTION_SIZE, end);
		if ((d & L1_TYPE_MASK) == L1_TYPE_SECT) { /* a huge page: its own or shared alike */
			mm->arch.pgd[a >> SECTION_SHIFT] = mk_section(d & SECT_ADDR_MASK,
								      vma->vm_page_prot);
			clean_pt_entry(&mm->arch.pgd[a >> SECTION_SHIFT]);
			continue;
		}
		if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE)
			continue;
		pte = (pte_t *)pt_phys_to_virt(d & L1_TABLE_ADDR_MASK) + ((a >> PAGE_SHIFT) & 0xff);
		n = (stop - a) >> PAGE_SHIFT;
		for (unsigned i = 0; i < n; i++) {
			uint32_t pa = pte[i] & PTE_SMALL_ADDR_MASK;
			bool own;

			if (!pte_present(pte[i]))
				continue; /* nothing, or a swap entry: the fault takes vm_page_prot */
			own = shared ||
			      (pa != zero_pa && page_ref_count(pfn_to_page(pa >> PAGE_SHIFT)) == 1);
			pte[i] = pa | ((own ? rw : ro) & ~PTE_SMALL_ADDR_MASK);
		}
		dcache_clean_range((uintptr_t)pte, (uintptr_t)(pte + n));
	}
}

static int __do_mprotect(struct mm_struct *mm, uint32_t start, uint32_t end, unsigned prot)
{
	struct vm_area_struct *vma;
	int err = vma_isolate(mm, start, end, &vma);

	if (err)
		return err;
	for (; &vma->list != &mm->mmap && vma->vm_start < end;
	     vma = list_entry(vma->list.next, struct vm_area_struct, list)) {
		/* As mmap: a shared writable mapping needs a file opened for writing. */
		if (vma->vm_file && (vma->vm_flags & VM_SHARED) && (prot & UAPI_PROT_WRITE) &&
		    vma->vm_file->flags == UAPI_O_RDONLY)
			return -EACCES;
		vma->vm_flags = (vma->vm_flags & ~VM_ACCESS) | prot;
		/* A device area keeps its memory type (remap_pfn_range's). */
		vma->vm_page_prot = vma->vm_flags & VM_PFNMAP
					    ? (vm_get_page_prot(vma->vm_flags) & ~PROT_MT_MASK) |
						      PROT_MT(vma->vm_page_prot)
					    : vm_get_page_prot(vma->vm_flags);
		change_protection(mm, vma, vma->vm_start, vma->vm_end);
	}
	return 0;
}

int do_mprotect(struct mm_struct *mm, uint32_t start, uint32_t len, unsigned prot)
{
	uint32_t end = start;
	int err;

	if (prot & ~PROT_KNOWN)
		return -EINVAL;
	err = user_range(start, len, &end);
	if (err || end == start)
		return err;
	spin_lock(&mm->mmap_lock);
	err = __do_mprotect(mm, start, end, prot);
	/* Entries of areas changed before a failure changed too: flush and join either way. */
	flush_tlb_user_range(&mm->arch, start, end - start);
	vma_merge_range(mm, start, end);
	spin_unlock(&mm->mmap_lock);
	return err;
}

/* Set (lock) or clear VM_LOCKED on [start, end); a lock populates first. */
static int mlock_range(struct mm_struct *mm, uint32_t start, uint32_t end, bool lock)
{
	struct vm_area_struct *vma;
	int err = vma_isolate(mm, start, end, &vma);

	if (err)
		return err;
	for (; &vma->list != &mm->mmap && vma->vm_start < end;
	     vma = list_entry(vma->list.next, struct vm_area_struct, list)) {
		if (!lock) {
			vma->vm_flags &= ~VM_LOCKED;
			continue;
		}
		if (vma->vm_flags & VM_PFNMAP)
			continue; /* device frames: not memory to lock (Linux skips VM_IO too) */
		if (populate_range(mm, vma, vma->vm_start, vma->vm_end) != VM_FAULT_OK)
			return -ENOMEM; /* Linux's answer when the pages cannot all be had */
		vma->vm_flags |= VM_LOCKED;
	}
	return 0;
}

int do_mlock(struct mm_struct *mm, uint32_t start, uint32_t len, bool lock)
{
	uint32_t end = start;
	int err;

	/* mlock takes any start: the range is every page it touches. */
	len += start & ~PAGE_MASK;
	start &= PAGE_MASK;
	err = user_range(start, len, &end);
	if (err || end == start)
		return err;
	spin_lock(&mm->mmap_lock);
	err = mlock_range(mm, start, end, lock);
	vma_merge_range(mm, start, end);
	spin_unlock(&mm->mmap_lock);
	return err;
}

int do_mlockall(struct mm_struct *mm, unsigned flags, bool lock)
{
	struct vm_area_struct *vma;
	int err = 0;

	if (lock && (!flags || (flags & ~(UAPI_MCL_CURRENT | UAPI_MCL_FUTURE))))
		return -EINVAL;
	spin_lock(&mm->mmap_lock);
	if (!lock || (flags & UAPI_MCL_FUTURE))
		mm->def_flags = lock ? VM_LOCKED : 0;
	if (!lock || (flags & UAPI_MCL_CURRENT)) {
		list_for_each_entry (vma, &mm->mmap, list) {
			err = mlock_range(mm, vma->vm_start, vma->vm_end, lock);
			if (err)
				break;
		}
		vma_merge_range(mm, PAGE_SIZE, TASK_SIZE);
	}
	spin_unlock(&mm->mmap_lock);
	return err;
}

unsigned mm_locked_pages(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned pages = 0;

	spin_lock(&mm->mmap_lock);
	list_for_each_entry (vma, &mm->mmap, list)
		if (vma->vm_flags & VM_LOCKED)
			pages += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	spin_unlock(&mm->mmap_lock);
	return pages;
}

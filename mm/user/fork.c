/*
 * fork()'s half in the mm: dup_mm() copies an address space, sharing every
 * page with the parent instead of copying it (Linux's dup_mmap() and
 * copy_page_range()).
 *
 * Each present entry of the parent is copied into the child's tables and
 * the page it maps gains a mapping (page_ref.h). In a private writable
 * area both entries lose their write permission: the first write on
 * either side faults, and do_wp_page() (fault.c) gives the writer a copy,
 * or the page itself when nobody else maps it any more. Shared areas
 * (MAP_SHARED) keep their entries as they are: both sides write the same
 * pages. Device areas (VM_PFNMAP) copy their entries and count nothing:
 * the frames are the driver's. The zero page is mapped read-only already
 * and never counted.
 *
 * Only entries are copied: untouched ranges cost nothing, and an MB with
 * no L2 table in the parent gets none in the child.
 */
#include "asm/cacheflush.h"
#include "errno.h"
#include "fs.h"
#include "mm.h"
#include "mm_user.h"
#include "mm_user_internal.h"
#include "page_ref.h"
#include "swap.h"
#include "printk.h"
#include "slab.h"

/*
 * Copy the entries of [a, a + n pages) (inside one MB) from src to the
 * child's tables; true if some parent entry lost its write permission.
 * Returns 0 or a negative errno in *err.
 */
static bool copy_pte_run(struct mm_struct *dst_mm, pte_t *src, uint32_t a, unsigned n,
			 unsigned vm_flags, int *err)
{
	/* In locals: each atomic below is a compiler barrier that would reload the globals. */
	const uint32_t zero_pa = page_to_phys(zero_page), first_pfn = mem_map_pfn;
	struct page *const map = mem_map;
	const bool cow = !(vm_flags & VM_SHARED), counted = !(vm_flags & VM_PFNMAP);
	bool wrprotected = false;
	pte_t *dst = NULL;
	unsigned i, copied = 0;

	for (i = 0; i < n; i++) {
		pte_t pte = src[i];

		if (!pte)
			continue;
		if (!dst) {
			/* The child's table, made at the MB's first present entry. */
			dst = pt_l2_entry(&dst_mm->arch, a);
			if (!dst) {
				*err = -ENOMEM;
				break;
			}
		}
		if (unlikely(!pte_present(pte))) {
			/* Out on swap (the only non-zero entry that is not present): the child's names the slot too. */
			if (!swap_duplicate(swp_offset_pte(pte))) {
				*err = -EAGAIN;
				break;
			}
			dst_mm->swapents++;
		} else if (counted && (pte & PTE_SMALL_ADDR_MASK) != zero_pa) {
			if (!page_dup_map(map + ((pte >> PAGE_SHIFT) - first_pfn))) {
				printk("fork: page %08x is mapped %u times already\n",
				       pte & PTE_SMALL_ADDR_MASK, PAGE_COUNT_MAX);
				*err = -EAGAIN;
				break;
			}
			copied++;
			if (cow && pte_write(pte)) {
				pte = pte_wrprotect(pte);
				src[i] = pte;
				wrprotected = true;
			}
		}
		dst[i] = pte;
	}
	dst_mm->rss += copied;
	/* The walkers read the tables from memory: clean what was written. */
	if (dst)
		dcache_clean_range((uintptr_t)dst, (uintptr_t)(dst + i));
	if (wrprotected)
		dcache_clean_range((uintptr_t)src, (uintptr_t)(src + i));
	return wrprotected;
}

/*
 * Copy vma's entries into dst_mm; *flush is set when parent entries lost
 * their write permission (their TLB entries must go).
 */
static int copy_page_range(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			   struct vm_area_struct *vma, bool *flush)
{
	int err = 0;

	for (uint32_t a = vma->vm_start, stop; a < vma->vm_end && !err; a = stop) {
		pde_t d = src_mm->arch.pgd[a >> SECTION_SHIFT];
		pte_t *src;

		stop = min(ALIGN_DOWN(a, SECTION_SIZE) + SECTION_SIZE, vma->vm_end);
		if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE)
			continue; /* nothing mapped in this MB (user pages are small pages) */
		src = (pte_t *)pt_phys_to_virt(d & L1_TABLE_ADDR_MASK) + ((a >> PAGE_SHIFT) & 0xff);
		if (copy_pte_run(dst_mm, src, a, (stop - a) >> PAGE_SHIFT, vma->vm_flags, &err))
			*flush = true;
	}
	return err;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm, int *err)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma;
	bool flush = false;

	*err = -ENOMEM;
	if (!mm)
		return NULL;
	*err = 0;
	spin_lock(&oldmm->mmap_lock);
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->mmap_base = oldmm->mmap_base;
	mm->free_area_cache = oldmm->free_area_cache;
	list_for_each_entry (vma, &oldmm->mmap, list) {
		struct vm_area_struct *new = kmalloc(sizeof(*new), GFP_KERNEL);

		if (!new) {
			*err = -ENOMEM;
			break;
		}
		*new = *vma;
		new->vm_mm = mm;
		if (new->vm_file)
			file_get(new->vm_file); /* the child's mapping holds the file too */
		list_add_tail(&new->list, &mm->mmap);
		if (oldmm->free_area_next == &vma->list)
			mm->free_area_next = &new->list;
		*err = vma->vm_flags & VM_HUGETLB ? copy_huge_range(mm, oldmm, vma)
						  : copy_page_range(mm, oldmm, vma, &flush);
		if (*err)
			break;
	}
	/*
	 * The parent's writable entries are read-only now: no CPU may keep
	 * writing through a TLB entry from before (its ASID, on every CPU).
	 */
	if (flush)
		flush_tlb_user_range(&oldmm->arch, 0, TASK_SIZE);
	spin_unlock(&oldmm->mmap_lock);
	mm->hiwater_rss = mm->rss;
	if (*err) {
		/*
		 * Undo: the teardown drops the mappings taken so far, so every
		 * page's counts are back where they were. The parent's entries
		 * stay read-only; its next write to each finds it mapped once
		 * and takes it back without a copy.
		 */
		mmput(mm);
		return NULL;
	}
	return mm;
}

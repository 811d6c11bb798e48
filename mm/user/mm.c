/*
 * Address spaces: creating and tearing down an mm and switching to one.
 * What the CPU needs of a process table (its ASID, TTBR0, the kernel
 * entries kept in step, TLB flushes) is arch/arm/mmu/context.c's, reached
 * through the arch_aspace every mm carries (asm/mmu_context.h).
 */
#include "asm/mmu_context.h"
#include "fs.h"
#include "kernel.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "slab.h"

#define USER_PGD_ENTRIES (TASK_SIZE >> SECTION_SHIFT) /* the process's own L1 entries */
#define PGD_ORDER        2                            /* 16 KB, 16 KB aligned */

struct page *zero_page;
LIST_HEAD_DEFINE(mmlist);
DEFINE_SPINLOCK(mmlist_lock);
DEFINE_PER_CPU(struct mm_struct *, cpu_active_mm);

uint32_t mm_asid(const struct mm_struct *mm)
{
	return aspace_asid(&mm->arch);
}

void mm_user_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	BUG_ON(!zero_page);
	arch_mm_init();
}

uint32_t mm_total_vm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	uint32_t bytes = 0;

	spin_lock(&mm->mmap_lock);
	list_for_each_entry (vma, &mm->mmap, list)
		bytes += vma->vm_end - vma->vm_start;
	spin_unlock(&mm->mmap_lock);
	return bytes;
}

uint32_t mm_pgtables_bytes(const struct mm_struct *mm)
{
	uint32_t bytes = PAGE_SIZE << PGD_ORDER;

	/* A snapshot: entries change under mmap_lock, but the table itself stays. */
	for (unsigned i = 0; i < USER_PGD_ENTRIES; i++)
		if ((READ_ONCE(mm->arch.pgd[i]) & L1_TYPE_MASK) == L1_TYPE_TABLE)
			bytes += L2_ENTRIES * sizeof(pte_t);
	return bytes;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	struct page *pg;
	uint32_t flags;

	if (!mm)
		return NULL;
	pg = alloc_pages(GFP_KERNEL | __GFP_ZERO, PGD_ORDER);
	if (!pg) {
		kfree(mm);
		return NULL;
	}
	arch_aspace_init(&mm->arch, page_address(pg));
	INIT_LIST_HEAD(&mm->mmap);
	spin_lock_init(&mm->mmap_lock);
	atomic_set(&mm->mm_users, 1);
	mm->mmap_base = USER_MMAP_BASE;
	mm->free_area_cache = USER_MMAP_BASE;
	mm->free_area_next = &mm->mmap; /* no area yet */
	spin_lock_irqsave(&mmlist_lock, flags);
	list_add_tail(&mm->mmlist, &mmlist);
	spin_unlock_irqrestore(&mmlist_lock, flags);
	return mm;
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *tmp;
	uint32_t flags;

	if (atomic_dec_return(&mm->mm_users))
		return;
	/* Out of the walkers' sight before anything goes (compaction's walk holds mmlist_lock). */
	spin_lock_irqsave(&mmlist_lock, flags);
	list_del(&mm->mmlist);
	spin_unlock_irqrestore(&mmlist_lock, flags);
	if (active_mm == mm)
		switch_mm(NULL);
	list_for_each_entry_safe (vma, tmp, &mm->mmap, list) {
		zap_page_range(mm, vma->vm_start, vma->vm_end, vma->vm_flags & VM_PFNMAP);
		if (vma->vm_file)
			file_put(vma->vm_file); /* a mapping holds its file open */
		list_del(&vma->list);
		kfree(vma);
	}
	kfree(mm->vma_spare);
	if (mm->rss || mm->swapents)
		printk("mm: BUG: %u pages and %u swap entries left at teardown\n", mm->rss,
		       mm->swapents);
	for (unsigned i = 0; i < USER_PGD_ENTRIES; i++)
		if (mm->arch.pgd[i])
			printk("mm: BUG: user entry %u (%08x) left at teardown\n", i,
			       mm->arch.pgd[i]);
	__free_pages(virt_to_page(mm->arch.pgd), PGD_ORDER);
	kfree(mm);
}

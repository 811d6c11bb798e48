/*
 * Address spaces: creating and tearing down an mm, switching to one
 * (TTBR0 + ASID), keeping its copy of the kernel's first-level entries in
 * step, and flushing its TLB entries.
 */
#include "asm/cacheflush.h"
#include "asm/cp15.h"
#include "asid.h"
#include "fs.h"
#include "kernel.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "slab.h"
#include "string.h"

#define KERNEL_PGD_FIRST (TASK_SIZE >> SECTION_SHIFT)   /* pkmap and up */
#define PGD_ORDER        2                               /* 16 KB, 16 KB aligned */

struct page *zero_page;
struct mm_struct *active_mm;
uint32_t kernel_pgd_seq;

static struct asid_space asids;
static uint32_t ttb_flags;                  /* TTBR0 walk attributes, as head.S set them */
static LIST_HEAD_DEFINE(all_mms);

/* Every mm is on all_mms through this wrapper, for pgd_to_mm(). */
struct mm_node {
	struct mm_struct mm;
	struct list_head node;
};

static void flush_all_user_tlb(void)
{
	local_flush_tlb_all();
}

/* For tests: a smaller ASID space forces rollovers (the next allocation past it rolls over). */
void asid_set_limit(uint32_t limit)
{
	asid_space_set_limit(&asids, limit);
}

unsigned asid_rollovers(void)
{
	return asids.rollovers;
}

uint32_t mm_asid(const struct mm_struct *mm)
{
	return asid_current(&asids, mm->context_id) ? mm->context_id & ASID_MASK : 0;
}

void mm_user_init(void)
{
	zero_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	BUG_ON(!zero_page);
	asid_space_init(&asids, ASID_MASK, flush_all_user_tlb);
	ttb_flags = read_ttbr0() & 0x7f;
	/*
	 * User mode may read the cycle counter (the user benchmarks do). EN also
	 * lets it write the PMU's controls: a process could stop or reset the
	 * counter; acceptable for a teaching kernel whose counter only times benchmarks.
	 */
	__asm__ volatile("mcr p15, 0, %0, c9, c14, 0" :: "r"(1));   /* PMUSERENR.EN */
}

static void mm_sync_kernel(struct mm_struct *mm)
{
	pde_t *dst = &mm->pgd[KERNEL_PGD_FIRST];

	memcpy(dst, &swapper_pg_dir[KERNEL_PGD_FIRST],
	       (L1_ENTRIES - KERNEL_PGD_FIRST) * sizeof(pde_t));
	dcache_clean_range((uintptr_t)dst, (uintptr_t)&mm->pgd[L1_ENTRIES]);
	mm->kernel_seq = kernel_pgd_seq;
}

/*
 * swapper_pg_dir changed at or above TASK_SIZE (pt_sync_entries): the live
 * table gets the same entries now, the others when they are switched in.
 */
void kernel_pgd_changed(const pde_t *start, const pde_t *end)
{
	kernel_pgd_seq++;
	if (!active_mm)
		return;
	pde_t *dst = active_mm->pgd + (start - swapper_pg_dir);

	memcpy(dst, start, (size_t)(end - start) * sizeof(pde_t));
	dcache_clean_range((uintptr_t)dst, (uintptr_t)(dst + (end - start)));
	active_mm->kernel_seq = kernel_pgd_seq;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_node *n = kzalloc(sizeof(*n), GFP_KERNEL);
	struct page *pg;
	struct mm_struct *mm;

	if (!n)
		return NULL;
	pg = alloc_pages(GFP_KERNEL | __GFP_ZERO, PGD_ORDER);
	if (!pg) {
		kfree(n);
		return NULL;
	}
	mm = &n->mm;
	mm->pgd = page_address(pg);
	INIT_LIST_HEAD(&mm->mmap);
	mm->mmap_base = USER_MMAP_BASE;
	mm_sync_kernel(mm);
	dcache_clean_range((uintptr_t)mm->pgd, (uintptr_t)&mm->pgd[KERNEL_PGD_FIRST]);
	list_add_tail(&n->node, &all_mms);
	return mm;
}

struct mm_struct *pgd_to_mm(const pde_t *pgd)
{
	struct mm_node *n;

	list_for_each_entry(n, &all_mms, node)
		if (n->mm.pgd == pgd)
			return &n->mm;
	return NULL;
}

void mmput(struct mm_struct *mm)
{
	struct mm_node *n = container_of(mm, struct mm_node, mm);
	struct vm_area_struct *vma, *tmp;

	if (active_mm == mm)
		switch_mm(NULL);
	list_for_each_entry_safe(vma, tmp, &mm->mmap, list) {
		zap_page_range(mm, vma->vm_start, vma->vm_end, vma->vm_flags & VM_PFNMAP);
		if (vma->vm_file)
			file_put(vma->vm_file);     /* a mapping holds its file open */
		list_del(&vma->list);
		kfree(vma);
	}
	if (mm->rss)
		printk("mm: BUG: %u pages left at teardown\n", mm->rss);
	for (unsigned i = 0; i < KERNEL_PGD_FIRST; i++)
		if (mm->pgd[i])
			printk("mm: BUG: user entry %u (%08x) left at teardown\n", i, mm->pgd[i]);
	list_del(&n->node);
	__free_pages(virt_to_page(mm->pgd), PGD_ORDER);
	kfree(n);
}

void switch_mm(struct mm_struct *next)
{
	uint32_t asid = 0;

	if (next == active_mm)
		return;
	if (next && next->kernel_seq != kernel_pgd_seq)
		mm_sync_kernel(next);
	/*
	 * TTBR0 and the ASID cannot change together. Go through swapper_pg_dir,
	 * which maps nothing below TASK_SIZE and only global entries above it,
	 * so that no walk made in between can tag a user entry with the wrong
	 * ASID (ARM ARM B3.10.4, "Synchronization of changes of ASID and TTBR").
	 * The new ASID is taken only now: a rollover's TLB flush must not run
	 * while the old table is live, or a speculative walk could refill it
	 * with entries under an ASID about to be handed to another mm.
	 */
	dsb();
	write_ttbr0(__pa(swapper_pg_dir) | ttb_flags);
	isb();
	if (next)
		asid = asid_get(&asids, &next->context_id);
	write_contextidr(asid);
	isb();
	if (next) {
		write_ttbr0(__pa(next->pgd) | ttb_flags);
		isb();
	}
	bp_inval_all();     /* predictions made for the old address space */
	isb();
	active_mm = next;
}

void flush_tlb_user_range(struct mm_struct *mm, uint32_t va, uint32_t size)
{
	/* No entry can carry an ASID from an older generation. */
	if (asid_current(&asids, mm->context_id))
		local_flush_tlb_user_range(va, va + size, mm->context_id & ASID_MASK);
}

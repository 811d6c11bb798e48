/*
 * User address spaces: mm_struct, vm_area_struct and the calls on them,
 * with Linux's names and meanings.
 *
 * A process owns [0, TASK_SIZE) through its own first-level table; the
 * entries from TASK_SIZE up are copies of swapper_pg_dir's (global kernel
 * mappings, kept in step by arch/arm/mmu/context.c). User mappings are not
 * global: they are tagged with the mm's ASID. The table and its ASID are
 * the mm's arch_aspace (asm/pgtable.h), which it hands to the page-table
 * calls and to the switch.
 *
 * The areas of an mm are kept sorted by address on mm->mmap (a list: a
 * process here has a handful). Anonymous areas (heap, stack, MAP_ANONYMOUS)
 * are demand paged: the first read maps the shared zero page read-only,
 * the first write gives the process its own zeroed page. Device areas
 * (VM_PFNMAP) are filled by the driver's mmap with remap_pfn_range() and
 * their frames are never freed by the mm.
 *
 * Locking: mm->mmap_lock (a spinlock: nothing here sleeps; Linux's is a
 * read-write semaphore) guards the areas, the page tables below TASK_SIZE
 * and rss. do_mmap, do_munmap, do_brk and handle_mm_fault take it
 * themselves, so a fault on one CPU and an munmap of the same mm on
 * another are serialised; a caller of find_vma, vma_create or
 * zap_page_range on an mm others may use holds it. Never taken in an
 * interrupt handler. mm_alloc'ed mms nobody else sees yet (exec) and
 * mmput's teardown need no lock.
 */
#ifndef MM_USER_H
#define MM_USER_H

#include "asm/memory.h"
#include "asm/mmu.h"
#include "asm/mmu_context.h"
#include "atomic.h"
#include "list.h"
#include "smp.h"
#include "spinlock.h"

#define VM_READ      0x0001u
#define VM_WRITE     0x0002u
#define VM_EXEC      0x0004u
#define VM_SHARED    0x0008u
#define VM_IO        0x0100u /* device memory */
#define VM_PFNMAP    0x0200u /* raw frames: no struct page is owned */
#define VM_GROWSDOWN 0x0400u /* the stack (reported as such) */
#define VM_LOCKED    0x2000u /* mlock: faulted in, never taken away */
#define VM_HUGETLB   0x4000u /* MAP_HUGETLB: 1 MB sections from the huge page pool */
#define VM_ACCESS    (VM_READ | VM_WRITE | VM_EXEC)

struct file;
struct mm_struct;

struct vm_area_struct {
	struct list_head list; /* on mm->mmap, sorted by vm_start */
	struct mm_struct *vm_mm;
	uint32_t vm_start, vm_end; /* [vm_start, vm_end), page aligned */
	unsigned vm_flags;
	pgprot_t vm_page_prot; /* what a present page of the area is mapped with */
	uint32_t vm_pgoff;     /* offset in the file or device, in pages */
	struct file *vm_file;  /* NULL for anonymous memory */
	const char *name;      /* "[heap]", "[stack]", "hello:text", "/dev/led" ... */
};

struct mm_struct {
	struct arch_aspace arch;           /* 16 KB first-level table (lowmem) and ASID */
	struct list_head mmap;             /* areas, sorted */
	struct vm_area_struct *mmap_cache; /* last area find_vma() found */
	struct vm_area_struct *vma_spare;  /* one freed area kept for the next (mmap.c) */
	uint32_t start_code, end_code, start_brk, brk, start_stack;
	uint32_t mmap_base; /* where get_unmapped_area() starts looking */
	/* No byte of [mmap_base, free_area_cache) is free; free_area_next: first area ending above. */
	uint32_t free_area_cache;
	struct list_head *free_area_next;
	unsigned
		rss; /* pages this mm maps of its own or shared (not the zero page, not device frames) */
	unsigned hiwater_rss;  /* the most rss has been (VmHWM) */
	unsigned def_flags;    /* given to every new area: VM_LOCKED after mlockall(MCL_FUTURE) */
	unsigned swapents;     /* its page table entries that name a swap slot (VmSwap) */
	uint32_t swap_address; /* where reclaim's next scan of it starts (mm/user/vmscan.c) */
	spinlock_t mmap_lock;
	atomic_t mm_users;       /* references: the process, and whoever else holds one (mmget) */
	struct list_head mmlist; /* on mmlist, from mm_alloc() to the last mmput() */
};

/*
 * Every mm, for the walks that must find every page table entry mapping a
 * page (there is no reverse map: compaction, mm/compaction.c, and
 * reclaim, mm/user/vmscan.c). Linked by
 * mm_alloc(), unlinked by the last mmput() before its teardown, both under
 * mmlist_lock; a walker holding mmlist_lock may take an mm's mmap_lock
 * (by spin_trylock only) and finds its tables whole.
 */
extern struct list_head mmlist;
extern spinlock_t mmlist_lock;

/* User layout (docs/user-space.md). */
#define USER_TEXT_START 0x00010000u /* programs are linked here; below it nothing is mapped */
#define USER_MMAP_BASE  0x40000000u
#define USER_STACK_TOP  0xBF000000u
#define USER_STACK_SIZE (128u << 10)
#define USER_BRK_MAX    (64u << 20) /* the heap may grow this far past its start */

/* The shared zero page every untouched anonymous page reads through. */
extern struct page *zero_page;

/* Boot: zero page, then arch_mm_init() (ASIDs, user access to the cycle counter). */
void mm_user_init(void);

/* A new address space with the kernel entries copied and no user mappings. */
struct mm_struct *mm_alloc(void);
/* Another reference to mm: it stays until the matching mmput(). */
static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}
/* Another reference unless the last one is gone already (teardown has begun): Linux's name. */
static inline bool mmget_not_zero(struct mm_struct *mm)
{
	for (int users = atomic_read(&mm->mm_users); users;) {
		int seen = atomic_cmpxchg(&mm->mm_users, users, users + 1);

		if (seen == users)
			return true;
		users = seen;
	}
	return false;
}
/*
 * Drop a reference; the last one unmaps everything and frees the pages,
 * tables and the mm (it must not be live on any CPU by then).
 */
void mmput(struct mm_struct *mm);
/*
 * fork(): a copy of oldmm sharing every page with copy-on-write (fork.c).
 * NULL and *err (-ENOMEM, or -EAGAIN when a page is mapped too many times
 * to share once more) if it cannot be made; nothing is left behind then.
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm, int *err);
/* Per CPU, the mm whose tables are live there, or NULL. */
extern DEFINE_PER_CPU(struct mm_struct *, cpu_active_mm);
#define active_mm this_cpu(cpu_active_mm)
/* Make next's tables live (switch_aspace: TTBR0 + ASID); NULL means kernel only. */
static inline void switch_mm(struct mm_struct *next)
{
	if (next == active_mm)
		return;
	switch_aspace(next ? &next->arch : NULL);
	active_mm = next;
}
/*
 * Reclaim (mm/user/vmscan.c): free up to nr_pages pages, first from the
 * caches' shrinkers (include/shrinker.h), then by taking anonymous pages
 * out of processes' page tables onto the swap device (none without one);
 * the pages freed. Process context, no lock held (kswapd, or the OOM path
 * before it chooses a victim).
 */
unsigned try_to_free_pages(unsigned nr_pages, bool kswapd);
/*
 * Make every present entry of mm's swappable areas old (Linux's
 * /proc/PID/clear_refs): the user's next touch of each page faults and
 * makes it young again, and reclaim takes the pages still old first.
 * How many entries were young. Takes mmap_lock.
 */
unsigned mm_clear_refs(struct mm_struct *mm);
/* Once swap is on: the page allocator's failing allocations reclaim too (set_direct_reclaim). */
void vmscan_init(void);
struct reclaim_stats {
	uint32_t pgscan_kswapd, pgscan_direct;   /* entries looked at */
	uint32_t pgsteal_kswapd, pgsteal_direct; /* pages freed */
	uint32_t kswapd_wakeups;
	uint32_t pgdeactivate; /* young entries reclaim made old */
	uint32_t pgactivate;   /* old entries the user touched again (the fault) */
};
extern struct reclaim_stats reclaim_stats;

/* Bytes of all its areas (VmSize, the OOM report's total-vm); takes mmap_lock. */
uint32_t mm_total_vm(struct mm_struct *mm);
/* Bytes of its page tables: the first-level table and each L2 table (VmPTE, pgtables_bytes). */
uint32_t mm_pgtables_bytes(const struct mm_struct *mm);
/* The mm's ASID if it has a current one, else 0 (asid_rollovers(), asid_set_limit(): asm/mmu_context.h). */
uint32_t mm_asid(const struct mm_struct *mm);

/* ---- areas (mm/user/mmap.c) ---- */
/* The first area with vm_end > addr, or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint32_t addr);
/* A free range of len bytes: at hint if it fits there, else the first gap from mmap_base. */
uint32_t get_unmapped_area(struct mm_struct *mm, uint32_t hint, uint32_t len);
/* Add an area; -EINVAL if it overlaps another or leaves the user range. */
struct vm_area_struct *vma_create(struct mm_struct *mm, uint32_t start, uint32_t end,
				  unsigned flags, const char *name, int *err);
/* mmap for the system call: returns the address or a negative errno. */
long do_mmap(struct mm_struct *mm, uint32_t addr, uint32_t len, unsigned prot, unsigned flags,
	     struct file *file, uint32_t pgoff);
/* Unmap [start, start+len): areas are split at the edges, pages freed. */
int do_munmap(struct mm_struct *mm, uint32_t start, uint32_t len);
/* Move the end of the heap; returns the new end (or the old one when refused). */
uint32_t do_brk(struct mm_struct *mm, uint32_t new_brk);
/* How a page of an area with these VM_ flags is mapped (write: the page is private and writable). */
pgprot_t vm_get_page_prot(unsigned vm_flags);
/* mprotect(): new rights for [start, start+len); 0 or -EINVAL, -ENOMEM (not all mapped), -EACCES. */
int do_mprotect(struct mm_struct *mm, uint32_t start, uint32_t len, unsigned prot);
/* mlock() (lock) or munlock() of the pages [start, start+len) touches; 0 or a negative errno. */
int do_mlock(struct mm_struct *mm, uint32_t start, uint32_t len, bool lock);
/* mlockall(flags) (lock) or munlockall(); 0 or a negative errno. */
int do_mlockall(struct mm_struct *mm, unsigned flags, bool lock);
/* Pages in locked areas (VmLck). */
unsigned mm_locked_pages(struct mm_struct *mm);
/*
 * mremap(): [addr, addr + old_len) (inside one area) made new_len long:
 * shrunk or grown in place, or with MREMAP_MAYMOVE moved (its entries
 * moved, no page copied). The address, or -EINVAL, -EFAULT, -ENOMEM.
 */
long do_mremap(struct mm_struct *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
	       unsigned flags);
/* madvise(); 0 or a negative errno. */
int do_madvise(struct mm_struct *mm, uint32_t start, uint32_t len, int advice);
/* The areas as /proc/<pid>/maps shows them, into m (caller holds mmap_lock or owns mm). */
struct seq_file;
void show_map_vmas(struct seq_file *m, struct mm_struct *mm);
/*
 * Check the areas of mm (the caller holds mmap_lock or owns mm): sorted,
 * non-empty, non-overlapping, inside the user range, and the
 * caches (mmap_cache, vma_spare, the free-area cache) against a walk of
 * the list. Prints each problem; returns how many there were.
 */
unsigned vma_check(struct mm_struct *mm);

/* ---- pages (mm/user/memory.c) ---- */
/* Map frames [pfn, pfn + size/4K) at addr in vma; the area becomes VM_IO | VM_PFNMAP. */
int remap_pfn_range(struct vm_area_struct *vma, uint32_t addr, uint32_t pfn, uint32_t size,
		    pgprot_t prot);
/* Unmap [start, end) of the mm's tables, freeing the pages no other mm maps; returns pages freed. */
unsigned __zap_page_range(struct mm_struct *mm, uint32_t start, uint32_t end, bool pfnmap);
static inline unsigned zap_page_range(struct mm_struct *mm, uint32_t start, uint32_t end,
				      bool pfnmap)
{
	/*
	 * A range inside one MB whose L1 entry is empty has nothing mapped
	 * (neither a page table nor a huge page's section): an area that was
	 * never touched, often the whole of an munmap. Nothing to clear, and no TLB
	 * entry to flush on any CPU: the MMU caches only valid translations,
	 * and when the MB's last table went, free_l2() flushed the whole MB
	 * (by ASID, on every CPU) before freeing it. The caller holds
	 * mmap_lock, under which alone a user L1 entry changes.
	 */
	if (!((start ^ (end - 1)) >> SECTION_SHIFT) && !mm->arch.pgd[start >> SECTION_SHIFT])
		return 0;
	return __zap_page_range(mm, start, end, pfnmap);
}

/* ---- faults (mm/user/fault.c) ---- */
enum vm_fault_result {
	VM_FAULT_OK,
	VM_FAULT_SIGSEGV,
	VM_FAULT_OOM,
	VM_FAULT_SIGBUS /* the page's data cannot be had (a swap read failed) */
};
/*
 * What a fault was, as the architecture's fault handler decodes it from
 * the hardware's fault status (arch/arm/kernel/traps.c). A fault that is
 * neither a translation nor a permission fault (alignment, domain, an
 * external abort) is never resolved, only counted.
 */
#define FAULT_FLAG_WRITE       0x01u /* a write (else a read or a fetch) */
#define FAULT_FLAG_INSTRUCTION 0x02u /* an instruction fetch */
#define FAULT_FLAG_USER        0x04u /* from user mode (else a copy_*_user()) */
#define FAULT_FLAG_TRANSLATION 0x08u /* nothing was mapped at the address */
#define FAULT_FLAG_PERMISSION  0x10u /* a mapping was there but forbade the access */
/* Resolve a fault on a user address; VM_FAULT_OK when the access can be retried. */
enum vm_fault_result handle_mm_fault(struct mm_struct *mm, uint32_t addr, unsigned flags);
/* Faults resolved so far, by kind (tests read them). */
struct mm_fault_stats {
	unsigned zero_maps;   /* first reads: zero page mapped */
	unsigned anon_pages;  /* first writes: a zeroed page allocated */
	unsigned cow_zero;    /* writes after a read: zero page replaced */
	unsigned cow_copies;  /* writes to a page shared by fork: copied */
	unsigned cow_reuse;   /* writes to a page fork shared, mapped once by now: kept */
	unsigned huge_faults; /* first touches of a huge page's MB: a section mapped */
	unsigned swapins;     /* swap entries: the page back from the swap cache or the disk */
	unsigned bad;         /* outside every area or against its rights */
};
extern struct mm_fault_stats mm_fault_stats;

#endif

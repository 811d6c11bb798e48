/*
 * fork, copy-on-write, wait4 and execve, judged by the hardware and by
 * exact counts: both processes' tables walked and the MMU asked (ATS1CUR
 * and ATS1CUW with each one's tables live) at every checkpoint of
 * user/cow.c (tests/target/gate.h), every shared page's reference and map
 * counts, and the free pages, files and tasks back exactly where they
 * were. The user programs check the data each side sees.
 */
#include "board.h"
#include "cmdline.h"
#include "errno.h"
#include "fs.h"
#include "hugetlb.h"
#include "mm.h"
#include "mm_user.h"
#include "page_ref.h"
#include "sched.h"
#include "timer.h"
#include "gate.h"
#include "test_util.h"
#include "uapi/unistd.h"
#include "ktest.h"

#define COW_RUN       0 /* user/cow.c */
#define COW_FORK_FAIL 1
#define COW_PAGES     4
#define RUN_WAIT      0 /* user/procs.c */
#define RUN_EXEC      1
#define RUN_ORPHAN    2
#define RUN_STORM     3
#define RUN_KILLWAIT  4
#define VM_SHARED_RUN 0 /* user/vmops.c */
#define VM_MPROTECT   1
#define VM_MADVISE    2
#define VM_MLOCK      3
#define VM_HUGE       4
#define VM_MREMAP     5
#define VM_DEVFORK    6

/* The child of parent (its first one, by pid), or 0. */
static int child_of(int parent)
{
	struct task_info ti;

	for (int pid = task_next_pid(parent); pid > 0; pid = task_next_pid(pid))
		if (!task_info_get(pid, &ti, NULL) && ti.ppid == parent)
			return pid;
	return 0;
}

static struct page *page_at(struct mm_struct *mm, uint32_t va)
{
	struct pt_walk w;
	uint32_t pa = walk_pa(mm, va, &w);

	return pa == ~0u ? NULL : pfn_to_page(pa >> PAGE_SHIFT);
}

static void fork_shares_pages_copy_on_write(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), zero_pa = page_to_phys(zero_page);
	unsigned files0 = files_open, tasks0 = nr_tasks();
	uint32_t base = USER_MMAP_BASE, orig[COW_PAGES], cpa0;
	struct mm_struct *cmm;
	struct task_info ti;
	struct task_struct *p;
	struct pt_walk w;
	int err, cpid;

	gate_init();
	p = process_create("cow", COW_RUN, 0, &err);
	KASSERT_TRUE(t, p);
	KASSERT_TRUE(t, gate_wait(p->pid));
	cpid = child_of(p->pid);
	KASSERT_TRUE(t, cpid > 0);
	KASSERT_TRUE(t, gate_wait(cpid));
	KASSERT_EQ(t, task_info_get(cpid, &ti, &cmm), 0);
	KASSERT_TRUE(t, cmm);

	/*
	 * A: pages 0 and 1 shared, read-only on both sides; the zero page as
	 * it was; page 2, which the parent wrote at once, the parent's copy
	 * (writable) and the child's original.
	 */
	KEXPECT_EQ(t, cmm->rss, p->mm->rss);
	orig[2] = walk_pa(cmm, base + 2 * PAGE_SIZE, &w);
	KEXPECT_EQ(t, page_mapcount(pfn_to_page(orig[2] >> PAGE_SHIFT)), 1);
	KEXPECT_TRUE(t, walk_pa(p->mm, base + 2 * PAGE_SIZE, &w) != orig[2]);
	KEXPECT_EQ(t, user_ats(p->mm, base + 2 * PAGE_SIZE, true),
		   walk_pa(p->mm, base + 2 * PAGE_SIZE, &w));
	KEXPECT_EQ(t, user_ats(cmm, base + 2 * PAGE_SIZE, true), ~0u);
	for (unsigned i = 0; i < COW_PAGES; i++) {
		uint32_t va = base + i * PAGE_SIZE;

		if (i == 2)
			continue;
		orig[i] = walk_pa(p->mm, va, &w);
		KEXPECT_EQ(t, walk_pa(cmm, va, &w), orig[i]);
		KEXPECT_EQ(t, user_ats(p->mm, va, false), orig[i]);
		KEXPECT_EQ(t, user_ats(cmm, va, false), orig[i]);
		KEXPECT_EQ(t, user_ats(p->mm, va, true), ~0u);
		KEXPECT_EQ(t, user_ats(cmm, va, true), ~0u);
		if (i == 3) {
			KEXPECT_EQ(t, orig[i], zero_pa);
			continue;
		}
		KEXPECT_NE(t, orig[i], zero_pa);
		KEXPECT_EQ(t, page_mapcount(page_at(p->mm, va)), 2);
		KEXPECT_EQ(t, page_ref_count(page_at(p->mm, va)), 2);
	}

	/* B: the child wrote page 0: a copy of its own, writable; the parent's is mapped once. */
	gate_open(cpid);
	KASSERT_TRUE(t, gate_wait(cpid));
	cpa0 = walk_pa(cmm, base, &w);
	KEXPECT_TRUE(t, cpa0 != orig[0] && cpa0 != ~0u && cpa0 != zero_pa);
	KEXPECT_EQ(t, user_ats(cmm, base, true), cpa0);
	KEXPECT_EQ(t, page_mapcount(page_at(cmm, base)), 1);
	KEXPECT_EQ(t, walk_pa(p->mm, base, &w), orig[0]);
	KEXPECT_EQ(t, user_ats(p->mm, base, true), ~0u); /* not until it writes */
	KEXPECT_EQ(t, page_mapcount(pfn_to_page(orig[0] >> PAGE_SHIFT)), 1);
	KEXPECT_EQ(t, page_mapcount(pfn_to_page(orig[1] >> PAGE_SHIFT)), 2);
	mmput(cmm); /* before it ends: its pages must go with it */

	/* C: the child ended; the parent wrote pages 0 and 1: both its own again, no copy. */
	gate_open(cpid);
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid));
	for (unsigned i = 0; i < 2; i++) {
		uint32_t va = base + i * PAGE_SIZE;

		KEXPECT_EQ(t, walk_pa(p->mm, va, &w), orig[i]);
		KEXPECT_EQ(t, user_ats(p->mm, va, true), orig[i]);
		KEXPECT_EQ(t, page_ref_count(pfn_to_page(orig[i] >> PAGE_SHIFT)), 1);
	}
	gate_open(p->pid);
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_EQ(t, nr_tasks(), tasks0);
	KEXPECT_EQ(t, files_open, files0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/*
 * A fork that fails part way (a page shared too many times to share once
 * more) takes back every mapping it made: the counts of the pages it had
 * shared already, the child's tables, task and stack.
 */
static void fork_failure_leaves_nothing(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base = USER_MMAP_BASE, free1;
	unsigned files0 = files_open, tasks0 = nr_tasks();
	struct page *pages[3];
	struct task_struct *p;
	int err;

	gate_init();
	p = process_create("cow", COW_FORK_FAIL, 0, &err);
	KASSERT_TRUE(t, p);
	KASSERT_TRUE(t, gate_wait(p->pid)); /* X */
	for (unsigned i = 0; i < 3; i++) {
		pages[i] = page_at(p->mm, base + i * PAGE_SIZE);
		KASSERT_TRUE(t, pages[i]);
		KEXPECT_EQ(t, atomic_read(&pages[i]->_counts), PAGE_MAP_ONE);
	}
	/* Page 2 held as often as a page may be: fork must refuse to share it. */
	atomic_add((PAGE_COUNT_MAX - 1) * PAGE_REF_ONE, &pages[2]->_counts);
	free1 = settled_free_pages();
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid)); /* Y: fork said -EAGAIN */
	KEXPECT_EQ(t, atomic_read(&pages[0]->_counts), PAGE_MAP_ONE);
	KEXPECT_EQ(t, atomic_read(&pages[1]->_counts), PAGE_MAP_ONE);
	KEXPECT_EQ(t, page_ref_count(pages[2]), PAGE_COUNT_MAX);
	KEXPECT_EQ(t, page_mapcount(pages[2]), 1);
	KEXPECT_PTR_EQ(t, page_at(p->mm, base), pages[0]); /* written again: no copy */
	KEXPECT_EQ(t, user_ats(p->mm, base, true), page_to_phys(pages[0]));
	KEXPECT_EQ(t, settled_free_pages(), free1);
	KEXPECT_EQ(t, nr_tasks(), tasks0 + 1);
	atomic_sub((PAGE_COUNT_MAX - 1) * PAGE_REF_ONE, &pages[2]->_counts);
	gate_open(p->pid);
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_EQ(t, files_open, files0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void wait4_reports_and_refuses(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned tasks0 = nr_tasks();

	KEXPECT_EQ(t, run_program("procs", RUN_WAIT, 0), 0);
	KEXPECT_EQ(t, nr_tasks(), tasks0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void execve_replaces_the_program(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned files0 = files_open, tasks0 = nr_tasks();

	/* The process ends as args, with argv {"args", "one", "two"}: 3 * 10 + 10. */
	KEXPECT_EQ(t, run_program("procs", RUN_EXEC, 0), 40);
	KEXPECT_EQ(t, nr_tasks(), tasks0);
	KEXPECT_EQ(t, files_open, files0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/* A child whose parent ended first goes to the reaper (here the boot thread), which collects it. */
static void orphans_go_to_the_reaper(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned tasks0 = nr_tasks();
	struct task_info ti;
	struct task_struct *p;
	int err, cpid, status = -1;

	gate_init();
	p = process_create("procs", RUN_ORPHAN, 0, &err);
	KASSERT_TRUE(t, p);
	KEXPECT_EQ(t, task_wait(p), 0);
	cpid = last_exit.pid + 1;
	KASSERT_EQ(t, task_info_get(cpid, &ti, NULL), 0);
	KEXPECT_EQ(t, ti.ppid, current->pid);
	KASSERT_TRUE(t, gate_wait(cpid));
	gate_open(cpid);
	KEXPECT_EQ(t, do_wait(-1, &status, 0), cpid);
	KEXPECT_EQ(t, status, UAPI_W_EXITCODE(5));
	KEXPECT_EQ(t, do_wait(-1, &status, UAPI_WNOHANG), -ECHILD);
	KEXPECT_EQ(t, nr_tasks(), tasks0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/* Start vmops run `run` and wait for it at its first checkpoint. */
static struct task_struct *vmops(struct ktest *t, int run)
{
	struct task_struct *p;
	int err;

	gate_init();
	p = process_create("vmops", run, 0, &err);
	KEXPECT_TRUE(t, p);
	if (p && !gate_wait(p->pid)) {
		KEXPECT_TRUE(t, !"vmops reached its checkpoint");
		task_wait(p);
		return NULL;
	}
	return p;
}

/* Let p go from its last checkpoint to its end: 0 failed checks, everything given back. */
static void vmops_end(struct ktest *t, struct task_struct *p, uint32_t free0)
{
	gate_open(p->pid);
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/* MAP_SHARED | MAP_ANONYMOUS: the same pages, writable, on both sides of a fork. */
static void shared_anonymous_memory_across_fork(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base = USER_MMAP_BASE, pa;
	struct mm_struct *cmm;
	struct task_info ti;
	struct task_struct *p = vmops(t, VM_SHARED_RUN);
	struct pt_walk w;
	int cpid;

	if (!p)
		return;
	cpid = child_of(p->pid);
	KASSERT_TRUE(t, cpid > 0 && gate_wait(cpid));
	KASSERT_EQ(t, task_info_get(cpid, &ti, &cmm), 0);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t va = base + i * PAGE_SIZE;

		pa = walk_pa(p->mm, va, &w); /* present from mmap on, never the zero page */
		KEXPECT_TRUE(t, pa != ~0u && pa != page_to_phys(zero_page));
		KEXPECT_EQ(t, walk_pa(cmm, va, &w), pa);
		KEXPECT_EQ(t, user_ats(p->mm, va, true), pa);
		KEXPECT_EQ(t, user_ats(cmm, va, true), pa);
		KEXPECT_EQ(t, page_mapcount(pfn_to_page(pa >> PAGE_SHIFT)), 2);
	}
	/*
	 * The private page beside it: shared for now, read-only on both sides,
	 * though the parent has just made it read-write with mprotect.
	 */
	KEXPECT_EQ(t, user_ats(p->mm, base + 4 * PAGE_SIZE, true), ~0u);
	KEXPECT_EQ(t, user_ats(cmm, base + 4 * PAGE_SIZE, true), ~0u);
	mmput(cmm);
	gate_open(cpid);
	vmops_end(t, p, free0);
}

/* The areas of p's mm that overlap [start, end). */
static unsigned areas_in(struct ktest *t, struct task_struct *p, uint32_t start, uint32_t end)
{
	struct vm_area_struct *vma;
	unsigned n = 0;

	spin_lock(&p->mm->mmap_lock);
	list_for_each_entry (vma, &p->mm->mmap, list)
		n += vma->vm_start < end && vma->vm_end > start;
	KEXPECT_EQ(t, vma_check(p->mm), 0); /* the caches too, after the splits and merges */
	spin_unlock(&p->mm->mmap_lock);
	return n;
}

static void mprotect_splits_merges_and_faults(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base = USER_MMAP_BASE;
	struct task_struct *p = vmops(t, VM_MPROTECT);
	struct pt_walk w;

	if (!p)
		return;
	KEXPECT_EQ(t, areas_in(t, p, base, base + 8 * PAGE_SIZE), 3);
	KEXPECT_EQ(t, find_vma(p->mm, base)->vm_end, base + 2 * PAGE_SIZE);
	KEXPECT_EQ(t, find_vma(p->mm, base + 2 * PAGE_SIZE)->vm_end, base + 6 * PAGE_SIZE);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t va = base + i * PAGE_SIZE, pa = walk_pa(p->mm, va, &w);

		KEXPECT_EQ(t, user_ats(p->mm, va, false), pa);
		KEXPECT_EQ(t, user_ats(p->mm, va, true), i < 2 ? pa : ~0u);
	}
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid));
	KEXPECT_EQ(t, areas_in(t, p, base, base + 8 * PAGE_SIZE), 1);
	KEXPECT_EQ(t, find_vma(p->mm, base)->vm_end, base + 8 * PAGE_SIZE);
	/* Read-write again: its own pages are writable at once, without a fault. */
	KEXPECT_EQ(t, user_ats(p->mm, base + 3 * PAGE_SIZE, true),
		   walk_pa(p->mm, base + 3 * PAGE_SIZE, &w));
	vmops_end(t, p, free0);
}

static void madvise_dontneed_gives_pages_back(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base = USER_MMAP_BASE, free1;
	struct task_struct *p = vmops(t, VM_MADVISE);
	struct pt_walk w;
	unsigned rss;

	if (!p)
		return;
	rss = p->mm->rss;
	free1 = settled_free_pages();
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid));
	KEXPECT_EQ(t, p->mm->rss, rss - 4);
	KEXPECT_EQ(t, settled_free_pages(), free1 + 4);
	for (unsigned i = 0; i < 4; i++)
		KEXPECT_EQ(t, walk_pa(p->mm, base + i * PAGE_SIZE, &w), ~0u);
	vmops_end(t, p, free0);
}

static void mlock_faults_in_and_counts(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base = USER_MMAP_BASE;
	struct task_struct *p = vmops(t, VM_MLOCK);
	struct vm_area_struct *vma;
	struct pt_walk w;
	unsigned all = 0, present = 0;

	if (!p)
		return;
	for (unsigned i = 0; i < 8; i++) {
		uint32_t va = base + i * PAGE_SIZE, pa = walk_pa(p->mm, va, &w);

		if (i >= 4) {
			KEXPECT_EQ(t, pa, ~0u);
			continue;
		}
		KEXPECT_TRUE(t, pa != ~0u && pa != page_to_phys(zero_page));
		KEXPECT_EQ(t, user_ats(p->mm, va, true), pa);
	}
	KEXPECT_EQ(t, mm_locked_pages(p->mm), 4);
	KEXPECT_EQ(t, areas_in(t, p, base, base + 8 * PAGE_SIZE), 2);
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid)); /* mlockall(MCL_CURRENT | MCL_FUTURE), a new mmap */
	list_for_each_entry (vma, &p->mm->mmap, list)
		for (uint32_t va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
			all++;
			present += walk_pa(p->mm, va, &w) != ~0u;
		}
	KEXPECT_EQ(t, present, all);
	KEXPECT_EQ(t, mm_locked_pages(p->mm), all);
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid)); /* munlockall */
	KEXPECT_EQ(t, mm_locked_pages(p->mm), 0);
	vmops_end(t, p, free0);
}

/*
 * MAP_HUGETLB: one section per MB (the walker and the MMU agree), the
 * pool's count, a private huge page copied for a forked child, and the
 * extremes (half a section, more than the pool). The pool is made here
 * if the boot gave none (hugepages=N) and given back after.
 */
static void huge_pages_map_sections(struct ktest *t)
{
	unsigned total, free, added = 0, free_before;
	uint32_t free0, base = 0;
	struct vm_area_struct *vma;
	struct task_struct *p;
	struct pt_walk w;

	char arg[16];
	uint64_t asked;

	hugetlb_counts(&total, &free);
	/* hugepages=N at boot: the pool has all N (the boards given it have the room). */
	if (cmdline_value("hugepages", arg, sizeof(arg)) && parse_size(arg, &asked))
		KEXPECT_EQ(t, total, asked);
	if (free < 2)
		added = hugetlb_reserve(2 - free);
	hugetlb_counts(&total, &free_before);
	if (free_before < 2) {
		hugetlb_shrink(added);
		ktest_skip(t, "no two free 1 MB blocks for the huge page pool");
		return;
	}
	free0 = settled_free_pages();
	p = vmops(t, VM_HUGE);
	if (!p)
		goto out;
	list_for_each_entry (vma, &p->mm->mmap, list)
		if (vma->vm_flags & VM_HUGETLB)
			base = vma->vm_start;
	KASSERT_TRUE(t, base);
	KEXPECT_EQ(t, walk_pa(p->mm, base, &w) & (HPAGE_SIZE - 1), 0);
	KEXPECT_EQ(t, w.kind, PT_SECTION);
	KEXPECT_EQ(t, user_ats(p->mm, base, true), (uint32_t)w.pa);
	KEXPECT_EQ(t, user_ats(p->mm, base + HPAGE_SIZE - 1, true),
		   (uint32_t)w.pa + HPAGE_SIZE - 1);
	KEXPECT_EQ(t, page_mapcount(pfn_to_page((uint32_t)w.pa >> PAGE_SHIFT)), 1);
	KEXPECT_EQ(t, walk_pa(p->mm, base + HPAGE_SIZE, &w), ~0u);
	hugetlb_counts(&total, &free);
	KEXPECT_EQ(t, free, free_before - 1);
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid));
	hugetlb_counts(&total, &free);
	KEXPECT_EQ(t, free, free_before);
	vmops_end(t, p, free0);
out:
	KEXPECT_EQ(t, hugetlb_shrink(added), added);
}

/* mremap's move takes the entries along: the same pages at the new address, no copy. */
static void mremap_moves_entries(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base = USER_MMAP_BASE, pa[4], newb = 0;
	struct task_struct *p = vmops(t, VM_MREMAP);
	struct vm_area_struct *vma;
	struct pt_walk w;
	unsigned rss;

	if (!p)
		return;
	for (unsigned i = 0; i < 4; i++)
		pa[i] = walk_pa(p->mm, base + i * PAGE_SIZE, &w);
	rss = p->mm->rss;
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid));
	list_for_each_entry (vma, &p->mm->mmap, list)
		if (vma->vm_end - vma->vm_start == 8 * PAGE_SIZE)
			newb = vma->vm_start;
	KASSERT_TRUE(t, newb && newb != base);
	for (unsigned i = 0; i < 4; i++) {
		KEXPECT_EQ(t, walk_pa(p->mm, newb + i * PAGE_SIZE, &w), pa[i]);
		KEXPECT_EQ(t, user_ats(p->mm, newb + i * PAGE_SIZE, true), pa[i]);
		KEXPECT_EQ(t, user_ats(p->mm, base + i * PAGE_SIZE, false), ~0u);
	}
	KEXPECT_EQ(t, p->mm->rss, rss);
	KEXPECT_EQ(t, areas_in(t, p, newb, newb + 8 * PAGE_SIZE), 1);
	vmops_end(t, p, free0);
}

/* A device mapping forked: the same frame in both, no counts touched, one file held by all. */
static void fork_copies_device_mappings(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), dev = 0;
	unsigned files0 = files_open;
	struct task_struct *p;
	struct vm_area_struct *vma;
	struct mm_struct *cmm;
	struct task_info ti;
	struct pt_walk w;
	int cpid, err;

	if (!board.led.base) {
		ktest_skip(t, "no LED device on this board");
		return;
	}
	gate_init();
	p = process_create("vmops", VM_DEVFORK, 0, &err);
	KASSERT_TRUE(t, p);
	/* The parent waits for its child, which stops at its checkpoint. */
	for (uint32_t start = jiffies; !(cpid = child_of(p->pid)) && jiffies - start < 10 * HZ;)
		schedule();
	KASSERT_TRUE(t, cpid > 0 && gate_wait(cpid));
	KASSERT_EQ(t, task_info_get(cpid, &ti, &cmm), 0);
	list_for_each_entry (vma, &cmm->mmap, list)
		if (vma->vm_flags & VM_PFNMAP)
			dev = vma->vm_start;
	KASSERT_TRUE(t, dev);
	KEXPECT_EQ(t, walk_pa(cmm, dev, &w), (uint32_t)board.led.base & PAGE_MASK);
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_STRONGLY_ORDERED);
	KEXPECT_EQ(t, walk_pa(p->mm, dev, &w), (uint32_t)board.led.base & PAGE_MASK);
	KEXPECT_EQ(t, user_ats(cmm, dev, false), (uint32_t)board.led.base & PAGE_MASK);
	/*
	 * Three files: the console and /dev/led, each one file however many fds
	 * and mappings in both processes hold it, and the child's own gate.
	 */
	KEXPECT_EQ(t, files_open, files0 + 3);
	mmput(cmm);
	gate_open(cpid);
	KASSERT_TRUE(t, gate_wait(p->pid)); /* the child ended (exit_group 7), fd closed */
	/* The console, /dev/led held by the mapping alone now, the parent's gate. */
	KEXPECT_EQ(t, files_open, files0 + 3);
	KEXPECT_EQ(t, walk_pa(p->mm, dev, &w), (uint32_t)board.led.base & PAGE_MASK);
	vmops_end(t, p, free0);
	KEXPECT_EQ(t, files_open, files0);
}

/*
 * One forking process per CPU at once, none pinned: a parent and its child
 * may run on two CPUs, writing the pages they share and changing their
 * counts at the same moment. This hung about one boot in eight on
 * vexpress-a9 with four CPUs while the L2 pool could hand out its own list
 * head (arch/arm/mmu/mmu.c; user_page_tables_on_every_cpu is that bug's
 * own test): page tables come and go on every CPU here too.
 */
static void forks_on_every_cpu(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), ran_on = 0;
	struct task_struct *p[NR_CPUS];
	unsigned n = 0, tasks0 = nr_tasks();
	int err;

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!cpu_online(cpu))
			continue;
		p[n] = process_create("procs", RUN_STORM, 40, &err);
		KASSERT_TRUE(t, p[n]);
		n++;
	}
	for (unsigned i = 0; i < n; i++) {
		KEXPECT_EQ(t, task_wait(p[i]), 0);
		ran_on |= last_exit.cpus_run;
	}
	KEXPECT_TRUE(t, ran_on && !(ran_on & ~cpu_online_mask()));
	KEXPECT_EQ(t, nr_tasks(), tasks0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
	ktest_log("%u processes forked 40 times each, on CPUs %x", n, ran_on);
}

/* A signal ends a wait4 (its target then ends with it): the waited-for child still sits at the gate. */
static void signal_ends_wait4(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	unsigned tasks0 = nr_tasks();
	struct task_struct *p;
	int err, status, gated;

	gate_init();
	p = process_create("procs", RUN_KILLWAIT, 0, &err);
	KASSERT_TRUE(t, p);
	gated = p->pid + 1; /* its first child: nothing else forks meanwhile */
	/* Bounded: without the wake-up it would wait for the gated child for ever. */
	for (uint32_t start = jiffies;
	     jiffies - start < 10 * HZ && READ_ONCE(p->state) != TASK_ZOMBIE;)
		schedule();
	KEXPECT_EQ(t, READ_ONCE(p->state), TASK_ZOMBIE);
	KASSERT_TRUE(t, gate_wait(gated)); /* still there: the wait did not end by it */
	gate_open(gated);
	KEXPECT_EQ(t, task_wait(p), 128 + UAPI_SIGTERM);
	/* Both children are the boot thread's now: collect them. */
	for (int i = 0; i < 2; i++)
		KEXPECT_TRUE(t, do_wait(-1, &status, 0) > 0 && status == 0);
	KEXPECT_EQ(t, do_wait(-1, &status, UAPI_WNOHANG), -ECHILD);
	KEXPECT_EQ(t, nr_tasks(), tasks0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static const struct ktest_case fork_cases[] = {
	KTEST_CASE(fork_shares_pages_copy_on_write),
	KTEST_CASE(fork_failure_leaves_nothing),
	KTEST_CASE(wait4_reports_and_refuses),
	KTEST_CASE(execve_replaces_the_program),
	KTEST_CASE(orphans_go_to_the_reaper),
	KTEST_CASE(shared_anonymous_memory_across_fork),
	KTEST_CASE(mprotect_splits_merges_and_faults),
	KTEST_CASE(madvise_dontneed_gives_pages_back),
	KTEST_CASE(mlock_faults_in_and_counts),
	KTEST_CASE(huge_pages_map_sections),
	KTEST_CASE(mremap_moves_entries),
	KTEST_CASE(fork_copies_device_mappings),
	KTEST_CASE(signal_ends_wait4),
	KTEST_CASE(forks_on_every_cpu),
};
KTEST_SUITE("fork", fork_cases);

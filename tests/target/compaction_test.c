/*
 * Compaction (mm/compaction.c), on memory fragmented on purpose by user
 * pages: "frag" (user/frag.c) and its fork child share FRAG_PAGES pages
 * copy-on-write and one MAP_SHARED page; everything else free is pinned
 * (and every free block of order FRAG_ORDER and above, reserves
 * included), then the pages at odd PFNs are unmapped: the free pages are
 * single ones between user pages, and no block of FRAG_ORDER is free. An
 * allocation of that order then succeeds only through compaction; the
 * MMU's own answers (ATS) show every kept page where the tables say, the
 * moved ones at new frames, still shared by both processes; the processes
 * find every word they wrote; every page comes back.
 */
#include "compaction.h"
#include "highmem.h"
#include "ktest.h"
#include "mm.h"
#include "mm_user.h"
#include "page_ref.h"
#include "printk.h"
#include "sched.h"
#include "smp.h"
#include "string.h"
#include "signal.h"
#include "gate.h"
#include "test_util.h"
#include "timer.h"
#include "mm/buddy/buddy.h"

#define FRAG_PAGES 2048u
#define FRAG_ORDER 6u
#define FRAG_DROP  0xd509d509u /* user/frag.c's mark */

/* The largest order with a free block in any zone, buddy and hot lists alike; -1 if none. */
static int max_free_order(void)
{
	int max = -1;

	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		uint32_t counts[NR_PAGE_ORDERS];

		if (!zones[zt].managed)
			continue;
		buddyinfo_get(zt, counts);
		for (int o = 0; o < NR_PAGE_ORDERS; o++)
			if (counts[o])
				max = max > o ? max : o;
	}
	return max;
}

/* Take every free block of order FRAG_ORDER and above, reserves included, onto list. */
static void pin_high_blocks(struct list_head *list)
{
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		struct page *p;

		if (!zones[zt].managed)
			continue;
		while ((p = zone_alloc(&zones[zt], FRAG_ORDER, MIGRATE_MOVABLE, ALLOC_NO_WMARKS)))
			list_add(&p->lru, list);
	}
}

static void unpin_high_blocks(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *p = list_first_entry(list, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, FRAG_ORDER);
	}
	drain_all_pages();
}

/* The mm other than parent's that maps the same page at va (frag's child), or NULL. */
static struct mm_struct *find_sharer(struct mm_struct *parent, uint32_t va)
{
	struct mm_struct *mm, *found = NULL;
	uint32_t pa = walk_pa(parent, va, &(struct pt_walk){ 0 });

	spin_lock(&mmlist_lock);
	list_for_each_entry (mm, &mmlist, mmlist)
		if (mm != parent && walk_pa(mm, va, &(struct pt_walk){ 0 }) == pa)
			found = mm;
	spin_unlock(&mmlist_lock);
	return found;
}

/* Write frag's drop mark into the pages at odd PFNs of its area at base; how many. */
static unsigned mark_odd_pages(struct mm_struct *mm, uint32_t base)
{
	unsigned marked = 0;

	for (unsigned i = 0; i < FRAG_PAGES; i++) {
		uint32_t pa = walk_pa(mm, base + i * PAGE_SIZE, &(struct pt_walk){ 0 });
		uint32_t *kva;

		if (pa == ~0u || !((pa >> PAGE_SHIFT) & 1))
			continue;
		kva = kmap_atomic(pfn_to_page(pa >> PAGE_SHIFT));
		kva[1] = FRAG_DROP;
		kunmap_atomic(kva);
		marked++;
	}
	return marked;
}

static uint32_t old_pa[FRAG_PAGES];

static void compaction_makes_an_order6_block(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base, shared_va, block_pa, moved = 0;
	struct compact_stats before;
	struct task_struct *p;
	struct mm_struct *pmm = NULL, *cmm;
	struct vm_area_struct *vma;
	struct pinned pinned;
	struct page *block;
	int err = 0, pid, cpid = 0;
	LIST_HEAD_DEFINE(high);

	INIT_LIST_HEAD(&pinned.small);
	INIT_LIST_HEAD(&pinned.big);
	gate_init();
	p = process_create("frag", FRAG_PAGES, 0, &err);
	KEXPECT_TRUE(t, p);
	if (!p)
		return;
	pid = p->pid;
	KEXPECT_TRUE(t, gate_wait(pid)); /* filled and forked */
	for (int c = pid + 1; c < pid + 64 && !cpid; c++) {
		struct task_info ti;

		if (!task_info_get(c, &ti, NULL) && ti.ppid == pid)
			cpid = c;
	}
	KEXPECT_TRUE(t, cpid && gate_wait(cpid));
	pmm = get_task_mm(p);
	if (!pmm || !cpid)
		goto out;
	/* The private area is the first mmap (the lowest above mmap_base), the shared one next. */
	vma = find_vma(pmm, USER_MMAP_BASE);
	base = vma->vm_start;
	shared_va = find_vma(pmm, vma->vm_end)->vm_start;
	KEXPECT_EQ(t, vma->vm_end - base, FRAG_PAGES * PAGE_SIZE);
	cmm = find_sharer(pmm, shared_va);
	KEXPECT_TRUE(t, cmm);
	if (!cmm)
		goto out;

	pin_free_memory(&pinned, GFP_HIGHUSER_MOVABLE);
	pin_high_blocks(&high);
	KEXPECT_TRUE(t, mark_odd_pages(pmm, base) > FRAG_PAGES / 4);
	gate_open(pid);
	gate_open(cpid);
	KEXPECT_TRUE(t, gate_wait(pid) && gate_wait(cpid)); /* the marked pages unmapped */
	drain_all_pages();
	show_buddyinfo();
	KEXPECT_TRUE(t, max_free_order() < (int)FRAG_ORDER); /* the buddy lists say so */
	KEXPECT_TRUE(t, !alloc_pages(GFP_KERNEL | __GFP_HIGHMEM | __GFP_NORETRY | __GFP_NOWARN,
				     FRAG_ORDER));
	for (unsigned i = 0; i < FRAG_PAGES; i++)
		old_pa[i] = walk_pa(pmm, base + i * PAGE_SIZE, &(struct pt_walk){ 0 });

	before = compact_stats;
	block = alloc_pages(GFP_HIGHUSER_MOVABLE, FRAG_ORDER);
	KEXPECT_TRUE(t, block);
	show_buddyinfo();
	KEXPECT_EQ(t, compact_stats.compact_stall, before.compact_stall + 1);
	KEXPECT_EQ(t, compact_stats.compact_success, before.compact_success + 1);
	KEXPECT_TRUE(t, compact_stats.pgmigrate_success > before.pgmigrate_success);
	if (!block)
		goto unpin;
	block_pa = page_to_phys(block);
	ktest_log("order-%u block at %08x after %u pages moved", FRAG_ORDER, block_pa,
		  compact_stats.pgmigrate_success - before.pgmigrate_success);
	for (unsigned i = 0; i < FRAG_PAGES; i++) {
		uint32_t va = base + i * PAGE_SIZE, pa = user_ats(pmm, va, false);

		if (old_pa[i] == ~0u)
			continue; /* unmapped by frag */
		/* The MMU and the tables agree, in both processes, and nothing maps the block. */
		KEXPECT_EQ(t, pa, walk_pa(pmm, va, &(struct pt_walk){ 0 }));
		KEXPECT_EQ(t, user_ats(cmm, va, false), pa);
		KEXPECT_TRUE(t, pa - block_pa >= (PAGE_SIZE << FRAG_ORDER));
		/* Still copy-on-write: read-only to both, one page mapped twice. */
		KEXPECT_EQ(t, user_ats(pmm, va, true), ~0u);
		KEXPECT_EQ(t, page_mapcount(pfn_to_page(pa >> PAGE_SHIFT)), 2u);
		if (old_pa[i] - block_pa < (PAGE_SIZE << FRAG_ORDER))
			moved++;
	}
	KEXPECT_TRUE(t, moved > 0);
	/* The shared page: one frame, writable in both. */
	KEXPECT_EQ(t, user_ats(pmm, shared_va, true), user_ats(cmm, shared_va, true));
	KEXPECT_TRUE(t, user_ats(pmm, shared_va, true) != ~0u);
	/*
	 * The block is ours now: poisoned, so that a process still reaching an
	 * old frame (a TLB entry left behind, an entry not moved) reads junk.
	 */
	for (unsigned i = 0; i < (1u << FRAG_ORDER); i++) {
		uint32_t *kva = kmap_atomic(block + i);

		memset(kva, 0xa5, PAGE_SIZE);
		kunmap_atomic(kva);
	}
	__free_pages(block, FRAG_ORDER);
	drain_all_pages();
	show_buddyinfo(); /* the block, free again (docs/memory-pressure.md) */
unpin:
	unpin_high_blocks(&high);
	unpin(&pinned, ~0u);
out:
	if (pmm)
		mmput(pmm);
	if (cpid)
		gate_open(cpid);
	gate_open(pid);
	KEXPECT_EQ(t, task_wait(p), 0); /* every word both processes kept held */
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

/*
 * The request from a process: procread 2 writes "1" to
 * /proc/sys/vm/compact_memory, sees compact_migrate_scanned rise in
 * /proc/vmstat, and gets EINVAL for other values and EACCES for a read.
 * Nothing is lost, the buddy lists hold.
 */
static void compact_memory_request(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), scanned = compact_stats.compact_migrate_scanned;
	struct task_struct *p;
	int err = 0;

	p = process_create("procread", 2, 0, &err);
	KEXPECT_TRUE(t, p);
	if (p)
		KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_TRUE(t, compact_stats.compact_migrate_scanned > scanned);
	KEXPECT_EQ(t, settled_free_pages(), free0);
	KEXPECT_EQ(t, buddy_check(), 0u);
}

#define WRITE_PAGES  64u
#define WRITE_ORDER  4u
#define WRITE_ROUNDS 20000u

/* Read word 0 of each of mm's pages at base through its tables: how many are not value. */
static unsigned pages_without(struct mm_struct *mm, uint32_t base, uint32_t value)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < WRITE_PAGES; i++) {
		uint32_t pa = walk_pa(mm, base + i * PAGE_SIZE, &(struct pt_walk){ 0 }), *kva;

		if (pa == ~0u) {
			bad++;
			continue;
		}
		kva = kmap_atomic(pfn_to_page(pa >> PAGE_SHIFT));
		bad += kva[0] != value;
		kunmap_atomic(kva);
	}
	return bad;
}

/*
 * Pages moved while their process keeps storing into them on another CPU
 * ("frag" alone: WRITE_ROUNDS rounds of a store to every page). Every
 * store must reach the frame the tables map at the end: a CPU that kept a
 * TLB entry for an old frame (the flush after the entries are cleared
 * left out) writes on into it, and the last round is missing from the new
 * one (docs/memory-pressure.md, "Compaction": checked both ways).
 */
static void compaction_under_a_running_writer(struct ktest *t)
{
	uint32_t free0 = settled_free_pages(), base, others;
	unsigned moved = 0, passes = 0;
	struct task_struct *p;
	struct mm_struct *mm;
	int err = 0;

	others = cpu_online_mask() & ~(1u << smp_processor_id());
	if (!others) {
		ktest_skip(t, "one CPU");
		return;
	}
	gate_init();
	p = process_create_on("frag", WRITE_PAGES, FRAG_ALONE | WRITE_ROUNDS, others, &err);
	KEXPECT_TRUE(t, p);
	if (!p)
		return;
	mm = gate_wait(p->pid) ? get_task_mm(p) : NULL;
	KEXPECT_TRUE(t, mm);
	if (mm) {
		uint32_t start = jiffies;

		base = find_vma(mm, USER_MMAP_BASE)->vm_start;
		gate_open(p->pid);
		/* Until it reaches its second gate; a pass counts if it was still writing after. */
		while (!gate_reached(p->pid) && jiffies - start < 20 * HZ) {
			unsigned b = 0;
			int n = compact_user_pages(mm, base, WRITE_PAGES, WRITE_ORDER, &b);

			if (n > 0 && !gate_reached(p->pid)) {
				moved += (unsigned)n;
				passes += b;
			}
		}
		KEXPECT_TRUE(t, gate_wait(p->pid));
		ktest_log("%u pages moved in %u passes while the writer ran", moved, passes);
		/*
		 * Some pages must have moved while it wrote, or the case proves
		 * nothing; how many depends on how the emulator shares its time
		 * between the CPUs (1,400 to 17,000 seen; fewer than the 64 pages
		 * once, on a loaded machine).
		 */
		KEXPECT_TRUE(t, moved > 0);
		KEXPECT_EQ(t, pages_without(mm, base, WRITE_ROUNDS), 0u);
		mmput(mm);
		gate_open(p->pid);
	}
	KEXPECT_EQ(t, task_wait(p), 0); /* and the process found every word it wrote */
	KEXPECT_EQ(t, settled_free_pages(), free0);
	KEXPECT_EQ(t, buddy_check(), 0u);
}

static const struct ktest_case compaction_cases[] = {
	KTEST_CASE(compaction_makes_an_order6_block),
	KTEST_CASE(compact_memory_request),
	KTEST_CASE(compaction_under_a_running_writer),
};
KTEST_SUITE_MANUAL("compaction", compaction_cases);

/*
 * The swap suite: processes larger than the machine's memory, on a kernel
 * booted with swap= and a swap disk (SWAP= in a .ktest, made by
 * scripts/disk-image swap and checked from outside after QEMU ends). The
 * processes (user/swapmem.c) fill every word of their pages with values
 * they check at the end; the sizes are multiples of the RAM this machine
 * really has. Afterwards every slot, cached page and free page is back.
 */
#include "blkdev.h"
#include "errno.h"
#include "kswapd.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "shrinker.h"
#include "swap.h"
#include "timer.h"
#include "uapi/unistd.h"
#include "ktest.h"
#include "gate.h"
#include "test_util.h"

#define SWAPMEM_FORK    1 /* user/swapmem.c's MODEs */
#define SWAPMEM_SHARED  2
#define SWAPMEM_HOTCOLD 3

struct swap_case {
	uint32_t free0, total, pswpin0, pswpout0, readahead0, clean0;
	unsigned tasks0, objects0;
};

/*
 * Free pages, with vmalloc's lazy areas and the slabs' pages counted as
 * free: reclaim's shrinkers take the caches' empty slabs and purge the
 * lazy areas under pressure, and a mempool's reserve (dma-debug's) may
 * then be refilled from other slabs than before, which the cache keeps.
 */
static uint32_t settled_pages(void)
{
	return settled_vmalloc_free_pages() + slab_pages(false);
}

static bool swap_case_begin(struct ktest *t, struct swap_case *c)
{
	uint32_t free, cached;

	if (!swap_enabled()) {
		ktest_skip(t, "no swap device (boot with swap=DISK and a swap disk)");
		return false;
	}
	c->free0 = settled_pages();
	c->objects0 = slab_live_objects(); /* the slabs' pages count as free: no object may leak */
	c->tasks0 = nr_tasks();
	c->pswpin0 = swap_stats.pswpin;
	c->pswpout0 = swap_stats.pswpout;
	c->readahead0 = swap_stats.readahead;
	c->clean0 = swap_stats.clean_frees;
	swap_counts(&c->total, &free, &cached);
	KEXPECT_EQ(t, free, c->total);
	KEXPECT_EQ(t, cached, 0);
	return true;
}

/*
 * Every slot free, nothing cached, every page and task back. kswapd may
 * still hold a process's mm it took for a scan: the mm's last reference,
 * and its pages, go when that scan ends. A second at most.
 */
static void swap_case_end(struct ktest *t, struct swap_case *c)
{
	uint32_t total, free, cached;

	for (unsigned i = 0; i < HZ && settled_pages() != c->free0; i++)
		task_sleep(1);

	swap_counts(&total, &free, &cached);
	KEXPECT_EQ(t, free, total);
	KEXPECT_EQ(t, cached, 0);
	KEXPECT_EQ(t, swap_inactive_pages(), 0);
	KEXPECT_EQ(t, nr_tasks(), c->tasks0);
	KEXPECT_EQ(t, settled_pages(), c->free0);
	KEXPECT_EQ(t, slab_live_objects(), c->objects0);
}

static uint32_t ram_pages(void)
{
	struct sysinfo_pages si;

	si_meminfo(&si);
	return si.totalram;
}

/* Run swapmem pages mode n times at once; true if every one exited 0. */
static bool run_swapmem(struct ktest *t, unsigned n, unsigned pages, unsigned mode)
{
	struct task_struct *p[4];
	bool ok = true;
	int err = 0;

	for (unsigned i = 0; i < n; i++) {
		p[i] = process_create("swapmem", pages, mode, &err);
		KEXPECT_TRUE(t, p[i]);
	}
	for (unsigned i = 0; i < n; i++) {
		int status = p[i] ? task_wait(p[i]) : -1;

		if (status)
			ktest_log("swapmem %u of %u: exit status %d", i + 1, n, status);
		ok &= status == 0;
	}
	return ok;
}

/* The swap device as swapon() found it: the disk's pages less the header, SwapTotal. */
static void swap_device_is_the_disk(struct ktest *t)
{
	struct swap_case c;
	struct gendisk *disk = blk_get_disk("vda");

	if (!swap_case_begin(t, &c))
		return;
	KEXPECT_TRUE(t, disk);
	if (disk)
		KEXPECT_EQ(t, c.total + 1,
			   min((uint32_t)(disk->capacity / (PAGE_SIZE / SECTOR_SIZE)),
			       SWAP_SLOTS_MAX));
	/* A second device is refused: there is one. */
	KEXPECT_EQ(t, swapon_disk("vda"), -EBUSY);
	KEXPECT_EQ(t, swapon_disk("nosuch"), -ENODEV);
	swap_case_end(t, &c);
}

/*
 * One process with twice the machine's RAM of anonymous memory: it runs
 * to its end with every word right, pages went out and came back.
 */
static void process_twice_the_ram(struct ktest *t)
{
	struct swap_case c;
	uint32_t pages = 2 * ram_pages();

	if (!swap_case_begin(t, &c))
		return;
	ktest_log("RAM %u pages, swap %u pages: one process of %u pages", ram_pages(), c.total,
		  pages);
	KEXPECT_TRUE(t, run_swapmem(t, 1, pages, 0));
	/* At least what cannot be in RAM went out, and came back to be checked. */
	KEXPECT_TRUE(t, swap_stats.pswpout - c.pswpout0 >= pages - c.free0);
	KEXPECT_TRUE(t, swap_stats.pswpin - c.pswpin0 >= pages - c.free0);
	ktest_log("pswpout %u pswpin %u, of them read ahead %u; freed clean without a write %u",
		  swap_stats.pswpout - c.pswpout0, swap_stats.pswpin - c.pswpin0,
		  swap_stats.readahead - c.readahead0, swap_stats.clean_frees - c.clean0);
	swap_case_end(t, &c);
}

/* Three processes of 80% of the RAM each, at once. */
static void three_processes_at_once(struct ktest *t)
{
	struct swap_case c;

	if (!swap_case_begin(t, &c))
		return;
	KEXPECT_TRUE(t, run_swapmem(t, 3, ram_pages() * 4 / 5, 0));
	KEXPECT_TRUE(t, swap_stats.pswpout > c.pswpout0);
	swap_case_end(t, &c);
}

/* One swapmem of pages in mode: it ends well, and read pages back from swap. */
static void one_process_through_swap(struct ktest *t, uint32_t pages, unsigned mode)
{
	struct swap_case c;

	if (!swap_case_begin(t, &c))
		return;
	KEXPECT_TRUE(t, run_swapmem(t, 1, pages, mode));
	KEXPECT_TRUE(t, swap_stats.pswpin > c.pswpin0);
	swap_case_end(t, &c);
}

/*
 * fork() with pages out on swap and pages shared copy-on-write that go
 * out: the child's own memory pushes the shared pages out, it reads them
 * back, writes half of them (copy-on-write over swapped-in pages), and
 * the parent's copy still holds the first values.
 */
static void fork_and_cow_pages_through_swap(struct ktest *t)
{
	one_process_through_swap(t, ram_pages() * 3 / 4, SWAPMEM_FORK);
}

/*
 * Shared anonymous memory through swap: written by the child after it came
 * back from swap, out again, and the parent sees the child's values. A
 * page written through a shared writable entry must be written out again,
 * not dropped as a clean copy of the disk's.
 */
static void shared_pages_through_swap(struct ktest *t)
{
	one_process_through_swap(t, ram_pages() / 2, SWAPMEM_SHARED);
}

/*
 * The referenced bit (asm/pgtable.h, pte_mkold): an entry made old has
 * lost the user's access (the MMU's own answer says so) but keeps its
 * page; the user's touch faults and gives it back; reclaim takes the old
 * pages and leaves the young ones. Then the inactive list: pages read
 * ahead and mapped by no one go first. swapmem HOTCOLD reads the first third
 * of its pages between the two gates. One batch of reclaim at most (32
 * pages): a second could find the hot pages the first made old.
 */
#define HOTCOLD_PAGES 48
#define HOTCOLD_HOT   (HOTCOLD_PAGES / 3)

static void recently_used_pages_stay(struct ktest *t)
{
	const uint32_t base = USER_MMAP_BASE, cold = HOTCOLD_PAGES - HOTCOLD_HOT;
	uint32_t pa[HOTCOLD_PAGES], activated, inactive, pswpout, clean;
	unsigned kept = 0, gone = 0, young = 0;
	struct task_struct *p;
	struct swap_case c;
	struct pt_walk w;
	int err;

	if (!swap_case_begin(t, &c))
		return;
	gate_init();
	p = process_create("swapmem", HOTCOLD_PAGES, SWAPMEM_HOTCOLD, &err);
	KASSERT_TRUE(t, p);
	KASSERT_TRUE(t, gate_wait(p->pid));
	/* A: every page written, young: the user may write it. */
	for (unsigned i = 0; i < HOTCOLD_PAGES; i++) {
		pa[i] = walk_pa(p->mm, base + i * PAGE_SIZE, &w);
		young += pa[i] != ~0u && user_ats(p->mm, base + i * PAGE_SIZE, true) == pa[i];
	}
	KEXPECT_EQ(t, young, HOTCOLD_PAGES);
	KEXPECT_TRUE(t, mm_clear_refs(p->mm) >= HOTCOLD_PAGES);
	young = 0;
	for (unsigned i = 0; i < HOTCOLD_PAGES; i++) {
		uint32_t va = base + i * PAGE_SIZE;

		kept += walk_pa(p->mm, va, &w) == pa[i];
		young += user_ats(p->mm, va, false) != ~0u;
	}
	KEXPECT_EQ(t, kept, HOTCOLD_PAGES); /* old, still mapped... */
	KEXPECT_EQ(t, young, 0);            /* ...and closed to the user */

	/* B: the hot third read: young again, each by a fault; the rest still old. */
	activated = reclaim_stats.pgactivate;
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid));
	KEXPECT_TRUE(t, reclaim_stats.pgactivate - activated >= HOTCOLD_HOT);
	young = 0;
	for (unsigned i = 0; i < HOTCOLD_PAGES; i++) {
		bool y = user_ats(p->mm, base + i * PAGE_SIZE, false) == pa[i];

		young += y;
		KEXPECT_EQ(t, y, i < HOTCOLD_HOT);
	}
	KEXPECT_EQ(t, young, HOTCOLD_HOT);
	ktest_log("%u pages made old; the process read %u of them: %u faults made entries young",
		  HOTCOLD_PAGES, HOTCOLD_HOT, reclaim_stats.pgactivate - activated);

	/* The hand starts at the area: the cold pages go, the hot ones stay where they were. */
	p->mm->swap_address = base;
	shrink_slab(GFP_KERNEL, ~0UL,
		    false); /* reclaim's shrinkers first: every page asked is anon */
	KEXPECT_EQ(t, try_to_free_pages(cold, false), cold);
	kept = gone = 0;
	for (unsigned i = 0; i < HOTCOLD_PAGES; i++) {
		uint32_t now = walk_pa(p->mm, base + i * PAGE_SIZE, &w);

		kept += i < HOTCOLD_HOT && now == pa[i];
		gone += i >= HOTCOLD_HOT && now == ~0u;
	}
	KEXPECT_EQ(t, kept, HOTCOLD_HOT);
	KEXPECT_EQ(t, gone, cold);
	KEXPECT_EQ(t, p->mm->swapents, cold);
	ktest_log("reclaim of %u pages: took the %u old ones, kept the %u young", cold, gone, kept);

	/*
	 * C: the first cold page read back, and its neighbours read ahead
	 * into the swap cache, mapped by no one: the inactive list. Reclaim
	 * frees them first, clean, without a write, and unmaps nothing.
	 */
	inactive = swap_inactive_pages();
	KEXPECT_EQ(t, inactive, 0);
	gate_open(p->pid);
	KASSERT_TRUE(t, gate_wait(p->pid));
	inactive = swap_inactive_pages();
	KEXPECT_EQ(t, walk_pa(p->mm, base + HOTCOLD_HOT * PAGE_SIZE, &w) != ~0u, true);
	KEXPECT_TRUE(t, inactive >= 1);
	KEXPECT_EQ(t, inactive, swap_stats.readahead - c.readahead0);
	pswpout = swap_stats.pswpout;
	clean = swap_stats.clean_frees;
	shrink_slab(GFP_KERNEL, ~0UL, false);
	KEXPECT_EQ(t, try_to_free_pages(inactive, false), inactive);
	KEXPECT_EQ(t, swap_stats.clean_frees - clean, inactive);
	KEXPECT_EQ(t, swap_stats.pswpout, pswpout);
	KEXPECT_EQ(t, p->mm->swapents, cold - 1);
	KEXPECT_EQ(t, swap_inactive_pages(), 0);
	ktest_log("one cold page read back, %u read ahead onto the inactive list: freed first, "
		  "%u without a write",
		  inactive, swap_stats.clean_frees - clean);

	/* The process reads every page back: the cold ones from the disk. */
	gate_open(p->pid);
	KEXPECT_EQ(t, task_wait(p), 0);
	KEXPECT_TRUE(t, swap_stats.pswpin - c.pswpin0 >= cold);
	swap_case_end(t, &c);
}

/*
 * A write after a swap-in keeps the page: its only holder's write fault,
 * on the swap entry or on the read-only entry left by a read, takes the
 * page out of the swap cache and makes it writable in place, without a
 * copy, and its slot is free again. A test mm (no process): its faults
 * are made by handle_mm_fault(), the retried store's permission fault too.
 */
static void write_after_swapin_keeps_the_page(struct ktest *t)
{
	const unsigned pages = SWAP_READAHEAD, write_fault = FAULT_FLAG_WRITE;
	struct swap_case c;
	uint32_t total, free, cached, copies;
	struct mm_struct *mm;
	long base;

	if (!swap_case_begin(t, &c))
		return;
	mm = mm_alloc();
	KEXPECT_TRUE(t, mm);
	if (!mm)
		return;
	base = do_mmap(mm, 0, pages * PAGE_SIZE, UAPI_PROT_READ | UAPI_PROT_WRITE,
		       UAPI_MAP_PRIVATE | UAPI_MAP_ANONYMOUS, NULL, 0);
	KEXPECT_TRUE(t, base >= 0);
	for (unsigned i = 0; base >= 0 && i < pages; i++)
		handle_mm_fault(mm, (uint32_t)base + i * PAGE_SIZE,
				write_fault | FAULT_FLAG_TRANSLATION);
	for (unsigned call = 0; call < 4 && mm->swapents < pages; call++)
		try_to_free_pages(pages - mm->swapents, false);
	KEXPECT_EQ(t, mm->swapents, pages);
	copies = mm_fault_stats.cow_copies;
	if (base >= 0 && mm->swapents == pages) {
		/* Page 1 read first: back read-only, clean in the cache; then written. */
		KEXPECT_EQ(t,
			   handle_mm_fault(mm, (uint32_t)base + PAGE_SIZE, FAULT_FLAG_TRANSLATION),
			   VM_FAULT_OK);
		KEXPECT_TRUE(t, !walk_user_writable(mm, (uint32_t)base + PAGE_SIZE));
		KEXPECT_EQ(t,
			   handle_mm_fault(mm, (uint32_t)base + PAGE_SIZE,
					   write_fault | FAULT_FLAG_PERMISSION),
			   VM_FAULT_OK);
		/* The others written at once: page 0 from the disk, 2.. read ahead with page 1. */
		for (unsigned i = 0; i < pages; i++)
			if (i != 1)
				KEXPECT_EQ(t,
					   handle_mm_fault(mm, (uint32_t)base + i * PAGE_SIZE,
							   write_fault | FAULT_FLAG_TRANSLATION),
					   VM_FAULT_OK);
		for (unsigned i = 0; i < pages; i++)
			KEXPECT_TRUE(t, walk_user_writable(mm, (uint32_t)base + i * PAGE_SIZE));
		KEXPECT_EQ(t, mm_fault_stats.cow_copies, copies);
		swap_counts(&total, &free, &cached);
		KEXPECT_EQ(t, cached, 0);
		KEXPECT_EQ(t, free, total);
	}
	mmput(mm);
	swap_case_end(t, &c);
}

static const struct ktest_case swap_cases[] = {
	KTEST_CASE(swap_device_is_the_disk),           KTEST_CASE(process_twice_the_ram),
	KTEST_CASE(three_processes_at_once),           KTEST_CASE(fork_and_cow_pages_through_swap),
	KTEST_CASE(shared_pages_through_swap),         KTEST_CASE(recently_used_pages_stay),
	KTEST_CASE(write_after_swapin_keeps_the_page),
};
KTEST_SUITE("swap", swap_cases);

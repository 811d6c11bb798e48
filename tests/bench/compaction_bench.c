/*
 * Migration per page (mm/compaction.c): a process ("frag", alone) maps
 * MIGRATE_PAGES anonymous pages, fills them and sits at its gate; each
 * iteration moves every page of the block of 2^MIGRATE_ORDER pages that
 * holds one of its pages, each block once (compact_user_pages() and
 * compact_block(): the walk of every mm for the block's entries, a
 * destination page each, the entries cleared and their TLB entries
 * flushed, the copy, the entries rewritten, the old pages freed; a block
 * with a page that cannot move costs its walk and moves nothing). The
 * figure is the loop's count over the pages moved, not over the
 * iterations: the walk of every mm (one a pass) is shared by the pages of
 * its block. The software walks that find the pages (one per page per
 * iteration) are timed alone and subtracted. Afterwards the process
 * checks every word of every page.
 */
#include "bench.h"
#include "compaction.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "target/gate.h"
#include "target/test_util.h"

#define MIGRATE_PAGES 64u
#define MIGRATE_ORDER 6u

static uint64_t migrate_per_page(unsigned iterations)
{
	struct task_struct *p;
	struct mm_struct *mm;
	uint64_t t0, loop;
	uint32_t base;
	unsigned moved = 0;
	int err = 0, n = 0;

	gate_init();
	p = process_create("frag", MIGRATE_PAGES, FRAG_ALONE, &err);
	if (!p)
		return BENCH_FAILED;
	mm = gate_wait(p->pid) ? get_task_mm(p) : NULL;
	if (mm) {
		base = find_vma(mm, USER_MMAP_BASE)->vm_start;
		t0 = bench_counter_read();
		for (unsigned i = 0; i < iterations && n >= 0; i++) {
			n = compact_user_pages(mm, base, MIGRATE_PAGES, MIGRATE_ORDER, NULL);
			moved += (unsigned)n;
		}
		loop = bench_counter_read() - t0;
		/* Bookkeeping: the software walks that find the pages, subtracted. */
		t0 = bench_counter_read();
		for (unsigned i = 0; i < iterations; i++)
			for (unsigned pg = 0; pg < MIGRATE_PAGES; pg++)
				walk_pa(mm, base + pg * PAGE_SIZE, &(struct pt_walk){ 0 });
		loop -= bench_counter_read() - t0;
		mmput(mm);
		gate_open(p->pid);
	}
	if (!mm || !gate_wait(p->pid)) {
		n = -1;
	} else {
		gate_open(p->pid);
		printk("bench:   migration: %u pages moved in %u iterations, blocks of %u pages\n",
		       moved, iterations, 1u << MIGRATE_ORDER);
	}
	/* The process checks every word it wrote: the moves kept its data. */
	if (task_wait(p) != 0 || n < 0 || !moved)
		return BENCH_FAILED;
	/* Per page: (loop - empty) / moved, as the runner computes per iteration. */
	return (loop - bench_empty_loop(iterations)) * iterations / moved +
	       bench_empty_loop(iterations);
}
BENCH_CASE(migrate, "migrate_pages (compaction), per page", migrate_per_page, 20);

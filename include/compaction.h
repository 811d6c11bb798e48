/*
 * Compaction: free pages scattered between user pages are gathered into
 * free blocks of a high order by moving the user pages elsewhere (Linux's
 * mm/compaction.c and mm/migrate.c; docs/memory-pressure.md, "Compaction").
 *
 * What moves: order-0 pages that processes map (anonymous, private, COW
 * shared by fork, or MAP_SHARED) in MIGRATE_MOVABLE page blocks, and only
 * when every page table entry that maps one was found (its map count) and
 * nothing else holds it (its reference count equals its map count: a swap
 * cache's page stays). Never the zero page, device frames, huge pages,
 * slab or kernel pages.
 *
 * How the entries are found: there is no reverse map (struct page is 16
 * bytes: no room for Linux's anon_vma and index), so a pass walks every
 * mm on mmlist once (Linux 2.4's virtual scan). Each mm's mmap_lock is
 * only tried (spin_trylock): a busy mm's pages stay where they are, so
 * compaction can be called from a context that holds locks, an mm's
 * included. One compaction runs at a time (a global lock, also tried).
 *
 * When it runs: a failed allocation of order above 0 that may do work
 * (the page allocator's registered hook, set_compact_notify()), and
 * compact_memory(), which /proc/sys/vm/compact_memory calls when written.
 * Never from an interrupt handler.
 */
#ifndef COMPACTION_H
#define COMPACTION_H

#include "gfp.h"
#include "types.h"

/* Boot: register the allocator's hook. */
void compaction_init(void);

/*
 * Compact every zone as far as it goes (every order, down from the
 * largest): the blocks of 2^order pages made free, or -EBUSY when
 * another compaction runs.
 */
int compact_memory(void);

/*
 * Try to make one free block of 2^order pages (1 <= order <=
 * MAX_PAGE_ORDER) in a zone an allocation with gfp may use: true if one
 * was made (it may be taken by then). The allocator's hook.
 */
bool try_to_compact_pages(gfp_t gfp, unsigned order);

/*
 * One pass over the block of 2^order pages at pfn (aligned): move every
 * user page out of it. The pages moved (0 if none was there), -EAGAIN if
 * some page in use could not move (then none did), -EBUSY when another
 * compaction runs, -EINVAL for a block that is not one. For tests and
 * benchmarks that pick the block themselves.
 */
int compact_block(uint32_t pfn, unsigned order);

/* The counters /proc/vmstat shows, with Linux's names. */
struct compact_stats {
	uint32_t compact_migrate_scanned; /* pages looked at in candidate blocks */
	uint32_t compact_free_scanned;    /* free pages taken as destinations */
	uint32_t compact_isolated;        /* pages taken for a move, and destinations */
	uint32_t compact_stall;           /* failed allocations that compacted */
	uint32_t compact_fail;            /* ... and found no block after */
	uint32_t compact_success;         /* ... and made one */
	uint32_t pgmigrate_success;       /* pages moved */
	uint32_t pgmigrate_fail;          /* pages found in use that could not move */
};
extern struct compact_stats compact_stats;

#endif

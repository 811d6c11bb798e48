/* Helpers shared by the on-target test suites. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include "asm/pgtable.h"
#include "gfp.h"
#include "kernel.h"
#include "list.h"

struct mm_struct;
#include "xorshift.h" /* xorshift32(), for the suites' random choices */

/* Free pages once every slab cache has given its empty slabs back and the hot lists are drained. */
uint32_t settled_free_pages(void);
/*
 * Whether GFP_KERNEL can get a block of this order right now: a settled
 * lowmem zone (DMA or Normal) has a free block at least that big. Tests
 * of the largest sizes expect success from this, the machine's truth, not
 * from its RAM size: how the kernel image and the boot's allocations lie
 * decides whether a 4 MB block is left whole at 16 MB.
 */
bool kernel_block_free(unsigned order);
/*
 * The same once vmalloc's own keepings are given back too: the small areas
 * vfree keeps for reuse, and the L2 tables it keeps in the vmalloc area
 * (both on purpose, as Linux does; see mm/vmalloc/vmalloc.c).
 */
uint32_t settled_vmalloc_free_pages(void);
/* Objects allocated from every slab cache but the slab descriptors (one per slab). */
unsigned slab_live_objects(void);
/* Pages held by every cache's slabs; empty_only: by their empty slabs alone. */
unsigned slab_pages(bool empty_only);
/* kmem_cache_validate() over every cache; the number of problems. */
unsigned validate_all_caches(void);
/* The physical address the MMU gives for a kernel read of va, or ~0 on a fault. */
uint32_t mmu_pa(uint32_t va);
/* What the MMU says a user read or write of va in mm gives (mm made live here a moment): the PA, or ~0 on a fault. */
uint32_t user_ats(struct mm_struct *mm, uint32_t va, bool write);
/* What the software walk of mm's tables gives for va (details in *w): the PA, or ~0. */
uint32_t walk_pa(struct mm_struct *mm, uint32_t va, struct pt_walk *w);
/* The software walk finds a small page at va that a user write may go through (PTE not APX). */
bool walk_user_writable(struct mm_struct *mm, uint32_t va);

/*
 * user/frag.c's second argument for a process alone (no fork, no drop)
 * that stores into its pages for the given number of rounds between two
 * gates (0: none, it sits at the first while its pages are moved).
 */
#define FRAG_ALONE 0x80000000u
/*
 * compact_block() over every block of 2^order pages that holds one of the
 * pages mm maps at [base, base + pages pages), each block once: the pages
 * moved (blocks that cannot be emptied count nothing), or -1 if a block
 * was busy. *blocks (if not NULL): the passes that moved pages.
 */
int compact_user_pages(struct mm_struct *mm, uint32_t base, unsigned pages, unsigned order,
		       unsigned *blocks);

/*
 * What a test took of the machine's memory: whole 4 MB blocks while much
 * is free (fast at 2 GB), then single pages for the last PIN_SINGLES_BELOW
 * pages, so that a budget of single pages can be given back exactly.
 * Blocks are chained through page->lru, the owner's to use.
 */
#define PIN_BIG_ORDER     10
#define PIN_SINGLES_BELOW 8192u
struct pinned {
	struct list_head small, big;
};

/* Take every page allocations with gfp can still get (their watermarks hold); how many. */
unsigned pin_free_memory(struct pinned *pinned, gfp_t gfp);
/* Give back up to n pinned single pages, or with n = ~0u everything; how many pages. */
unsigned unpin(struct pinned *pinned, unsigned n);

#endif

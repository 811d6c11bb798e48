/*
 * The labs (docs/labs/): five functions a learner writes, each checked on
 * the target by its manual ktest suite (tests/target/lab_test.c) with
 * `make lab-NAME`. labs/NAME.c holds the starting point, which compiles
 * and fails its check; labs/solutions/NAME.c the reference solution, built
 * only by make test-labs (LAB_SOLUTIONS=y), never into a default kernel.
 */
#ifndef LABS_H
#define LABS_H

#include "mm.h"
#include "slab.h"

/*
 * lab-buddy: nr_free[o] is the number of free blocks of order o on one
 * migrate type's free lists of a zone. Update it for one allocation of
 * order `order` served from those lists, as the buddy allocator does it.
 */
void lab_buddy_alloc(uint32_t nr_free[NR_PAGE_ORDERS], unsigned order);

/*
 * lab-fault: the value the CPU writes into DFSR when the kernel stores a
 * word into a page mapped read-only (a small or large page, domain 0).
 */
uint32_t lab_write_ro_dfsr(void);

/*
 * lab-slab-ctor: a cache named "lab_point" of struct lab_point whose every
 * object is handed out with x = y = 0 and magic = LAB_POINT_MAGIC, set by a
 * constructor (objects are freed back in that state).
 */
struct lab_point {
	int x, y;
	uint32_t magic;
};
#define LAB_POINT_MAGIC 0x9017c0deu
struct kmem_cache *lab_point_cache_create(void);

/* lab-kmap: the sum of the 1024 words of page, which may be a highmem page. */
uint32_t lab_page_sum(struct page *page);

/*
 * lab-tlb: make the kernel page at va (mapped by a small page) map the
 * frame at pa instead, so that the next access through va reaches pa.
 */
void lab_remap(uintptr_t va, phys_addr_t pa);

#endif

/* Helpers shared by the on-target test suites. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include "kernel.h"
#include "xorshift.h" /* xorshift32(), for the suites' random choices */

/* Free pages once every slab cache has given its empty slabs back and the hot lists are drained. */
uint32_t settled_free_pages(void);
/*
 * The same once vmalloc's own keepings are given back too: the small areas
 * vfree keeps for reuse, and the L2 tables it keeps in the vmalloc area
 * (both on purpose, as Linux does; see mm/vmalloc/vmalloc.c).
 */
uint32_t settled_vmalloc_free_pages(void);
/* kmem_cache_validate() over every cache; the number of problems. */
unsigned validate_all_caches(void);
/* The physical address the MMU gives for a kernel read of va, or ~0 on a fault. */
uint32_t mmu_pa(uint32_t va);

#endif

/*
 * A scratch window for MMU tests: 32 MB of kernel VA reserved in the
 * vmalloc area with get_vm_area(), 16 MB aligned, and two 1 MB blocks of RAM from the
 * buddy allocator (order 8, so each is a whole section the test owns).
 * pa is the 16 MB aligned region holding block A: tests may map all of it
 * (for supersections and the ATS comparison) but must only write inside
 * A and B. mmu_fixture_put() unmaps whatever is left in the window, frees
 * the blocks, and checks that L2 tables and free pages came back exactly.
 */
#ifndef MMU_FIXTURE_H
#define MMU_FIXTURE_H

#include "asm/mmu.h"
#include "mm.h"
#include "vmalloc.h"
#include "ktest.h"

#define FIXTURE_SIZE        (32u << 20)
#define FIXTURE_BLOCK_ORDER 8 /* 1 MB */

struct mmu_fixture {
	struct vm_struct *area; /* the window's address space, reserved in the vmalloc area */
	uint32_t va;            /* window base */
	phys_addr_t pa;         /* 16 MB aligned region containing block A */
	struct page *a, *b;
	phys_addr_t pa_a, pa_b; /* the two 1 MB blocks the test owns */
	unsigned l2_in_use;     /* pool state before the test */
	uint32_t free_pages;    /* buddy state before the test */
};

bool mmu_fixture_get(struct ktest *t, struct mmu_fixture *f);
void mmu_fixture_put(struct ktest *t, struct mmu_fixture *f);

/* Fill / check a pattern derived from each word's index and a seed. */
void pattern_fill(volatile uint32_t *p, uint32_t bytes, uint32_t seed);
uint32_t pattern_check(const volatile uint32_t *p, uint32_t bytes, uint32_t seed);

#endif

/*
 * A scratch window for MMU tests: 32 MB of kernel VA inside the (still
 * unused) vmalloc area, 16 MB aligned, and 32 MB of physical RAM taken
 * from memblock, 16 MB aligned, so every descriptor kind can be built.
 * mmu_fixture_put() unmaps everything still mapped in the window and
 * checks that the L2 table pool and the RAM went back where they were.
 */
#ifndef MMU_FIXTURE_H
#define MMU_FIXTURE_H

#include "asm/mmu.h"
#include "../ktest.h"

#define FIXTURE_SIZE (32u << 20)

struct mmu_fixture {
	uint32_t va;            /* window base */
	phys_addr_t pa;         /* backing RAM base */
	unsigned l2_in_use;     /* pool state before the test */
};

bool mmu_fixture_get(struct ktest *t, struct mmu_fixture *f);
void mmu_fixture_put(struct ktest *t, struct mmu_fixture *f);

/* Fill / check a pattern derived from the physical address of each word. */
void pattern_fill(volatile uint32_t *p, uint32_t bytes, uint32_t seed);
uint32_t pattern_check(const volatile uint32_t *p, uint32_t bytes, uint32_t seed);

#endif

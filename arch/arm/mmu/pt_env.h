/*
 * What the per-page fast paths of the portable page-table code (pt_map.c)
 * call, inline: a small page's descriptor from the encoding cache, and the
 * environment hooks (the address of an L2 table, the sync after writing L2
 * entries, whether a table stays when it empties, the TLB flush). In the
 * kernel the hooks are inline here, a few instructions each; the host tests
 * (HOST_TEST) link their own checking versions (tests/host/host_env.c)
 * through the hooks declared in asm/pgtable.h. Internal to arch/arm/mmu.
 */
#ifndef ARCH_ARM_MMU_PT_ENV_H
#define ARCH_ARM_MMU_PT_ENV_H

#include "asm/pgtable.h"
#include "kernel.h"

/* A small page's attribute bits by prot's low byte, 0 until encoded once (pt_encode.c). */
extern uint32_t pt_small_attrs[256];

/* mk_small_page_valid() with its cache read inline: 0 if prot is not valid. */
static inline pte_t mk_small_page_cached(phys_addr_t pa, pgprot_t prot)
{
	uint32_t attrs = pt_small_attrs[prot & 0xff];

	if (unlikely(!attrs || (prot & ~PROT_VALID_MASK)))
		return mk_small_page_valid(pa, prot);
	return (pa & PTE_SMALL_ADDR_MASK) | L2_TYPE_SMALL | attrs;
}

#ifdef HOST_TEST

static inline pte_t *pt_env_l2_table(phys_addr_t pa)
{
	return pt_phys_to_virt(pa);
}

static inline void pt_env_sync_l2(const pte_t *start, const pte_t *end)
{
	pt_sync_entries(start, end);
}

static inline bool pt_env_table_stays(const struct arch_aspace *as, uint32_t va)
{
	return pt_table_pinned(as, va);
}

static inline void pt_env_flush_tlb_range(const struct arch_aspace *as, uint32_t va, uint32_t size)
{
	pt_flush_tlb_range(as, va, size);
}

#else /* the kernel: arch/arm/mmu/mmu.c owns the state */

#include "asm/cacheflush.h"
#include "asm/memory.h"
#include "asm/mmu.h"

/* Table walks read through the data cache: a DSB, no clean (mmu.c, pt_walks_coherent()). */
extern bool pt_walks_coherent_flag;
/* kernel_aspace.table_stays: the kept tables and the pkmap and fixmap windows (mmu.c). */
extern uint32_t pt_stays_table[L1_ENTRIES / 32];

/* Tables live in lowmem. */
static inline pte_t *pt_env_l2_table(phys_addr_t pa)
{
	return __va(pa);
}

/* L2 entries only: no first-level entry of swapper_pg_dir for processes to copy. */
static inline void pt_env_sync_l2(const pte_t *start, const pte_t *end)
{
	if (pt_walks_coherent_flag)
		dsb();
	else
		dcache_clean_range((uintptr_t)start, (uintptr_t)end);
}

static inline bool pt_env_table_stays(const struct arch_aspace *as, uint32_t va)
{
	return as->table_stays && (as->table_stays[va >> 25] >> ((va >> 20) & 31) & 1);
}

/* One kernel page inline; the rest as pt_flush_tlb_range() does it. */
static inline void pt_env_flush_tlb_range(const struct arch_aspace *as, uint32_t va, uint32_t size)
{
	if (size == PAGE_SIZE && !as->user)
		flush_tlb_kernel_page(va);
	else
		pt_flush_tlb_range(as, va, size);
}

#endif
#endif

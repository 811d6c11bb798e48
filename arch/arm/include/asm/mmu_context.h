/*
 * Process address spaces on the CPU (arch/arm/mmu/context.c): what the
 * generic mm (mm/user/) may ask of the hardware for a process table.
 *
 * A process's first-level table holds its own entries below TASK_SIZE and
 * copies of swapper_pg_dir's from TASK_SIZE up. The copies are kept in
 * step here: a change of swapper_pg_dir's kernel entries is written into
 * the live table at once and into the others when they are next switched
 * in. Switching writes TTBR0 and CONTEXTIDR, taking an ASID from the
 * portable allocator (asm/asid.h); nothing here needs to know the mm that
 * owns an arch_aspace.
 */
#ifndef ASM_MMU_CONTEXT_H
#define ASM_MMU_CONTEXT_H

#include "asm/pgtable.h"

#define ASID_LIMIT_DEFAULT 255

/* Boot: the ASID space, TTBR0's walk attributes, user access to the cycle counter. */
void arch_mm_init(void);
/* Make pgd (16 KB, zeroed below TASK_SIZE) a process table with the kernel entries. */
void arch_aspace_init(struct arch_aspace *as, pde_t *pgd);
/* Make next's table live (TTBR0 + ASID); NULL means kernel only (swapper_pg_dir). */
void switch_aspace(struct arch_aspace *next);
/* Flush a process's TLB entries for [va, va + size) (nothing if its ASID is stale). */
void flush_tlb_user_range(const struct arch_aspace *as, uint32_t va, uint32_t size);
/* For pt_sync_entries(): swapper_pg_dir's entries [start, end) at or above TASK_SIZE changed. */
void kernel_pgd_changed(const pde_t *start, const pde_t *end);

/* The ASID as runs with if it has a current one, else 0. */
uint32_t aspace_asid(const struct arch_aspace *as);
/* Rollovers so far; a smaller ASID space (tests force rollovers with it). */
unsigned asid_rollovers(void);
/* Switches that found another CPU running a different context under the same ASID (0). */
unsigned asid_conflicts(void);
void asid_set_limit(uint32_t limit);

#endif

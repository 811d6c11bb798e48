/*
 * The kernel's page tables: swapper_pg_dir and the calls the rest of the
 * kernel uses on it. The descriptor-level contract is asm/pgtable.h.
 */
#ifndef ASM_MMU_H
#define ASM_MMU_H

#include "asm/pgtable.h"
#include "asm/fixmap.h"

extern pde_t swapper_pg_dir[L1_ENTRIES];
/* swapper_pg_dir as an address space, for the page-table calls that change it. */
extern struct arch_aspace kernel_aspace;
extern pde_t early_pg_dir[L1_ENTRIES];
extern uintptr_t high_memory;   /* end of the direct map */
extern uintptr_t vmalloc_start; /* VMALLOC_START, after boot arguments */

/* Build the final kernel tables and switch to them (no identity map). */
void paging_init(phys_addr_t ram_base, uint32_t ram_size, uint32_t vmalloc_size);

/* Map, change or remove kernel mappings in swapper_pg_dir. */
int map_kernel_range(uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot);

void set_fixmap(enum fixed_addresses idx, phys_addr_t pa, pgprot_t prot);
void clear_fixmap(enum fixed_addresses idx);
static inline void *fix_to_virt(enum fixed_addresses idx)
{
	return (void *)__fix_to_virt(idx);
}

/* Do table walks read through the data cache (no clean after a table write)? */
bool pt_walks_coherent(void);
/* L2 tables in use and free in the pool (for tests and the boot log). */
void pt_pool_stats(unsigned *in_use, unsigned *free);
/* Pages from the buddy allocator in the pool with no table in use (a leak: must be 0). */
unsigned pt_pool_idle_pages(void);

/*
 * vmalloc area tables are kept when they empty (arch/arm/mmu/mmu.c): mark
 * the table of the MB holding va, count the tables kept, and free the empty
 * kept tables of the whole MBs inside [start, end).
 */
void pt_keep_table(uint32_t va);
unsigned pt_kept_tables(void);
void pt_release_kept_tables(uint32_t start, uint32_t end);

/* Walk the live tables exactly as the MMU does (TTBR0/TTBR1/TTBCR). */
void mmu_walk_live(uint32_t va, struct pt_walk *out);
/* True when this CPU runs in Non-secure state (PAR.NS is then set). */
bool cpu_nonsecure(void);
/* Print the CPU's identification and features at boot (arch/arm/kernel/cpu.c). */
void cpu_print_info(void);

/* Print the mappings of [start, end) in swapper_pg_dir. */
void pt_dump_kernel(uint32_t start, uint64_t end);

#endif

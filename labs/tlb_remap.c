/* lab-tlb (docs/labs/tlb.md): point a kernel page at another frame. */
#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "asm/pgtable.h"
#include "labs.h"

/*
 * This works on paper: the PTE now says pa, and it is cleaned to memory
 * for the table walker. Yet the check fails. Find out why with gdb
 * (docs/labs/tlb.md), then fix it.
 */
void lab_remap(uintptr_t va, phys_addr_t pa)
{
	pte_t *ptep = pt_l2_entry(&kernel_aspace, (uint32_t)va);

	*ptep = mk_small_page(pa, PAGE_KERNEL);
	clean_pt_entry(ptep);
}

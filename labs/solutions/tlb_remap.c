/* lab-tlb, the reference solution (docs/labs/tlb.md). */
#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "asm/pgtable.h"
#include "labs.h"

void lab_remap(uintptr_t va, phys_addr_t pa)
{
	pte_t *ptep = pt_l2_entry(&kernel_aspace, (uint32_t)va);

	*ptep = mk_small_page(pa, PAGE_KERNEL);
	clean_pt_entry(ptep);
	/* The TLB may still hold the old translation, on any CPU: drop it everywhere. */
	flush_tlb_kernel_page(va);
}

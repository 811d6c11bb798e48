/*
 * kmap_atomic over fixmap slots: one PTE write and one TLB invalidate by
 * MVA per mapping. The slots' PTEs live in the fixmap L2 table, found once
 * at boot, so the fast path builds no descriptor and walks no table.
 */
#include "asm/cacheflush.h"
#include "asm/mmu.h"
#include "highmem.h"
#include "printk.h"

_Static_assert(FIX_KMAP_END - FIX_KMAP_BEGIN + 1 == KM_MAX_IDX, "kmap slots");

static pte_t *kmap_ptes;        /* PTE of slot FIX_KMAP_BEGIN */
static pte_t kmap_pte_bits;     /* attribute bits of a kmap PTE (kernel RW, XN) */
static unsigned depth;

void kmap_init(void)
{
	struct pt_walk w;
	uint32_t va = __fix_to_virt(FIX_KMAP_BEGIN);

	/* Map then unmap a slot so the fixmap L2 table exists, and find it. */
	set_fixmap(FIX_KMAP_BEGIN, 0, PAGE_KERNEL);
	pt_query(swapper_pg_dir, va, &w);
	BUG_ON(w.kind != PT_SMALL);
	kmap_ptes = __va(w.l2_addr);
	clear_fixmap(FIX_KMAP_BEGIN);
	pt_query(swapper_pg_dir, __fix_to_virt(FIX_EARLYCON), &w);
	BUG_ON(w.kind != PT_SMALL);     /* the console keeps the table alive */
	kmap_pte_bits = mk_small_page(0, PAGE_KERNEL);
}

void *kmap_atomic(struct page *page)
{
	uint32_t va;

	if (!PageHighMem(page))
		return page_address(page);
	if (unlikely(depth >= KM_MAX_IDX)) {
		vm_stats.misuse++;
		printk("BUG: kmap_atomic: more than %u nested mappings (pfn %#x), caller %p\n",
		       KM_MAX_IDX, page_to_pfn(page), __builtin_return_address(0));
		return NULL;
	}
	va = __fix_to_virt(FIX_KMAP_BEGIN + depth);
	kmap_ptes[depth] = page_to_phys(page) | kmap_pte_bits;
	clean_pt_entry(&kmap_ptes[depth]);
	local_flush_tlb_kernel_page(va);
	depth++;
	return (void *)va;
}

void kunmap_atomic(void *addr)
{
	uint32_t va = (uint32_t)addr;
	unsigned idx;

	if (va < __fix_to_virt(FIX_KMAP_BEGIN) || va > __fix_to_virt(FIX_KMAP_END) + PAGE_SIZE - 1)
		return;         /* a lowmem page: nothing was mapped */
	idx = __virt_to_fix(va) - FIX_KMAP_BEGIN;
	if (unlikely(depth == 0 || idx != depth - 1)) {
		vm_stats.misuse++;
		printk("BUG: kunmap_atomic(%p) out of order: slot %u, %u mapped, caller %p\n",
		       addr, idx, depth, __builtin_return_address(0));
		return;
	}
	depth--;
	kmap_ptes[depth] = 0;
	clean_pt_entry(&kmap_ptes[depth]);
	local_flush_tlb_kernel_page(va & PAGE_MASK);
}

unsigned kmap_atomic_depth(void)
{
	return depth;
}

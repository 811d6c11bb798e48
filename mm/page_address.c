/*
 * Between pages and addresses at run time: the lowmem lookup the inline
 * fast paths use (mm_fast.h, filled in by mem_init()), page_address() and
 * virt_to_page(), and clearing pages wherever they are.
 */
#include "asm/memory.h"
#include "highmem.h"
#include "mm.h"

struct lowmem_lookup lowmem;

void *page_address(const struct page *page)
{
	if (PageHighMem(page))
		return kmap_high_address(page); /* NULL unless kmapped */
	return __va(page_to_phys(page));
}

struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(__pa(addr) >> PAGE_SHIFT);
}

void clear_pages(struct page *page, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++)
		clear_highpage(page + i);
}

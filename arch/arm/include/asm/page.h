/*
 * Whole pages through a kernel address (arch/arm/lib/clear_page.S,
 * copy_page.S): multiple-register stores of 32 bytes, for the demand-zero
 * fault and copy on write. addr, to and from are kernel virtual addresses
 * of one page each, mapped writable (to, addr) or readable (from); exactly
 * PAGE_SIZE bytes are written from addr or to, nothing around them. The
 * two pages of copy_page must not overlap. For a struct page, which may be
 * highmem, use clear_highpage() and copy_highpage() (highmem.h).
 */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

void clear_page(void *addr);
void copy_page(void *to, const void *from);

#endif

/*
 * Kernel virtual memory: the vmalloc area between VMALLOC_START and
 * VMALLOC_END. Every area has one unmapped guard page after it, so running
 * off its end faults at once.
 *
 *   vmalloc(size)       virtually contiguous memory built from single pages
 *                       of the buddy allocator (highmem preferred), mapped
 *                       with small pages; vzalloc zeroes it; vfree unmaps,
 *                       flushes the TLB and returns every page (a small
 *                       area's address range may be kept for the next
 *                       vmalloc of its size: purge_vmap_area_lazy(), or
 *                       reclaim's shrinker, include/shrinker.h).
 *   vmap(pages, n, ..)  map pages someone else owns; vunmap undoes it.
 *   get_vm_area(size)   reserve address space only (the caller maps it).
 *
 * Misuse (size 0, larger than the area, freeing an address these never
 * returned or with the wrong call) is reported, counted in vm_stats.misuse,
 * and changes nothing.
 */
#ifndef VMALLOC_H
#define VMALLOC_H

#include "gfp.h"
#include "kernel.h"

struct page;

enum vm_kind {
	VM_ALLOC,
	VM_MAP,
	VM_IOREMAP,
	VM_AREA,
	VM_DMA_COHERENT
};

struct vm_struct {
	uint32_t addr; /* start */
	uint32_t size; /* mapped bytes, guard page excluded */
	enum vm_kind kind;
	struct page **pages; /* VM_ALLOC, VM_MAP */
	unsigned nr_pages;
	phys_addr_t phys_addr; /* VM_IOREMAP, VM_DMA_COHERENT */
	void *caller;
};

void *vmalloc(size_t size);
void *vzalloc(size_t size);
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned count, uint32_t prot);
void vunmap(const void *addr);
/* Address space alone, aligned to align (a power of two >= 4096). */
struct vm_struct *get_vm_area(size_t size, size_t align);
void free_vm_area(struct vm_struct *area);
/* The area a vmalloc/vmap/ioremap/get_vm_area address starts, or NULL. */
struct vm_struct *find_vm_area(const void *addr);

/*
 * Areas in use, free bytes (lazily freed areas are neither), and a
 * /proc/vmallocinfo style listing.
 */
unsigned vmalloc_nr_areas(void);
uint32_t vmalloc_free_bytes(void);
/* Give the areas vfree kept for reuse back to the area allocator. */
void purge_vmap_area_lazy(void);
/* The areas in use as Linux's /proc/vmallocinfo; vmallocinfo_show() prints them. */
struct seq_file;
void vmallocinfo_seq_show(struct seq_file *m);
void vmallocinfo_show(void);
/* The area allocator's invariant check; returns problems found. */
unsigned vmalloc_check(void);

void vmalloc_init(void);

#endif

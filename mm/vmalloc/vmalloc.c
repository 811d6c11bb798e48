/*
 * vmalloc, vmap and the vmalloc area (see include/vmalloc.h). Address
 * ranges come from the vmap_area allocator; bookkeeping from kmalloc; pages
 * from the buddy allocator; page tables from pt_map_pages()/pt_unmap().
 */
#include "asm/memory.h"
#include "asm/mmu.h"
#include "mm.h"
#include "printk.h"
#include "slab.h"
#include "string.h"
#include "vmalloc.h"
#include "vmap_area.h"

static struct va_space vmalloc_space;

static const char *const kind_names[] = {
	[VM_ALLOC] = "vmalloc", [VM_MAP] = "vmap", [VM_IOREMAP] = "ioremap",
	[VM_AREA] = "area", [VM_DMA_COHERENT] = "dma",
};

struct vmap_area *va_node_alloc(void)
{
	return kmalloc(sizeof(struct vmap_area), GFP_KERNEL);
}

void va_node_free(struct vmap_area *va)
{
	kfree(va);
}

void vmalloc_init(void)
{
	if (va_space_init(&vmalloc_space, vmalloc_start, VMALLOC_END))
		panic("vmalloc_init: no memory for the area allocator");
}

static void report(const char *who, const void *addr, const char *what, void *caller)
{
	vm_stats.misuse++;
	printk("BUG: %s(%p): %s (caller %p)\n", who, addr, what, caller);
}

struct vm_struct *__get_vm_area(size_t size, size_t align, enum vm_kind kind, void *caller)
{
	struct vm_struct *vm;
	struct vmap_area *va;

	if (!size || size > VMALLOC_END - vmalloc_start)
		return NULL;
	vm = kzalloc(sizeof(*vm), GFP_KERNEL);
	if (!vm)
		return NULL;
	va = va_alloc(&vmalloc_space, ALIGN((uint32_t)size, PAGE_SIZE), max(align, (size_t)PAGE_SIZE),
		      PAGE_SIZE);
	if (!va) {
		kfree(vm);
		return NULL;
	}
	va->owner = vm;
	vm->addr = va->start;
	vm->size = va->end - va->start - va->guard;
	vm->kind = kind;
	vm->caller = caller;
	return vm;
}

void __free_vm_area(struct vm_struct *vm)
{
	struct vmap_area *va = va_find(&vmalloc_space, vm->addr);

	va_free(&vmalloc_space, va);
	kfree(vm);
}

/* The area starting at addr, if it is of the expected kind; otherwise a report. */
struct vm_struct *__find_vm_area(const void *addr, enum vm_kind kind, const char *who, void *caller)
{
	struct vmap_area *va = va_find(&vmalloc_space, (uint32_t)addr & PAGE_MASK);
	struct vm_struct *vm = va ? va->owner : NULL;

	if (!vm) {
		report(who, addr, "not an address this allocator returned", caller);
		return NULL;
	}
	if (vm->kind != kind) {
		char what[64];

		snprintf(what, sizeof(what), "the area was made by %s, not by this call", kind_names[vm->kind]);
		report(who, addr, what, caller);
		return NULL;
	}
	return vm;
}

struct vm_struct *get_vm_area(size_t size, size_t align)
{
	return __get_vm_area(size, align, VM_AREA, __builtin_return_address(0));
}

void free_vm_area(struct vm_struct *area)
{
	if (area && __find_vm_area((void *)area->addr, VM_AREA, "free_vm_area",
				   __builtin_return_address(0)) == area)
		__free_vm_area(area);
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = va_find(&vmalloc_space, (uint32_t)addr);

	return va ? va->owner : NULL;
}

static phys_addr_t page_pa(void *ctx, unsigned i)
{
	return page_to_phys(((struct page **)ctx)[i]);
}

static void free_page_array(struct page **pages, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		__free_page(pages[i]);
	kfree(pages);
}

static void *vmalloc_caller(size_t size, gfp_t gfp, void *caller)
{
	struct vm_struct *vm;
	unsigned n;

	if (!size || size > VMALLOC_END - vmalloc_start) {
		report("vmalloc", (void *)size, size ? "larger than the vmalloc area" : "size 0", caller);
		return NULL;
	}
	n = ALIGN((uint32_t)size, PAGE_SIZE) >> PAGE_SHIFT;
	vm = __get_vm_area(size, PAGE_SIZE, VM_ALLOC, caller);
	if (!vm)
		goto fail;
	vm->pages = kmalloc(n * sizeof(struct page *), GFP_KERNEL | __GFP_NOWARN);
	if (!vm->pages)
		goto fail_area;
	for (vm->nr_pages = 0; vm->nr_pages < n; vm->nr_pages++) {
		vm->pages[vm->nr_pages] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN);
		if (!vm->pages[vm->nr_pages])
			goto fail_pages;
	}
	if (pt_map_pages(swapper_pg_dir, vm->addr, n, page_pa, vm->pages, PAGE_KERNEL))
		goto fail_pages;
	if (gfp & __GFP_ZERO)
		memset((void *)vm->addr, 0, n * PAGE_SIZE);
	return (void *)vm->addr;

fail_pages:
	free_page_array(vm->pages, vm->nr_pages);
fail_area:
	__free_vm_area(vm);
fail:
	vm_stats.alloc_failures++;
	printk("WARNING: vmalloc(%zu): out of memory or address space (caller %p)\n", size, caller);
	return NULL;
}

void *vmalloc(size_t size)
{
	return vmalloc_caller(size, GFP_KERNEL, __builtin_return_address(0));
}

void *vzalloc(size_t size)
{
	return vmalloc_caller(size, GFP_KERNEL | __GFP_ZERO, __builtin_return_address(0));
}

void vfree(const void *addr)
{
	struct vm_struct *vm;

	if (!addr)
		return;
	vm = __find_vm_area(addr, VM_ALLOC, "vfree", __builtin_return_address(0));
	if (!vm || (uint32_t)addr != vm->addr) {
		if (vm)
			report("vfree", addr, "not the start of the area", __builtin_return_address(0));
		return;
	}
	pt_unmap(swapper_pg_dir, vm->addr, vm->nr_pages * PAGE_SIZE);   /* flushes the TLB */
	free_page_array(vm->pages, vm->nr_pages);
	__free_vm_area(vm);
}

void *vmap(struct page **pages, unsigned count, uint32_t prot)
{
	struct vm_struct *vm;

	if (!count || !pages) {
		report("vmap", pages, "no pages", __builtin_return_address(0));
		return NULL;
	}
	vm = __get_vm_area((size_t)count * PAGE_SIZE, PAGE_SIZE, VM_MAP, __builtin_return_address(0));
	if (!vm)
		return NULL;
	if (pt_map_pages(swapper_pg_dir, vm->addr, count, page_pa, pages, prot)) {
		__free_vm_area(vm);
		return NULL;
	}
	vm->pages = pages;
	vm->nr_pages = count;
	return (void *)vm->addr;
}

void vunmap(const void *addr)
{
	struct vm_struct *vm;

	if (!addr)
		return;
	vm = __find_vm_area(addr, VM_MAP, "vunmap", __builtin_return_address(0));
	if (!vm || (uint32_t)addr != vm->addr) {
		if (vm)
			report("vunmap", addr, "not the start of the area", __builtin_return_address(0));
		return;
	}
	pt_unmap(swapper_pg_dir, vm->addr, vm->nr_pages * PAGE_SIZE);
	__free_vm_area(vm);
}

unsigned vmalloc_nr_areas(void)
{
	return vmalloc_space.nr_busy;
}

uint32_t vmalloc_free_bytes(void)
{
	return vmalloc_space.free_bytes;
}

unsigned vmalloc_check(void)
{
	return va_check(&vmalloc_space);
}

void vmallocinfo_show(void)
{
	const struct vmap_area *va;

	list_for_each_entry(va, &vmalloc_space.areas, addr) {
		const struct vm_struct *vm = va->owner;

		if (va->free)
			continue;
		printk("0x%08x-0x%08x %8u %-7s", va->start, va->end, va->end - va->start,
		       kind_names[vm->kind]);
		if (vm->nr_pages)
			printk(" pages=%u", vm->nr_pages);
		if (vm->kind == VM_IOREMAP || vm->kind == VM_DMA_COHERENT)
			printk(" phys=0x%08x", vm->phys_addr);
		printk(" caller %p\n", vm->caller);
	}
}

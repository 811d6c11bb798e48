/*
 * ioremap: device memory in the vmalloc area. The page offset of the
 * physical address is kept; sections are used where both addresses are
 * 1 MB aligned. RAM the kernel manages is refused (a second, uncached
 * mapping of memory the allocators hand out would break them); RAM left
 * out with mem= is fair game.
 */
#include "asm/io.h"
#include "asm/mmu.h"
#include "memblock.h"
#include "mm.h"
#include "printk.h"
#include "vmalloc_internal.h"
#include "vmap_area.h"

static void report(phys_addr_t phys, size_t size, const char *what, void *caller)
{
	vm_stats.misuse++;
	printk("BUG: ioremap(%#x, %#zx): %s (caller %pS)\n", phys, size, what, caller);
}

static bool overlaps_managed_ram(phys_addr_t phys, uint64_t end)
{
	const struct memblock_type *mem = &memblock.memory;

	for (unsigned i = 0; i < mem->count; i++)
		if (phys < (uint64_t)mem->regions[i].base + mem->regions[i].size &&
		    end > mem->regions[i].base)
			return true;
	return false;
}

static void __iomem *ioremap_caller(phys_addr_t phys, size_t size, pgprot_t prot, void *caller)
{
	/* In 64 bits: the whole pages of [phys, phys + size) may reach 4 GB exactly. */
	uint64_t end = (uint64_t)phys + size;
	uint64_t map_size = ALIGN(end, PAGE_SIZE) - (phys & PAGE_MASK);
	phys_addr_t offset = phys & ~PAGE_MASK;
	struct vm_struct *vm;
	uint32_t flags;
	int err;

	if (!size || end > 0x100000000ull) {
		report(phys, size, size ? "range wraps past 4 GB" : "size 0", caller);
		return NULL;
	}
	if (overlaps_managed_ram(phys, end)) {
		report(phys, size, "RAM the kernel manages (use mem= to keep it out)", caller);
		return NULL;
	}
	/* One page (a device's registers, mostly): an area vfree or iounmap kept, if any. */
	if (map_size == PAGE_SIZE) {
		vm = vm_map_lazy_one(mk_small_page(phys - offset, prot), phys - offset, VM_IOREMAP,
				     caller);
		if (vm)
			return (void __iomem *)(vm->addr + offset);
	}
	if (map_size > VMALLOC_END - vmalloc_start) {
		report(phys, size, "larger than the vmalloc area", caller);
		return NULL;
	}
	vm = __get_vm_area(map_size, map_size >= SZ_1M ? SZ_1M : PAGE_SIZE, VM_IOREMAP, caller);
	if (!vm)
		return NULL;
	vm->phys_addr = phys - offset;
	spin_lock_irqsave(&vmap_lock, flags);
	err = pt_map(&kernel_aspace, vm->addr, vm->phys_addr, map_size, prot);
	spin_unlock_irqrestore(&vmap_lock, flags);
	if (err) {
		__free_vm_area(vm);
		return NULL;
	}
	return (void __iomem *)(vm->addr + offset);
}

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	return ioremap_caller(phys, size, PAGE_DEVICE, __builtin_return_address(0));
}

void __iomem *ioremap_wc(phys_addr_t phys, size_t size)
{
	return ioremap_caller(phys, size, PAGE_KERNEL_NC, __builtin_return_address(0));
}

void iounmap(volatile void __iomem *addr)
{
	if (addr)
		remove_vm_area_kind((const void *)addr, VM_IOREMAP, "iounmap",
				    __builtin_return_address(0));
}

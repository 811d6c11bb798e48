/*
 * Internal to mm/vmalloc: what ioremap.c asks of the vmalloc area's
 * allocator (vmalloc.c) beyond the public include/vmalloc.h.
 *
 *   __get_vm_area       reserve an area of a given kind (NULL: no room);
 *   __free_vm_area      give a reserved, unmapped area back;
 *   __find_vm_area      the area starting at addr's page if it is of the
 *                       expected kind, else a report naming who;
 *   vm_map_lazy_one     a one-page area vfree or iounmap kept lazily,
 *                       mapped with the PTE pte and owned by an area of
 *                       kind; NULL when none is kept (the caller then takes
 *                       the general path). No search, split or node
 *                       allocation: one PTE write;
 *   remove_vm_area_kind unmap and release the area at addr's page, if it is
 *                       of kind (else the report); a one-page area is kept
 *                       lazily for the next one-page vmalloc or ioremap,
 *                       anything else goes back to the area allocator.
 *                       The TLB flush reaches every CPU before the range
 *                       can be reused.
 */
#ifndef MM_VMALLOC_INTERNAL_H
#define MM_VMALLOC_INTERNAL_H

#include "vmalloc.h"

struct vm_struct *__get_vm_area(size_t size, size_t align, enum vm_kind kind, void *caller);
void __free_vm_area(struct vm_struct *area);
struct vm_struct *__find_vm_area(const void *addr, enum vm_kind kind, const char *who,
				 void *caller);
struct vm_struct *vm_map_lazy_one(uint32_t pte, phys_addr_t pa, enum vm_kind kind, void *caller);
void remove_vm_area_kind(const void *addr, enum vm_kind kind, const char *who, void *caller);

#endif

# arch/arm/mmu: descriptors, the walker, map/unmap, cache and TLB maintenance, paging_init.
src-y += cache.S early_map.c mmu.c pt_encode.c pt_map.c pt_walk.c

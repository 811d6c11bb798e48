# arch/arm/mmu: descriptors, the walker, map/unmap, cache and TLB maintenance, paging_init,
# process tables and ASIDs (context.c, asid.c).
src-y += asid.c cache.S context.c early_map.c mmu.c pt_encode.c pt_map.c pt_walk.c

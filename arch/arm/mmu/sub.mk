# arch/arm/mmu: descriptors, the walker, map/unmap, cache and TLB maintenance, paging_init,
# process tables and ASIDs (context.c, asid.c), cache maintenance for streaming DMA.
src-y += asid.c cache.S context.c dma_cache.c early_map.c mmu.c pt_encode.c pt_map.c pt_walk.c

# mm/dma: streaming DMA mappings, the bounce pool, DMA-API debugging, DMA pools.
src-y += debug.c dmapool.c mapping.c swiotlb.c

# mm/vmalloc: the kernel's virtual areas: vmalloc, ioremap, coherent DMA.
src-y += dma_coherent.c ioremap.c vmalloc.c vmap_area.c

# mm/slab: slab caches, kmalloc, mempool, slab debugging.
src-y += kmalloc.c mempool.c slab.c slab_debug.c

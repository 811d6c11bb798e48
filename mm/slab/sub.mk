# mm/slab: slab caches, kmalloc, mempool, slab debugging, the empty slabs' shrinker.
src-y += kmalloc.c mempool.c slab.c slab_debug.c slab_shrinker.c

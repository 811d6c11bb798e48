# The labs' starting points (docs/labs/), in the test kernel only.
src-y := buddy.c fault.c slab_ctor.c kmap_sum.c tlb_remap.c

# The labs' reference solutions: only in the kernel make test-labs builds (LAB_SOLUTIONS=y).
src-y := buddy.c fault.c slab_ctor.c kmap_sum.c tlb_remap.c

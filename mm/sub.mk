# mm/: memblock, the RAM probe, mem_map and zones at boot, highmem, swap, shrinkers, compaction, leak detection.
src-y += shrinker.c swapfile.c
src-y += compaction.c highmem.c hugetlb.c kmemleak.c memblock.c mm_init.c page_address.c ram_probe.c

# mm/: memblock, the RAM probe, mem_map and zones at boot, highmem.
src-y += swapfile.c
src-y += compaction.c highmem.c hugetlb.c memblock.c mm_init.c page_address.c ram_probe.c

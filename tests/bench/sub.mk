# tests/bench: the on-target benchmarks (make bench).
src-y += blk_bench.c boot_bench.c buddy_bench.c dma_bench.c lock_bench.c lockdep_bench.c mmu_bench.c slab_bench.c smp_scaling_bench.c user_bench.c vmalloc_bench.c young_bench.c
# Last: its moves change the allocator's state, which the cases after it would see.
src-y += compaction_bench.c
# Last of all: swapon() is for good (no swapoff), and the swap device's pages stay taken.
src-y += swap_bench.c

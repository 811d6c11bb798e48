# tests/target: the on-target self-test suites.
src-y += blk_test.c buddy_test.c crash_test.c devtree_test.c dma_test.c fault_test.c fork_test.c gate.c irq_test.c
src-y += backtrace_test.c kallsyms_test.c kmemleak_test.c led_test.c locks_test.c
src-y += mmu_ats_test.c mmu_fixture.c page_ops_test.c pgtable_test.c sizes_test.c slab_test.c smp_test.c test_util.c
src-y += tlb_test.c tty_test.c user_test.c vmalloc_test.c
src-y += proc_test.c oom_test.c swap_test.c compaction_test.c
src-y += lab_test.c failinject_test.c shrinker_test.c

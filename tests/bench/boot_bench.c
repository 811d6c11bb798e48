/*
 * Boot cost: guest instructions from the kernel's first instruction to the
 * moment the self-tests start (init/boot_time.c), with the per-phase
 * breakdown. Only on boards whose PMCCNTR head.S starts (vexpress-a15,
 * virt, raspi2b); under QEMU's -icount shift=0 the count repeats exactly.
 * It includes what the secondary CPUs execute while the boot CPU counts
 * (the counter follows QEMU's virtual clock, which every vCPU advances).
 */
#include "bench.h"
#include "board.h"
#include "boot_time.h"
#include "printk.h"

#if BOARD_CYCLE_COUNTER == CYCLES_PMCCNTR
/*
 * Not a loop: the runner subtracts the empty loop of one iteration, so the
 * case adds it back and the printed figure is the boot's count itself.
 */
static uint64_t bench_boot_to_first_test(unsigned iterations)
{
	uint32_t total = boot_time_total();

	(void)iterations;
	if (!total) {
		printk("bench: boot: no count recorded (boot_time_done() not reached?)\n");
		return BENCH_FAILED;
	}
	printk("bench: boot phases (instructions, share of the boot):\n");
	boot_time_print("bench: ");
	return total + bench_empty_loop(1);
}
BENCH_CASE(boot, "boot to the first test (from the first insn)", bench_boot_to_first_test, 1);
#endif

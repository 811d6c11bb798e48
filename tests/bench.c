/*
 * The benchmark runner. Counts come from the board's counter (board.h):
 * PMCCNTR counts one per guest instruction under -icount shift=0, the A9
 * global timer one per ten, so results are scaled to instructions.
 */
#include "asm/cp15.h"
#include "asm/mmu.h"
#include "bench.h"
#include "board.h"
#include "printk.h"

extern const struct bench_case __bench_start[], __bench_end[];

static volatile uint32_t *global_timer;

void bench_counter_init(void)
{
	if (board.cycle_counter == CYCLES_PMCCNTR) {
		write_pmcr(7);                  /* enable, reset counters */
		write_pmcntenset(1u << 31);     /* cycle counter on */
		isb();
	} else if (board.cycle_counter == CYCLES_A9_GLOBAL_TIMER) {
		set_fixmap(FIX_BENCH_TIMER, board.global_timer_phys, PAGE_DEVICE);
		global_timer = (volatile uint32_t *)((char *)fix_to_virt(FIX_BENCH_TIMER) +
						      (board.global_timer_phys & 0xfff));
		global_timer[2] |= 1;           /* control: timer enable */
	}
}

uint64_t bench_counter_read(void)
{
	if (board.cycle_counter == CYCLES_PMCCNTR) {
		isb();
		return read_pmccntr();
	}
	if (global_timer) {
		uint32_t hi, lo;

		do {    /* 64-bit counter read as two halves */
			hi = global_timer[1];
			lo = global_timer[0];
		} while (hi != global_timer[1]);
		return ((uint64_t)hi << 32 | lo) * 10;
	}
	return 0;
}

int bench_run_all(const char *filter)
{
	(void)filter;
	bench_counter_init();
	printk("bench: counter %s; figures are guest instructions per operation\n",
	       board.cycle_counter == CYCLES_PMCCNTR ? "PMCCNTR" :
	       board.cycle_counter == CYCLES_A9_GLOBAL_TIMER ? "A9 global timer x10" : "none");
	if (board.cycle_counter == CYCLES_NONE) {
		printk("bench: this board has no usable counter (see PLATFORM.md)\n");
		return 1;
	}
	for (const struct bench_case *b = __bench_start; b < __bench_end; b++) {
		uint64_t total = b->run(b->iterations);

		printk("bench: %-32s %8llu instructions/op  (%u iterations)\n", b->name,
		       total / b->iterations, b->iterations);
	}
	return 0;
}

/*
 * The benchmark runner. Counts come from the board's counter (board.h):
 * PMCCNTR counts one per guest instruction under -icount shift=0, the A9
 * global timer one per ten, so results are scaled to instructions.
 *
 * Every line starts with "bench: " so that scripts/bench-run can pick them
 * out of the boot log; one line per case, then a summary line.
 */
#include "asm/cp15.h"
#include "asm/mmu.h"
#include "bench.h"
#include "board.h"
#include "cmdline.h"
#include "init.h"
#include "printk.h"
#include "string.h"

CMDLINE_FLAG_OR_VALUE(bench, "bench[=NAME]",
		      "run the benchmarks (all, or the one named) instead of the tests");

static volatile uint32_t *global_timer;
static uint32_t pmccntr_last, pmccntr_high; /* software extension to 64 bits */

void bench_counter_init(void)
{
	if (board.cycle_counter == CYCLES_PMCCNTR) {
		write_pmcr(7);              /* enable, reset counters */
		write_pmcntenset(1u << 31); /* cycle counter on */
		isb();
		pmccntr_last = 0;
		pmccntr_high = 0;
	} else if (board.cycle_counter == CYCLES_A9_GLOBAL_TIMER) {
		set_fixmap(FIX_BENCH_TIMER, board.global_timer_phys, PAGE_DEVICE);
		global_timer = (volatile uint32_t *)((char *)fix_to_virt(FIX_BENCH_TIMER) +
						     (board.global_timer_phys & 0xfff));
		global_timer[2] |= 1; /* control: timer enable */
	}
}

uint64_t bench_counter_read(void)
{
	if (board.cycle_counter == CYCLES_PMCCNTR) {
		uint32_t lo;

		isb();
		lo = read_pmccntr();
		if (lo < pmccntr_last) /* the 32-bit counter wrapped */
			pmccntr_high++;
		pmccntr_last = lo;
		return (uint64_t)pmccntr_high << 32 | lo;
	}
	if (global_timer) {
		uint32_t hi, lo;

		do { /* 64-bit counter read as two halves */
			hi = global_timer[1];
			lo = global_timer[0];
		} while (hi != global_timer[1]);
		return ((uint64_t)hi << 32 | lo) * 10;
	}
	return 0;
}

/* The loop every case times, with nothing in it (see bench.h). */
__attribute__((noinline)) uint64_t bench_empty_loop(unsigned iterations)
{
	uint64_t t0 = bench_counter_read();

	for (unsigned i = 0; i < iterations; i++)
		__asm__ volatile("");
	return bench_counter_read() - t0;
}

static bool selected(const char *filter, const char *name)
{
	if (!filter || !*filter || !strcmp(filter, "all"))
		return true;
	return !strncmp(name, filter, strlen(filter));
}

/* "1234.56": count / iterations with two decimals, rounded down. */
static void format_per_op(char *buf, size_t size, uint64_t count, unsigned iterations)
{
	uint64_t hundredths = count * 100 / iterations;

	snprintf(buf, size, "%llu.%02llu", hundredths / 100, hundredths % 100);
}

int bench_run_all(const char *filter)
{
	const char *counter;
	unsigned ncases = 0, failed = 0;
	char per_op[32];

	bench_counter_init();
	switch (board.cycle_counter) {
	case CYCLES_PMCCNTR: counter = "PMCCNTR, 1 count = 1 instruction"; break;
	case CYCLES_A9_GLOBAL_TIMER:
		counter = "A9 global timer x10, resolution 10 instructions";
		break;
	default:
		printk("bench: this board has no usable counter (see PLATFORM.md)\n");
		printk("bench: done: 0 cases run, 1 failed\n");
		return 1;
	}
	printk("bench: unit: guest instructions, valid under QEMU -icount shift=0 only (%s)\n",
	       counter);
	printk("bench: kernel built with gcc %s; figures change with the code and the compiler\n",
	       __VERSION__);
	printk("bench: figure = (timed loop - empty loop of the same iterations) / iterations:\n");
	printk("bench:   the operation with its call, argument set-up and return-code check;"
	       " loop counter and counter reads excluded\n");
	format_per_op(per_op, sizeof(per_op), bench_empty_loop(1000), 1000);
	printk("bench: empty loop: %s instructions/iteration (counter reads included),"
	       " subtracted below\n",
	       per_op);

	for (const struct bench_case *b = __bench_start; b < __bench_end; b++) {
		uint64_t gross, empty, net;

		if (!selected(filter, b->name))
			continue;
		ncases++;
		if (!b->iterations) {
			printk("bench: %-46s FAILED (zero iterations)\n", b->name);
			failed++;
			continue;
		}
		gross = b->run(b->iterations);
		if (gross == BENCH_FAILED) {
			printk("bench: %-46s FAILED (see the messages above)\n", b->name);
			failed++;
			continue;
		}
		empty = bench_empty_loop(b->iterations);
		net = gross > empty ? gross - empty : 0;
		format_per_op(per_op, sizeof(per_op), net, b->iterations);
		printk("bench: %-46s %9s instructions/op  (loop %llu - empty %llu, %u ops)\n",
		       b->name, per_op, gross, empty, b->iterations);
	}
	printk("bench: done: %u cases run, %u failed\n", ncases, failed);
	return (int)failed;
}

/*
 * The boot argument bench runs every benchmark instead of the self-tests;
 * bench=smp-scaling the wall-clock scaling figure instead, and bench=NAME
 * the cases whose label starts with NAME.
 */
static int bench_boot(void)
{
	char name[64];

	if (cmdline_value("bench", name, sizeof(name)))
		return strcmp(name, "smp-scaling") ? bench_run_all(name) : bench_smp_scaling();
	return cmdline_flag("bench") ? bench_run_all(NULL) : 0;
}
test_initcall(bench_boot);

/*
 * Where the boot's instructions go: PMCCNTR readings at the end of each of
 * start_kernel()'s phases (include/boot_time.h). Only boards whose
 * PMCCNTR head.S started count; elsewhere every call is a no-op.
 */
#include "asm/cp15.h"
#include "board.h"
#include "boot_time.h"
#include "cmdline.h"
#include "printk.h"

CMDLINE_FLAG(boottime, "print the instructions each boot phase took (PMCCNTR)");

#define MAX_PHASES 40

static struct boot_phase phases[MAX_PHASES];
static unsigned nphases;
static uint32_t total;

bool boot_time_counted(void)
{
	return BOARD_CYCLE_COUNTER == CYCLES_PMCCNTR;
}

static uint32_t boot_counter(void)
{
	isb();
	return read_pmccntr() + BOOT_INSNS_BEFORE_COUNTER;
}

void boot_phase_end(const char *name)
{
	if (!boot_time_counted() || total || nphases == MAX_PHASES)
		return;
	phases[nphases++] = (struct boot_phase){ name, boot_counter() };
}

void boot_time_done(void)
{
	if (!boot_time_counted() || total)
		return;
	total = boot_counter();
	if (cmdline_flag("boottime")) {
		printk("boottime: %u instructions from the kernel's first one to the first test\n",
		       total);
		boot_time_print("boottime: ");
	}
}

unsigned boot_phases(const struct boot_phase **out)
{
	*out = phases;
	return total ? nphases : 0;
}

uint32_t boot_time_total(void)
{
	return total;
}

void boot_time_print(const char *prefix)
{
	uint32_t prev = 0;

	if (!total) {
		printk("%sno boot counter on this board\n", prefix);
		return;
	}
	for (unsigned i = 0; i <= nphases; i++) {
		const char *name = i < nphases ? phases[i].name : "initcalls, up to the first test";
		uint32_t end = i < nphases ? phases[i].end : total;
		uint32_t cost = end - prev;
		uint32_t permille = (uint32_t)((uint64_t)cost * 1000 / total);

		printk("%s  %-44s %9u  %3u.%u%%\n", prefix, name, cost, permille / 10,
		       permille % 10);
		prev = end;
	}
}

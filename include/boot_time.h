/*
 * The boot's cost by phase (init/boot_time.c): on boards whose PMCCNTR
 * counts (one per guest instruction under QEMU's -icount shift=0), head.S
 * starts the cycle counter at the kernel's first instructions and
 * start_kernel() reads it at the end of each phase. The boot argument
 * boottime prints the breakdown when the self-tests are about to start;
 * the bench case "boot to the first test" (tests/bench/boot_bench.c) prints
 * the total and the same breakdown.
 */
#ifndef BOOT_TIME_H
#define BOOT_TIME_H

#include "types.h"

/*
 * Instructions the boot CPU retires in head.S before the counter runs
 * (cpsid, mov, mcr PMCR, mov, mcr PMCNTENSET): added to every reading.
 */
#define BOOT_INSNS_BEFORE_COUNTER 5

struct boot_phase {
	const char *name; /* the phase that ended at this reading */
	uint32_t end;     /* instructions from the kernel's first one */
};

/* Does this board count the boot (PMCCNTR under icount)? */
bool boot_time_counted(void);
/* The phase name has just ended (a no-op without a counter, or once the table is full). */
void boot_phase_end(const char *name);
/* The self-tests start now: record the total, print the breakdown if boottime was given. */
void boot_time_done(void);
/* The recorded phases (0 before boot_time_done()) and the total. */
unsigned boot_phases(const struct boot_phase **phases);
uint32_t boot_time_total(void);
/* One line per phase with its own cost and share, each line starting with prefix. */
void boot_time_print(const char *prefix);

#endif

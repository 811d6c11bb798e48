/*
 * How much RAM the machine has at the board's RAM base: the device tree's
 * first memory bank when the tree has a usable one, else what the RAM probe
 * (ram_probe.h) finds up to the board's maximum. The board description
 * holds no RAM size of its own: the same image boots on any amount.
 * start_kernel() then lets mem= lower it.
 */
#ifndef RAM_H
#define RAM_H

#include "types.h"

enum ram_source {
	RAM_UNKNOWN,      /* ram_detect() has not run */
	RAM_FROM_DEVTREE, /* the device tree's memory node */
	RAM_PROBED,       /* no usable memory node: probed */
};

/*
 * Find the RAM, after devtree_early_init() and before memblock and
 * paging_init() (the probe needs the early window and nothing allocated).
 * Returns its size in bytes (a multiple of 1 MB); stops the kernel with one
 * clear line when less than the RAM_PROBE_MIN it needs answers.
 */
uint32_t ram_detect(void);
/* What ram_detect() found (0 before it ran), before mem=. */
uint32_t ram_present(void);
/* How it was found, and that in words ("from the device tree", "probed"). */
enum ram_source ram_source(void);
const char *ram_source_name(void);

#endif

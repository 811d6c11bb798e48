/*
 * The board the kernel was built for. Facts live in board/<name>.h (one
 * file per board, which the Makefile force-includes with -include); this is
 * their C view.
 */
#ifndef BOARD_H
#define BOARD_H

#include "types.h"

#define CYCLES_NONE             0   /* no usable counter */
#define CYCLES_PMCCNTR          1   /* PMU cycle counter: 1 per instruction under icount */
#define CYCLES_A9_GLOBAL_TIMER  2   /* 1 per 10 instructions under icount */

struct board_desc {
	const char *name;
	phys_addr_t ram_base;
	uint32_t ram_size;          /* RAM without a device tree or mem= */
	uint32_t ram_max;           /* the most RAM the board can have (mem= limit) */
	phys_addr_t uart_phys;
	phys_addr_t sys_led_phys;
	int cycle_counter;
	phys_addr_t global_timer_phys;
};

extern const struct board_desc board;

#endif

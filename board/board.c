/* Turns the board header's facts into the board description. */
#include "board.h"


#ifndef BOARD_GLOBAL_TIMER
#define BOARD_GLOBAL_TIMER 0
#endif

const struct board_desc board = {
	.name = BOARD_NAME,
	.ram_base = PHYS_OFFSET,
	.ram_size = BOARD_RAM_SIZE,
	.ram_max = BOARD_RAM_MAX,
	.uart_phys = BOARD_UART_PHYS,
	.sys_led_phys = BOARD_SYS_LED,
	.cycle_counter = BOARD_CYCLE_COUNTER,
	.global_timer_phys = BOARD_GLOBAL_TIMER,
};

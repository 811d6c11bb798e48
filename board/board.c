/* Turns the board header's facts into the board description. */
#include "board.h"

#ifndef BOARD_GLOBAL_TIMER
#define BOARD_GLOBAL_TIMER 0
#endif
#ifndef BOARD_SMP_METHOD
#define BOARD_SMP_METHOD SMP_NONE
#endif
#ifndef BOARD_LOCAL_INTC
#define BOARD_LOCAL_INTC 0
#endif
#ifndef BOARD_GPU_INTC
#define BOARD_GPU_INTC 0
#endif
#ifndef BOARD_VIRTIO_COUNT /* no virtio-mmio transports on this board */
#define BOARD_VIRTIO_BASE  0
#define BOARD_VIRTIO_COUNT 0
#define BOARD_VIRTIO_IRQ   0
#endif

const struct board_desc board = {
	.name = BOARD_NAME,
	.ram_base = PHYS_OFFSET,
	.ram_max = BOARD_RAM_MAX,
	.uart_phys = BOARD_UART_PHYS,
	.uart_irq = BOARD_UART_IRQ,
	.sys_led_phys = BOARD_SYS_LED,
	.cycle_counter = BOARD_CYCLE_COUNTER,
	.global_timer_phys = BOARD_GLOBAL_TIMER,
	.irqchip = { BOARD_IRQCHIP, BOARD_GIC_DIST, BOARD_GIC_CPU, BOARD_LOCAL_INTC,
		     BOARD_GPU_INTC },
	.timer = { BOARD_TIMER, BOARD_TIMER_BASE, BOARD_TIMER_IRQ },
	.led = { BOARD_LED, BOARD_LED_BASE, BOARD_LED_LINE },
	.smp_method = BOARD_SMP_METHOD,
	.virtio = { BOARD_VIRTIO_BASE, BOARD_VIRTIO_COUNT, BOARD_VIRTIO_IRQ },
};

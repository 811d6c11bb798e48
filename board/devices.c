/*
 * The board's devices, chosen from the board description: the interrupt
 * controller, the timer behind the tick, the LED and its heartbeat when
 * the kernel idles. The core (kernel/) reaches the timer and the LED only
 * through what is registered here.
 */
#include "asm/irqflags.h"
#include "board.h"
#include "errno.h"
#include "irqchip.h"
#include "kernel.h"
#include "led.h"
#include "printk.h"
#include "timer.h"

static int board_timer_start(unsigned hz)
{
	if (board.timer.kind == TIMER_SP804)
		return sp804_start(board.timer.base, board.timer.irq, hz);
	if (board.timer.kind == TIMER_ARCH_VIRT)
		return arch_timer_start(board.timer.irq, hz);
	return -ENODEV;
}

static void board_timer_stop(void)
{
	if (board.timer.kind == TIMER_SP804)
		sp804_stop();
	else if (board.timer.kind == TIMER_ARCH_VIRT)
		arch_timer_stop();
}

static const struct tick_source board_tick = {
	.start = board_timer_start,
	.stop = board_timer_stop,
};

void board_devices_init(void)
{
	int err = -ENODEV;

	if (board.irqchip.kind == IRQCHIP_GIC)
		err = gic_init(board.irqchip.dist, board.irqchip.cpu);
	else if (board.irqchip.kind == IRQCHIP_BCM2836)
		err = bcm2836_intc_init(board.irqchip.local);
	if (err)
		printk("irq: no interrupt controller (%s): no timer, no heartbeat\n", errname(err));
	else
		local_irq_enable(); /* nothing is enabled at the controller yet */
	tick_set_source(&board_tick);
	board_led = led_probe();
	set_idle_hook(heartbeat_idle);
}

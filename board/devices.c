/*
 * The board's devices, chosen from the board description: the interrupt
 * controller, the timer behind the tick, the LED and its heartbeat when
 * the kernel idles, the console's receive interrupt. The core (kernel/) reaches the timer and the LED only
 * through what is registered here.
 */
#include "asm/irqflags.h"
#include "board.h"
#include "devtree.h"
#include "errno.h"
#include "irqchip.h"
#include "kernel.h"
#include "led.h"
#include "pl011.h"
#include "printk.h"
#include "timer.h"
#include "tty.h"
#include "virtio.h"

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

/*
 * The console's input: the UART's receive interrupt feeds the console tty.
 * Only for the board's own UART, whose interrupt the description knows (a
 * device tree that moves the console elsewhere leaves it output only).
 */
static void console_input_init(void)
{
	int err;

	if (!board.uart_irq || board_uart_phys() != board.uart_phys) {
		printk("console: no receive interrupt known for the UART at %#x: output only\n",
		       board_uart_phys());
		return;
	}
	err = pl011_rx_start(board.uart_irq, console_receive_char);
	if (err)
		printk("console: cannot take interrupt %u (%s): output only\n", board.uart_irq,
		       errname(err));
	else
		printk("console: input through interrupt %u\n", board.uart_irq);
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
		err = bcm2836_intc_init(board.irqchip.local, board.irqchip.gpu);
	if (err)
		printk("irq: no interrupt controller (%s): no timer, no heartbeat\n", errname(err));
	else
		local_irq_enable(); /* nothing is enabled at the controller yet */
	if (!err)
		console_input_init();
	tick_set_source(&board_tick);
	board_led = led_probe();
	set_idle_hook(heartbeat_idle);
	virtio_mmio_init();
}

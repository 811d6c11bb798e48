/* The board's devices: the interrupt controller and the LED, from the board description. */
#include "asm/irqflags.h"
#include "board.h"
#include "errno.h"
#include "led.h"
#include "printk.h"
#include "irqchip.h"

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
		local_irq_enable();     /* nothing is enabled at the controller yet */
	board_led = led_probe();
}

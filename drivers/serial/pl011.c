/* PL011 polled console. QEMU's model needs no baud-rate setup. */
#include "pl011.h"
#include "printk.h"
#include "types.h"
#include "asm/io.h"

#define UART_DR      0x00
#define UART_FR      0x18
#define UART_FR_TXFF (1u << 5)

static volatile uint8_t *uart;

static void pl011_putc(char c)
{
	while (readl_relaxed(uart + UART_FR) & UART_FR_TXFF)
		;
	writel_relaxed((uint8_t)c, uart + UART_DR);
}

void pl011_console_init(volatile void *base)
{
	uart = base;
	console_set_putc(pl011_putc);
}

volatile void *pl011_console_base(void)
{
	return uart;
}

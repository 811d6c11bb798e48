/*
 * PL011 console: polled transmit, interrupt-driven receive. QEMU's model
 * needs no baud-rate setup. Register offsets and bits: the PL011
 * Technical Reference Manual (DDI 0183).
 */
#include "pl011.h"
#include "irq.h"
#include "printk.h"
#include "types.h"
#include "asm/io.h"

#define UART_DR      0x00
#define UART_DR_ERR  (0xfu << 8) /* overrun, break, parity, framing: with the character */
#define UART_FR      0x18
#define UART_FR_RXFE (1u << 4)
#define UART_FR_TXFF (1u << 5)
#define UART_IMSC    0x38 /* interrupt mask set/clear: 1 enables */
#define UART_ICR     0x44 /* interrupt clear */
#define UART_INT_RX  (1u << 4)
#define UART_INT_RT  (1u << 6) /* receive timeout: characters wait below the FIFO level */

static volatile uint8_t *uart;
static void (*rx_hook)(char c);
unsigned pl011_rx_count, pl011_rx_errors;

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

/* Empty the receive FIFO into the hook; reading DR lowers the receive interrupt. */
static void pl011_rx_irq(unsigned irq, void *data)
{
	(void)irq;
	(void)data;
	while (!(readl_relaxed(uart + UART_FR) & UART_FR_RXFE)) {
		uint32_t dr = readl_relaxed(uart + UART_DR);

		if (dr & UART_DR_ERR) {
			pl011_rx_errors++;
			continue;
		}
		pl011_rx_count++;
		rx_hook((char)(dr & 0xff));
	}
	writel_relaxed(UART_INT_RX | UART_INT_RT, uart + UART_ICR);
}

int pl011_rx_start(unsigned irq, void (*rx)(char c))
{
	int err;

	rx_hook = rx;
	err = request_irq(irq, pl011_rx_irq, "uart-pl011", NULL);
	if (err)
		return err;
	writel_relaxed(UART_INT_RX | UART_INT_RT, uart + UART_ICR);
	writel(readl_relaxed(uart + UART_IMSC) | UART_INT_RX | UART_INT_RT, uart + UART_IMSC);
	return 0;
}

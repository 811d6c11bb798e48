/*
 * ARM PrimeCell PL011 UART: the kernel console. Output is polled; input
 * comes from the receive interrupt, each character handed to the hook
 * given to pl011_rx_start() (the console tty's, registered by
 * board/devices.c: the driver knows nothing of ttys).
 */
#ifndef PL011_H
#define PL011_H

/* Send console output to the PL011 whose registers are mapped at base. */
void pl011_console_init(volatile void *base);
volatile void *pl011_console_base(void);
/*
 * Take the console UART's receive interrupt irq and hand every character
 * received to rx, in interrupt context. 0, or request_irq()'s error.
 */
int pl011_rx_start(unsigned irq, void (*rx)(char c));
/* Characters received, and those the UART flagged (framing, parity, break, overrun). */
extern unsigned pl011_rx_count, pl011_rx_errors;

#endif

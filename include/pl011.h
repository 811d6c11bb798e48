/* ARM PrimeCell PL011 UART, polled transmit only: the kernel console. */
#ifndef PL011_H
#define PL011_H

/* Send console output to the PL011 whose registers are mapped at base. */
void pl011_console_init(volatile void *base);
volatile void *pl011_console_base(void);

#endif

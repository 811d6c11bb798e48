/*
 * The periodic tick: HZ interrupts a second from the board's timer (an
 * SP804, or the generic timer's virtual channel). Each tick increments
 * jiffies and calls the registered tick functions, in interrupt context.
 */
#ifndef TIMER_H
#define TIMER_H

#include "kernel.h"

#define HZ 100

extern volatile uint32_t jiffies;

/* The timer behind the tick, registered by the board (board/devices.c). */
struct tick_source {
	int (*start)(unsigned hz); /* periodic interrupt calling tick_handler(); 0 or -errno */
	void (*stop)(void);
};
void tick_set_source(const struct tick_source *src);
/* Start the board's timer (nothing to do if it runs); 0 or a negative errno (-ENODEV: none). */
int tick_init(void);
void tick_stop(void);
bool tick_active(void);
/* Up to four functions called on every tick (registering one twice changes nothing). */
int tick_register(void (*fn)(void));
void tick_unregister(void (*fn)(void));
/* Wait (sleeping in wfi) for n ticks; interrupts must be on. */
void tick_wait(uint32_t n);

/* Drivers: start a periodic interrupt calling tick_handler(). */
void tick_handler(unsigned irq, void *data);
int sp804_start(phys_addr_t base, unsigned irq, unsigned hz);
void sp804_stop(void);
int arch_timer_start(unsigned irq, unsigned hz);
void arch_timer_stop(void);

#endif

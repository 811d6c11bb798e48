/*
 * The board's LED, whichever way it is wired: a bit of the SYS_LED
 * register (Versatile Express, RealView) or a GPIO line (PL061, BCM2835).
 * led_probe() claims and maps what it needs; led_remove() gives it back.
 */
#ifndef LED_H
#define LED_H

#include "kernel.h"

struct led;

struct led *led_probe(void);
void led_remove(struct led *led);
void led_set(struct led *led, bool on);
/* The state read back from the hardware. */
bool led_get(struct led *led);
/* Where an outside observer reads the LED: a physical register and the bit that is the LED. */
phys_addr_t led_observe(const struct led *led, uint32_t *mask);
const char *led_name(const struct led *led);
/* How many times the LED went from off to on through led_set(). */
unsigned led_switched_on(const struct led *led);

/* The heartbeat (drivers/gpio/heartbeat.c): two short blinks a second, driven by the tick. */
int heartbeat_start(struct led *led);
void heartbeat_stop(void);
/* How many times the heartbeat has switched the LED on. */
unsigned heartbeat_blinks(void);
/*
 * The idle hook (set_idle_hook(), kernel.h): start the heartbeat on
 * board_led, if there is one and a tick, so that a halted kernel blinks.
 */
void heartbeat_idle(void);

extern struct led *board_led;

#endif

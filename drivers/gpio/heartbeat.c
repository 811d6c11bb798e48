/*
 * The heartbeat: on for 70 ms, off 140 ms, on 70 ms, off for the rest of
 * the second, counted in ticks of the board's timer interrupt.
 */
#include "led.h"
#include "printk.h"
#include "timer.h"

static struct led *beat_led;
static unsigned phase, blinks;

_Static_assert(HZ == 100, "the pattern below counts 10 ms ticks");

static void heartbeat_tick(void)
{
	bool on = phase < 7 || (phase >= 21 && phase < 28);

	if (on && (phase == 0 || phase == 21))
		blinks++;
	if (phase == 0 || phase == 7 || phase == 21 || phase == 28)
		led_set(beat_led, on);
	phase = (phase + 1) % HZ;
}

int heartbeat_start(struct led *led)
{
	if (!led)
		return -1;
	beat_led = led;
	phase = 0;
	return tick_register(heartbeat_tick);
}

void heartbeat_stop(void)
{
	tick_unregister(heartbeat_tick);
	if (beat_led)
		led_set(beat_led, false);
}

unsigned heartbeat_blinks(void)
{
	return blinks;
}

void heartbeat_idle(void)
{
	if (board_led && !tick_init() && !heartbeat_start(board_led))
		printk("heartbeat: %s blinks; the kernel idles\n", led_name(board_led));
}

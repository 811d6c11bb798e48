/*
 * The LED, checked from outside the guest (manual suite: ktest=led, run by
 * scripts/led-check). The kernel announces each state it sets with a line
 *   LEDCHECK <physical register> <mask> <expected value>
 * and holds it for half a second, while the host reads the register through
 * QEMU's monitor. Then the heartbeat runs from the timer interrupt, and the
 * kernel reports how often the LED went on:
 *   LEDTRACE line=<gpio line> on=<count>
 * which the host compares with QEMU's own trace of the PL061 outputs.
 */
#include "board.h"
#include "led.h"
#include "printk.h"
#include "timer.h"
#include "ktest.h"

#define HOLD_TICKS (HZ / 2)

static void announce(struct ktest *t, bool on)
{
	uint32_t mask;
	phys_addr_t reg = led_observe(board_led, &mask);

	led_set(board_led, on);
	KEXPECT_EQ(t, led_get(board_led), on);
	printk("LEDCHECK %#x %#x %#x\n", reg, mask, on ? mask : 0);
	tick_wait(HOLD_TICKS);
}

static void led_checkpoints(struct ktest *t)
{
	static const bool pattern[] = { true, false, true, true, false };

	KASSERT_TRUE(t, board_led != NULL);
	KASSERT_EQ(t, tick_init(), 0);
	for (unsigned i = 0; i < ARRAY_SIZE(pattern); i++)
		announce(t, pattern[i]);
	tick_stop();
}

static void heartbeat_from_timer(struct ktest *t)
{
	unsigned start = heartbeat_blinks();
	uint32_t t0;

	KASSERT_TRUE(t, board_led != NULL);
	KASSERT_EQ(t, tick_init(), 0);
	KASSERT_EQ(t, heartbeat_start(board_led), 0);
	t0 = jiffies;
	while (heartbeat_blinks() - start < 6 && jiffies - t0 < 5 * HZ)
		tick_wait(1);
	heartbeat_stop();
	ktest_log("%u blinks in %u ticks", heartbeat_blinks() - start, jiffies - t0);
	KEXPECT_EQ(t, heartbeat_blinks() - start, 6);
	KEXPECT_TRUE(t, jiffies - t0 >= 2 * HZ && jiffies - t0 <= 3 * HZ); /* two blinks a second */
	announce(t, false); /* the tick still runs: the host can read the LED off */
	tick_stop();
	printk("LEDTRACE line=%u on=%u\n", board.led.line, led_switched_on(board_led));
}

static const struct ktest_case led_cases[] = {
	KTEST_CASE(led_checkpoints),
	KTEST_CASE(heartbeat_from_timer),
};
KTEST_SUITE_MANUAL("led", led_cases);

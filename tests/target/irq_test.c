/*
 * Interrupts, the timer and the LED on this board: ticks really arrive as
 * interrupts (the controller's count grows while the CPU sleeps in wfi),
 * stopping the timer stops them, request_irq refuses bad requests, the LED
 * reads back what was written, GPIO lines have one owner, and removing the
 * drivers gives back every claimed region and mapping.
 */
#include "asm/irqflags.h"
#include "board.h"
#include "errno.h"
#include "gpio.h"
#include "ioport.h"
#include "irq.h"
#include "led.h"
#include "timer.h"
#include "vmalloc.h"
#include "ktest.h"
#include "printk.h"

static void timer_interrupts_arrive(struct ktest *t)
{
	uint32_t start, irqs;

	KASSERT_EQ(t, tick_init(), 0);
	KEXPECT_TRUE(t, !irqs_disabled());
	irqs = irq_count(board.timer.irq);
	start = jiffies;
	tick_wait(10); /* wfi until ten ticks went by */
	KEXPECT_TRUE(t, jiffies - start >= 10);
	KEXPECT_TRUE(t, irq_count(board.timer.irq) - irqs >= 10);
	tick_stop();
	start = jiffies;
	for (volatile unsigned i = 0; i < 3000000; i++) /* well over 3 tick periods */
		;
	KEXPECT_EQ(t, jiffies, start); /* stopped means stopped */
	ktest_log("%u timer interrupts on line %u", irq_count(board.timer.irq), board.timer.irq);
}

static void dummy_handler(unsigned irq, void *data)
{
	(void)irq;
	(void)data;
}

static void request_irq_refuses(struct ktest *t)
{
	KEXPECT_EQ(t, request_irq(NR_IRQS, dummy_handler, "bad", NULL), -EINVAL);
	KEXPECT_EQ(t, request_irq(5, NULL, "bad", NULL), -EINVAL);
	KASSERT_EQ(t, request_irq(board.timer.irq, dummy_handler, "first", NULL), 0);
	KEXPECT_EQ(t, request_irq(board.timer.irq, dummy_handler, "second", NULL), -EBUSY);
	free_irq(board.timer.irq);
	KEXPECT_EQ(t, request_irq(board.timer.irq, dummy_handler, "again", NULL), 0);
	free_irq(board.timer.irq);
}

static void led_reads_back(struct ktest *t)
{
	uint32_t mask;

	if (!board_led) {
		ktest_skip(t, "no LED");
		return;
	}
	KEXPECT_TRUE(t, led_observe(board_led, &mask) != 0 && mask != 0);
	led_set(board_led, true);
	KEXPECT_TRUE(t, led_get(board_led));
	led_set(board_led, false);
	KEXPECT_TRUE(t, !led_get(board_led));
}

static void gpio_lines_have_one_owner(struct ktest *t)
{
	unsigned line = board.led.line;
	const char *owner = gpio_owner(line);

	if (board.led.kind == LED_SYSLED) {
		ktest_skip(t, "the LED is not on a GPIO line here");
		return;
	}
	KEXPECT_TRUE(t, owner != NULL);
	KEXPECT_EQ(t, gpio_request(line, "intruder"), -EBUSY);
	KEXPECT_EQ(t, gpio_request(1000, "nowhere"), -EINVAL);
	KEXPECT_EQ(t, gpio_direction_output(line + 1, 1), -EINVAL); /* not requested */
	KASSERT_EQ(t, gpio_request(line + 1, "test"), 0);
	KEXPECT_EQ(t, gpio_direction_output(line + 1, 1), 0);
	KEXPECT_EQ(t, gpio_get_value(line + 1), 1);
	gpio_set_value(line + 1, 0);
	KEXPECT_EQ(t, gpio_get_value(line + 1), 0);
	KEXPECT_EQ(t, gpio_direction_input(line + 1), 0);
	gpio_free(line + 1);
	KEXPECT_TRUE(t, gpio_owner(line + 1) == NULL);
}

/* Removing the LED driver releases its registers and mappings; probing again works. */
static void drivers_release_everything(struct ktest *t)
{
	unsigned areas = vmalloc_nr_areas();

	if (!board_led) {
		ktest_skip(t, "no LED");
		return;
	}
	led_remove(board_led);
	board_led = NULL;
	KEXPECT_TRUE(t, lookup_resource(board.led.base) == NULL);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas - 1);
	printk_expect_begin(); /* the probe's lines again: this test's doing, not a second device */
	board_led = led_probe();
	printk_expect_end();
	KEXPECT_TRUE(t, board_led != NULL);
	KEXPECT_TRUE(t, lookup_resource(board.led.base) != NULL);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
}

static const struct ktest_case irq_cases[] = {
	KTEST_CASE(timer_interrupts_arrive),
	KTEST_CASE(request_irq_refuses),
	KTEST_CASE(led_reads_back),
	KTEST_CASE(gpio_lines_have_one_owner),
	KTEST_CASE(drivers_release_everything),
};
KTEST_SUITE("irq", irq_cases);

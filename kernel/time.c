/* The tick (see include/timer.h). */
#include "asm/irqflags.h"
#include "errno.h"
#include "printk.h"
#include "timer.h"

volatile uint32_t jiffies;
static void (*tick_fns[4])(void);
static bool tick_running;
static const struct tick_source *source;

void tick_set_source(const struct tick_source *src)
{
	source = src;
}

void tick_handler(unsigned irq, void *data)
{
	(void)irq;
	(void)data;
	jiffies++;
	for (unsigned i = 0; i < ARRAY_SIZE(tick_fns); i++)
		if (tick_fns[i])
			tick_fns[i]();
}

int tick_register(void (*fn)(void))
{
	for (unsigned i = 0; i < ARRAY_SIZE(tick_fns); i++)
		if (tick_fns[i] == fn)
			return 0; /* once is enough */
	for (unsigned i = 0; i < ARRAY_SIZE(tick_fns); i++)
		if (!tick_fns[i]) {
			tick_fns[i] = fn;
			return 0;
		}
	return -EBUSY;
}

void tick_unregister(void (*fn)(void))
{
	for (unsigned i = 0; i < ARRAY_SIZE(tick_fns); i++)
		if (tick_fns[i] == fn)
			tick_fns[i] = NULL;
}

int tick_init(void)
{
	int err = -ENODEV;

	if (tick_running)
		return 0; /* already ticking: starting again changes nothing */
	if (source)
		err = source->start(HZ);
	tick_running = !err;
	return err;
}

bool tick_active(void)
{
	return tick_running;
}

void tick_stop(void)
{
	if (!tick_running)
		return;
	source->stop();
	tick_running = false;
}

void tick_wait(uint32_t n)
{
	uint32_t start = jiffies;

	while (jiffies - start < n)
		cpu_idle();
}

/* GPIO line bookkeeping and the integer API (see include/gpio.h). */
#include "errno.h"
#include "gpio.h"
#include "printk.h"
#include "slab.h"

static LIST_HEAD_DEFINE(chips);

static struct gpio_chip *chip_of(unsigned gpio)
{
	struct gpio_chip *c;

	list_for_each_entry (c, &chips, list)
		if (gpio - c->base < c->ngpio)
			return c;
	return NULL;
}

int gpiochip_add(struct gpio_chip *chip)
{
	struct gpio_chip *c;

	list_for_each_entry (c, &chips, list)
		if (chip->base < c->base + c->ngpio && c->base < chip->base + chip->ngpio)
			return -EBUSY;
	chip->owners = kcalloc(chip->ngpio, sizeof(*chip->owners), GFP_KERNEL);
	if (!chip->owners)
		return -ENOMEM;
	list_add_tail(&chip->list, &chips);
	return 0;
}

int gpiochip_remove(struct gpio_chip *chip)
{
	for (unsigned i = 0; i < chip->ngpio; i++)
		if (chip->owners[i]) {
			printk("gpio: %s: line %u is still requested by %s\n", chip->label,
			       chip->base + i, chip->owners[i]);
			return -EBUSY;
		}
	list_del(&chip->list);
	kfree(chip->owners);
	return 0;
}

int gpio_request(unsigned gpio, const char *label)
{
	struct gpio_chip *c = chip_of(gpio);

	if (!c) {
		printk("gpio_request(%u, %s): no such line\n", gpio, label);
		return -EINVAL;
	}
	if (c->owners[gpio - c->base]) {
		printk("gpio_request(%u, %s): busy, owned by %s\n", gpio, label,
		       c->owners[gpio - c->base]);
		return -EBUSY;
	}
	c->owners[gpio - c->base] = label ? label : "?";
	return 0;
}

/* The chip of a requested line, or NULL with a report. */
static struct gpio_chip *requested(unsigned gpio, const char *what)
{
	struct gpio_chip *c = chip_of(gpio);

	if (!c || !c->owners[gpio - c->base]) {
		printk("gpio: %s(%u): line not requested\n", what, gpio);
		return NULL;
	}
	return c;
}

void gpio_free(unsigned gpio)
{
	struct gpio_chip *c = requested(gpio, "gpio_free");

	if (c)
		c->owners[gpio - c->base] = NULL;
}

int gpio_direction_input(unsigned gpio)
{
	struct gpio_chip *c = requested(gpio, "gpio_direction_input");

	return c ? c->direction_input(c, gpio - c->base) : -EINVAL;
}

int gpio_direction_output(unsigned gpio, int value)
{
	struct gpio_chip *c = requested(gpio, "gpio_direction_output");

	return c ? c->direction_output(c, gpio - c->base, value) : -EINVAL;
}

int gpio_get_value(unsigned gpio)
{
	struct gpio_chip *c = requested(gpio, "gpio_get_value");

	return c ? c->get(c, gpio - c->base) : -EINVAL;
}

void gpio_set_value(unsigned gpio, int value)
{
	struct gpio_chip *c = requested(gpio, "gpio_set_value");

	if (c)
		c->set(c, gpio - c->base, value);
}

const char *gpio_owner(unsigned gpio)
{
	struct gpio_chip *c = chip_of(gpio);

	return c ? c->owners[gpio - c->base] : NULL;
}

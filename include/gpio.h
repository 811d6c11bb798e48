/*
 * GPIO lines, with Linux's legacy integer API. A GPIO controller driver
 * registers a gpio_chip covering numbers [base, base + ngpio); users
 * request a line (a second request fails and names the owner), set its
 * direction and value, and free it.
 */
#ifndef GPIO_H
#define GPIO_H

#include "list.h"

struct gpio_chip {
	const char *label;
	unsigned base, ngpio;
	int (*direction_input)(struct gpio_chip *chip, unsigned offset);
	int (*direction_output)(struct gpio_chip *chip, unsigned offset, int value);
	int (*get)(struct gpio_chip *chip, unsigned offset);
	void (*set)(struct gpio_chip *chip, unsigned offset, int value);
	void *priv;
	/* gpiolib's own */
	const char **owners;
	struct list_head list;
};

int gpiochip_add(struct gpio_chip *chip);
/* -EBUSY while lines are requested. */
int gpiochip_remove(struct gpio_chip *chip);

int gpio_request(unsigned gpio, const char *label);
void gpio_free(unsigned gpio);
int gpio_direction_input(unsigned gpio);
int gpio_direction_output(unsigned gpio, int value);
int gpio_get_value(unsigned gpio);
void gpio_set_value(unsigned gpio, int value);
/* Who requested the line, or NULL. */
const char *gpio_owner(unsigned gpio);

/* Drivers: probe claims the registers and registers the chip; remove undoes it. */
struct gpio_chip *pl061_probe(phys_addr_t phys, unsigned base);
struct gpio_chip *bcm2835_gpio_probe(phys_addr_t phys, unsigned base);
int gpio_driver_remove(struct gpio_chip *chip);

#endif

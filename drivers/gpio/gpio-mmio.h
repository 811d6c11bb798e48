/* A memory-mapped GPIO block: the chip, its mapping and its claimed region. */
#ifndef DRIVERS_GPIO_MMIO_H
#define DRIVERS_GPIO_MMIO_H

#include "gpio.h"

struct gpio_mmio {
	struct gpio_chip chip;
	void *regs;
	phys_addr_t phys;
	size_t size;
};

static inline char *gpio_regs(struct gpio_chip *chip)
{
	return ((struct gpio_mmio *)chip->priv)->regs;
}

struct gpio_chip *gpio_mmio_probe(const struct gpio_chip *tmpl, phys_addr_t phys, size_t size,
				  unsigned base);

#endif

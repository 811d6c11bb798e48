/*
 * ARM PrimeCell PL061 GPIO: 8 lines. Address bits [9:2] of a data access
 * select which lines it touches, so one write changes exactly one line.
 */
#include "asm/io.h"
#include "gpio-mmio.h"

#define PL061_DATA(mask) ((mask) << 2)
#define PL061_DIR        0x400 /* 1 = output */

static int pl061_get(struct gpio_chip *chip, unsigned off)
{
	return !!readb(gpio_regs(chip) + PL061_DATA(1u << off));
}

static void pl061_set(struct gpio_chip *chip, unsigned off, int value)
{
	writeb(value ? 1u << off : 0, gpio_regs(chip) + PL061_DATA(1u << off));
}

static int pl061_direction_input(struct gpio_chip *chip, unsigned off)
{
	char *regs = gpio_regs(chip);

	writeb(readb(regs + PL061_DIR) & ~(1u << off), regs + PL061_DIR);
	return 0;
}

static int pl061_direction_output(struct gpio_chip *chip, unsigned off, int value)
{
	char *regs = gpio_regs(chip);

	/* Data writes only reach output lines: set the level again once it is one. */
	pl061_set(chip, off, value);
	writeb(readb(regs + PL061_DIR) | 1u << off, regs + PL061_DIR);
	pl061_set(chip, off, value);
	return 0;
}

static const struct gpio_chip pl061_template = {
	.label = "gpio-pl061",
	.ngpio = 8,
	.direction_input = pl061_direction_input,
	.direction_output = pl061_direction_output,
	.get = pl061_get,
	.set = pl061_set,
};

struct gpio_chip *pl061_probe(phys_addr_t phys, unsigned base)
{
	return gpio_mmio_probe(&pl061_template, phys, 0x1000, base);
}

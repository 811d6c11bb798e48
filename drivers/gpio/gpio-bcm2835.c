/*
 * BCM2835 GPIO (raspi2b): 54 lines. GPFSELn picks each line's function,
 * 3 bits per line (000 input, 001 output); GPSETn/GPCLRn set and clear
 * outputs by writing ones; GPLEVn reads the levels.
 */
#include "asm/io.h"
#include "gpio-mmio.h"

#define GPFSEL(n) (0x00 + 4 * ((n) / 10))
#define GPSET(n)  (0x1c + 4 * ((n) / 32))
#define GPCLR(n)  (0x28 + 4 * ((n) / 32))
#define GPLEV(n)  (0x34 + 4 * ((n) / 32))

static int bcm2835_get(struct gpio_chip *chip, unsigned off)
{
	return !!(readl(gpio_regs(chip) + GPLEV(off)) & 1u << (off % 32));
}

static void bcm2835_set(struct gpio_chip *chip, unsigned off, int value)
{
	writel(1u << (off % 32), gpio_regs(chip) + (value ? GPSET(off) : GPCLR(off)));
}

static void set_function(struct gpio_chip *chip, unsigned off, uint32_t fn)
{
	char *reg = gpio_regs(chip) + GPFSEL(off);
	unsigned shift = 3 * (off % 10);

	writel((readl(reg) & ~(7u << shift)) | fn << shift, reg);
}

static int bcm2835_direction_input(struct gpio_chip *chip, unsigned off)
{
	set_function(chip, off, 0);
	return 0;
}

static int bcm2835_direction_output(struct gpio_chip *chip, unsigned off, int value)
{
	bcm2835_set(chip, off, value);
	set_function(chip, off, 1);
	return 0;
}

static const struct gpio_chip bcm2835_template = {
	.label = "gpio-bcm2835",
	.ngpio = 54,
	.direction_input = bcm2835_direction_input,
	.direction_output = bcm2835_direction_output,
	.get = bcm2835_get,
	.set = bcm2835_set,
};

struct gpio_chip *bcm2835_gpio_probe(phys_addr_t phys, unsigned base)
{
	return gpio_mmio_probe(&bcm2835_template, phys, 0xb4, base);
}

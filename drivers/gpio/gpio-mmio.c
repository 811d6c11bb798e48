/*
 * Shared probe/remove for memory-mapped GPIO blocks: claim the registers,
 * map them, register the chip; and the reverse.
 */
#include "asm/io.h"
#include "errno.h"
#include "gpio.h"
#include "ioport.h"
#include "printk.h"
#include "slab.h"
#include "gpio-mmio.h"

struct gpio_chip *gpio_mmio_probe(const struct gpio_chip *tmpl, phys_addr_t phys, size_t size,
				  unsigned base)
{
	struct gpio_mmio *g;

	if (!request_mem_region(phys, size, tmpl->label))
		return NULL;
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		goto fail_region;
	g->chip = *tmpl;
	g->chip.base = base;
	g->phys = phys;
	g->size = size;
	g->regs = ioremap(phys, size);
	if (!g->regs)
		goto fail_alloc;
	g->chip.priv = g;
	if (gpiochip_add(&g->chip))
		goto fail_map;
	printk("gpio: %s at %#x: lines %u-%u\n", tmpl->label, phys, base, base + tmpl->ngpio - 1);
	return &g->chip;

fail_map:
	iounmap(g->regs);
fail_alloc:
	kfree(g);
fail_region:
	release_mem_region(phys, size);
	return NULL;
}

int gpio_driver_remove(struct gpio_chip *chip)
{
	struct gpio_mmio *g = chip->priv;
	int err = gpiochip_remove(chip);

	if (err)
		return err;
	iounmap(g->regs);
	release_mem_region(g->phys, g->size);
	kfree(g);
	return 0;
}

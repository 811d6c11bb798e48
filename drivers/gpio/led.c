/* The board LED (see include/led.h). */
#include "asm/io.h"
#include "errno.h"
#include "fs.h"
#include "mm_user.h"
#include "board.h"
#include "gpio.h"
#include "ioport.h"
#include "led.h"
#include "printk.h"
#include "slab.h"
#include "uaccess.h"
#include "uapi/unistd.h"

struct led {
	int kind;
	const char *name;
	void __iomem *reg;      /* SYS_LED */
	struct gpio_chip *chip; /* GPIO LEDs */
	unsigned line;
	phys_addr_t observe;
	uint32_t mask;
	bool on;
	unsigned switched_on; /* off -> on changes, for outside checks */
};

struct led *board_led;

/*
 * ---- /dev/led: a process drives the LED itself ----
 * read() says which registers of the mapped page do what; mmap() maps the
 * page of the LED's registers uncached (strongly ordered, never executable).
 */
static void led_user_info(const struct led *led, struct led_user_info *info)
{
	*info = (struct led_user_info){ .map_size = PAGE_SIZE,
					.observe_phys = led->observe,
					.observe_mask = led->mask,
					.trace_line = led->line };
	switch (led->kind) {
	case LED_SYSLED: /* one register shared with other LEDs: set and clear the bit */
		info->on_offset = info->off_offset = board.led.base & ~PAGE_MASK;
		info->on_value = info->off_value = led->mask;
		info->rmw = 1;
		break;
	case LED_PL061: /* address bits 9:2 select which lines a data write changes */
		info->on_offset = info->off_offset = (board.led.base & ~PAGE_MASK) +
						     (led->mask << 2);
		info->on_value = led->mask;
		info->off_value = 0;
		break;
	default: /* BCM2835: GPSETn and GPCLRn */
		info->on_offset = (board.led.base & ~PAGE_MASK) + 0x1c + 4 * (led->line / 32);
		info->off_offset = (board.led.base & ~PAGE_MASK) + 0x28 + 4 * (led->line / 32);
		info->on_value = info->off_value = led->mask;
		break;
	}
}

static long led_read(struct file *file, void *ubuf, uint32_t len, uint32_t *pos)
{
	struct led_user_info info;

	(void)pos;
	if (len < sizeof(info))
		return -EINVAL;
	led_user_info(file->private, &info);
	return copy_to_user(ubuf, &info, sizeof(info)) ? -EFAULT : (long)sizeof(info);
}

static int led_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	/*
	 * One page, from offset 0, never executable, and shared: a private
	 * writable mapping of a read-only file would otherwise reach the
	 * hardware (device frames cannot be copied on write).
	 */
	if (vma->vm_pgoff || vma->vm_end - vma->vm_start != PAGE_SIZE ||
	    (vma->vm_flags & VM_EXEC) || !(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, (uint32_t)(board.led.base >> PAGE_SHIFT),
			       PAGE_SIZE, pgprot_noncached(vma->vm_page_prot));
}

static const struct file_operations led_fops = {
	.read = led_read,
	.mmap = led_mmap,
};

struct led *led_probe(void)
{
	struct led *led = kzalloc(sizeof(*led), GFP_KERNEL);

	if (!led)
		return NULL;
	led->kind = board.led.kind;
	led->line = board.led.line;
	switch (led->kind) {
	case LED_SYSLED:
		led->name = "sys_led";
		if (!request_mem_region(board.led.base, 4, "sys-led"))
			goto fail;
		led->reg = ioremap(board.led.base, 4);
		if (!led->reg) {
			release_mem_region(board.led.base, 4);
			goto fail;
		}
		led->observe = board.led.base;
		led->mask = 1u << led->line;
		break;
	case LED_PL061:
	case LED_BCM2835:
		led->name = led->kind == LED_PL061 ? "pl061-led" : "act-led";
		led->chip = led->kind == LED_PL061 ? pl061_probe(board.led.base, 0)
						   : bcm2835_gpio_probe(board.led.base, 0);
		if (!led->chip)
			goto fail;
		if (gpio_request(led->line, led->name) || gpio_direction_output(led->line, 0)) {
			gpio_driver_remove(led->chip);
			goto fail;
		}
		/* PL061: the data register; BCM2835: GPLEVn. */
		led->observe = board.led.base +
			       (led->kind == LED_PL061 ? 0x3fc : 0x34 + 4 * (led->line / 32));
		led->mask = 1u << (led->line % 32);
		break;
	default: goto fail;
	}
	led_set(led, false);
	if (register_device_node("/dev/led", &led_fops, led))
		printk("led: /dev/led is taken: no user access\n");
	printk("led: %s ready (observe %#x mask %#x)\n", led->name, led->observe, led->mask);
	return led;
fail:
	printk("led: no LED on this board (or its registers are taken)\n");
	kfree(led);
	return NULL;
}

void led_remove(struct led *led)
{
	if (!led)
		return;
	unregister_device_node("/dev/led");
	if (led->kind == LED_SYSLED) {
		iounmap(led->reg);
		release_mem_region(board.led.base, 4);
	} else {
		gpio_free(led->line);
		gpio_driver_remove(led->chip);
	}
	kfree(led);
}

void led_set(struct led *led, bool on)
{
	led->switched_on += on && !led->on;
	led->on = on;
	if (led->kind == LED_SYSLED) {
		uint32_t v = readl(led->reg);

		writel(on ? v | led->mask : v & ~led->mask, led->reg);
	} else {
		gpio_set_value(led->line, on);
	}
}

bool led_get(struct led *led)
{
	if (led->kind == LED_SYSLED)
		return readl(led->reg) & led->mask;
	return gpio_get_value(led->line) > 0;
}

phys_addr_t led_observe(const struct led *led, uint32_t *mask)
{
	*mask = led->mask;
	return led->observe;
}

unsigned led_switched_on(const struct led *led)
{
	return led->switched_on;
}

const char *led_name(const struct led *led)
{
	return led->name;
}

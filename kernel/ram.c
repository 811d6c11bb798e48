/*
 * The RAM the machine has (see include/ram.h): the device tree's word, or
 * the probe's through strongly ordered early mappings.
 */
#include "asm/early_map.h"
#include "board.h"
#include "devtree.h"
#include "printk.h"
#include "ram.h"
#include "ram_probe.h"

static uint32_t present;
static enum ram_source source;

uint32_t ram_detect(void)
{
	static const struct ram_probe_ops early_ops = {
		.read = early_probe_read32,
		.write = early_probe_write32,
	};

	present = devtree_ram_size();
	source = RAM_FROM_DEVTREE;
	if (!present) {
		present = ram_probe(&early_ops, board.ram_base, board.ram_max);
		source = RAM_PROBED;
	}
	if (present < RAM_PROBE_MIN)
		panic("RAM: less than %u MB answers at 0x%08x; the kernel needs %u MB",
		      RAM_PROBE_MIN >> 20, board.ram_base, RAM_PROBE_MIN >> 20);
	return present;
}

uint32_t ram_present(void)
{
	return present;
}

enum ram_source ram_source(void)
{
	return source;
}

const char *ram_source_name(void)
{
	return source == RAM_FROM_DEVTREE ? "from the device tree"
	       : source == RAM_PROBED     ? "probed"
					  : "unknown";
}

/*
 * The device tree at boot (see include/devtree.h): find it, check it, take
 * the RAM size and the console UART from it, or say clearly why not and
 * keep the board description.
 *
 * Before paging_init() only the first EARLY_MAP_SIZE of RAM is mapped, and a
 * bootloader may leave the tree anywhere (U-Boot puts it near the top of
 * RAM), so the blob is read through a temporary early mapping
 * (arch/arm/mmu/early_map.h): first its header, to learn totalsize, then
 * the whole of it. Nothing is read from the blob before lib/fdt.c has
 * checked that it lies inside what is mapped.
 */
#include <stdarg.h>
#include "asm/early_map.h"
#include "asm/sections.h"
#include "asm/memory.h"
#include "board.h"
#include "devtree.h"
#include "fdt.h"
#include "kernel.h"
#include "memblock.h"
#include "printk.h"

#define DT_MIN_RAM (16u << 20) /* the least RAM the kernel runs in (as for mem=) */
#define ATAG_CORE  0x54410001u /* the first tag of an ATAGS list */

static struct devtree_info dt = {
	.state = DT_NONE,
	.uart_phys = BOARD_UART_PHYS,
};
static char reason[120];

const struct devtree_info *devtree_info(void)
{
	return &dt;
}

uint32_t devtree_ram_size(void)
{
	return dt.mem_used ? dt.ram_size : 0;
}

phys_addr_t board_uart_phys(void)
{
	return dt.uart_found ? dt.uart_phys : board.uart_phys;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Give up on the tree: record why (and the FDT error, if it is the blob's fault). */
static void __printf(2, 3) refuse(int fdt_err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	dt.state = DT_BAD;
	dt.fdt_err = fdt_err;
	dt.reason = reason;
}

/* [a, a + n) overlaps [b, b + m) (64-bit: no wrapping). */
static bool overlaps(uint64_t a, uint64_t n, uint64_t b, uint64_t m)
{
	return a < b + m && b < a + n;
}

/* The first bank of the first memory node, checked against the board. */
static void read_memory(const struct fdt *f)
{
	int node = fdt_find_memory(f), err;

	if (node < 0) {
		printk("DT: no memory node (%s): RAM will be probed\n", fdt_strerror(node));
		return;
	}
	err = fdt_reg_phys(f, node, 0, &dt.mem_base, &dt.mem_size);
	if (err) {
		printk("DT: memory node unreadable (%s): RAM will be probed\n", fdt_strerror(err));
		return;
	}
	dt.mem_found = true;
	if (dt.mem_base != board.ram_base) {
		printk("DT: memory at 0x%llx is not at the board's RAM base 0x%08x: ignored\n",
		       dt.mem_base, board.ram_base);
		return;
	}
	if (dt.mem_size < DT_MIN_RAM) {
		printk("DT: memory of %llu kB is less than the %u MB the kernel needs: ignored\n",
		       dt.mem_size >> 10, DT_MIN_RAM >> 20);
		return;
	}
	dt.mem_capped = dt.mem_size > board.ram_max;
	dt.ram_size = dt.mem_capped ? board.ram_max
				    : (uint32_t)ALIGN_DOWN(dt.mem_size, (uint64_t)SZ_1M);
	dt.mem_used = true;
}

/* The console: stdout-path's node if it is a PL011, else the first enabled PL011. */
static void read_uart(const struct fdt *f)
{
	uint64_t addr, size;
	int node = fdt_stdout_node(f), err;

	dt.uart_from_stdout = node >= 0 && fdt_node_is_compatible(f, node, "arm,pl011") == 1;
	if (!dt.uart_from_stdout) {
		if (node >= 0)
			printk("DT: stdout-path is not a PL011: using the first enabled PL011\n");
		for (node = -1; (node = fdt_find_compatible(f, node, "arm,pl011")) >= 0;)
			if (fdt_node_is_available(f, node) == 1)
				break;
	}
	if (node < 0) {
		printk("DT: no PL011 UART (%s): console stays on the board's UART\n",
		       fdt_strerror(node));
		return;
	}
	err = fdt_reg_phys(f, node, 0, &addr, &size);
	if (err) {
		printk("DT: PL011 address unreadable (%s): console stays on the board's UART\n",
		       fdt_strerror(err));
		return;
	}
	if (addr > 0xffffffffull - PAGE_SIZE ||
	    overlaps(addr, PAGE_SIZE, board.ram_base, board.ram_max)) {
		printk("DT: PL011 at 0x%llx is not a device address: console stays on the board's UART\n",
		       addr);
		return;
	}
	dt.uart_phys = (phys_addr_t)addr;
	dt.uart_found = true;
}

/* The tree's own memory and its /memreserve/ entries stay out of the allocators. */
static void reserve(const struct fdt *f)
{
	memblock_reserve(dt.dtb_phys, dt.dtb_size);
	for (int i = 0; i < fdt_num_mem_rsv(f); i++) {
		uint64_t addr, size, end;

		if (fdt_get_mem_rsv(f, (unsigned)i, &addr, &size) || addr >= 0x100000000ull ||
		    !size)
			continue;
		end = size > 0x100000000ull - addr ? 0x100000000ull : addr + size;
		memblock_reserve((phys_addr_t)addr, (uint32_t)min(end - addr, 0xffffffffull));
		dt.rsv_count++;
	}
}

/* Check where the tree is and that it is whole; read it. The window may be left mapped. */
static void examine(void)
{
	const uint64_t ram_end = (uint64_t)board.ram_base + board.ram_max;
	const uint32_t image = __pa(_text), image_size = (uint32_t)(_end - _text);
	uint32_t total, limit = early_map_limit(dt.dtb_phys);
	const uint8_t *va;
	struct fdt f;
	int err;

	/* Not in RAM, or where head.S cleared BSS over it: nothing to read. */
	if (dt.dtb_phys < board.ram_base || dt.dtb_phys + (uint64_t)FDT_V17_HEADER_SIZE > ram_end) {
		refuse(0, "r2 is outside RAM (0x%08x - 0x%08llx)", board.ram_base, ram_end - 1);
		return;
	}
	if (overlaps(dt.dtb_phys, FDT_V17_HEADER_SIZE, image, image_size)) {
		refuse(0, "r2 points into the kernel image");
		return;
	}

	va = early_memremap_ro(dt.dtb_phys, FDT_V17_HEADER_SIZE);
	if (!va) {
		refuse(0, "cannot map it early");
		return;
	}
	err = fdt_peek_totalsize(va, FDT_V17_HEADER_SIZE, &total);
	if (err == -FDT_ERR_BADMAGIC && !dt.from_r2)
		return; /* DT_NONE: nothing at the RAM base */
	if (err == -FDT_ERR_BADMAGIC && be32(va + 4) == ATAG_CORE) {
		refuse(err, "r2 points to ATAGS, not a device tree");
		return;
	}
	if (err) {
		refuse(err, "%s (magic 0x%08x, totalsize 0x%08x)", fdt_strerror(err), be32(va),
		       be32(va + 4));
		return;
	}

	/* The window holds 2 MB from the start of the tree's first 1 MB section. */
	if (total > limit) {
		refuse(-FDT_ERR_BADTOTALSIZE,
		       "totalsize 0x%x is above the %u kB the kernel can map there", total,
		       limit >> 10);
		return;
	}
	if (dt.dtb_phys + (uint64_t)total > ram_end) {
		refuse(-FDT_ERR_BADTOTALSIZE, "totalsize 0x%x runs past the end of RAM", total);
		return;
	}
	if (overlaps(dt.dtb_phys, total, image, image_size)) {
		refuse(0, "its 0x%x bytes overlap the kernel image", total);
		return;
	}
	early_memunmap();
	va = early_memremap_ro(dt.dtb_phys, total);
	if (!va) {
		refuse(0, "cannot map its 0x%x bytes early", total);
		return;
	}
	err = fdt_open(&f, va, total);
	if (err) {
		refuse(err, "%s", fdt_strerror(err));
		return;
	}

	dt.state = DT_OK;
	dt.dtb_size = total;
	dt.dtb_used = f.used;
	read_memory(&f);
	read_uart(&f);
	reserve(&f);
}

void devtree_early_init(void)
{
	dt.from_r2 = boot_r2 != 0;
	dt.dtb_phys = dt.from_r2 ? boot_r2 : board.ram_base;
	examine();
	early_memunmap();

	if (dt.state == DT_NONE) {
		printk("DT: no device tree (r2=0, no FDT magic at RAM base 0x%08x): "
		       "using the board description\n",
		       board.ram_base);
		return;
	}
	if (dt.state == DT_BAD) {
		printk("DT: bad device tree at 0x%08x%s: %s: using the board description\n",
		       dt.dtb_phys, dt.from_r2 ? " (from r2)" : "", dt.reason);
		return;
	}

	printk("DT: ");
	if (dt.mem_used)
		printk("%u MB of RAM at 0x%08x%s", dt.ram_size >> 20, board.ram_base,
		       dt.mem_capped ? " (the board's maximum)" : "");
	else
		printk("RAM to be probed");
	if (dt.uart_found)
		printk(", console pl011 at 0x%08x", dt.uart_phys);
	else
		printk(", console on the board's UART");
	printk(" (DTB at 0x%08x%s, %u kB", dt.dtb_phys, dt.from_r2 ? " from r2" : "",
	       (dt.dtb_size + 1023) >> 10);
	if (dt.rsv_count)
		printk(", %u /memreserve/", dt.rsv_count);
	printk(")\n");
	if (dt.mem_capped)
		printk("DT: the tree says %llu MB; the board takes at most %u MB\n",
		       dt.mem_size >> 20, board.ram_max >> 20);
	if (dt.uart_found && dt.uart_phys != board.uart_phys)
		printk("DT: console moves from the board's UART 0x%08x to 0x%08x once ioremap works\n",
		       board.uart_phys, dt.uart_phys);
}

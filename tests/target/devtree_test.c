/*
 * The device tree decision at boot (kernel/devtree.c), held against what the
 * run configuration says QEMU was given. Boot arguments carry the
 * expectations (the device tree configurations in tests/target):
 *
 *   expect_dt=yes|no|bad     a sound tree was used / none was found / one was refused
 *   expect_dt_err=FDT_ERR_X  ...refused for that reason (fdt_errname())
 *   expect_dt_src=r2|ram     ...found through r2 / at the RAM base
 *   expect_ram=SIZE          the RAM the kernel ended up with (e.g. 512M)
 *   expect_uart=0xADDR       the UART the console ended up on
 *
 * A case whose argument is absent is skipped, so the suite runs in every
 * configuration; the consistency cases always run: a usable tree's memory is
 * reserved and agrees with memblock, the fallbacks are the board's values,
 * the early mapping window is gone, and a tree in lowmem still reads the
 * same through the direct map as it did at boot.
 */
#include "asm/memory.h"
#include "asm/mmu.h"
#include "asm/io.h"
#include "asm/traps.h"
#include "board.h"
#include "cmdline.h"
#include "devtree.h"
#include "fdt.h"
#include "ioport.h"
#include "errno.h"
#include "memblock.h"
#include "ram.h"
#include "string.h"
#include "asm/early_map.h"
#include "pl011.h"
#include "ktest.h"
#include "test_util.h"

CMDLINE_PARAM(expect_dt, "expect_dt=yes|no|bad",
	      "devtree suite: whether a sound device tree is expected");
CMDLINE_PARAM(expect_dt_err, "expect_dt_err=NAME", "devtree suite: the FDT_ERR_ a bad tree gives");
CMDLINE_PARAM(expect_dt_src, "expect_dt_src=r2|ram", "devtree suite: where the tree was found");
CMDLINE_PARAM(expect_ram, "expect_ram=SIZE", "devtree suite: the RAM the kernel must find");
CMDLINE_PARAM(expect_uart, "expect_uart=ADDR", "devtree suite: the UART the kernel must find");

static const char *const state_names[] = { "no", "bad", "yes" };

/* "0x09000000" or "9000000" (hex): false on garbage. */
static bool parse_hex(const char *s, uint32_t *out)
{
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d = *s >= '0' && *s <= '9'   ? (unsigned)(*s - '0')
			     : *s >= 'a' && *s <= 'f' ? (unsigned)(*s - 'a' + 10)
			     : *s >= 'A' && *s <= 'F' ? (unsigned)(*s - 'A' + 10)
						      : 16u;
		if (d > 15 || (v = v * 16 + d) > 0xffffffffull)
			return false;
	}
	*out = (uint32_t)v;
	return true;
}

static void decision_matches_config(struct ktest *t)
{
	const struct devtree_info *dt = devtree_info();
	char want[16], err[32], src[8];

	if (!cmdline_value("expect_dt", want, sizeof(want))) {
		ktest_skip(t, "no expect_dt= boot argument");
		return;
	}
	ktest_log("device tree: %s%s%s, wanted %s", state_names[dt->state],
		  dt->state == DT_BAD ? ": " : "", dt->state == DT_BAD ? dt->reason : "", want);
	KEXPECT_TRUE(t, !strcmp(want, state_names[dt->state]));
	if (cmdline_value("expect_dt_err", err, sizeof(err))) {
		ktest_log("error %s, wanted %s", fdt_errname(dt->fdt_err), err);
		KEXPECT_EQ(t, dt->state, DT_BAD);
		KEXPECT_TRUE(t, !strcmp(err, fdt_errname(dt->fdt_err)));
	}
	if (cmdline_value("expect_dt_src", src, sizeof(src))) {
		KEXPECT_TRUE(t, !strcmp(src, "r2") || !strcmp(src, "ram"));
		KEXPECT_EQ(t, dt->from_r2, !strcmp(src, "r2"));
		if (!dt->from_r2)
			KEXPECT_EQ(t, dt->dtb_phys, board.ram_base);
	}
}

static void ram_matches_config(struct ktest *t)
{
	uint64_t ram = memblock_total(&memblock.memory), want = 0;
	char buf[24];

	if (!cmdline_value("expect_ram", buf, sizeof(buf))) {
		ktest_skip(t, "no expect_ram= boot argument");
		return;
	}
	KASSERT_TRUE(t, parse_size(buf, &want));
	ktest_log("RAM %llu MB, wanted %llu MB", ram >> 20, want >> 20);
	KEXPECT_EQ(t, ram, want);
	KEXPECT_EQ(t, memblock.memory.count, 1);
	KEXPECT_EQ(t, memblock.memory.regions[0].base, board.ram_base);
}

static void uart_matches_config(struct ktest *t)
{
	uint32_t want = 0, console = (uint32_t)pl011_console_base();
	const struct resource *r;
	char buf[24];

	if (!cmdline_value("expect_uart", buf, sizeof(buf))) {
		ktest_skip(t, "no expect_uart= boot argument");
		return;
	}
	KASSERT_TRUE(t, parse_hex(buf, &want));
	ktest_log("console UART %#x, wanted %#x (board %#x)", board_uart_phys(), want,
		  board.uart_phys);
	KEXPECT_EQ(t, board_uart_phys(), want);
	/* The console writes there now, through the region it claimed. */
	KEXPECT_EQ(t, mmu_pa(console), want);
	r = lookup_resource(want);
	KEXPECT_TRUE(t, r && !strcmp(r->name, "uart-pl011"));
}

/* What the kernel decided hangs together, whatever the configuration. */
static void decision_is_consistent(struct ktest *t)
{
	const struct devtree_info *dt = devtree_info();
	uint64_t ram = memblock_total(&memblock.memory);

	KEXPECT_TRUE(t, dt->state == DT_NONE || dt->state == DT_BAD || dt->state == DT_OK);
	KEXPECT_TRUE(t, ram <= ram_present() && ram_present() <= board.ram_max);
	KEXPECT_EQ(t, board_uart_phys(), dt->uart_found ? dt->uart_phys : board.uart_phys);
	KEXPECT_EQ(t, mmu_pa((uint32_t)pl011_console_base()), board_uart_phys());
	if (dt->state != DT_OK) {
		/* The board description, unchanged. */
		KEXPECT_TRUE(t, !dt->mem_used && !dt->uart_found);
		KEXPECT_EQ(t, devtree_ram_size(), 0);
		KEXPECT_EQ(t, ram_source(), RAM_PROBED);
		KEXPECT_EQ(t, board_uart_phys(), board.uart_phys);
		if (dt->state == DT_BAD)
			KEXPECT_TRUE(t, dt->reason && dt->reason[0]);
		else
			KEXPECT_TRUE(t, !dt->from_r2 && dt->dtb_phys == board.ram_base);
		ktest_log("board description: UART %#x; %u MB of RAM probed", board.uart_phys,
			  ram_present() >> 20);
		return;
	}
	/* A sound tree: header-sized at least, reserved from its first byte to its last. */
	KEXPECT_TRUE(t, dt->dtb_size >= FDT_V16_HEADER_SIZE && dt->dtb_used <= dt->dtb_size);
	KEXPECT_TRUE(t, memblock_is_reserved(dt->dtb_phys));
	KEXPECT_TRUE(t, memblock_is_reserved(dt->dtb_phys + dt->dtb_size - 1));
	if (dt->mem_used) {
		KEXPECT_EQ(t, dt->mem_base, board.ram_base);
		KEXPECT_EQ(t, devtree_ram_size(), dt->ram_size);
		KEXPECT_EQ(t, dt->ram_size,
			   dt->mem_capped ? board.ram_max
					  : (uint32_t)ALIGN_DOWN(dt->mem_size, (uint64_t)SZ_1M));
		KEXPECT_TRUE(t, ram <= dt->ram_size); /* mem= may only lower it */
		KEXPECT_EQ(t, ram_source(), RAM_FROM_DEVTREE);
		KEXPECT_EQ(t, ram_present(), dt->ram_size);
	} else {
		KEXPECT_EQ(t, devtree_ram_size(), 0);
		KEXPECT_EQ(t, ram_source(), RAM_PROBED);
	}
	ktest_log("device tree at %#x (%u of %u bytes used%s): memory %#llx+%#llx%s, UART %#x%s",
		  dt->dtb_phys, dt->dtb_used, dt->dtb_size, dt->from_r2 ? ", from r2" : "",
		  dt->mem_base, dt->mem_size, dt->mem_used ? "" : " (not used)", dt->uart_phys,
		  dt->uart_found ? (dt->uart_from_stdout ? " (stdout-path)" : " (first PL011)")
				 : " (board)");
}

/* The boot-time window (two sections at EARLY_MAP_WINDOW_VA in early_pg_dir) is gone. */
static void early_window_unmapped(struct ktest *t)
{
	KEXPECT_EQ(t, early_map_sections(), 0);
	for (uint32_t va = EARLY_MAP_WINDOW_VA; va < EARLY_MAP_WINDOW_VA + EARLY_MAP_WINDOW_SIZE;
	     va += SZ_1M)
		KEXPECT_EQ(t, early_pg_dir[va >> 20], 0);
	/* And mapping after paging_init() is refused: early_pg_dir is not live. */
	KEXPECT_PTR_EQ(t, early_memremap_ro(board.ram_base, PAGE_SIZE), NULL);
}

/*
 * Past the RAM that was found there is none: the bus aborts (virt) or
 * reads 0 and drops writes (vexpress, realview), which is what the probe
 * relies on; seen here through an uncached ioremap of the first page past
 * the end. The probe's early accessors refuse to run after paging_init().
 */
static void no_ram_past_the_end(struct ktest *t)
{
	const uint32_t mark = 0x52414d21;
	volatile uint32_t *p;
	uint32_t v = mark;
	int err;

	KEXPECT_EQ(t, early_probe_read32(board.ram_base, &v), -EBUSY);
	KEXPECT_EQ(t, early_probe_write32(board.ram_base, 0), -EBUSY);
	if (ram_present() == board.ram_max) {
		ktest_skip(t, "RAM fills the board's whole range");
		return;
	}
	p = ioremap(board.ram_base + ram_present(), PAGE_SIZE);
	KASSERT_TRUE(t, p != NULL);
	err = probe_write32(p, mark);
	if (!err)
		err = probe_read32(p, &v);
	KEXPECT_TRUE(t, err == -EFAULT || (err == 0 && v != mark));
	ktest_log("RAM %s; past its end, at %#x, %s", ram_source_name(),
		  board.ram_base + ram_present(), err ? "an access aborts" : "nothing reads back");
	iounmap((void *)p);
}

/* Read the tree again through the direct map: the same answers as at boot. */
static void tree_reads_the_same(struct ktest *t)
{
	const struct devtree_info *dt = devtree_info();
	struct fdt f;
	uint64_t base, size;
	int node, nodes = 0;

	if (dt->state != DT_OK) {
		ktest_skip(t, "no device tree in use");
		return;
	}
	/* devtree.c only accepts a tree inside RAM: is its end in the direct map? */
	if (dt->dtb_phys + (uint64_t)dt->dtb_size >
	    PHYS_OFFSET + (uint64_t)(high_memory - PAGE_OFFSET)) {
		ktest_skip(t, "the device tree is not in lowmem");
		return;
	}
	KASSERT_EQ(t, fdt_open(&f, __va(dt->dtb_phys), dt->dtb_size), 0);
	KEXPECT_EQ(t, f.used, dt->dtb_used);
	node = fdt_find_memory(&f);
	KEXPECT_EQ(t, node >= 0, dt->mem_found);
	if (node >= 0 && !fdt_reg_phys(&f, node, 0, &base, &size)) {
		KEXPECT_EQ(t, base, dt->mem_base);
		KEXPECT_EQ(t, size, dt->mem_size);
	}
	if (dt->uart_from_stdout) {
		node = fdt_stdout_node(&f);
		KASSERT_TRUE(t, node >= 0);
		KEXPECT_EQ(t, fdt_node_is_compatible(&f, node, "arm,pl011"), 1);
		KEXPECT_EQ(t, fdt_reg_phys(&f, node, 0, &base, &size), 0);
		KEXPECT_EQ(t, base, dt->uart_phys);
	}
	for (node = fdt_next_node(&f, -1, NULL); node >= 0; node = fdt_next_node(&f, node, NULL))
		nodes++;
	KEXPECT_EQ(t, node, -FDT_ERR_NOTFOUND);
	ktest_log("%d nodes, %d /memreserve/ entries", nodes, fdt_num_mem_rsv(&f));
}

static const struct ktest_case devtree_cases[] = {
	KTEST_CASE(decision_matches_config), KTEST_CASE(ram_matches_config),
	KTEST_CASE(uart_matches_config),     KTEST_CASE(decision_is_consistent),
	KTEST_CASE(early_window_unmapped),   KTEST_CASE(no_ram_past_the_end),
	KTEST_CASE(tree_reads_the_same),
};
KTEST_SUITE("devtree", devtree_cases);

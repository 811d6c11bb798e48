/*
 * The device tree at boot: where it is, whether it is sound, and the two
 * facts the kernel takes from it (the first memory bank and the console
 * UART). Without a usable tree, the board description (board.h) gives the
 * UART and the RAM is probed (ram.h).
 *
 * start_kernel() calls devtree_early_init() before memblock and paging_init():
 * it looks at r2 from the bootloader (boot_r2) or, when r2 is 0, for the FDT
 * magic at the start of RAM (where QEMU's virt machine and QEMU's -dtb put
 * the tree), checks the whole blob with lib/fdt.c through a temporary early
 * mapping, reserves it (and its /memreserve/ entries) in memblock and prints
 * one "DT:" line saying what it decided.
 */
#ifndef DEVTREE_H
#define DEVTREE_H

#include "types.h"

enum devtree_state {
	DT_NONE, /* r2 = 0 and no FDT magic at the RAM base */
	DT_BAD,  /* something is there but unusable: see reason */
	DT_OK,   /* checked and read */
};

struct devtree_info {
	enum devtree_state state;
	bool from_r2;         /* the address came from r2, else the RAM base was probed */
	phys_addr_t dtb_phys; /* where the tree is (or was looked for) */
	uint32_t dtb_size;    /* totalsize (DT_OK) */
	uint32_t dtb_used;    /* bytes up to the end of its last block (DT_OK) */
	unsigned rsv_count;   /* /memreserve/ entries reserved */
	int fdt_err;          /* DT_BAD: the -FDT_ERR_... code, 0 if not the blob's fault */
	const char *reason;   /* DT_BAD: why, in words */

	uint64_t mem_base, mem_size; /* first bank of the first memory node, as written */
	bool mem_found;              /* ...when there is one */
	bool mem_used;               /* it is where the board's RAM is and big enough */
	bool mem_capped;             /* larger than the board's maximum: cut to it */
	uint32_t ram_size;           /* what the kernel takes from it (mem_used) */

	bool uart_found;       /* a PL011 from stdout-path or the first enabled one */
	bool uart_from_stdout; /* ...named by /chosen stdout-path */
	phys_addr_t uart_phys; /* the console UART: the tree's, or the board's */
};

/* Find, check and read the device tree; reserve it; print the "DT:" line. Before paging_init(). */
void devtree_early_init(void);
/* What devtree_early_init() decided (valid before it is called too: DT_NONE, board values). */
const struct devtree_info *devtree_info(void);
/* The RAM the device tree gives (its first bank, cut to the board's maximum), 0 if none usable. */
uint32_t devtree_ram_size(void);
/*
 * The UART the console ends up on (console_to_ioremap()): the device tree's
 * PL011 when it has one, else the board's. The early console stays on the
 * board's UART until then.
 */
phys_addr_t board_uart_phys(void);

#endif

/*
 * Stack unwinding from the ARM EHABI tables (Linux's CONFIG_ARM_UNWIND).
 *
 * The kernel is built with -funwind-tables: for every function the compiler
 * describes, in .ARM.exidx (an index sorted by function address) and
 * .ARM.extab (longer entries), how to undo its prologue: which registers
 * it pushed and how far it moved sp. Nothing runs on the hot paths (no
 * frame pointer is kept); only a backtrace reads the tables.
 *
 * unwind_frame() turns one frame into its caller's. Every stack word it
 * reads lies in [low, high), the stack the caller says the frame is on;
 * anything else (a pointer outside it, sp going down, a frame that does
 * not change, an opcode it does not know, a function with no entry) ends
 * the walk with an error instead of a fault or a loop. It takes no lock
 * and allocates nothing: an oops may call it with anything held.
 */
#ifndef ASM_UNWIND_H
#define ASM_UNWIND_H

#include "types.h"

/* One .ARM.exidx entry: prel31 offsets, as the EHABI lays them out. */
struct unwind_idx {
	uint32_t addr_offset; /* to the function's first instruction */
	uint32_t insn; /* 1: cannot unwind; bit 31: inline opcodes; else offset to .ARM.extab */
};

/*
 * An index, the .ARM.extab it points into and the code it covers (the last
 * entry's function ends where the code does): the kernel's is
 * unwind_kernel_table().
 */
struct unwind_table {
	const struct unwind_idx *idx_start, *idx_stop;
	const uint32_t *tab_start, *tab_stop;
	unsigned long text_start, text_end;
};

/*
 * A frame: where the code is (pc), its sp, lr (a leaf's return address)
 * and r11 (a function with a variable-sized frame keeps its sp there).
 */
struct stackframe {
	unsigned long fp, sp, lr, pc;
	/*
	 * pc is exact (the first frame, or a faulting instruction), not a
	 * return address: a return address is looked up 4 bytes back, so that
	 * a call as a function's last instruction (to a noreturn function)
	 * finds its own function and not the next one.
	 */
	bool ex_frame;
};

#define URC_OK      0
#define URC_END     1  /* no caller: a function with no entry, or pc 0 */
#define URC_FAILURE -1 /* the table or the stack cannot be trusted */

/* The frames a backtrace prints at most: a corrupt stack cannot make it longer. */
#define UNWIND_MAX_DEPTH 32

/* The index entry of the function pc is in, or NULL. */
const struct unwind_idx *unwind_find_idx(const struct unwind_table *tab, unsigned long pc);

/*
 * Replace *frame by its caller's frame: URC_OK, or URC_END / URC_FAILURE
 * (then *frame is unchanged). Stack reads stay in [low, high).
 */
int unwind_frame(const struct unwind_table *tab, struct stackframe *frame, unsigned long low,
		 unsigned long high);

#endif

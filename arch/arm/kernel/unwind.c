/*
 * The EHABI unwinder (asm/unwind.h): find a function's index entry, then
 * run its unwind opcodes ("Exception Handling ABI for the ARM
 * Architecture", section 10.3) on a virtual register set to get the
 * caller's sp and pc. The kernel is soft-float and has no C++: only the
 * compact model (personality routines 0, 1 and 2) and the core-register
 * opcodes occur, and anything else is refused rather than guessed.
 */
#include "asm/unwind.h"

/*
 * The linker's personality routines: the assembler names them in every
 * compact entry (an R_ARM_NONE reference that keeps C++'s routine linked
 * in). The kernel only reads the opcodes itself, so these are never called.
 */
void __aeabi_unwind_cpp_pr0(void);
void __aeabi_unwind_cpp_pr1(void);
void __aeabi_unwind_cpp_pr2(void);
void __aeabi_unwind_cpp_pr0(void)
{
}
void __aeabi_unwind_cpp_pr1(void)
{
}
void __aeabi_unwind_cpp_pr2(void)
{
}

#define EXIDX_CANTUNWIND 1
#define R_FP             11
#define R_SP             13
#define R_LR             14
#define R_PC             15

/* A prel31 field: an offset from the field's own address, sign-extended from bit 30. */
static unsigned long prel31(const uint32_t *field)
{
	return (unsigned long)field + (unsigned long)(long)((int32_t)(*field << 1) >> 1);
}

const struct unwind_idx *unwind_find_idx(const struct unwind_table *tab, unsigned long pc)
{
	const struct unwind_idx *lo = tab->idx_start, *hi = tab->idx_stop, *found = NULL;

	if (pc < tab->text_start || pc >= tab->text_end)
		return NULL;
	while (lo < hi) { /* the last entry whose function starts at or below pc */
		const struct unwind_idx *mid = lo + (hi - lo) / 2;

		if (prel31(&mid->addr_offset) <= pc) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return found;
}

/* The opcodes being run: bytes taken from the most significant end of each word. */
struct unwind_ctrl {
	unsigned long vrs[16];
	const uint32_t *insn; /* the word holding the next byte */
	int byte;             /* its position in *insn: 3 (bits 31:24) down to 0 */
	int words;            /* words left, *insn included */
	unsigned long low, high;
};

/* The next opcode byte, or -1 at the end (the end acts as "finish"). */
static int next_byte(struct unwind_ctrl *c)
{
	int b;

	if (c->words <= 0)
		return -1;
	b = (int)((*c->insn >> (c->byte * 8)) & 0xff);
	if (c->byte-- == 0) {
		c->insn++;
		c->words--;
		c->byte = 3;
	}
	return b;
}

/* Pop registers r0..r15 named by mask from the virtual sp; false if a word is off the stack. */
static bool pop_mask(struct unwind_ctrl *c, unsigned mask)
{
	unsigned long vsp = c->vrs[R_SP];
	bool sp_loaded = mask & (1u << R_SP);

	for (int r = 0; r < 16; r++) {
		if (!(mask & (1u << r)))
			continue;
		if (vsp < c->low || vsp > c->high - 4 || (vsp & 3))
			return false;
		c->vrs[r] = *(const uint32_t *)vsp;
		vsp += 4;
	}
	if (!sp_loaded) /* a popped sp is the new sp: the words after it do not count */
		c->vrs[R_SP] = vsp;
	return true;
}

/* One opcode (and its operand bytes): 1 after "finish", 0 to go on, URC_FAILURE if refused. */
static int exec_insn(struct unwind_ctrl *c, int op)
{
	int b;

	if ((op & 0xc0) == 0x00) { /* 00xxxxxx: vsp += (x << 2) + 4 */
		c->vrs[R_SP] += ((unsigned long)(op & 0x3f) << 2) + 4;
	} else if ((op & 0xc0) == 0x40) { /* 01xxxxxx: vsp -= (x << 2) + 4 */
		c->vrs[R_SP] -= ((unsigned long)(op & 0x3f) << 2) + 4;
	} else if ((op & 0xf0) == 0x80) { /* 1000iiii iiiiiiii: pop r4-r15 under mask */
		b = next_byte(c);
		if (b < 0 || (op == 0x80 && b == 0)) /* mask 0: "refuse to unwind" */
			return URC_FAILURE;
		if (!pop_mask(c, (((unsigned)op & 0xf) << 12) | ((unsigned)b << 4)))
			return URC_FAILURE;
	} else if ((op & 0xf0) == 0x90) { /* 1001nnnn: vsp = r[n] */
		if ((op & 0xf) == R_SP || (op & 0xf) == R_PC)
			return URC_FAILURE;
		c->vrs[R_SP] = c->vrs[op & 0xf];
	} else if ((op & 0xf0) == 0xa0) { /* 1010Lnnn: pop r4-r[4+n], and r14 if L */
		unsigned mask = ((1u << ((op & 7) + 1)) - 1) << 4;

		if (!pop_mask(c, mask | (op & 8 ? 1u << R_LR : 0)))
			return URC_FAILURE;
	} else if (op == 0xb0) { /* finish */
		return 1;
	} else if (op == 0xb1) { /* 10110001 0000iiii: pop r0-r3 under mask */
		b = next_byte(c);
		if (b <= 0 || (b & 0xf0) || !pop_mask(c, (unsigned)b))
			return URC_FAILURE;
	} else if (op == 0xb2) { /* 10110010 uleb128: vsp += 0x204 + (uleb128 << 2) */
		unsigned long v = 0;
		int shift = 0;

		do {
			b = next_byte(c);
			if (b < 0 || shift > 21) /* more than 4 bytes: no stack is that big */
				return URC_FAILURE;
			v |= (unsigned long)(b & 0x7f) << shift;
			shift += 7;
		} while (b & 0x80);
		c->vrs[R_SP] += 0x204 + (v << 2);
	} else {
		return URC_FAILURE; /* VFP/iWMMXt registers or a spare opcode: not in this kernel */
	}
	return 0;
}

/* Point c at the opcodes of idx's entry: inline, or in .ARM.extab. */
static int load_opcodes(const struct unwind_table *tab, const struct unwind_idx *idx,
			struct unwind_ctrl *c)
{
	const uint32_t *w;

	if (idx->insn == EXIDX_CANTUNWIND)
		return URC_END;
	if (idx->insn & 0x80000000u) {
		w = &idx->insn;
	} else {
		w = (const uint32_t *)prel31(&idx->insn);
		if (w < tab->tab_start || w >= tab->tab_stop || ((unsigned long)w & 3))
			return URC_FAILURE;
	}
	switch (*w & 0xff000000u) {
	case 0x80000000u: /* personality 0 (Su16): three opcodes in this word */
		c->byte = 2;
		c->words = 1;
		break;
	case 0x81000000u: /* personality 1 and 2 (Lu16, Lu32): two here, then N more words */
	case 0x82000000u:
		c->byte = 1;
		c->words = 1 + (int)((*w >> 16) & 0xff);
		if (w == &idx->insn || tab->tab_stop - w < c->words)
			return URC_FAILURE;
		break;
	default: /* a generic personality routine: C++, never in the kernel */ return URC_FAILURE;
	}
	c->insn = w;
	return URC_OK;
}

int unwind_frame(const struct unwind_table *tab, struct stackframe *frame, unsigned long low,
		 unsigned long high)
{
	struct unwind_ctrl c = { .low = low, .high = high };
	const struct unwind_idx *idx;
	int op, urc;

	if (frame->sp < low || frame->sp > high || !frame->pc)
		return URC_FAILURE;
	idx = unwind_find_idx(tab, frame->ex_frame ? frame->pc : frame->pc - 4);
	if (!idx)
		return URC_END;
	urc = load_opcodes(tab, idx, &c);
	if (urc != URC_OK)
		return urc;
	c.vrs[R_FP] = frame->fp;
	c.vrs[R_SP] = frame->sp;
	c.vrs[R_LR] = frame->lr;
	c.vrs[R_PC] = 0;
	/* Each opcode takes at least one byte and there are at most 1 + 255 words: this ends. */
	while ((op = next_byte(&c)) >= 0) {
		urc = exec_insn(&c, op);
		if (urc < 0)
			return urc;
		if (urc == 1)
			break;
	}
	if (!c.vrs[R_PC]) /* pc not popped: the function returns through lr */
		c.vrs[R_PC] = c.vrs[R_LR];
	/* The caller's frame is above this one, on the same stack, and somewhere else. */
	if (c.vrs[R_SP] < frame->sp || c.vrs[R_SP] > high ||
	    (c.vrs[R_SP] == frame->sp && c.vrs[R_PC] == frame->pc))
		return URC_FAILURE;
	if (!c.vrs[R_PC])
		return URC_END;
	frame->fp = c.vrs[R_FP];
	frame->sp = c.vrs[R_SP];
	frame->lr = c.vrs[R_LR];
	frame->pc = c.vrs[R_PC];
	frame->ex_frame = false;
	return URC_OK;
}

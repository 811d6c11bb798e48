/*
 * arch/arm/kernel/unwind.c over a made-up table and stack: the index lookup
 * at each edge, each core-register opcode (pops under a mask, vsp moves,
 * vsp from a register, the long forms in .ARM.extab), and the refusals
 * that keep a corrupt table or stack from faulting or looping: a pop past
 * the stack's end, sp going down, a frame that does not change, an opcode
 * the kernel never emits, "refuse to unwind" and EXIDX_CANTUNWIND.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "asm/unwind.h"
#include "kernel.h"

/* Four "functions" at text + 0, 0x40, 0x100 and 0x200; the code ends at 0x400. */
static char text[0x400];
static struct unwind_idx idx[4];
static uint32_t extab[8];
static uint32_t stack[256];
static struct unwind_table tab;

/* The prel31 offset from field to target, as the assembler writes it. */
static uint32_t prel31_to(const void *field, const void *target)
{
	return (uint32_t)((const char *)target - (const char *)field) & 0x7fffffffu;
}

/* Function i's entry: inline opcodes (bit 31 set), 1 (cannot unwind) or an extab word. */
static void set_entry(int i, unsigned off, uint32_t insn, const uint32_t *tab_word)
{
	idx[i].addr_offset = prel31_to(&idx[i].addr_offset, text + off);
	idx[i].insn = tab_word ? prel31_to(&idx[i].insn, tab_word) : insn;
}

static int setup(void **state)
{
	(void)state;
	memset(stack, 0, sizeof(stack));
	set_entry(0, 0x000, 0x80a8b0b0, NULL); /* pop {r4, lr}; finish */
	set_entry(1, 0x040, 0x8003aab0, NULL); /* vsp += 16; pop {r4-r6, lr} */
	set_entry(2, 0x100, 0, &extab[0]);     /* Lu16 in .ARM.extab, below */
	set_entry(3, 0x200, 1, NULL);          /* EXIDX_CANTUNWIND */
	/* Lu16, 1 more word: vsp = r11; pop {r4, r11, lr} (mask 0x481); vsp += 0x204 + 4; finish */
	extab[0] = 0x81019b84;
	extab[1] = 0x81b201b0;
	tab = (struct unwind_table){ idx,
				     idx + 4,
				     extab,
				     extab + 2,
				     (unsigned long)text,
				     (unsigned long)text + sizeof(text) };
	return 0;
}

static unsigned long at(unsigned off)
{
	return (unsigned long)text + off;
}

static unsigned long sp_at(unsigned word)
{
	return (unsigned long)&stack[word];
}

static int unwind(struct stackframe *f)
{
	return unwind_frame(&tab, f, sp_at(0), sp_at(ARRAY_SIZE(stack)));
}

static void lookup(void **state)
{
	(void)state;
	assert_ptr_equal(unwind_find_idx(&tab, at(0)), &idx[0]);
	assert_ptr_equal(unwind_find_idx(&tab, at(0x3f)), &idx[0]);
	assert_ptr_equal(unwind_find_idx(&tab, at(0x40)), &idx[1]);
	assert_ptr_equal(unwind_find_idx(&tab, at(0x1ff)), &idx[2]);
	assert_ptr_equal(unwind_find_idx(&tab, at(0x3ff)), &idx[3]);
	assert_null(unwind_find_idx(&tab, at(0) - 1));        /* before the code */
	assert_null(unwind_find_idx(&tab, at(sizeof(text)))); /* past its end */
}

static void pop_r4_lr(void **state)
{
	struct stackframe f = { .sp = sp_at(10), .lr = 0x1234, .pc = at(0x10), .ex_frame = true };

	(void)state;
	stack[10] = 0xaaaa; /* r4 */
	stack[11] = 0xc0ffee;
	assert_int_equal(unwind(&f), URC_OK);
	assert_int_equal(f.sp, sp_at(12));
	assert_int_equal(f.pc, 0xc0ffee);
	assert_int_equal(f.lr, 0xc0ffee);
	assert_false(f.ex_frame);
}

static void vsp_add_then_pop(void **state)
{
	struct stackframe f = { .sp = sp_at(20), .pc = at(0x44), .ex_frame = true };

	(void)state;
	stack[20 + 4 + 3] = 0xbeef; /* after 16 bytes of locals and r4-r6 */
	assert_int_equal(unwind(&f), URC_OK);
	assert_int_equal(f.sp, sp_at(28));
	assert_int_equal(f.pc, 0xbeef);
}

/* A return address is looked up 4 bytes back: the call at the end of the function before. */
static void return_address_looks_back(void **state)
{
	struct stackframe f = { .sp = sp_at(10), .pc = at(0x40), .ex_frame = false };

	(void)state;
	stack[11] = 0x5678;
	assert_int_equal(unwind(&f), URC_OK); /* function 0's pop {r4, lr}, not function 1's */
	assert_int_equal(f.sp, sp_at(12));
	assert_int_equal(f.pc, 0x5678);
}

static void extab_long_form(void **state)
{
	struct stackframe f = {
		.fp = sp_at(100), .sp = sp_at(0), .pc = at(0x180), .ex_frame = true
	};

	(void)state;
	stack[100] = 4;      /* r4 */
	stack[101] = 0x1111; /* the caller's r11 */
	stack[102] = 0x9999; /* lr */
	assert_int_equal(unwind(&f), URC_OK);
	assert_int_equal(f.sp, sp_at(103) + 0x208);
	assert_int_equal(f.fp, 0x1111);
	assert_int_equal(f.pc, 0x9999);
	/* r11 pointing off the stack (a corrupt frame pointer): refused, frame unchanged */
	f = (struct stackframe){ .fp = 0x10, .sp = sp_at(0), .pc = at(0x180), .ex_frame = true };
	assert_int_equal(unwind(&f), URC_FAILURE);
	assert_int_equal(f.sp, sp_at(0));
	assert_int_equal(f.fp, 0x10);
}

static void stack_bounds(void **state)
{
	struct stackframe f = { .sp = sp_at(ARRAY_SIZE(stack) - 1),
				.pc = at(0x10),
				.ex_frame = true };

	(void)state;
	/* pop {r4, lr} needs two words, one is left */
	assert_int_equal(unwind(&f), URC_FAILURE);
	assert_int_equal(f.sp, sp_at(ARRAY_SIZE(stack) - 1));
	f.sp = sp_at(0) - 8; /* below the stack */
	assert_int_equal(unwind(&f), URC_FAILURE);
}

static void refusals(void **state)
{
	struct stackframe f = { .sp = sp_at(10), .lr = at(0x10), .pc = at(0x10), .ex_frame = true };

	(void)state;
	assert_int_equal(
		unwind(&(struct stackframe){ .sp = sp_at(0), .pc = at(0x200), .ex_frame = true }),
		URC_END); /* EXIDX_CANTUNWIND */
	assert_int_equal(
		unwind(&(struct stackframe){ .sp = sp_at(0), .pc = at(0x400), .ex_frame = true }),
		URC_END);         /* no function */
	idx[0].insn = 0x80b0b0b0; /* finish: a leaf, pc = lr, and lr is pc: the same frame again */
	assert_int_equal(unwind(&f), URC_FAILURE);
	idx[0].insn = 0x808000b0; /* pop under mask 0: "refuse to unwind" */
	assert_int_equal(unwind(&f), URC_FAILURE);
	idx[0].insn = 0x80c801b0; /* VFP pop: never in this soft-float kernel */
	assert_int_equal(unwind(&f), URC_FAILURE);
	idx[0].insn = 0x807fb0b0; /* vsp -= 256: sp would go down */
	assert_int_equal(unwind(&f), URC_FAILURE);
	idx[0].insn = 0x809db0b0; /* vsp = r13: not allowed */
	assert_int_equal(unwind(&f), URC_FAILURE);
	extab[0] = 0x00001234; /* a generic personality routine (C++) */
	f.pc = at(0x100);
	assert_int_equal(unwind(&f), URC_FAILURE);
	extab[0] = 0x81ff9b84; /* 255 more words than .ARM.extab holds */
	assert_int_equal(unwind(&f), URC_FAILURE);
	assert_int_equal(f.sp, sp_at(10));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(lookup, setup),
		cmocka_unit_test_setup(pop_r4_lr, setup),
		cmocka_unit_test_setup(vsp_add_then_pop, setup),
		cmocka_unit_test_setup(return_address_looks_back, setup),
		cmocka_unit_test_setup(extab_long_form, setup),
		cmocka_unit_test_setup(stack_bounds, setup),
		cmocka_unit_test_setup(refusals, setup),
	};

	return cmocka_run_group_tests_name("unwind", tests, NULL, NULL);
}

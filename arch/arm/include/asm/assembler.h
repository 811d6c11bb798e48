/* Assembler helpers shared by the .S files. */
#ifndef ASM_ASSEMBLER_H
#define ASM_ASSEMBLER_H
#ifdef __ASSEMBLER__
/* Assembler macros, not C: */
/* clang-format off */

/* An __ex_table entry: a fault at insn resumes at fixup (asm/traps.h). */
	.macro extable insn, fixup
	.pushsection __ex_table, "a"
	.balign 4
	.word	\insn, \fixup
	.popsection
	.endm

/* clang-format on */
#endif
#endif

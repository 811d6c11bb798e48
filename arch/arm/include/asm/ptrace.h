/* The register frame every exception entry saves on the SVC stack. */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include "types.h"

struct pt_regs {
	uint32_t r[13]; /* r0-r12 */
	uint32_t sp;    /* SVC mode's sp before the exception (the interrupted */
	uint32_t lr;    /* context's while the kernel runs only in SVC mode) */
	uint32_t pad;   /* keeps the frame a multiple of 8 bytes */
	uint32_t pc;    /* where to resume (the faulting instruction for aborts) */
	uint32_t cpsr;  /* the interrupted context's CPSR */
};

#define PSR_MODE_MASK 0x1f
#define PSR_MODE_USR  0x10
#define PSR_MODE_FIQ  0x11
#define PSR_MODE_IRQ  0x12
#define PSR_MODE_SVC  0x13
#define PSR_MODE_ABT  0x17
#define PSR_MODE_HYP  0x1a
#define PSR_MODE_UND  0x1b
#define PSR_MODE_SYS  0x1f
#define PSR_T_BIT     (1u << 5)

#endif

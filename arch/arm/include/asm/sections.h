/*
 * The image's boundaries, defined by linker.ld: kernel virtual addresses
 * (__pa() gives the physical ones).
 */
#ifndef ASM_SECTIONS_H
#define ASM_SECTIONS_H

#include "types.h"

extern char _text[], _stext[], _etext[];      /* .text (vectors first), the code after them */
extern char __start_rodata[], __end_rodata[]; /* .rodata and the exception table */
extern char _sdata[], _edata[];               /* .data */
extern char __bss_start[], __bss_end[];       /* .bss (stacks included) */
extern char _end[];                           /* the end of the image */
extern char __vectors_start[];                /* the vector page's code */
extern char __stack_start[], __stack_end[];   /* .stack: the exception and boot stacks */
extern char init_stack_bottom[];              /* the boot stack's lowest address (head.S) */
extern char init_stack_top[];                 /* and its top: the boot thread's stack */
extern char __start_unwind_idx[], __stop_unwind_idx[]; /* .ARM.exidx (asm/unwind.h) */
extern char __start_unwind_tab[], __stop_unwind_tab[]; /* .ARM.extab */

/* boot/head.S: r2 as the bootloader left it (a device tree or ATAGS address, or 0). */
extern uint32_t boot_r2;

#endif

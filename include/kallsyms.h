/*
 * The kernel's symbol table (Linux's kallsyms): which function a code
 * address is in, for printing it as "name+0xoff/0xsize" (%pS in printk).
 *
 * The table (kallsyms_* below) is made at build time by scripts/kallsyms
 * from the linked kernel and linked in .rodata: every symbol of .text
 * sorted by address, each with its size. A symbol covers [address, address
 * + size); an address in none of them (data, padding between functions,
 * another image, 0) has no name. Lookups read only the table: they take no
 * lock, allocate nothing and may run anywhere, an exception handler too.
 * User programs have no table: their %pS prints the address in hex.
 */
#ifndef KALLSYMS_H
#define KALLSYMS_H

#include "types.h"

/* The longest name kept whole; sprint_symbol() cuts longer ones. */
#define KSYM_NAME_LEN 64
/* Enough for "name+0x12345678/0x12345678" and its NUL (Linux's size). */
#define KSYM_SYMBOL_LEN (KSYM_NAME_LEN + 2 * (2 + 2 * sizeof(unsigned long)) + 3)

/*
 * The symbol addr is in: its name (NUL-terminated, in the table), and its
 * size and addr's offset into it when the pointers are not NULL; NULL when
 * addr is in no symbol (then *symbolsize and *offset are not written).
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize, unsigned long *offset);

/*
 * Writes "name+0xoff/0xsize" for addr into buf (KSYM_SYMBOL_LEN bytes), or
 * "0x%08lx" of addr when it is in no symbol; returns the length written.
 */
int sprint_symbol(char *buf, unsigned long addr);

/* The same with the name alone ("name"), as %ps prints. */
int sprint_symbol_no_offset(char *buf, unsigned long addr);

/* The table, written by scripts/kallsyms (tests/host/test_kallsyms.c: a made-up one). */
extern const unsigned kallsyms_num_syms;
extern const unsigned long kallsyms_addresses[]; /* ascending */
extern const unsigned kallsyms_sizes[];
extern const unsigned kallsyms_name_offsets[]; /* into kallsyms_names */
extern const char kallsyms_names[];

#endif

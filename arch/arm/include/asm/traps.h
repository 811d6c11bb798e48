/*
 * Exception handling: fault status decoding, the report printed for an
 * unexpected fault, and fault recovery for tests and probes.
 *
 * Recovery works like Linux's exception table: an instruction listed in
 * __ex_table may fault, and the handler resumes at its fixup instead of
 * stopping the kernel. The probe_* helpers use it to touch memory that may
 * fault; probe_exec() branches to an address expecting a prefetch abort.
 * After a recovered fault, last_fault holds what the hardware reported.
 */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include "asm/ptrace.h"

enum fault_kind {
	FAULT_NONE,
	FAULT_DATA_ABORT,
	FAULT_PREFETCH_ABORT,
	FAULT_UNDEF
};

struct fault_record {
	enum fault_kind kind;
	uint32_t fsr;   /* DFSR or IFSR as read */
	uint32_t far;   /* DFAR or IFAR */
	uint32_t pc;    /* address of the faulting instruction */
	unsigned count; /* recovered faults so far */
};
extern struct fault_record last_fault;

/* The 5-bit fault status from a DFSR/IFSR value (FS[4] is bit 10). */
static inline uint32_t fsr_status(uint32_t fsr)
{
	return (fsr & 0xf) | ((fsr >> 6) & 0x10);
}
#define FSR_WNR (1u << 11) /* DFSR: the access was a write */

#define FS_ALIGNMENT        0x01
#define FS_TRANSLATION_SECT 0x05
#define FS_TRANSLATION_PAGE 0x07
#define FS_DOMAIN_SECT      0x09
#define FS_DOMAIN_PAGE      0x0b
#define FS_PERMISSION_SECT  0x0d
#define FS_PERMISSION_PAGE  0x0f

/* "translation fault (page)" and friends; NULL for codes we do not name. */
const char *fault_status_name(uint32_t status);

/* Return 0 and store the word, or -EFAULT after a recovered fault. */
int probe_read32(const volatile void *addr, uint32_t *val);
int probe_write32(volatile void *addr, uint32_t val);
int probe_ldrd(const volatile void *addr); /* a doubleword load: alignment faults */
int probe_undef(void);                     /* executes an undefined instruction */
/* Branch to addr (with blx) expecting a prefetch abort there: -EFAULT if it came. */
int probe_exec(uintptr_t addr);
/* Read the Secure Configuration Register: -EFAULT where it is not accessible (Non-secure). */
int probe_read_scr(uint32_t *out);

void do_undef(struct pt_regs *regs);
void do_svc(struct pt_regs *regs);
void do_prefetch_abort(struct pt_regs *regs);
void do_data_abort(struct pt_regs *regs);
void do_irq(struct pt_regs *regs);
void do_fiq(struct pt_regs *regs);

/* The exception table (the extable macro, asm/assembler.h; bounds from linker.ld). */
struct exception_table_entry {
	uint32_t insn;
	uint32_t fixup;
};
extern const struct exception_table_entry __ex_table_start[], __ex_table_end[];
/* Where a prefetch abort taken by probe_exec() resumes (probe.S). */
extern char exec_probe_fixup[];

#endif

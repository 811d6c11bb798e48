/*
 * Exception handlers. An unexpected fault prints what a person needs to
 * find it (mode, PC, LR, both also as function+offset, the faulting
 * address, the decoded fault status, the call trace)
 * and stops the kernel with a failing exit status; a fault at an
 * instruction listed in __ex_table is recovered (see asm/traps.h).
 * dump_stack() prints the same call trace from anywhere.
 */
#include "asm/cp15.h"
#include "asm/hardirq.h"
#include "asm/sections.h"
#include "asm/smp.h"
#include "asm/traps.h"
#include "asm/unwind.h"
#include "errno.h"
#include "irq.h"
#include "mm_user.h"
#include "oom.h"
#include "printk.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"

struct fault_record last_fault;
uintptr_t exec_probe_addr;             /* set by probe_exec() while it branches */
unsigned hardirq_depth[LOCK_MAX_CPUS]; /* asm/hardirq.h */

static const char *const fault_names[32] = {
	[0x01] = "alignment fault",
	[0x02] = "debug event",
	[0x03] = "access flag fault (section)",
	[0x04] = "instruction cache maintenance fault",
	[0x05] = "translation fault (section)",
	[0x06] = "access flag fault (page)",
	[0x07] = "translation fault (page)",
	[0x08] = "synchronous external abort",
	[0x09] = "domain fault (section)",
	[0x0b] = "domain fault (page)",
	[0x0c] = "external abort on table walk (level 1)",
	[0x0d] = "permission fault (section)",
	[0x0e] = "external abort on table walk (level 2)",
	[0x0f] = "permission fault (page)",
	[0x10] = "TLB conflict abort",
	[0x16] = "asynchronous external abort",
	[0x18] = "asynchronous parity error",
	[0x19] = "synchronous parity error",
	[0x1c] = "parity error on table walk (level 1)",
	[0x1e] = "parity error on table walk (level 2)",
};

const char *fault_status_name(uint32_t status)
{
	return status < 32 ? fault_names[status] : NULL;
}

static const char *mode_name(uint32_t cpsr)
{
	switch (cpsr & PSR_MODE_MASK) {
	case PSR_MODE_USR: return "USR";
	case PSR_MODE_FIQ: return "FIQ";
	case PSR_MODE_IRQ: return "IRQ";
	case PSR_MODE_SVC: return "SVC";
	case PSR_MODE_ABT: return "ABT";
	case PSR_MODE_HYP: return "HYP";
	case PSR_MODE_UND: return "UND";
	case PSR_MODE_SYS: return "SYS";
	default: return "???";
	}
}

/* As Linux's __show_regs(): where it stopped by name (%pS), then every register. */
static void show_regs(const struct pt_regs *regs)
{
	printk("PC is at %pS\nLR is at %pS\n", (void *)regs->pc, (void *)regs->lr);
	for (int i = 0; i < 13; i++)
		printk("%sr%-2d %08x%s", i % 4 ? "  " : "    ", i, regs->r[i],
		       i % 4 == 3 ? "\n" : "");
	printk("  sp  %08x\n    lr  %08x  pc  %08x  cpsr %08x (%s mode)\n", regs->sp, regs->lr,
	       regs->pc, regs->cpsr, mode_name(regs->cpsr));
}

/*
 * The kernel stack sp is on, as [*low, *high): the current task's, the boot
 * stack, or a secondary CPU's block. Every word the unwinder reads is
 * inside it, so a corrupt sp or frame cannot make the trace fault.
 */
static bool kernel_stack_bounds(unsigned long sp, unsigned long *low, unsigned long *high)
{
	extern char secondary_stacks[]; /* head-smp.S */
	const struct task_struct *t = current;

	if (t && t->stack && sp - (unsigned long)t->stack <= THREAD_SIZE) {
		*low = (unsigned long)t->stack;
		*high = *low + THREAD_SIZE;
	} else if (sp >= (unsigned long)init_stack_bottom && sp <= (unsigned long)init_stack_top) {
		*low = (unsigned long)init_stack_bottom;
		*high = (unsigned long)init_stack_top;
	} else if (sp - (unsigned long)secondary_stacks <= (NR_CPUS - 1) * SECONDARY_STACK_SIZE) {
		unsigned cpu = (sp - (unsigned long)secondary_stacks - 1) / SECONDARY_STACK_SIZE;

		*low = (unsigned long)secondary_stacks + cpu * SECONDARY_STACK_SIZE;
		*high = *low + SECONDARY_STACK_SIZE;
	} else {
		return false;
	}
	return true;
}

/*
 * Linux's unwind_backtrace(): one line per frame, " callee from
 * caller+off/size", until a function with no unwind entry (the assembly
 * that started the thread), the top of the stack or UNWIND_MAX_DEPTH.
 */
static void unwind_backtrace(struct stackframe *frame)
{
	static const struct unwind_table kernel_table = {
		.idx_start = (const struct unwind_idx *)__start_unwind_idx,
		.idx_stop = (const struct unwind_idx *)__stop_unwind_idx,
		.tab_start = (const uint32_t *)__start_unwind_tab,
		.tab_stop = (const uint32_t *)__stop_unwind_tab,
		.text_start = (unsigned long)_stext,
		.text_end = (unsigned long)_etext,
	};
	unsigned long low, high;
	int depth, urc = URC_OK;

	printk("Call trace: \n");
	if (!kernel_stack_bounds(frame->sp, &low, &high)) {
		printk(" (sp %08lx is on no kernel stack)\n", frame->sp);
		return;
	}
	for (depth = 0; depth < UNWIND_MAX_DEPTH; depth++) {
		unsigned long where = frame->pc;

		urc = unwind_frame(&kernel_table, frame, low, high);
		if (urc != URC_OK)
			break;
		printk(" %ps from %pS\n", (void *)where, (void *)frame->pc);
	}
	if (urc == URC_FAILURE)
		printk(" (unwind stopped at %pS: its table or stack cannot be read)\n",
		       (void *)frame->pc);
	else if (depth == UNWIND_MAX_DEPTH)
		printk(" (more than %d frames: the rest left out)\n", UNWIND_MAX_DEPTH);
}

/* The trace of an exception: from the interrupted pc, or from lr if pc is not code. */
static void dump_backtrace(const struct pt_regs *regs)
{
	struct stackframe frame = {
		.fp = regs->r[11], .sp = regs->sp, .lr = regs->lr, .pc = regs->pc, .ex_frame = true
	};

	if (regs->pc < (unsigned long)_stext || regs->pc >= (unsigned long)_etext)
		frame.pc = regs->lr; /* a jump to a bad address: its caller still made the call */
	unwind_backtrace(&frame);
}

__attribute__((noinline)) void dump_stack(void)
{
	const struct task_struct *t = current;
	struct stackframe frame = { .ex_frame = true };

	printk("CPU: %u PID: %d Comm: %s\n", smp_processor_id(), t ? t->pid : 0,
	       t ? t->comm : "swapper");
	/* Start in this function: its own table entry says how to leave it. */
	__asm__ volatile("mov %0, sp\n\tmov %1, r11" : "=r"(frame.sp), "=r"(frame.fp));
	frame.lr = (unsigned long)__builtin_return_address(0);
	frame.pc = (unsigned long)dump_stack;
	unwind_backtrace(&frame);
}

static const struct exception_table_entry *search_extable(uint32_t pc)
{
	for (const struct exception_table_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == pc)
			return e;
	return NULL;
}

/* Resume at a fixup if the faulting instruction has one. */
static bool fixup_exception(struct pt_regs *regs, enum fault_kind kind, uint32_t fsr, uint32_t far)
{
	uint32_t resume;
	const struct exception_table_entry *e = search_extable(regs->pc);

	if (e) {
		resume = e->fixup;
	} else if (kind == FAULT_PREFETCH_ABORT && exec_probe_addr && regs->pc == exec_probe_addr) {
		exec_probe_addr = 0;
		resume = (uint32_t)(uintptr_t)exec_probe_fixup;
	} else {
		return false;
	}
	last_fault.kind = kind;
	last_fault.fsr = fsr;
	last_fault.far = far;
	last_fault.pc = regs->pc;
	last_fault.count++;
	regs->pc = resume;
	return true;
}

static void __noreturn die(const char *what, const struct pt_regs *regs)
{
	printk("\nUnhandled %s in %s mode at pc %08x (lr %08x)\n", what, mode_name(regs->cpsr),
	       regs->pc, regs->lr);
	show_regs(regs);
	dump_backtrace(regs);
	panic("unhandled %s", what);
}

static void report_abort(const char *what, uint32_t fsr, uint32_t far, bool data)
{
	uint32_t status = fsr_status(fsr);
	const char *name = fault_status_name(status);

	printk("\n%s at address %08x: %s (FS 0x%02x)", what, far,
	       name ? name : "unknown fault status", status);
	if (data)
		printk(" on %s", fsr & FSR_WNR ? "write" : "read");
	/* DFSR.Domain is only meaningful for domain faults. */
	if (data && (status == FS_DOMAIN_SECT || status == FS_DOMAIN_PAGE))
		printk(", domain %u", (fsr >> 4) & 0xf);
	printk("%s\n", fsr & (1u << 12) ? " [external]" : "");
}

/*
 * A fault the process's mm could not resolve ends the process: say where
 * and why (and which area the address is in), then exit with 128 + the
 * signal a Linux shell would name (SIGSEGV, SIGILL). The kernel goes on.
 */
static void __noreturn user_fault(struct pt_regs *regs, const char *what, uint32_t fsr,
				  uint32_t far, bool data, int code)
{
	struct mm_struct *mm = current->mm;
	uint32_t vm_start = 0, vm_end = 0;
	const char *vm_name = NULL;

	/*
	 * Under mmap_lock, as every other find_vma(): it updates the mm's cached
	 * area, which munmap's fast path trusts, and another CPU may be changing
	 * the areas of this mm. The fault path dropped the lock before coming here.
	 */
	if (mm) {
		struct vm_area_struct *vma;

		spin_lock(&mm->mmap_lock);
		vma = find_vma(mm, far);
		if (vma && vma->vm_start <= far) {
			vm_start = vma->vm_start;
			vm_end = vma->vm_end;
			vm_name = vma->name ? vma->name : "";
		}
		spin_unlock(&mm->mmap_lock);
	}

	printk("%s[%d]: %s at %08x, pc %08x", current->comm, current->pid, what, far, regs->pc);
	if (fsr) {
		uint32_t status = fsr_status(fsr);
		const char *name = fault_status_name(status);

		printk(": %s (FS 0x%02x)%s", name ? name : "unknown fault status", status,
		       data ? (fsr & FSR_WNR ? " on write" : " on read") : " on fetch");
	}
	if (vm_name)
		printk(", in %08x-%08x %s\n", vm_start, vm_end, vm_name);
	else
		printk(", in no area%s\n", far >= TASK_SIZE ? " (a kernel address)" : "");
	current->faulted = true;
	current->fault_addr = far;
	current->fault_fsr = fsr;
	current->term_sig = code - 128; /* what wait4() reports: SIGSEGV, SIGILL */
	do_exit(code);
}

/*
 * The generic fault handler's view of an abort: what was attempted, from
 * where, and whether nothing was mapped or a mapping forbade it (as Linux's
 * arch/arm/mm/fault.c hands handle_mm_fault() flags, not fault status codes).
 */
static const uint8_t fault_kind_flags[32] = {
	[FS_TRANSLATION_SECT] = FAULT_FLAG_TRANSLATION,
	[FS_TRANSLATION_PAGE] = FAULT_FLAG_TRANSLATION,
	[FS_PERMISSION_SECT] = FAULT_FLAG_PERMISSION,
	[FS_PERMISSION_PAGE] = FAULT_FLAG_PERMISSION,
};

static unsigned fault_flags(uint32_t fsr, bool write, bool exec, bool user)
{
	return fault_kind_flags[fsr_status(fsr)] | (write ? FAULT_FLAG_WRITE : 0) |
	       (exec ? FAULT_FLAG_INSTRUCTION : 0) | (user ? FAULT_FLAG_USER : 0);
}

/* A user address the mm may page in: from user mode, or from a copy_*_user() in the kernel. */
static bool user_fault_resolved(struct pt_regs *regs, uint32_t fsr, uint32_t far, bool write,
				bool exec, enum vm_fault_result *res)
{
	*res = VM_FAULT_SIGSEGV;
	if (!current->mm || far >= TASK_SIZE)
		return false;
	if (!user_mode(regs) && !search_extable(regs->pc))
		return false;
	*res = handle_mm_fault(current->mm, far, fault_flags(fsr, write, exec, user_mode(regs)));
	return *res == VM_FAULT_OK;
}

static const char *fault_name(enum vm_fault_result res)
{
	return res == VM_FAULT_OOM      ? "out of memory"
	       : res == VM_FAULT_SIGBUS ? "bus error"
					: "segfault";
}

void do_data_abort(struct pt_regs *regs)
{
	uint32_t fsr = read_dfsr(), far = read_dfar();
	enum vm_fault_result res;

	if (user_fault_resolved(regs, fsr, far, fsr & FSR_WNR, false, &res))
		return;
	if (user_mode(regs)) {
		/* Out of memory: the OOM killer frees some and the access is retried, as in Linux. */
		if (res == VM_FAULT_OOM && pagefault_out_of_memory(regs))
			return;
		user_fault(regs, fault_name(res), fsr, far, true, EXIT_SEGV);
	}
	if (fixup_exception(regs, FAULT_DATA_ABORT, fsr, far))
		return;
	report_abort("Data abort", fsr, far, true);
	die("data abort", regs);
}

void do_prefetch_abort(struct pt_regs *regs)
{
	uint32_t fsr = read_ifsr(), far = read_ifar();
	enum vm_fault_result res;

	if (user_mode(regs)) {
		if (user_fault_resolved(regs, fsr, far, false, true, &res))
			return;
		if (res == VM_FAULT_OOM && pagefault_out_of_memory(regs))
			return;
		user_fault(regs, fault_name(res), fsr, far, false, EXIT_SEGV);
	}
	if (fixup_exception(regs, FAULT_PREFETCH_ABORT, fsr, far))
		return;
	report_abort("Prefetch abort", fsr, far, false);
	die("prefetch abort", regs);
}

void do_undef(struct pt_regs *regs)
{
	if (user_mode(regs))
		user_fault(regs, "undefined instruction", 0, regs->pc, false, EXIT_SIGILL);
	if (fixup_exception(regs, FAULT_UNDEF, 0, regs->pc))
		return;
	printk("\nUndefined instruction %08x\n", *(const uint32_t *)regs->pc);
	die("undefined instruction", regs);
}

#define SEMIHOSTING_SVC 0x123456

/* An SVC in the kernel (entry_svc sends a process's straight to syscall_dispatch). */
void do_svc(struct pt_regs *regs)
{
	uint32_t insn = *(const uint32_t *)(regs->pc - 4);

	/* No debugger answered a semihosting call: say "failed" and go on. */
	if ((insn & 0x00ffffff) == SEMIHOSTING_SVC) {
		regs->r[0] = (uint32_t)-1;
		return;
	}
	printk("\nUnexpected SVC #%u\n", insn & 0x00ffffff);
	die("SVC", regs);
}

void do_irq(struct pt_regs *regs)
{
	irq_enter();
	handle_irq(regs);
	irq_exit();
	/* Only an interrupted process is switched away from: kernel code is never preempted. */
	if (need_resched() && user_mode(regs))
		preempt_user();
	/* A signal sent while it ran (kill from another CPU, Ctrl-C) ends it here. */
	if (user_mode(regs) && current->sig_pending)
		do_signal(regs);
}

void do_fiq(struct pt_regs *regs)
{
	die("FIQ", regs);
}

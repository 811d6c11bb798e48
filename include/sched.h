/*
 * Tasks and the scheduler: round robin over one task list, on every CPU.
 * A task gives up its CPU when it yields, sleeps, exits or waits for a
 * child, and a process also when its time slice (two ticks) ends while it
 * runs in user mode. Any CPU runs any runnable task its cpus_allowed mask
 * permits; one that finds none runs its idle task (swapper/N), which
 * sleeps in WFI until an IPI or the tick says there may be work.
 *
 * Task 0 is the boot thread: it runs the kernel, the self-tests and the
 * benchmarks on CPU 0 (it never migrates), with no mm of its own. User
 * processes are made from the ELF programs carried in the image (user/),
 * each with its own mm, a kernel stack and a file table. A process ends
 * with exit() or, on a fault the mm cannot resolve, with a report and
 * status 139 (128 + SIGSEGV, as a shell shows it); its parent collects it
 * with task_wait().
 *
 * Locking: rq_lock (irqsave) guards the task list and every task's state,
 * on_cpu and cpu; it is held across the switch itself and released by the
 * task switched to (finish_task_switch), as in Linux. `current` is per CPU.
 */
#ifndef SCHED_H
#define SCHED_H

#include "asm/ptrace.h"
#include "list.h"
#include "smp.h"

#define TASK_COMM_LEN  16
#define TASK_MAX_FILES 8
#define THREAD_SIZE    8192u
#define EXIT_SEGV      139 /* 128 + SIGSEGV */
#define EXIT_SIGILL    132 /* 128 + SIGILL */

struct file;
struct mm_struct;

enum task_state {
	TASK_RUNNING,
	TASK_SLEEPING,
	TASK_WAITING,
	TASK_ZOMBIE
};

/* Callee-saved registers, the kernel sp and where to resume (arch/arm/kernel/entry-user.S). */
struct cpu_context {
	uint32_t r4, r5, r6, r7, r8, r9, r10, r11, sp, pc;
};
/*
 * boot/vectors.S: save prev's callee-saved registers and sp, resume next.
 * Returns, in next, the context of the task this CPU switched from.
 */
struct cpu_context *__switch_to(struct cpu_context *prev, struct cpu_context *next);
/*
 * boot/vectors.S: where a new task's first switch lands (its ctx.pc): it
 * finishes the switch (schedule_tail), then calls ctx.r5(ctx.r6) for a
 * kernel thread or returns to user mode through the frame on its stack.
 */
void ret_from_fork(void);
void schedule_tail(struct cpu_context *prev);

struct task_struct {
	struct cpu_context ctx; /* first: the switch code addresses it */
	int pid;
	enum task_state state;
	char comm[TASK_COMM_LEN];
	struct mm_struct *mm;   /* NULL for the boot thread */
	void *stack;            /* THREAD_SIZE kernel stack (NULL: the boot stack) */
	struct list_head tasks; /* on the list of all tasks */
	struct task_struct *parent;
	uint32_t wake_at; /* jiffies, while TASK_SLEEPING */
	int exit_code;
	/* What ended the process, when a fault did (tests check these). */
	uint32_t fault_addr, fault_fsr;
	bool faulted;
	struct file *files[TASK_MAX_FILES];
	uint32_t cpus_allowed; /* CPUs it may run on (bit n: CPU n) */
	unsigned cpu;          /* where it runs or last ran */
	uint32_t cpus_run;     /* every CPU it has run on (tests see migrations) */
	volatile int on_cpu;   /* 1 from its switch-in until its context is saved at switch-out */
	unsigned syscalls;
	unsigned nvcsw, nivcsw; /* times it gave up the CPU / was preempted (Linux's names) */
};

extern DEFINE_PER_CPU(struct task_struct *, current_task);
static inline struct task_struct *get_current(void)
{
	return this_cpu(current_task);
}
#define current get_current()

/* The task list, the boot thread and the idle tasks; secondaries enter their idle loop. */
void sched_init(void);
/*
 * Start program name (an ELF image carried in the kernel) as a new process
 * whose r0/r1 at entry are arg0/arg1. Returns the task or NULL (*err says why).
 */
struct task_struct *process_create(const char *name, uint32_t arg0, uint32_t arg1, int *err);
/* The same, allowed only on the CPUs of cpus_allowed (bit n: CPU n; offline ones dropped). */
struct task_struct *process_create_on(const char *name, uint32_t arg0, uint32_t arg1,
				      uint32_t cpus_allowed, int *err);
/*
 * Let t run only on cpus (Linux's set_cpus_allowed_ptr): if it runs
 * elsewhere now, that CPU switches away from it at its next interrupt in
 * user mode or yield, and t moves. 0 or -EINVAL (no online CPU in cpus,
 * the boot thread or an idle task).
 */
int set_cpus_allowed(struct task_struct *t, uint32_t cpus);
/* t's mm with a reference (mmput() it), or NULL once t has exited. */
struct mm_struct *get_task_mm(struct task_struct *t);
/* Wait for a child to end; returns its exit code and frees it. */
int task_wait(struct task_struct *child);
/* How the last child collected by task_wait() ended. */
struct task_exit {
	int pid, code;
	bool faulted;
	uint32_t fault_addr, fault_fsr;
	uint32_t cpus_run;
};
extern struct task_exit last_exit;
/* Run a program to its end: its exit code, or a negative errno if it could not start. */
int run_program(const char *name, uint32_t arg0, uint32_t arg1);
/* Give the CPU to the next runnable task (returns at once when there is none). */
void schedule(void);
void __noreturn do_exit(int code);
/* Sleep for at least n ticks (the tick runs while processes exist). */
void task_sleep(uint32_t ticks);
/* Set per CPU by the tick when the running process's slice is over, or to wake an idle CPU. */
extern DEFINE_PER_CPU(volatile bool, resched_pending);
static inline bool need_resched(void)
{
	return this_cpu(resched_pending);
}
/* From an interrupt taken in user mode with need_resched() set: switch. */
void preempt_user(void);
/* Switches between tasks so far, on all CPUs (idle tasks included). */
extern unsigned context_switches;
/* Live tasks (the boot thread included). */
unsigned nr_tasks(void);

/* The ELF images carried in the kernel (kernel/user_images.S). */
struct user_image {
	const char *name;
	const uint8_t *start, *end;
};
const struct user_image *user_image_find(const char *name);
/* The table the Makefile generates (empty in the plain kernel). */
extern const struct user_image user_images[], user_images_end[];

/* System calls (kernel/syscall.c): regs is the user frame; the result goes to r0. */
void syscall_dispatch(struct pt_regs *regs);
/* Called before returning to user mode with regs. */
static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cpsr & PSR_MODE_MASK) == PSR_MODE_USR;
}

#endif

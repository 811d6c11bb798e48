/*
 * Tasks and the scheduler: one CPU, round robin. A task gives up the CPU
 * when it yields, sleeps, exits or waits for a child, and a process also
 * when its time slice (two ticks) ends while it runs in user mode.
 *
 * Task 0 is the boot thread: it runs the kernel, the self-tests and the
 * benchmarks, with no mm of its own. User processes are made from the ELF
 * programs carried in the image (user/), each with its own mm, a kernel
 * stack and a file table. A process ends with exit() or, on a fault the mm
 * cannot resolve, with a report and status 139 (128 + SIGSEGV, as a shell
 * shows it); its parent collects it with task_wait().
 */
#ifndef SCHED_H
#define SCHED_H

#include "asm/ptrace.h"
#include "list.h"

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
/* boot/vectors.S: save prev's callee-saved registers and sp, resume next. */
void __switch_to(struct cpu_context *prev, struct cpu_context *next);
/* boot/vectors.S: where a new process's first switch lands (its ctx.pc). */
void ret_from_fork(void);

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
	unsigned syscalls;
	unsigned nvcsw, nivcsw; /* times it gave up the CPU / was preempted (Linux's names) */
};

extern struct task_struct *current;

void sched_init(void);
/*
 * Start program name (an ELF image carried in the kernel) as a new process
 * whose r0/r1 at entry are arg0/arg1. Returns the task or NULL (*err says why).
 */
struct task_struct *process_create(const char *name, uint32_t arg0, uint32_t arg1, int *err);
/* Wait for a child to end; returns its exit code and frees it. */
int task_wait(struct task_struct *child);
/* How the last child collected by task_wait() ended. */
struct task_exit {
	int pid, code;
	bool faulted;
	uint32_t fault_addr, fault_fsr;
};
extern struct task_exit last_exit;
/* Run a program to its end: its exit code, or a negative errno if it could not start. */
int run_program(const char *name, uint32_t arg0, uint32_t arg1);
/* Give the CPU to the next runnable task (returns at once when there is none). */
void schedule(void);
void __noreturn do_exit(int code);
/* Sleep for at least n ticks (the tick runs while processes exist). */
void task_sleep(uint32_t ticks);
/* Set by the tick when the running process's slice is over. */
extern bool need_resched;
/* From an interrupt taken in user mode with need_resched set: switch. */
void preempt_user(void);
/* Switches between tasks so far. */
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

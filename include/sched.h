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
	TASK_SLEEPING,      /* until wake_at (task_sleep) */
	TASK_WAITING,       /* for a child to end (wait4) */
	TASK_INTERRUPTIBLE, /* until wake_up_process() (a wait queue, include/wait.h) */
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
	int term_sig; /* the signal that ended it (0: it called exit) */
	/*
	 * Signals sent and not yet acted on (bit n: signal n), and in bit 0
	 * (no signal has that number) SIGPENDING_OOM: an allocation of its
	 * failed for lack of memory, and the OOM killer is to run on its way
	 * back to user mode, where it holds no lock (kernel/oom_kill.c).
	 * Changed with atomic operations: its CPU and senders race.
	 */
	uint32_t sig_pending;
	bool oom_victim;   /* chosen by the OOM killer: SIGKILL sent, memory not yet freed */
	uint8_t oom_order; /* the failed allocation SIGPENDING_OOM stands for */
	unsigned oom_gfp;
	struct file *files[TASK_MAX_FILES];
	uint32_t cpus_allowed; /* CPUs it may run on (bit n: CPU n) */
	unsigned cpu;          /* where it runs or last ran */
	uint32_t cpus_run;     /* every CPU it has run on (tests see migrations) */
	volatile int on_cpu;   /* 1 from its switch-in until its context is saved at switch-out */
	unsigned syscalls;
	unsigned nvcsw, nivcsw; /* times it gave up the CPU / was preempted (Linux's names) */
};

/*
 * The lowest word of every kernel stack holds STACK_END_MAGIC (Linux's
 * value): a switch away from a task whose stack end has been overwritten
 * (an overflow, or the stack's pages owned by someone else too) panics
 * there and then, naming the task, rather than letting it run on.
 */
#define STACK_END_MAGIC 0x57AC6E9Du
static inline void set_task_stack_end_magic(struct task_struct *t)
{
	*(uint32_t *)t->stack = STACK_END_MAGIC;
}
static inline bool task_stack_end_corrupted(const struct task_struct *t)
{
	return t->stack && *(const uint32_t *)t->stack != STACK_END_MAGIC;
}

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
/*
 * A task made by fork() or process_create(), complete but for its pid:
 * give it one, count it and let it run. Returns the pid.
 */
int wake_up_new_task(struct task_struct *t);
/*
 * A kernel thread (no mm, no user mode) running fn(arg) on any CPU, as
 * Linux's kthread_run(): the task, or NULL without memory. fn starts with
 * interrupts masked, never returns, and gives the CPU up itself
 * (schedule()): only user mode is preempted.
 */
struct task_struct *kthread_run(void (*fn)(void *), void *arg, const char *name);
/* fork() for the process whose user frame is regs: the child's pid, or a negative errno. */
long do_fork(struct pt_regs *regs);
/*
 * Replace the calling process's program with the image named by the user
 * string upath ("NAME" or "/bin/NAME"), with the NULL-terminated user
 * array uargv as its arguments (main(argc, argv)); regs is its user frame,
 * rewritten to start the new program. A negative errno if the old program
 * goes on (nothing changed).
 */
long do_execve(const char *upath, const uint32_t *uargv, struct pt_regs *regs);
/* execve's point of no return: mm becomes the caller's address space, the old one is dropped. */
void exec_mmap(struct mm_struct *mm);
/*
 * wait4(): wait for a child of the caller to end (pid > 0: that child;
 * 0 or -1: any) and free it; *status (if status) gets Linux's encoding.
 * Returns its pid; 0 with WNOHANG if none has ended yet; -ECHILD if there
 * is no such child; -EINTR if a signal came first; -EINVAL for unknown
 * options.
 */
long do_wait(int pid, int *status, int options);
/* Who inherits the children of a process that ends: t (an init process), or NULL for the boot thread. */
void set_child_reaper(struct task_struct *t);
/* t's mm with a reference (mmput() it), or NULL once t has exited. */
struct mm_struct *get_task_mm(struct task_struct *t);
/* Wait for a child of the caller to end; returns its exit code and frees it. */
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
/*
 * Blocking on an event, as Linux: set_current_state(TASK_INTERRUPTIBLE),
 * test the condition, schedule() if it does not hold yet; whoever makes
 * it hold calls wake_up_process(), which makes the task runnable again
 * (true) unless it already was (false). A wake-up between the test and
 * schedule() is not lost: the task is runnable again and schedule() may
 * pick it at once.
 */
void set_current_state(enum task_state state);
bool wake_up_process(struct task_struct *t);
/* What /proc and ps see of a task: a copy taken under the scheduler's lock. */
struct task_info {
	int pid, ppid;
	char comm[TASK_COMM_LEN];
	enum task_state state;
	unsigned cpu;
	unsigned nvcsw, nivcsw;
	uint32_t cpus_allowed;
};
/*
 * Mark signal sig (1..31; 0 only checks) pending for task pid and make it
 * act soon: a sleep or wait4 of it ends (-EINTR), a CPU running it in
 * user mode is interrupted. 0; -ESRCH (no such task); -EPERM (the boot
 * thread). A zombie takes it and nothing happens. kernel/signal.c decides
 * which signals to send; this only delivers.
 */
int signal_task(int pid, int sig);
/*
 * The OOM killer's kill (kernel/oom_kill.c chooses): SIGKILL to pid, sent
 * as signal_task() sends it, and the task counted as a victim until its
 * exit has freed its memory. 0; -ESRCH if pid is gone, exiting, has no
 * user space or is a victim already.
 */
int oom_kill_task(int pid);
/* Victims whose memory is not back yet: the OOM killer waits for them rather than kill more. */
unsigned oom_victims_pending(void);
/* The smallest pid greater than after of a live task (not an idle task), or -1. */
int task_next_pid(int after);
/*
 * A snapshot of task pid in *ti and, if mm is not NULL, its mm with a
 * reference in *mm (NULL for the boot thread or a zombie; mmput() it).
 * 0, or -ESRCH if no such task lives.
 */
int task_info_get(int pid, struct task_info *ti, struct mm_struct **mm);
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

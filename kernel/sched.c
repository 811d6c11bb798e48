/*
 * Tasks and the round-robin scheduler (see include/sched.h).
 *
 * A task runs until it calls into the kernel to yield, sleep, wait or
 * exit; schedule() then picks the next runnable task after it in the task
 * list, switches the address space (switch_mm) and the kernel stack
 * (__switch_to). When nothing can run, the CPU waits for an interrupt.
 */
#include "asm/irqflags.h"
#include "errno.h"
#include "exec.h"
#include "fs.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "slab.h"
#include "spinlock.h"
#include "string.h"
#include "timer.h"
#include "uapi/unistd.h"

static struct task_struct init_task = {
	.pid = 0,
	.state = TASK_RUNNING,
	.comm = "kernel",
};
struct task_struct *current = &init_task;
static LIST_HEAD_DEFINE(task_list);
static int next_pid = 1;
unsigned context_switches;
struct task_exit last_exit;

void sched_init(void)
{
	list_add(&init_task.tasks, &task_list);
	mm_user_init();
	console_node_init();
}

unsigned nr_tasks(void)
{
	struct task_struct *t;
	unsigned n = 0;

	list_for_each_entry (t, &task_list, tasks)
		n++;
	return n;
}

/*
 * The tick runs while processes exist: it wakes sleepers and ends time
 * slices, so a process that never calls the kernel still gives up the CPU.
 * It is started with the first process and stopped with the last (unless
 * someone else had started it).
 */
#define TIME_SLICE_TICKS 2

static unsigned nr_processes;
static bool tick_started_here;
static unsigned slice_ticks;
bool need_resched;

static void sched_tick(void)
{
	if (current != &init_task && ++slice_ticks >= TIME_SLICE_TICKS)
		need_resched = true;
}

static void processes_changed(int delta)
{
	nr_processes += delta;
	if (delta > 0 && nr_processes == 1 && !tick_active() && !tick_init())
		tick_started_here = true;
	if (nr_processes == 1)
		tick_register(sched_tick);
	if (!nr_processes) {
		tick_unregister(sched_tick);
		if (tick_started_here)
			tick_stop();
		tick_started_here = false;
	}
}

static bool runnable(struct task_struct *t)
{
	if (t->state == TASK_SLEEPING && (int32_t)(jiffies - t->wake_at) >= 0)
		t->state = TASK_RUNNING;
	return t->state == TASK_RUNNING;
}

/* The first runnable task after current, current itself last. */
static struct task_struct *pick_next(void)
{
	struct list_head *pos = &current->tasks;

	do {
		pos = pos->next;
		if (pos == &task_list)
			continue;
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);

		if (runnable(t))
			return t;
	} while (pos != &current->tasks);
	return NULL;
}

static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	uint32_t flags;

	lockdep_assert_no_locks("schedule()"); /* a spinlock must not sleep */
	flags = local_irq_save();

	while (!(next = pick_next())) {
		/* Everyone sleeps or waits: wfi wakes on a pending interrupt even when masked. */
		cpu_idle();
		local_irq_enable();
		local_irq_disable();
	}
	slice_ticks = 0;
	need_resched = false;
	if (next != prev) {
		context_switches++;
		if (preempt)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		current = next;
		switch_mm(next->mm);
		__switch_to(&prev->ctx, &next->ctx);
	}
	local_irq_restore(flags);
}

void schedule(void)
{
	__schedule(false);
}

void preempt_user(void)
{
	need_resched = false;
	__schedule(true);
}

void task_sleep(uint32_t ticks)
{
	current->wake_at = jiffies + max(ticks, 1u);
	current->state = tick_active() ? TASK_SLEEPING : TASK_RUNNING; /* no timer: just yield */
	schedule();
}

static int open_console(struct task_struct *t)
{
	int err;

	t->files[0] = file_open("/dev/console", UAPI_O_RDWR, &err);
	if (!t->files[0])
		return err;
	t->files[1] = file_get(t->files[0]);
	t->files[2] = file_get(t->files[0]);
	return 0;
}

struct task_struct *process_create(const char *name, uint32_t arg0, uint32_t arg1, int *err)
{
	const struct user_image *img = user_image_find(name);
	struct task_struct *t;
	struct pt_regs *regs;
	uint32_t entry;

	if (!img) {
		*err = -ENOENT;
		return NULL;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		goto nomem;
	t->stack = (void *)__get_free_pages(GFP_KERNEL, 1);
	t->mm = mm_alloc();
	if (!t->stack || !t->mm)
		goto nomem;
	*err = exec_load(t->mm, img, &entry);
	if (*err)
		goto fail;

	/* The user frame ret_from_fork returns through: pc = entry, user mode. */
	regs = (struct pt_regs *)((char *)t->stack + THREAD_SIZE) - 1;
	memset(regs, 0, sizeof(*regs));
	regs->r[0] = arg0;
	regs->r[1] = arg1;
	regs->sp = t->mm->start_stack;
	regs->pc = entry;
	regs->cpsr = PSR_MODE_USR;
	t->ctx.sp = (uint32_t)regs;
	t->ctx.pc = (uint32_t)ret_from_fork;

	t->pid = next_pid++;
	memcpy(t->comm, name, strnlen(name, TASK_COMM_LEN - 1));
	t->parent = current;
	t->state = TASK_RUNNING;
	*err = open_console(t);
	if (*err)
		goto fail;
	list_add_tail(&t->tasks, &task_list);
	processes_changed(1);
	return t;
nomem:
	*err = -ENOMEM;
fail:
	if (t) {
		if (t->mm)
			mmput(t->mm);
		if (t->stack)
			free_pages((uintptr_t)t->stack, 1);
		kfree(t);
	}
	return NULL;
}

static void close_files(struct task_struct *t)
{
	for (unsigned fd = 0; fd < TASK_MAX_FILES; fd++) {
		if (t->files[fd])
			file_put(t->files[fd]);
		t->files[fd] = NULL;
	}
}

void do_exit(int code)
{
	struct task_struct *t = current;
	struct mm_struct *mm = t->mm;

	BUG_ON(t == &init_task);
	local_irq_disable();
	t->exit_code = code;
	close_files(t);
	t->mm = NULL;
	switch_mm(NULL);
	mmput(mm);
	t->state = TASK_ZOMBIE;
	if (t->parent && t->parent->state == TASK_WAITING)
		t->parent->state = TASK_RUNNING;
	schedule();
	panic("zombie %d ran again", t->pid);
}

int task_wait(struct task_struct *child)
{
	int code;

	while (child->state != TASK_ZOMBIE) {
		current->state = TASK_WAITING;
		schedule();
	}
	current->state = TASK_RUNNING;
	code = child->exit_code;
	last_exit = (struct task_exit){ child->pid, code, child->faulted, child->fault_addr,
					child->fault_fsr };
	list_del(&child->tasks);
	free_pages((uintptr_t)child->stack, 1);
	kfree(child);
	processes_changed(-1);
	return code;
}

int run_program(const char *name, uint32_t arg0, uint32_t arg1)
{
	int err;
	struct task_struct *t = process_create(name, arg0, arg1, &err);

	return t ? task_wait(t) : err;
}

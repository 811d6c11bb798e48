/*
 * Tasks and the round-robin scheduler (see include/sched.h).
 *
 * A task runs until it calls into the kernel to yield, sleep, wait or
 * exit, or until its slice ends in user mode; schedule() then picks the
 * next runnable task after it in the task list that this CPU may run and
 * that no other CPU is running, switches the address space (switch_mm) and
 * the kernel stack (__switch_to). A CPU with nothing to run switches to its
 * idle task, which waits for an interrupt.
 *
 * The tick interrupts CPU 0 only (the board's timer is one device); CPU 0
 * forwards it to the others as IPI_TIMER while processes exist, so each
 * CPU ends its own task's slice and an idle CPU notices sleepers whose
 * time has come. A task made runnable also kicks idle CPUs it may run on
 * with IPI_RESCHEDULE, so it starts at once rather than at the next tick.
 */
#include "asm/irqflags.h"
#include "asm/sections.h"
#include "atomic.h"
#include "errno.h"
#include "exec.h"
#include "fs.h"
#include "kmemleak.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "signal.h"
#include "slab.h"
#include "smp.h"
#include "spinlock.h"
#include "string.h"
#include "timer.h"
#include "uapi/unistd.h"

static struct task_struct init_task = {
	.pid = 0,
	.state = TASK_RUNNING,
	.comm = "kernel",
	.cpus_allowed = 1, /* the boot thread stays on CPU 0 */
	.on_cpu = 1,
};
static struct task_struct idle_tasks[NR_CPUS];
/* CPU 0's idle task needs a stack of its own; the others idle on their boot stacks. */
static uint64_t idle0_stack[THREAD_SIZE / 8];

DEFINE_PER_CPU(struct task_struct *, current_task) = { &init_task };
DEFINE_PER_CPU(volatile bool, resched_pending);
static DEFINE_PER_CPU(unsigned, slice_ticks);

/* The task list, every task's state, on_cpu and cpu; held across a switch. */
static DEFINE_SPINLOCK(rq_lock);
static LIST_HEAD_DEFINE(task_list);
/* Who inherits the children of a task that ends (set_child_reaper()). */
static struct task_struct *child_reaper = &init_task;
static int next_pid = 1;
unsigned context_switches;
struct task_exit last_exit;

static struct task_struct *idle_task(unsigned cpu)
{
	return &idle_tasks[cpu];
}

unsigned nr_tasks(void)
{
	struct task_struct *t;
	unsigned n = 0;
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags);
	list_for_each_entry (t, &task_list, tasks)
		n++;
	spin_unlock_irqrestore(&rq_lock, flags);
	return n;
}

/* Wake the idle CPUs among cpus: they look for work now. */
static void kick_idle_cpus(uint32_t cpus)
{
	uint32_t idle = 0;

	cpus &= cpu_online_mask();
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if ((cpus & (1u << cpu)) && per_cpu(current_task, cpu) == idle_task(cpu)) {
			per_cpu(resched_pending, cpu) = true;
			idle |= 1u << cpu;
		}
	if (idle & (1u << smp_processor_id()))
		idle &= ~(1u << smp_processor_id()); /* it looks on its own */
	smp_send_ipi(idle, IPI_RESCHEDULE);
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
static DEFINE_SPINLOCK(processes_lock); /* nr_processes: fork and reaping run on any CPU */

/* On every CPU, each tick: CPU 0 from the timer, the others from IPI_TIMER. */
static void sched_tick_local(void)
{
	unsigned cpu = smp_processor_id();
	struct task_struct *t = per_cpu(current_task, cpu);

	if (t == idle_task(cpu) || ++per_cpu(slice_ticks, cpu) >= TIME_SLICE_TICKS)
		per_cpu(resched_pending, cpu) = true; /* idle: a sleeper may be due */
}

static void sched_tick(void)
{
	smp_send_ipi(cpu_online_mask() & ~(1u << smp_processor_id()), IPI_TIMER);
	sched_tick_local();
}

/*
 * The count goes from 0 to 1 only when the boot thread starts a process
 * and back to 0 only when the reaper of the last one (the boot thread)
 * collects it, both on CPU 0, whose timer the tick is; a fork elsewhere
 * only counts.
 */
static void processes_changed(int delta)
{
	uint32_t flags;

	spin_lock_irqsave(&processes_lock, flags);
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
	spin_unlock_irqrestore(&processes_lock, flags);
}

static bool runnable(struct task_struct *t)
{
	if (t->state == TASK_SLEEPING && (int32_t)(jiffies - t->wake_at) >= 0)
		t->state = TASK_RUNNING;
	return t->state == TASK_RUNNING;
}

/*
 * rq_lock held. The first task after prev in the list that cpu may run and
 * that no CPU runs; prev itself if none and it may go on; else the idle task.
 */
static struct task_struct *pick_next(unsigned cpu, struct task_struct *prev)
{
	struct task_struct *idle = idle_task(cpu);
	struct list_head *first = prev == idle ? &task_list : &prev->tasks, *pos = first;

	do {
		pos = pos->next;
		if (pos == &task_list)
			continue;
		struct task_struct *t = list_entry(pos, struct task_struct, tasks);

		if (t != prev && !t->on_cpu && (t->cpus_allowed & (1u << cpu)) && runnable(t))
			return t;
	} while (pos != first);
	return prev != idle && (prev->cpus_allowed & (1u << cpu)) && runnable(prev) ? prev : idle;
}

/*
 * In the task switched to, rq_lock still held from the switch: prev's
 * context is saved now, so another CPU may run it (or its parent free it).
 */
static void finish_task_switch(struct task_struct *prev)
{
	smp_mb(); /* the context stores before on_cpu = 0 */
	prev->on_cpu = 0;
	spin_unlock(&rq_lock);
}

void schedule_tail(struct cpu_context *prev)
{
	finish_task_switch(container_of(prev, struct task_struct, ctx));
}

static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;
	unsigned cpu = smp_processor_id();
	uint32_t flags;

	lockdep_assert_no_locks("schedule()"); /* a spinlock must not sleep */
	if (unlikely(task_stack_end_corrupted(prev)))
		panic("corrupted stack end detected inside scheduler: %s[%d]", prev->comm,
		      prev->pid);
	spin_lock_irqsave(&rq_lock, flags);
	next = pick_next(cpu, prev);
	per_cpu(slice_ticks, cpu) = 0;
	per_cpu(resched_pending, cpu) = false;
	if (next == prev) {
		spin_unlock_irqrestore(&rq_lock, flags);
		return;
	}
	context_switches++;
	if (preempt)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	next->on_cpu = 1;
	next->cpu = cpu;
	next->cpus_run |= 1u << cpu;
	per_cpu(current_task, cpu) = next;
	switch_mm(next->mm);
	/* Back here later, maybe on another CPU: cpu is stale from now on. */
	prev = container_of(__switch_to(&prev->ctx, &next->ctx), struct task_struct, ctx);
	finish_task_switch(prev);
	local_irq_restore(flags);
}

void schedule(void)
{
	__schedule(false);
}

void preempt_user(void)
{
	__schedule(true);
}

/* The idle task's loop: sleep until an interrupt says there may be work. */
static void __noreturn do_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (!need_resched())
			cpu_idle(); /* wfi: a pending interrupt ends it even while masked */
		local_irq_enable();
		if (need_resched())
			schedule();
	}
}

static void secondary_idle(unsigned cpu)
{
	struct task_struct *idle = idle_task(cpu);

	/* Already current (sched_init); it runs on the boot stack it has. */
	idle->on_cpu = 1;
	idle->cpu = cpu;
	do_idle();
}

/* ---- what kmemleak asks of the scheduler (include/kmemleak.h) ---- */

static uint32_t kmemleak_now(void)
{
	return jiffies;
}

static void kmemleak_whoami(char *comm, size_t size, int *pid)
{
	size_t n = strnlen(current->comm, min(size - 1, sizeof(current->comm)));

	memcpy(comm, current->comm, n);
	comm[n] = '\0';
	*pid = current->pid;
}

/*
 * Every task's kernel stack, the part in use: from the saved sp of a task
 * switched out, from here for the caller, all of it for a task running on
 * another CPU (its sp is not known). The boot thread's is the boot stack;
 * the idle tasks' are in .bss, which kmemleak scans anyway.
 */
static void kmemleak_for_each_stack(void (*scan)(const void *lo, const void *hi))
{
	struct task_struct *t;
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags);
	list_for_each_entry (t, &task_list, tasks) {
		const char *bottom = t->stack ? t->stack : init_stack_bottom;
		const char *top = t->stack ? (const char *)t->stack + THREAD_SIZE : init_stack_top;
		const char *lo = bottom;

		if (t == current)
			lo = (const char *)&t;
		else if (!READ_ONCE(t->on_cpu) && t->ctx.sp >= (uint32_t)bottom &&
			 t->ctx.sp <= (uint32_t)top)
			lo = (const char *)t->ctx.sp;
		scan(lo, top);
	}
	spin_unlock_irqrestore(&rq_lock, flags);
}

static const struct kmemleak_env sched_kmemleak_env = {
	.now = kmemleak_now,
	.whoami = kmemleak_whoami,
	.for_each_stack = kmemleak_for_each_stack,
};

void sched_init(void)
{
	list_add(&init_task.tasks, &task_list);
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		struct task_struct *idle = idle_task(cpu);

		idle->state = TASK_RUNNING;
		idle->cpus_allowed = 1u << cpu;
		idle->cpu = cpu;
		memcpy(idle->comm, "swapper/", 8);
		idle->comm[8] = (char)('0' + cpu);
		if (cpu)
			per_cpu(current_task, cpu) = idle;
	}
	/* CPU 0's idle task starts fresh: ret_from_fork calls do_idle(). */
	idle_tasks[0].stack = idle0_stack;
	set_task_stack_end_magic(&idle_tasks[0]);
	idle_tasks[0].ctx.sp = (uint32_t)&idle0_stack[ARRAY_SIZE(idle0_stack)];
	idle_tasks[0].ctx.pc = (uint32_t)ret_from_fork;
	idle_tasks[0].ctx.r5 = (uint32_t)do_idle;
	smp_set_ipi_handler(IPI_TIMER, sched_tick_local);
	smp_set_secondary_entry(secondary_idle);
	mm_user_init();
	console_node_init();
	kmemleak_set_env(&sched_kmemleak_env);
}

void set_current_state(enum task_state state)
{
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags);
	current->state = state;
	spin_unlock_irqrestore(&rq_lock, flags);
}

bool wake_up_process(struct task_struct *t)
{
	uint32_t flags;
	bool woken = false;

	spin_lock_irqsave(&rq_lock, flags);
	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_SLEEPING) {
		t->state = TASK_RUNNING;
		kick_idle_cpus(t->cpus_allowed);
		woken = true;
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	return woken;
}

/* rq_lock held: the live task with this pid (idle tasks have none), or NULL. */
static struct task_struct *find_task(int pid)
{
	struct task_struct *t;

	list_for_each_entry (t, &task_list, tasks)
		if (t->pid == pid)
			return t;
	return NULL;
}

/* rq_lock held, t live and not the boot thread: mark sig pending and make t act soon. */
static void __signal_task(struct task_struct *t, int sig)
{
	__atomic_fetch_or(&t->sig_pending, 1u << sig, __ATOMIC_RELAXED);
	if (t->state == TASK_INTERRUPTIBLE || t->state == TASK_SLEEPING ||
	    t->state == TASK_WAITING) {
		/* Its sleep or wait4 ends with -EINTR, then it acts. */
		t->state = TASK_RUNNING;
		kick_idle_cpus(t->cpus_allowed);
	} else if (t->on_cpu && t->cpu != smp_processor_id()) {
		/* In user mode elsewhere: the IPI's return to user mode acts on it. */
		per_cpu(resched_pending, t->cpu) = true;
		smp_send_ipi(1u << t->cpu, IPI_RESCHEDULE);
	}
}

int signal_task(int pid, int sig)
{
	struct task_struct *t;
	uint32_t flags;
	int err = 0;

	spin_lock_irqsave(&rq_lock, flags);
	t = find_task(pid);
	if (!t)
		err = -ESRCH;
	else if (t->state == TASK_ZOMBIE)
		sig = 0; /* as Linux: a zombie takes it and nothing happens */
	else if (!t->mm)
		err = -EPERM; /* the boot thread has no user space to end */
	if (!err && sig)
		__signal_task(t, sig);
	spin_unlock_irqrestore(&rq_lock, flags);
	return err;
}

/* Victims the OOM killer has chosen whose memory has not been freed yet. */
static atomic_t oom_victims;

int oom_kill_task(int pid)
{
	struct task_struct *t;
	uint32_t flags;
	int err = -ESRCH;

	spin_lock_irqsave(&rq_lock, flags);
	t = find_task(pid);
	/* Its mm still there (do_exit clears it under this lock): its exit will count it off. */
	if (t && t->mm && t->state != TASK_ZOMBIE && !t->oom_victim) {
		t->oom_victim = true;
		atomic_inc(&oom_victims);
		__signal_task(t, UAPI_SIGKILL);
		err = 0;
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	return err;
}

unsigned oom_victims_pending(void)
{
	return (unsigned)atomic_read(&oom_victims);
}

int task_next_pid(int after)
{
	struct task_struct *t;
	int best = -1;
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags);
	list_for_each_entry (t, &task_list, tasks)
		if (t->pid > after && (best < 0 || t->pid < best))
			best = t->pid;
	spin_unlock_irqrestore(&rq_lock, flags);
	return best;
}

int task_info_get(int pid, struct task_info *ti, struct mm_struct **mm)
{
	struct task_struct *t;
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags);
	t = find_task(pid);
	if (t) {
		*ti = (struct task_info){ .pid = t->pid,
					  .ppid = t->parent ? t->parent->pid : 0,
					  .state = t->state,
					  .cpu = t->cpu,
					  .nvcsw = t->nvcsw,
					  .nivcsw = t->nivcsw,
					  .cpus_allowed = t->cpus_allowed };
		memcpy(ti->comm, t->comm, TASK_COMM_LEN);
		if (mm) {
			*mm = t->mm;
			if (t->mm)
				mmget(t->mm);
		}
	}
	spin_unlock_irqrestore(&rq_lock, flags);
	return t ? 0 : -ESRCH;
}

void task_sleep(uint32_t ticks)
{
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags);
	current->wake_at = jiffies + max(ticks, 1u);
	current->state = tick_active() ? TASK_SLEEPING : TASK_RUNNING; /* no timer: just yield */
	spin_unlock_irqrestore(&rq_lock, flags);
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

int wake_up_new_task(struct task_struct *t)
{
	uint32_t flags;
	int pid;

	processes_changed(1);
	spin_lock_irqsave(&rq_lock, flags);
	pid = t->pid = next_pid++;
	t->state = TASK_RUNNING;
	list_add_tail(&t->tasks, &task_list);
	kick_idle_cpus(t->cpus_allowed);
	spin_unlock_irqrestore(&rq_lock, flags);
	return pid;
}

struct task_struct *process_create_on(const char *name, uint32_t arg0, uint32_t arg1,
				      uint32_t cpus_allowed, int *err)
{
	const struct user_image *img = user_image_find(name);
	struct task_struct *t;
	struct pt_regs *regs;
	uint32_t entry;

	if (!img) {
		*err = -ENOENT;
		return NULL;
	}
	cpus_allowed &= cpu_online_mask();
	if (!cpus_allowed) {
		*err = -EINVAL;
		return NULL;
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		goto nomem;
	t->stack = (void *)__get_free_pages(GFP_KERNEL, 1);
	t->mm = mm_alloc();
	if (!t->stack || !t->mm)
		goto nomem;
	set_task_stack_end_magic(t);
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

	memcpy(t->comm, name, strnlen(name, TASK_COMM_LEN - 1));
	t->parent = current;
	t->cpus_allowed = cpus_allowed;
	*err = open_console(t);
	if (*err)
		goto fail;
	wake_up_new_task(t);
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

struct task_struct *kthread_run(void (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->stack = (void *)__get_free_pages(GFP_KERNEL, 1);
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	set_task_stack_end_magic(t);
	/* ret_from_fork calls fn(arg) once the switch is finished (boot/vectors.S). */
	t->ctx.sp = (uint32_t)((char *)t->stack + THREAD_SIZE);
	t->ctx.pc = (uint32_t)ret_from_fork;
	t->ctx.r5 = (uint32_t)fn;
	t->ctx.r6 = (uint32_t)arg;
	memcpy(t->comm, name, strnlen(name, TASK_COMM_LEN - 1));
	t->parent = &init_task;
	t->cpus_allowed = cpu_online_mask();
	wake_up_new_task(t);
	return t;
}

static void close_files(struct task_struct *t)
{
	for (unsigned fd = 0; fd < TASK_MAX_FILES; fd++) {
		if (t->files[fd])
			file_put(t->files[fd]);
		t->files[fd] = NULL;
	}
}

struct task_struct *process_create(const char *name, uint32_t arg0, uint32_t arg1, int *err)
{
	return process_create_on(name, arg0, arg1, ~0u, err);
}

/* rq_lock held: wake p if it waits for a child. */
static void wake_waiter(struct task_struct *p)
{
	if (p && p->state == TASK_WAITING) {
		p->state = TASK_RUNNING;
		kick_idle_cpus(p->cpus_allowed);
	}
}

void set_child_reaper(struct task_struct *t)
{
	child_reaper = t ? t : &init_task;
}

void do_exit(int code)
{
	struct task_struct *t = current, *c;
	struct mm_struct *mm = t->mm;
	bool victim;

	BUG_ON(t == &init_task || t == idle_task(t->cpu));
	local_irq_disable();
	t->exit_code = code;
	close_files(t);
	spin_lock(&rq_lock); /* get_task_mm() sees the mm or NULL, never a freed one */
	t->mm = NULL;
	/* Read with the mm's going: oom_kill_task() marks only a task that still has one. */
	victim = t->oom_victim;
	spin_unlock(&rq_lock);
	switch_mm(NULL);
	mmput(mm);
	if (victim) /* its memory is back (unless someone still holds the mm a moment) */
		atomic_dec(&oom_victims);
	/*
	 * Zombie and wake-up under one lock hold: the parent cannot miss it
	 * (do_wait). Children it leaves go to the reaper, as Linux gives them
	 * to init, which is woken if one of them has ended already.
	 */
	spin_lock(&rq_lock);
	t->state = TASK_ZOMBIE;
	list_for_each_entry (c, &task_list, tasks) {
		if (c->parent != t)
			continue;
		c->parent = child_reaper;
		if (c->state == TASK_ZOMBIE)
			wake_waiter(child_reaper);
	}
	wake_waiter(t->parent); /* read here: it may have been reparented */
	spin_unlock(&rq_lock);
	schedule();
	panic("zombie %d ran again", t->pid);
}

int set_cpus_allowed(struct task_struct *t, uint32_t cpus)
{
	uint32_t flags;

	cpus &= cpu_online_mask();
	if (!cpus || t == &init_task || t == idle_task(t->cpu))
		return -EINVAL;
	spin_lock_irqsave(&rq_lock, flags);
	t->cpus_allowed = cpus;
	if (t->on_cpu && !(cpus & (1u << t->cpu))) {
		/* It runs where it may not: its CPU switches away at the next chance. */
		per_cpu(resched_pending, t->cpu) = true;
		if (t->cpu != smp_processor_id())
			smp_send_ipi(1u << t->cpu, IPI_RESCHEDULE);
	}
	kick_idle_cpus(cpus);
	spin_unlock_irqrestore(&rq_lock, flags);
	return 0;
}

void exec_mmap(struct mm_struct *mm)
{
	struct mm_struct *old = current->mm;
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags); /* get_task_mm() sees the old mm or the new one */
	current->mm = mm;
	switch_mm(mm);
	spin_unlock_irqrestore(&rq_lock, flags);
	mmput(old);
}

struct mm_struct *get_task_mm(struct task_struct *t)
{
	struct mm_struct *mm;
	uint32_t flags;

	spin_lock_irqsave(&rq_lock, flags);
	mm = t->mm;
	if (mm)
		mmget(mm);
	spin_unlock_irqrestore(&rq_lock, flags);
	return mm;
}

/*
 * Free a zombie child that do_wait() took off the list of waitables. Its
 * CPU may still be switching away from it, on its stack, looking for the
 * next task from its place in the list: off the list only after.
 */
static void release_task(struct task_struct *child, struct task_exit *info)
{
	uint32_t flags;

	while (child->on_cpu)
		wfe(); /* finish_task_switch's unlock sends the event */
	spin_lock_irqsave(&rq_lock, flags);
	list_del(&child->tasks);
	spin_unlock_irqrestore(&rq_lock, flags);
	*info = (struct task_exit){ child->pid,        child->exit_code, child->faulted,
				    child->fault_addr, child->fault_fsr, child->cpus_run };
	if (task_stack_end_corrupted(child))
		printk("BUG: %s[%d]: corrupted stack end at exit\n", child->comm, child->pid);
	free_pages((uintptr_t)child->stack, 1);
	kfree(child);
	processes_changed(-1);
}

/* Is c a child of current that wait4(pid) asks for? (No process groups: 0 is any child.) */
static bool wanted(const struct task_struct *c, int pid)
{
	return c->parent == current && (pid <= 0 || c->pid == pid);
}

static long __do_wait(int pid, int *status, int options, struct task_exit *info)
{
	struct task_struct *c, *zombie;
	uint32_t flags;
	bool any;
	int found;

	if (options & ~UAPI_WNOHANG)
		return -EINVAL;
	if (pid < -1)
		return -ECHILD; /* a process group: there are none but each process's own */
	spin_lock_irqsave(&rq_lock, flags);
	for (;;) {
		any = false;
		zombie = NULL;
		list_for_each_entry (c, &task_list, tasks) {
			if (!wanted(c, pid))
				continue;
			any = true;
			if (c->state == TASK_ZOMBIE) {
				zombie = c;
				c->parent = NULL; /* taken: no other wait finds it */
				break;
			}
		}
		if (zombie || !any || (options & UAPI_WNOHANG) || signal_pending(current))
			break;
		current->state = TASK_WAITING;
		spin_unlock_irqrestore(&rq_lock, flags);
		schedule();
		spin_lock_irqsave(&rq_lock, flags);
	}
	current->state = TASK_RUNNING;
	spin_unlock_irqrestore(&rq_lock, flags);
	if (!zombie)
		return !any ? -ECHILD : (options & UAPI_WNOHANG) ? 0 : -EINTR;
	found = zombie->pid;
	if (status)
		*status = zombie->term_sig ? zombie->term_sig & 0x7f
					   : (int)UAPI_W_EXITCODE(zombie->exit_code);
	release_task(zombie, info);
	return found;
}

long do_wait(int pid, int *status, int options)
{
	struct task_exit info;

	return __do_wait(pid, status, options, &info);
}

int task_wait(struct task_struct *child)
{
	/*
	 * Only here is last_exit written: processes reap their own children on
	 * other CPUs at the same time, each into its own record.
	 */
	long pid = __do_wait(child->pid, NULL, 0, &last_exit);

	BUG_ON(pid != last_exit.pid);
	return last_exit.code;
}

int run_program(const char *name, uint32_t arg0, uint32_t arg1)
{
	int err;
	struct task_struct *t = process_create(name, arg0, arg1, &err);

	return t ? task_wait(t) : err;
}

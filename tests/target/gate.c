/* The test's checkpoint gate (see gate.h). */
#include "errno.h"
#include "fs.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"
#include "timer.h"
#include "gate.h"

#define GATE_SLOTS 8

static DEFINE_SPINLOCK(gate_lock);
static struct gate_slot {
	struct task_struct *task; /* sitting at the gate, or NULL */
	bool open;
} slots[GATE_SLOTS];

static struct gate_slot *slot_of(int pid)
{
	for (unsigned i = 0; i < GATE_SLOTS; i++)
		if (slots[i].task && slots[i].task->pid == pid)
			return &slots[i];
	return NULL;
}

/* read(): sit at the gate until the test opens it. */
static long gate_read(struct file *file, void *ubuf, uint32_t len, uint32_t *pos)
{
	struct gate_slot *slot = NULL;
	uint32_t flags;

	(void)file, (void)ubuf, (void)len, (void)pos;
	spin_lock_irqsave(&gate_lock, flags);
	for (unsigned i = 0; i < GATE_SLOTS && !slot; i++)
		if (!slots[i].task)
			slot = &slots[i];
	if (!slot) {
		spin_unlock_irqrestore(&gate_lock, flags);
		return -EBUSY;
	}
	*slot = (struct gate_slot){ current, false };
	/*
	 * Killable, as Linux's TASK_KILLABLE: SIGKILL (the OOM killer's) ends
	 * the wait. State first, then the tests: neither gate_open's wake-up
	 * nor a sender's (which sees the state under rq_lock) can be lost.
	 */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (slot->open || fatal_signal_pending(current))
			break;
		spin_unlock_irqrestore(&gate_lock, flags);
		schedule();
		spin_lock_irqsave(&gate_lock, flags);
	}
	long ret = slot->open ? 0 : -EINTR;

	set_current_state(TASK_RUNNING);
	slot->task = NULL;
	spin_unlock_irqrestore(&gate_lock, flags);
	return ret;
}

static const struct file_operations gate_fops = {
	.read = gate_read,
};

void gate_init(void)
{
	register_device_node("/dev/ktest_gate", &gate_fops, NULL); /* -EEXIST the second time */
}

bool gate_wait(int pid)
{
	uint32_t start = jiffies; /* the tick runs while processes exist */

	while (jiffies - start < 10 * HZ) {
		struct task_info ti;
		bool there;
		uint32_t flags;

		spin_lock_irqsave(&gate_lock, flags);
		there = slot_of(pid) && slot_of(pid)->task->state == TASK_INTERRUPTIBLE;
		spin_unlock_irqrestore(&gate_lock, flags);
		if (there)
			return true;
		if (task_info_get(pid, &ti, NULL) || ti.state == TASK_ZOMBIE)
			return false;
		schedule(); /* let it run here too */
		cpu_relax();
	}
	return false;
}

void gate_open(int pid)
{
	struct gate_slot *slot;
	uint32_t flags;

	spin_lock_irqsave(&gate_lock, flags);
	slot = slot_of(pid);
	if (slot && !slot->open) {
		slot->open = true;
		wake_up_process(slot->task);
	}
	spin_unlock_irqrestore(&gate_lock, flags);
}

bool gate_reached(int pid)
{
	struct gate_slot *slot;
	uint32_t flags;
	bool reached;

	spin_lock_irqsave(&gate_lock, flags);
	slot = slot_of(pid);
	reached = slot && !slot->open;
	spin_unlock_irqrestore(&gate_lock, flags);
	return reached;
}

unsigned gate_waiting(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < GATE_SLOTS; i++)
		n += slots[i].task != NULL;
	return n;
}

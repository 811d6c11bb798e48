/* Wait queues and interruptible sleeps (see include/wait.h). */
#include "timer.h"
#include "wait.h"

void init_waitqueue_head(wait_queue_head_t *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *e, enum task_state state)
{
	uint32_t flags;

	if (!e->queued) {
		e->task = current;
		e->queued = true;
		spin_lock_irqsave(&wq->lock, flags);
		list_add_tail(&e->entry, &wq->head);
		spin_unlock_irqrestore(&wq->lock, flags);
	}
	/* Before the caller tests its condition: a wake_up() after the test finds us asleep-to-be. */
	set_current_state(state);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *e)
{
	uint32_t flags;

	set_current_state(TASK_RUNNING);
	if (!e->queued)
		return;
	spin_lock_irqsave(&wq->lock, flags);
	list_del(&e->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
	e->queued = false;
}

void wake_up(wait_queue_head_t *wq)
{
	struct wait_queue_entry *e;
	uint32_t flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry (e, &wq->head, entry)
		wake_up_process(e->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}

long schedule_timeout_interruptible(uint32_t ticks)
{
	long ret = 0;

	if (!tick_active()) { /* no timer: nothing would end the sleep (task_sleep yields too) */
		schedule();
		return signal_pending(current) ? -EINTR : 0;
	}
	/* wake_at first: the scheduler reads it once the state says TASK_SLEEPING. */
	current->wake_at = jiffies + max(ticks, 1u);
	set_current_state(TASK_SLEEPING);
	if (signal_pending(current))
		ret = -EINTR;
	else
		schedule(); /* back when wake_at passes, or woken by a signal (signal_task) */
	set_current_state(TASK_RUNNING);
	if (!ret && signal_pending(current))
		ret = -EINTR;
	return ret;
}

/*
 * Wait queues, as Linux's: a task that must block until an event sleeps
 * on a wait_queue_head_t; whoever makes the event happen calls wake_up()
 * on it. Built on set_current_state()/wake_up_process()/schedule()
 * (include/sched.h), so a wake-up between the test and the sleep is not
 * lost.
 *
 *   ret = wait_event_interruptible(wq, cond);   0 once cond holds,
 *                                               -EINTR if a signal came first
 *   wake_up(&wq);                               every sleeper re-tests cond
 *
 * A signal ends an interruptible sleep (these queues and
 * schedule_timeout_interruptible): signal_task() makes the sleeper
 * runnable, and it finds the signal pending (-EINTR).
 * Process context only for the waits; wake_up() also from interrupts.
 */
#ifndef WAIT_H
#define WAIT_H

#include "errno.h"
#include "list.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry; /* on its queue (empty when none) */
	bool queued;
};

typedef struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
} wait_queue_head_t;

void init_waitqueue_head(wait_queue_head_t *wq);
/* Queue e (for current) on wq if it is not yet, then set current's state. */
void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *e, enum task_state state);
/* Back to TASK_RUNNING and off wq. */
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *e);
/* Make every task sleeping on wq runnable; any context. */
void wake_up(wait_queue_head_t *wq);
/*
 * Sleep for ticks (the tick runs while processes exist) or until a signal:
 * 0 when the time is up, -EINTR when a signal woke it first.
 */
long schedule_timeout_interruptible(uint32_t ticks);

#define wait_event_interruptible(wq, condition)                                      \
	({                                                                           \
		long __ret = 0;                                                      \
		if (!(condition)) {                                                  \
			struct wait_queue_entry __wait = { .queued = false };        \
			for (;;) {                                                   \
				prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE); \
				if (condition)                                       \
					break;                                       \
				if (signal_pending(current)) {                       \
					__ret = -EINTR;                              \
					break;                                       \
				}                                                    \
				schedule();                                          \
			}                                                            \
			finish_wait(&(wq), &__wait);                                 \
		}                                                                    \
		__ret;                                                               \
	})

#endif

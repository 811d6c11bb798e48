/* The reclaim thread and swap at boot (include/kswapd.h). */
#include "asm/irqflags.h"
#include "cmdline.h"
#include "kswapd.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "swap.h"
#include "wait.h"

#define KSWAPD_BATCH 32u

static wait_queue_head_t kswapd_wait;
static bool kswapd_wanted;

/* The allocator's doorbell: any context, so it only flags and wakes. */
static void wakeup_kswapd(void)
{
	if (READ_ONCE(kswapd_wanted))
		return;
	WRITE_ONCE(kswapd_wanted, true);
	reclaim_stats.kswapd_wakeups++;
	wake_up(&kswapd_wait);
}

static void kswapd(void *arg)
{
	(void)arg;
	local_irq_enable(); /* a new task starts masked (ret_from_fork) */
	for (;;) {
		wait_event_interruptible(kswapd_wait, READ_ONCE(kswapd_wanted));
		while (free_below_watermark(true) && try_to_free_pages(KSWAPD_BATCH, true))
			schedule(); /* a kernel thread is never preempted: let the others run */
		WRITE_ONCE(kswapd_wanted, false);
	}
}

int swap_setup(void)
{
	char name[8];
	int err;

	if (!cmdline_value("swap", name, sizeof(name)))
		return 0;
	err = swapon(name);
	if (err) {
		printk("swapon: %s: cannot use it for swap (error %d)\n", name, err);
		return err;
	}
	init_waitqueue_head(&kswapd_wait);
	if (!kthread_run(kswapd, NULL, "kswapd0")) {
		printk("kswapd: cannot start: no memory\n");
		return -ENOMEM;
	}
	set_kswapd_wakeup(wakeup_kswapd);
	return 0;
}

/* The reclaim thread and swap at boot (include/kswapd.h). */
#include "asm/irqflags.h"
#include "blkdev.h"
#include "cmdline.h"
#include "errno.h"
#include "scatterlist.h"
#include "kswapd.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "sched.h"
#include "swap.h"
#include "wait.h"

#define KSWAPD_BATCH 32u

CMDLINE_PARAM(swap, "swap=DISK",
	      "swap to the virtio-blk disk DISK (vda, vdb...) with a swap header");

/* The swap device's I/O: pages to and from the disk's sectors, for mm/swapfile.c. */
static int swap_disk_rw(const struct swap_backend *dev, bool write, uint32_t slot,
			struct page **pages, unsigned n)
{
	struct scatterlist sg[SWAP_IO_MAX];

	if (!n || n > SWAP_IO_MAX)
		return -EINVAL;
	sg_init_table(sg, n);
	for (unsigned i = 0; i < n; i++)
		sg_set_page(&sg[i], pages[i], PAGE_SIZE, 0);
	return blk_rw(dev->priv, write ? REQ_OP_WRITE : REQ_OP_READ,
		      (uint64_t)slot << (PAGE_SHIFT - SECTOR_SHIFT), sg, n);
}

static struct swap_backend swap_disk;

int swapon_disk(const char *name)
{
	struct gendisk *disk = blk_get_disk(name);
	int err;

	if (!disk)
		return -ENODEV;
	if (swap_enabled())
		return -EBUSY;
	swap_disk = (struct swap_backend){
		.name = disk->name,
		.pages = (uint32_t)min(disk->capacity >> (PAGE_SHIFT - SECTOR_SHIFT),
				       0xffffffffull),
		.rw = swap_disk_rw,
		.priv = disk,
	};
	err = swapon(&swap_disk);
	return err;
}

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
	err = swapon_disk(name);
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
	vmscan_init();
	return 0;
}

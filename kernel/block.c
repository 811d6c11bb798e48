/* The block layer (see include/blkdev.h). */
#include "asm/barrier.h"
#include "asm/irqflags.h"
#include "blkdev.h"
#include "errno.h"
#include "scatterlist.h"
#include "string.h"

static struct gendisk *disks;

void add_disk(struct gendisk *disk)
{
	disk->next = disks;
	disks = disk;
}

struct gendisk *blk_get_disk(const char *name)
{
	for (struct gendisk *d = disks; d; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

int blk_submit(struct gendisk *disk, struct blk_request *rq)
{
	uint64_t bytes = 0;
	struct scatterlist *s;
	unsigned i;

	if (!disk || !rq || !rq->sg || !rq->nsg ||
	    (rq->op != REQ_OP_READ && rq->op != REQ_OP_WRITE))
		return -EINVAL;
	for_each_sg(rq->sg, s, rq->nsg, i) bytes += s->length;
	if (i < rq->nsg || !bytes || bytes % SECTOR_SIZE || bytes > 0xffffffffu ||
	    rq->sector > disk->capacity || (bytes >> SECTOR_SHIFT) > disk->capacity - rq->sector)
		return -EINVAL;
	rq->bytes = (uint32_t)bytes;
	rq->status = 0;
	return disk->ops->submit(disk, rq);
}

static void end_sync(struct blk_request *rq)
{
	WRITE_ONCE(*(volatile bool *)rq->private, true);
	__dsb_ishst(); /* the store done before the event (barrier.h) */
	sev();         /* the waiter may sleep in wfe on another CPU */
}

/*
 * Until something completes: wfe wakes on a completion's sev, or on any
 * interrupt taken here. Masked, the interrupt is never taken (nor does it
 * end a wfe): then the driver is polled.
 */
static void blk_wait_event(struct gendisk *disk)
{
	if (irqs_disabled()) {
		disk->ops->poll(disk);
		cpu_relax(); /* yield: an emulator may run the device meanwhile */
	} else {
		wfe();
	}
}

int blk_rw(struct gendisk *disk, enum req_op op, uint64_t sector, struct scatterlist *sg,
	   unsigned nsg)
{
	volatile bool done = false;
	struct blk_request rq = { .op = op,
				  .sector = sector,
				  .sg = sg,
				  .nsg = nsg,
				  .end_io = end_sync,
				  .private = (void *)&done };
	int err;

	/* A full queue (other CPUs' requests) empties as they complete: wait for one. */
	while ((err = blk_submit(disk, &rq)) == -EBUSY)
		blk_wait_event(disk);
	if (err)
		return err;
	while (!READ_ONCE(done))
		blk_wait_event(disk);
	smp_rmb();
	return rq.status;
}

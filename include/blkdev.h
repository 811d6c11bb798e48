/*
 * A small block layer (kernel/block.c): disks of 512-byte sectors that
 * drivers register, and requests of sector ranges whose data is a
 * scatterlist of the caller's pages (any zone: the driver maps them for
 * DMA). Requests complete by interrupt; a disk takes up to queue_depth at
 * once.
 *
 *   blk_submit(disk, rq)   check and queue rq: 0, -EINVAL (no data, a
 *                          length not a whole number of sectors, a range
 *                          past the disk's end or wrapping), -EBUSY (the
 *                          queue is full; try after a completion), or the
 *                          driver's error. rq->end_io(rq) runs later, in
 *                          interrupt context, with rq->status 0 or -EIO.
 *   blk_rw(disk, op, sector, sg, nsg)   one request, waited for: 0 or -errno.
 *                          Any context: with interrupts masked (a page
 *                          fault swapping in) it polls the driver for the
 *                          completion instead of waiting for the interrupt.
 *   blk_get_disk(name)     a registered disk ("vda", ...) or NULL
 */
#ifndef BLKDEV_H
#define BLKDEV_H

#include "kernel.h"

#define SECTOR_SHIFT 9
#define SECTOR_SIZE  (1u << SECTOR_SHIFT)

enum req_op {
	REQ_OP_READ,
	REQ_OP_WRITE,
};

struct scatterlist;
struct blk_request;
struct gendisk;

struct blk_ops {
	int (*submit)(struct gendisk *disk, struct blk_request *rq);
	/* Complete what the device has finished, as the interrupt would (any context). */
	void (*poll)(struct gendisk *disk);
};

struct gendisk {
	char name[8];      /* "vda" */
	uint64_t capacity; /* in sectors */
	unsigned queue_depth;
	const struct blk_ops *ops;
	void *private_data; /* the driver's */
	struct gendisk *next;
};

struct blk_request {
	enum req_op op;
	uint64_t sector;
	struct scatterlist *sg;
	unsigned nsg;
	uint32_t bytes; /* filled by blk_submit: the data's length */
	void (*end_io)(struct blk_request *rq);
	void *private; /* the submitter's */
	int status;
	void *drv_data; /* the driver's, while it has the request */
	uint32_t drv_dma;
};

/* Drivers: make the disk known. */
void add_disk(struct gendisk *disk);
struct gendisk *blk_get_disk(const char *name);
int blk_submit(struct gendisk *disk, struct blk_request *rq);
int blk_rw(struct gendisk *disk, enum req_op op, uint64_t sector, struct scatterlist *sg,
	   unsigned nsg);

#endif

/*
 * The virtio block device (see include/virtio.h, include/blkdev.h). A
 * request is one descriptor chain: the header (type and sector, the
 * device reads it), the data (the caller's scatterlist, mapped for DMA the
 * way the data goes) and the status byte (the device writes it). Header
 * and status share one block of a dma_pool; the chain's token is the
 * request itself, completed from the transport's interrupt.
 */
#include "blkdev.h"
#include "dmapool.h"
#include "errno.h"
#include "printk.h"
#include "scatterlist.h"
#include "slab.h"
#include "virtio.h"

#define VIRTIO_BLK_T_IN    0
#define VIRTIO_BLK_T_OUT   1
#define VIRTIO_BLK_S_OK    0
#define VIRTIO_BLK_S_IOERR 1
#define VBLK_QUEUE         128 /* descriptors asked for */
#define VBLK_MAX_SG        64  /* data pieces in one request */

struct virtio_blk_outhdr {
	uint32_t type;
	uint32_t ioprio;
	uint64_t sector;
};

/* One request's header and status, in coherent memory. */
struct vblk_cmd {
	struct virtio_blk_outhdr hdr;
	uint8_t status;
};

struct virtio_blk {
	struct gendisk disk;
	struct virtio_device *vdev;
	struct dma_pool *cmds;
};

static unsigned nr_disks;

static enum dma_data_direction data_dir(const struct blk_request *rq)
{
	return rq->op == REQ_OP_READ ? DMA_FROM_DEVICE : DMA_TO_DEVICE;
}

static int vblk_submit(struct gendisk *disk, struct blk_request *rq)
{
	struct virtio_blk *vb = disk->private_data;
	struct virtio_device *vdev = vb->vdev;
	struct vq_buf bufs[VBLK_MAX_SG + 2];
	struct scatterlist *s;
	struct vblk_cmd *cmd;
	dma_addr_t h;
	unsigned i, n;
	uint32_t flags;
	int err;

	if (rq->nsg > VBLK_MAX_SG)
		return -EINVAL;
	cmd = dma_pool_alloc(vb->cmds, GFP_ATOMIC, &h);
	if (!cmd)
		return -ENOMEM;
	cmd->hdr.type = rq->op == REQ_OP_READ ? VIRTIO_BLK_T_IN : VIRTIO_BLK_T_OUT;
	cmd->hdr.ioprio = 0;
	cmd->hdr.sector = rq->sector;
	cmd->status = 0xff; /* the device overwrites it */
	n = (unsigned)dma_map_sg(&vdev->dev, rq->sg, (int)rq->nsg, data_dir(rq));
	if (!n) {
		dma_pool_free(vb->cmds, cmd, h);
		return -ENOMEM;
	}
	bufs[0] = (struct vq_buf){ h, sizeof(cmd->hdr) };
	for_each_sg(rq->sg, s, n, i)
		bufs[1 + i] = (struct vq_buf){ sg_dma_address(s), sg_dma_len(s) };
	bufs[1 + n] = (struct vq_buf){ h + offsetof(struct vblk_cmd, status), 1 };
	rq->drv_data = cmd;
	rq->drv_dma = h;
	flags = virtqueue_lock(vdev->vq);
	/* Out: the header, and the data of a write; in: the data of a read, the status. */
	err = rq->op == REQ_OP_READ ? virtqueue_add(vdev->vq, bufs, 1, n + 1, rq)
				    : virtqueue_add(vdev->vq, bufs, n + 1, 1, rq);
	if (!err)
		virtqueue_kick(vdev->vq);
	virtqueue_unlock(vdev->vq, flags);
	if (err) { /* the ring is full */
		dma_unmap_sg(&vdev->dev, rq->sg, (int)rq->nsg, data_dir(rq));
		dma_pool_free(vb->cmds, cmd, h);
		return -EBUSY;
	}
	return 0;
}

/* From the interrupt, the queue's lock held: complete what the device used. */
static void vblk_done(struct virtqueue *vq)
{
	struct virtio_device *vdev = virtqueue_vdev(vq);
	struct virtio_blk *vb = vdev->priv;
	struct blk_request *rq;
	uint32_t len;

	while ((rq = virtqueue_get_buf(vq, &len))) {
		struct vblk_cmd *cmd = rq->drv_data;
		uint8_t status = cmd->status;

		dma_unmap_sg(&vdev->dev, rq->sg, (int)rq->nsg, data_dir(rq));
		dma_pool_free(vb->cmds, cmd, rq->drv_dma);
		rq->status = status == VIRTIO_BLK_S_OK      ? 0
			     : status == VIRTIO_BLK_S_IOERR ? -EIO
							    : -EOPNOTSUPP;
		rq->end_io(rq);
	}
}

static void vblk_poll(struct gendisk *disk)
{
	struct virtio_blk *vb = disk->private_data;

	vring_interrupt(vb->vdev->vq);
}

static const struct blk_ops vblk_ops = { .submit = vblk_submit, .poll = vblk_poll };

int virtio_blk_probe(struct virtio_device *vdev)
{
	struct virtio_blk *vb = kzalloc(sizeof(*vb), GFP_KERNEL);
	uint64_t capacity;
	int err;

	if (!vb)
		return -ENOMEM;
	vb->vdev = vdev;
	vdev->priv = vb;
	vb->cmds = dma_pool_create("virtio_blk", &vdev->dev, sizeof(struct vblk_cmd), 16, 0);
	if (!vb->cmds) {
		kfree(vb);
		return -ENOMEM;
	}
	virtio_set_features(vdev, 0); /* none needed: no size or segment limits asked */
	err = virtio_setup_vq(vdev, VBLK_QUEUE, vblk_done);
	if (err) {
		dma_pool_destroy(vb->cmds);
		kfree(vb);
		return err;
	}
	capacity = virtio_config_readl(vdev, 0) | (uint64_t)virtio_config_readl(vdev, 4) << 32;
	snprintf(vb->disk.name, sizeof(vb->disk.name), "vd%c", 'a' + nr_disks++ % 26);
	vb->disk.capacity = capacity;
	vb->disk.queue_depth = virtqueue_num_free(vdev->vq) / 3; /* 3 descriptors at least */
	vb->disk.ops = &vblk_ops;
	vb->disk.private_data = vb;
	virtio_device_ready(vdev);
	add_disk(&vb->disk);
	printk("virtio_blk %s: [%s] %llu 512-byte logical blocks (%llu kB), queue depth %u\n",
	       vdev->name, vb->disk.name, (unsigned long long)capacity,
	       (unsigned long long)(capacity >> 1), vb->disk.queue_depth);
	return 0;
}

/*
 * Internal to drivers/virtio: the split virtqueue as the virtio 1.x spec
 * lays it out in memory (and the legacy layout, the same with the used
 * ring at the next QueueAlign boundary), shared by virtio_ring.c and the
 * transport (virtio_mmio.c), which allocates it and tells the device
 * where it is.
 */
#ifndef VIRTIO_RING_H
#define VIRTIO_RING_H

#include "virtio.h"

#define VRING_DESC_F_NEXT  1
#define VRING_DESC_F_WRITE 2
#define VRING_ALIGN        4096 /* legacy QueueAlign, and the modern rings' too */

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};

struct virtqueue {
	struct virtio_device *vdev;
	unsigned num; /* a power of two: ring positions are idx & (num - 1) */
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
	void *ring;          /* coherent memory of all three */
	dma_addr_t ring_dma; /* its bus address */
	size_t ring_bytes;
	uint16_t free_head; /* first free descriptor, chained by next */
	uint16_t num_free;
	uint16_t last_used; /* used->idx seen so far */
	uint16_t avail_idx; /* our copy of avail->idx */
	void (*callback)(struct virtqueue *vq);
	void __iomem *notify; /* QueueNotify */
	spinlock_t lock;
	void *tokens[]; /* by head descriptor */
};

/* Bytes of the rings for num entries: desc + avail, then used at VRING_ALIGN. */
size_t vring_size(unsigned num);
/* Lay the rings out in ring (zeroed, coherent) and chain the free descriptors. */
void vring_init(struct virtqueue *vq, unsigned num, void *ring);

#endif

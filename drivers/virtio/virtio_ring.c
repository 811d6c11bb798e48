/*
 * The split virtqueue (see include/virtio.h, virtio_ring.h). The rings are
 * in non-cacheable coherent memory, so no cache maintenance: barriers
 * order the CPU's writes as the device must see them (descriptors before
 * the avail entry, the entry before the index, the index before the
 * notify) and the device's (the used index before its entries).
 */
#include "asm/barrier.h"
#include "asm/io.h"
#include "atomic.h"
#include "errno.h"
#include "printk.h"
#include "virtio_ring.h"

size_t vring_size(unsigned num)
{
	size_t head = sizeof(struct vring_desc) * num + sizeof(uint16_t) * (3 + num);

	return ALIGN(head, VRING_ALIGN) + sizeof(uint16_t) * 3 +
	       sizeof(struct vring_used_elem) * num;
}

void vring_init(struct virtqueue *vq, unsigned num, void *ring)
{
	vq->num = num;
	vq->ring = ring;
	vq->desc = ring;
	vq->avail = (struct vring_avail *)((char *)ring + sizeof(struct vring_desc) * num);
	vq->used = (struct vring_used *)((char *)ring + ALIGN(sizeof(struct vring_desc) * num +
								      sizeof(uint16_t) * (3 + num),
							      VRING_ALIGN));
	for (unsigned i = 0; i + 1 < num; i++)
		vq->desc[i].next = (uint16_t)(i + 1);
	vq->free_head = 0;
	vq->num_free = (uint16_t)num;
	vq->last_used = 0;
	vq->avail_idx = 0;
	spin_lock_init(&vq->lock);
}

int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned n_out, unsigned n_in,
		  void *token)
{
	unsigned n = n_out + n_in;
	uint16_t head = vq->free_head, i = head, last = head;

	if (!n || n > vq->num_free)
		return -ENOSPC;
	for (unsigned k = 0; k < n; k++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = bufs[k].addr;
		d->len = bufs[k].len;
		d->flags = (uint16_t)((k < n_out ? 0 : VRING_DESC_F_WRITE) |
				      (k + 1 < n ? VRING_DESC_F_NEXT : 0));
		last = i;
		i = d->next;
	}
	vq->free_head = vq->desc[last].next;
	vq->num_free -= (uint16_t)n;
	vq->tokens[head] = token;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	vq->avail_idx++;
	return 0;
}

void virtqueue_kick(struct virtqueue *vq)
{
	wmb(); /* the descriptors and the ring entry before the index */
	vq->avail->idx = vq->avail_idx;
	mb(); /* the index before the notify (the device may read it at once) */
	writel(0, vq->notify);
}

void *virtqueue_get_buf(struct virtqueue *vq, uint32_t *len)
{
	struct vring_used_elem e;
	uint16_t i;
	void *token;

	if (vq->last_used == READ_ONCE(vq->used->idx))
		return NULL;
	rmb(); /* the index before the entry it covers */
	e = vq->used->ring[vq->last_used & (vq->num - 1)];
	vq->last_used++;
	if (e.id >= vq->num || !vq->tokens[e.id])
		return NULL; /* the device returned what was not given: ignore it */
	token = vq->tokens[e.id];
	vq->tokens[e.id] = NULL;
	/* Give the chain back: walk to its end, link it in front of the free list. */
	for (i = (uint16_t)e.id; vq->desc[i].flags & VRING_DESC_F_NEXT; i = vq->desc[i].next)
		vq->num_free++;
	vq->num_free++;
	vq->desc[i].next = vq->free_head;
	vq->free_head = (uint16_t)e.id;
	if (len)
		*len = e.len;
	return token;
}

unsigned virtqueue_num_free(const struct virtqueue *vq)
{
	return vq->num_free;
}

struct virtio_device *virtqueue_vdev(const struct virtqueue *vq)
{
	return vq->vdev;
}

uint32_t virtqueue_lock(struct virtqueue *vq)
{
	uint32_t flags;

	spin_lock_irqsave(&vq->lock, flags);
	return flags;
}

void virtqueue_unlock(struct virtqueue *vq, uint32_t flags)
{
	spin_unlock_irqrestore(&vq->lock, flags);
}

void vring_interrupt(struct virtqueue *vq)
{
	uint32_t flags;

	spin_lock_irqsave(&vq->lock, flags);
	if (vq->last_used != READ_ONCE(vq->used->idx) && vq->callback)
		vq->callback(vq);
	spin_unlock_irqrestore(&vq->lock, flags);
}

void virtqueue_dump(const struct virtqueue *vq, unsigned head, unsigned n)
{
	const struct vring_used_elem *u =
		&vq->used->ring[(uint16_t)(vq->used->idx - 1) & (vq->num - 1)];

	printk("virtqueue of %s: %u entries at %#010x (desc +0x0, avail +%#x, used +%#x)\n",
	       vq->vdev->name, vq->num, vq->ring_dma,
	       (unsigned)((char *)vq->avail - (char *)vq->ring),
	       (unsigned)((char *)vq->used - (char *)vq->ring));
	for (unsigned k = 0, i = head; k < n && i < vq->num; k++, i = vq->desc[i].next) {
		const struct vring_desc *d = &vq->desc[i];

		printk("  desc[%3u]: addr %#010llx len %5u flags %#x%s%s next %u\n", i,
		       (unsigned long long)d->addr, d->len, d->flags,
		       d->flags & VRING_DESC_F_NEXT ? " NEXT" : "",
		       d->flags & VRING_DESC_F_WRITE ? " WRITE" : "", d->next);
		if (!(d->flags & VRING_DESC_F_NEXT))
			break;
	}
	printk("  avail: flags %u idx %u ring[%u] = %u\n", vq->avail->flags, vq->avail->idx,
	       (uint16_t)(vq->avail->idx - 1) & (vq->num - 1),
	       vq->avail->ring[(uint16_t)(vq->avail->idx - 1) & (vq->num - 1)]);
	printk("  used:  flags %u idx %u ring[%u] = { id %u, len %u }\n", vq->used->flags,
	       vq->used->idx, (uint16_t)(vq->used->idx - 1) & (vq->num - 1), u->id, u->len);
}

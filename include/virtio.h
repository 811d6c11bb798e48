/*
 * virtio devices over the MMIO transport (drivers/virtio), for the drivers
 * of each device type (virtio_blk.c). Legacy (version 1) and modern
 * (version 2) transports both work; QEMU 7.2 gives legacy by default.
 *
 * A device's rings live in coherent DMA memory (dma_alloc_coherent); what
 * a driver puts on a ring are bus addresses of its own buffers, mapped for
 * DMA by the driver. The split virtqueue:
 *
 *   virtqueue_add(vq, bufs, n_out, n_in, token)  chain n_out buffers the
 *        device reads, then n_in it writes, as one request; 0 or -ENOSPC
 *   virtqueue_kick(vq)     publish what was added and notify the device
 *   virtqueue_get_buf(vq, &len)  the token of the next request the device
 *        finished (len: bytes it wrote), or NULL
 *
 * The transport calls the driver's vq callback from its interrupt handler
 * with the queue's lock held; the driver takes the lock itself around
 * add + kick (virtqueue_lock/unlock).
 */
#ifndef VIRTIO_H
#define VIRTIO_H

#include "asm/io.h" /* __iomem */
#include "dma-mapping.h"
#include "spinlock.h"

#define VIRTIO_ID_BLOCK 2

struct virtio_device;
struct virtqueue;

struct vq_buf {
	dma_addr_t addr;
	uint32_t len;
};

struct virtio_device {
	struct device dev;
	char name[16]; /* "virtio3" */
	unsigned index;
	uint32_t id; /* VIRTIO_ID_* */
	uint32_t version;
	void __iomem *base;
	phys_addr_t phys;
	unsigned irq;
	struct virtqueue *vq; /* one queue is all these drivers need */
	void *priv;           /* the driver's */
};

/* The device's feature bits 0..31 and taking a subset of them. */
uint32_t virtio_get_features(struct virtio_device *vdev);
void virtio_set_features(struct virtio_device *vdev, uint32_t features);
/* A byte of the device-specific configuration space. */
uint8_t virtio_config_readb(struct virtio_device *vdev, unsigned offset);
uint32_t virtio_config_readl(struct virtio_device *vdev, unsigned offset);
/* Set up queue 0 with at most num entries and its callback; then the device runs. */
int virtio_setup_vq(struct virtio_device *vdev, unsigned num, void (*callback)(struct virtqueue *));
void virtio_device_ready(struct virtio_device *vdev);

int virtqueue_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned n_out, unsigned n_in,
		  void *token);
void virtqueue_kick(struct virtqueue *vq);
void *virtqueue_get_buf(struct virtqueue *vq, uint32_t *len);
unsigned virtqueue_num_free(const struct virtqueue *vq);
struct virtio_device *virtqueue_vdev(const struct virtqueue *vq);
/*
 * Run the callback if the device used anything: the transport's interrupt,
 * and a driver's poll where the interrupt cannot be taken (masked).
 */
void vring_interrupt(struct virtqueue *vq);
uint32_t virtqueue_lock(struct virtqueue *vq);
void virtqueue_unlock(struct virtqueue *vq, uint32_t flags);

/* Drivers of device types, called by the transport's probe (virtio_mmio.c). */
int virtio_blk_probe(struct virtio_device *vdev);
/* Find and start the board's virtio-mmio devices (board/devices.c). */
void virtio_mmio_init(void);
/* The device found in transport slot (0 = the board's first), or NULL. */
struct virtio_device *virtio_mmio_device(unsigned slot);
/* Print the queue as it is in memory: n descriptors from the head, the avail and used rings. */
void virtqueue_dump(const struct virtqueue *vq, unsigned head, unsigned n);

#endif

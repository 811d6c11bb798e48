/*
 * The virtio-mmio transport (see include/virtio.h): every transport slot of
 * the board is looked at once at boot; a slot with a device is claimed
 * (request_mem_region + ioremap), reset, acknowledged and handed to the
 * driver of its device type. Legacy (version 1) and modern (version 2)
 * register layouts differ only in how a queue's rings are given: a page
 * frame number, or three 64-bit addresses.
 */
#include "asm/io.h"
#include "board.h"
#include "errno.h"
#include "ioport.h"
#include "irq.h"
#include "mm.h"
#include "printk.h"
#include "slab.h"
#include "string.h"
#include "virtio_ring.h"

#define VIRTIO_MMIO_MAGIC 0x74726976 /* "virt" */
#define SLOT_SIZE         0x200
#define MAX_SLOTS         32 /* virt's; the vexpress boards have 4 */

static struct virtio_device *devices[MAX_SLOTS];

enum {
	MMIO_MAGIC = 0x000,
	MMIO_VERSION = 0x004,
	MMIO_DEVICE_ID = 0x008,
	MMIO_VENDOR_ID = 0x00c,
	MMIO_DEVICE_FEATURES = 0x010,
	MMIO_DEVICE_FEATURES_SEL = 0x014,
	MMIO_DRIVER_FEATURES = 0x020,
	MMIO_DRIVER_FEATURES_SEL = 0x024,
	MMIO_GUEST_PAGE_SIZE = 0x028, /* legacy */
	MMIO_QUEUE_SEL = 0x030,
	MMIO_QUEUE_NUM_MAX = 0x034,
	MMIO_QUEUE_NUM = 0x038,
	MMIO_QUEUE_ALIGN = 0x03c, /* legacy */
	MMIO_QUEUE_PFN = 0x040,   /* legacy */
	MMIO_QUEUE_READY = 0x044, /* modern */
	MMIO_QUEUE_NOTIFY = 0x050,
	MMIO_INTERRUPT_STATUS = 0x060,
	MMIO_INTERRUPT_ACK = 0x064,
	MMIO_STATUS = 0x070,
	MMIO_QUEUE_DESC_LOW = 0x080, /* modern, and HIGH at +4 */
	MMIO_QUEUE_AVAIL_LOW = 0x090,
	MMIO_QUEUE_USED_LOW = 0x0a0,
	MMIO_CONFIG = 0x100,
};

enum {
	STATUS_ACKNOWLEDGE = 1,
	STATUS_DRIVER = 2,
	STATUS_DRIVER_OK = 4,
	STATUS_FEATURES_OK = 8,
	STATUS_FAILED = 0x80,
};

static uint32_t rd(const struct virtio_device *vdev, unsigned reg)
{
	return readl((char __iomem *)vdev->base + reg);
}

static void wr(const struct virtio_device *vdev, unsigned reg, uint32_t v)
{
	writel(v, (char __iomem *)vdev->base + reg);
}

uint32_t virtio_get_features(struct virtio_device *vdev)
{
	wr(vdev, MMIO_DEVICE_FEATURES_SEL, 0);
	return rd(vdev, MMIO_DEVICE_FEATURES);
}

void virtio_set_features(struct virtio_device *vdev, uint32_t features)
{
	wr(vdev, MMIO_DRIVER_FEATURES_SEL, 0);
	wr(vdev, MMIO_DRIVER_FEATURES, features);
	if (vdev->version >= 2) { /* VIRTIO_F_VERSION_1 is bit 32: the second word */
		wr(vdev, MMIO_DRIVER_FEATURES_SEL, 1);
		wr(vdev, MMIO_DRIVER_FEATURES, 1);
		wr(vdev, MMIO_STATUS, rd(vdev, MMIO_STATUS) | STATUS_FEATURES_OK);
	}
}

uint8_t virtio_config_readb(struct virtio_device *vdev, unsigned offset)
{
	return readb((char __iomem *)vdev->base + MMIO_CONFIG + offset);
}

uint32_t virtio_config_readl(struct virtio_device *vdev, unsigned offset)
{
	return rd(vdev, MMIO_CONFIG + offset);
}

static void vm_interrupt(unsigned irq, void *data)
{
	struct virtio_device *vdev = data;
	uint32_t status = rd(vdev, MMIO_INTERRUPT_STATUS);

	(void)irq;
	wr(vdev, MMIO_INTERRUPT_ACK, status);
	if (status & 1 && vdev->vq) /* bit 0: a used buffer; bit 1: a config change */
		vring_interrupt(vdev->vq);
}

int virtio_setup_vq(struct virtio_device *vdev, unsigned num, void (*callback)(struct virtqueue *))
{
	struct virtqueue *vq;
	unsigned max;
	void *ring;
	dma_addr_t dma;

	wr(vdev, MMIO_QUEUE_SEL, 0);
	max = rd(vdev, MMIO_QUEUE_NUM_MAX);
	if (!max)
		return -ENOENT;
	num = min(num, max);
	num = 1u << (31 - __builtin_clz(num)); /* a split ring's size is a power of two */
	vq = kzalloc(sizeof(*vq) + num * sizeof(void *), GFP_KERNEL);
	if (!vq)
		return -ENOMEM;
	ring = dma_alloc_coherent(&vdev->dev, vring_size(num), &dma, GFP_KERNEL);
	if (!ring) {
		kfree(vq);
		return -ENOMEM;
	}
	vq->vdev = vdev;
	vq->ring_dma = dma;
	vq->ring_bytes = vring_size(num);
	vq->callback = callback;
	vq->notify = (char __iomem *)vdev->base + MMIO_QUEUE_NOTIFY;
	vring_init(vq, num, ring);
	wr(vdev, MMIO_QUEUE_NUM, num);
	if (vdev->version == 1) {
		wr(vdev, MMIO_QUEUE_ALIGN, VRING_ALIGN);
		wr(vdev, MMIO_QUEUE_PFN, dma >> PAGE_SHIFT);
	} else {
		wr(vdev, MMIO_QUEUE_DESC_LOW, dma);
		wr(vdev, MMIO_QUEUE_DESC_LOW + 4, 0);
		wr(vdev, MMIO_QUEUE_AVAIL_LOW, dma + (uint32_t)((char *)vq->avail - (char *)ring));
		wr(vdev, MMIO_QUEUE_AVAIL_LOW + 4, 0);
		wr(vdev, MMIO_QUEUE_USED_LOW, dma + (uint32_t)((char *)vq->used - (char *)ring));
		wr(vdev, MMIO_QUEUE_USED_LOW + 4, 0);
		wr(vdev, MMIO_QUEUE_READY, 1);
	}
	vdev->vq = vq;
	return 0;
}

void virtio_device_ready(struct virtio_device *vdev)
{
	wr(vdev, MMIO_STATUS, rd(vdev, MMIO_STATUS) | STATUS_DRIVER_OK);
}

/* Slot i: a device there is claimed, reset and given to its driver. */
static bool probe_slot(unsigned i)
{
	phys_addr_t phys = board.virtio.base + i * SLOT_SIZE;
	struct virtio_device *vdev;
	void __iomem *base;
	char name[16];
	uint32_t id;
	int err;

	snprintf(name, sizeof(name), "virtio%u", i);
	base = ioremap(phys, SLOT_SIZE);
	if (!base)
		return false;
	id = readl((char __iomem *)base + MMIO_DEVICE_ID);
	if (readl(base) != VIRTIO_MMIO_MAGIC || !id) { /* an empty slot reads device ID 0 */
		iounmap(base);
		return false;
	}
	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev || !request_mem_region(phys, SLOT_SIZE, "virtio-mmio")) {
		kfree(vdev);
		iounmap(base);
		return false;
	}
	memcpy(vdev->name, name, sizeof(name));
	vdev->dev.name = vdev->name;
	vdev->index = i;
	vdev->id = id;
	vdev->base = base;
	vdev->phys = phys;
	vdev->irq = board.virtio.irq + i;
	vdev->version = rd(vdev, MMIO_VERSION);
	devices[i] = vdev;
	/* Bus addresses are physical here, and every RAM page is below 4 GB. */
	dma_set_mask_and_coherent(&vdev->dev, DMA_BIT_MASK(32));
	wr(vdev, MMIO_STATUS, 0); /* reset */
	wr(vdev, MMIO_STATUS, STATUS_ACKNOWLEDGE);
	wr(vdev, MMIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
	if (vdev->version == 1)
		wr(vdev, MMIO_GUEST_PAGE_SIZE, PAGE_SIZE);
	printk("virtio-mmio: %s at %#010x: device %u, version %u, irq %u\n", vdev->name, phys, id,
	       vdev->version, vdev->irq);
	err = request_irq(vdev->irq, vm_interrupt, vdev->name, vdev) ? -EBUSY : 0;
	if (!err)
		err = id == VIRTIO_ID_BLOCK ? virtio_blk_probe(vdev) : -ENODEV;
	if (err) {
		printk("virtio-mmio: %s: device %u not driven (%s)\n", vdev->name, id,
		       errname(err));
		wr(vdev, MMIO_STATUS, STATUS_FAILED);
		if (err != -EBUSY)
			free_irq(vdev->irq);
	}
	return true;
}

struct virtio_device *virtio_mmio_device(unsigned slot)
{
	return slot < MAX_SLOTS ? devices[slot] : NULL;
}

void virtio_mmio_init(void)
{
	unsigned found = 0;

	if (!board.virtio.count)
		return;
	for (unsigned i = 0; i < board.virtio.count && i < MAX_SLOTS; i++)
		found += probe_slot(i);
	if (!found)
		printk("virtio-mmio: no devices in %u transports at %#010x\n", board.virtio.count,
		       board.virtio.base);
}

/*
 * The blk suite: the virtio-blk driver, the virtqueue and the block layer
 * against a disk QEMU really has, which the host made and checks after
 * QEMU ends (scripts/disk-image, DISK= in a .ktest). The host filled every
 * sector with its own data: the guest reads it back exactly, one sector at
 * a time, in 64 KB scatter-gather requests over highmem and lowmem pages,
 * and many requests in flight at once; it writes sectors BLK_GUEST_FIRST..
 * with its own text for the host to find. Completion is by interrupt (the
 * count rises), errors come back as errnos, and every DMA mapping, bounce
 * slot and page is given back.
 */
#include "asm/barrier.h"
#include "atomic.h"
#include "blkdev.h"
#include "board.h"
#include "dma-mapping.h"
#include "errno.h"
#include "highmem.h"
#include "irq.h"
#include "mm.h"
#include "printk.h"
#include "scatterlist.h"
#include "slab.h"
#include "string.h"
#include "virtio.h"
#include "drivers/virtio/virtio_ring.h"
#include "ktest.h"
#include "test_util.h"

#define BLK_GUEST_FIRST  1024 /* scripts/disk-image: GUEST_FIRST */
#define BLK_GUEST_COUNT  512  /* GUEST_COUNT */
#define SECTORS_PER_PAGE (PAGE_SIZE / SECTOR_SIZE)

/* What the host wrote into sector k (scripts/disk-image host_sector). */
static void host_sector(uint8_t *p, uint32_t k)
{
	int n = snprintf((char *)p, SECTOR_SIZE, "host sector %u\n", k);

	for (unsigned i = (unsigned)n; i < SECTOR_SIZE; i++)
		p[i] = (uint8_t)(k * 31 + i);
}

/* What the guest writes into sector k (scripts/disk-image guest_sector). */
static void guest_sector(uint8_t *p, uint32_t k)
{
	int n = snprintf((char *)p, SECTOR_SIZE, "armv7-mm sector %u\n", k);

	for (unsigned i = (unsigned)n; i < SECTOR_SIZE; i++)
		p[i] = (uint8_t)(k * 7 + i * 13);
}

/* Sectors first.. in buf (len bytes) are what make() says they are. */
static unsigned bad_sectors(const uint8_t *buf, uint32_t len, uint32_t first,
			    void (*make)(uint8_t *, uint32_t))
{
	static uint8_t want[SECTOR_SIZE];
	unsigned bad = 0;

	for (uint32_t s = 0; s < len / SECTOR_SIZE; s++) {
		make(want, first + s);
		bad += memcmp(buf + s * SECTOR_SIZE, want, SECTOR_SIZE) != 0;
	}
	return bad;
}

/* The irq of the transport the disk is on: QEMU puts it on the last one. */
static unsigned disk_irq(void)
{
	return board.virtio.irq + board.virtio.count - 1;
}

/* The test disk, or NULL (skipped): no disk, or not the one the host made. */
static struct gendisk *test_disk(struct ktest *t)
{
	struct gendisk *d = blk_get_disk("vda");
	struct scatterlist sg;
	uint8_t *buf;
	int err;

	if (!d) {
		ktest_skip(t, board.virtio.count
				      ? "no virtio-blk disk (a .ktest attaches one with DISK=)"
				      : "no virtio-mmio on this board");
		return NULL;
	}
	buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	if (!buf) {
		KEXPECT_TRUE(t, buf != NULL);
		return NULL;
	}
	sg_init_table(&sg, 1);
	sg_set_buf(&sg, buf, SECTOR_SIZE);
	err = blk_rw(d, REQ_OP_READ, 0, &sg, 1);
	KEXPECT_EQ(t, err, 0);
	if (!err && bad_sectors(buf, SECTOR_SIZE, 0, host_sector)) {
		ktest_skip(t, "vda is not the test disk (scripts/disk-image): left alone");
		d = NULL;
	}
	kfree(buf);
	return err ? NULL : d;
}

struct snapshot {
	unsigned mappings, bounce;
	uint32_t misuse;
};

static struct snapshot snap(void)
{
	unsigned used, total;

	swiotlb_stats(&used, &total);
	return (struct snapshot){ dma_debug_nr_mappings(), used, vm_stats.misuse };
}

static void expect_balanced(struct ktest *t, struct snapshot before)
{
	struct snapshot now = snap();

	KEXPECT_EQ(t, now.mappings, before.mappings);
	KEXPECT_EQ(t, now.bounce, before.bounce);
	KEXPECT_EQ(t, now.misuse, before.misuse);
	KEXPECT_EQ(t, kmap_atomic_depth(), 0);
}

/* Sectors 0..15, one request each, into a kmalloc buffer: each is the host's, by interrupt. */
static void reads_host_sectors_one_by_one(struct ktest *t)
{
	struct gendisk *d = test_disk(t);
	struct snapshot s = snap();
	struct scatterlist sg;
	unsigned irqs = irq_count(disk_irq()), bad = 0;
	uint8_t *buf;

	if (!d)
		return;
	buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	KASSERT_TRUE(t, buf != NULL);
	for (uint32_t k = 0; k < 16; k++) {
		memset(buf, 0, SECTOR_SIZE);
		sg_init_table(&sg, 1);
		sg_set_buf(&sg, buf, SECTOR_SIZE);
		KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, k, &sg, 1), 0);
		bad += bad_sectors(buf, SECTOR_SIZE, k, host_sector);
	}
	KEXPECT_EQ(t, bad, 0);
	ktest_log("16 reads, %u interrupts", irq_count(disk_irq()) - irqs);
	KEXPECT_TRUE(t, irq_count(disk_irq()) > irqs); /* completion came by interrupt */
	kfree(buf);
	expect_balanced(t, s);
}

/* Pages for 64 KB, highmem and lowmem in turn where there is highmem. */
static bool get_pages(struct page **p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (!(p[i] = alloc_page(i % 2 ? GFP_KERNEL : GFP_HIGHUSER)))
			return false;
	return true;
}

static void put_pages(struct page **p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (p[i])
			__free_page(p[i]);
}

/* The sectors in pages p[0..n), checked through kmap. */
static unsigned bad_in_pages(struct page **p, unsigned n, uint32_t first,
			     void (*make)(uint8_t *, uint32_t))
{
	unsigned bad = 0;

	for (unsigned i = 0; i < n; i++) {
		uint8_t *v = kmap_atomic(p[i]);

		bad += bad_sectors(v, PAGE_SIZE, first + i * SECTORS_PER_PAGE, make);
		kunmap_atomic(v);
	}
	return bad;
}

/* One 64 KB read whose 16 pages alternate highmem and lowmem: one request, one sg list. */
static void reads_across_zones_scatter_gather(struct ktest *t)
{
	struct gendisk *d = test_disk(t);
	struct snapshot s = snap();
	struct page *p[16] = { 0 };
	struct scatterlist sg[16];
	unsigned highmem = 0;

	if (!d)
		return;
	KASSERT_TRUE(t, get_pages(p, 16));
	sg_init_table(sg, 16);
	for (unsigned i = 0; i < 16; i++) {
		sg_set_page(&sg[i], p[i], PAGE_SIZE, 0);
		highmem += PageHighMem(p[i]);
	}
	KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, 100, sg, 16), 0);
	KEXPECT_EQ(t, bad_in_pages(p, 16, 100, host_sector), 0);
	ktest_log("64 KB in one request: %u highmem and %u lowmem pages", highmem, 16 - highmem);
	put_pages(p, 16);
	expect_balanced(t, s);
}

struct flight {
	atomic_t done;
	atomic_t errors;
};

static void flight_end(struct blk_request *rq)
{
	struct flight *f = rq->private;

	if (rq->status)
		atomic_inc(&f->errors);
	atomic_inc(&f->done);
	__dsb_ishst();
	sev();
}

/* Up to 16 one-page reads submitted before any completes; all land, all exact. */
static void many_requests_in_flight(struct ktest *t)
{
	enum {
		N = 16
	};
	struct gendisk *d = test_disk(t);
	struct snapshot s = snap();
	struct blk_request rq[N];
	struct scatterlist sg[N];
	struct page *p[N] = { 0 };
	struct flight f;
	unsigned n;

	if (!d)
		return;
	n = min((unsigned)N, d->queue_depth);
	atomic_set(&f.done, 0);
	atomic_set(&f.errors, 0);
	KASSERT_TRUE(t, get_pages(p, n));
	for (unsigned i = 0; i < n; i++) {
		sg_init_table(&sg[i], 1);
		sg_set_page(&sg[i], p[i], PAGE_SIZE, 0);
		rq[i] = (struct blk_request){ .op = REQ_OP_READ,
					      .sector = 300 + i * SECTORS_PER_PAGE,
					      .sg = &sg[i],
					      .nsg = 1,
					      .end_io = flight_end,
					      .private = &f };
		KEXPECT_EQ(t, blk_submit(d, &rq[i]), 0);
	}
	while ((unsigned)atomic_read(&f.done) < n)
		wfe();
	KEXPECT_EQ(t, atomic_read(&f.errors), 0);
	ktest_log("%u requests in flight (queue depth %u)", n, d->queue_depth);
	for (unsigned i = 0; i < n; i++)
		KEXPECT_EQ(t, bad_in_pages(&p[i], 1, 300 + i * SECTORS_PER_PAGE, host_sector), 0);
	put_pages(p, n);
	expect_balanced(t, s);
}

/*
 * Sectors BLK_GUEST_FIRST.. written in 32 KB requests over both zones, then
 * read back here; scripts/disk-image check reads them again from outside.
 */
static void writes_sectors_for_the_host(struct ktest *t)
{
	enum {
		PAGES = 8,
		SECTORS = PAGES * SECTORS_PER_PAGE
	};
	struct gendisk *d = test_disk(t);
	struct snapshot s = snap();
	struct page *p[PAGES] = { 0 };
	struct scatterlist sg[PAGES];
	unsigned bad = 0;

	if (!d)
		return;
	KASSERT_TRUE(t, get_pages(p, PAGES));
	for (uint32_t first = BLK_GUEST_FIRST; first < BLK_GUEST_FIRST + BLK_GUEST_COUNT;
	     first += SECTORS) {
		sg_init_table(sg, PAGES);
		for (unsigned i = 0; i < PAGES; i++) {
			uint8_t *v = kmap_atomic(p[i]);

			for (unsigned k = 0; k < SECTORS_PER_PAGE; k++)
				guest_sector(v + k * SECTOR_SIZE, first + i * SECTORS_PER_PAGE + k);
			kunmap_atomic(v);
			sg_set_page(&sg[i], p[i], PAGE_SIZE, 0);
		}
		KEXPECT_EQ(t, blk_rw(d, REQ_OP_WRITE, first, sg, PAGES), 0);
		for (unsigned i = 0; i < PAGES; i++) { /* clobber, then read back */
			uint8_t *v = kmap_atomic(p[i]);

			memset(v, 0, PAGE_SIZE);
			kunmap_atomic(v);
		}
		KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, first, sg, PAGES), 0);
		bad += bad_in_pages(p, PAGES, first, guest_sector);
	}
	KEXPECT_EQ(t, bad, 0);
	ktest_log("sectors %u..%u written for the host to check", BLK_GUEST_FIRST,
		  BLK_GUEST_FIRST + BLK_GUEST_COUNT - 1);
	put_pages(p, PAGES);
	expect_balanced(t, s);
}

static void sync_end(struct blk_request *rq)
{
	WRITE_ONCE(*(volatile bool *)rq->private, true);
	__dsb_ishst();
	sev();
}

/*
 * Bad requests: the block layer refuses what it can see (past the end,
 * wrapping, not whole sectors, no data) without the device; a sector past
 * the end given to the driver directly comes back from the device as -EIO.
 */
static void bad_requests_get_errnos(struct ktest *t)
{
	struct gendisk *d = test_disk(t);
	struct snapshot s = snap();
	struct scatterlist sg;
	volatile bool done = false;
	struct blk_request rq;
	uint8_t *buf;

	if (!d)
		return;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	KASSERT_TRUE(t, buf != NULL);
	sg_init_table(&sg, 1);
	sg_set_buf(&sg, buf, SECTOR_SIZE);
	KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, d->capacity, &sg, 1), -EINVAL);
	KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, ~0ull, &sg, 1), -EINVAL);
	sg_set_buf(&sg, buf, 100);
	KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, 0, &sg, 1), -EINVAL);
	KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, 0, &sg, 0), -EINVAL);
	KEXPECT_EQ(t, blk_rw(d, (enum req_op)7, 0, &sg, 1), -EINVAL);
	/* Past the block layer's checks: the device itself says no. */
	sg_set_buf(&sg, buf, SECTOR_SIZE);
	rq = (struct blk_request){ .op = REQ_OP_READ,
				   .sector = d->capacity + 8,
				   .sg = &sg,
				   .nsg = 1,
				   .bytes = SECTOR_SIZE,
				   .end_io = sync_end,
				   .private = (void *)&done };
	KEXPECT_EQ(t, d->ops->submit(d, &rq), 0);
	while (!done)
		wfe();
	KEXPECT_EQ(t, rq.status, -EIO);
	kfree(buf);
	expect_balanced(t, s);
}

/*
 * The ring in memory after one read of a page, as the device left it: the
 * chain header (16 bytes, the device reads it), data (the page's physical
 * address, the device writes it), status (1 byte, written); the used
 * entry names the chain's head and the bytes the device wrote, 4096 + 1.
 */
static void ring_holds_what_the_device_did(struct ktest *t)
{
	struct gendisk *d = test_disk(t);
	struct virtio_device *vdev = virtio_mmio_device(board.virtio.count - 1);
	struct page *p = alloc_page(GFP_KERNEL);
	struct scatterlist sg;
	const struct vring_desc *hdr, *data, *status;
	struct vring_used_elem u;
	struct virtqueue *vq;

	if (!d) {
		if (p)
			__free_page(p);
		return;
	}
	KASSERT_TRUE(t, vdev && vdev->vq && p);
	vq = vdev->vq;
	sg_init_table(&sg, 1);
	sg_set_page(&sg, p, PAGE_SIZE, 0);
	KEXPECT_EQ(t, blk_rw(d, REQ_OP_READ, 8, &sg, 1), 0);
	KEXPECT_EQ(t, vq->used->idx, vq->avail->idx); /* everything given was used */
	u = vq->used->ring[(uint16_t)(vq->used->idx - 1) % vq->num];
	KASSERT_TRUE(t, u.id < vq->num);
	KEXPECT_EQ(t, vq->avail->ring[(uint16_t)(vq->avail->idx - 1) % vq->num], u.id);
	KEXPECT_EQ(t, u.len, PAGE_SIZE + 1); /* the data and the status byte */
	hdr = &vq->desc[u.id];
	data = &vq->desc[hdr->next];
	status = &vq->desc[data->next];
	KEXPECT_EQ(t, hdr->len, 16);
	KEXPECT_EQ(t, hdr->flags, VRING_DESC_F_NEXT);
	KEXPECT_EQ(t, data->addr, page_to_phys(p));
	KEXPECT_EQ(t, data->len, PAGE_SIZE);
	KEXPECT_EQ(t, data->flags, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE);
	KEXPECT_EQ(t, status->len, 1);
	KEXPECT_EQ(t, status->flags, VRING_DESC_F_WRITE);
	KEXPECT_EQ(t, status->addr, hdr->addr + 16);
	virtqueue_dump(vq, u.id, 3);
	__free_page(p);
}

static const struct ktest_case blk_cases[] = {
	KTEST_CASE(reads_host_sectors_one_by_one), KTEST_CASE(reads_across_zones_scatter_gather),
	KTEST_CASE(many_requests_in_flight),       KTEST_CASE(writes_sectors_for_the_host),
	KTEST_CASE(bad_requests_get_errnos),       KTEST_CASE(ring_holds_what_the_device_did),
};
KTEST_SUITE("blk", blk_cases);

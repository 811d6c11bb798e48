/*
 * virtio-blk request benchmarks, in guest instructions: a 4 KB and a 64 KB
 * read and write through blk_submit(), virtio_blk and the virtqueue, the
 * DMA mapping of the pages and the completion interrupt. bench-run attaches
 * a fresh disk made by scripts/disk-image.
 *
 * The device's own time is left out: the submission is timed (blk_submit
 * until it returns, the notify written), then, with interrupts masked, the
 * CPU spins untimed until the GIC shows the disk's interrupt pending (the
 * device is done), and the completion is timed from unmasking (the
 * interrupt is taken at once: entry, the virtio and block handlers, the
 * unmap, end_io, exit) until the code after it runs. The figure is the sum:
 * what one request costs the CPU. Afterwards each case checks the data.
 */
#include "asm/irqflags.h"
#include "blkdev.h"
#include "board.h"
#include "irq.h"
#include "mm.h"
#include "scatterlist.h"
#include "string.h"
#include "bench.h"

#define MAX_PAGES 16

static volatile bool done; /* the request's completion ran */

static void end(struct blk_request *rq)
{
	(void)rq;
	done = true;
}

/* One request, its CPU time only (see above); BENCH_FAILED if it fails. */
static uint64_t one_request(struct gendisk *d, struct blk_request *rq, unsigned irq)
{
	uint64_t t0, t1, t2, t3;
	uint32_t flags = local_irq_save();

	done = false;
	t0 = bench_counter_read();
	if (blk_submit(d, rq)) {
		local_irq_restore(flags);
		return BENCH_FAILED;
	}
	t1 = bench_counter_read();
	while (irq_is_pending(irq) != 1)
		cpu_relax();
	t2 = bench_counter_read();
	local_irq_restore(flags);
	t3 = bench_counter_read();
	return done && !rq->status ? (t1 - t0) + (t3 - t2) : BENCH_FAILED;
}

static uint64_t round_trips(unsigned iterations, enum req_op op, unsigned pages)
{
	struct gendisk *d = blk_get_disk("vda");
	unsigned irq = board.virtio.irq + board.virtio.count - 1; /* QEMU's last transport */
	uint64_t sector = op == REQ_OP_READ ? 0 : 1024, total = 0, t;
	struct page *p[MAX_PAGES] = { 0 };
	struct scatterlist sg[MAX_PAGES];
	struct blk_request rq;
	bool ok = d && irq_is_pending(irq) >= 0;

	for (unsigned i = 0; ok && i < pages; i++) {
		ok = (p[i] = alloc_page(GFP_KERNEL)) != NULL;
		if (ok) /* a pattern to write: page i holds i + 1 */
			memset(page_address(p[i]), (int)i + 1, PAGE_SIZE);
	}
	sg_init_table(sg, pages);
	for (unsigned i = 0; ok && i < pages; i++)
		sg_set_page(&sg[i], p[i], PAGE_SIZE, 0);
	rq = (struct blk_request){
		.op = op, .sector = sector, .sg = sg, .nsg = pages, .end_io = end
	};
	ok = ok && one_request(d, &rq, irq) != BENCH_FAILED; /* warm the paths */
	for (unsigned i = 0; ok && i < iterations; i++) {
		t = one_request(d, &rq, irq);
		ok = t != BENCH_FAILED;
		total += t;
	}
	/* What the disk holds now: the host's sector 0, or what was written. */
	if (ok && op == REQ_OP_READ)
		ok = !memcmp(page_address(p[0]), "host sector 0\n", 14);
	else if (ok) {
		for (unsigned i = 0; i < pages; i++)
			memset(page_address(p[i]), 0, PAGE_SIZE);
		rq.op = REQ_OP_READ;
		ok = !blk_rw(d, REQ_OP_READ, sector, sg, pages);
		for (unsigned i = 0; ok && i < pages; i++)
			ok = ((uint8_t *)page_address(p[i]))[PAGE_SIZE - 1] == i + 1;
	}
	for (unsigned i = 0; i < pages; i++)
		if (p[i])
			__free_page(p[i]);
	return ok ? total + bench_empty_loop(iterations) : BENCH_FAILED;
}

static uint64_t read_4k(unsigned n)
{
	return round_trips(n, REQ_OP_READ, 1);
}
static uint64_t write_4k(unsigned n)
{
	return round_trips(n, REQ_OP_WRITE, 1);
}
static uint64_t read_64k(unsigned n)
{
	return round_trips(n, REQ_OP_READ, 16);
}
static uint64_t write_64k(unsigned n)
{
	return round_trips(n, REQ_OP_WRITE, 16);
}

BENCH_CASE(blk_read_4k, "virtio-blk read 4 KB (CPU side of a round trip)", read_4k, 100);
BENCH_CASE(blk_write_4k, "virtio-blk write 4 KB (CPU side of a round trip)", write_4k, 100);
BENCH_CASE(blk_read_64k, "virtio-blk read 64 KB (CPU side of a round trip)", read_64k, 50);
BENCH_CASE(blk_write_64k, "virtio-blk write 64 KB (CPU side of a round trip)", write_64k, 50);

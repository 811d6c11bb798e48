/*
 * Kernel virtual memory benchmarks, in guest instructions:
 *
 *   - vmalloc + vfree of 1, 16 and 256 pages, per page;
 *   - ioremap + iounmap of 4 KB (the UART's page: device memory);
 *   - kmap + kunmap of a highmem page (a pkmap hit after the first);
 *   - kmap_atomic + kunmap_atomic of a highmem page (a PTE write each way,
 *     one TLB invalidate by MVA on the unmap). At 128 MB there is no
 *     highmem: the kmap cases then measure a lowmem page (no mapping at all).
 */
#include "asm/cp15.h"
#include "asm/io.h"
#include "board.h"
#include "devtree.h"
#include "highmem.h"
#include "vmalloc.h"
#include "bench.h"

static uint64_t vmalloc_pages(unsigned pages, unsigned iterations)
{
	uint64_t t0, total;

	vfree(vmalloc(pages * PAGE_SIZE)); /* warm the caches and lists */
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++)
		vfree(vmalloc(pages * PAGE_SIZE));
	total = bench_counter_read() - t0;
	/* Per page: scale so the runner's (total - empty) / iterations comes out per page. */
	return (total - bench_empty_loop(iterations)) / pages + bench_empty_loop(iterations);
}

static uint64_t vmalloc_1(unsigned iterations)
{
	return vmalloc_pages(1, iterations);
}
static uint64_t vmalloc_16(unsigned iterations)
{
	return vmalloc_pages(16, iterations);
}
static uint64_t vmalloc_256(unsigned iterations)
{
	return vmalloc_pages(256, iterations);
}
BENCH_CASE(vmalloc_1, "vmalloc+vfree 1 page (per page)", vmalloc_1, 1000);
BENCH_CASE(vmalloc_16, "vmalloc+vfree 16 pages (per page)", vmalloc_16, 200);
BENCH_CASE(vmalloc_256, "vmalloc+vfree 256 pages (per page)", vmalloc_256, 20);

/*
 * ioremap + iounmap of the UART's page; afterwards one more, checked: the
 * MMU maps the page (ATS1CPR), the device answers (UARTFR.BUSY is clear
 * between lines), and after iounmap the address faults.
 */
static uint64_t ioremap_page(unsigned iterations)
{
	phys_addr_t phys = board_uart_phys();
	char __iomem *io;
	uint64_t t0, total;
	uint32_t par;
	bool ok;

	iounmap(ioremap(phys, PAGE_SIZE));
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++)
		iounmap(ioremap(phys, PAGE_SIZE));
	total = bench_counter_read() - t0;
	io = ioremap(phys, PAGE_SIZE);
	if (!io)
		return BENCH_FAILED;
	par = ats1cpr((uint32_t)io);
	ok = !(par & 1) && (par & PAGE_MASK) == phys && !(readl(io + 0x18) & 0x8);
	iounmap(io);
	return ok && (ats1cpr((uint32_t)io) & 1) ? total : BENCH_FAILED;
}
BENCH_CASE(ioremap_page, "ioremap+iounmap 4 KB", ioremap_page, 1000);

static struct page *bench_highpage(void)
{
	static struct page *page;

	if (!page)
		page = alloc_page(GFP_HIGHUSER);
	return page;
}

static uint64_t kmap_pair(unsigned iterations)
{
	struct page *p = bench_highpage();
	uint64_t t0;

	if (!p)
		return BENCH_FAILED;
	kmap(p);
	kunmap(p);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		kmap(p);
		kunmap(p);
	}
	return bench_counter_read() - t0;
}
BENCH_CASE(kmap_pair, "kmap+kunmap (highmem page)", kmap_pair, 10000);

static uint64_t kmap_atomic_pair(unsigned iterations)
{
	struct page *p = bench_highpage();
	uint64_t t0;

	if (!p)
		return BENCH_FAILED;
	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++)
		kunmap_atomic(kmap_atomic(p));
	return bench_counter_read() - t0;
}
BENCH_CASE(kmap_atomic_pair, "kmap_atomic+kunmap_atomic (highmem)", kmap_atomic_pair, 10000);

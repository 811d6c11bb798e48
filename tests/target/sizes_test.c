/*
 * Sizes and counts at their extremes, in the target's 32-bit size_t: 0, 1,
 * a page less one, the largest allocation and one byte more, 2^31,
 * 2^32 - 1, and ranges that wrap past 4 GB, given to get_order, kmalloc
 * and its family, the page allocator, mempool_create, kmem_cache_create,
 * vmalloc, vzalloc, vmap, ioremap, request_mem_region and
 * dma_alloc_coherent. Each call works, or gives NULL and prints exactly one
 * line (counted with printk_lines); none hangs, and every page comes back.
 * The user-space lengths of mmap, munmap and brk are user/sysbad.c's.
 */
#include "asm/io.h"
#include "asm/mmu.h"
#include "devtree.h"
#include "dma-mapping.h"
#include "errno.h"
#include "ioport.h"
#include "mempool.h"
#include "printk.h"
#include "slab.h"
#include "string.h"
#include "vmalloc.h"
#include "ktest.h"
#include "test_util.h"

#define SIZE_T_MAX ((size_t)-1)

/* Lines printed by the last CALL(). */
static unsigned printed;

/* The value of a call, counting in printed the lines it printed. */
#define CALL(expr)                                \
	({                                        \
		unsigned lines0_ = printk_lines;  \
		__auto_type r_ = (expr);          \
		printed = printk_lines - lines0_; \
		r_;                               \
	})

/* A check in a loop: the message names the call. */
#define EXPECT(t, cond, ...)                                            \
	do {                                                            \
		(t)->checks++;                                          \
		if (!(cond))                                            \
			ktest_fail(t, __FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

/* A call that worked printed nothing; one that failed printed one line. */
#define EXPECT_OUTCOME(t, worked, should_work, fmt, ...)                                       \
	EXPECT(t, (worked) == (should_work) && printed == !(worked),                           \
	       fmt ": %s with %u lines, want %s", __VA_ARGS__, (worked) ? "worked" : "failed", \
	       printed, (should_work) ? "success" : "failure")

static const size_t sizes[] = {
	0,
	1,
	PAGE_SIZE - 1,
	PAGE_SIZE,
	PAGE_SIZE + 1,
	KMALLOC_MAX_SIZE,
	KMALLOC_MAX_SIZE + 1,
	0x7fffffffu,
	0x80000000u,
	0xfffff000u,
	0xffffffffu,
};

/* For kcalloc's n * size: products that fit, reach 2^32 exactly, or pass it. */
static const size_t factors[] = { 0, 1, PAGE_SIZE - 1, 0x10000, 0x80000000u, 0xffffffffu };

/* Are n bytes at p zero? Every 61st byte and the last are looked at. */
static bool zeroed(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i += 61)
		if (b[i])
			return false;
	return !n || !b[n - 1];
}

static void get_order_in_32_bits(struct ktest *t)
{
	static volatile size_t boundary; /* not folded: the target's own code runs */

	KEXPECT_EQ(t, get_order(0), 20); /* past MAX_PAGE_ORDER: refused by every caller */
	KEXPECT_EQ(t, get_order(1), 0);
	KEXPECT_EQ(t, get_order(PAGE_SIZE - 1), 0);
	KEXPECT_EQ(t, get_order(PAGE_SIZE), 0);
	KEXPECT_EQ(t, get_order(PAGE_SIZE + 1), 1);
	KEXPECT_EQ(t, get_order(0x80000000u), 19);
	KEXPECT_EQ(t, get_order(0x80000001u), 20);
	KEXPECT_EQ(t, get_order(0xffffffffu), 20);
	for (unsigned order = 0; order < 20; order++) {
		boundary = PAGE_SIZE << order;
		EXPECT(t,
		       get_order(boundary - 1) == order && get_order(boundary) == order &&
			       get_order(boundary + 1) == order + 1,
		       "get_order around %#zx", boundary);
	}
}

/* Whether kmalloc(size) can succeed here: a legal size, and a free block for it. */
static bool kmalloc_fits(size_t size)
{
	return size <= KMALLOC_MAX_SIZE &&
	       (size <= PAGE_SIZE || kernel_block_free(get_order(size)));
}

static void kmalloc_family(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	uint8_t *old = kmalloc(100, GFP_KERNEL), *p;

	KASSERT_TRUE(t, old != NULL);
	memset(old, 0x5a, 100);
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		size_t size = sizes[i];
		bool fits = kmalloc_fits(size);

		p = CALL(kmalloc(size, GFP_KERNEL));
		EXPECT_OUTCOME(t, p != NULL, fits, "kmalloc(%#zx)", size);
		kfree(p);
		p = CALL(kmalloc(size, GFP_KERNEL | __GFP_NOWARN));
		EXPECT(t, !p == !fits && !printed, "kmalloc(%#zx, __GFP_NOWARN): %u lines", size,
		       printed);
		kfree(p);
		p = CALL(kzalloc(size, GFP_KERNEL));
		EXPECT_OUTCOME(t, p != NULL, fits, "kzalloc(%#zx)", size);
		EXPECT(t, !p || zeroed(p, size), "kzalloc(%#zx) not zeroed", size);
		kfree(p);
		/* krealloc leaves the object alone when it fails, and frees it for size 0. */
		p = CALL(krealloc(old, size, GFP_KERNEL));
		EXPECT_OUTCOME(t, p != NULL, fits, "krealloc(%p, %#zx)", old, size);
		if (!p) {
			EXPECT(t, old[0] == 0x5a && old[99] == 0x5a,
			       "krealloc(%#zx) changed the object", size);
		} else {
			EXPECT(t, !size || (p[0] == 0x5a && p[min(size, (size_t)100) - 1] == 0x5a),
			       "krealloc(%#zx) lost the contents", size);
			kfree(p);
			old = kmalloc(100, GFP_KERNEL);
			KASSERT_TRUE(t, old != NULL);
			memset(old, 0x5a, 100);
		}
	}
	for (unsigned i = 0; i < ARRAY_SIZE(factors); i++)
		for (unsigned j = 0; j < ARRAY_SIZE(factors); j++) {
			size_t n = factors[i], size = factors[j];
			bool overflows = size && n > SIZE_T_MAX / size;

			p = CALL(kcalloc(n, size, GFP_KERNEL));
			EXPECT_OUTCOME(t, p != NULL, !overflows && kmalloc_fits(n * size),
				       "kcalloc(%#zx, %#zx)", n, size);
			EXPECT(t, !p || zeroed(p, n * size), "kcalloc(%#zx, %#zx) not zeroed", n,
			       size);
			kfree(p);
			if (!overflows && n * size <= KMALLOC_MAX_SIZE)
				continue;
			p = CALL(krealloc_array(old, n, size, GFP_KERNEL));
			EXPECT(t, !p && printed == 1 && old[0] == 0x5a && old[99] == 0x5a,
			       "krealloc_array(%#zx, %#zx): %p, %u lines", n, size, p, printed);
		}
	kfree(old);
	KEXPECT_EQ(t, validate_all_caches(), 0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void page_orders(struct ktest *t)
{
	static const unsigned orders[] = {
		0, 1, MAX_PAGE_ORDER, MAX_PAGE_ORDER + 1, 20, 31, 32, 0x80000000u, 0xffffffffu,
	};
	uint32_t free0 = settled_free_pages(), misuse = vm_stats.misuse, refused = 0;

	for (unsigned i = 0; i < ARRAY_SIZE(orders) + ARRAY_SIZE(sizes); i++) {
		unsigned order = i < ARRAY_SIZE(orders) ? orders[i]
							: get_order(sizes[i - ARRAY_SIZE(orders)]);
		bool legal = order <= MAX_PAGE_ORDER, fits = kernel_block_free(order);
		struct page *page = CALL(alloc_pages(GFP_KERNEL, order));
		uintptr_t addr;

		EXPECT_OUTCOME(t, page != NULL, fits, "alloc_pages(order %u)", order);
		if (page)
			__free_pages(page, order);
		page = CALL(alloc_pages(GFP_KERNEL | __GFP_NOWARN, order));
		EXPECT(t, !page == !fits && !printed, "alloc_pages(__GFP_NOWARN, order %u)", order);
		if (page)
			__free_pages(page, order);
		addr = CALL(__get_free_pages(GFP_KERNEL, order));
		EXPECT_OUTCOME(t, addr != 0, fits, "__get_free_pages(order %u)", order);
		free_pages(addr, order);
		addr = CALL(__get_free_pages(GFP_HIGHUSER, order));
		EXPECT_OUTCOME(t, addr != 0, false, "__get_free_pages(GFP_HIGHUSER, order %u)",
			       order);
		refused += !legal * 3 + 1;
	}
	KEXPECT_EQ(t, vm_stats.misuse, misuse + refused);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void mempool_min_nr(struct ktest *t)
{
	/* From 2^30 up, the array of min_nr pointers overflows a 32-bit size_t. */
	static const unsigned min_nrs[] = {
		0,           1,           PAGE_SIZE - 1, 0x3fffffffu,
		0x40000000u, 0x40000001u, 0x80000000u,   0xffffffffu,
	};
	uint32_t free0 = settled_free_pages();

	for (unsigned i = 0; i < ARRAY_SIZE(min_nrs); i++) {
		mempool_t *pool = CALL(mempool_create_kmalloc_pool(min_nrs[i], 64));

		EXPECT_OUTCOME(t, pool != NULL, min_nrs[i] < PAGE_SIZE, "mempool_create(%u)",
			       min_nrs[i]);
		if (!pool)
			continue;
		EXPECT(t, pool->curr_nr == min_nrs[i], "mempool_create(%u): %u elements",
		       min_nrs[i], pool->curr_nr);
		EXPECT(t,
		       CALL(mempool_resize(pool, 0x40000001u)) == -ENOMEM && printed == 1 &&
			       pool->curr_nr == min_nrs[i],
		       "mempool_resize(%u -> 2^30 + 1)", min_nrs[i]);
		mempool_destroy(pool);
	}
	KEXPECT_EQ(t, validate_all_caches(), 0);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void kmem_cache_create_sizes(struct ktest *t)
{
	static const size_t aligns[] = {
		0,
		1,
		3,
		8,
		PAGE_SIZE - 1,
		PAGE_SIZE,
		PAGE_SIZE + 1,
		2 * PAGE_SIZE,
		0x80000000u,
		0xffffffffu,
	};
	uint32_t free0 = settled_free_pages();

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned a = 0; a < ARRAY_SIZE(aligns); a++) {
			size_t size = sizes[i], align = aligns[a];
			bool ok = size && size <= 16384 && !(align & (align - 1)) &&
				  align <= PAGE_SIZE;
			struct kmem_cache *s = CALL(
				kmem_cache_create("extreme", size, align, 0, NULL));
			void *obj;

			EXPECT_OUTCOME(t, s != NULL, ok, "kmem_cache_create(%#zx, align %#zx)",
				       size, align);
			if (!s)
				continue;
			obj = kmem_cache_alloc(s, GFP_KERNEL);
			EXPECT(t, obj && !((uintptr_t)obj & (align ? align - 1 : 7)),
			       "cache of %#zx aligned %#zx: object %p", size, align, obj);
			if (obj)
				memset(obj, 0x3c, size);
			kmem_cache_free(s, obj);
			EXPECT(t, kmem_cache_destroy(s) == 0, "destroy the cache of %#zx", size);
		}
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void vmalloc_and_vmap(struct ktest *t)
{
	uint32_t area = VMALLOC_END - vmalloc_start;
	const size_t more[] = { area - PAGE_SIZE + 1, area, area + 1u };
	const unsigned counts[] = {
		0, 1, 2, area / PAGE_SIZE + 1, 1u << 20, (1u << 20) + 1, 0x80000000u, 0xffffffffu,
	};
	uint32_t free0 = settled_vmalloc_free_pages();
	unsigned areas0 = vmalloc_nr_areas();
	struct page *pages[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_HIGHUSER) };

	KASSERT_TRUE(t, pages[0] && pages[1]);
	for (unsigned i = 0; i < ARRAY_SIZE(sizes) + ARRAY_SIZE(more); i++) {
		size_t size = i < ARRAY_SIZE(sizes) ? sizes[i] : more[i - ARRAY_SIZE(sizes)];
		/* The whole area cannot be had: every area takes a guard page as well. */
		bool fits = size && size <= area - PAGE_SIZE && size <= 2 * KMALLOC_MAX_SIZE;
		uint8_t *p;

		if (size > 2 * KMALLOC_MAX_SIZE && size <= area - PAGE_SIZE)
			continue; /* as much RAM as the area: a test of memory, not of sizes */
		p = CALL(vmalloc(size));
		EXPECT_OUTCOME(t, p != NULL, fits, "vmalloc(%#zx)", size);
		vfree(p);
		p = CALL(vzalloc(size));
		EXPECT_OUTCOME(t, p != NULL, fits, "vzalloc(%#zx)", size);
		EXPECT(t, !p || zeroed(p, size), "vzalloc(%#zx) not zeroed", size);
		vfree(p);
	}
	/* A count past the area is refused before count * PAGE_SIZE can wrap. */
	for (unsigned i = 0; i < ARRAY_SIZE(counts); i++) {
		uint32_t *v = CALL(vmap(pages, counts[i], PAGE_KERNEL));

		EXPECT_OUTCOME(t, v != NULL, counts[i] && counts[i] <= 2, "vmap(%u pages)",
			       counts[i]);
		if (v) {
			v[counts[i] * PAGE_SIZE / 4 - 1] = 7;
			vunmap(v);
		}
	}
	__free_page(pages[0]);
	__free_page(pages[1]);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas0);
	KEXPECT_EQ(t, vmalloc_check(), 0);
	KEXPECT_EQ(t, settled_vmalloc_free_pages(), free0);
}

/* Ranges a device might name: from 0, near the UART, across 2 GB, at the top of 4 GB. */
static void device_ranges(phys_addr_t starts[6])
{
	phys_addr_t dev = (board_uart_phys() & PAGE_MASK) + 2 * PAGE_SIZE; /* no driver's */

	starts[0] = 0;
	starts[1] = 1;
	starts[2] = dev;
	starts[3] = dev + PAGE_SIZE - 1;
	starts[4] = 0xfffff000u;
	starts[5] = 0xffffffffu;
}

static const size_t range_sizes[] = { 0, 1, PAGE_SIZE - 1, PAGE_SIZE, 0x80000000u, 0xffffffffu };

/*
 * Whether a range may be mapped depends on the board (RAM the kernel
 * manages is refused): a call works with no line or fails with one, and
 * always fails for size 0 or a range past 4 GB; a page of the free device
 * range next to the UART always works.
 */
static void ioremap_ranges(struct ktest *t)
{
	uint32_t free0 = settled_vmalloc_free_pages();
	unsigned areas0 = vmalloc_nr_areas();
	phys_addr_t starts[6];

	device_ranges(starts);
	for (unsigned i = 0; i < ARRAY_SIZE(starts); i++)
		for (unsigned j = 0; j < ARRAY_SIZE(range_sizes); j++) {
			phys_addr_t phys = starts[i];
			size_t size = range_sizes[j];
			bool bad = !size || (uint64_t)phys + size > 0x100000000ull;
			bool must = (i == 2 && size && size <= PAGE_SIZE) || (i == 3 && size == 1);
			void __iomem *io = CALL(ioremap(phys, size));

			EXPECT(t, io ? !printed && !bad : printed == 1 && !must,
			       "ioremap(%#x, %#zx): %p with %u lines", phys, size, io, printed);
			if (io) {
				EXPECT(t, ((uintptr_t)io & ~PAGE_MASK) == (phys & ~PAGE_MASK),
				       "ioremap(%#x, %#zx) lost the page offset: %p", phys, size,
				       io);
				iounmap(io);
			}
		}
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas0);
	KEXPECT_EQ(t, settled_vmalloc_free_pages(), free0);
}

static void request_mem_region_ranges(struct ktest *t)
{
	uint32_t free0 = settled_free_pages();
	phys_addr_t starts[6];

	device_ranges(starts);
	for (unsigned i = 0; i < ARRAY_SIZE(starts); i++)
		for (unsigned j = 0; j < ARRAY_SIZE(range_sizes); j++) {
			phys_addr_t start = starts[i];
			size_t n = range_sizes[j];
			bool bad = !n || (uint64_t)start + n > 0x100000000ull;
			bool must = (i == 2 && n && n <= PAGE_SIZE) || (i == 3 && n == 1);
			struct resource *r = CALL(request_mem_region(start, n, "extreme"));

			EXPECT(t, r ? !printed && !bad : printed == 1 && !must,
			       "request_mem_region(%#x, %#zx): %p with %u lines", start, n, r,
			       printed);
			if (r) {
				CALL((release_mem_region(start, n), 0));
				EXPECT(t, !printed && lookup_resource(start) != r,
				       "release_mem_region(%#x, %#zx)", start, n);
			} else if (bad) {
				/* No claimed region can be this range: releasing it is one line. */
				CALL((release_mem_region(start, n), 0));
				EXPECT(t, printed == 1,
				       "release_mem_region(%#x, %#zx) of nothing: %u lines", start,
				       n, printed);
			}
		}
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static void dma_coherent_sizes(struct ktest *t)
{
	const size_t more[] = { SZ_1M, SZ_1M + 1, 2 * SZ_1M };
	struct device dev = { .name = "extreme", .coherent_dma_mask = 0xffffffff };
	uint32_t free0 = settled_free_pages(), misuse = vm_stats.misuse;
	unsigned i;

	/* Each size is one misuse: the allocation refused, or the free with a wrong size. */
	for (i = 0; i < ARRAY_SIZE(sizes) + ARRAY_SIZE(more); i++) {
		size_t size = i < ARRAY_SIZE(sizes) ? sizes[i] : more[i - ARRAY_SIZE(sizes)];
		/* 1 MB and its guard page fit the 2 MB area; the next order does not. */
		bool fits = size && size <= SZ_1M;
		dma_addr_t handle = 0;
		uint8_t *cpu = CALL(dma_alloc_coherent(&dev, size, &handle, GFP_KERNEL));

		EXPECT_OUTCOME(t, cpu != NULL, fits, "dma_alloc_coherent(%#zx)", size);
		if (!cpu)
			continue;
		EXPECT(t, zeroed(cpu, size) && mmu_pa((uint32_t)cpu) == handle,
		       "dma_alloc_coherent(%#zx): not zeroed, or not at its handle", size);
		CALL((dma_free_coherent(&dev, 0xffffffffu, cpu, handle), 0));
		EXPECT(t, printed == 1, "dma_free_coherent with size 2^32 - 1: %u lines", printed);
		dma_free_coherent(&dev, size, cpu, handle);
	}
	KEXPECT_EQ(t, vm_stats.misuse - misuse, i);
	KEXPECT_EQ(t, settled_free_pages(), free0);
}

static const struct ktest_case sizes_cases[] = {
	KTEST_CASE(get_order_in_32_bits),       KTEST_CASE_REPORTS(kmalloc_family),
	KTEST_CASE_REPORTS(page_orders),        KTEST_CASE_REPORTS(mempool_min_nr),
	KTEST_CASE(kmem_cache_create_sizes),    KTEST_CASE_REPORTS(vmalloc_and_vmap),
	KTEST_CASE_REPORTS(ioremap_ranges),     KTEST_CASE(request_mem_region_ranges),
	KTEST_CASE_REPORTS(dma_coherent_sizes),
};
KTEST_SUITE("sizes", sizes_cases);

/*
 * The dma suite: streaming DMA mappings, the bounce pool, DMA-API
 * debugging and DMA pools (mm/dma). QEMU models no caches, so the cache
 * maintenance is checked by counting the lines each operation touched
 * (asm/dma-cache.h) against what ARMv7 needs for the direction; bus
 * addresses are checked against the MMU's own translation (ATS), bounced
 * data by reading the bounce slot as the device would, and every case ends
 * with no mapping, bounce slot or kmap left.
 */
#include "asm/dma-cache.h"
#include "asm/cacheflush.h"
#include "asm/memory.h"
#include "asm/mmu.h"
#include "dma-mapping.h"
#include "dmapool.h"
#include "errno.h"
#include "highmem.h"
#include "mm.h"
#include "scatterlist.h"
#include "slab.h"
#include "string.h"
#include "vmalloc.h"
#include "mm/buddy/buddy.h"
#include "ktest.h"
#include "test_util.h"

struct counts {
	int clean, inval, clean_inval;
};

static struct counts now(void)
{
	return (struct counts){ atomic_read(&dma_cache_stats.clean),
				atomic_read(&dma_cache_stats.inval),
				atomic_read(&dma_cache_stats.clean_inval) };
}

/* The lines touched since before: exactly clean, inval and clean_inval of them. */
#define KEXPECT_LINES(t, before, c, i, ci)                                       \
	do {                                                                     \
		struct counts __after = now();                                   \
		KEXPECT_EQ(t, __after.clean - (before).clean, (c));              \
		KEXPECT_EQ(t, __after.inval - (before).inval, (i));              \
		KEXPECT_EQ(t, __after.clean_inval - (before).clean_inval, (ci)); \
	} while (0)

static struct device test_dev(void)
{
	return (struct device){ .name = "test-dma" };
}

/*
 * ARMv7's rule for an invalidate of [s, e): the lines only partly inside
 * are cleaned and invalidated, the whole ones in between invalidated.
 */
static int partial_lines(uint32_t s, uint32_t e)
{
	uint32_t l = dcache_line_size();

	return (s % l != 0) + (e % l != 0);
}

static int whole_lines(uint32_t s, uint32_t e)
{
	uint32_t l = dcache_line_size();
	uint32_t first = ALIGN(s, l), last = ALIGN_DOWN(e, l);

	return last > first ? (int)((last - first) / l) : 0;
}

/* A 4 KB lowmem buffer mapped each way: the handle is its PA, the maintenance the direction's. */
static void map_single_each_direction(struct ktest *t)
{
	struct device dev = test_dev();
	struct page *pg = alloc_page(GFP_KERNEL);
	unsigned mappings = dma_debug_nr_mappings();
	int lines = PAGE_SIZE / dcache_line_size();
	void *buf;

	KASSERT_TRUE(t, pg != NULL);
	KASSERT_EQ(t, dma_set_mask(&dev, DMA_BIT_MASK(32)), 0);
	buf = page_address(pg);
	for (int dir = DMA_BIDIRECTIONAL; dir <= DMA_FROM_DEVICE; dir++) {
		struct counts c = now();
		dma_addr_t h = dma_map_single(&dev, buf, PAGE_SIZE, dir);

		KEXPECT_EQ(t, dma_mapping_error(&dev, h), 0);
		KEXPECT_EQ(t, h, mmu_pa((uint32_t)buf)); /* the bus address is the MMU's PA */
		KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings + 1);
		/* Handing over: clean unless only the device writes, then invalidate. */
		if (dir == DMA_FROM_DEVICE)
			KEXPECT_LINES(t, c, 0, lines, 0);
		else
			KEXPECT_LINES(t, c, lines, 0, 0);
		c = now();
		dma_unmap_single(&dev, h, PAGE_SIZE, dir);
		/* Taking back: invalidate whatever the device may have written. */
		if (dir == DMA_TO_DEVICE)
			KEXPECT_LINES(t, c, 0, 0, 0);
		else
			KEXPECT_LINES(t, c, 0, lines, 0);
		KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);
	}
	__free_page(pg);
}

/* A buffer that starts or ends inside a cache line: those lines are cleaned, not dropped. */
static void unaligned_edges_are_cleaned(struct ktest *t)
{
	struct device dev = test_dev();
	uint32_t l = dcache_line_size();
	struct page *pg = alloc_page(GFP_KERNEL);
	static const struct {
		uint32_t off, size;
	} cases[] = { { 4, 0 }, { 8, 16 }, { 0, 100 }, { 100, 3000 }, { 4095, 1 } };
	char *base;

	KASSERT_TRUE(t, pg != NULL);
	KASSERT_EQ(t, dma_set_mask(&dev, DMA_BIT_MASK(32)), 0);
	base = page_address(pg);
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		/* The first: two lines from an offset of 4, so both ends are partial. */
		uint32_t off = cases[i].off, size = cases[i].size ? cases[i].size : 2 * l;
		struct counts c = now();
		dma_addr_t h = dma_map_single(&dev, base + off, size, DMA_FROM_DEVICE);
		int partial = partial_lines(off, off + size), whole = whole_lines(off, off + size);

		KEXPECT_EQ(t, h, page_to_phys(pg) + off);
		KEXPECT_LINES(t, c, 0, whole, partial);
		c = now();
		dma_sync_single_for_cpu(&dev, h, size, DMA_FROM_DEVICE);
		KEXPECT_LINES(t, c, 0, whole, partial);
		dma_unmap_single(&dev, h, size, DMA_FROM_DEVICE);
		/* The same range to the device: every line it touches is cleaned. */
		c = now();
		h = dma_map_single(&dev, base + off, size, DMA_TO_DEVICE);
		KEXPECT_LINES(t, c, (int)((ALIGN(off + size, l) - ALIGN_DOWN(off, l)) / l), 0, 0);
		dma_unmap_single(&dev, h, size, DMA_TO_DEVICE);
	}
	__free_page(pg);
}

/* A highmem page has no direct-map address: its lines are reached through kmap_atomic. */
static void highmem_pages_through_kmap(struct ktest *t)
{
	struct device dev = test_dev();
	struct page *pg = alloc_pages(GFP_HIGHUSER, 1);
	unsigned depth = kmap_atomic_depth();
	struct counts c;
	dma_addr_t h;

	KASSERT_TRUE(t, pg != NULL);
	if (!PageHighMem(pg)) {
		__free_pages(pg, 1);
		ktest_skip(t, "no highmem on this boot");
		return;
	}
	KASSERT_EQ(t, dma_set_mask(&dev, DMA_BIT_MASK(32)), 0);
	c = now();
	h = dma_map_page(&dev, pg, 100, 3000, DMA_FROM_DEVICE);
	KEXPECT_EQ(t, h, page_to_phys(pg) + 100);
	KEXPECT_LINES(t, c, 0, whole_lines(100, 3100), partial_lines(100, 3100));
	dma_unmap_page(&dev, h, 3000, DMA_FROM_DEVICE);
	/* Across the two pages: each page's piece through its own kmap. */
	c = now();
	h = dma_map_page(&dev, pg, 0, 2 * PAGE_SIZE, DMA_TO_DEVICE);
	KEXPECT_EQ(t, h, page_to_phys(pg));
	KEXPECT_LINES(t, c, (int)(2 * PAGE_SIZE / dcache_line_size()), 0, 0);
	dma_unmap_page(&dev, h, 2 * PAGE_SIZE, DMA_TO_DEVICE);
	KEXPECT_EQ(t, kmap_atomic_depth(), depth);
	__free_pages(pg, 1);
}

/*
 * The last page of RAM, which on virt with 3 GB ends at 4 GB exactly: its
 * lines are cleaned (harmless to whoever owns the page) through the right
 * mapping, the direct map or a kmap, not through an address that wrapped.
 */
static void last_page_of_ram(struct ktest *t)
{
	struct device dev = test_dev();
	struct page *top = pfn_to_page(max_pfn - 1);
	struct counts c;
	dma_addr_t h;

	KASSERT_EQ(t, dma_set_mask(&dev, DMA_BIT_MASK(32)), 0);
	ktest_log("last page at %#x (%s)", page_to_phys(top),
		  PageHighMem(top) ? "highmem" : "lowmem");
	c = now();
	h = dma_map_page(&dev, top, 0, PAGE_SIZE, DMA_TO_DEVICE);
	KEXPECT_EQ(t, h, page_to_phys(top));
	KEXPECT_LINES(t, c, (int)(PAGE_SIZE / dcache_line_size()), 0, 0);
	dma_unmap_page(&dev, h, PAGE_SIZE, DMA_TO_DEVICE);
	KEXPECT_EQ(t, kmap_atomic_depth(), 0);
}

/* A scatterlist across a kmalloc buffer, a highmem (or any) page and a lowmem page. */
static void scatterlist_across_zones(struct ktest *t)
{
	struct device dev = test_dev();
	struct scatterlist sg[3], *s;
	char *small = kmalloc(100, GFP_KERNEL);
	struct page *hp = alloc_page(GFP_HIGHUSER), *lp = alloc_page(GFP_KERNEL);
	unsigned mappings = dma_debug_nr_mappings();
	int i, n;

	KASSERT_TRUE(t, small && hp && lp);
	KASSERT_EQ(t, dma_set_mask(&dev, DMA_BIT_MASK(32)), 0);
	sg_init_table(sg, 3);
	sg_set_buf(&sg[0], small, 100);
	sg_set_page(&sg[1], hp, PAGE_SIZE, 0);
	sg_set_page(&sg[2], lp, 1000, 512);
	n = dma_map_sg(&dev, sg, 3, DMA_BIDIRECTIONAL);
	KEXPECT_EQ(t, n, 3);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings + 3);
	KEXPECT_EQ(t, sg_dma_address(&sg[0]), mmu_pa((uint32_t)small));
	KEXPECT_EQ(t, sg_dma_address(&sg[1]), page_to_phys(hp));
	KEXPECT_EQ(t, sg_dma_address(&sg[2]), mmu_pa((uint32_t)page_address(lp) + 512));
	for_each_sg(sg, s, n, i) KEXPECT_EQ(t, sg_dma_len(s), s->length);
	dma_sync_sg_for_cpu(&dev, sg, 3, DMA_BIDIRECTIONAL);
	dma_sync_sg_for_device(&dev, sg, 3, DMA_BIDIRECTIONAL);
	dma_unmap_sg(&dev, sg, 3, DMA_BIDIRECTIONAL);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);
	kfree(small);
	__free_page(hp);
	__free_page(lp);
}

/* The highest bus address ZONE_DMA reaches: a mask that forces everything above to bounce. */
static uint32_t dma_zone_mask(void)
{
	const struct zone *z = &zones[ZONE_DMA];

	return ((z->start_pfn + z->spanned) << PAGE_SHIFT) - 1;
}

static void fill(void *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		((uint8_t *)p)[i] = (uint8_t)(seed + i * 7);
}

static bool filled(const void *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		if (((const uint8_t *)p)[i] != (uint8_t)(seed + i * 7))
			return false;
	return true;
}

/*
 * A device that reaches ZONE_DMA only: buffers above it are bounced. The
 * "device" reads and writes the bounce slot at the handle (lowmem), and
 * the data must arrive in the buffer each way, whole or synced in part.
 */
static void bounce_beyond_the_mask(struct ktest *t)
{
	struct device dev = test_dev();
	struct page *pg = alloc_page(GFP_KERNEL), *hp = alloc_page(GFP_HIGHUSER);
	unsigned used, total, mappings = dma_debug_nr_mappings();
	uint32_t mask = dma_zone_mask();
	uint8_t *buf, *slot;
	dma_addr_t h;

	KASSERT_TRUE(t, pg && hp);
	swiotlb_stats(&used, &total);
	KEXPECT_EQ(t, used, 0);
	if (!total || page_to_phys(pg) <= mask) {
		__free_page(pg);
		__free_page(hp);
		ktest_skip(t, "no bounce pool, or no lowmem above ZONE_DMA");
		return;
	}
	KASSERT_EQ(t, dma_set_mask(&dev, mask), 0);
	buf = page_address(pg);

	/* To the device: the slot holds the buffer's bytes, at a reachable address. */
	fill(buf, PAGE_SIZE, 1);
	h = dma_map_single(&dev, buf, PAGE_SIZE, DMA_TO_DEVICE);
	KASSERT_EQ(t, dma_mapping_error(&dev, h), 0);
	KEXPECT_TRUE(t, h != page_to_phys(pg) && h + PAGE_SIZE - 1 <= mask);
	slot = __va(h);
	KEXPECT_TRUE(t, filled(slot, PAGE_SIZE, 1));
	swiotlb_stats(&used, &total);
	KEXPECT_EQ(t, used, PAGE_SIZE / 2048);
	dma_unmap_single(&dev, h, PAGE_SIZE, DMA_TO_DEVICE);

	/* From the device: what it wrote into the slot is in the buffer after unmap. */
	memset(buf, 0xaa, PAGE_SIZE);
	h = dma_map_single(&dev, buf, PAGE_SIZE, DMA_FROM_DEVICE);
	KASSERT_EQ(t, dma_mapping_error(&dev, h), 0);
	slot = __va(h);
	fill(slot, PAGE_SIZE, 2);
	dma_unmap_single(&dev, h, PAGE_SIZE, DMA_FROM_DEVICE);
	KEXPECT_TRUE(t, filled(buf, PAGE_SIZE, 2));

	/* Both ways, synced in part: only the synced bytes move. */
	memset(buf, 0x11, PAGE_SIZE);
	h = dma_map_single(&dev, buf, PAGE_SIZE, DMA_BIDIRECTIONAL);
	slot = __va(h);
	KEXPECT_EQ(t, slot[0], 0x11);
	memset(slot, 0x22, PAGE_SIZE);
	dma_sync_single_for_cpu(&dev, h + 2100, 50, DMA_BIDIRECTIONAL);
	KEXPECT_EQ(t, buf[2099], 0x11);
	KEXPECT_EQ(t, buf[2100], 0x22);
	KEXPECT_EQ(t, buf[2149], 0x22);
	KEXPECT_EQ(t, buf[2150], 0x11);
	buf[3000] = 0x33;
	dma_sync_single_for_device(&dev, h, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KEXPECT_EQ(t, slot[3000], 0x33);
	KEXPECT_EQ(t, slot[0], 0x11); /* the whole buffer went to the device again */
	dma_unmap_single(&dev, h, PAGE_SIZE, DMA_BIDIRECTIONAL);

	/* A highmem page bounces through kmap. */
	if (PageHighMem(hp)) {
		uint8_t *k = kmap_atomic(hp);

		fill(k, PAGE_SIZE, 3);
		kunmap_atomic(k);
		h = dma_map_page(&dev, hp, 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
		KASSERT_EQ(t, dma_mapping_error(&dev, h), 0);
		KEXPECT_TRUE(t, h + PAGE_SIZE - 1 <= mask);
		KEXPECT_TRUE(t, filled(__va(h), PAGE_SIZE, 3));
		fill(__va(h), PAGE_SIZE, 4);
		dma_unmap_page(&dev, h, PAGE_SIZE, DMA_BIDIRECTIONAL);
		k = kmap_atomic(hp);
		KEXPECT_TRUE(t, filled(k, PAGE_SIZE, 4));
		kunmap_atomic(k);
	}
	swiotlb_stats(&used, &total);
	KEXPECT_EQ(t, used, 0);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);
	KEXPECT_EQ(t, kmap_atomic_depth(), 0);
	__free_page(pg);
	__free_page(hp);
}

/* A full bounce pool: the mapping fails cleanly, and works again once a slot is back. */
static void full_bounce_pool_fails_cleanly(struct ktest *t)
{
	struct device dev = test_dev();
	struct page *pg = alloc_pages(GFP_KERNEL, 4); /* 64 KB */
	unsigned used, total, n = 0, mappings = dma_debug_nr_mappings();
	dma_addr_t h[16];

	KASSERT_TRUE(t, pg != NULL);
	swiotlb_stats(&used, &total);
	if (!total || page_to_phys(pg) <= dma_zone_mask()) {
		__free_pages(pg, 4);
		ktest_skip(t, "no bounce pool, or no lowmem above ZONE_DMA");
		return;
	}
	KASSERT_EQ(t, dma_set_mask(&dev, dma_zone_mask()), 0);
	/* 64 KB mappings until one fails: exactly the pool's slots of 2 KB, 32 each. */
	while (n < ARRAY_SIZE(h)) {
		h[n] = dma_map_single(&dev, page_address(pg), 16 * PAGE_SIZE, DMA_TO_DEVICE);
		if (dma_mapping_error(&dev, h[n]))
			break;
		n++;
	}
	KEXPECT_EQ(t, n, total / 32);
	KEXPECT_EQ(t, dma_mapping_error(&dev, h[n]), -ENOMEM);
	swiotlb_stats(&used, &total);
	KEXPECT_EQ(t, used, total);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings + n);
	dma_unmap_single(&dev, h[0], 16 * PAGE_SIZE, DMA_TO_DEVICE);
	h[0] = dma_map_single(&dev, page_address(pg), 16 * PAGE_SIZE, DMA_TO_DEVICE);
	KEXPECT_EQ(t, dma_mapping_error(&dev, h[0]), 0);
	for (unsigned i = 0; i < n; i++)
		dma_unmap_single(&dev, h[i], 16 * PAGE_SIZE, DMA_TO_DEVICE);
	swiotlb_stats(&used, &total);
	KEXPECT_EQ(t, used, 0);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);
	__free_pages(pg, 4);
}

/* Every misuse is reported once, counted, and changes nothing. */
static void misuse_is_reported(struct ktest *t)
{
	struct device dev = test_dev(), other = { .name = "test-dma-2" }, nomask = test_dev();
	struct page *pg = alloc_page(GFP_KERNEL), *top = pfn_to_page(max_pfn - 1);
	unsigned mappings = dma_debug_nr_mappings();
	uint32_t misuse = vm_stats.misuse;
	struct scatterlist sg[2];
	void *v = vmalloc(PAGE_SIZE), *buf;
	dma_addr_t h, h2;
	int expect = 0;

	KASSERT_TRUE(t, pg && v);
	KASSERT_EQ(t, dma_set_mask(&dev, DMA_BIT_MASK(32)), 0);
	KASSERT_EQ(t, dma_set_mask(&other, DMA_BIT_MASK(32)), 0);
	KEXPECT_EQ(t, dma_set_mask(&dev, 0xffff), -EIO); /* below the bounce pool */
	KEXPECT_EQ(t, dev.dma_mask, DMA_BIT_MASK(32));   /* unchanged */
	buf = page_address(pg);

	/* Maps refused: no mask, bad direction, size 0, past 4 GB, not the direct map. */
	KEXPECT_EQ(t, dma_map_single(&nomask, buf, 64, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	KEXPECT_EQ(t, dma_map_single(&dev, buf, 64, DMA_NONE), DMA_MAPPING_ERROR);
	KEXPECT_EQ(t, dma_map_single(&dev, buf, 0, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	KEXPECT_EQ(t, dma_map_page(&dev, top, 0, 0xffffffffu, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	KEXPECT_EQ(t, dma_map_page(&dev, top, 0, 2 * PAGE_SIZE, DMA_TO_DEVICE),
		   DMA_MAPPING_ERROR); /* runs past the end of RAM */
	KEXPECT_EQ(t, dma_map_single(&dev, v, 64, DMA_TO_DEVICE), DMA_MAPPING_ERROR);
	expect += 6;
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);

	/* Unmaps refused: never mapped, another device, size, direction, function. */
	h = dma_map_single(&dev, buf, 256, DMA_FROM_DEVICE);
	KASSERT_EQ(t, dma_mapping_error(&dev, h), 0);
	dma_unmap_single(&dev, h + 4096, 256, DMA_FROM_DEVICE);
	dma_unmap_single(&other, h, 256, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, h, 128, DMA_FROM_DEVICE);
	dma_unmap_single(&dev, h, 256, DMA_TO_DEVICE);
	sg_init_table(sg, 1);
	sg[0].page = pg;
	sg[0].length = 256;
	sg[0].dma_address = h;
	sg[0].dma_length = 256;
	dma_unmap_sg(&dev, sg, 1, DMA_FROM_DEVICE); /* a single mapping through the sg call */
	expect += 5;
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings + 1); /* still mapped */

	/* Syncs refused: outside the mapping, the other way, never mapped. */
	dma_sync_single_for_cpu(&dev, h + 200, 100, DMA_FROM_DEVICE);
	dma_sync_single_for_cpu(&dev, h, 256, DMA_TO_DEVICE);
	dma_sync_single_for_device(&dev, h + 8192, 16, DMA_FROM_DEVICE);
	expect += 3;
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	dma_sync_single_for_cpu(&dev, h + 100, 156, DMA_FROM_DEVICE); /* inside: fine */
	dma_unmap_single(&dev, h, 256, DMA_FROM_DEVICE);              /* the right unmap works */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);

	/* An sg list unmapped with another entry count. */
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], buf, 64);
	sg_set_buf(&sg[1], (char *)buf + 1024, 64);
	KEXPECT_EQ(t, dma_map_sg(&dev, sg, 0, DMA_TO_DEVICE), 0);  /* no entries */
	KEXPECT_EQ(t, dma_map_sg(&dev, sg, -1, DMA_TO_DEVICE), 0); /* a negative count */
	KEXPECT_EQ(t, dma_map_sg(&dev, sg, 3, DMA_TO_DEVICE), 0);  /* more than the list has */
	expect += 3;
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);
	KEXPECT_EQ(t, dma_map_sg(&dev, sg, 2, DMA_TO_DEVICE), 2);
	dma_unmap_sg(&dev, sg, 1, DMA_TO_DEVICE);
	dma_unmap_single(&dev, sg_dma_address(&sg[0]), 64, DMA_TO_DEVICE); /* wrong function */
	expect += 2;
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	dma_unmap_sg(&dev, sg, 2, DMA_TO_DEVICE);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);

	/* A driver letting its device go with two mappings held: one report, both forgotten. */
	h = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	h2 = dma_map_single(&dev, (char *)buf + 2048, 64, DMA_FROM_DEVICE);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings + 2);
	KEXPECT_EQ(t, dma_debug_device_release(&dev), 2);
	expect += 1;
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	KEXPECT_EQ(t, dma_debug_nr_mappings(), mappings);
	KEXPECT_EQ(t, dma_debug_device_release(&dev), 0);
	(void)h2;
	KEXPECT_EQ(t, vm_stats.misuse, misuse + expect);
	vfree(v);
	__free_page(pg);
}

/*
 * A pool of 100-byte blocks aligned to 32 that never cross 1 KB: each block's
 * handle is what the MMU gives for its address, blocks are distinct and
 * keep their data, misuse is reported, and destroying gives every page back.
 */
static void dma_pool_blocks(struct ktest *t)
{
	struct device dev = test_dev();
	enum {
		N = 70
	};
	void *blk[N];
	dma_addr_t h[N];
	uint32_t misuse, before = settled_vmalloc_free_pages();
	unsigned bad = 0;
	struct dma_pool *pool;
	struct pt_walk w;

	dev.coherent_dma_mask = DMA_BIT_MASK(32);
	misuse = vm_stats.misuse;
	KEXPECT_TRUE(t, dma_pool_create("bad", &dev, 0, 8, 0) == NULL);
	KEXPECT_TRUE(t, dma_pool_create("bad", &dev, 64, 24, 0) == NULL);
	KEXPECT_TRUE(t, dma_pool_create("bad", &dev, 64, 8, 32) == NULL);
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 3);
	pool = dma_pool_create("test-pool", &dev, 100, 32, 1024);
	KASSERT_TRUE(t, pool != NULL);
	for (unsigned i = 0; i < N; i++) {
		blk[i] = i % 2 ? dma_pool_zalloc(pool, GFP_KERNEL, &h[i])
			       : dma_pool_alloc(pool, GFP_KERNEL, &h[i]);
		KASSERT_TRUE(t, blk[i] != NULL);
		bad += h[i] != mmu_pa((uint32_t)blk[i]);
		bad += (uint32_t)blk[i] % 32 != 0;
		bad += h[i] / 1024 != (h[i] + 99) / 1024;
		if (i % 2)
			for (unsigned b = 0; b < 100; b++)
				bad += ((uint8_t *)blk[i])[b] != 0;
		memset(blk[i], (int)i, 100);
	}
	for (unsigned i = 0; i < N; i++)
		for (unsigned b = 0; b < 100; b++)
			bad += ((uint8_t *)blk[i])[b] != (uint8_t)i;
	KEXPECT_EQ(t, bad, 0);
	mmu_walk_live((uint32_t)blk[0], &w);
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_NORMAL_NC); /* coherent: not cached */

	misuse = vm_stats.misuse;
	dma_pool_free(pool, blk[5], h[5] + 4);             /* wrong handle */
	dma_pool_free(pool, (char *)blk[5] + 4, h[5] + 4); /* not a block's start */
	dma_pool_free(pool, &bad, 0);                      /* not the pool's */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 3);
	for (unsigned i = 0; i < N; i += 2)
		dma_pool_free(pool, blk[i], h[i]);
	dma_pool_free(pool, blk[0], h[0]); /* twice */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 4);
	for (unsigned i = 1; i < N; i += 2)
		dma_pool_free(pool, blk[i], h[i]);
	dma_pool_destroy(pool);
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 4);
	KEXPECT_EQ(t, settled_vmalloc_free_pages(), before);

	/* Blocks of 96 bytes (not a power of two) under a 256-byte boundary: two per 256. */
	pool = dma_pool_create("test-96", &dev, 96, 32, 256);
	KASSERT_TRUE(t, pool != NULL);
	for (unsigned i = 0; i < 10; i++) {
		blk[i] = dma_pool_alloc(pool, GFP_KERNEL, &h[i]);
		KASSERT_TRUE(t, blk[i] != NULL);
		bad += h[i] != mmu_pa((uint32_t)blk[i]);
		bad += h[i] / 256 != (h[i] + 95) / 256;
		bad += h[i] % 256 != 0 && h[i] % 256 != 96;
	}
	KEXPECT_EQ(t, bad, 0);
	dma_pool_free(pool, (char *)blk[0] + 32, h[0] + 32); /* inside a block */
	for (unsigned i = 0; i < 10; i++)
		dma_pool_free(pool, blk[i], h[i]);
	dma_pool_free(pool, blk[3], h[3]); /* twice */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 6);
	dma_pool_destroy(pool);
	KEXPECT_EQ(t, settled_vmalloc_free_pages(), before);

	/* Destroyed with a block in use: reported, and its chunk stays mapped (the device may write). */
	pool = dma_pool_create("test-busy", &dev, 64, 0, 0);
	KASSERT_TRUE(t, pool != NULL);
	blk[0] = dma_pool_alloc(pool, GFP_KERNEL, &h[0]);
	KASSERT_TRUE(t, blk[0] != NULL);
	dma_pool_destroy(pool);
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 7);
	KEXPECT_EQ(t, mmu_pa((uint32_t)blk[0]), h[0]);
	/* The test knows the chunk is that one page: give it back by hand. */
	dma_free_coherent(&dev, PAGE_SIZE, (void *)((uint32_t)blk[0] & PAGE_MASK),
			  h[0] & PAGE_MASK);
	KEXPECT_EQ(t, settled_vmalloc_free_pages(), before);
}

static const struct ktest_case dma_cases[] = {
	KTEST_CASE(map_single_each_direction),
	KTEST_CASE(unaligned_edges_are_cleaned),
	KTEST_CASE(highmem_pages_through_kmap),
	KTEST_CASE(last_page_of_ram),
	KTEST_CASE(scatterlist_across_zones),
	KTEST_CASE(bounce_beyond_the_mask),
	KTEST_CASE_REPORTS(full_bounce_pool_fails_cleanly),
	KTEST_CASE_REPORTS(misuse_is_reported),
	KTEST_CASE_REPORTS(dma_pool_blocks),
};
KTEST_SUITE("dma", dma_cases);

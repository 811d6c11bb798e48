/*
 * Kernel virtual memory on target: vmalloc contiguity and scatter checked
 * by the walker and the MMU, the guard page really faults, vfree gives
 * every page back; every highmem page through kmap_atomic; kmap beyond
 * the pkmap entries with lazy flushing; ioremap and the resource tree;
 * DMA-coherent memory; every misuse reported; vmalloc= and mem= results.
 */
#include "asm/sections.h"
#include "asm/cp15.h"
#include "asm/io.h"
#include "asm/mmu.h"
#include "asm/traps.h"
#include "board.h"
#include "cmdline.h"
#include "devtree.h"
#include "dma-mapping.h"
#include "errno.h"
#include "highmem.h"
#include "ioport.h"
#include "memblock.h"
#include "printk.h"
#include "ram.h"
#include "string.h"
#include "vmalloc.h"
#include "pl011.h"
#include "mm/buddy/buddy.h"
#include "ktest.h"
#include "test_util.h"

static unsigned l2_tables_in_use(void)
{
	unsigned in_use, free;

	pt_pool_stats(&in_use, &free);
	return in_use;
}

static void vmalloc_sizes(struct ktest *t)
{
	static const unsigned counts[] = { 1, 16, 1000 };
	uint32_t free_before = settled_vmalloc_free_pages();
	unsigned areas_before = vmalloc_nr_areas(), kept_before = pt_kept_tables();
	unsigned l2_before = l2_tables_in_use();
	const struct zone *hz = &zones[ZONE_HIGHMEM];

	for (unsigned c = 0; c < ARRAY_SIZE(counts); c++) {
		unsigned n = counts[c], scattered = 0, highmem = 0, wrong_pa = 0;
		uint32_t *p = vmalloc(n * PAGE_SIZE);
		uint32_t base, prev_pa = 0;
		unsigned before;
		uint32_t v;

		KASSERT_TRUE(t, p != NULL);
		base = (uint32_t)p;
		KEXPECT_TRUE(t, base >= vmalloc_start && base + n * PAGE_SIZE <= VMALLOC_END);
		for (unsigned i = 0; i < n; i++) {
			struct pt_walk w;
			uint32_t va = base + i * PAGE_SIZE;

			mmu_walk_live(va, &w);
			KEXPECT_EQ(t, w.kind, PT_SMALL);
			wrong_pa += mmu_pa(va) != (uint32_t)w.pa;
			highmem += PageHighMem(pfn_to_page((uint32_t)(w.pa >> PAGE_SHIFT)));
			if (i && w.pa != prev_pa + PAGE_SIZE)
				scattered++;
			prev_pa = (uint32_t)w.pa;
		}
		KEXPECT_EQ(t, wrong_pa, 0);
		/* Highmem is preferred: a lower zone only once highmem is down to its reserve. */
		if (hz->managed && highmem < n)
			KEXPECT_TRUE(t, zone_free_pages(hz) <= hz->wmark_min);
		/* Write every word, read it back. */
		for (unsigned i = 0; i < n * PAGE_SIZE / 4; i++)
			p[i] = i ^ 0x5a5a5a5a;
		unsigned bad = 0;
		for (unsigned i = 0; i < n * PAGE_SIZE / 4; i++)
			bad += p[i] != (i ^ 0x5a5a5a5a);
		KEXPECT_EQ(t, bad, 0);
		/* One word past the end is the guard page. */
		before = last_fault.count;
		KEXPECT_EQ(t, probe_write32((void *)(base + n * PAGE_SIZE), 1), -EFAULT);
		KEXPECT_EQ(t, last_fault.count, before + 1);
		KEXPECT_EQ(t, last_fault.far, base + n * PAGE_SIZE);
		ktest_log("vmalloc(%u pages) at %08x: %u discontinuities, %u highmem pages", n,
			  base, scattered, highmem);
		vfree(p);
		KEXPECT_EQ(t, probe_read32((void *)base, &v), -EFAULT); /* gone */
		KEXPECT_EQ(t, probe_read32((void *)(base + (n - 1) * PAGE_SIZE), &v), -EFAULT);
	}
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas_before);
	KEXPECT_EQ(t, vmalloc_check(), 0);
	/* 1000 pages need new L2 tables; each one made is kept, and nothing else stays in use. */
	ktest_log("%u L2 tables kept after vfree", pt_kept_tables() - kept_before);
	KEXPECT_TRUE(t, pt_kept_tables() > kept_before);
	KEXPECT_EQ(t, l2_tables_in_use() - l2_before, pt_kept_tables() - kept_before);
	/* With the kept tables and areas given back, every page is back. */
	KEXPECT_EQ(t, settled_vmalloc_free_pages(), free_before);
	KEXPECT_EQ(t, pt_kept_tables(), kept_before);
}

/*
 * vfree keeps a small area's range for the next vmalloc of its size: gone
 * for every lookup and access (a second vfree is misuse), taken back by
 * the next vmalloc of that size, given back by purge_vmap_area_lazy().
 */
static void freed_area_is_reused(struct ktest *t)
{
	unsigned areas = vmalloc_nr_areas();
	uint32_t *a = vmalloc(2 * PAGE_SIZE), *b, misuse, v, free_bytes;

	KASSERT_TRUE(t, a != NULL);
	a[0] = 1;
	vfree(a);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	KEXPECT_TRUE(t, find_vm_area(a) == NULL);
	KEXPECT_EQ(t, probe_read32(a, &v), -EFAULT);
	misuse = vm_stats.misuse;
	vfree(a); /* freed twice */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 1);
	b = vmalloc(2 * PAGE_SIZE);
	KASSERT_TRUE(t, b != NULL);
	KEXPECT_PTR_EQ(t, b, a);
	KEXPECT_EQ(t, mmu_pa((uint32_t)b + PAGE_SIZE), page_to_phys(find_vm_area(b)->pages[1]));
	vfree(b);
	free_bytes = vmalloc_free_bytes();
	purge_vmap_area_lazy(); /* the range is free again */
	KEXPECT_TRUE(t, vmalloc_free_bytes() >= free_bytes + 3 * PAGE_SIZE);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	KEXPECT_EQ(t, vmalloc_check(), 0);
}

static void vzalloc_and_vmap(struct ktest *t)
{
	uint32_t *z = vzalloc(3 * PAGE_SIZE + 100), *m;
	struct page *pages[4];
	unsigned nonzero = 0;

	KASSERT_TRUE(t, z != NULL);
	for (unsigned i = 0; i < (3 * PAGE_SIZE + 100) / 4; i++)
		nonzero += z[i] != 0;
	KEXPECT_EQ(t, nonzero, 0);
	vfree(z);

	for (unsigned i = 0; i < 4; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KASSERT_TRUE(t, pages[i] != NULL);
		*(uint32_t *)page_address(pages[i]) = 0xab000000 + i;
	}
	m = vmap(pages, 4, PAGE_KERNEL);
	KASSERT_TRUE(t, m != NULL);
	for (unsigned i = 0; i < 4; i++) {
		KEXPECT_EQ(t, m[i * PAGE_SIZE / 4], 0xab000000 + i);
		KEXPECT_EQ(t, mmu_pa((uint32_t)m + i * PAGE_SIZE), page_to_phys(pages[i]));
	}
	KEXPECT_TRUE(t, find_vm_area(m) && find_vm_area(m)->kind == VM_MAP);
	vunmap(m);
	KEXPECT_EQ(t, mmu_pa((uint32_t)m), ~0u);
	for (unsigned i = 0; i < 4; i++)
		__free_page(pages[i]);
}

/* Every highmem page, once, through kmap_atomic: the MMU maps the right frame, data stays. */
static void every_highmem_page_via_kmap_atomic(struct ktest *t)
{
	struct zone *z = &zones[ZONE_HIGHMEM];
	LIST_HEAD_DEFINE(held);
	struct page *p, *n;
	unsigned pages = 0, wrong_pa = 0, bad = 0;

	if (!z->managed) {
		ktest_skip(t, "no highmem on this boot");
		return;
	}
	drain_all_pages();
	while ((p = zone_alloc(z, 0, MIGRATE_MOVABLE, ALLOC_NO_WMARKS))) {
		list_add(&p->lru, &held);
		pages++;
	}
	KEXPECT_EQ(t, pages, z->managed);
	list_for_each_entry (p, &held, lru) {
		uint32_t *va = kmap_atomic(p);

		wrong_pa += mmu_pa((uint32_t)va) != page_to_phys(p);
		va[0] = page_to_pfn(p);
		va[PAGE_SIZE / 4 - 1] = ~page_to_pfn(p);
		kunmap_atomic(va);
	}
	list_for_each_entry (p, &held, lru) {
		uint32_t *va = kmap_atomic(p);

		bad += va[0] != page_to_pfn(p) || va[PAGE_SIZE / 4 - 1] != ~page_to_pfn(p);
		kunmap_atomic(va);
	}
	list_for_each_entry_safe (p, n, &held, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	ktest_log("%u highmem pages written and read back through kmap_atomic", pages);
	KEXPECT_EQ(t, wrong_pa, 0);
	KEXPECT_EQ(t, bad, 0);
	KEXPECT_EQ(t, kmap_atomic_depth(), 0);
}

/*
 * kmap more often than there are pkmap entries: each mapping points at the
 * right page, page_address follows it, and an entry is only reused after
 * the TLB flush that comes with wrapping around the area. Only more
 * distinct highmem pages than entries make kmap wrap (a page still in the
 * area is found there again): up to KMAP_PAGES of them, as many as highmem
 * gives above its reserve; a boot with fewer skips.
 */
#define KMAP_PAGES 600

/* va's page as the MMU maps it (ATS1CPR), as a PFN, or ~0 when it faults. */
static uint32_t mmu_pfn(const void *va)
{
	uint32_t pa = mmu_pa((uint32_t)va);

	return pa == ~0u ? ~0u : pa >> PAGE_SHIFT;
}

/*
 * One moment of the two windows, while pages[0] is kmapped twice: two more
 * kmaps and two nested kmap_atomics held, each checked against the MMU;
 * the named fixmap slots as the MMU maps them; and which pkmap entries
 * still have a PTE (held, or released and waiting for the next flush).
 */
static void show_windows(struct ktest *t, struct page **pages)
{
	unsigned cpu = smp_processor_id(), n = 0, runs = 0;
	void *va[3] = { kmap_high_address(pages[0]), kmap(pages[1]), kmap(pages[2]) };
	void *at[2] = { kmap_atomic(pages[3]), NULL };
	char list[160];
	int len = 0;

	at[1] = kmap_atomic(pages[4]);
	ktest_log("pkmap %08lx-%08lx (%u entries), fixmap %08lx-%08lx: kmap_atomic slots "
		  "%08lx-%08lx (%u a CPU, %u CPUs), CPU %u's from %08x",
		  PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, LAST_PKMAP, FIXADDR_START,
		  FIXADDR_END, __fix_to_virt(FIX_KMAP_BEGIN), __fix_to_virt(FIX_KMAP_END + 1),
		  KM_TYPE_NR, NR_CPUS, cpu, (uint32_t)kmap_slots[cpu].base);
	for (unsigned i = 0; i < 3; i++) {
		KEXPECT_EQ(t, mmu_pfn(va[i]), page_to_pfn(pages[i]));
		ktest_log("kmap pfn %05x at %08x (entry %u, users %u)", mmu_pfn(va[i]),
			  (uint32_t)va[i], (unsigned)(((uint32_t)va[i] - PKMAP_BASE) >> PAGE_SHIFT),
			  kmap_count(pages[i]));
	}
	for (unsigned i = 0; i < 2; i++) {
		KEXPECT_EQ(t, mmu_pfn(at[i]), page_to_pfn(pages[3 + i]));
		ktest_log("kmap_atomic pfn %05x at %08x (FIX_KMAP_BEGIN + %u)", mmu_pfn(at[i]),
			  (uint32_t)at[i], (unsigned)(__virt_to_fix(at[i]) - FIX_KMAP_BEGIN));
	}
	KEXPECT_EQ(t, kmap_atomic_depth(), 2);
	/* The other CPUs are idle in the scheduler: their stacks are read, not changing. */
	len = 0;
	for (unsigned c = 0; c < NR_CPUS; c++)
		if (cpu_online_mask() & 1u << c)
			len += snprintf(list + len, sizeof(list) - (size_t)len, "%sCPU %u: %u",
					len ? ", " : " ", c, READ_ONCE(kmap_slots[c].depth));
	ktest_log("kmap_atomic slots in use:%s", list);
	len = 0;
	/* The named slots; FIX_EARLYCON was cleared when the console moved to its ioremap. */
	for (unsigned idx = 0; idx < FIX_KMAP_BEGIN; idx++) {
		static const char *const names[FIX_KMAP_BEGIN] = {
			[FIX_EARLYCON] = "FIX_EARLYCON",
			[FIX_BENCH_TIMER] = "FIX_BENCH_TIMER",
		};
		uint32_t pfn = mmu_pfn((void *)__fix_to_virt(idx));

		if (idx == FIX_EARLYCON)
			KEXPECT_TRUE(t, pfn == ~0u || pfn == board.uart_phys >> PAGE_SHIFT);
		if (pfn == ~0u)
			ktest_log("%s at %08lx: no PTE", names[idx], __fix_to_virt(idx));
		else
			ktest_log("%s at %08lx -> pfn %05x", names[idx], __fix_to_virt(idx), pfn);
	}
	/* Runs of pkmap entries the MMU still translates. */
	list[0] = 0;
	for (unsigned i = 0, start = 0, prev = 0; i <= LAST_PKMAP; i++) {
		unsigned mapped = i < LAST_PKMAP &&
				  mmu_pfn((void *)(PKMAP_BASE + i * PAGE_SIZE)) != ~0u;

		if (mapped && !prev)
			start = i;
		if (!mapped && prev) {
			runs++;
			if (len < (int)sizeof(list) - 12)
				len += snprintf(list + len, sizeof(list) - (size_t)len, " %u-%u",
						start, i - 1);
		}
		n += mapped;
		prev = mapped;
	}
	ktest_log("pkmap entries with a PTE: %u in %u runs:%s", n, runs, list);
	KEXPECT_TRUE(t, n >= 3);
	kunmap_atomic(at[1]);
	kunmap_atomic(at[0]);
	kunmap(pages[2]);
	kunmap(pages[1]);
}
_Static_assert(KMAP_PAGES > LAST_PKMAP, "kmap must wrap");

static void kmap_wraps_with_lazy_flush(struct ktest *t)
{
	static struct page *pages[KMAP_PAGES];
	static unsigned released_at[LAST_PKMAP]; /* flush count when the entry was released */
	static struct page *entry_page[LAST_PKMAP];
	unsigned flushes_before = kmap_flushes(), wrong = 0, early_reuse = 0, got;

	if (!zones[ZONE_HIGHMEM].managed) {
		ktest_skip(t, "no highmem on this boot");
		return;
	}
	memset(entry_page, 0, sizeof(entry_page));
	for (got = 0; got < KMAP_PAGES; got++) {
		pages[got] = alloc_page(GFP_HIGHUSER | __GFP_NOWARN);
		KASSERT_TRUE(t, pages[got] != NULL);
		if (!PageHighMem(pages[got])) {
			__free_page(pages[got]);
			break;
		}
	}
	if (got <= LAST_PKMAP) {
		for (unsigned i = 0; i < got; i++)
			__free_page(pages[i]);
		ktest_log("highmem gives %u pages (%u managed), more than %u needed", got,
			  zones[ZONE_HIGHMEM].managed, LAST_PKMAP);
		ktest_skip(t,
			   "fewer highmem pages than pkmap entries on this boot: kmap cannot wrap");
		return;
	}
	for (unsigned round = 0; round < 3 * got; round++) {
		struct page *p = pages[round % got];
		uint32_t *va = kmap(p);
		unsigned idx;

		KASSERT_TRUE(t, va != NULL);
		idx = ((uint32_t)va - PKMAP_BASE) >> PAGE_SHIFT;
		if (entry_page[idx] && entry_page[idx] != p && released_at[idx] == kmap_flushes())
			early_reuse++;
		entry_page[idx] = p;
		wrong += mmu_pa((uint32_t)va) != page_to_phys(p);
		wrong += page_address(p) != va;
		*va = round;
		uint32_t *check = kmap_atomic(p);
		wrong += *check != round;
		kunmap_atomic(check);
		kunmap(p);
		released_at[idx] = kmap_flushes();
	}
	ktest_log("%u kmaps of %u pages over %u entries: %u flushes", 3 * got, got, LAST_PKMAP,
		  kmap_flushes() - flushes_before);
	KEXPECT_EQ(t, wrong, 0);
	KEXPECT_EQ(t, early_reuse, 0);
	KEXPECT_TRUE(t, kmap_flushes() > flushes_before);
	/* Nested kmaps of one page share an entry and count their users. */
	void *a = kmap(pages[0]), *b = kmap(pages[0]);
	KEXPECT_PTR_EQ(t, a, b);
	KEXPECT_EQ(t, kmap_count(pages[0]), 2);
	show_windows(t, pages);
	kunmap(pages[0]);
	kunmap(pages[0]);
	KEXPECT_EQ(t, kmap_count(pages[0]), 0);
	for (unsigned i = 0; i < got; i++)
		__free_page(pages[i]);
}

/* The console already writes through an ioremap of the claimed UART. */
static void console_uses_ioremap(struct ktest *t)
{
	uint32_t base = (uint32_t)pl011_console_base();
	struct vm_struct *vm = find_vm_area((void *)(base & PAGE_MASK));
	const struct resource *r = lookup_resource(board_uart_phys());
	struct pt_walk w;

	KASSERT_TRUE(t, vm != NULL);
	KEXPECT_EQ(t, vm->kind, VM_IOREMAP);
	KEXPECT_EQ(t, mmu_pa(base), board_uart_phys());
	mmu_walk_live(base, &w);
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_DEVICE);
	KEXPECT_TRUE(t, !(w.prot & PROT_EXEC));
	KEXPECT_TRUE(t, r && !strcmp(r->name, "uart-pl011"));
	/* The UART's flag register reads as a PL011's: not BUSY once the line is out. */
	KEXPECT_EQ(t, readl((const volatile void *)(base + 0x18)) & 0x8, 0); /* BUSY clear */
	ktest_log("this line went out through the ioremap at %08x", base);
}

static void ioremap_sections_and_offsets(struct ktest *t)
{
	/* A 2 MB device window at a 1 MB aligned address maps with sections. */
	uint32_t phys = board_uart_phys() & ~(SZ_1M - 1);
	uint8_t *io = (uint8_t *)ioremap(phys, 2 * SZ_1M), *small;
	struct pt_walk w;

	KASSERT_TRUE(t, io != NULL);
	mmu_walk_live((uint32_t)io, &w);
	KEXPECT_EQ(t, w.kind, PT_SECTION);
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_DEVICE);
	KEXPECT_EQ(t, mmu_pa((uint32_t)io + (board_uart_phys() - phys)), board_uart_phys());
	iounmap(io);
	KEXPECT_EQ(t, mmu_pa((uint32_t)io), ~0u);
	/* The page offset is kept. */
	small = (uint8_t *)ioremap(board_uart_phys() + 0x18, 4);
	KASSERT_TRUE(t, small != NULL);
	KEXPECT_EQ(t, (uint32_t)small & ~PAGE_MASK, 0x18);
	KEXPECT_EQ(t, mmu_pa((uint32_t)small), board_uart_phys() + 0x18);
	iounmap(small);
	/* Write-combining is normal non-cacheable memory. */
	small = (uint8_t *)ioremap_wc(board_uart_phys(), PAGE_SIZE);
	KASSERT_TRUE(t, small != NULL);
	mmu_walk_live((uint32_t)small, &w);
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_NORMAL_NC);
	iounmap(small);
	KEXPECT_EQ(t, vmalloc_check(), 0);
}

/*
 * A one-page area kept after vfree or iounmap serves the next one-page
 * ioremap or vmalloc alike: the ioremap gets the kept range with a device
 * PTE (the MMU's answer), iounmap keeps it again, unmapped (the page
 * faults at once, so the TLB entry went too) and taken back by vmalloc
 * as normal memory. Misuse on it still reports, and nothing is left over.
 */
static void one_page_ioremap_reuses_kept_areas(struct ktest *t)
{
	unsigned areas = vmalloc_nr_areas();
	uint32_t misuse, v, phys = board_uart_phys();
	uint32_t *a = vmalloc(PAGE_SIZE), *b;
	char __iomem *io;
	struct pt_walk w;

	KASSERT_TRUE(t, a != NULL);
	purge_vmap_area_lazy(); /* none kept: vfree must keep a's, and ioremap take it */
	vfree(a);
	/* Through the one-page fast paths: the area is vfree's last one handed out. */
	b = vmalloc(PAGE_SIZE);
	KASSERT_TRUE(t, b != NULL);
	KEXPECT_PTR_EQ(t, b, a);
	b[0] = 1; /* the TLB now holds the normal-memory translation */
	vfree(b);
	io = ioremap(phys + 0x18, 4);
	KASSERT_TRUE(t, io != NULL);
	KEXPECT_PTR_EQ(t, io, (char *)a + 0x18);
	KEXPECT_EQ(t, mmu_pa((uint32_t)io), phys + 0x18);
	mmu_walk_live((uint32_t)io, &w);
	KEXPECT_EQ(t, w.kind, PT_SMALL);
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_DEVICE);
	KEXPECT_EQ(t, readl(io) & 0x8, 0); /* UARTFR.BUSY: the device answers */
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas + 1);
	KEXPECT_TRUE(t, find_vm_area(io - 0x18) && find_vm_area(io - 0x18)->kind == VM_IOREMAP);
	misuse = vm_stats.misuse;
	vfree(io - 0x18); /* not a vmalloc area, though the range was one */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 1);
	KEXPECT_EQ(t, mmu_pa((uint32_t)io), phys + 0x18);
	iounmap(io);
	KEXPECT_EQ(t, probe_read32(io, &v), -EFAULT);
	KEXPECT_EQ(t, mmu_pa((uint32_t)io), ~0u);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	iounmap(io); /* twice */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 2);
	b = vmalloc(PAGE_SIZE);
	KASSERT_TRUE(t, b != NULL);
	KEXPECT_PTR_EQ(t, b, a);
	mmu_walk_live((uint32_t)b, &w);
	KEXPECT_EQ(t, PROT_MT(w.prot), PROT_MT(PAGE_KERNEL));
	KEXPECT_EQ(t, mmu_pa((uint32_t)b), page_to_phys(find_vm_area(b)->pages[0]));
	b[0] = 2;
	KEXPECT_EQ(t, b[0], 2);
	vfree(b);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	KEXPECT_EQ(t, vmalloc_check(), 0);
}

static void resource_tree(struct ktest *t)
{
	struct resource *r;
	const struct resource *k = lookup_resource(__pa(_text));

	KEXPECT_TRUE(t, request_mem_region(board_uart_phys(), 0x100, "second-uart") == NULL);
	KEXPECT_TRUE(t, request_mem_region(PHYS_OFFSET + SZ_1M, PAGE_SIZE, "steal-ram") == NULL);
	KEXPECT_TRUE(t, k && !strcmp(k->name, "Kernel code") && k->parent &&
				!strcmp(k->parent->name, "System RAM"));
	/* A free device page next to the UART's (no driver claims it). */
	phys_addr_t dev = (board_uart_phys() & PAGE_MASK) + 2 * PAGE_SIZE;

	r = request_mem_region(dev, PAGE_SIZE, "test-dev");
	KASSERT_TRUE(t, r != NULL);
	KEXPECT_TRUE(t, lookup_resource(dev + 8) == r);
	KEXPECT_TRUE(t, request_mem_region(dev + 8, 4, "again") == NULL);
	release_mem_region(dev, PAGE_SIZE);
	KEXPECT_TRUE(t, lookup_resource(dev + 8) == NULL);
	r = request_mem_region(dev, PAGE_SIZE, "test-dev");
	KEXPECT_TRUE(t, r != NULL);
	release_mem_region(dev, PAGE_SIZE);
	iomem_show();
}

static void dma_coherent_is_uncached(struct ktest *t)
{
	struct device dev = { .name = "test-dma", .coherent_dma_mask = 0xffffffff };
	dma_addr_t handle;
	uint32_t *cpu = dma_alloc_coherent(&dev, 3 * PAGE_SIZE, &handle, GFP_KERNEL);
	struct pt_walk w;
	unsigned nonzero = 0;

	KASSERT_TRUE(t, cpu != NULL);
	KEXPECT_TRUE(t, (uint32_t)cpu >= CONSISTENT_BASE && (uint32_t)cpu < CONSISTENT_END);
	mmu_walk_live((uint32_t)cpu, &w);
	KEXPECT_EQ(t, PROT_MT(w.prot), MT_NORMAL_NC);
	KEXPECT_EQ(t, w.pa, handle);
	KEXPECT_EQ(t, mmu_pa((uint32_t)cpu), handle);
	KEXPECT_EQ(t, mmu_pa((uint32_t)cpu + 2 * PAGE_SIZE),
		   handle + 2 * PAGE_SIZE); /* contiguous */
	for (unsigned i = 0; i < 3 * PAGE_SIZE / 4; i++)
		nonzero += cpu[i] != 0;
	KEXPECT_EQ(t, nonzero, 0);
	cpu[5] = 0xd3a0d3a0;
	KEXPECT_EQ(t, *(volatile uint32_t *)((char *)__va(handle) + 20), 0xd3a0d3a0);
	dma_free_coherent(&dev, 3 * PAGE_SIZE, cpu, handle);
	KEXPECT_EQ(t, mmu_pa((uint32_t)cpu), ~0u);
}

/*
 * The one-page fast paths (a lazily kept one-page area, its PTE pointer
 * remembered, and vfree of the area handed out last without the hash):
 * the page is mapped and goes back to the buddy allocator, the PTE and
 * the TLB entry are gone after vfree, misuse is still reported whichever
 * area was handed out last, and the guard page stays.
 */
static void one_page_fast_paths(struct ktest *t)
{
	unsigned areas = vmalloc_nr_areas();
	uint32_t *a = vmalloc(PAGE_SIZE), *b, *c, misuse, v, free_pages;
	uint32_t pa;

	KASSERT_TRUE(t, a != NULL);
	a[0] = 1; /* in the TLB now */
	vfree(a);
	free_pages = nr_free_pages();
	b = vmalloc(PAGE_SIZE); /* the kept area, fast */
	KASSERT_TRUE(t, b != NULL);
	KEXPECT_PTR_EQ(t, b, a);
	KEXPECT_EQ(t, nr_free_pages(), free_pages - 1);
	pa = mmu_pa((uint32_t)b);
	KEXPECT_EQ(t, pa, page_to_phys(find_vm_area(b)->pages[0]));
	b[0] = 2;
	b[PAGE_SIZE / 4 - 1] = 3;
	KEXPECT_EQ(t, b[PAGE_SIZE / 4 - 1], 3);
	KEXPECT_EQ(t, probe_write32(b + PAGE_SIZE / 4, 1), -EFAULT); /* the guard page */
	misuse = vm_stats.misuse;
	vfree(b + 1); /* inside the area handed out last */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 1);
	KEXPECT_EQ(t, b[0], 2); /* still there */
	c = vmalloc(PAGE_SIZE);
	KASSERT_TRUE(t, c != NULL && c != b);
	free_pages = nr_free_pages();
	vfree(b);                                       /* not the one handed out last */
	KEXPECT_EQ(t, probe_read32(b, &v), -EFAULT);    /* PTE and TLB entry gone */
	KEXPECT_EQ(t, nr_free_pages(), free_pages + 1); /* the page is back */
	vfree(c);                                       /* the one handed out last */
	KEXPECT_EQ(t, probe_read32(c, &v), -EFAULT);
	KEXPECT_EQ(t, nr_free_pages(), free_pages + 2);
	KEXPECT_TRUE(t, find_vm_area(c) == NULL);
	vfree(c); /* freed twice */
	vfree(b);
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 3);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	KEXPECT_EQ(t, vmalloc_check(), 0);
	purge_vmap_area_lazy();
	c = vmalloc(PAGE_SIZE); /* after a purge: a fresh area */
	KASSERT_TRUE(t, c != NULL);
	c[0] = 4;
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas + 1);
	vfree(c);
	KEXPECT_EQ(t, probe_read32(c, &v), -EFAULT);
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 3);
	KEXPECT_EQ(t, vmalloc_check(), 0);
}

static void misuse_is_reported(struct ktest *t)
{
	uint32_t misuse = vm_stats.misuse;
	unsigned areas = vmalloc_nr_areas();
	struct device dev = { .name = "test-dma", .coherent_dma_mask = 0xffffffff };
	dma_addr_t handle;
	void *v = vmalloc(PAGE_SIZE), *io = ioremap(board_uart_phys(), PAGE_SIZE), *d, *k, *k2;
	struct page *hp = alloc_page(GFP_HIGHUSER);
	static uint32_t stack_like;

	KASSERT_TRUE(t, v && io && hp);
	d = dma_alloc_coherent(&dev, PAGE_SIZE, &handle, GFP_KERNEL);
	KASSERT_TRUE(t, d != NULL);
	areas = vmalloc_nr_areas();
	misuse = vm_stats.misuse;

	KEXPECT_TRUE(t, vmalloc(0) == NULL);
	KEXPECT_TRUE(t, vmalloc(0x40000000) == NULL); /* larger than the area */
	vfree(&stack_like);                           /* never returned */
	vfree((char *)v + PAGE_SIZE);                 /* inside / past an area */
	vfree(io);                                    /* an ioremap address */
	iounmap(v);                                   /* a vmalloc address */
	vunmap(v);
	KEXPECT_TRUE(t, ioremap(PHYS_OFFSET, PAGE_SIZE) == NULL);  /* managed RAM */
	KEXPECT_TRUE(t, ioremap(0xfffff000, 0x2000) == NULL);      /* wraps */
	dma_free_coherent(&dev, PAGE_SIZE, d, handle + PAGE_SIZE); /* wrong handle */
	KEXPECT_EQ(t, vm_stats.misuse, misuse + 10);
	if (PageHighMem(hp)) { /* kmap misuse needs a highmem page to map */
		void *slots[KM_MAX_IDX];

		kunmap(hp); /* kunmap without kmap */
		k = kmap_atomic(hp);
		k2 = kmap_atomic(hp);
		kunmap_atomic(k); /* out of order */
		kunmap_atomic(k2);
		kunmap_atomic(k);
		for (unsigned i = 0; i < KM_MAX_IDX; i++)
			slots[i] = kmap_atomic(hp);
		KEXPECT_TRUE(t, kmap_atomic(hp) == NULL); /* nesting beyond the slots */
		for (int i = KM_MAX_IDX - 1; i >= 0; i--)
			kunmap_atomic(slots[i]);
		KEXPECT_EQ(t, vm_stats.misuse, misuse + 13);
	}
	KEXPECT_EQ(t, kmap_atomic_depth(), 0);
	misuse = vm_stats.misuse;

	/* Nothing changed: the areas are all still there and work. */
	KEXPECT_EQ(t, vmalloc_nr_areas(), areas);
	KEXPECT_EQ(t, vmalloc_check(), 0);
	*(volatile uint32_t *)v = 7;
	KEXPECT_EQ(t, *(volatile uint32_t *)v, 7);
	vfree(v);
	iounmap(io);
	dma_free_coherent(&dev, PAGE_SIZE, d, handle);
	__free_page(hp);
	KEXPECT_EQ(t, vm_stats.misuse, misuse); /* the proper frees raised nothing */
	printk_expect_end(); /* the areas left, for the reader: not a report (docs/virtual-memory.md) */
	vmallocinfo_show();
	printk_expect_begin();
}

/* vmalloc= moves the end of lowmem; RAM above it is highmem. */
static void vmalloc_boot_argument(struct ktest *t)
{
	char arg[24];
	uint64_t vsize = 240u << 20;
	uint32_t ram = (uint32_t)memblock_total(&memblock.memory);
	uint32_t lowmem_size;

	if (cmdline_value("vmalloc", arg, sizeof(arg)))
		KASSERT_TRUE(t, parse_size(arg, &vsize));
	/* The end of lowmem is rounded down to 8 MB so the vmalloc area keeps its full size. */
	lowmem_size = min(ram, (uint32_t)(ALIGN_DOWN(VMALLOC_END - (uint32_t)vsize - VMALLOC_OFFSET,
						     VMALLOC_OFFSET) -
					  PAGE_OFFSET));
	KEXPECT_EQ(t, high_memory - PAGE_OFFSET, lowmem_size);
	KEXPECT_TRUE(t, VMALLOC_END - vmalloc_start >= vsize);
	KEXPECT_EQ(t, (zones[ZONE_HIGHMEM].spanned) << PAGE_SHIFT, ram - lowmem_size);
	KEXPECT_EQ(t, mmu_pa(high_memory - 4), PHYS_OFFSET + lowmem_size - 4);
	KEXPECT_EQ(t, mmu_pa(high_memory), ~0u);
	ktest_log("vmalloc=%lluM: lowmem %u MB, highmem %u MB, vmalloc area %u MB", vsize >> 20,
		  lowmem_size >> 20, (ram - lowmem_size) >> 20,
		  (unsigned)((VMALLOC_END - vmalloc_start) >> 20));
}

/* mem= leaves the top of RAM out of every zone; ioremap may then have it. */
static void mem_boot_argument(struct ktest *t)
{
	uint32_t ram = (uint32_t)memblock_total(&memblock.memory);
	uint32_t *top;
	phys_addr_t pa;

	if (ram >= ram_present()) {
		ktest_skip(t, "mem= not below the machine's RAM on this boot");
		return;
	}
	pa = PHYS_OFFSET + ram;
	KEXPECT_EQ(t, max_pfn, pa >> PAGE_SHIFT);
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		KEXPECT_TRUE(t, zones[i].start_pfn + zones[i].spanned <= max_pfn);
	top = (uint32_t *)ioremap_wc(pa, SZ_1M);
	KASSERT_TRUE(t, top != NULL);
	for (unsigned i = 0; i < SZ_1M / 4; i += 1024)
		top[i] = 0x70000000 + i;
	unsigned bad = 0;
	for (unsigned i = 0; i < SZ_1M / 4; i += 1024)
		bad += top[i] != 0x70000000 + i;
	KEXPECT_EQ(t, bad, 0);
	KEXPECT_EQ(t, mmu_pa((uint32_t)top), pa);
	iounmap(top);
	ktest_log("mem=%uM: RAM from %#x up is outside the allocator and was ioremapped", ram >> 20,
		  pa);
}

static const struct ktest_case vmalloc_cases[] = {
	KTEST_CASE(vmalloc_sizes),
	KTEST_CASE_REPORTS(freed_area_is_reused),
	KTEST_CASE_REPORTS(one_page_fast_paths),
	KTEST_CASE(vzalloc_and_vmap),
	KTEST_CASE(every_highmem_page_via_kmap_atomic),
	KTEST_CASE(kmap_wraps_with_lazy_flush),
	KTEST_CASE(console_uses_ioremap),
	KTEST_CASE(ioremap_sections_and_offsets),
	KTEST_CASE_REPORTS(one_page_ioremap_reuses_kept_areas),
	KTEST_CASE(resource_tree),
	KTEST_CASE(dma_coherent_is_uncached),
	KTEST_CASE_REPORTS(misuse_is_reported),
	KTEST_CASE(vmalloc_boot_argument),
	KTEST_CASE(mem_boot_argument),
};
KTEST_SUITE("vmalloc", vmalloc_cases);

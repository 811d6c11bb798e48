/*
 * gdbcheck: the kernel's half of the gdb self-test (scripts/gdb/test-gdb).
 *
 * Booted with "gdbcheck", the kernel walks a fixed set of virtual addresses
 * with mmu_walk_live() and prints one line per address, then stops in
 * gdb_checkpoint(), where the test's gdb session has a breakpoint. gdb runs
 * its own table walk (ptwalk in scripts/gdb/armv7mm.py) for every address
 * printed, and the test compares the two answers field by field. This
 * happens in two rounds: with TTBCR.N = 0 as the kernel runs, then with
 * TTBCR.N = 2 and a TTBR0 table of its own (see split_begin()). Per round:
 *
 *   gdbcheck: round R: TTBCR ... TTBR0 ... TTBR1 ...
 *   gdbcheck: va=VVVVVVVV kind=K lvl=L pa=PPPPPPPPPP l1=ADDR:DESC l2=ADDR:DESC
 *             ap=A texcb=TT dom=D attrs="pgprot_describe() text"   (one line)
 *   ...
 *   gdbcheck: ptdump begin / the kernel's ptdump / gdbcheck: ptdump end
 *   gdbcheck: round R done, N addresses
 *
 * and at the end "gdbcheck: done, 2 rounds of N addresses". kind is
 * pt_kind_name() with '-' for spaces; lvl is the level that ended the walk
 * (1 or 2); pa has 10 hex digits (supersections reach 40 bits); l2, pa, ap,
 * texcb and attrs are "-" when they do not apply. gdb's ptdump must match
 * the kernel's line by line.
 *
 * The kernel's own mappings are all global, domain 0 and privileged only,
 * so a few short-lived sample mappings near the top of the vmalloc area add
 * the attributes the kernel does not use yet (user access, nG and S apart,
 * other memory types and domains, a PA above 4 GB, neighbours that must
 * not merge). They exist only while gdb looks and are never accessed.
 */
#include "asm/sections.h"
#include "asm/cacheflush.h"
#include "asm/cp15.h"
#include "asm/memory.h"
#include "asm/mmu.h"
#include "board.h"
#include "cmdline.h"
#include "devtree.h"
#include "errno.h"
#include "init.h"
#include "kernel.h"
#include "printk.h"

CMDLINE_FLAG(gdbcheck, "walk sample addresses and stop for the gdb self-test");

/* The test's gdb session stops here; the asm keeps the call and the symbol. */
static __attribute__((noinline)) __used void gdb_checkpoint(void)
{
	__asm__ volatile("" ::: "memory");
}

/* ---- sample mappings ---- */

#define SAMPLE_BASE 0xfc000000u /* 16 MB aligned, inside vmalloc for any vmalloc= */

struct sample {
	uint32_t va;
	uint32_t pa_off; /* from the RAM base, or the UART for device types */
	uint32_t size;
	enum pt_kind max_kind;
	pgprot_t prot;
};

static const struct sample samples[] = {
	/* supersection: non-cacheable, user read-only, nG */
	{ SAMPLE_BASE, 0x02000000, SUPERSECTION_SIZE, PT_SUPERSECTION,
	  MT_NORMAL_NC | PROT_USER | PROT_NG },
	/* sections: device in domain 3; strongly-ordered, user read/write */
	{ SAMPLE_BASE + 0x01000000, 0, SECTION_SIZE, PT_SECTION,
	  MT_DEVICE | PROT_WRITE | PROT_DOMAIN(3) },
	{ SAMPLE_BASE + 0x01100000, 0, SECTION_SIZE, PT_SECTION,
	  MT_STRONGLY_ORDERED | PROT_WRITE | PROT_USER },
	/* one L2 table in domain 2: a large page and small pages */
	{ SAMPLE_BASE + 0x01200000, 0x00340000, LARGE_PAGE_SIZE, PT_LARGE,
	  MT_NORMAL | PROT_WRITE | PROT_USER | PROT_USER_RO | PROT_EXEC | PROT_NG |
		  PROT_DOMAIN(2) },
	{ SAMPLE_BASE + 0x01210000, 0x00abc000, SMALL_PAGE_SIZE, PT_SMALL,
	  MT_NORMAL | PROT_EXEC | PROT_NG | PROT_DOMAIN(2) },
	{ SAMPLE_BASE + 0x01212000, 0, SMALL_PAGE_SIZE, PT_SMALL,
	  MT_DEVICE | PROT_WRITE | PROT_USER | PROT_DOMAIN(2) },
	/* neighbours with equal attributes but apart in PA: two ptdump runs */
	{ SAMPLE_BASE + 0x01213000, 0x00def000, SMALL_PAGE_SIZE, PT_SMALL,
	  MT_NORMAL | PROT_WRITE | PROT_SHARED | PROT_DOMAIN(2) },
	{ SAMPLE_BASE + 0x01214000, 0x00123000, SMALL_PAGE_SIZE, PT_SMALL,
	  MT_NORMAL | PROT_WRITE | PROT_SHARED | PROT_DOMAIN(2) },
	/* a shareable section */
	{ SAMPLE_BASE + 0x01300000, 0x00500000, SECTION_SIZE, PT_SECTION,
	  MT_NORMAL | PROT_WRITE | PROT_SHARED },
};

static phys_addr_t sample_pa(const struct sample *s)
{
	if (PROT_MT(s->prot) >= MT_DEVICE)
		return (board_uart_phys() & ~(s->size - 1)) + s->pa_off;
	return board.ram_base + s->pa_off;
}

static unsigned map_samples(void)
{
	unsigned n;

	for (n = 0; n < ARRAY_SIZE(samples); n++) {
		const struct sample *s = &samples[n];
		int err = pt_map_max(&kernel_aspace, s->va, sample_pa(s), s->size, s->prot,
				     s->max_kind);

		if (err) {
			printk("gdbcheck: sample mapping at %08x not made: %s\n", s->va,
			       errname(err));
			break;
		}
	}
	return n;
}

static void unmap_samples(unsigned n)
{
	while (n--)
		BUG_ON(pt_unmap(&kernel_aspace, samples[n].va, samples[n].size));
}

/* A 40-bit PA that pt_map() cannot make (phys_addr_t is 32 bits): by hand. */
#define SAMPLE_HIGH_VA (SAMPLE_BASE + 0x02000000)
#define SAMPLE_HIGH_PA 0x2345000000ull

static bool map_high_supersection(void)
{
	pde_t *pde = &swapper_pg_dir[SAMPLE_HIGH_VA >> SECTION_SHIFT];
	pde_t d = mk_supersection(SAMPLE_HIGH_PA, PAGE_KERNEL);

	for (unsigned i = 0; i < SUPERSECTION_SIZE / SECTION_SIZE; i++)
		if (pde[i])
			return false;
	for (unsigned i = 0; i < SUPERSECTION_SIZE / SECTION_SIZE; i++)
		pde[i] = d;
	pt_sync_entries(pde, pde + SUPERSECTION_SIZE / SECTION_SIZE);
	return true;
}

static void unmap_high_supersection(void)
{
	pde_t *pde = &swapper_pg_dir[SAMPLE_HIGH_VA >> SECTION_SHIFT];

	for (unsigned i = 0; i < SUPERSECTION_SIZE / SECTION_SIZE; i++)
		pde[i] = 0;
	pt_sync_entries(pde, pde + SUPERSECTION_SIZE / SECTION_SIZE);
	pt_flush_tlb_range(&kernel_aspace, SAMPLE_HIGH_VA, SUPERSECTION_SIZE);
}

/* ---- the walk and its report ---- */

static void report(uint32_t va)
{
	struct pt_walk w;
	char kind[16], attrs[80], l2[24];
	const char *name;
	unsigned i;

	mmu_walk_live(va, &w);

	name = pt_kind_name(w.kind);
	for (i = 0; i < sizeof(kind) - 1 && name[i]; i++)
		kind[i] = name[i] == ' ' ? '-' : name[i];
	kind[i] = '\0';

	/* An L2 descriptor was read unless the walk ended at level 1. */
	if (w.kind == PT_SMALL || w.kind == PT_LARGE || w.fault_level == 2)
		snprintf(l2, sizeof(l2), "%08x:%08x", w.l2_addr, w.l2_desc);
	else
		snprintf(l2, sizeof(l2), "-");

	if (w.kind == PT_FAULT) {
		printk("gdbcheck: va=%08x kind=%s lvl=%d pa=- l1=%08x:%08x l2=%s "
		       "ap=- texcb=- dom=- attrs=\"-\"\n",
		       va, kind, w.fault_level, w.l1_addr, w.l1_desc, l2);
		return;
	}
	pgprot_describe(w.prot, attrs, sizeof(attrs));
	printk("gdbcheck: va=%08x kind=%s lvl=%d pa=%010llx l1=%08x:%08x l2=%s "
	       "ap=%x texcb=%02x dom=%u attrs=\"%s\"\n",
	       va, kind, w.kind == PT_SMALL || w.kind == PT_LARGE ? 2 : 1, w.pa, w.l1_addr,
	       w.l1_desc, l2, w.ap, w.tex_c_b, w.domain, attrs);
}

/*
 * Round 2 splits the address space with TTBCR.N = 2: VAs below 1 GB use
 * TTBR0 and a 4 KB table of 1024 entries, the rest TTBR1, still
 * swapper_pg_dir, so the kernel runs on undisturbed. TTBR0 gets a table of
 * its own with one user section, so both walkers must pick the TTBR and
 * the index as the MMU does to agree.
 */
#define SPLIT_N       2
#define SPLIT_USER_VA 0x00100000u
#define SPLIT_ENTRIES (L1_ENTRIES >> SPLIT_N) /* a 4 KB table */
#define SPLIT_END     (1u << (32 - SPLIT_N))  /* first VA through TTBR1 */
/*
 * 4 KB aligned as the MMU needs, and deliberately not 16 KB aligned: a
 * walker that masks TTBR0 as if N were 0 then reads the wrong table.
 */
static pde_t split_area[2 * SPLIT_ENTRIES] __aligned(8192);
static pde_t *const split_l1 = &split_area[SPLIT_ENTRIES];

static bool split_begin(uint32_t *saved_ttbr0)
{
	if (read_ttbcr() != 0)
		return false; /* the kernel uses a split itself: leave it alone */
	*saved_ttbr0 = read_ttbr0();
	split_l1[SPLIT_USER_VA >> SECTION_SHIFT] = mk_section(
		board.ram_base + 0x00600000, MT_NORMAL | PROT_WRITE | PROT_USER | PROT_NG);
	pt_sync_entries(split_l1, split_l1 + SPLIT_ENTRIES);
	/* N first: with TTBR0 still on swapper_pg_dir nothing changes yet. */
	write_ttbcr(SPLIT_N);
	isb();
	write_ttbr0(__pa(split_l1) | (*saved_ttbr0 & 0x7f));
	isb();
	local_flush_tlb_all();
	return true;
}

static void split_end(uint32_t saved_ttbr0)
{
	write_ttbr0(saved_ttbr0);
	isb();
	write_ttbcr(0);
	isb();
	local_flush_tlb_all();
	split_l1[SPLIT_USER_VA >> SECTION_SHIFT] = 0;
}

/* One line of a ptdump, in pt_dump_kernel()'s format. */
static void print_range(const struct pt_range *r, void *ctx)
{
	char attrs[80];

	(void)ctx;
	pgprot_describe(r->prot, attrs, sizeof(attrs));
	printk("  %08x-%08llx -> %08llx %8llu KB %-12s %s\n", r->va, (uint64_t)r->va + r->size - 1,
	       r->pa, r->size >> 10, pt_kind_name(r->kind), attrs);
}

/*
 * The TTBR0 side of round 2 as ptdump lines. pt_for_each_range() wants a
 * 16 KB aligned table, so this walks the live tables instead, merging
 * runs the same way (split_l1 holds sections only).
 */
static void dump_split_low(void)
{
	struct pt_range run = { 0 };

	for (uint64_t va = 0; va < SPLIT_END; va += SECTION_SIZE) {
		struct pt_walk w;

		mmu_walk_live((uint32_t)va, &w);
		BUG_ON(w.kind != PT_SECTION && w.kind != PT_FAULT);
		if (w.kind == PT_SECTION && run.size && run.prot == w.prot &&
		    run.va + run.size == va && run.pa + run.size == w.pa) {
			run.size += SECTION_SIZE;
			continue;
		}
		if (run.size)
			print_range(&run, NULL);
		run.size = 0;
		if (w.kind == PT_SECTION)
			run = (struct pt_range){ (uint32_t)va, w.pa, SECTION_SIZE, w.kind, w.prot };
	}
	if (run.size)
		print_range(&run, NULL);
}

static void walk_round(unsigned round, const uint32_t *addrs, unsigned n, bool split)
{
	printk("gdbcheck: round %u: TTBCR %08x TTBR0 %08x TTBR1 %08x\n", round, read_ttbcr(),
	       read_ttbr0(), read_ttbr1());
	for (unsigned i = 0; i < n; i++)
		report(addrs[i]);
	printk("gdbcheck: ptdump begin\n");
	if (split) {
		dump_split_low();
		pt_dump_kernel(SPLIT_END, 0x100000000ull);
	} else {
		pt_dump_kernel(0, 0x100000000ull);
	}
	printk("gdbcheck: ptdump end\n");
	printk("gdbcheck: round %u done, %u addresses\n", round, n);
	gdb_checkpoint();
}

static void gdbcheck_run(void)
{
	uint32_t local, saved_ttbr0;
	const uint32_t lowmem_end = (uint32_t)high_memory;
	const uint32_t addrs[] = {
		/* user space: nothing is mapped there, except in round 2 */
		0x00000000,
		0x00000ffc,
		0x00008000,
		SPLIT_USER_VA + 0x4567,
		0x12345678,
		0x3ffffffc,
		0x40000000,
		0x7fff0000,
		TASK_SIZE - 4,
		PKMAP_BASE + 0x1000,
		/* the kernel image: RAM below it, .text, .rodata, .data, .bss, stacks */
		PAGE_OFFSET,
		PAGE_OFFSET + 0x4abc,
		(uint32_t)_text,
		(uint32_t)gdbcheck_run,
		(uint32_t)_etext - 4,
		(uint32_t)__start_rodata,
		(uint32_t)__end_rodata - 4,
		(uint32_t)_sdata,
		(uint32_t)__bss_start,
		(uint32_t)swapper_pg_dir + 0xc00,
		(uint32_t)&local,
		(uint32_t)init_stack_bottom,
		(uint32_t)_end - 4,
		/* the direct map: large pages, sections, supersections, its end */
		PAGE_OFFSET + 0x00054321,
		PAGE_OFFSET + 0x00100000,
		PAGE_OFFSET + 0x00abcdef,
		PAGE_OFFSET + 0x01000000,
		PAGE_OFFSET + 0x01234567,
		lowmem_end - 4,
		lowmem_end,
		/* vmalloc, with the sample mappings */
		(uint32_t)vmalloc_start,
		(uint32_t)vmalloc_start + 0x12345,
		SAMPLE_BASE + 0x00876543,
		SAMPLE_BASE + 0x010abcde,
		SAMPLE_BASE + 0x01100010,
		SAMPLE_BASE + 0x01200000,
		SAMPLE_BASE + 0x0120fffc,
		SAMPLE_BASE + 0x01210123,
		SAMPLE_BASE + 0x01211000,
		SAMPLE_BASE + 0x01212ffc,
		SAMPLE_BASE + 0x01213ffc,
		SAMPLE_BASE + 0x01214000,
		SAMPLE_BASE + 0x01215000,
		SAMPLE_BASE + 0x01345678,
		SAMPLE_BASE + 0x01400000,
		SAMPLE_HIGH_VA + 0x00654321,
		VMALLOC_END - 4,
		/* above vmalloc: DMA area, early I/O, fixmap, vectors, the top */
		CONSISTENT_BASE,
		EARLY_IO_VA + 0x9000,
		FIXADDR_START,
		FIXADDR_START + 0x24,
		FIXADDR_START + 0x1000,
		FIXADDR_END - 4,
		VECTORS_BASE,
		VECTORS_BASE + 0x10,
		VECTORS_BASE + 0x1000,
		0xfffff000,
		0xffffffff,
	};
	const unsigned n = ARRAY_SIZE(addrs);
	unsigned mapped = map_samples();
	bool high = map_high_supersection();
	unsigned rounds = 1;

	printk("gdbcheck: %u sample mappings%s, walking %u addresses\n", mapped,
	       high ? " and a 40-bit supersection" : "", n);
	walk_round(1, addrs, n, false);
	if (split_begin(&saved_ttbr0)) {
		walk_round(2, addrs, n, true);
		split_end(saved_ttbr0);
		rounds++;
	} else {
		printk("gdbcheck: round 2 skipped: TTBCR is %08x already\n", read_ttbcr());
	}
	printk("gdbcheck: done, %u rounds of %u addresses\n", rounds, n);

	if (high)
		unmap_high_supersection();
	unmap_samples(mapped);
}

/* The boot argument gdbcheck stops at each checkpoint for scripts/gdb/test-gdb. */
static int gdbcheck_boot(void)
{
	if (cmdline_flag("gdbcheck"))
		gdbcheck_run();
	return 0;
}
late_initcall(gdbcheck_boot);

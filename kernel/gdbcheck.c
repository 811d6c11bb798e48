/*
 * gdbcheck: the kernel's half of the gdb self-test (scripts/gdb/test-gdb).
 *
 * Booted with "gdbcheck", the kernel walks a fixed set of virtual addresses
 * with mmu_walk_live() and prints one line per address, then stops at
 * gdb_checkpoint() where the test's gdb session has a breakpoint. gdb then
 * runs its own table walk (ptwalk in scripts/gdb/armv7mm.py) for every
 * address printed here, and the test compares the two answers field by
 * field. The line format is the contract between both sides:
 *
 *   gdbcheck: va=VVVVVVVV kind=K lvl=L pa=PPPPPPPPPP l1=ADDR:DESC l2=ADDR:DESC
 *             ap=A texcb=TT dom=D attrs="pgprot_describe() text"
 *
 * (on one line). kind is pt_kind_name() with '-' for spaces; lvl is the
 * level that ended the walk (1 or 2); pa has 10 hex digits (supersections
 * reach 40 bits); l2, pa, ap, texcb and attrs are "-" when they do not apply.
 * Then the kernel's ptdump, between "gdbcheck: ptdump begin" and "end", for
 * gdb's ptdump to match line by line, and "gdbcheck: done, N addresses".
 *
 * The kernel's own mappings are all global, domain 0 and privileged only,
 * so a few short-lived sample mappings near the top of the vmalloc area add
 * the attributes the kernel does not use yet (user access, nG and S apart,
 * other memory types and domains, a PA above 4 GB, neighbours that must
 * not merge). They exist only while gdb looks and are never accessed.
 */
#include "asm/memory.h"
#include "asm/mmu.h"
#include "board.h"
#include "errno.h"
#include "kernel.h"
#include "printk.h"

void gdbcheck_run(void);

extern char _text[], _etext[], __start_rodata[], __end_rodata[], _sdata[], _end[];
extern char __bss_start[], init_stack_bottom[];

/* The test's gdb session stops here; the asm keeps the call and the symbol. */
__attribute__((noinline)) void gdb_checkpoint(void)
{
	__asm__ volatile("" ::: "memory");
}

/* ---- sample mappings ---- */

#define SAMPLE_BASE 0xfc000000u   /* 16 MB aligned, inside vmalloc for any vmalloc= */

struct sample {
	uint32_t va;
	uint32_t pa_off;        /* from the RAM base, or the UART for device types */
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
		return (board.uart_phys & ~(s->size - 1)) + s->pa_off;
	return board.ram_base + s->pa_off;
}

static unsigned map_samples(void)
{
	unsigned n;

	for (n = 0; n < ARRAY_SIZE(samples); n++) {
		const struct sample *s = &samples[n];
		int err = pt_map_max(swapper_pg_dir, s->va, sample_pa(s), s->size,
				     s->prot, s->max_kind);

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
		BUG_ON(pt_unmap(swapper_pg_dir, samples[n].va, samples[n].size));
}

/* A 40-bit PA that pt_map() cannot make (phys_addr_t is 32 bits): by hand. */
#define SAMPLE_HIGH_VA  (SAMPLE_BASE + 0x02000000)
#define SAMPLE_HIGH_PA  0x2345000000ull

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
	pt_flush_tlb_range(swapper_pg_dir, SAMPLE_HIGH_VA, SUPERSECTION_SIZE);
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
	for (i = 0; name[i] && i < sizeof(kind) - 1; i++)
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
	       va, kind, w.kind == PT_SMALL || w.kind == PT_LARGE ? 2 : 1, w.pa,
	       w.l1_addr, w.l1_desc, l2, w.ap, w.tex_c_b, w.domain, attrs);
}

void gdbcheck_run(void)
{
	uint32_t local;
	const uint32_t lowmem_end = (uint32_t)high_memory;
	const uint32_t addrs[] = {
		/* user space: nothing is mapped there */
		0x00000000, 0x00000ffc, 0x00008000, 0x12345678, 0x7fff0000,
		TASK_SIZE - 4, PKMAP_BASE + 0x1000,
		/* the kernel image: RAM below it, .text, .rodata, .data, .bss, stacks */
		PAGE_OFFSET, PAGE_OFFSET + 0x4abc, (uint32_t)_text,
		(uint32_t)gdbcheck_run, (uint32_t)_etext - 4,
		(uint32_t)__start_rodata, (uint32_t)__end_rodata - 4, (uint32_t)_sdata,
		(uint32_t)__bss_start, (uint32_t)swapper_pg_dir + 0xc00,
		(uint32_t)&local, (uint32_t)init_stack_bottom, (uint32_t)_end - 4,
		/* the direct map: large pages, sections, supersections, its end */
		PAGE_OFFSET + 0x00054321, PAGE_OFFSET + 0x00100000,
		PAGE_OFFSET + 0x00abcdef, PAGE_OFFSET + 0x01000000,
		PAGE_OFFSET + 0x01234567, lowmem_end - 4, lowmem_end,
		/* vmalloc, with the sample mappings */
		(uint32_t)vmalloc_start, (uint32_t)vmalloc_start + 0x12345,
		SAMPLE_BASE + 0x00876543, SAMPLE_BASE + 0x010abcde, SAMPLE_BASE + 0x01100010,
		SAMPLE_BASE + 0x01200000, SAMPLE_BASE + 0x0120fffc, SAMPLE_BASE + 0x01210123,
		SAMPLE_BASE + 0x01211000, SAMPLE_BASE + 0x01212ffc, SAMPLE_BASE + 0x01213ffc,
		SAMPLE_BASE + 0x01214000, SAMPLE_BASE + 0x01215000, SAMPLE_BASE + 0x01345678,
		SAMPLE_BASE + 0x01400000,
		SAMPLE_HIGH_VA + 0x00654321, VMALLOC_END - 4,
		/* above vmalloc: DMA area, early I/O, fixmap, vectors, the top */
		CONSISTENT_BASE, EARLY_IO_VA + 0x9000, FIXADDR_START, FIXADDR_START + 0x24,
		FIXADDR_START + 0x1000, FIXADDR_END - 4, VECTORS_BASE, VECTORS_BASE + 0x10,
		VECTORS_BASE + 0x1000, 0xfffff000, 0xffffffff,
	};
	unsigned mapped = map_samples();
	bool high = map_high_supersection();

	printk("gdbcheck: %u sample mappings%s, walking %u addresses\n", mapped,
	       high ? " and a 40-bit supersection" : "", (unsigned)ARRAY_SIZE(addrs));
	for (unsigned i = 0; i < ARRAY_SIZE(addrs); i++)
		report(addrs[i]);
	printk("gdbcheck: ptdump begin\n");
	pt_dump_kernel(0, 0x100000000ull);
	printk("gdbcheck: ptdump end\n");
	printk("gdbcheck: done, %u addresses\n", (unsigned)ARRAY_SIZE(addrs));

	gdb_checkpoint();

	if (high)
		unmap_high_supersection();
	unmap_samples(mapped);
}

/*
 * Temporary mappings in early_pg_dir before paging_init() (see early_map.h).
 *
 * Each section entry is written like any live descriptor: store, clean the
 * line to the point of coherency so the table walker sees it, DSB, then
 * TLBIMVA for the section (a fault entry is never cached, but a stale
 * translation from an earlier mapping of the window could be), DSB, ISB.
 * Unmapping is the same with a fault entry.
 */
#include "asm/cacheflush.h"
#include "asm/memory.h"
#include "asm/mmu.h"
#include "asm/pgtable-hwdef.h"
#include "asm/traps.h"
#include "errno.h"
#include "asm/early_map.h"

/* Normal memory, outer and inner write-back write-allocate (as head.S maps RAM), PL1 read-only, XN. */
#define EARLY_MAP_SECT \
	(L1_TYPE_SECT | SECT_TEX(1) | SECT_C | SECT_B | SECT_XN | SECT_APX | SECT_AP0)

/* Strongly ordered (TEX 0, C 0, B 0), PL1 read/write, XN: for the RAM probe. */
#define EARLY_PROBE_SECT (L1_TYPE_SECT | SECT_XN | SECT_AP0)

static unsigned mapped; /* sections in the window */

/* early_pg_dir when it is the table in use, else NULL (paging_init() has run). */
static pde_t *live_early_table(void)
{
	return (read_ttbr0() & ~0x3fffu) == __pa(early_pg_dir) ? early_pg_dir : NULL;
}

static void set_window_entry(pde_t *pgd, unsigned i, pde_t desc)
{
	uint32_t va = EARLY_MAP_WINDOW_VA + i * SECTION_SIZE;
	pde_t *entry = &pgd[va >> SECTION_SHIFT];

	*entry = desc;
	clean_pt_entry(entry);           /* DCCMVAC + DSB */
	local_flush_tlb_kernel_page(va); /* TLBIMVA, BPIALL, DSB, ISB */
}

const void *early_memremap_ro(phys_addr_t pa, uint32_t size)
{
	pde_t *pgd = live_early_table();
	uint32_t off = pa & (SECTION_SIZE - 1);
	phys_addr_t base = pa - off;
	/* Shareable on SMP as head.S maps RAM and paging_init() will (pt_encode.c). */
	uint32_t sect = EARLY_MAP_SECT | (cpu_is_smp() ? SECT_S : 0);
	unsigned n;

	if (!pgd || mapped || !size || size > early_map_limit(pa))
		return NULL;
	n = (off + size + SECTION_SIZE - 1) >> SECTION_SHIFT;
	if ((uint64_t)base + ((uint64_t)n << SECTION_SHIFT) > 0x100000000ull)
		return NULL; /* would wrap past 4 GB */
	for (unsigned i = 0; i < n; i++)
		set_window_entry(pgd, i, (base + i * SECTION_SIZE) | sect);
	mapped = n;
	return (const void *)(EARLY_MAP_WINDOW_VA + off);
}

void early_memunmap(void)
{
	for (unsigned i = 0; i < mapped; i++)
		set_window_entry(early_pg_dir, i, 0);
	mapped = 0;
}

unsigned early_map_sections(void)
{
	return mapped;
}

/* Read or write the word at pa through the window's first section, strongly ordered. */
static int probe_word(phys_addr_t pa, uint32_t *val, bool write)
{
	pde_t *pgd = live_early_table();
	volatile uint32_t *va = (volatile uint32_t *)(EARLY_MAP_WINDOW_VA +
						      (pa & (SECTION_SIZE - 1)));
	int err;

	if (!pgd || mapped)
		return -EBUSY;
	set_window_entry(pgd, 0, (pa & ~(SECTION_SIZE - 1)) | EARLY_PROBE_SECT);
	err = write ? probe_write32(va, *val) : probe_read32(va, val);
	set_window_entry(pgd, 0, 0);
	return err;
}

int early_probe_read32(phys_addr_t pa, uint32_t *val)
{
	return probe_word(pa, val, false);
}

int early_probe_write32(phys_addr_t pa, uint32_t val)
{
	return probe_word(pa, &val, true);
}

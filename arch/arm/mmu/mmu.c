/*
 * The kernel's page tables. Provides pgtable.h's environment hooks (tables
 * live in lowmem, reached through the direct map) and paging_init(), which
 * builds swapper_pg_dir and switches to it:
 *
 *   [PAGE_OFFSET, _text)        RAM below the image     RW XN
 *   [_text, _etext)             .text (and vectors)     RO X
 *   [__start_rodata, __end_rodata) .rodata, extables    RO XN
 *   [_sdata, high_memory)       .data, .bss, stacks, rest of lowmem  RW XN
 *   VECTORS_BASE                the vector page         RO X
 *   fixmap                      early console           device
 *
 * The early table's identity map is not carried over, and nothing maps
 * virtual address 0.
 */
#include "asm/cacheflush.h"
#include "board.h"
#include "asm/memory.h"
#include "asm/mmu.h"
#include "errno.h"
#include "kernel.h"
#include "memblock.h"
#include "asm/mmu_context.h"
#include "asm/sections.h"
#include "mm.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "pt_env.h"

pde_t swapper_pg_dir[L1_ENTRIES] __aligned(16384) __section(".bss.pgdir");
uint32_t pt_stays_table[L1_ENTRIES / 32];
struct arch_aspace kernel_aspace = { .pgd = swapper_pg_dir, .table_stays = pt_stays_table };
uintptr_t high_memory;
uintptr_t vmalloc_start;

/*
 * ---- L2 table pool: 1 KB tables carved from 4 KB pages ----
 * Free tables sit on one list (a list_head in the table itself). A pool
 * page from the buddy allocator counts its tables in use in page->private
 * and goes back to the allocator when the count drops to zero; the pages
 * taken from memblock at boot stay in the pool for good. The pool grows
 * only when its list is empty and the caller takes a table of the new page
 * at once, so no buddy page sits in it with no table in use. l2_lock guards the
 * list and the counts: tables are taken for kernel and process tables on
 * every CPU, under vmap_lock or an mm's lock, never in a handler.
 */

static struct list_head l2_free = LIST_HEAD_INIT(l2_free);
static unsigned l2_in_use, l2_free_count;
static DEFINE_SPINLOCK(l2_lock);

#define TABLES_PER_PAGE (PAGE_SIZE / SZ_1K)

static struct page *pool_page(const void *table)
{
	return memblock.retired ? virt_to_page(table) : NULL;
}

/*
 * l2_lock held; dropped while a page is allocated (GFP_KERNEL may drain
 * every CPU). False only when there is no page. True does not promise a
 * free table: while the lock was dropped, other CPUs may have grown the
 * pool and taken every table again, so the caller looks at the list anew.
 */
static bool l2_pool_grow(uint32_t *flags)
{
	char *base;

	if (!memblock.retired) {
		phys_addr_t pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);

		if (!pa)
			return false;
		base = __va(pa);
	} else {
		struct page *p;

		spin_unlock_irqrestore(&l2_lock, *flags);
		p = alloc_page(GFP_KERNEL);
		spin_lock_irqsave(&l2_lock, *flags);
		if (!p)
			return false;
		if (!list_empty(&l2_free)) {
			/*
			 * Another CPU grew the pool meanwhile. Adding this page too
			 * would leave tables nobody takes: a page goes back only when
			 * its count of tables in use drops to zero, so it would stay.
			 */
			spin_unlock_irqrestore(&l2_lock, *flags);
			__free_page(p);
			spin_lock_irqsave(&l2_lock, *flags);
			return true;
		}
		p->private = 0;
		base = page_address(p);
	}
	for (unsigned i = 0; i < TABLES_PER_PAGE; i++)
		list_add_tail((struct list_head *)(base + i * SZ_1K), &l2_free);
	l2_free_count += TABLES_PER_PAGE;
	return true;
}

pte_t *pt_alloc_l2(void)
{
	struct list_head *t;
	struct page *p;
	uint32_t flags;

	spin_lock_irqsave(&l2_lock, flags);
	/*
	 * A loop, not a test: after a grow that found the pool grown by another
	 * CPU (and gave its page back, the lock dropped again) the list may be
	 * empty once more, and taking l2_free.next would hand out the list head.
	 */
	while (list_empty(&l2_free)) {
		if (!l2_pool_grow(&flags)) {
			spin_unlock_irqrestore(&l2_lock, flags);
			return NULL;
		}
	}
	t = l2_free.next;
	list_del(t);
	l2_free_count--;
	l2_in_use++;
	p = pool_page(t);
	if (p && !PageReserved(p))
		p->private ++;
	spin_unlock_irqrestore(&l2_lock, flags);
	memset(t, 0, SZ_1K);
	return (pte_t *)t;
}

void pt_free_l2(pte_t *table)
{
	struct page *p = pool_page(table);
	uint32_t flags;

	spin_lock_irqsave(&l2_lock, flags);
	list_add((struct list_head *)table, &l2_free);
	l2_free_count++;
	l2_in_use--;
	if (p && !PageReserved(p) && --p->private == 0) {
		/* All four tables of this page are free: give the page back. */
		char *base = page_address(p);

		for (unsigned i = 0; i < TABLES_PER_PAGE; i++)
			list_del((struct list_head *)(base + i * SZ_1K));
		l2_free_count -= TABLES_PER_PAGE;
	} else {
		p = NULL;
	}
	spin_unlock_irqrestore(&l2_lock, flags);
	if (p)
		__free_page(p);
}

void pt_pool_stats(unsigned *in_use, unsigned *free)
{
	uint32_t flags;

	spin_lock_irqsave(&l2_lock, flags);
	*in_use = l2_in_use;
	*free = l2_free_count;
	spin_unlock_irqrestore(&l2_lock, flags);
}

unsigned pt_pool_idle_pages(void)
{
	struct list_head *t;
	unsigned idle_tables = 0;
	uint32_t flags;

	spin_lock_irqsave(&l2_lock, flags);
	for (t = l2_free.next; t != &l2_free; t = t->next) {
		struct page *p = pool_page(t);

		idle_tables += p && !PageReserved(p) && p->private == 0;
	}
	spin_unlock_irqrestore(&l2_lock, flags);
	return idle_tables / TABLES_PER_PAGE;
}

void *pt_phys_to_virt(phys_addr_t pa)
{
	return __va(pa);
}

phys_addr_t pt_virt_to_phys(const void *va)
{
	return __pa(va);
}

/*
 * Do translation table walks see what the data cache holds? With the
 * multiprocessing extensions the TTBR walk attributes are inner write-back
 * cacheable and inner shareable (boot/head.S, secondaries alike), and
 * ID_MMFR3.CohWalk (bits 23:20) = 1 says that a table update needs no clean
 * to the point of unification for the walker to see it: a DSB is enough,
 * as Linux's SMP build relies on (no D-cache clean in its set_pte_ext on
 * SMP). Otherwise (the Cortex-A8) every write is cleaned. Set by
 * paging_init() before its first mapping.
 */
bool pt_walks_coherent_flag;

bool pt_walks_coherent(void)
{
	return pt_walks_coherent_flag;
}

void pt_sync_entries(const void *start, const void *end)
{
	pt_env_sync_l2(start, end);
	/* Processes carry copies of the kernel's first-level entries (a run may start below them). */
	const pde_t *first = &swapper_pg_dir[TASK_SIZE >> SECTION_SHIFT];

	if (end > (const void *)first && start < (const void *)&swapper_pg_dir[L1_ENTRIES])
		kernel_pgd_changed(start > (const void *)first ? start : first, end);
}

/*
 * ---- L2 tables kept in the vmalloc area ----
 * As in Linux, the vmalloc area's page tables outlive the mappings in them:
 * vmalloc and vmap mark each table they write (pt_keep_table), pt_unmap()
 * leaves a marked table in place when it empties, and the next vmalloc in
 * that MB writes its PTEs straight into it, with no table to allocate,
 * zero, hook in and later scan, unhook, flush and free. At most one table
 * per MB of the area (240 KB for the default 240 MB). pt_release_kept_tables()
 * gives back the empty ones of whole MBs, for a caller that wants the MB
 * otherwise (sections of an ioremap, a test window that counts tables).
 */
static uint32_t kept_table[L1_ENTRIES / 32]; /* one bit per MB of swapper_pg_dir */
static unsigned nr_kept;
/*
 * The MBs whose tables stay when empty: the kept ones and the pkmap and
 * fixmap windows, which mm/highmem.c writes directly (marked once at boot,
 * pin_windows()). One bit read per pt_unmap() that empties a table.
 */

static void pin_windows(void)
{
	for (uint64_t va = PKMAP_BASE; va < PKMAP_BASE + PKMAP_SIZE; va += SZ_1M)
		pt_stays_table[va >> 25] |= 1u << ((va >> 20) & 31);
	for (uint64_t va = FIXADDR_START & ~(SZ_1M - 1); va < FIXADDR_END; va += SZ_1M)
		pt_stays_table[va >> 25] |= 1u << ((va >> 20) & 31);
}

static bool table_kept(uint32_t va)
{
	return kept_table[va >> 25] & 1u << ((va >> 20) & 31);
}

void pt_keep_table(uint32_t va)
{
	uint32_t *word = &kept_table[va >> 25], bit = 1u << ((va >> 20) & 31);

	if (!(*word & bit)) {
		*word |= bit;
		pt_stays_table[va >> 25] |= bit;
		nr_kept++;
	}
}

unsigned pt_kept_tables(void)
{
	return nr_kept;
}

void pt_release_kept_tables(uint32_t start, uint32_t end)
{
	for (uint64_t mb = ALIGN((uint64_t)start, SZ_1M); mb + SZ_1M <= end; mb += SZ_1M) {
		uint32_t va = (uint32_t)mb;

		if (table_kept(va) && pt_free_empty_l2(&kernel_aspace, va) != -EBUSY) {
			kept_table[va >> 25] &= ~(1u << ((va >> 20) & 31));
			pt_stays_table[va >> 25] &= ~(1u << ((va >> 20) & 31));
			nr_kept--;
		}
	}
}

/*
 * The pkmap and fixmap L2 tables are written directly by mm/highmem.c:
 * never free them; the vmalloc area's are kept until released.
 */
bool pt_table_pinned(const struct arch_aspace *as, uint32_t va)
{
	return pt_env_table_stays(as, va);
}

void pt_flush_tlb_range(const struct arch_aspace *as, uint32_t va, uint32_t size)
{
	if (as->user) { /* a process's table: its ASID's entries */
		flush_tlb_user_range(as, va, size);
		return;
	}
	/*
	 * The kernel's (global) entries, or a scratch table's: by MVA with any
	 * ASID, on every CPU (another CPU may hold them).
	 */
	if (size / PAGE_SIZE > TLB_FLUSH_PAGES_MAX) {
		flush_tlb_all();
		return;
	}
	for (uint64_t a = va; a < (uint64_t)va + size; a += PAGE_SIZE)
		flush_tlb_kernel_page((uintptr_t)a);
}

bool tlb_broadcast;

/*
 * MPIDR.M (bit 31) says the Multiprocessing Extensions are there, and with
 * them the inner-shareable TLB operations; the Cortex-A8 reads 0. Before
 * the secondaries start: until then local operations are enough.
 */
void tlb_ops_init(void)
{
	tlb_broadcast = (read_mpidr() >> 31) & 1;
}

/* ---- kernel mappings ---- */

int map_kernel_range(uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot)
{
	return pt_map(&kernel_aspace, va, pa, size, prot);
}

void set_fixmap(enum fixed_addresses idx, phys_addr_t pa, pgprot_t prot)
{
	uint32_t va = __fix_to_virt(idx);
	struct pt_walk w;

	BUG_ON(idx >= __end_of_fixed_addresses);
	pt_query(swapper_pg_dir, va, &w);
	if (w.kind != PT_FAULT)
		BUG_ON(pt_unmap(&kernel_aspace, va, PAGE_SIZE));
	BUG_ON(pt_map(&kernel_aspace, va, pa & PAGE_MASK, PAGE_SIZE, prot));
}

void clear_fixmap(enum fixed_addresses idx)
{
	BUG_ON(idx >= __end_of_fixed_addresses);
	pt_unmap(&kernel_aspace, __fix_to_virt(idx), PAGE_SIZE);
}

static void map_or_die(uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot, const char *what)
{
	int err = size ? pt_map(&kernel_aspace, va, pa, size, prot) : 0;

	if (err)
		panic("paging_init: cannot map %s [%08x-%08x]: %s", what, va, va + size - 1,
		      errname(err));
}

static void map_kernel_segment(char *start, char *end, pgprot_t prot, const char *what)
{
	map_or_die((uint32_t)start, __pa(start), (uint32_t)(end - start), prot, what);
}

static uint32_t read_live_word(phys_addr_t pa, void *ctx)
{
	(void)ctx;
	return *(const uint32_t *)__va(pa);
}

void mmu_walk_live(uint32_t va, struct pt_walk *out)
{
	struct pt_walker w = {
		.ttbr0 = read_ttbr0(),
		.ttbr1 = read_ttbr1(),
		.ttbcr = read_ttbcr(),
		.read_phys = read_live_word,
	};

	pt_walk_hw(&w, va, out);
}

static void switch_to_table(pde_t *pgd)
{
	uint32_t ttb = __pa(pgd) | (read_ttbr0() & 0x7f); /* keep the walk attributes */

	dsb();
	write_ttbr0(ttb);
	write_ttbr1(ttb);
	isb();
	local_flush_tlb_all();
}

void paging_init(phys_addr_t ram_base, uint32_t ram_size, uint32_t vmalloc_size)
{
	/* Round the end of lowmem down so that the 8 MB aligned vmalloc area keeps its full size. */
	uint32_t lowmem_max = ALIGN_DOWN(VMALLOC_END - vmalloc_size - VMALLOC_OFFSET,
					 VMALLOC_OFFSET) -
			      PAGE_OFFSET;
	uint32_t lowmem_size = min(ram_size, lowmem_max);
	char *ram_start = (char *)PAGE_OFFSET;

	high_memory = PAGE_OFFSET + lowmem_size;
	vmalloc_start = ALIGN(high_memory + VMALLOC_OFFSET, VMALLOC_OFFSET);
	(void)ram_base;

	/* Early allocations (L2 tables) must come from what head.S mapped. */
	memblock_set_limit(PHYS_OFFSET + EARLY_MAP_SIZE);
	/* Shareable Normal memory on SMP, decided before the first mapping (pt_encode.c). */
	pt_encode_init(cpu_is_smp());
	pt_walks_coherent_flag = cpu_is_smp() && ((read_id_mmfr3() >> 20) & 0xf) == 1;
	pin_windows();

	map_kernel_segment(ram_start, _text, PAGE_KERNEL, "RAM below the kernel");
	map_kernel_segment(_text, _etext, PAGE_KERNEL_EXEC, ".text");
	map_kernel_segment(__start_rodata, __end_rodata, PAGE_KERNEL_RO, ".rodata");
	map_kernel_segment(_sdata, (char *)high_memory, PAGE_KERNEL, "lowmem");
	map_or_die(VECTORS_BASE, __pa(__vectors_start), PAGE_SIZE, PAGE_KERNEL_EXEC, "vectors");
	set_fixmap(FIX_EARLYCON, board.uart_phys, PAGE_DEVICE);

	switch_to_table(swapper_pg_dir);
	write_sctlr(read_sctlr() | SCTLR_V); /* exceptions through 0xFFFF0000 */
	isb();
	memblock_set_limit(PHYS_OFFSET + lowmem_size);
	tlb_ops_init();
}

/* ---- reporting ---- */

static void print_range(const struct pt_range *r, void *ctx)
{
	char attrs[64];

	(void)ctx;
	pgprot_describe(r->prot, attrs, sizeof(attrs));
	printk("  %08x-%08llx -> %08llx %8llu KB %-12s %s\n", r->va, (uint64_t)r->va + r->size - 1,
	       r->pa, r->size >> 10, pt_kind_name(r->kind), attrs);
}

void pt_dump_kernel(uint32_t start, uint64_t end)
{
	pt_for_each_range(swapper_pg_dir, start, end, print_range, NULL);
}

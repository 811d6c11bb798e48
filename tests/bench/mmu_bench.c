/*
 * Page-table benchmarks on swapper_pg_dir, in guest instructions per
 * operation (see tests/bench.h for what a figure includes):
 *
 *   - pt_map + pt_unmap of one 4 KB page in the vmalloc area, once where the
 *     1 MB chunk already has an L2 table (kept alive by a neighbouring page)
 *     and once where the L2 table is allocated by pt_map and freed by
 *     pt_unmap every time;
 *   - pt_query (the software walk) of a small page, a section and a
 *     supersection;
 *   - local_flush_tlb_kernel_page (TLBIMVA with its barriers).
 *
 * Each case checks once, before timing, that the operation takes the path
 * its label names, and checks afterwards that the tables are as before. The
 * pages are mapped in an unused 1 MB chunk of the vmalloc area (an L1 entry
 * that is a fault) and point at a page of this file's .bss.
 */
#include "asm/cacheflush.h"
#include "asm/memory.h"
#include "asm/mmu.h"
#include "bench.h"
#include "printk.h"
#include "vmalloc.h"

static uint8_t bench_page[PAGE_SIZE] __aligned(PAGE_SIZE);

static uint64_t fail(const char *what, const char *why)
{
	printk("bench: %s: %s\n", what, why);
	return BENCH_FAILED;
}

/* A 1 MB chunk of the vmalloc area reserved for the benchmarks (no L1 entry), or 0. */
static uint32_t free_vmalloc_chunk(void)
{
	static struct vm_struct *chunk;

	if (!chunk)
		chunk = get_vm_area(SZ_1M, SZ_1M);
	return chunk ? chunk->addr : 0;
}

/* A lowmem address that swapper_pg_dir maps with a kind descriptor, or 0. */
static uint32_t lowmem_with_kind(enum pt_kind kind)
{
	for (uint64_t va = PAGE_OFFSET; va < high_memory; va += SZ_1M) {
		struct pt_walk w;

		pt_query(swapper_pg_dir, (uint32_t)va, &w);
		if (w.kind == kind)
			return (uint32_t)va;
	}
	return 0;
}

static unsigned l2_tables_in_use(void)
{
	unsigned in_use, free;

	pt_pool_stats(&in_use, &free);
	return in_use;
}

/* The PA the MMU itself gives va (ATS1CPR), or ~0 on a fault. */
static uint64_t mmu_pa_of(uint32_t va)
{
	uint32_t par = ats1cpr(va);

	return par & 1 ? ~0ull : (par & PAGE_MASK) | (va & ~PAGE_MASK);
}

/* Does the MMU itself translate va to pa (mapped) or fault (pa == 0)? */
static bool mmu_agrees(uint32_t va, phys_addr_t pa)
{
	uint32_t par = ats1cpr(va);

	if (!pa)
		return par & 1;
	return !(par & 1) && (par & PAGE_MASK) == pa;
}

/*
 * One untimed map + unmap of va with every check: a small page at pa while
 * mapped, a fault at fault_level afterwards, and l2_delta more L2 tables in
 * use while mapped. It also warms the L2 pool, so that every timed
 * iteration takes the same path.
 */
static bool check_map_unmap(const char *what, uint32_t va, phys_addr_t pa, int fault_level,
			    unsigned l2_delta)
{
	unsigned l2_before = l2_tables_in_use();
	struct pt_walk w;
	int err;

	err = pt_map(&kernel_aspace, va, pa, PAGE_SIZE, PAGE_KERNEL);
	if (err) {
		printk("bench: %s: pt_map(%08x) failed: %d\n", what, va, err);
		return false;
	}
	pt_query(swapper_pg_dir, va, &w);
	if (w.kind != PT_SMALL || w.pa != pa || !mmu_agrees(va, pa) ||
	    l2_tables_in_use() != l2_before + l2_delta) {
		printk("bench: %s: %08x is not a fresh 4 KB page after pt_map\n", what, va);
		return false;
	}
	err = pt_unmap(&kernel_aspace, va, PAGE_SIZE);
	if (err) {
		printk("bench: %s: pt_unmap(%08x) failed: %d\n", what, va, err);
		return false;
	}
	pt_query(swapper_pg_dir, va, &w);
	if (w.kind != PT_FAULT || w.fault_level != fault_level || !mmu_agrees(va, 0) ||
	    l2_tables_in_use() != l2_before) {
		printk("bench: %s: %08x is not an L%d fault after pt_unmap\n", what, va,
		       fault_level);
		return false;
	}
	return true;
}

/* ---- map + unmap ---- */

#define MAP_L2_PRESENT "pt_map+pt_unmap 4K (L2 table present)"
#define MAP_L2_ALLOC   "pt_map+pt_unmap 4K (L2 table alloc+free)"

/*
 * A neighbour page at the start of the chunk keeps its L2 table alive; the
 * page timed is the second one. pt_unmap's emptiness check of the table
 * stops at the neighbour (entry 0), and the TLB flush is one TLBIMVA.
 */
static uint64_t map_unmap_l2_present(unsigned iterations)
{
	uint32_t chunk = free_vmalloc_chunk(), va = chunk + PAGE_SIZE;
	phys_addr_t pa = __pa(bench_page);
	uint64_t t0, count;
	int err = 0;

	if (!chunk)
		return fail(MAP_L2_PRESENT, "no unused 1 MB chunk in the vmalloc area");
	if (pt_map(&kernel_aspace, chunk, pa, PAGE_SIZE, PAGE_KERNEL))
		return fail(MAP_L2_PRESENT, "cannot map the neighbour page");
	if (!check_map_unmap(MAP_L2_PRESENT, va, pa, 2, 0)) {
		pt_unmap(&kernel_aspace, chunk, PAGE_SIZE);
		return BENCH_FAILED;
	}

	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		err |= pt_map(&kernel_aspace, va, pa, PAGE_SIZE, PAGE_KERNEL);
		err |= pt_unmap(&kernel_aspace, va, PAGE_SIZE);
	}
	count = bench_counter_read() - t0;

	err |= pt_unmap(&kernel_aspace, chunk, PAGE_SIZE);
	if (err || !check_map_unmap(MAP_L2_PRESENT, chunk, pa, 1, 1))
		return fail(MAP_L2_PRESENT, "a call failed or the tables changed");
	return count;
}
BENCH_CASE(map_l2_present, MAP_L2_PRESENT, map_unmap_l2_present, 1000);

/*
 * The chunk is empty: pt_map allocates and zeroes a 1 KB L2 table (from the
 * pool's free list) and points the L1 entry at it; pt_unmap finds the table
 * empty (a scan of all 256 entries), clears the L1 entry, flushes the whole
 * TLB (a 1 MB range is over pt_flush_tlb_range's limit for per-page
 * flushes), frees the table, then flushes the page itself.
 */
static uint64_t map_unmap_l2_alloc(unsigned iterations)
{
	uint32_t va = free_vmalloc_chunk();
	phys_addr_t pa = __pa(bench_page);
	unsigned l2_before;
	uint64_t t0, count;
	int err = 0;

	if (!va)
		return fail(MAP_L2_ALLOC, "no unused 1 MB chunk in the vmalloc area");
	if (!check_map_unmap(MAP_L2_ALLOC, va, pa, 1, 1))
		return BENCH_FAILED;
	l2_before = l2_tables_in_use();

	t0 = bench_counter_read();
	for (unsigned i = 0; i < iterations; i++) {
		err |= pt_map(&kernel_aspace, va, pa, PAGE_SIZE, PAGE_KERNEL);
		err |= pt_unmap(&kernel_aspace, va, PAGE_SIZE);
	}
	count = bench_counter_read() - t0;

	if (err || l2_tables_in_use() != l2_before || !check_map_unmap(MAP_L2_ALLOC, va, pa, 1, 1))
		return fail(MAP_L2_ALLOC, "a call failed or the tables changed");
	return count;
}
BENCH_CASE(map_l2_alloc, MAP_L2_ALLOC, map_unmap_l2_alloc, 1000);

/* ---- software walks ---- */

#define WALK_SMALL "pt_query 4K small page (L1 + L2)"
#define LOOKUP     "pt_lookup 4K small page (fast walk)"
#define WALK_SECT  "pt_query 1M section (L1 only)"
#define WALK_SUPER "pt_query 16M supersection (L1 only)"

static uint64_t time_query(uint32_t va, unsigned iterations)
{
	struct pt_walk w;
	uint64_t t0 = bench_counter_read();

	for (unsigned i = 0; i < iterations; i++)
		pt_query(swapper_pg_dir, va, &w);
	return bench_counter_read() - t0;
}

/* The fast lookup; the PA found is checked after the loop (pa_out). */
static uint64_t time_lookup(uint32_t va, unsigned iterations, uint64_t *pa_out)
{
	uint64_t pa = 0, t0 = bench_counter_read();
	bool found = true;

	for (unsigned i = 0; i < iterations; i++)
		found &= pt_lookup(swapper_pg_dir, va, &pa);
	t0 = bench_counter_read() - t0;
	*pa_out = found ? pa : ~0ull;
	return t0;
}

/* A page of our own in an unused chunk of the vmalloc area, walked fully or fast. */
static uint64_t walk_small(const char *what, bool fast, unsigned iterations)
{
	uint32_t va = free_vmalloc_chunk();
	phys_addr_t pa = __pa(bench_page);
	struct pt_walk w;
	uint64_t count, found = pa;

	if (!va)
		return fail(what, "no unused 1 MB chunk in the vmalloc area");
	if (pt_map(&kernel_aspace, va, pa, PAGE_SIZE, PAGE_KERNEL))
		return fail(what, "cannot map the page");
	pt_query(swapper_pg_dir, va, &w);
	if (w.kind != PT_SMALL || w.pa != pa) {
		pt_unmap(&kernel_aspace, va, PAGE_SIZE);
		return fail(what, "the page is not a small page");
	}
	count = fast ? time_lookup(va + 0x123, iterations, &found) : time_query(va, iterations);
	if (fast && (found != pa + 0x123 || mmu_pa_of(va + 0x123) != found))
		count = fail(what, "pt_lookup disagrees with the MMU");
	if (pt_unmap(&kernel_aspace, va, PAGE_SIZE))
		return fail(what, "cannot unmap the page");
	return count;
}

static uint64_t query_small(unsigned iterations)
{
	return walk_small(WALK_SMALL, false, iterations);
}
BENCH_CASE(query_small, WALK_SMALL, query_small, 10000);

static uint64_t lookup_small(unsigned iterations)
{
	return walk_small(LOOKUP, true, iterations);
}
BENCH_CASE(lookup_small, LOOKUP, lookup_small, 10000);

/* Lowmem is mapped with supersections where 16 MB alignment allows, sections elsewhere. */
static uint64_t query_kind(const char *what, enum pt_kind kind, unsigned iterations)
{
	uint32_t va = lowmem_with_kind(kind);

	if (!va)
		return fail(what, "no such mapping in lowmem");
	return time_query(va, iterations);
}

static uint64_t query_section(unsigned iterations)
{
	return query_kind(WALK_SECT, PT_SECTION, iterations);
}
BENCH_CASE(query_section, WALK_SECT, query_section, 10000);

static uint64_t query_supersection(unsigned iterations)
{
	return query_kind(WALK_SUPER, PT_SUPERSECTION, iterations);
}
BENCH_CASE(query_supersection, WALK_SUPER, query_supersection, 10000);

/* ---- TLB maintenance ---- */

/* Inline: read CONTEXTIDR, DSB, TLBIMVA, BPIALL, DSB, ISB. */
static uint64_t tlb_flush_page(unsigned iterations)
{
	uintptr_t va = (uintptr_t)bench_page;
	uint64_t t0 = bench_counter_read();

	for (unsigned i = 0; i < iterations; i++)
		local_flush_tlb_kernel_page(va);
	return bench_counter_read() - t0;
}
BENCH_CASE(tlb_flush_page, "local_flush_tlb_kernel_page (TLBIMVA)", tlb_flush_page, 10000);

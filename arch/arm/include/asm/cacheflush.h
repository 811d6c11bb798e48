/*
 * Cache and TLB maintenance with the barriers ARMv7 requires.
 *
 * Page-table updates follow one order: write the descriptor, clean its line
 * to the point of coherency (the walker may not look in the L1 D-cache),
 * DSB so the walker sees it, invalidate the TLB entry and the branch
 * predictor, DSB so that completes, ISB so later instructions use it.
 *
 * Names as in Linux: local_flush_tlb_*() act on this CPU's TLB only;
 * flush_tlb_all(), flush_tlb_kernel_page() and flush_tlb_kernel_range()
 * drop the entries on every CPU. On a CPU with the Multiprocessing
 * Extensions they use the inner-shareable operations (TLBIALLIS,
 * TLBIMVAAIS, BPIALLIS), which the hardware broadcasts; without them
 * (Cortex-A8, one CPU) those are UNDEFINED and the local forms are used.
 * tlb_ops_init() chooses once at boot, from MPIDR.M (bit 31).
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include "asm/cp15.h"

static inline uint32_t dcache_line_size(void)
{
	return 4u << ((read_ctr() >> 16) & 0xf);
}

static inline uint32_t icache_line_size(void)
{
	return 4u << (read_ctr() & 0xf);
}

#define CACHE_RANGE_OP(name, crm, op2)                                                  \
	static inline void name(uintptr_t start, uintptr_t end)                         \
	{                                                                               \
		uint32_t line = dcache_line_size();                                     \
		for (uintptr_t a = start & ~(uintptr_t)(line - 1); a < end; a += line)  \
			__asm__ volatile("mcr p15, 0, %0, c7, " #crm ", " #op2 ::"r"(a) \
					 : "memory");                                   \
		dsb();                                                                  \
	}
CACHE_RANGE_OP(dcache_clean_range, c10, 1)       /* DCCMVAC: clean to PoC */
CACHE_RANGE_OP(dcache_inval_range, c6, 1)        /* DCIMVAC */
CACHE_RANGE_OP(dcache_clean_inval_range, c14, 1) /* DCCIMVAC */
CACHE_RANGE_OP(dcache_clean_pou_range, c11, 1)   /* DCCMVAU: clean to PoU */

static inline void icache_inval_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 0" ::"r"(0) : "memory"); /* ICIALLU */
	dsb();
	isb();
}

static inline void bp_inval_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 6" ::"r"(0) : "memory"); /* BPIALL */
}

/* Make freshly written code in [start, end) executable. */
static inline void flush_icache_range(uintptr_t start, uintptr_t end)
{
	dcache_clean_pou_range(start, end);
	icache_inval_all();
}

/* Clean a just-written descriptor so the table walker sees it. */
static inline void clean_pt_entry(const void *entry)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" ::"r"(entry) : "memory");
	dsb();
}

/* Whole data cache by set/way (arch/arm/mmu/cache.S). */
void dcache_clean_inval_all(void);
void dcache_inval_all(void);

/* True once tlb_ops_init() found the Multiprocessing Extensions: broadcast. */
extern bool tlb_broadcast;
void tlb_ops_init(void);

static inline void local_flush_tlb_all(void)
{
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" ::"r"(0) : "memory"); /* TLBIALL */
	bp_inval_all();
	dsb();
	isb();
}

/*
 * TLBIMVA with the current ASID: also drops global entries for the VA,
 * which is what kernel mappings are (TLBIMVAA needs the MP extensions).
 */
static inline void local_flush_tlb_kernel_page(uintptr_t va)
{
	uint32_t asid = read_contextidr() & 0xff;

	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" ::"r"((va & ~0xfffu) | asid)
			 : "memory"); /* TLBIMVA */
	bp_inval_all();
	dsb();
	isb();
}

/* Past this many pages one TLBIALL is cheaper than a TLBIMVA per page. */
#define TLB_FLUSH_PAGES_MAX 64

/*
 * Drop the translations of [start, end) after its kernel PTEs were
 * cleared: one DSB, a TLBIMVA per page (global entries: no ASID needed),
 * DSB, ISB; TLBIALL for a large range. Data mappings only (XN): no branch
 * predictor maintenance.
 */
static inline void local_flush_tlb_kernel_range(uintptr_t start, uintptr_t end)
{
	if ((end - start) / 4096 > TLB_FLUSH_PAGES_MAX) {
		local_flush_tlb_all();
		return;
	}
	dsb();
	for (uintptr_t a = start & ~0xfffu; a < end; a += 4096)
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" ::"r"(a) : "memory"); /* TLBIMVA */
	dsb();
	isb();
}

/* TLBIALLIS, BPIALLIS: every CPU's TLB and branch predictor (MP Extensions). */
static inline void flush_tlb_all_is(void)
{
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 0" ::"r"(0) : "memory"); /* TLBIALLIS */
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 6" ::"r"(0) : "memory"); /* BPIALLIS */
	dsb();
	isb();
}

/* Every CPU's whole TLB: TLBIALLIS, or TLBIALL without the MP Extensions. */
static inline void flush_tlb_all(void)
{
	if (tlb_broadcast)
		flush_tlb_all_is();
	else
		local_flush_tlb_all();
}

/*
 * va's kernel (global) translation on every CPU, branch predictor too
 * (the page may have held code): TLBIMVAAIS matches any ASID.
 */
static inline void flush_tlb_kernel_page(uintptr_t va)
{
	if (!tlb_broadcast) {
		local_flush_tlb_kernel_page(va);
		return;
	}
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 3" ::"r"(va & ~0xfffu)
			 : "memory");                                      /* TLBIMVAAIS */
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 6" ::"r"(0) : "memory"); /* BPIALLIS */
	dsb();
	isb();
}

/*
 * local_flush_tlb_kernel_range() on every CPU: a TLBIMVAAIS per page, or
 * TLBIALLIS past TLB_FLUSH_PAGES_MAX pages. Data mappings only.
 */
static inline void flush_tlb_kernel_range(uintptr_t start, uintptr_t end)
{
	if (!tlb_broadcast) {
		local_flush_tlb_kernel_range(start, end);
		return;
	}
	if ((end - start) / 4096 > TLB_FLUSH_PAGES_MAX) {
		flush_tlb_all_is();
		return;
	}
	dsb();
	for (uintptr_t a = start & ~0xfffu; a < end; a += 4096)
		__asm__ volatile("mcr p15, 0, %0, c8, c3, 3" ::"r"(a) : "memory"); /* TLBIMVAAIS */
	dsb();
	isb();
}

/*
 * Replace the kernel PTE at ptep and drop the old translation of va on
 * this CPU only: for a mapping no other CPU uses (a per-CPU kmap_atomic
 * slot). The minimal sequence for a data-only mapping (no code, so no
 * branch predictor maintenance): write, clean to PoC, DSB, TLBIMVA, DSB,
 * ISB. Kernel PTEs are global, and TLBIMVA drops a global entry whatever
 * its ASID field holds, so CONTEXTIDR need not be read.
 */
static inline void local_set_kernel_pte_flush(uint32_t *ptep, uint32_t pte, uintptr_t va)
{
	*ptep = pte;
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" ::"r"(ptep) : "memory"); /* DCCMVAC */
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" ::"r"(va & ~0xfffu) : "memory"); /* TLBIMVA */
	dsb();
	isb();
}

/*
 * The same for a mapping any CPU may have used (vmalloc, pkmap): the
 * invalidate is TLBIMVAAIS on every CPU when tlb_broadcast is set.
 */
static inline void set_kernel_pte_flush(uint32_t *ptep, uint32_t pte, uintptr_t va)
{
	if (!tlb_broadcast) {
		local_set_kernel_pte_flush(ptep, pte, va);
		return;
	}
	*ptep = pte;
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" ::"r"(ptep) : "memory"); /* DCCMVAC */
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 3" ::"r"(va & ~0xfffu)
			 : "memory"); /* TLBIMVAAIS */
	dsb();
	isb();
}

/* Write a PTE into an empty slot: no TLB entry can exist for it, so no TLB maintenance. */
static inline void set_kernel_pte_fresh(uint32_t *ptep, uint32_t pte)
{
	*ptep = pte;
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" ::"r"(ptep) : "memory"); /* DCCMVAC */
	dsb();
}

/*
 * SMP form: drop va's translation on every CPU in the inner-shareable
 * domain (TLBIMVAIS). A local TLBIMVA leaves the other CPUs' entries in
 * place (PLATFORM.md, tests/target/smp_test.c). Multiprocessing
 * Extensions only (UNDEFINED on the Cortex-A8).
 */
static inline void flush_tlb_kernel_page_is(uintptr_t va)
{
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 1" ::"r"(va & ~0xfffu)
			 : "memory");                                      /* TLBIMVAIS */
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 6" ::"r"(0) : "memory"); /* BPIALLIS */
	dsb();
	isb();
}

static inline void local_flush_tlb_asid(uint32_t asid)
{
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 2" ::"r"(asid & 0xff) : "memory"); /* TLBIASID */
	bp_inval_all();
	dsb();
	isb();
}

/*
 * Drop the entries of [start, end) tagged with asid (a process's): by MVA
 * and ASID, or the whole ASID past TLB_FLUSH_PAGES_MAX pages.
 */
static inline void local_flush_tlb_user_range(uintptr_t start, uintptr_t end, uint32_t asid)
{
	if ((end - start) / 4096 > TLB_FLUSH_PAGES_MAX) {
		local_flush_tlb_asid(asid);
		return;
	}
	dsb();
	for (uintptr_t a = start & ~0xfffu; a < end; a += 4096)
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" ::"r"(a | (asid & 0xff)) : "memory");
	bp_inval_all(); /* the range may have held code */
	dsb();
	isb();
}

/* Every CPU's entries tagged with asid: TLBIASIDIS, BPIALLIS (MP Extensions). */
static inline void flush_tlb_asid_is(uint32_t asid)
{
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c3, 2" ::"r"(asid & 0xff)
			 : "memory");                                      /* TLBIASIDIS */
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 6" ::"r"(0) : "memory"); /* BPIALLIS */
	dsb();
	isb();
}

/*
 * local_flush_tlb_user_range() on every CPU: a process may have run, and
 * left entries, on any of them (it migrates), so a local flush is not
 * enough on SMP. TLBIMVAIS per page with the ASID, or TLBIASIDIS.
 */
static inline void flush_tlb_asid_range(uintptr_t start, uintptr_t end, uint32_t asid)
{
	if (!tlb_broadcast) {
		local_flush_tlb_user_range(start, end, asid);
		return;
	}
	if ((end - start) / 4096 > TLB_FLUSH_PAGES_MAX) {
		flush_tlb_asid_is(asid);
		return;
	}
	dsb();
	for (uintptr_t a = start & ~0xfffu; a < end; a += 4096)
		__asm__ volatile("mcr p15, 0, %0, c8, c3, 1" ::"r"(a | (asid & 0xff))
				 : "memory");                              /* TLBIMVAIS */
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 6" ::"r"(0) : "memory"); /* BPIALLIS */
	dsb();
	isb();
}

#endif

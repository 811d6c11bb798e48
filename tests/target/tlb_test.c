/*
 * Each TLB maintenance operation, seen through memory. A page is mapped to
 * physical page A and read (the TLB now holds the translation); then its
 * descriptor is rewritten to page B *without* maintenance: QEMU keeps
 * translating to A (PLATFORM.md: stale entries stay until invalidated),
 * which proves the next step matters. After the operation under test the
 * same read must return B's bytes.
 */
#include "asm/cacheflush.h"
#include "asm/cp15.h"
#include "asm/memory.h"
#include "mmu_fixture.h"

#define MARK_A 0xaaaa1111u
#define MARK_B 0xbbbb2222u

struct stale_setup {
	struct mmu_fixture f;
	volatile uint32_t *va;
	pte_t *pte;
	phys_addr_t pa_b;
	pgprot_t prot;
};

/* Map va -> A, read it, point the descriptor at B without any TLB maintenance. */
static bool make_stale(struct ktest *t, struct stale_setup *s, pgprot_t prot)
{
	struct pt_walk w;

	if (!mmu_fixture_get(t, &s->f))
		return false;
	s->va = (volatile uint32_t *)(s->f.va + SZ_1M + 5 * PAGE_SIZE);
	s->pa_b = s->f.pa_b;
	s->prot = prot;
	*(uint32_t *)__va(s->f.pa_a) = MARK_A;
	*(uint32_t *)__va(s->pa_b) = MARK_B;
	KEXPECT_EQ(t, pt_map(&kernel_aspace, (uint32_t)s->va, s->f.pa_a, PAGE_SIZE, prot), 0);
	KEXPECT_EQ(t, s->va[0], MARK_A);
	mmu_walk_live((uint32_t)s->va, &w);
	KEXPECT_EQ(t, w.kind, PT_SMALL);
	s->pte = __va(w.l2_addr);
	*s->pte = mk_small_page(s->pa_b, prot);
	clean_pt_entry(s->pte);
	KEXPECT_EQ(t, s->va[0], MARK_A); /* stale, as expected without maintenance */
	return !t->failed;
}

static void finish(struct ktest *t, struct stale_setup *s)
{
	/* Put the descriptor back so that unmapping finds what pt_map made. */
	*s->pte = mk_small_page(s->f.pa_a, s->prot);
	clean_pt_entry(s->pte);
	KEXPECT_EQ(t, pt_unmap(&kernel_aspace, (uint32_t)s->va, PAGE_SIZE), 0);
	mmu_fixture_put(t, &s->f);
}

static void tlbimva_drops_one_entry(struct ktest *t)
{
	struct stale_setup s;

	if (make_stale(t, &s, PAGE_KERNEL)) {
		local_flush_tlb_kernel_page((uintptr_t)s.va);
		KEXPECT_EQ(t, s.va[0], MARK_B);
	}
	finish(t, &s);
}

static void tlbiall_drops_everything(struct ktest *t)
{
	struct stale_setup s;

	if (make_stale(t, &s, PAGE_KERNEL)) {
		local_flush_tlb_all();
		KEXPECT_EQ(t, s.va[0], MARK_B);
	}
	finish(t, &s);
}

/*
 * A non-global page is tagged with the ASID in CONTEXTIDR. Invalidating
 * that ASID drops it. (Writing CONTEXTIDR flushes QEMU's whole TLB, so
 * the ASID is set before the page is touched.)
 */
static void tlbiasid_drops_tagged_entry(struct ktest *t)
{
	struct stale_setup s;
	uint32_t saved = read_contextidr();

	write_contextidr(5);
	isb();
	if (make_stale(t, &s, PAGE_KERNEL | PROT_NG)) {
		struct pt_walk w;

		mmu_walk_live((uint32_t)s.va, &w);
		KEXPECT_TRUE(t, w.prot & PROT_NG);
		local_flush_tlb_asid(5);
		KEXPECT_EQ(t, s.va[0], MARK_B);
	}
	finish(t, &s);
	write_contextidr(saved);
	isb();
}

static const struct ktest_case tlb_cases[] = {
	KTEST_CASE(tlbimva_drops_one_entry),
	KTEST_CASE(tlbiall_drops_everything),
	KTEST_CASE(tlbiasid_drops_tagged_entry),
};
KTEST_SUITE("tlb", tlb_cases);

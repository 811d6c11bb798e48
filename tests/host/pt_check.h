/*
 * Checks shared by the pt_map tests: what pt_query() must say about every
 * page of a range. Include after <cmocka.h>.
 */
#ifndef PT_CHECK_H
#define PT_CHECK_H

#include "host_env.h"

/* Block sizes by kind, written out rather than taken from pt_kind_size(). */
static const uint32_t kind_bytes[] = {
	[PT_SUPERSECTION] = 16u << 20,
	[PT_SECTION] = 1u << 20,
	[PT_LARGE] = 64u << 10,
	[PT_SMALL] = 4u << 10,
};

/*
 * The kind pt_map_max() must use for the page at x of a fresh mapping of
 * [va, va + size) at pa: the largest kind, no larger than max_kind, whose
 * aligned block around x lies inside the range and whose VA and PA agree
 * in alignment (supersections only in domain 0).
 */
static inline enum pt_kind expected_kind(uint32_t x, uint32_t va, uint32_t pa, uint32_t size,
					 enum pt_kind max_kind, unsigned domain)
{
	uint64_t end = (uint64_t)va + size;
	uint32_t delta = pa - va;

	for (enum pt_kind k = max_kind; k < PT_SMALL; k++) {
		uint32_t s = kind_bytes[k];
		uint64_t block = x & ~(uint64_t)(s - 1);

		if (k == PT_SUPERSECTION && domain)
			continue;
		if (block >= va && block + s <= end && !(delta & (s - 1)))
			return k;
	}
	return PT_SMALL;
}

static inline void expect_page(const pde_t *pgd, uint32_t x, enum pt_kind kind, uint64_t pa,
			       pgprot_t prot)
{
	uint32_t off = (x >> 10) & 0xffc; /* a different offset on each page */
	struct pt_walk w;

	pt_query(pgd, x + off, &w);
	if (w.kind != kind ||
	    (kind != PT_FAULT && (w.pa != pa + off || w.prot != prot || !w.memtype_known)))
		fail_msg("va %#x: %s pa %#llx prot %#x, want %s pa %#llx prot %#x", x + off,
			 pt_kind_name(w.kind), (unsigned long long)w.pa, w.prot, pt_kind_name(kind),
			 (unsigned long long)(pa + off), prot);
}

/* Every page of a fresh pt_map_max(va, pa, size, prot, max_kind). */
static inline void expect_mapped(const pde_t *pgd, uint32_t va, uint32_t pa, uint32_t size,
				 pgprot_t prot, enum pt_kind max_kind)
{
	for (uint64_t x = va; x < (uint64_t)va + size; x += SZ_4K)
		expect_page(
			pgd, (uint32_t)x,
			expected_kind((uint32_t)x, va, pa, size, max_kind, PROT_DOMAIN_OF(prot)),
			pa + (x - va), prot);
}

static inline void expect_unmapped(const pde_t *pgd, uint32_t va, uint32_t size)
{
	for (uint64_t x = va; x < (uint64_t)va + size; x += SZ_4K)
		expect_page(pgd, (uint32_t)x, PT_FAULT, 0, 0);
}

/* How many pages of [va, va + size) pt_query() reports as kind. */
static inline unsigned count_kind(const pde_t *pgd, uint32_t va, uint32_t size, enum pt_kind kind)
{
	unsigned n = 0;

	for (uint64_t x = va; x < (uint64_t)va + size; x += SZ_4K) {
		struct pt_walk w;

		pt_query(pgd, (uint32_t)x, &w);
		n += w.kind == kind;
	}
	return n;
}

/* No mapping and no L2 table left anywhere. */
static inline void expect_empty(const pde_t *pgd)
{
	for (unsigned i = 0; i < L1_ENTRIES; i++)
		if (pgd[i])
			fail_msg("L1 entry %#x is %#x, want 0", i, pgd[i]);
	assert_int_equal(host_l2_live(), 0);
}

#endif

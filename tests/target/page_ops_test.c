/*
 * clear_page and copy_page (arch/arm/lib), and clear_highpage and
 * copy_highpage over them (highmem.h), checked byte for byte: the page
 * written holds exactly what it should, and the pages on either side of it
 * (the same physically contiguous block) are untouched, so a loop one
 * store short or one store long shows, as does a register stored in the
 * wrong place (every byte of the patterns differs from its neighbours).
 * Highmem pages are reached through kmap_atomic; at sizes without highmem
 * those cases say so and check lowmem pages the same way.
 */
#include "asm/page.h"
#include "highmem.h"
#include "mm.h"
#include "ktest.h"
#include "test_util.h"

#define BLOCK_ORDER 2
#define BLOCK_PAGES (1u << BLOCK_ORDER)

/* The pattern byte i of a page filled with seed (never 0: a cleared byte always shows). */
static void fill(void *va, uint32_t seed)
{
	uint32_t *w = va, s = seed | 1;

	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = xorshift32(&s) | 0x01010101u;
}

/* The first byte where the page at va differs from the pattern of seed (or from zero when
 * seed is 0), or PAGE_SIZE when none does. */
static unsigned first_mismatch(const void *va, uint32_t seed)
{
	const uint8_t *b = va;
	uint32_t s = seed | 1, word = 0;

	for (unsigned i = 0; i < PAGE_SIZE; i++) {
		if (i % 4 == 0)
			word = seed ? xorshift32(&s) | 0x01010101u : 0;
		if (b[i] != (uint8_t)(word >> (8 * (i % 4))))
			return i;
	}
	return PAGE_SIZE;
}

static void fill_page(struct page *p, uint32_t seed)
{
	void *va = kmap_atomic(p);

	fill(va, seed);
	kunmap_atomic(va);
}

static unsigned page_mismatch(struct page *p, uint32_t seed)
{
	void *va = kmap_atomic(p);
	unsigned at = first_mismatch(va, seed);

	kunmap_atomic(va);
	return at;
}

#define SEED(i) (0x9e3779b9u * ((i) + 1))

/* Every page of the block holds its own pattern, except page skip (or none). */
static void expect_block_untouched(struct ktest *t, struct page *block, unsigned skip)
{
	for (unsigned i = 0; i < BLOCK_PAGES; i++)
		if (i != skip)
			KEXPECT_EQ(t, page_mismatch(block + i, SEED(i)), PAGE_SIZE);
}

static struct page *patterned_block(struct ktest *t, gfp_t gfp)
{
	struct page *block = alloc_pages(gfp, BLOCK_ORDER);

	if (!block)
		return NULL;
	for (unsigned i = 0; i < BLOCK_PAGES; i++)
		fill_page(block + i, SEED(i));
	expect_block_untouched(t, block, BLOCK_PAGES);
	return block;
}

/* clear_page on page 1 of a lowmem block: page 1 all zero, pages 0, 2 and 3 as they were. */
static void clear_page_clears_exactly_one_page(struct ktest *t)
{
	struct page *block = patterned_block(t, GFP_KERNEL);

	KASSERT_TRUE(t, block != NULL);
	clear_page(page_address(block + 1));
	KEXPECT_EQ(t, first_mismatch(page_address(block + 1), 0), PAGE_SIZE);
	expect_block_untouched(t, block, 1);
	/* The last page of the block too: its end is the block's end. */
	clear_page(page_address(block + BLOCK_PAGES - 1));
	KEXPECT_EQ(t, first_mismatch(page_address(block + BLOCK_PAGES - 1), 0), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(block + 2, SEED(2)), PAGE_SIZE);
	__free_pages(block, BLOCK_ORDER);
}

/* copy_page from page 3 to page 1: page 1 is page 3's pattern, the others as they were. */
static void copy_page_copies_exactly_one_page(struct ktest *t)
{
	struct page *block = patterned_block(t, GFP_KERNEL);

	KASSERT_TRUE(t, block != NULL);
	copy_page(page_address(block + 1), page_address(block + 3));
	KEXPECT_EQ(t, first_mismatch(page_address(block + 1), SEED(3)), PAGE_SIZE);
	expect_block_untouched(t, block, 1);
	/* Backwards in memory: page 2 into page 0. */
	copy_page(page_address(block), page_address(block + 2));
	KEXPECT_EQ(t, first_mismatch(page_address(block), SEED(2)), PAGE_SIZE);
	KEXPECT_EQ(t, first_mismatch(page_address(block + 1), SEED(3)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(block + 2, SEED(2)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(block + 3, SEED(3)), PAGE_SIZE);
	__free_pages(block, BLOCK_ORDER);
}

/*
 * Through kmap_atomic, on highmem pages when there are any: the same
 * checks, and the kmap_atomic slots are all given back, with no misuse.
 */
static void highpage_helpers_through_kmap_atomic(struct ktest *t)
{
	struct page *block = patterned_block(t, GFP_HIGHUSER);
	struct page *low = patterned_block(t, GFP_KERNEL);
	unsigned depth = kmap_atomic_depth(), misuse = vm_stats.misuse;

	KASSERT_TRUE(t, block != NULL && low != NULL);
	if (!PageHighMem(block))
		ktest_log("no highmem at this size: the highmem cases check lowmem pages");
	clear_highpage(block + 2);
	KEXPECT_EQ(t, page_mismatch(block + 2, 0), PAGE_SIZE);
	expect_block_untouched(t, block, 2);
	clear_user_highpage(block + 1, 0x40001000u);
	KEXPECT_EQ(t, page_mismatch(block + 1, 0), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(block + 0, SEED(0)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(block + 3, SEED(3)), PAGE_SIZE);

	/* highmem to highmem, lowmem to highmem, highmem to lowmem. */
	copy_highpage(block + 1, block + 3);
	KEXPECT_EQ(t, page_mismatch(block + 1, SEED(3)), PAGE_SIZE);
	copy_highpage(block + 2, low + 1);
	KEXPECT_EQ(t, page_mismatch(block + 2, SEED(1)), PAGE_SIZE);
	copy_highpage(low + 2, block);
	KEXPECT_EQ(t, page_mismatch(low + 2, SEED(0)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(block + 0, SEED(0)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(block + 3, SEED(3)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(low + 0, SEED(0)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(low + 1, SEED(1)), PAGE_SIZE);
	KEXPECT_EQ(t, page_mismatch(low + 3, SEED(3)), PAGE_SIZE);

	KEXPECT_EQ(t, kmap_atomic_depth(), depth);
	KEXPECT_EQ(t, vm_stats.misuse, misuse);
	__free_pages(block, BLOCK_ORDER);
	__free_pages(low, BLOCK_ORDER);
}

/* __GFP_ZERO (clear_pages) on a dirty block of every order up to 3, highmem when there is any. */
static void gfp_zero_clears_every_page_of_a_block(struct ktest *t)
{
	for (unsigned order = 0; order <= 3; order++) {
		struct page *p = alloc_pages(GFP_HIGHUSER, order);

		KASSERT_TRUE(t, p != NULL);
		for (unsigned i = 0; i < 1u << order; i++)
			fill_page(p + i, SEED(i));
		__free_pages(p, order);
		p = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, order);
		KASSERT_TRUE(t, p != NULL);
		for (unsigned i = 0; i < 1u << order; i++)
			KEXPECT_EQ(t, page_mismatch(p + i, 0), PAGE_SIZE);
		__free_pages(p, order);
	}
}

static const struct ktest_case page_ops_cases[] = {
	KTEST_CASE(clear_page_clears_exactly_one_page),
	KTEST_CASE(copy_page_copies_exactly_one_page),
	KTEST_CASE(highpage_helpers_through_kmap_atomic),
	KTEST_CASE(gfp_zero_clears_every_page_of_a_block),
};
KTEST_SUITE("page_ops", page_ops_cases);

/*
 * Misuse of the page allocator, one kind per test: each call must be
 * counted once in vm_stats.misuse, reported by printk with the reason, and
 * change nothing: the zones (free lists, counters, hot lists), every struct
 * page and the pageblock types are compared with a snapshot taken before.
 * Layout: see test_buddy_alloc.c (PFN BASE .. BASE + 23 are reserved).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "buddy_test.h"
#include "host_env.h"

#define BASE BUDDY_ENV_BASE_PFN

static struct buddy_snapshot *snap;
static uint32_t misuse_before;

/* A failed check leaves its snapshot out. */
static int teardown(void **state)
{
	(void)state;
	buddy_snapshot_free(snap);
	snap = NULL;
	return 0;
}

static void before_misuse(void)
{
	snap = buddy_snapshot_take();
	misuse_before = vm_stats.misuse;
	host_printk_clear();
}

static void after_misuse(const char *call, const char *text, int line)
{
	const char *diff = buddy_snapshot_diff(snap);

	buddy_snapshot_free(snap);
	snap = NULL;
	if (diff)
		fail_msg("line %d: %s changed the allocator: %s", line, call, diff);
	if (vm_stats.misuse != misuse_before + 1)
		fail_msg("line %d: %s: vm_stats.misuse went from %u to %u", line, call,
			 misuse_before, vm_stats.misuse);
	if (!strstr(host_printk_output(), text))
		fail_msg("line %d: %s printed \"%s\", not \"%s\"", line, call, host_printk_output(),
			 text);
	if (buddy_check())
		fail_msg("line %d: %s: buddy_check() failed", line, call);
}

/* Run call (a misuse): counted once, printed with text, nothing changed. */
#define EXPECT_MISUSE(call, text)                    \
	do {                                         \
		before_misuse();                     \
		call;                                \
		after_misuse(#call, text, __LINE__); \
	} while (0)

static void double_free_from_the_hot_list(void **state)
{
	struct page *p = alloc_page(GFP_KERNEL);

	(void)state;
	assert_non_null(p);
	__free_page(p);
	assert_true(p->flags & PG_pcp);
	EXPECT_MISUSE(__free_page(p), "BUG: bad page free: double free: pfn 0x");
	EXPECT_MISUSE(free_page((uintptr_t)page_address(p)), "double free");
	EXPECT_MISUSE(__free_pages(p, 1), "double free");
}

static void double_free_from_the_buddy_lists(void **state)
{
	struct page *a = alloc_pages(GFP_HIGHUSER_MOVABLE, 2),
		    *b = alloc_pages(GFP_HIGHUSER_MOVABLE, 2);
	struct page *c = alloc_pages(GFP_HIGHUSER_MOVABLE, 3);

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_equal(b, a + 4); /* buddies */
	__free_pages(a, 2);         /* parked on this CPU's order-2 hot list */
	assert_true(a->flags & PG_pcp);
	EXPECT_MISUSE(__free_pages(a, 2), "BUG: bad page free: double free: pfn");
	drain_all_pages(); /* b is held: a stays a free head on the buddy lists */
	assert_true(PageBuddy(a) && page_order(a) == 2);
	EXPECT_MISUSE(__free_pages(a, 2), "BUG: bad page free: double free: pfn");
	EXPECT_MISUSE(__free_pages(a, 0), "double free");
	/* Freed and merged: the head is now inside a larger free block. */
	__free_pages(b, 2);
	drain_all_pages();
	assert_false(PageBuddy(b));
	EXPECT_MISUSE(__free_pages(b, 2), "double free (inside a free block)");
	/* Never allocated at all: a page in the middle of the free order-10 remainder. */
	EXPECT_MISUSE(__free_pages(pfn_to_page(BASE + 5000), 0),
		      "double free (inside a free block)");
	__free_pages(c, 3);
}

static void wrong_order(void **state)
{
	struct page *p = alloc_pages(GFP_KERNEL, 2), *q = alloc_page(GFP_KERNEL);

	(void)state;
	assert_non_null(p);
	assert_non_null(q);
	EXPECT_MISUSE(__free_pages(p, 3), "freed with order 3, allocated with order 2");
	EXPECT_MISUSE(__free_pages(p, 1), "freed with order 1, allocated with order 2");
	EXPECT_MISUSE(__free_pages(p, 0), "freed with order 0, allocated with order 2");
	EXPECT_MISUSE(__free_pages(q, 1), "freed with order 1, allocated with order 0");
	EXPECT_MISUSE(free_pages((uintptr_t)page_address(p), 1), "freed with order 1");
	__free_pages(p, 2);
	__free_page(q);
	assert_int_equal(vm_stats.misuse, 5);
}

static void tail_page(void **state)
{
	struct page *p = alloc_pages(GFP_KERNEL, 3);

	(void)state;
	assert_non_null(p);
	EXPECT_MISUSE(__free_pages(p + 1, 0), "not the first page of its allocation");
	EXPECT_MISUSE(__free_pages(p + 7, 0), "not the first page of its allocation");
	EXPECT_MISUSE(__free_pages(p + 4, 2), "not the first page of its allocation");
	EXPECT_MISUSE(free_pages((uintptr_t)page_address(p) + 4096, 0), "not the first page");
	EXPECT_MISUSE(free_pages((uintptr_t)page_address(p) + 3 * 4096 + 100, 0),
		      "not the first page");
	__free_pages(p, 3);
}

static void reserved_page(void **state)
{
	(void)state;
	EXPECT_MISUSE(__free_page(pfn_to_page(BASE)),
		      "page is reserved: pfn 0x60000 (pa 0x60000000)");
	EXPECT_MISUSE(__free_pages(pfn_to_page(BASE + 16), 3), "page is reserved");
	EXPECT_MISUSE(__free_page(pfn_to_page(BASE + 4095)), "page is reserved");
	EXPECT_MISUSE(free_page((uintptr_t)page_address(pfn_to_page(BASE + 1))),
		      "page is reserved");
}

static void null_page(void **state)
{
	(void)state;
	EXPECT_MISUSE(__free_pages(NULL, 0), "BUG: bad page free: NULL page, order 0, caller");
	EXPECT_MISUSE(__free_pages(NULL, 3), "NULL page, order 3");
	/* free_pages(0, ...) is a no-op, as in Linux. */
	free_pages(0, 0);
	assert_int_equal(vm_stats.misuse, 2);
}

static void pointer_outside_mem_map(void **state)
{
	char *base = (char *)mem_map;
	size_t size = sizeof(struct page);
	struct page *p = alloc_page(GFP_KERNEL);

	(void)state;
	assert_non_null(p);
	EXPECT_MISUSE(__free_page((struct page *)(base - size)), "is not a struct page");
	EXPECT_MISUSE(__free_page((struct page *)(base + size * buddy_env_nr_pages())),
		      "is not a struct page");
	EXPECT_MISUSE(__free_pages((struct page *)(base + size * buddy_env_nr_pages() + 4096), 2),
		      "is not a struct page");
	/* Inside mem_map but not on a struct page boundary, next to a live page. */
	EXPECT_MISUSE(__free_page((struct page *)((char *)p + 8)), "is not a struct page");
	EXPECT_MISUSE(__free_page((struct page *)((char *)p + 1)), "is not a struct page");
	/* A 64-bit host: 4 GB past mem_map must not pass for its first page. */
	EXPECT_MISUSE(__free_page((struct page *)(base + 0x100000000ull)), "is not a struct page");
	__free_page(p);
}

static void order_above_max(void **state)
{
	struct page *p = alloc_pages(GFP_KERNEL, 1);

	(void)state;
	assert_non_null(p);
	EXPECT_MISUSE(__free_pages(p, 11), "order above MAX_PAGE_ORDER");
	EXPECT_MISUSE(__free_pages(p, 31), "order above MAX_PAGE_ORDER");
	EXPECT_MISUSE(
		assert_null(alloc_pages(GFP_KERNEL, 11)),
		"page allocation failure: order:11, mode:0x80(GFP_KERNEL): order above MAX_PAGE_ORDER");
	assert_int_equal(vm_stats.alloc_warnings, 1);
	EXPECT_MISUSE(assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 12)), "");
	assert_int_equal(vm_stats.alloc_warnings, 1);
	assert_int_equal(vm_stats.alloc_failures, 2);
	EXPECT_MISUSE(assert_int_equal(__get_free_pages(GFP_KERNEL, 11), 0), "order above");
	__free_pages(p, 1);
}

static void bad_gfp(void **state)
{
	(void)state;
	EXPECT_MISUSE(assert_null(alloc_pages(GFP_KERNEL | 0x004, 0)), "unknown GFP bits");
	EXPECT_MISUSE(assert_null(alloc_pages(GFP_KERNEL | 0x800, 0)), "unknown GFP bits");
	EXPECT_MISUSE(assert_null(alloc_pages(0x80000000u, 2)), "unknown GFP bits");
	EXPECT_MISUSE(assert_int_equal(get_zeroed_page(GFP_KERNEL | 0x1000), 0),
		      "unknown GFP bits");
	/* Highmem pages have no kernel address to return. */
	EXPECT_MISUSE(assert_int_equal(__get_free_pages(GFP_HIGHUSER, 0), 0),
		      "__GFP_HIGHMEM has no kernel address");
	EXPECT_MISUSE(assert_int_equal(get_zeroed_page(GFP_HIGHUSER), 0),
		      "__GFP_HIGHMEM has no kernel address");
}

/* Pages the slab allocator owns go back through it (kfree, kmem_cache_free), not here. */
static void slab_pages(void **state)
{
	struct page *p = alloc_page(GFP_KERNEL), *q = alloc_pages(GFP_KERNEL, 2);

	(void)state;
	assert_non_null(p);
	assert_non_null(q);
	p->flags |= PG_slab;
	q->flags |= PG_kmalloc;
	EXPECT_MISUSE(__free_page(p), "page belongs to a slab cache");
	EXPECT_MISUSE(__free_pages(q, 2), "page is a kmalloc() allocation: use kfree()");
	p->flags &= ~PG_slab;
	q->flags &= ~PG_kmalloc;
	__free_page(p);
	__free_pages(q, 2);
	assert_int_equal(vm_stats.misuse, 2);
}

/* After every kind of misuse the memory all comes back and still merges. */
static void nothing_leaks(void **state)
{
	struct page *a = alloc_page(GFP_KERNEL), *b = alloc_pages(GFP_KERNEL, 4);

	(void)state;
	__free_page(a);
	__free_page(a);
	__free_pages(b + 3, 0);
	__free_pages(b, 5);
	__free_pages(b, 4);
	__free_pages(b, 4);
	__free_pages(NULL, 0);
	__free_pages(pfn_to_page(BASE), 0);
	assert_int_equal(vm_stats.misuse, 6);
	drain_all_pages();
	assert_int_equal(nr_free_pages(), 5056);
	assert_int_equal(buddy_check(), 0);
	assert_non_null(b = alloc_pages(GFP_KERNEL, 10));
	__free_pages(b, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(double_free_from_the_hot_list, buddy_test_setup,
						teardown),
		cmocka_unit_test_setup_teardown(double_free_from_the_buddy_lists, buddy_test_setup,
						teardown),
		cmocka_unit_test_setup_teardown(wrong_order, buddy_test_setup, teardown),
		cmocka_unit_test_setup_teardown(tail_page, buddy_test_setup, teardown),
		cmocka_unit_test_setup_teardown(reserved_page, buddy_test_setup, teardown),
		cmocka_unit_test_setup_teardown(null_page, buddy_test_setup, teardown),
		cmocka_unit_test_setup_teardown(pointer_outside_mem_map, buddy_test_setup,
						teardown),
		cmocka_unit_test_setup_teardown(order_above_max, buddy_test_setup, teardown),
		cmocka_unit_test_setup_teardown(bad_gfp, buddy_test_setup, teardown),
		cmocka_unit_test_setup_teardown(slab_pages, buddy_test_setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_leaks, buddy_test_setup, teardown),
	};

	return cmocka_run_group_tests_name("buddy_misuse", tests, NULL, NULL);
}

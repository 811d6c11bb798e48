/*
 * kmalloc and mempools on the host slab allocator: the size classes and
 * ksize(), page-backed allocations above 4 KB, kzalloc, krealloc keeping
 * the contents, kcalloc's overflow check, __GFP_DMA requests served by the
 * dma-kmalloc caches from ZONE_DMA, and mempools keeping their min_nr
 * elements when the page allocator is exhausted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errno.h"
#include "host_env.h"
#include "mempool.h"
#include "slab_env.h"
#include "mm/slab/slab_internal.h"

static uint32_t start_free;
static unsigned start_active;

static int setup(void **state)
{
	(void)state;
	host_env_reset();
	start_free = slab_env_fresh(false);
	start_active = slab_env_active_objs();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(slab_env_validate_all(), 0);
	slab_env_shrink_all();
	assert_int_equal(slab_env_active_objs(), start_active);
	assert_int_equal(nr_free_pages(), start_free);
	assert_int_equal(buddy_check(), 0);
	return 0;
}

static size_t class_of(size_t size)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096 };

	for (unsigned i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	return 0;
}

static void size_classes(void **state)
{
	static void *p[4097];
	char name[32];

	(void)state;
	for (size_t size = 1; size <= 4096; size++) {
		struct kmem_cache *s;

		p[size] = kmalloc(size, GFP_KERNEL);
		assert_non_null(p[size]);
		s = addr_to_slab(p[size])->cache;
		assert_int_equal(ksize(p[size]), class_of(size));
		assert_int_equal(s->object_size, class_of(size));
		if (class_of(size) >= 1024)
			snprintf(name, sizeof(name), "kmalloc-%zuk", class_of(size) / 1024);
		else
			snprintf(name, sizeof(name), "kmalloc-%zu", class_of(size));
		assert_string_equal(s->name, name);
		assert_int_equal((uintptr_t)p[size] % min(class_of(size), (size_t)8), 0);
		memset(p[size], 0xee, ksize(p[size])); /* all of ksize is usable */
	}
	for (size_t size = 1; size <= 4096; size++)
		kfree(p[size]);
	/* kmalloc(0): not NULL, not usable, kfree ignores it. */
	p[0] = kmalloc(0, GFP_KERNEL);
	assert_non_null(p[0]);
	assert_int_equal(ksize(p[0]), 0);
	kfree(p[0]);
	assert_int_equal(slab_errors, 0);
}

static void large(void **state)
{
	static const size_t sizes[] = { 4097, 8192, 8193, 65536, 100000, 1u << 20, 2u << 20 };
	uint32_t before = nr_free_pages();

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i], GFP_KERNEL);
		size_t pages = (size_t)1 << get_order(sizes[i]);

		assert_non_null(p);
		assert_int_equal(ksize(p), pages * 4096);
		assert_int_equal((uintptr_t)p % 4096, 0);
		assert_true(virt_to_page(p)->flags & PG_kmalloc);
		memset(p, 1, sizes[i]);
		assert_int_equal(nr_free_pages(), before - pages);
		kfree(p);
		assert_int_equal(nr_free_pages(), before);
	}
	host_printk_clear();
	assert_null(kmalloc((4u << 20) + 1, GFP_KERNEL));
	assert_non_null(strstr(host_printk_output(), "WARNING: kmalloc"));
	host_printk_clear();
	assert_null(kmalloc((4u << 20) + 1, GFP_KERNEL | __GFP_NOWARN));
	assert_string_equal(host_printk_output(), "");
	assert_int_equal(slab_errors, 0);
}

static void zeroing(void **state)
{
	char *p;

	(void)state;
	p = kmalloc(200, GFP_KERNEL);
	memset(p, 0xff, 256);
	kfree(p);
	p = kzalloc(200, GFP_KERNEL);
	for (unsigned i = 0; i < 200; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	p = kzalloc(20000, GFP_KERNEL);
	for (unsigned i = 0; i < 20000; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
}

static void realloc_keeps_contents(void **state)
{
	static const size_t steps[] = { 5, 8, 9, 100, 96, 97, 700, 4096, 4097, 30000, 12, 3000, 0 };
	uint8_t *p = NULL;
	size_t have = 0;

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(steps); i++) {
		size_t n = steps[i], keep = min(have, n);
		uint8_t *q = krealloc(p, n, GFP_KERNEL);

		assert_non_null(q);
		if (!n) {
			p = NULL;
			break;
		}
		assert_true(ksize(q) >= n);
		if (ksize(p) >= n)
			assert_ptr_equal(q, p); /* it fits where it is */
		for (size_t b = 0; b < keep; b++)
			if (q[b] != (uint8_t)(b * 7 + 1))
				fail_msg("krealloc to %zu: byte %zu lost", n, b);
		for (size_t b = keep; b < n; b++)
			q[b] = (uint8_t)(b * 7 + 1);
		p = q;
		have = n;
	}
	/*
	 * krealloc(NULL) is kmalloc; __GFP_ZERO zeroes the new tail (past the
	 * old ksize, so as in Linux the first allocation must be zeroed too).
	 */
	p = krealloc(NULL, 10, GFP_KERNEL | __GFP_ZERO);
	memset(p, 0x33, 10);
	p = krealloc(p, 500, GFP_KERNEL | __GFP_ZERO);
	for (unsigned b = 0; b < 500; b++)
		assert_int_equal(p[b], b < 10 ? 0x33 : 0);
	kfree(p);
	/* A failed krealloc leaves the old object alone. */
	p = kmalloc(64, GFP_KERNEL);
	memset(p, 0x44, 64);
	assert_null(krealloc(p, (4u << 20) + 1, GFP_KERNEL | __GFP_NOWARN));
	for (unsigned b = 0; b < 64; b++)
		assert_int_equal(p[b], 0x44);
	kfree(p);
	assert_int_equal(slab_errors, 0);
}

static void calloc_overflow(void **state)
{
	uint32_t *p;

	(void)state;
	p = kcalloc(100, sizeof(uint32_t), GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal(ksize(p), 512);
	for (unsigned i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	kfree(p);
	host_printk_clear();
	assert_null(kcalloc(SIZE_MAX / 8 + 1, 8, GFP_KERNEL));
	assert_non_null(strstr(host_printk_output(), "overflows"));
	assert_null(kcalloc(2, SIZE_MAX / 2 + 1, GFP_KERNEL | __GFP_NOWARN));
	assert_null(kcalloc(SIZE_MAX, SIZE_MAX, GFP_KERNEL | __GFP_NOWARN));
	p = kcalloc(0, 8, GFP_KERNEL); /* zero elements: kmalloc(0) */
	assert_non_null(p);
	assert_int_equal(ksize(p), 0);
	kfree(p);
}

static void dma_requests(void **state)
{
	static const size_t sizes[] = { 8, 30, 64, 96, 150, 256, 1000, 2048, 4096, 5000 };
	void *p[ARRAY_SIZE(sizes)][20];

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned j = 0; j < 20; j++) {
			p[i][j] = kmalloc(sizes[i], GFP_DMA | GFP_KERNEL);
			assert_non_null(p[i][j]);
			assert_int_equal(page_zonenum(virt_to_page(p[i][j])), ZONE_DMA);
			if (sizes[i] <= 4096) {
				const char *name = addr_to_slab(p[i][j])->cache->name;

				assert_memory_equal(name, "dma-kmalloc-", 12);
			}
		}
	/* Plain requests stay out of the DMA caches. */
	{
		void *q = kmalloc(64, GFP_KERNEL);

		assert_string_equal(addr_to_slab(q)->cache->name, "kmalloc-64");
		assert_int_equal(page_zonenum(virt_to_page(q)), ZONE_NORMAL);
		kfree(q);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned j = 0; j < 20; j++)
			kfree(p[i][j]);
	assert_int_equal(slab_errors, 0);
}

/* ---- mempools ---- */

static struct page *hog[8192];
static unsigned nr_hog;

/* Take every free page, in every zone. */
static void exhaust_pages(void)
{
	struct page *p;

	drain_all_pages();
	nr_hog = 0;
	for (int order = 10; order >= 0; order--)
		while ((p = alloc_pages(__GFP_HIGHMEM | __GFP_ATOMIC | __GFP_HIGH | __GFP_NOWARN,
					order)))
			hog[nr_hog++] = p;
	for (int order = 10; order >= 0; order--)
		while ((p = alloc_pages(GFP_DMA | __GFP_ATOMIC | __GFP_HIGH | __GFP_NOWARN, order)))
			hog[nr_hog++] = p;
	assert_null(alloc_page(GFP_ATOMIC | __GFP_NOWARN));
}

static void release_pages(void)
{
	while (nr_hog) {
		struct page *p = hog[--nr_hog];

		__free_pages(p, page_order(p));
	}
}

static void mempool_reserve(void **state, mempool_t *pool, struct kmem_cache *s)
{
	static void *got[4096];
	unsigned n = 0, from_cache = 0;

	(void)state;
	assert_int_equal(pool->curr_nr, 4);
	exhaust_pages();
	/* Use up what the cache or kmalloc still has in its slabs. */
	while ((got[n] = mempool_alloc(pool, GFP_KERNEL)) && pool->curr_nr == 4)
		n++, from_cache++;
	assert_non_null(got[n]);
	n++;
	/* The reserve: three more, then nothing. */
	for (unsigned i = 0; i < 3; i++) {
		assert_non_null(got[n] = mempool_alloc(pool, GFP_KERNEL));
		n++;
	}
	assert_int_equal(pool->curr_nr, 0);
	assert_null(mempool_alloc(pool, GFP_KERNEL));
	/* Freeing refills the reserve first, then gives back. */
	while (n)
		mempool_free(got[--n], pool);
	assert_int_equal(pool->curr_nr, 4);
	assert_int_equal(pool->min_nr, 4);
	(void)s;
	release_pages();
}

static void mempool_slab_pool(void **state)
{
	struct kmem_cache *s = kmem_cache_create("pooled", 300, 0, 0, NULL);
	mempool_t *pool = mempool_create_slab_pool(4, s);

	assert_non_null(pool);
	mempool_reserve(state, pool, s);
	/* Resize: grow, shrink, and a grow that cannot be met changes nothing. */
	assert_int_equal(mempool_resize(pool, 10), 0);
	assert_int_equal(pool->curr_nr, 10);
	assert_int_equal(mempool_resize(pool, 2), 0);
	assert_int_equal(pool->curr_nr, 2);
	exhaust_pages();
	{
		void *spare[64];
		unsigned n = 0;

		/* Empty the cache's slabs too, so that growing must fail. */
		while (n < 64 && (spare[n] = kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN)))
			n++;
		assert_true(n < 64);
		assert_int_equal(mempool_resize(pool, 8), -ENOMEM);
		assert_int_equal(pool->curr_nr, 2);
		assert_int_equal(pool->min_nr, 2);
		while (n)
			kmem_cache_free(s, spare[--n]);
	}
	release_pages();
	mempool_destroy(pool);
	assert_int_equal(kmem_cache_destroy(s), 0);
}

static void mempool_kmalloc_pool(void **state)
{
	mempool_t *pool = mempool_create_kmalloc_pool(4, 1500);

	assert_non_null(pool);
	mempool_reserve(state, pool, NULL);
	mempool_destroy(pool);
}

static unsigned fail_after;

static void *counted_alloc(gfp_t gfp, void *cache)
{
	if (!fail_after)
		return NULL;
	fail_after--;
	return kmem_cache_alloc(cache, gfp);
}

/* A pool whose preallocation fails is not created, and leaks nothing. */
static void mempool_create_fails(void **state)
{
	struct kmem_cache *s = kmem_cache_create("pooled", 64, 0, 0, NULL);
	struct slabinfo info;

	(void)state;
	fail_after = 2;
	assert_null(mempool_create(5, counted_alloc, mempool_free_slab, s));
	kmem_cache_info(s, &info);
	assert_int_equal(info.active_objs, 0);
	assert_int_equal(kmem_cache_destroy(s), 0);
	slab_env_shrink_all();
	assert_int_equal(slab_env_active_objs(), start_active);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(size_classes, setup, teardown),
		cmocka_unit_test_setup_teardown(large, setup, teardown),
		cmocka_unit_test_setup_teardown(zeroing, setup, teardown),
		cmocka_unit_test_setup_teardown(realloc_keeps_contents, setup, teardown),
		cmocka_unit_test_setup_teardown(calloc_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(dma_requests, setup, teardown),
		cmocka_unit_test_setup_teardown(mempool_slab_pool, setup, teardown),
		cmocka_unit_test_setup_teardown(mempool_kmalloc_pool, setup, teardown),
		cmocka_unit_test_setup_teardown(mempool_create_fails, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

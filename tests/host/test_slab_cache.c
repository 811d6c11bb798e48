/*
 * The slab allocator's caches on the host (slab_env.c over buddy_env.c):
 * creation with many sizes, alignments and flags (objects aligned, inside
 * their slab, never overlapping, a constructor run exactly once per object
 * when its slab is made), kmem_cache_info's counts, shrinking, destruction
 * (-EBUSY naming every live object), the validator finding deliberately
 * corrupted freelists and counters, and every page back in the buddy
 * allocator once everything is freed, destroyed and shrunk.
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
#include "slab_env.h"
#include "mm/slab/slab_internal.h"

static uint32_t start_free;

static int setup(void **state)
{
	(void)state;
	host_env_reset();
	start_free = slab_env_fresh(false);
	return 0;
}

/* Everything given back: no errors beyond those expected, all pages free. */
static void expect_clean(unsigned errors)
{
	assert_int_equal(slab_env_validate_all(), 0);
	slab_env_shrink_all();
	assert_int_equal(slab_errors, errors);
	assert_int_equal(nr_free_pages(), start_free);
	assert_int_equal(buddy_check(), 0);
}

/* ---- sizes and alignments ---- */

static unsigned ctor_calls;
static size_t ctor_size;

static void ctor_mark(void *obj)
{
	ctor_calls++;
	memset(obj, 0x5c, min(ctor_size, (size_t)8));
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

#define NOBJ 300

static void one_cache(size_t size, size_t align, unsigned flags, bool ctor)
{
	static void *obj[NOBJ];
	struct kmem_cache *s;
	struct slabinfo info;
	unsigned n = size > 4096 ? 40 : NOBJ;
	size_t want_align = align ? align : 8;

	ctor_calls = 0;
	ctor_size = size;
	s = kmem_cache_create("test", size, align, flags, ctor ? ctor_mark : NULL);
	assert_non_null(s);
	if (flags & SLAB_HWCACHE_ALIGN) {
		size_t line = L1_CACHE_BYTES;

		while (size <= line / 2)
			line /= 2;
		want_align = max(want_align, line);
	}
	want_align = max(want_align, (size_t)8);
	for (unsigned i = 0; i < n; i++) {
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(obj[i]);
		if ((uintptr_t)obj[i] % want_align)
			fail_msg("size %zu align %zu flags %#x: object %p not aligned to %zu", size,
				 align, flags, obj[i], want_align);
		assert_true(virt_addr_valid(obj[i]));
		assert_ptr_equal(addr_to_slab(obj[i])->cache, s);
		assert_true(virt_addr_valid((char *)obj[i] + size - 1));
		assert_ptr_equal(addr_to_slab((char *)obj[i] + size - 1), addr_to_slab(obj[i]));
		if (ctor)
			for (unsigned b = 0; b < min(size, (size_t)8); b++)
				assert_int_equal(((uint8_t *)obj[i])[b], 0x5c);
		memset(obj[i], (int)i, size);
	}
	/* No overlap: sorted, each ends before the next starts; contents intact. */
	for (unsigned i = 0; i < n; i++)
		for (size_t b = 0; b < size; b += 1 + size / 16)
			assert_int_equal(((uint8_t *)obj[i])[b], (uint8_t)i);
	{
		static void *sorted[NOBJ];

		memcpy(sorted, obj, n * sizeof(void *));
		qsort(sorted, n, sizeof(void *), cmp_ptr);
		for (unsigned i = 1; i < n; i++)
			if ((char *)sorted[i - 1] + size > (char *)sorted[i])
				fail_msg("size %zu: objects %p and %p overlap", size, sorted[i - 1],
					 sorted[i]);
	}
	kmem_cache_info(s, &info);
	assert_int_equal(info.active_objs, n);
	assert_int_equal(info.objsize, size);
	assert_true(info.num_objs >= n);
	assert_int_equal(info.num_objs, info.num_slabs * info.objperslab);
	if (ctor) {
		/* Once per object, when its slab was made; never again on allocation. */
		assert_int_equal(ctor_calls, info.num_objs);
		for (unsigned i = 0; i < n; i++) {
			memset(obj[i], 0x5c, min(size, (size_t)8));
			kmem_cache_free(s, obj[i]);
			obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
			assert_non_null(obj[i]);
			assert_int_equal(((uint8_t *)obj[i])[0], 0x5c);
		}
		assert_int_equal(ctor_calls, info.num_objs);
	}
	assert_int_equal(kmem_cache_validate(s), 0);
	for (unsigned i = 0; i < n; i++)
		kmem_cache_free(s, obj[i]);
	kmem_cache_info(s, &info);
	assert_int_equal(info.active_objs, 0);
	assert_int_equal(kmem_cache_validate(s), 0);
	assert_int_equal(kmem_cache_destroy(s), 0);
}

static void sizes_and_alignments(void **state)
{
	static const size_t sizes[] = { 1,    3,    4,    7,    8,     12,   16,   24,   31,
					32,   40,   60,   64,   96,    100,  128,  192,  200,
					255,  256,  300,  512,  640,   1000, 1024, 2000, 2048,
					3000, 4096, 5000, 8192, 12000, 16384 };
	static const size_t aligns[] = { 0, 8, 16, 32, 64, 128, 256, 4096 };
	static const unsigned flags[] = { 0, SLAB_HWCACHE_ALIGN, SLAB_RED_ZONE | SLAB_POISON,
					  SLAB_CACHE_DMA };

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned a = 0; a < ARRAY_SIZE(aligns); a++)
			for (unsigned f = 0; f < ARRAY_SIZE(flags); f++) {
				if (sizes[i] > 4096 && aligns[a] > 64)
					continue;
				one_cache(sizes[i], aligns[a], flags[f], (i + a + f) % 3 == 0);
			}
	expect_clean(0);
}

static void create_rejects(void **state)
{
	(void)state;
	assert_null(kmem_cache_create("zero", 0, 0, 0, NULL));
	assert_null(kmem_cache_create("huge", 16385, 0, 0, NULL));
	assert_null(kmem_cache_create(NULL, 16, 0, 0, NULL));
	assert_null(kmem_cache_create("align3", 16, 3, 0, NULL));
	assert_null(kmem_cache_create("align8k", 16, 8192, 0, NULL));
	assert_null(kmem_cache_create("flags", 16, 0, 0x100, NULL));
	assert_int_equal(kmem_cache_destroy(NULL), 0);
	expect_clean(0);
}

static void dma_cache_pages(void **state)
{
	struct kmem_cache *s = kmem_cache_create("dma", 100, 0, SLAB_CACHE_DMA, NULL);
	void *obj[100];

	(void)state;
	assert_non_null(s);
	for (unsigned i = 0; i < 100; i++) {
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(obj[i]);
		assert_int_equal(page_zonenum(virt_to_page(obj[i])), ZONE_DMA);
	}
	for (unsigned i = 0; i < 100; i++)
		kmem_cache_free(s, obj[i]);
	assert_int_equal(kmem_cache_destroy(s), 0);
	expect_clean(0);
}

static void zalloc_zeroes(void **state)
{
	struct kmem_cache *s = kmem_cache_create("z", 200, 0, 0, NULL);
	void *a, *b;

	(void)state;
	a = kmem_cache_alloc(s, GFP_KERNEL);
	memset(a, 0xff, 200);
	kmem_cache_free(s, a);
	b = kmem_cache_zalloc(s, GFP_KERNEL);
	assert_ptr_equal(a, b); /* the CPU freelist is LIFO */
	for (unsigned i = 0; i < 200; i++)
		assert_int_equal(((uint8_t *)b)[i], 0);
	kmem_cache_free(s, b);
	assert_int_equal(kmem_cache_destroy(s), 0);
	expect_clean(0);
}

/* ---- shrink and the empty-slab reserve ---- */

static void shrink_gives_pages_back(void **state)
{
	struct kmem_cache *s = kmem_cache_create("shrink", 512, 0, 0, NULL);
	static void *obj[1000];
	struct slabinfo info;
	unsigned pages;

	(void)state;
	for (unsigned i = 0; i < 1000; i++)
		assert_non_null(obj[i] = kmem_cache_alloc(s, GFP_KERNEL));
	kmem_cache_info(s, &info);
	pages = info.num_slabs * info.pagesperslab;
	assert_true(pages >= 1000 * 512 / 4096);
	for (unsigned i = 0; i < 1000; i++)
		kmem_cache_free(s, obj[i]);
	kmem_cache_info(s, &info);
	assert_int_equal(info.active_objs, 0);
	/*
	 * At most two empty slabs kept, plus those of the objects left on the
	 * CPU freelist (at most half its limit: the newest frees, consecutive).
	 */
	assert_true(info.num_slabs <=
		    2 + (s->cpu_limit / 2 + info.objperslab - 1) / info.objperslab + 1);
	assert_int_equal(kmem_cache_shrink(s), info.num_slabs * info.pagesperslab);
	kmem_cache_info(s, &info);
	assert_int_equal(info.num_slabs, 0);
	assert_int_equal(kmem_cache_shrink(s), 0);
	assert_int_equal(kmem_cache_destroy(s), 0);
	expect_clean(0);
}

/* ---- destroy with live objects ---- */

static void destroy_busy(void **state)
{
	struct kmem_cache *s = kmem_cache_create("busy", 48, 0, 0, NULL);
	void *obj[200], *keep[3];
	char text[64];
	unsigned before;

	(void)state;
	for (unsigned i = 0; i < 200; i++)
		assert_non_null(obj[i] = kmem_cache_alloc(s, GFP_KERNEL));
	for (unsigned i = 0; i < 200; i++)
		if (i != 5 && i != 90 && i != 199)
			kmem_cache_free(s, obj[i]);
	keep[0] = obj[5], keep[1] = obj[90], keep[2] = obj[199];
	host_printk_clear();
	before = s->errors;
	assert_int_equal(kmem_cache_destroy(s), -EBUSY);
	assert_int_equal(s->errors - before, 3);
	assert_int_equal(slab_errors, 3);
	for (unsigned i = 0; i < 3; i++) {
		snprintf(text, sizeof(text), "(object %p)", keep[i]);
		if (!strstr(host_printk_output(), text))
			fail_msg("destroy did not name %s:\n%s", text, host_printk_output());
	}
	/* The cache still works. */
	assert_int_equal(kmem_cache_validate(s), 0);
	kmem_cache_free(s, keep[0]);
	kmem_cache_free(s, keep[1]);
	assert_int_equal(kmem_cache_destroy(s), -EBUSY);
	assert_int_equal(slab_errors, 4);
	kmem_cache_free(s, keep[2]);
	assert_int_equal(kmem_cache_destroy(s), 0);
	expect_clean(4);
}

/* ---- the validator on corrupted state ---- */

static struct kmem_cache *corrupt_cache;
static void *corrupt_obj[64];

/* A cache with one partial slab off the CPU: 64-byte objects, half of them free. */
static struct slab *partial_slab(unsigned flags)
{
	struct kmem_cache *s = corrupt_cache = kmem_cache_create("corrupt", 64, 0, flags, NULL);
	struct slab *slab;

	assert_non_null(s);
	for (unsigned i = 0; i < 64; i++)
		assert_non_null(corrupt_obj[i] = kmem_cache_alloc(s, GFP_KERNEL));
	slab = addr_to_slab(corrupt_obj[0]);
	for (unsigned i = 0; i < 64; i++)
		assert_ptr_equal(addr_to_slab(corrupt_obj[i]), slab);
	for (unsigned i = 0; i < 64; i += 2)
		kmem_cache_free(s, corrupt_obj[i]);
	/* The frees went on the CPU freelist; shrink gives them back to the slab. */
	kmem_cache_shrink(s);
	assert_null(s->cpu[0].freelist);
	assert_int_equal(slab->where, SLAB_ON_PARTIAL);
	assert_int_equal(kmem_cache_validate(s), 0);
	return slab;
}

static void corrupt_done(void)
{
	assert_int_equal(kmem_cache_validate(corrupt_cache), 0);
	for (unsigned i = 1; i < 64; i += 2)
		kmem_cache_free(corrupt_cache, corrupt_obj[i]);
	assert_int_equal(kmem_cache_destroy(corrupt_cache), 0);
}

static unsigned validate_counted(struct kmem_cache *s)
{
	unsigned before = slab_errors, problems = kmem_cache_validate(s);

	assert_true(problems > 0);
	assert_int_equal(slab_errors - before, problems);
	return problems;
}

static void validate_freelist_outside(void **state)
{
	struct slab *slab = partial_slab(0);
	void *head = slab->freelist, *next = get_freepointer(corrupt_cache, head);
	static char elsewhere[64];

	(void)state;
	set_freepointer(corrupt_cache, head, elsewhere);
	validate_counted(corrupt_cache);
	/* Between two objects. */
	set_freepointer(corrupt_cache, head, (char *)next + 4);
	validate_counted(corrupt_cache);
	set_freepointer(corrupt_cache, head, next);
	corrupt_done();
	expect_clean(slab_errors);
}

static void validate_freelist_cycle(void **state)
{
	struct slab *slab = partial_slab(0);
	void *head = slab->freelist;

	(void)state;
	set_freepointer(corrupt_cache, head, head);
	validate_counted(corrupt_cache);
	/* A loop further down. */
	{
		void *a = get_freepointer(corrupt_cache, corrupt_obj[62] == head ? head : head);
		void *saved;

		(void)a;
		set_freepointer(corrupt_cache, head, corrupt_obj[60]);
		saved = get_freepointer(corrupt_cache, corrupt_obj[0]);
		set_freepointer(corrupt_cache, corrupt_obj[0], corrupt_obj[60]);
		validate_counted(corrupt_cache);
		set_freepointer(corrupt_cache, corrupt_obj[0], saved);
	}
	/* Rebuild the freelist: every even object, in any order. */
	slab->freelist = NULL;
	for (unsigned i = 0; i < 64; i += 2) {
		set_freepointer(corrupt_cache, corrupt_obj[i], slab->freelist);
		slab->freelist = corrupt_obj[i];
	}
	corrupt_done();
	expect_clean(slab_errors);
}

static void validate_freelist_lost_object(void **state)
{
	struct slab *slab = partial_slab(0);
	void *head = slab->freelist;

	(void)state;
	slab->freelist = get_freepointer(corrupt_cache, head); /* one free object lost */
	validate_counted(corrupt_cache);
	slab->freelist = head;
	corrupt_done();
	expect_clean(slab_errors);
}

static void validate_counters(void **state)
{
	struct slab *slab = partial_slab(0);

	(void)state;
	slab->inuse++;
	validate_counted(corrupt_cache);
	slab->inuse--;
	corrupt_cache->nr_partial++;
	validate_counted(corrupt_cache);
	corrupt_cache->nr_partial--;
	corrupt_cache->nr_full++;
	validate_counted(corrupt_cache);
	corrupt_cache->nr_full--;
	/* On the wrong list: a partial slab said to be full. */
	slab->where = SLAB_ON_FULL;
	validate_counted(corrupt_cache);
	slab->where = SLAB_ON_PARTIAL;
	/* A page no longer pointing back. */
	slab->page->private = 0;
	validate_counted(corrupt_cache);
	slab->page->private = (uint32_t)(uintptr_t)slab;
	corrupt_done();
	expect_clean(slab_errors);
}

static void validate_cpu_freelist(void **state)
{
	struct kmem_cache *s = kmem_cache_create("cpu", 32, 0, 0, NULL);
	void *a, *b, *saved;
	static char elsewhere[32];

	(void)state;
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	assert_ptr_equal(s->cpu[0].freelist, a);
	saved = get_freepointer(s, a);
	set_freepointer(s, a, elsewhere);
	validate_counted(s);
	set_freepointer(s, a, a);
	validate_counted(s);
	set_freepointer(s, a, saved);
	assert_int_equal(kmem_cache_validate(s), 0);
	kmem_cache_free(s, b);
	assert_int_equal(kmem_cache_destroy(s), 0);
	expect_clean(slab_errors);
}

/* ---- everything back ---- */

static void all_pages_back(void **state)
{
	struct kmem_cache *c[6];
	static void *obj[6][500];

	(void)state;
	for (unsigned k = 0; k < 6; k++) {
		c[k] = kmem_cache_create("many", 24 + k * 700, k ? 8u << k : 0,
					 k & 1 ? SLAB_POISON | SLAB_RED_ZONE : 0, NULL);
		assert_non_null(c[k]);
	}
	for (unsigned i = 0; i < 500; i++)
		for (unsigned k = 0; k < 6; k++)
			assert_non_null(obj[k][i] = kmem_cache_alloc(c[k], GFP_KERNEL));
	assert_true(nr_free_pages() < start_free - 500);
	assert_int_equal(slab_env_validate_all(), 0);
	for (unsigned i = 0; i < 500; i++)
		for (unsigned k = 0; k < 6; k++)
			kmem_cache_free(c[k], obj[k][(i * 7) % 500]);
	for (unsigned k = 0; k < 6; k++)
		assert_int_equal(kmem_cache_destroy(c[k]), 0);
	expect_clean(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(sizes_and_alignments, setup),
		cmocka_unit_test_setup(create_rejects, setup),
		cmocka_unit_test_setup(dma_cache_pages, setup),
		cmocka_unit_test_setup(zalloc_zeroes, setup),
		cmocka_unit_test_setup(shrink_gives_pages_back, setup),
		cmocka_unit_test_setup(destroy_busy, setup),
		cmocka_unit_test_setup(validate_freelist_outside, setup),
		cmocka_unit_test_setup(validate_freelist_cycle, setup),
		cmocka_unit_test_setup(validate_freelist_lost_object, setup),
		cmocka_unit_test_setup(validate_counters, setup),
		cmocka_unit_test_setup(validate_cpu_freelist, setup),
		cmocka_unit_test_setup(all_pages_back, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Every size and count the slab API takes, at its extremes: 0, 1, a page
 * less one, the largest kmalloc, one byte more, 2^31, 2^32 - 1 and the top
 * of the host's 64-bit size_t, for kmalloc, kzalloc, kcalloc (products that
 * overflow), krealloc and krealloc_array, mempool_create (min_nr) and
 * kmem_cache_create (size and align). Each call either works or gives
 * NULL with exactly one line printed (none under __GFP_NOWARN), leaves an
 * old object alone, and every page comes back to the buddy allocator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "host_env.h"
#include "mempool.h"
#include "printk.h"
#include "slab_env.h"

static const size_t sizes[] = {
	0,
	1,
	PAGE_SIZE - 1,
	PAGE_SIZE,
	PAGE_SIZE + 1,
	KMALLOC_MAX_SIZE,
	KMALLOC_MAX_SIZE + 1,
	0x80000000u,
	0xfffff000u,
	0xffffffffu,
	0x100000000ull,
	SIZE_MAX / 2 + 1,
	SIZE_MAX,
};

/* Room for the largest kmalloc: free order-10 blocks in ZONE_NORMAL above its watermark. */
static const struct buddy_env_layout roomy = {
	.dma_pages = 1536,
	.normal_pages = 6144,
	.highmem_pages = 1024,
	.reserved = { { 0, 24 } },
	.nr_reserved = 1,
};

static uint32_t start_free;
static unsigned start_active;

static int setup(void **state)
{
	(void)state;
	host_env_reset();
	slab_env_init(&roomy, false);
	drain_all_pages();
	start_free = nr_free_pages();
	start_active = slab_env_active_objs();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(slab_errors, 0);
	assert_int_equal(slab_env_validate_all(), 0);
	slab_env_shrink_all();
	assert_int_equal(slab_env_active_objs(), start_active);
	assert_int_equal(nr_free_pages(), start_free);
	assert_int_equal(buddy_check(), 0);
	return 0;
}

/* printk_lines when the call under test started (its output is cleared then too). */
static unsigned lines_before;

static void start_call(void)
{
	host_printk_clear();
	lines_before = printk_lines;
}

/* The call printed want lines; one line must begin with prefix. */
static void expect_lines(unsigned want, const char *prefix, const char *call, size_t arg)
{
	unsigned got = printk_lines - lines_before;

	if (got != want)
		fail_msg("%s(%#zx): %u lines printed, want %u:\n%s", call, arg, got, want,
			 host_printk_output());
	if (want && strncmp(host_printk_output(), prefix, strlen(prefix)))
		fail_msg("%s(%#zx) printed \"%s\", not a line starting \"%s\"", call, arg,
			 host_printk_output(), prefix);
}

static bool kmalloc_fits(size_t size)
{
	return size <= KMALLOC_MAX_SIZE;
}

/* kmalloc and kzalloc: 0 is ZERO_SIZE_PTR, up to 4 MB works, beyond is NULL and one warning. */
static void kmalloc_extremes(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned zero = 0; zero < 2; zero++)
			for (unsigned nowarn = 0; nowarn < 2; nowarn++) {
				gfp_t gfp = GFP_KERNEL | (nowarn ? __GFP_NOWARN : 0);
				size_t size = sizes[i];
				uint8_t *p;

				start_call();
				p = zero ? kzalloc(size, gfp) : kmalloc(size, gfp);
				expect_lines(kmalloc_fits(size) || nowarn ? 0 : 1,
					     "WARNING: kmalloc(", zero ? "kzalloc" : "kmalloc",
					     size);
				if (!kmalloc_fits(size)) {
					assert_null(p);
					continue;
				}
				assert_non_null(p);
				assert_true(size ? ksize(p) >= size : ksize(p) == 0);
				if (zero)
					for (size_t b = 0; b < size; b++)
						assert_int_equal(p[b], 0);
				if (size)
					memset(p, 0xa5, size);
				kfree(p);
			}
}

/* kcalloc over every pair: NULL and one warning when n * size overflows or is too large. */
static void kcalloc_extremes(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned j = 0; j < ARRAY_SIZE(sizes); j++) {
			size_t n = sizes[i], size = sizes[j];
			bool overflows = size && n > SIZE_MAX / size;
			bool fits = !overflows && kmalloc_fits(n * size);
			uint8_t *p;

			start_call();
			p = kcalloc(n, size, GFP_KERNEL);
			expect_lines(fits ? 0 : 1,
				     overflows ? "WARNING: kcalloc(" : "WARNING: kmalloc(",
				     "kcalloc", n);
			if (!fits) {
				assert_null(p);
				start_call();
				assert_null(kcalloc(n, size, GFP_KERNEL | __GFP_NOWARN));
				expect_lines(0, "", "kcalloc(__GFP_NOWARN)", n);
				continue;
			}
			assert_non_null(p);
			for (size_t b = 0; b < n * size; b += PAGE_SIZE - 1)
				assert_int_equal(p[b], 0);
			kfree(p);
		}
}

/* Fill an object with a pattern, or check that it still holds it. */
static void pattern(uint8_t *p, size_t n, bool check)
{
	for (size_t b = 0; b < n; b++) {
		if (!check)
			p[b] = (uint8_t)(b * 13 + 7);
		else if (p[b] != (uint8_t)(b * 13 + 7))
			fail_msg("byte %zu of the old object changed", b);
	}
}

/*
 * krealloc of NULL and of a live 100-byte object to every size: 0 frees
 * it, a size that fits keeps the contents, one too large is NULL with one
 * warning and the old object untouched.
 */
static void krealloc_extremes(void **state)
{
	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned from_null = 0; from_null < 2; from_null++) {
			size_t size = sizes[i];
			uint8_t *old = from_null ? NULL : kmalloc(100, GFP_KERNEL), *p;

			if (old)
				pattern(old, 100, false);
			start_call();
			p = krealloc(old, size, GFP_KERNEL);
			expect_lines(kmalloc_fits(size) ? 0 : 1, "WARNING: kmalloc(", "krealloc",
				     size);
			if (!kmalloc_fits(size)) {
				assert_null(p);
				if (old)
					pattern(old, 100, true);
				kfree(old);
				continue;
			}
			assert_non_null(p);
			assert_true(ksize(p) >= size);
			if (old && size)
				pattern(p, min(size, (size_t)100), true);
			kfree(p);
		}
}

/* krealloc_array: the product's overflow is caught before krealloc, the object kept. */
static void krealloc_array_extremes(void **state)
{
	uint8_t *old = kmalloc(64, GFP_KERNEL), *p;

	(void)state;
	pattern(old, 64, false);
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned j = 0; j < ARRAY_SIZE(sizes); j++) {
			size_t n = sizes[i], size = sizes[j];
			bool overflows = size && n > SIZE_MAX / size;

			if (!overflows && kmalloc_fits(n * size))
				continue; /* krealloc's own sizes: above */
			start_call();
			p = krealloc_array(old, n, size, GFP_KERNEL);
			assert_null(p);
			expect_lines(1,
				     overflows ? "WARNING: krealloc_array(" : "WARNING: kmalloc(",
				     "krealloc_array", n);
			pattern(old, 64, true);
		}
	p = krealloc_array(old, 10, 100, GFP_KERNEL);
	assert_non_null(p);
	pattern(p, 64, true);
	kfree(p);
}

/*
 * A pool of min_nr kmalloc(64) elements: up to a page's worth of pointers
 * less one works; 2^31 and 2^32 - 1 cannot have their array, so NULL, one
 * warning, and nothing left behind.
 */
static void mempool_min_nr_extremes(void **state)
{
	static const unsigned min_nrs[] = { 0, 1, PAGE_SIZE - 1, 0x80000000u, 0xffffffffu };

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(min_nrs); i++) {
		mempool_t *pool;

		start_call();
		pool = mempool_create_kmalloc_pool(min_nrs[i], 64);
		if (min_nrs[i] >= 0x80000000u) {
			expect_lines(1, "WARNING: kmalloc(", "mempool_create", min_nrs[i]);
			assert_null(pool);
			continue;
		}
		expect_lines(0, "", "mempool_create", min_nrs[i]);
		assert_non_null(pool);
		assert_int_equal(pool->curr_nr, min_nrs[i]);
		/* Growing it to the extremes fails and changes nothing. */
		start_call();
		assert_int_equal(mempool_resize(pool, 0xffffffffu), -ENOMEM);
		expect_lines(1, "WARNING: kmalloc(", "mempool_resize", 0xffffffffu);
		assert_int_equal(pool->curr_nr, min_nrs[i]);
		assert_int_equal(pool->min_nr, min_nrs[i]);
		mempool_destroy(pool);
	}
}

/*
 * kmem_cache_create over sizes and alignments: a size of 1 byte to 16 KB
 * and an alignment of 0 or a power of two up to a page make a cache whose
 * objects are aligned; anything else is NULL and one line.
 */
static void kmem_cache_create_extremes(void **state)
{
	static const size_t aligns[] = {
		0,
		1,
		3,
		8,
		PAGE_SIZE - 1,
		PAGE_SIZE,
		PAGE_SIZE + 1,
		2 * PAGE_SIZE,
		0x80000000u,
		0xffffffffu,
		0x100000000ull,
		SIZE_MAX / 2 + 1,
		SIZE_MAX,
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (unsigned a = 0; a < ARRAY_SIZE(aligns); a++) {
			size_t size = sizes[i], align = aligns[a];
			bool ok = size >= 1 && size <= 16384 && !(align & (align - 1)) &&
				  align <= PAGE_SIZE;
			struct kmem_cache *s;
			void *obj[3];

			start_call();
			s = kmem_cache_create("extreme", size, align, 0, NULL);
			expect_lines(ok ? 0 : 1, "kmem_cache_create(extreme, ", "kmem_cache_create",
				     size);
			if (!ok) {
				assert_null(s);
				continue;
			}
			assert_non_null(s);
			for (unsigned k = 0; k < ARRAY_SIZE(obj); k++) {
				obj[k] = kmem_cache_alloc(s, GFP_KERNEL);
				assert_non_null(obj[k]);
				assert_int_equal((uintptr_t)obj[k] % (align ? align : 1), 0);
				memset(obj[k], 0x3c, size);
			}
			for (unsigned k = 0; k < ARRAY_SIZE(obj); k++)
				kmem_cache_free(s, obj[k]);
			assert_int_equal(kmem_cache_destroy(s), 0);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(kmalloc_extremes, setup, teardown),
		cmocka_unit_test_setup_teardown(kcalloc_extremes, setup, teardown),
		cmocka_unit_test_setup_teardown(krealloc_extremes, setup, teardown),
		cmocka_unit_test_setup_teardown(krealloc_array_extremes, setup, teardown),
		cmocka_unit_test_setup_teardown(mempool_min_nr_extremes, setup, teardown),
		cmocka_unit_test_setup_teardown(kmem_cache_create_extremes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

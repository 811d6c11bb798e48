/*
 * Misuse of the slab allocator, each counted exactly once (slab_errors and
 * the cache's errors), reported with the object, and refused or repaired
 * so that the caches stay valid: double frees, frees to the wrong cache,
 * pointers inside an object or outside any slab, red-zone overwrites
 * (found at free and by the validator), poison overwrites (found at
 * allocation and by the validator), kfree of pointers kmalloc never gave.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_env.h"
#include "slab_env.h"
#include "mm/slab/slab_internal.h"

static uint32_t start_free;
static struct kmem_cache *plain, *other, *dbg;

static int setup(void **state)
{
	(void)state;
	host_env_reset();
	start_free = slab_env_fresh(false);
	plain = kmem_cache_create("plain", 40, 0, 0, NULL);
	other = kmem_cache_create("other", 40, 0, 0, NULL);
	dbg = kmem_cache_create("dbg", 40, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	assert_non_null(plain);
	assert_non_null(other);
	assert_non_null(dbg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(kmem_cache_destroy(plain), 0);
	assert_int_equal(kmem_cache_destroy(other), 0);
	assert_int_equal(kmem_cache_destroy(dbg), 0);
	assert_int_equal(slab_env_validate_all(), 0);
	slab_env_shrink_all();
	assert_int_equal(nr_free_pages(), start_free);
	return 0;
}

/* What must not change across a refused misuse. */
struct cache_state {
	struct slabinfo info;
	void *cpu_freelist;
	unsigned nr_partial, nr_full, nr_empty;
};

static struct cache_state state_of(const struct kmem_cache *s)
{
	struct cache_state st;

	memset(&st, 0, sizeof(st));
	kmem_cache_info(s, &st.info);
	st.cpu_freelist = s->cpu[0].freelist;
	st.nr_partial = s->nr_partial;
	st.nr_full = s->nr_full;
	st.nr_empty = s->nr_empty;
	return st;
}

static void expect_same(const struct cache_state *a, const struct cache_state *b)
{
	assert_int_equal(a->info.active_objs, b->info.active_objs);
	assert_int_equal(a->info.num_objs, b->info.num_objs);
	assert_ptr_equal(a->cpu_freelist, b->cpu_freelist);
	assert_int_equal(a->nr_partial, b->nr_partial);
	assert_int_equal(a->nr_full, b->nr_full);
	assert_int_equal(a->nr_empty, b->nr_empty);
}

/* Run a refused misuse on cache s: one error, reported with text, nothing changed. */
#define REFUSED(s, text, call)                                                                \
	do {                                                                                  \
		struct cache_state before_ = state_of(s);                                     \
		unsigned errs_ = slab_errors, cerrs_ = (s)->errors;                           \
		host_printk_clear();                                                          \
		call;                                                                         \
		assert_int_equal(slab_errors - errs_, 1);                                     \
		assert_int_equal((s)->errors - cerrs_, 1);                                    \
		if (!strstr(host_printk_output(), text))                                      \
			fail_msg("no \"%s\" in the report:\n%s", text, host_printk_output()); \
		struct cache_state after_ = state_of(s);                                      \
		expect_same(&before_, &after_);                                               \
		assert_int_equal(kmem_cache_validate(s), 0);                                  \
	} while (0)

static void double_free_last(void **state)
{
	void *a, *b;

	(void)state;
	a = kmem_cache_alloc(plain, GFP_KERNEL);
	b = kmem_cache_alloc(plain, GFP_KERNEL);
	kmem_cache_free(plain, a);
	REFUSED(plain, "double free", kmem_cache_free(plain, a));
	kmem_cache_free(plain, b);
	REFUSED(plain, "double free", kmem_cache_free(plain, b));
	/* An object freed further back, then one given back to its slab: any double free is found. */
	{
		void *obj[300];

		for (unsigned i = 0; i < 300; i++)
			obj[i] = kmem_cache_alloc(plain, GFP_KERNEL);
		kmem_cache_free(plain, obj[3]);
		kmem_cache_free(plain, obj[4]);
		REFUSED(plain, "double free", kmem_cache_free(plain, obj[3]));
		kmem_cache_shrink(plain); /* obj[3] and obj[4] back on their slab's freelist */
		assert_null(plain->cpu[0].freelist);
		REFUSED(plain, "double free", kmem_cache_free(plain, obj[4]));
		for (unsigned i = 0; i < 300; i++)
			if (i != 3 && i != 4)
				kmem_cache_free(plain, obj[i]);
	}
	assert_int_equal(slab_errors, 4);
}

static void double_free_debug(void **state)
{
	void *obj[20];

	(void)state;
	for (unsigned i = 0; i < 20; i++)
		obj[i] = kmem_cache_alloc(dbg, GFP_KERNEL);
	kmem_cache_free(dbg, obj[5]);
	kmem_cache_free(dbg, obj[6]);
	REFUSED(dbg, "double free", kmem_cache_free(dbg, obj[5])); /* not the last one */
	REFUSED(dbg, "double free", kmem_cache_free(dbg, obj[6]));
	for (unsigned i = 0; i < 20; i++)
		if (i != 5 && i != 6)
			kmem_cache_free(dbg, obj[i]);
	assert_int_equal(slab_errors, 2);
}

static void wrong_cache(void **state)
{
	void *a = kmem_cache_alloc(plain, GFP_KERNEL), *b = kmem_cache_alloc(other, GFP_KERNEL);
	void *c = kmem_cache_alloc(dbg, GFP_KERNEL);

	(void)state;
	REFUSED(other, "wrong cache", kmem_cache_free(other, a));
	REFUSED(plain, "wrong cache", kmem_cache_free(plain, b));
	REFUSED(plain, "belongs to dbg", kmem_cache_free(plain, c));
	REFUSED(dbg, "belongs to plain", kmem_cache_free(dbg, a));
	assert_int_equal(plain->errors, 2);
	assert_int_equal(other->errors, 1);
	assert_int_equal(dbg->errors, 1);
	kmem_cache_free(plain, a);
	kmem_cache_free(other, b);
	kmem_cache_free(dbg, c);
	assert_int_equal(slab_errors, 4);
}

static void inside_an_object(void **state)
{
	char *a = kmem_cache_alloc(plain, GFP_KERNEL), *c = kmem_cache_alloc(dbg, GFP_KERNEL);

	(void)state;
	REFUSED(plain, "not at an object", kmem_cache_free(plain, a + 1));
	REFUSED(plain, "not at an object", kmem_cache_free(plain, a + 8));
	REFUSED(plain, "not at an object", kmem_cache_free(plain, a + 39));
	REFUSED(dbg, "not at an object", kmem_cache_free(dbg, c + 16));
	kmem_cache_free(plain, a);
	kmem_cache_free(dbg, c);
	assert_int_equal(slab_errors, 4);
}

static void outside_any_slab(void **state)
{
	static char host_buf[64];
	void *a = kmem_cache_alloc(plain, GFP_KERNEL);
	struct page *p = alloc_page(GFP_KERNEL);

	(void)state;
	REFUSED(plain, "not in any slab", kmem_cache_free(plain, host_buf));
	REFUSED(plain, "not in any slab", kmem_cache_free(plain, page_address(p)));
	REFUSED(plain, "not in any slab", kmem_cache_free(plain, (char *)page_address(p) + 40));
	REFUSED(dbg, "not in any slab", kmem_cache_free(dbg, host_buf));
	kmem_cache_free(plain, NULL); /* not a misuse */
	assert_int_equal(slab_errors, 4);
	__free_page(p);
	kmem_cache_free(plain, a);
}

static void red_zone_at_free(void **state)
{
	char *obj[3];
	unsigned before;

	(void)state;
	for (unsigned i = 0; i < 3; i++)
		obj[i] = kmem_cache_alloc(dbg, GFP_KERNEL);
	obj[1][40] = 'x'; /* one byte past the end */
	before = slab_errors;
	host_printk_clear();
	kmem_cache_free(dbg, obj[1]); /* found, repaired, freed */
	assert_int_equal(slab_errors - before, 1);
	assert_int_equal(dbg->errors, 1);
	assert_non_null(strstr(host_printk_output(), "red zone overwritten"));
	assert_int_equal(kmem_cache_validate(dbg), 0);
	/* Found by the validator on a live object, then repaired. */
	obj[2][43] = 0;
	assert_int_equal(kmem_cache_validate(dbg), 1);
	assert_int_equal(slab_errors - before, 2);
	assert_int_equal(kmem_cache_validate(dbg), 0);
	kmem_cache_free(dbg, obj[0]);
	kmem_cache_free(dbg, obj[2]);
	assert_int_equal(slab_errors - before, 2);
}

static void poison_at_alloc(void **state)
{
	char *a, *b, *c;
	unsigned before = slab_errors;

	(void)state;
	a = kmem_cache_alloc(dbg, GFP_KERNEL);
	b = kmem_cache_alloc(dbg, GFP_KERNEL);
	/* A fresh object is poisoned: its bytes read the pattern. */
	assert_int_equal((uint8_t)b[0], POISON_FREE);
	assert_int_equal((uint8_t)b[39], POISON_END);
	kmem_cache_free(dbg, a);
	a[10] = 1; /* write after free */
	host_printk_clear();
	c = kmem_cache_alloc(dbg, GFP_KERNEL);
	assert_ptr_equal(c, a); /* the freelist is LIFO */
	assert_int_equal(slab_errors - before, 1);
	assert_int_equal(dbg->errors, 1);
	assert_non_null(strstr(host_printk_output(), "poison overwritten"));
	assert_int_equal(kmem_cache_validate(dbg), 0);
	/* Found by the validator in a free object, then repaired. */
	kmem_cache_free(dbg, b);
	b[39] = 0;
	assert_int_equal(kmem_cache_validate(dbg), 1);
	assert_int_equal(slab_errors - before, 2);
	assert_int_equal(kmem_cache_validate(dbg), 0);
	b = kmem_cache_alloc(dbg, GFP_KERNEL); /* repaired: nothing more */
	assert_int_equal(slab_errors - before, 2);
	kmem_cache_free(dbg, b);
	kmem_cache_free(dbg, c);
	assert_int_equal(slab_errors - before, 2);
}

static void kfree_misuse(void **state)
{
	static char host_buf[64];
	char *a = kmalloc(100, GFP_KERNEL), *big = kmalloc(3 * 4096, GFP_KERNEL);
	struct kmem_cache *k128 = addr_to_slab(a)->cache;
	unsigned before = slab_errors;

	(void)state;
	assert_string_equal(k128->name, "kmalloc-128");
	kfree(host_buf);
	assert_int_equal(slab_errors - before, 1);
	kfree(big + 4096); /* inside a page-backed allocation */
	assert_int_equal(slab_errors - before, 2);
	REFUSED(k128, "not at an object", kfree(a + 4));
	kfree(a);
	REFUSED(k128, "double free", kfree(a));
	kfree(big);
	kfree(NULL);
	assert_int_equal(slab_errors - before, 4);
}

/* slub_debug: every cache, kmalloc's included, checks. */
static void slub_debug_all(void **state)
{
	char *a;

	(void)state;
	assert_int_equal(kmem_cache_destroy(plain), 0);
	assert_int_equal(kmem_cache_destroy(other), 0);
	assert_int_equal(kmem_cache_destroy(dbg), 0);
	start_free = slab_env_fresh(true);
	plain = kmem_cache_create("plain", 40, 0, 0, NULL);
	other = kmem_cache_create("other", 40, 0, 0, NULL);
	dbg = kmem_cache_create("dbg", 40, 0, 0, NULL);
	assert_true(cache_debug(plain));
	a = kmalloc(30, GFP_KERNEL);
	assert_true(cache_debug(addr_to_slab(a)->cache));
	a[32] = 1; /* past the object, in the red zone */
	kfree(a);
	assert_int_equal(slab_errors, 1);
	assert_int_equal(slab_env_validate_all(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(double_free_last, setup, teardown),
		cmocka_unit_test_setup_teardown(double_free_debug, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(inside_an_object, setup, teardown),
		cmocka_unit_test_setup_teardown(outside_any_slab, setup, teardown),
		cmocka_unit_test_setup_teardown(red_zone_at_free, setup, teardown),
		cmocka_unit_test_setup_teardown(poison_at_alloc, setup, teardown),
		cmocka_unit_test_setup_teardown(kfree_misuse, setup, teardown),
		cmocka_unit_test_setup_teardown(slub_debug_all, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

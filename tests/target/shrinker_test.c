/*
 * Shrinkers in reclaim (include/shrinker.h): a shrinker of the test's own
 * is called with what its count allows and is gone once unregistered; the
 * slab caches' empty slabs and vmalloc's lazily freed areas come back to
 * the page and area allocators when reclaim runs. Expectations come from
 * the caches' own counters and the allocators' free counts, not from the
 * board.
 */
#include "errno.h"
#include "mm_user.h"
#include "shrinker.h"
#include "slab.h"
#include "vmalloc.h"
#include "ktest.h"
#include "test_util.h"

struct test_shrinker {
	struct shrinker shrinker;
	unsigned long objects;  /* what count_objects says */
	unsigned counts, scans; /* calls */
	unsigned long asked;    /* the last scan's nr_to_scan */
	bool trylock;           /* the last scan's sc->trylock */
};

static unsigned long test_count(struct shrinker *s, struct shrink_control *sc)
{
	struct test_shrinker *ts = container_of(s, struct test_shrinker, shrinker);

	(void)sc;
	ts->counts++;
	return ts->objects;
}

static unsigned long test_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct test_shrinker *ts = container_of(s, struct test_shrinker, shrinker);

	ts->scans++;
	ts->asked = sc->nr_to_scan;
	ts->trylock = sc->trylock;
	ts->objects -= sc->nr_to_scan;
	return sc->nr_to_scan;
}

static void registered_shrinker_is_called(struct ktest *t)
{
	static struct test_shrinker ts = {
		.shrinker = { .count_objects = test_count,
			      .scan_objects = test_scan,
			      .name = "test" },
	};
	struct shrinker no_scan = { .count_objects = test_count, .name = "test-no-scan" };
	unsigned long scanned = slabs_scanned;

	KEXPECT_EQ(t, register_shrinker(&no_scan), -EINVAL);
	ts.objects = 5;
	KASSERT_EQ(t, register_shrinker(&ts.shrinker), 0);
	shrink_slab(GFP_KERNEL, 2, false); /* fewer than it has: asked for 2 */
	KEXPECT_EQ(t, ts.scans, 1);
	KEXPECT_EQ(t, ts.asked, 2);
	KEXPECT_TRUE(t, !ts.trylock);
	KEXPECT_TRUE(t, slabs_scanned - scanned >= 2);
	shrink_slab(GFP_KERNEL, 100, true); /* more than it has: asked for the 3 left */
	KEXPECT_EQ(t, ts.scans, 2);
	KEXPECT_EQ(t, ts.asked, 3);
	KEXPECT_TRUE(t, ts.trylock);
	ts.objects = SHRINK_EMPTY; /* counted, never scanned */
	shrink_slab(GFP_KERNEL, 100, false);
	KEXPECT_EQ(t, ts.counts, 3);
	KEXPECT_EQ(t, ts.scans, 2);
	ts.objects = 7;
	unregister_shrinker(&ts.shrinker);
	shrink_slab(GFP_KERNEL, 100, false);
	KEXPECT_EQ(t, ts.counts, 3);
	KEXPECT_EQ(t, ts.scans, 2);
}

#define SHRINK_SLABS 8 /* slabs the test cache fills */

static void empty_slabs_go_back_in_reclaim(struct ktest *t)
{
	static void *objs[SHRINK_SLABS * 64];
	struct kmem_cache *s = kmem_cache_create("test-shrink", 512, 0, 0, NULL);
	struct slabinfo info;
	unsigned n, held, freed;
	uint32_t before;

	KASSERT_TRUE(t, s != NULL);
	/* No cache holds an empty slab, and vmalloc keeps no area whose node a purge frees. */
	settled_vmalloc_free_pages();
	kmem_cache_info(s, &info);
	n = min(info.objperslab * SHRINK_SLABS, (unsigned)ARRAY_SIZE(objs));
	for (unsigned i = 0; i < n; i++)
		KASSERT_TRUE(t, (objs[i] = kmem_cache_alloc(s, GFP_KERNEL)) != NULL);
	kmem_cache_info(s, &info);
	KEXPECT_TRUE(t, info.num_slabs >= SHRINK_SLABS);
	for (unsigned i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_info(s, &info);
	ktest_log("%u slabs, %u of them empty, %u pages each", info.num_slabs, info.empty_slabs,
		  info.pagesperslab);
	KEXPECT_TRUE(t, info.empty_slabs > 0); /* kept on purpose: the hysteresis */
	held = slab_pages(true);
	KEXPECT_TRUE(t, held >= info.empty_slabs * info.pagesperslab);
	drain_all_pages();
	before = nr_free_pages();
	freed = try_to_free_pages(held, false);
	drain_all_pages();
	KEXPECT_EQ(t, freed, held);
	KEXPECT_EQ(t, nr_free_pages() - before, held);
	kmem_cache_info(s, &info);
	KEXPECT_EQ(t, info.empty_slabs, 0);
	KEXPECT_EQ(t, slab_pages(true), 0);
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

#define LAZY_EACH 3 /* areas of each size, fewer than vmalloc keeps per size */

static void lazy_vmalloc_areas_go_back_in_reclaim(struct ktest *t)
{
	static void *areas[LAZY_EACH * 3];
	uint32_t free_pages = settled_vmalloc_free_pages(); /* no lazy area left */
	uint32_t free_bytes = vmalloc_free_bytes(), held = 0;
	unsigned long scanned;
	unsigned k = 0;

	/* Two to four pages: one-page areas are not kept while kmemleak runs. */
	for (unsigned pages = 2; pages <= 4; pages++)
		for (unsigned i = 0; i < LAZY_EACH; i++, k++) {
			KASSERT_TRUE(t, (areas[k] = vmalloc(pages * PAGE_SIZE)) != NULL);
			held += (pages + 1) * PAGE_SIZE; /* and its guard page */
		}
	KEXPECT_EQ(t, free_bytes - vmalloc_free_bytes(), held);
	for (unsigned i = 0; i < k; i++)
		vfree(areas[i]);
	/* Lazily freed: their ranges still reserved. */
	KEXPECT_EQ(t, free_bytes - vmalloc_free_bytes(), held);
	scanned = slabs_scanned;
	shrink_slab(GFP_KERNEL, ~0UL, false);
	KEXPECT_EQ(t, vmalloc_free_bytes(), free_bytes);
	KEXPECT_TRUE(t, slabs_scanned - scanned >= k);
	/* None kept: at least every page back (an earlier suite's may still come back meanwhile). */
	KEXPECT_TRUE(t, settled_vmalloc_free_pages() >= free_pages);
}

static const struct ktest_case shrinker_cases[] = {
	KTEST_CASE(registered_shrinker_is_called),
	KTEST_CASE(empty_slabs_go_back_in_reclaim),
	KTEST_CASE(lazy_vmalloc_areas_go_back_in_reclaim),
};
KTEST_SUITE("shrinker", shrinker_cases);

/*
 * Slab caches, kmalloc and mempool on target: alignment and non-overlap for
 * many sizes, constructor semantics, every misuse provoked on purpose with
 * the number of reports asserted (as Linux's slub_kunit does), every kmalloc
 * size class, krealloc, mempool under a forced out-of-memory state, empty
 * slab hysteresis, and a random stress of a million operations with the
 * validator between phases. Memory must come back to the page allocator.
 */
#include "cmdline.h"
#include "errno.h"
#include "mempool.h"
#include "printk.h"
#include "string.h"
#include "mm/buddy/buddy.h"
#include "mm/slab/slab_internal.h"
#include "ktest.h"
#include "test_util.h"

static void fill_object(void *obj, uint32_t size, uint32_t tag)
{
	for (uint32_t i = 0; i < size; i++)
		((uint8_t *)obj)[i] = (uint8_t)(tag * 31 + i);
}

static bool object_intact(const void *obj, uint32_t size, uint32_t tag)
{
	for (uint32_t i = 0; i < size; i++)
		if (((const uint8_t *)obj)[i] != (uint8_t)(tag * 31 + i))
			return false;
	return true;
}

#define MANY 200

static void sizes_and_alignments(struct ktest *t)
{
	static const uint32_t sizes[] = { 1,   3,   8,    13,   24,   40,   64,   100,  200,
					  333, 500, 1000, 2000, 3000, 4096, 8000, 16384 };
	static const uint32_t aligns[] = { 0, 8, 16, 64, 256 };
	static void *objs[MANY];
	uint32_t free_before = settled_free_pages();

	for (unsigned si = 0; si < ARRAY_SIZE(sizes); si++) {
		for (unsigned ai = 0; ai < ARRAY_SIZE(aligns) + 1; ai++) {
			bool hw = ai == ARRAY_SIZE(aligns);
			uint32_t align = hw ? 0 : aligns[ai];
			struct kmem_cache *s = kmem_cache_create("test-size", sizes[si], align,
								 hw ? SLAB_HWCACHE_ALIGN : 0, NULL);
			uint32_t want = max(align, 8u);
			unsigned bad_align = 0, bad_data = 0, n = 0;

			KASSERT_TRUE(t, s != NULL);
			if (hw && sizes[si] > 32)
				want = max(want, 64u);
			for (; n < MANY; n++) {
				objs[n] = kmem_cache_alloc(s, GFP_KERNEL);
				if (!objs[n])
					break;
				bad_align += ((uintptr_t)objs[n] & (want - 1)) != 0;
				fill_object(objs[n], sizes[si], n);
			}
			KEXPECT_EQ(t, n, MANY);
			for (unsigned i = 0; i < n; i++)
				bad_data += !object_intact(objs[i], sizes[si], i);
			KEXPECT_EQ(t, kmem_cache_validate(s), 0);
			for (unsigned i = 0; i < n; i++)
				kmem_cache_free(s, objs[i]);
			KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
			if (bad_align || bad_data)
				ktest_log("size %u align %u%s: %u misaligned, %u overwritten",
					  sizes[si], align, hw ? " (HWCACHE)" : "", bad_align,
					  bad_data);
			KEXPECT_EQ(t, bad_align, 0);
			KEXPECT_EQ(t, bad_data, 0);
		}
	}
	KEXPECT_EQ(t, settled_free_pages(), free_before);
}

static unsigned ctor_calls;

static void ctor_mark(void *obj)
{
	ctor_calls++;
	*(uint32_t *)obj = 0xc0ffee;
}

/* Constructors run when a slab is made, once per object, not on every allocation. */
static void constructor_runs_at_creation(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-ctor", 48, 0, 0, ctor_mark);
	void *a, *b;
	unsigned per_slab;

	KASSERT_TRUE(t, s != NULL);
	per_slab = s->objects;
	ctor_calls = 0;
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KASSERT_TRUE(t, a != NULL);
	KEXPECT_EQ(t, ctor_calls, per_slab); /* the whole first slab */
	KEXPECT_EQ(t, *(uint32_t *)a, 0xc0ffee);
	kmem_cache_free(s, a);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KEXPECT_EQ(t, ctor_calls, per_slab);     /* reused: no second call */
	KEXPECT_EQ(t, *(uint32_t *)b, 0xc0ffee); /* the free pointer is not in the object */
	kmem_cache_free(s, b);
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

/* Each misuse is reported once, refused or repaired, and the cache stays valid. */
static void debug_cache_catches_misuse(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-debug", 40, 0, SLAB_RED_ZONE | SLAB_POISON,
						 NULL);
	struct kmem_cache *other = kmem_cache_create("test-other", 40, 0, 0, NULL);
	unsigned errors = slab_errors;
	uint8_t *a, *b, *c;

	KASSERT_TRUE(t, s && other);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	c = kmem_cache_alloc(s, GFP_KERNEL);
	KASSERT_TRUE(t, a && b && c);
	KEXPECT_EQ(t, a[0], POISON_FREE); /* fresh debug objects carry the poison */

	kmem_cache_free(s, a);
	kmem_cache_free(s, a); /* double free */
	KEXPECT_EQ(t, slab_errors, errors + 1);
	kmem_cache_free(other, b); /* wrong cache */
	KEXPECT_EQ(t, slab_errors, errors + 2);
	kmem_cache_free(s, b + 4); /* not the start of an object */
	KEXPECT_EQ(t, slab_errors, errors + 3);
	b[40] = 0x12;          /* one byte past the end */
	kmem_cache_free(s, b); /* red zone caught at free, then freed */
	KEXPECT_EQ(t, slab_errors, errors + 4);
	a[7] = 0;                                 /* write after free */
	KEXPECT_EQ(t, kmem_cache_validate(s), 1); /* the validator sees it (and repairs it) */
	KEXPECT_EQ(t, slab_errors, errors + 5);
	c[41] = 0x34;
	KEXPECT_EQ(t, kmem_cache_validate(s), 1); /* red zone of a live object */
	KEXPECT_EQ(t, slab_errors, errors + 6);
	kmem_cache_free(s, c);
	KEXPECT_EQ(t, kmem_cache_validate(s), 0); /* all repaired */
	KEXPECT_EQ(t, s->errors, 5);
	KEXPECT_EQ(t, other->errors, 1);

	/* Write after free found on the next allocation of that object. */
	a = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	a[3] = 0x77;
	errors = slab_errors;
	KEXPECT_PTR_EQ(t, kmem_cache_alloc(s, GFP_KERNEL), a); /* LIFO: the same object */
	KEXPECT_EQ(t, slab_errors, errors + 1);
	kmem_cache_free(s, a);

	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
	KEXPECT_EQ(t, kmem_cache_destroy(other), 0);
}

/*
 * Without debugging the cheap checks still hold: a double free (every free
 * object carries the free mark, so not only of the object freed last),
 * wrong cache, bad pointers.
 */
static void plain_cache_catches_misuse(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-plain", 64, 0, 0, NULL);
	struct kmem_cache *other = kmem_cache_create("test-plain2", 64, 0, 0, NULL);
	static const uint32_t not_heap = 5;
	/* Through a volatile, so gcc does not warn about the inline kfree's reads past it. */
	const void *volatile not_heap_ptr = &not_heap;
	unsigned errors = slab_errors;
	void *a, *b, *k;

	KASSERT_TRUE(t, s && other);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	kmem_cache_free(s, a);
	KEXPECT_EQ(t, slab_errors, errors + 1);
	kmem_cache_free(other, b);
	KEXPECT_EQ(t, slab_errors, errors + 2);
	kmem_cache_free(s, (char *)b + 8);
	KEXPECT_EQ(t, slab_errors, errors + 3);
	kfree(not_heap_ptr); /* .rodata: kmalloc never returned it */
	KEXPECT_EQ(t, slab_errors, errors + 4);
	k = kmalloc(100, GFP_KERNEL);
	kfree((char *)k + 16); /* inside an object */
	KEXPECT_EQ(t, slab_errors, errors + 5);
	kfree(k);
	kfree(NULL); /* no-ops */
	kfree(kmalloc(0, GFP_KERNEL));
	KEXPECT_EQ(t, slab_errors, errors + 5);
	kmem_cache_free(s, b);
	KEXPECT_EQ(t, kmem_cache_validate(s), 0);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_free(s, a); /* a double free, not of the object freed last */
	KEXPECT_EQ(t, slab_errors, errors + 6);
	KEXPECT_EQ(t, kmem_cache_validate(s), 0);

	/* A cache with live objects refuses to go, naming each one. */
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	errors = slab_errors;
	KEXPECT_EQ(t, kmem_cache_destroy(s), -EBUSY);
	KEXPECT_EQ(t, slab_errors, errors + 2);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
	KEXPECT_EQ(t, kmem_cache_destroy(other), 0);
}

static void kmalloc_every_class(struct ktest *t)
{
	static const size_t sizes[] = { 1,    8,    9,     16,      17,     32,   33,   64,
					65,   96,   97,    128,     129,    192,  193,  256,
					257,  512,  513,   1024,    1025,   2048, 2049, 4096,
					4097, 8192, 65536, 1 << 20, 4 << 20 };
	static const size_t classes[] = { 8,    8,    16,    16,      32,     32,   64,   64,
					  96,   96,   128,   128,     192,    192,  256,  256,
					  512,  512,  1024,  1024,    2048,   2048, 4096, 4096,
					  8192, 8192, 65536, 1 << 20, 4 << 20 };
	uint32_t free_before = settled_free_pages();

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		uint8_t *p;

		/* The largest class needs a whole 4 MB block, which a small machine may lack. */
		if (sizes[i] > PAGE_SIZE && !kernel_block_free(get_order(sizes[i]))) {
			KEXPECT_TRUE(t, kmalloc(sizes[i], GFP_KERNEL | __GFP_NOWARN) == NULL);
			continue;
		}
		p = kmalloc(sizes[i], GFP_KERNEL);
		KASSERT_TRUE(t, p != NULL);
		KEXPECT_EQ(t, ksize(p), classes[i]);
		memset(p, 0x5a, sizes[i]);
		KEXPECT_EQ(t, p[sizes[i] - 1], 0x5a);
		kfree(p);
	}
	KEXPECT_TRUE(t, kmalloc((4 << 20) + 1, GFP_KERNEL | __GFP_NOWARN) == NULL);
	KEXPECT_TRUE(t,
		     kcalloc(0x10000, 0x10001, GFP_KERNEL | __GFP_NOWARN) == NULL); /* overflows */
	uint32_t *z = kcalloc(100, 4, GFP_KERNEL);
	KASSERT_TRUE(t, z != NULL);
	for (unsigned i = 0; i < 100; i++)
		KEXPECT_EQ(t, z[i], 0);
	kfree(z);
	KEXPECT_EQ(t, settled_free_pages(), free_before);
}

static void krealloc_keeps_contents(struct ktest *t)
{
	uint8_t *p = kmalloc(24, GFP_KERNEL), *q;

	KASSERT_TRUE(t, p != NULL);
	fill_object(p, 24, 7);
	q = krealloc(p, 20, GFP_KERNEL); /* shrinking stays in place */
	KEXPECT_PTR_EQ(t, q, p);
	for (size_t size = 100; size <= 20000; size = size * 3) {
		q = krealloc(p, size, GFP_KERNEL);
		KASSERT_TRUE(t, q != NULL);
		KEXPECT_TRUE(t, object_intact(q, 24, 7));
		KEXPECT_TRUE(t, ksize(q) >= size);
		p = q;
	}
	q = krealloc(p, 30, GFP_KERNEL);
	KEXPECT_TRUE(t, object_intact(q, 24, 7));
	kfree(q);
	q = krealloc(NULL, 10, GFP_KERNEL); /* krealloc(NULL) is kmalloc */
	KEXPECT_TRUE(t, q != NULL && ksize(q) == 16);
	kfree(krealloc(q, 0, GFP_KERNEL)); /* size 0 frees */
}

/* Take every free page in every zone, reserves included. */
static void exhaust_all_pages(struct list_head *held)
{
	for (unsigned zt = 0; zt < MAX_NR_ZONES; zt++) {
		struct page *p;

		for (int o = MAX_PAGE_ORDER; o >= 0; o--)
			while ((p = zone_alloc(&zones[zt], (unsigned)o, MIGRATE_UNMOVABLE,
					       ALLOC_NO_WMARKS))) {
				p->private = (uint32_t)o;
				list_add(&p->lru, held);
			}
	}
}

static void release_pages(struct list_head *held)
{
	struct page *p, *n;

	list_for_each_entry_safe (p, n, held, lru) {
		list_del(&p->lru);
		__free_pages(p, p->private);
	}
}

static void mempool_survives_oom(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-pool", 200, 0, 0, NULL);
	mempool_t *pool, *kpool;
	LIST_HEAD_DEFINE(held);
	LIST_HEAD_DEFINE(objs);
	void *got[20];
	void *o;
	unsigned n = 0;

	KASSERT_TRUE(t, s != NULL);
	pool = mempool_create_slab_pool(16, s);
	kpool = mempool_create_kmalloc_pool(4, 3000);
	KASSERT_TRUE(t, pool && kpool);
	KEXPECT_EQ(t, pool->curr_nr, 16);

	exhaust_all_pages(&held);
	/* The cache's slabs still have room: use it up too. */
	while ((o = kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN))) {
		*(struct list_head *)o = (struct list_head){ 0 };
		list_add((struct list_head *)o, &objs);
	}
	KEXPECT_TRUE(t, alloc_page(GFP_ATOMIC | __GFP_NOWARN) == NULL);
	for (n = 0; n < 20; n++) {
		got[n] = mempool_alloc(pool, GFP_KERNEL);
		if (!got[n])
			break;
	}
	KEXPECT_EQ(t, n, 16); /* exactly the reserve */
	o = mempool_alloc(kpool, GFP_KERNEL);
	KEXPECT_TRUE(t, o != NULL);
	mempool_free(o, kpool);
	for (unsigned i = 0; i < n; i++)
		mempool_free(got[i], pool);
	KEXPECT_EQ(t, pool->curr_nr, 16); /* refilled */
	release_pages(&held);

	while (!list_empty(&objs)) {
		struct list_head *e = objs.next;

		list_del(e);
		kmem_cache_free(s, e);
	}
	KEXPECT_EQ(t, mempool_resize(pool, 40), 0);
	KEXPECT_EQ(t, pool->curr_nr, 40);
	KEXPECT_EQ(t, mempool_resize(pool, 5), 0);
	KEXPECT_EQ(t, pool->curr_nr, 5);
	mempool_destroy(pool);
	mempool_destroy(kpool);
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
	KEXPECT_EQ(t, validate_all_caches(), 0);
}

/* Hovering around a slab boundary must not move pages back and forth. */
static void empty_slabs_have_hysteresis(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-hover", 512, 0, 0, NULL);
	static void *objs[64];
	unsigned per_slab, page_changes = 0;
	uint32_t last;

	KASSERT_TRUE(t, s != NULL);
	per_slab = s->objects;
	for (unsigned i = 0; i < per_slab; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	drain_all_pages();
	last = nr_free_pages();
	for (unsigned i = 0; i < 1000; i++) {
		void *extra = kmem_cache_alloc(s, GFP_KERNEL); /* opens a second slab */

		kmem_cache_free(s, extra);                 /* and empties it */
		kmem_cache_free(s, objs[0]);               /* the first slab drops */
		objs[0] = kmem_cache_alloc(s, GFP_KERNEL); /* and fills again */
		page_changes += nr_free_pages() != last;
		last = nr_free_pages();
	}
	KEXPECT_TRUE(t, page_changes <= 1);
	for (unsigned i = 0; i < per_slab; i++)
		kmem_cache_free(s, objs[i]);
	KEXPECT_TRUE(t, s->nr_empty <= s->max_empty + 1);
	KEXPECT_TRUE(t, kmem_cache_shrink(s) > 0);
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

static void slabinfo_counts(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-info", 100, 0, 0, NULL);
	struct slabinfo info;
	void *objs[50];

	KASSERT_TRUE(t, s != NULL);
	for (unsigned i = 0; i < 50; i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_info(s, &info);
	KEXPECT_EQ(t, info.active_objs, 50);
	KEXPECT_EQ(t, info.objsize, 100);
	KEXPECT_EQ(t, info.num_objs, info.num_slabs * info.objperslab);
	KEXPECT_TRUE(t, info.num_objs >= 50 && info.num_objs < 50 + info.objperslab);
	for (unsigned i = 0; i < 20; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_info(s, &info);
	KEXPECT_EQ(t, info.active_objs, 30);
	for (unsigned i = 20; i < 50; i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_info(s, &info);
	KEXPECT_EQ(t, info.active_objs, 0);
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
}

/* slub_debug on the command line turns red zones on for the kmalloc caches too. */
static void boot_switch_for_debugging(struct ktest *t)
{
	bool debug = cmdline_flag("slub_debug");
	unsigned errors = slab_errors;
	uint8_t *p = kmalloc(64, GFP_KERNEL);

	uint8_t saved;

	KASSERT_TRUE(t, p != NULL);
	saved = p[64];
	p[64] = 1; /* past the end: only a red zone notices */
	kfree(p);
	KEXPECT_EQ(t, slab_errors, errors + (debug ? 1 : 0));
	if (!debug)
		p[64] = saved; /* in a plain cache that byte is the next slot's: put it back */
}

/* A slab cache for DMA takes its pages from ZONE_DMA. */
static void dma_cache_uses_dma_zone(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test-dma", 256, 0, SLAB_CACHE_DMA, NULL);
	void *o;

	KASSERT_TRUE(t, s != NULL);
	o = kmem_cache_alloc(s, GFP_KERNEL);
	KASSERT_TRUE(t, o != NULL);
	KEXPECT_EQ(t, page_zonenum(virt_to_page(o)), ZONE_DMA);
	kmem_cache_free(s, o);
	KEXPECT_EQ(t, kmem_cache_destroy(s), 0);
	/* kmalloc with GFP_DMA comes from the dma-kmalloc caches, in ZONE_DMA, at every size. */
	for (size_t size = 8; size <= 8192; size *= 2) {
		o = kmalloc(size, GFP_KERNEL | GFP_DMA);
		KASSERT_TRUE(t, o != NULL);
		KEXPECT_EQ(t, page_zonenum(virt_to_page(o)), ZONE_DMA);
		kfree(o);
	}
}

#define STRESS_SLOTS 4096
#define STRESS_OPS   1000000u

static struct {
	void *p;
	uint32_t size;
	struct kmem_cache *cache;
} slots[STRESS_SLOTS];

static void random_stress(struct ktest *t)
{
	static const uint32_t sizes[] = { 16,   32,   64, 96, 128, 192, 256, 512,
					  1024, 2048, 24, 40, 100, 300, 6000 };
	struct kmem_cache *c1 = kmem_cache_create("stress-a", 72, 0, 0, NULL);
	struct kmem_cache *c2 = kmem_cache_create("stress-b", 500, 64, SLAB_RED_ZONE | SLAB_POISON,
						  NULL);
	uint32_t seed = 0x1234567, failures = 0, problems = 0, corrupt = 0;
	uint32_t free_before = settled_free_pages();

	KASSERT_TRUE(t, c1 && c2);
	memset(slots, 0, sizeof(slots));
	for (uint32_t op = 0; op < STRESS_OPS; op++) {
		unsigned i = xorshift32(&seed) % STRESS_SLOTS;

		if (slots[i].p) {
			corrupt += *(uint32_t *)slots[i].p != i;
			if (slots[i].cache)
				kmem_cache_free(slots[i].cache, slots[i].p);
			else
				kfree(slots[i].p);
			slots[i].p = NULL;
		} else {
			unsigned pick = (seed >> 12) % (ARRAY_SIZE(sizes) + 2);

			if (pick < ARRAY_SIZE(sizes)) {
				slots[i].size = sizes[pick];
				slots[i].cache = NULL;
				slots[i].p = kmalloc(sizes[pick], GFP_KERNEL | __GFP_NOWARN);
			} else {
				slots[i].cache = pick == ARRAY_SIZE(sizes) ? c1 : c2;
				slots[i].p = kmem_cache_alloc(slots[i].cache, GFP_KERNEL);
			}
			if (!slots[i].p) {
				failures++;
				continue;
			}
			*(uint32_t *)slots[i].p = i;
		}
		if (op % (STRESS_OPS / 10) == STRESS_OPS / 10 - 1) {
			problems += validate_all_caches();
			/* The busy picture of docs/slab.md: make qemu ARGS="ktest=slab slabinfo". */
			if (op == STRESS_OPS / 10 - 1 && cmdline_flag("slabinfo"))
				slabinfo_show();
		}
	}
	for (unsigned i = 0; i < STRESS_SLOTS; i++)
		if (slots[i].p) {
			corrupt += *(uint32_t *)slots[i].p != i;
			if (slots[i].cache)
				kmem_cache_free(slots[i].cache, slots[i].p);
			else
				kfree(slots[i].p);
		}
	problems += validate_all_caches();
	/* The picture at rest of docs/slab.md: every object freed, what the caches keep. */
	if (cmdline_flag("slabinfo"))
		slabinfo_show();
	ktest_log("%u operations, %u failed allocations, %u validator problems", STRESS_OPS,
		  failures, problems);
	KEXPECT_EQ(t, problems, 0);
	KEXPECT_EQ(t, corrupt, 0);
	KEXPECT_EQ(t, failures, 0);
	KEXPECT_EQ(t, kmem_cache_destroy(c1), 0);
	KEXPECT_EQ(t, kmem_cache_destroy(c2), 0);
	KEXPECT_EQ(t, settled_free_pages(), free_before);
}

static const struct ktest_case slab_cases[] = {
	KTEST_CASE(sizes_and_alignments),
	KTEST_CASE(constructor_runs_at_creation),
	KTEST_CASE_REPORTS(debug_cache_catches_misuse),
	KTEST_CASE_REPORTS(plain_cache_catches_misuse),
	KTEST_CASE(kmalloc_every_class),
	KTEST_CASE(krealloc_keeps_contents),
	KTEST_CASE(slabinfo_counts),
	KTEST_CASE(empty_slabs_have_hysteresis),
	KTEST_CASE(dma_cache_uses_dma_zone),
	KTEST_CASE_REPORTS(boot_switch_for_debugging),
	KTEST_CASE(mempool_survives_oom),
	KTEST_CASE(random_stress),
};
KTEST_SUITE("slab", slab_cases);

/*
 * Fuzz target for the slab allocator (mm/slab) over the host page
 * allocator (slab_env.c, buddy_env.c): the input is a program of calls on
 * three caches (plain, plain with a constructor, and a red-zone + poison
 * debug cache) and kmalloc, run against a fresh allocator and held against
 * what must be true after each call.
 *
 * Input: one byte of set-up (bit 0: slub_debug, every cache checked), then
 * operations, an opcode byte and its arguments: allocate (a cache or
 * kmalloc of any size up to 9,000 bytes, maybe __GFP_DMA or __GFP_ZERO),
 * free a live object, krealloc one, a misuse, kmem_cache_shrink,
 * validate, kmem_cache_destroy of a busy cache.
 *
 * Checked (a failure prints what and aborts: libFuzzer saves the input):
 *   - objects are aligned, within their cache's slab (or kmalloc's pages),
 *     zeroed with __GFP_ZERO, from ZONE_DMA with __GFP_DMA, constructed
 *     for the constructor cache; each live object's fill pattern survives
 *     until it is freed (so no two live objects overlap);
 *   - krealloc keeps the contents;
 *   - a misuse (double free of the object just freed, the wrong cache, a
 *     pointer inside an object or outside any slab) is counted exactly once
 *     and changes nothing (page allocator snapshot, live objects, the
 *     cache's CPU freelist and lists); a red-zone overwrite is counted once
 *     at free, a poison overwrite once by the validator; destroying a busy
 *     cache fails with -EBUSY and counts each live object;
 *   - slab_errors never moves otherwise; kmem_cache_validate finds nothing
 *     every CHECK_EVERY operations and at the end; once everything is freed,
 *     the caches destroyed and all shrunk, the page allocator has every page
 *     back and buddy_check() finds nothing.
 *
 * Builds: `make fuzz` (FUZZ_TARGET=slab) links it with libFuzzer (clang).
 * With -DFUZZ_STANDALONE the main() of fuzz_main.c runs FUZZ_RUNS
 * pseudo-random inputs from a fixed seed (`make test-host`), or replays
 * the files named on its command line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errno.h"
#include "fuzz_main.h"
#include "host_printk.h"
#include "printk.h"
#include "slab_env.h"
#include "mm/slab/slab_internal.h"

#define LIVE_MAX     1024
#define CHECK_EVERY  32
#define NR_CACHES    3
#define KMALLOC_KIND NR_CACHES
#define DBG          2

struct obj {
	uint8_t *p;
	uint32_t size;
	uint8_t kind; /* cache index, or KMALLOC_KIND */
	uint8_t fill;
};

static struct {
	unsigned op;
	struct kmem_cache *cache[NR_CACHES];
	struct obj live[LIVE_MAX];
	unsigned nr_live;
	struct obj last_freed; /* valid while last_free_op == op - 1 */
	unsigned last_free_op;
	unsigned expected_errors;
	uint32_t start_free;
	bool debug_all;
} st;

static struct {
	unsigned long allocs, failed, frees, reallocs, misuse;
} totals;

static const uint32_t cache_size[NR_CACHES] = { 40, 200, 72 };
static const char *const cache_name[NR_CACHES] = { "fuzz-plain", "fuzz-ctor", "fuzz-debug" };

/* A failed check prints what, then the kernel log of the operation, and aborts. */
#define EXPECT(cond, ...)                              \
	do {                                           \
		if (!(cond))                           \
			fuzz_fail(st.op, __VA_ARGS__); \
	} while (0)

static unsigned byte(void)
{
	return fuzz_byte();
}

static unsigned word(void)
{
	unsigned lo = byte();

	return lo | byte() << 8;
}

/* ---- helpers ---- */

static void ctor(void *obj)
{
	memset(obj, 0xc7, 16);
}

static void fill(struct obj *o)
{
	memset(o->p, o->fill, o->size);
}

static void expect_fill(const struct obj *o, const char *when)
{
	for (uint32_t i = 0; i < o->size; i++)
		EXPECT(o->p[i] == o->fill,
		       "%s: object %p (kind %u, %u bytes) byte %u is %#x, not %#x", when,
		       (void *)o->p, o->kind, o->size, i, o->p[i], o->fill);
}

static void free_obj(const struct obj *o)
{
	if (o->kind == KMALLOC_KIND)
		kfree(o->p);
	else
		kmem_cache_free(st.cache[o->kind], o->p);
}

static void expect_errors(const char *what)
{
	EXPECT(slab_errors == st.expected_errors, "%s: slab_errors %u, expected %u", what,
	       slab_errors, st.expected_errors);
}

/* What a refused misuse must leave alone. */
struct state {
	struct buddy_snapshot *pages;
	unsigned active;
	void *cpu_freelist[NR_CACHES];
	unsigned lists[NR_CACHES][3];
};

static void state_take(struct state *s)
{
	s->pages = buddy_snapshot_take();
	s->active = slab_env_active_objs();
	for (unsigned i = 0; i < NR_CACHES; i++) {
		s->cpu_freelist[i] = st.cache[i]->cpu[0].freelist;
		s->lists[i][0] = st.cache[i]->nr_partial;
		s->lists[i][1] = st.cache[i]->nr_full;
		s->lists[i][2] = st.cache[i]->nr_empty;
	}
}

static void state_expect(struct state *s, const char *what)
{
	const char *diff = buddy_snapshot_diff(s->pages);

	EXPECT(!diff, "%s changed the page allocator: %s", what, diff);
	buddy_snapshot_free(s->pages);
	EXPECT(slab_env_active_objs() == s->active, "%s changed the live objects", what);
	for (unsigned i = 0; i < NR_CACHES; i++)
		EXPECT(s->cpu_freelist[i] == st.cache[i]->cpu[0].freelist &&
			       s->lists[i][0] == st.cache[i]->nr_partial &&
			       s->lists[i][1] == st.cache[i]->nr_full &&
			       s->lists[i][2] == st.cache[i]->nr_empty,
		       "%s changed cache %s", what, cache_name[i]);
}

/* ---- operations ---- */

static void op_alloc(void)
{
	unsigned kind = byte() % 4, flags = byte();
	/* __GFP_DMA for kmalloc only: a cache's objects come from its own slabs (as in Linux). */
	gfp_t gfp = GFP_KERNEL | (flags & 1 ? __GFP_ZERO : 0) |
		    (flags & 2 && kind == KMALLOC_KIND ? __GFP_DMA : 0) | __GFP_NOWARN;
	struct obj o = { .kind = (uint8_t)kind, .fill = (uint8_t)(st.op * 13 + 1) };

	if (st.nr_live == LIVE_MAX)
		return;
	if (kind == KMALLOC_KIND) {
		unsigned w = word();

		o.size = 1 + (flags & 4 ? w % 9000 : w % 600);
		o.p = kmalloc(o.size, gfp);
	} else {
		o.size = cache_size[kind];
		o.p = kmem_cache_alloc(st.cache[kind], gfp);
	}
	totals.allocs++;
	if (!o.p) {
		totals.failed++;
		return;
	}
	EXPECT(virt_addr_valid(o.p) && virt_addr_valid(o.p + o.size - 1),
	       "object %p outside lowmem", (void *)o.p);
	EXPECT((uintptr_t)o.p % 8 == 0, "object %p not aligned", (void *)o.p);
	if (kind == KMALLOC_KIND) {
		EXPECT(ksize(o.p) >= o.size, "ksize %zu below %u", ksize(o.p), o.size);
		if (o.size <= KMALLOC_MAX_CACHE_SIZE)
			EXPECT(addr_to_slab(o.p) &&
				       !strncmp(addr_to_slab(o.p)->cache->name,
						gfp & __GFP_DMA ? "dma-kmalloc-" : "kmalloc-",
						gfp & __GFP_DMA ? 12 : 8),
			       "kmalloc(%u) from the wrong cache", o.size);
	} else {
		struct slab *slab = addr_to_slab(o.p);

		EXPECT(slab && slab->cache == st.cache[kind] &&
			       addr_to_slab(o.p + o.size - 1) == slab,
		       "object %p not in a slab of %s", (void *)o.p, cache_name[kind]);
		if (kind == 1 && !(gfp & __GFP_ZERO))
			for (unsigned i = 0; i < 16; i++)
				EXPECT(o.p[i] == 0xc7, "constructed object %p lost its state",
				       (void *)o.p);
	}
	if (gfp & __GFP_DMA)
		EXPECT(page_zonenum(virt_to_page(o.p)) == ZONE_DMA,
		       "__GFP_DMA object %p outside ZONE_DMA", (void *)o.p);
	if (gfp & __GFP_ZERO)
		for (uint32_t i = 0; i < o.size; i++)
			EXPECT(!o.p[i], "__GFP_ZERO object %p byte %u is %#x", (void *)o.p, i,
			       o.p[i]);
	fill(&o);
	st.live[st.nr_live++] = o;
}

static void restore_ctor_state(struct obj *o)
{
	if (o->kind == 1)
		memset(o->p, 0xc7, 16); /* a freed object must be left constructed */
}

static void op_free(void)
{
	unsigned i;
	struct obj o;

	if (!st.nr_live)
		return;
	i = word() % st.nr_live;
	o = st.live[i];
	expect_fill(&o, "before free");
	restore_ctor_state(&o);
	free_obj(&o);
	st.live[i] = st.live[--st.nr_live];
	st.last_freed = o;
	st.last_free_op = st.op;
	totals.frees++;
}

static void op_realloc(void)
{
	struct obj *o;
	unsigned i, w;
	uint32_t size;
	uint8_t *p;

	if (!st.nr_live)
		return;
	i = word() % st.nr_live;
	w = word();
	o = &st.live[i];
	if (o->kind != KMALLOC_KIND)
		return;
	size = 1 + (w & 1 ? w % 9000 : w % 600);
	p = krealloc(o->p, size, GFP_KERNEL | __GFP_NOWARN);
	totals.reallocs++;
	if (!p) {
		expect_fill(o, "after a failed krealloc");
		return;
	}
	EXPECT(ksize(p) >= size, "krealloc(%u): ksize %zu", size, ksize(p));
	for (uint32_t b = 0; b < min(size, o->size); b++)
		EXPECT(p[b] == o->fill, "krealloc %u -> %u lost byte %u", o->size, size, b);
	o->p = p;
	o->size = size;
	fill(o);
}

static void refused(struct state *s, const char *what)
{
	st.expected_errors++;
	expect_errors(what);
	state_expect(s, what);
	totals.misuse++;
}

static void op_misuse(void)
{
	static uint8_t outside[256];
	unsigned kind = byte() % 7, arg = word();
	struct state s;
	struct obj *o = st.nr_live ? &st.live[arg % st.nr_live] : NULL;

	switch (kind) {
	case 0: /* double free of the object freed by the previous operation */
		if (st.last_free_op + 1 != st.op || !st.last_freed.p)
			return;
		state_take(&s);
		free_obj(&st.last_freed);
		refused(&s, "double free");
		return;
	case 1: { /* the wrong cache */
		unsigned other = (arg >> 8) % (NR_CACHES - 1);

		if (!o || o->kind == KMALLOC_KIND)
			return;
		other = (o->kind + 1 + other) % NR_CACHES;
		state_take(&s);
		kmem_cache_free(st.cache[other], o->p);
		refused(&s, "free to the wrong cache");
		return;
	}
	case 2: /* inside an object */
		if (!o || o->size < 2)
			return;
		state_take(&s);
		if (o->kind == KMALLOC_KIND)
			kfree(o->p + 1 + (arg >> 8) % (o->size - 1));
		else
			kmem_cache_free(st.cache[o->kind], o->p + 1 + (arg >> 8) % (o->size - 1));
		refused(&s, "free inside an object");
		return;
	case 3: /* outside any slab */
		state_take(&s);
		if (arg & 1)
			kfree(outside + (arg >> 1) % 128);
		else
			kmem_cache_free(st.cache[(arg >> 1) % NR_CACHES],
					outside + (arg >> 3) % 128);
		refused(&s, "free outside any slab");
		return;
	case 4: { /* red zone of a debug object overwritten, found at free */
		unsigned i;

		if (!o || o->kind != DBG)
			return;
		i = (unsigned)(o - st.live);
		o->p[o->size + (arg >> 8) % 4] ^= 0x5a;
		expect_fill(o, "before free");
		free_obj(o);
		st.live[i] = st.live[--st.nr_live];
		st.expected_errors++;
		expect_errors("red zone overwrite");
		totals.misuse++;
		return;
	}
	case 5: { /* poison of a just-freed debug object overwritten, found by the validator */
		struct slab *slab;
		unsigned problems;

		if (st.last_free_op + 1 != st.op || !st.last_freed.p || st.last_freed.kind != DBG)
			return;
		slab = addr_to_slab(st.last_freed.p);
		if (!slab || slab->cache != st.cache[DBG])
			return; /* its slab went back to the page allocator */
		st.last_freed.p[(arg >> 8) % cache_size[DBG]] ^= 0x11;
		problems = kmem_cache_validate(st.cache[DBG]);
		st.expected_errors++;
		EXPECT(problems == 1, "poison overwrite: the validator found %u problems",
		       problems);
		expect_errors("poison overwrite");
		totals.misuse++;
		return;
	}
	default: { /* destroy a busy cache */
		unsigned c = arg % NR_CACHES, n = 0;
		int ret;

		for (unsigned i = 0; i < st.nr_live; i++)
			n += st.live[i].kind == c;
		if (!n)
			return;
		ret = kmem_cache_destroy(st.cache[c]);
		EXPECT(ret == -EBUSY, "destroying %s with %u live objects returned %d",
		       cache_name[c], n, ret);
		st.expected_errors += n;
		expect_errors("destroy of a busy cache");
		totals.misuse++;
		return;
	}
	}
}

static void validate_all(const char *when)
{
	unsigned problems = slab_env_validate_all();

	EXPECT(problems == 0, "%s: the validator found %u problems", when, problems);
}

/* ---- one input ---- */

static void setup(void)
{
	st.debug_all = byte() & 1;
	slab_env_reset(st.debug_all);
	drain_all_pages();
	st.start_free = nr_free_pages();
	for (unsigned i = 0; i < NR_CACHES; i++) {
		st.cache[i] = kmem_cache_create(cache_name[i], cache_size[i], 0,
						i == DBG ? SLAB_RED_ZONE | SLAB_POISON : 0,
						i == 1 ? ctor : NULL);
		EXPECT(st.cache[i], "kmem_cache_create(%s) failed", cache_name[i]);
	}
	st.nr_live = 0;
	st.op = 0;
	st.last_freed.p = NULL;
	st.last_free_op = ~0u;
	st.expected_errors = 0;
}

static void finish(void)
{
	uint32_t now;

	validate_all("at the end");
	while (st.nr_live) {
		struct obj *o = &st.live[--st.nr_live];

		expect_fill(o, "at the end");
		restore_ctor_state(o);
		free_obj(o);
	}
	validate_all("after freeing everything");
	for (unsigned i = 0; i < NR_CACHES; i++)
		EXPECT(kmem_cache_destroy(st.cache[i]) == 0, "kmem_cache_destroy(%s) failed",
		       cache_name[i]);
	slab_env_shrink_all();
	expect_errors("at the end");
	now = nr_free_pages();
	EXPECT(now == st.start_free,
	       "%u pages free after everything was given back, %u at the start", now,
	       st.start_free);
	EXPECT(buddy_check() == 0, "buddy_check() found problems");
}

/* One operation: fuzz_main.c runs them until the input ends. */
static void step(void)
{
	unsigned op = byte() % 16;

	if (op < 6)
		op_alloc();
	else if (op < 10)
		op_free();
	else if (op < 11)
		op_realloc();
	else if (op < 13)
		op_misuse();
	else if (op < 14)
		kmem_cache_shrink(st.cache[byte() % NR_CACHES]);
	else if (op < 15)
		validate_all("on request");
	else
		slab_env_shrink_all();
	expect_errors("after the operation");
	st.op++;
	if (st.op % CHECK_EVERY == 0)
		validate_all("periodic check");
}

/* ---- for the driver (fuzz_main.c) ---- */

static void summary(void)
{
	printf("%lu allocations (%lu failed), %lu frees, %lu reallocs, %lu misuses caught: OK\n",
	       totals.allocs, totals.failed, totals.frees, totals.reallocs, totals.misuse);
}

const struct fuzz_target fuzz_target = {
	.name = "fuzz_slab",
	.runs = 300,
	.seed = 0x2545f4914f6cdd1dull,
	.setup = setup,
	.step = step,
	.finish = finish,
	.op = &st.op,
	.summary = summary,
};

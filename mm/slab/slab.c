/*
 * The slab allocator core: caches, slabs, the CPU freelist's refill and
 * trim, and the checked slow paths (the fast paths are inline in
 * include/slab.h; slab_internal.h has the layout).
 */
#include <stdarg.h>
#include "errno.h"
#include "printk.h"
#include "string.h"
#include "slab_internal.h"

LIST_HEAD_DEFINE(slab_caches);
unsigned slab_errors;
static bool debug_all_caches;

#define ARCH_SLAB_MINALIGN 8
#define SLAB_MAX_ORDER     3 /* slabs of 4 KB to 32 KB */
#define SLAB_MAX_EMPTY     2 /* empty slabs kept per cache */

/* The bootstrap caches: their slab descriptors live in the slabs themselves. */
static struct kmem_cache cache_cache; /* struct kmem_cache */
static struct kmem_cache desc_cache;  /* struct slab, for every other cache */

void slab_report(struct kmem_cache *s, const void *obj, const char *fmt, ...)
{
	va_list ap;

	s->errors++;
	slab_errors++;
	printk("BUG %s: ", s->name);
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	if (obj)
		printk(" (object %p)", obj);
	printk("\n");
}

/* ---- sizing ---- */

static uint32_t calculate_alignment(unsigned flags, uint32_t align, uint32_t size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		uint32_t ralign = L1_CACHE_BYTES;

		/* Small objects share a line: align to the smallest fraction that holds them. */
		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	return max(align, (uint32_t)ARCH_SLAB_MINALIGN);
}

static uint32_t slab_header(const struct kmem_cache *s)
{
	return s->on_slab ? ALIGN((uint32_t)sizeof(struct slab), s->align) : 0;
}

/* The fast paths' slot check for this layout (see struct kmem_cache_cpu). */
static void fast_slot_check(struct kmem_cache *s)
{
	bool fast = !cache_debug(s) && !s->on_slab && !s->order;

	s->cpu.slot_mask = fast && !s->cpu.offset && !(s->cpu.size & (s->cpu.size - 1))
				   ? s->cpu.size - 1
				   : ~(uintptr_t)0;
	s->cpu.fast_span = fast ? s->span : 0;
}

/* Slot layout and slab order; false when the object is too big for a slab. */
static bool calculate_sizes(struct kmem_cache *s)
{
	uint32_t size = ALIGN(s->object_size, 4u);

	if (s->ctor)
		s->flags &= ~SLAB_POISON; /* poison would destroy the constructed state */
	s->red_zone = 0;
	if (s->flags & SLAB_RED_ZONE) {
		s->red_zone = size + 4 - s->object_size; /* 4 to 7 guard bytes */
		size += 4;
	}
	if (cache_debug(s)) {
		s->cpu.offset = size; /* the free pointer lives outside the object */
		size += sizeof(void *);
	} else {
		/* The free pointer, then the free mark: outside the object with a constructor. */
		s->cpu.offset = s->ctor ? size : 0;
		size = max(size, s->cpu.offset + (uint32_t)(2 * sizeof(void *)));
	}
	s->cpu.size = ALIGN(size, s->align);
	s->cpu.reciprocal = (uint32_t)((0x100000000ull + s->cpu.size - 1) / s->cpu.size);

	for (unsigned order = 0; order <= SLAB_MAX_ORDER; order++) {
		uint32_t bytes = PAGE_SIZE << order, hdr = slab_header(s);
		uint32_t objs, waste;

		if (bytes < hdr + s->cpu.size)
			continue;
		objs = (bytes - hdr) / s->cpu.size;
		waste = bytes - hdr - objs * s->cpu.size;
		/* Stop at the first order wasting at most an eighth, or at the last order. */
		if (waste * 8 <= bytes || order == SLAB_MAX_ORDER) {
			s->order = order;
			s->objects = objs;
			s->span = objs * s->cpu.size;
			fast_slot_check(s);
			/*
			 * Room for two slabs' worth (a refill moves half), at least 8
			 * and at most 128 objects: the objects may pin as many slabs.
			 */
			s->cpu_limit = cache_debug(s) ? 0 : min(max(2 * objs, 8u), 128u);
			s->cpu.free_budget = (int32_t)s->cpu_limit;
			return objs > 0;
		}
	}
	return false;
}

/* ---- slabs ---- */

static void list_to(struct kmem_cache *s, struct slab *slab, uint8_t where)
{
	static const size_t counters[] = {
		[SLAB_ON_PARTIAL] = offsetof(struct kmem_cache, nr_partial),
		[SLAB_ON_FULL] = offsetof(struct kmem_cache, nr_full),
		[SLAB_ON_EMPTY] = offsetof(struct kmem_cache, nr_empty),
	};
	struct list_head *lists[] = {
		[SLAB_ON_PARTIAL] = &s->partial,
		[SLAB_ON_FULL] = &s->full,
		[SLAB_ON_EMPTY] = &s->empty,
	};

	if (slab->where == where)
		return;
	if (slab->where != SLAB_ON_NONE) {
		list_del(&slab->list);
		(*(unsigned *)((char *)s + counters[slab->where]))--;
	}
	slab->where = where;
	if (where != SLAB_ON_NONE) {
		list_add(&slab->list, lists[where]);
		(*(unsigned *)((char *)s + counters[where]))++;
	}
}

/* The list a slab belongs on after its inuse count changed. */
static void relist(struct kmem_cache *s, struct slab *slab)
{
	list_to(s, slab,
		slab->inuse == 0               ? SLAB_ON_EMPTY
		: slab->inuse == slab->objects ? SLAB_ON_FULL
					       : SLAB_ON_PARTIAL);
}

static struct slab *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	gfp_t page_gfp = (gfp & ~(__GFP_HIGHMEM | __GFP_ZERO | __GFP_MOVABLE)) | s->allocflags;
	struct page *page = alloc_pages(page_gfp, s->order);
	struct slab *slab;
	char *addr, *obj;
	void *prev = NULL;

	if (!page)
		return NULL;
	addr = page_address(page);
	if (s->on_slab) {
		slab = (struct slab *)addr;
	} else {
		slab = kmem_cache_alloc(&desc_cache, gfp & ~__GFP_ZERO);
		if (!slab) {
			__free_pages(page, s->order);
			return NULL;
		}
	}
	*slab = (struct slab){
		.cache = s,
		.base = addr + slab_header(s),
		.page = page,
		.objects = (uint16_t)s->objects,
		.where = SLAB_ON_NONE,
	};
	for (unsigned i = 0; i < (1u << s->order); i++) {
		page[i].flags |= PG_slab;
		page[i].slab_cache = s;
		page[i].private = (uint32_t)(uintptr_t)slab;
	}
	/* Link the objects in address order, so allocations walk the slab forwards. */
	obj = slab->base + (s->objects - 1) * s->cpu.size;
	for (unsigned i = 0; i < s->objects; i++, obj -= s->cpu.size) {
		if (cache_debug(s))
			debug_init_object(s, obj);
		if (s->ctor)
			s->ctor(obj);
		set_freepointer(s, obj, prev);
		mark_free(s, obj);
		prev = obj;
	}
	slab->freelist = prev;
	return slab;
}

static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	struct page *page = slab->page;

	list_to(s, slab, SLAB_ON_NONE);
	for (unsigned i = 0; i < (1u << s->order); i++) {
		page[i].flags &= ~PG_slab;
		page[i].slab_cache = NULL;
		page[i].private = 0;
	}
	if (!s->on_slab)
		kmem_cache_free(&desc_cache, slab);
	__free_pages(page, s->order);
}

/* A slab with a free object: partial first, then an empty one, then a new one. */
static struct slab *get_slab(struct kmem_cache *s, gfp_t gfp)
{
	if (!list_empty(&s->partial))
		return list_first_entry(&s->partial, struct slab, list);
	if (!list_empty(&s->empty))
		return list_first_entry(&s->empty, struct slab, list);
	return new_slab(s, gfp);
}

/* Keep at most max_empty empty slabs; give the rest back to the page allocator. */
static void trim_empty(struct kmem_cache *s)
{
	while (s->nr_empty > s->max_empty)
		discard_slab(s, list_entry(s->empty.prev, struct slab, list));
}

/* ---- the CPU freelist ---- */

/* Objects on the CPU freelist, counting at most limit + 1 (a cycle stops there). */
static unsigned cpu_freelist_length(const struct kmem_cache *s, unsigned limit)
{
	unsigned n = 0;

	for (void *p = s->cpu.freelist; p && n <= limit; p = get_freepointer(s, p))
		n++;
	return n;
}

/* Give a chain of CPU-freelist objects back to their slabs' own freelists. */
static void return_to_slabs(struct kmem_cache *s, void *obj)
{
	while (obj) {
		void *next = get_freepointer(s, obj);
		struct slab *slab = addr_to_slab(obj);

		set_freepointer(s, obj, slab->freelist);
		slab->freelist = obj;
		slab->inuse--;
		relist(s, slab);
		obj = next;
	}
}

/* Empty the CPU freelist into the slabs (shrink and destroy, which then free the empty ones). */
static void drain_cpu(struct kmem_cache *s)
{
	void *obj = s->cpu.freelist;

	s->cpu.freelist = NULL;
	s->cpu.free_budget = (int32_t)s->cpu_limit;
	return_to_slabs(s, obj);
}

/*
 * The CPU freelist reached its limit: keep its newest half, give the older
 * objects back to their slabs, and count the pushes allowed from here.
 */
static void trim_cpu(struct kmem_cache *s)
{
	unsigned keep = s->cpu_limit / 2, n = 1;
	void *last = s->cpu.freelist, *rest = NULL;

	if (last) {
		while (n < keep && get_freepointer(s, last)) {
			last = get_freepointer(s, last);
			n++;
		}
		rest = get_freepointer(s, last);
		set_freepointer(s, last, NULL);
	} else {
		n = 0;
	}
	s->cpu.free_budget = (int32_t)(s->cpu_limit - n);
	return_to_slabs(s, rest);
	trim_empty(s);
}

/*
 * The CPU freelist is empty: move up to half its limit of free objects from
 * one slab onto it. The slab counts them as in use from now on.
 */
static bool refill_cpu(struct kmem_cache *s, gfp_t gfp)
{
	struct slab *slab = get_slab(s, gfp);
	unsigned n = 1, batch = s->cpu_limit / 2;
	void *last;

	if (!slab)
		return false;
	last = slab->freelist;
	while (n < batch && get_freepointer(s, last)) {
		last = get_freepointer(s, last);
		n++;
	}
	s->cpu.freelist = slab->freelist;
	slab->freelist = get_freepointer(s, last);
	set_freepointer(s, last, NULL);
	slab->inuse += n;
	relist(s, slab);
	s->cpu.free_budget = (int32_t)(s->cpu_limit - n);
	return true;
}

/* ---- allocation and free, the checked paths ---- */

static void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp)
{
	struct slab *slab;
	void *obj;

	if (!cache_debug(s)) {
		if (!s->cpu.freelist && !refill_cpu(s, gfp))
			return NULL;
		obj = s->cpu.freelist;
		s->cpu.freelist = get_freepointer(s, obj);
		s->cpu.free_budget++;
		*slab_free_mark(&s->cpu, obj) = 0;
		return obj;
	}
	/* Debug caches: straight from a slab, every object checked. */
	slab = get_slab(s, gfp);
	if (!slab)
		return NULL;
	obj = slab->freelist;
	slab->freelist = get_freepointer(s, obj);
	slab->inuse++;
	relist(s, slab);
	debug_alloc_check(s, obj);
	return obj;
}

void *kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp)
{
	void *obj = slab_alloc_slow(s, gfp);

	if (obj && (gfp & __GFP_ZERO))
		memset(obj, 0, s->object_size);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}

/* Is obj already free: on its slab's freelist or the CPU freelist? */
static bool on_freelist(struct kmem_cache *s, struct slab *slab, const void *obj)
{
	unsigned n = 0;

	for (void *p = slab->freelist; p && n <= slab->objects; p = get_freepointer(s, p), n++)
		if (p == obj)
			return true;
	n = 0;
	for (void *p = s->cpu.freelist; p && n <= s->cpu_limit; p = get_freepointer(s, p), n++)
		if (p == obj)
			return true;
	return false;
}

void __slab_free(struct kmem_cache *s, void *obj, void *caller)
{
	struct slab *slab = addr_to_slab(obj);

	if (!slab) {
		slab_report(s, obj, "free of a pointer that is not in any slab (caller %p)",
			    caller);
		return;
	}
	if (slab->cache != s) {
		slab_report(s, obj, "free to the wrong cache: the object belongs to %s (caller %p)",
			    slab->cache->name, caller);
		return;
	}
	if (obj_index(s, slab, obj) < 0) {
		slab_report(s, obj,
			    "free of a pointer %u bytes into a slab, not at an object (caller %p)",
			    (unsigned)((char *)obj - slab->base), caller);
		return;
	}
	if (cache_debug(s)) {
		if (!debug_free_check(s, slab, obj, caller))
			return;
		set_freepointer(s, obj, slab->freelist);
		slab->freelist = obj;
		slab->inuse--;
		relist(s, slab);
		if (slab->where == SLAB_ON_EMPTY)
			trim_empty(s);
		return;
	}
	if (on_freelist(s, slab, obj)) {
		slab_report(s, obj, "double free (caller %p)", caller);
		return;
	}
	set_freepointer(s, obj, s->cpu.freelist);
	mark_free(s, obj);
	s->cpu.freelist = obj;
	/* The fast path may have taken the budget below zero before coming here. */
	if (s->cpu.free_budget <= 0)
		trim_cpu(s);
	else
		s->cpu.free_budget--;
}

void slab_free_slow(struct kmem_cache *s, void *obj)
{
	if (obj)
		__slab_free(s, obj, __builtin_return_address(0));
}

/* ---- cache lifetime ---- */

static void init_cache(struct kmem_cache *s, const char *name, size_t size, size_t align,
		       unsigned flags, void (*ctor)(void *), bool on_slab)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = (uint32_t)size;
	s->flags = flags;
	s->ctor = ctor;
	s->on_slab = on_slab;
	s->align = calculate_alignment(flags, (uint32_t)align, (uint32_t)size);
	s->allocflags = flags & SLAB_CACHE_DMA ? __GFP_DMA : 0;
	s->max_empty = SLAB_MAX_EMPTY;
	INIT_LIST_HEAD(&s->partial);
	INIT_LIST_HEAD(&s->full);
	INIT_LIST_HEAD(&s->empty);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align, unsigned flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	const char *why = NULL;

	if (!name || !size || size > (PAGE_SIZE << SLAB_MAX_ORDER) / 2)
		why = "size must be 1 byte to 16 KB";
	else if (align & (align - 1) || align > PAGE_SIZE)
		why = "align must be a power of two up to 4096";
	else if (flags & ~SLAB_FLAGS_MASK)
		why = "unknown flags";
	else if (!(s = kmem_cache_alloc(&cache_cache, GFP_KERNEL)))
		why = "out of memory";
	if (!why) {
		init_cache(s, name, size, align, flags | (debug_all_caches ? SLAB_DEBUG_FLAGS : 0),
			   ctor, false);
		if (!calculate_sizes(s))
			why = "no slab layout fits";
	}
	if (why) {
		if (s)
			kmem_cache_free(&cache_cache, s);
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create(%s, %zu): %s", name ? name : "(null)", size, why);
		printk("kmem_cache_create(%s, %zu, %zu, %#x): %s\n", name ? name : "(null)", size,
		       align, flags, why);
		return NULL;
	}
	list_add_tail(&s->caches, &slab_caches);
	return s;
}

/* Walk a slab's objects, calling fn on those not on a freelist. */
static unsigned for_each_allocated(struct kmem_cache *s, struct slab *slab,
				   void (*fn)(struct kmem_cache *s, void *obj))
{
	uint8_t is_free[(1u << 12) / 8 + 1]; /* up to 4096 objects per slab */
	unsigned count = 0;

	memset(is_free, 0, (slab->objects + 7) / 8);
	for (void *p = slab->freelist; p; p = get_freepointer(s, p)) {
		int i = obj_index(s, slab, p);

		if (i < 0 || (is_free[i / 8] & (1u << (i % 8))))
			break; /* corrupt: kmem_cache_validate will say more */
		is_free[i / 8] |= (uint8_t)(1u << (i % 8));
	}
	for (unsigned i = 0; i < slab->objects; i++)
		if (!(is_free[i / 8] & (1u << (i % 8)))) {
			if (fn)
				fn(s, slab->base + i * s->cpu.size);
			count++;
		}
	return count;
}

static void report_leak(struct kmem_cache *s, void *obj)
{
	slab_report(s, obj, "object still allocated when the cache is destroyed");
}

int kmem_cache_destroy(struct kmem_cache *s)
{
	struct slab *slab, *n;
	unsigned leaked = 0;

	if (!s)
		return 0;
	drain_cpu(s);
	list_for_each_entry (slab, &s->partial, list)
		leaked += for_each_allocated(s, slab, report_leak);
	list_for_each_entry (slab, &s->full, list)
		leaked += for_each_allocated(s, slab, report_leak);
	if (leaked) {
		printk("kmem_cache_destroy(%s): %u objects still allocated, cache kept\n", s->name,
		       leaked);
		return -EBUSY;
	}
	list_for_each_entry_safe (slab, n, &s->empty, list)
		discard_slab(s, slab);
	list_del(&s->caches);
	kmem_cache_free(&cache_cache, s);
	return 0;
}

unsigned kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned pages = 0;

	drain_cpu(s);
	while (!list_empty(&s->empty)) {
		discard_slab(s, list_first_entry(&s->empty, struct slab, list));
		pages += 1u << s->order;
	}
	return pages;
}

void kmem_cache_info(const struct kmem_cache *s, struct slabinfo *info)
{
	unsigned slabs = s->nr_partial + s->nr_full + s->nr_empty;
	unsigned active = s->nr_full * s->objects;
	const struct slab *slab;

	list_for_each_entry (slab, &s->partial, list)
		active += slab->inuse;
	/* Objects on the CPU freelist are free, though their slabs count them. */
	active -= cpu_freelist_length(s, s->cpu_limit);
	*info = (struct slabinfo){
		.name = s->name,
		.active_objs = active,
		.num_objs = slabs * s->objects,
		.objsize = s->object_size,
		.objperslab = s->objects,
		.pagesperslab = 1u << s->order,
		.active_slabs = slabs - s->nr_empty,
		.num_slabs = slabs,
		.empty_slabs = s->nr_empty,
	};
}

void kmem_cache_for_each(void (*fn)(struct kmem_cache *s, void *ctx), void *ctx)
{
	struct kmem_cache *s, *n;

	/* The bootstrap caches last: the others' slabs free descriptors into them. */
	list_for_each_entry_safe (s, n, &slab_caches, caches)
		fn(s, ctx);
	fn(&desc_cache, ctx);
	fn(&cache_cache, ctx);
}

static void show_one(struct kmem_cache *s, void *ctx)
{
	struct slabinfo i;

	(void)ctx;
	kmem_cache_info(s, &i);
	printk("%-18s %7u %7u %6u %4u %4u : slabs %5u %5u %3u%s\n", i.name, i.active_objs,
	       i.num_objs, i.objsize, i.objperslab, i.pagesperslab, i.active_slabs, i.num_slabs,
	       i.empty_slabs, cache_debug(s) ? "  [debug]" : "");
}

void slabinfo_show(void)
{
	printk("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : slabs <active> <total> <empty>\n");
	kmem_cache_for_each(show_one, NULL);
}

void kmem_cache_init(bool debug)
{
	init_cache(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0, SLAB_HWCACHE_ALIGN,
		   NULL, true);
	init_cache(&desc_cache, "slab_descriptor", sizeof(struct slab), 0, 0, NULL, true);
	BUG_ON(!calculate_sizes(&cache_cache) || !calculate_sizes(&desc_cache));
	debug_all_caches = debug;
	kmalloc_init();
}

/*
 * The slab allocator core: caches, slabs, the CPU freelists' refill, trim
 * and drain, and the checked slow paths (the fast paths are inline in
 * include/slab_fast.h; slab_internal.h has the layout and the locking).
 */
#include <stdarg.h>
#include "errno.h"
#include "kmemleak.h"
#include "printk.h"
#include "seq_file.h"
#include "smp.h"
#include "string.h"
#include "slab_internal.h"

LIST_HEAD_DEFINE(slab_caches);
/* The list of caches: creation, destruction, walks. Never taken in a handler. */
DEFINE_SPINLOCK(slab_caches_lock);
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

	__atomic_fetch_add(&s->errors, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&slab_errors, 1, __ATOMIC_RELAXED);
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
	struct kmem_cache_cpu *l = slot_layout(s);
	bool fast = !cache_debug(s) && !s->on_slab && !s->order;

	l->slot_mask = fast && !l->offset && !(l->size & (l->size - 1)) ? l->size - 1
									: ~(uintptr_t)0;
	l->fast_span = fast ? s->span : 0;
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
		slot_layout(s)->offset = size; /* the free pointer lives outside the object */
		size += sizeof(void *);
	} else {
		/* The free pointer, then the free mark: outside the object with a constructor. */
		slot_layout(s)->offset = s->ctor ? size : 0;
		size = max(size, slot_layout(s)->offset + (uint32_t)(2 * sizeof(void *)));
	}
	slot_layout(s)->size = ALIGN(size, s->align);
	slot_layout(s)->reciprocal = (uint32_t)((0x100000000ull + slot_layout(s)->size - 1) /
						slot_layout(s)->size);

	for (unsigned order = 0; order <= SLAB_MAX_ORDER; order++) {
		uint32_t bytes = PAGE_SIZE << order, hdr = slab_header(s);
		uint32_t objs, waste;

		if (bytes < hdr + slot_layout(s)->size)
			continue;
		objs = (bytes - hdr) / slot_layout(s)->size;
		waste = bytes - hdr - objs * slot_layout(s)->size;
		/* Stop at the first order wasting at most an eighth, or at the last order. */
		if (waste * 8 <= bytes || order == SLAB_MAX_ORDER) {
			s->order = order;
			s->objects = objs;
			s->span = objs * slot_layout(s)->size;
			fast_slot_check(s);
			/*
			 * Room for two slabs' worth (a refill moves half), at least 8
			 * and at most 128 objects: the objects may pin as many slabs.
			 */
			s->cpu_limit = cache_debug(s) || slab_leak_tracked(s)
					       ? 0
					       : min(max(2 * objs, 8u), 128u);
			slot_layout(s)->free_budget = (int32_t)s->cpu_limit;
			/* Every CPU's slot: the same layout, an empty freelist. */
			for (unsigned cpu = 1; cpu < NR_CPUS; cpu++)
				s->cpu[cpu] = s->cpu[0];
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
	obj = slab->base + (s->objects - 1) * slot_layout(s)->size;
	for (unsigned i = 0; i < s->objects; i++, obj -= slot_layout(s)->size) {
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

/*
 * Give a slab back: its pages and descriptor. Called without s->lock, once
 * the slab is off the lists (take_off()): nothing else can reach it, since
 * no object of it is live or on a CPU freelist (inuse is 0).
 */
static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	struct page *page = slab->page;

	for (unsigned i = 0; i < (1u << s->order); i++) {
		page[i].flags &= ~PG_slab;
		page[i].slab_cache = NULL;
		page[i].private = 0;
	}
	if (!s->on_slab)
		kmem_cache_free(&desc_cache, slab);
	__free_pages(page, s->order);
}

/* Under s->lock: move slab off its list onto the caller's list of slabs to discard. */
static void take_off(struct kmem_cache *s, struct slab *slab, struct list_head *discard)
{
	list_to(s, slab, SLAB_ON_NONE);
	list_add_tail(&slab->list, discard);
}

/* After s->lock is dropped: give back the slabs take_off() collected; the pages freed. */
static unsigned discard_slabs(struct kmem_cache *s, struct list_head *discard)
{
	struct slab *slab, *n;
	unsigned pages = 0;

	list_for_each_entry_safe (slab, n, discard, list) {
		discard_slab(s, slab);
		pages += 1u << s->order;
	}
	return pages;
}

/* Under s->lock: a slab with a free object, partial first, then an empty one; or NULL. */
static struct slab *get_slab(struct kmem_cache *s)
{
	if (!list_empty(&s->partial))
		return list_first_entry(&s->partial, struct slab, list);
	if (!list_empty(&s->empty))
		return list_first_entry(&s->empty, struct slab, list);
	return NULL;
}

/* Under s->lock: keep at most max_empty empty slabs, collect the rest for discard_slabs(). */
static void trim_empty(struct kmem_cache *s, struct list_head *discard)
{
	while (s->nr_empty > s->max_empty)
		take_off(s, list_entry(s->empty.prev, struct slab, list), discard);
}

/*
 * No slab has a free object: make one without the lock (the page allocator
 * may drain other CPUs by cross call, which needs interrupts as the caller
 * had them), then put it on the empty list under the lock. Called and
 * returns with interrupts masked and s->lock held; *flags are the caller's.
 * Another CPU or a handler may have freed objects meanwhile, so the caller
 * takes whichever slab get_slab() finds now. false: out of memory.
 */
static bool grow(struct kmem_cache *s, gfp_t gfp, uint32_t *flags)
{
	struct slab *slab;

	spin_unlock_irqrestore(&s->lock, *flags);
	slab = new_slab(s, gfp);
	spin_lock_irqsave(&s->lock, *flags);
	if (!slab)
		return false;
	list_to(s, slab, SLAB_ON_EMPTY);
	return true;
}

/* ---- the CPU freelists ---- */

/* Under s->lock: give a chain of CPU-freelist objects back to their slabs' own freelists. */
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

/*
 * Empty the running CPU's freelist into the slabs (shrink, destroy and
 * validate, which then see every free object on its slab). Any context:
 * also a cross call's function.
 */
void slab_drain_cpu(struct kmem_cache *s)
{
	uint32_t flags;
	struct kmem_cache_cpu *c;
	void *obj;

	spin_lock_irqsave(&s->lock, flags);
	c = cache_cpu(s);
	obj = c->freelist;
	c->freelist = NULL;
	c->free_budget = (int32_t)s->cpu_limit;
	return_to_slabs(s, obj);
	spin_unlock_irqrestore(&s->lock, flags);
}

static void drain_cpu_call(void *info)
{
	slab_drain_cpu(info);
}

/*
 * Every CPU gives its freelist of s back to the slabs. A CPU's freelist is
 * touched by that CPU alone (the fast paths take no lock), so the others
 * are asked by cross call, waited for, as drain_all_pages() does: only with
 * interrupts on and outside a handler (two CPUs would otherwise wait for
 * each other). Elsewhere only the running CPU's list is drained, and the
 * others' objects stay counted as in use.
 * true when every CPU's list was drained.
 */
static bool flush_all_cpus(struct kmem_cache *s)
{
	uint32_t others = cpu_online_mask() & ~(1u << smp_processor_id());

	slab_drain_cpu(s);
	if (!others || cache_debug(s))
		return true;
	if (!slab_may_wait_for_cpus())
		return false;
	return !smp_call_function_many(others, drain_cpu_call, s, true);
}

/*
 * Under s->lock, interrupts masked: the CPU freelist c reached its limit.
 * Keep its newest half, give the older objects back to their slabs, and
 * count the pushes allowed from here.
 */
static void trim_cpu(struct kmem_cache *s, struct kmem_cache_cpu *c, struct list_head *discard)
{
	unsigned keep = s->cpu_limit / 2, n = 0;
	void *last = NULL, *rest = c->freelist;

	/* None kept with a limit of 0 (kmemleak): the next allocation must take the slow path. */
	while (rest && n < keep) {
		last = rest;
		rest = get_freepointer(s, rest);
		n++;
	}
	if (last)
		set_freepointer(s, last, NULL);
	else
		c->freelist = NULL;
	c->free_budget = (int32_t)(s->cpu_limit - n);
	return_to_slabs(s, rest);
	trim_empty(s, discard);
}

/*
 * Under s->lock, interrupts masked: the CPU freelist c is empty; move up to
 * half its limit of free objects from one slab onto it. The slab counts
 * them as in use from now on.
 */
static void refill_cpu(struct kmem_cache *s, struct kmem_cache_cpu *c, struct slab *slab)
{
	unsigned n = 1, batch = s->cpu_limit / 2;
	void *last = slab->freelist;

	while (n < batch && get_freepointer(s, last)) {
		last = get_freepointer(s, last);
		n++;
	}
	c->freelist = slab->freelist;
	slab->freelist = get_freepointer(s, last);
	set_freepointer(s, last, NULL);
	slab->inuse += n;
	relist(s, slab);
	c->free_budget = (int32_t)(s->cpu_limit - n);
}

/* ---- allocation and free, the checked paths ---- */

static void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_cpu *c;
	struct slab *slab;
	uint32_t flags;
	void *obj;

	spin_lock_irqsave(&s->lock, flags);
	if (!cache_debug(s)) {
		/*
		 * With interrupts masked nothing else touches this CPU's freelist;
		 * grow() lets them in again, and a handler may refill it meanwhile.
		 * No preemption: the task is still on this CPU afterwards.
		 */
		c = cache_cpu(s);
		while (!c->freelist) {
			slab = get_slab(s);
			if (slab)
				refill_cpu(s, c, slab);
			else if (!grow(s, gfp, &flags))
				break;
		}
		obj = c->freelist;
		if (obj) {
			c->freelist = get_freepointer(s, obj);
			c->free_budget++;
			*slab_free_mark(c, obj) = 0;
		}
		spin_unlock_irqrestore(&s->lock, flags);
		return obj;
	}
	/* Debug caches: straight from a slab, every object checked. */
	while (!(slab = get_slab(s)))
		if (!grow(s, gfp, &flags)) {
			spin_unlock_irqrestore(&s->lock, flags);
			return NULL;
		}
	obj = slab->freelist;
	slab->freelist = get_freepointer(s, obj);
	slab->inuse++;
	relist(s, slab);
	debug_alloc_check(s, obj);
	spin_unlock_irqrestore(&s->lock, flags);
	return obj;
}

static void *__kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp, void *caller)
{
	void *obj = slab_alloc_slow(s, gfp);

	if (obj && (gfp & __GFP_ZERO))
		memset(obj, 0, s->object_size);
	if (obj && unlikely(kmemleak_enabled) && slab_leak_tracked(s))
		kmemleak_alloc(obj, s->object_size, s, caller);
	return obj;
}

void *kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp)
{
	return __kmem_cache_alloc_slow(s, gfp, __builtin_return_address(0));
}

void *kmem_cache_alloc_caller(struct kmem_cache *s, gfp_t gfp, void *caller)
{
	void *obj = slab_alloc_fast(s, gfp);

	return obj ? obj : __kmem_cache_alloc_slow(s, gfp, caller);
}

void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return __kmem_cache_alloc_slow(s, gfp | __GFP_ZERO, __builtin_return_address(0));
}

/*
 * Another CPU's freelist, read while that CPU may pop and push: a bounded
 * walk that checks each entry is an object of s before following it, so a
 * stale pointer ends the walk instead of leaving the cache. Best effort
 * (the double-free check below), never used to change anything.
 */
static bool on_remote_freelist(struct kmem_cache *s, unsigned cpu, const void *obj)
{
	void *p = READ_ONCE(s->cpu[cpu].freelist);

	for (unsigned n = 0; p && n <= s->cpu_limit; n++) {
		struct slab *slab = addr_to_slab(p);

		if (p == obj)
			return true;
		if (!slab || slab->cache != s || obj_index(s, slab, p) < 0)
			return false;
		p = READ_ONCE(*(void **)((char *)p + slot_layout(s)->offset));
	}
	return false;
}

/*
 * Under s->lock, interrupts masked: is obj already free, on its slab's
 * freelist or a CPU freelist? This CPU's and the slab's are exact; the
 * other CPUs' are looked at as they go by (on_remote_freelist()).
 */
static bool on_freelist(struct kmem_cache *s, struct slab *slab, const void *obj)
{
	unsigned n = 0, self = smp_processor_id();

	for (void *p = slab->freelist; p && n <= slab->objects; p = get_freepointer(s, p), n++)
		if (p == obj)
			return true;
	n = 0;
	for (void *p = s->cpu[self].freelist; p && n <= s->cpu_limit;
	     p = get_freepointer(s, p), n++)
		if (p == obj)
			return true;
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu != self && on_remote_freelist(s, cpu, obj))
			return true;
	return false;
}

void __slab_free(struct kmem_cache *s, void *obj, void *caller)
{
	struct slab *slab = addr_to_slab(obj);
	struct list_head discard = LIST_HEAD_INIT(discard);
	struct kmem_cache_cpu *c;
	uint32_t flags;

	if (!slab) {
		slab_report(s, obj, "free of a pointer that is not in any slab (caller %pS)",
			    caller);
		return;
	}
	if (slab->cache != s) {
		slab_report(s, obj,
			    "free to the wrong cache: the object belongs to %s (caller %pS)",
			    slab->cache->name, caller);
		return;
	}
	if (obj_index(s, slab, obj) < 0) {
		slab_report(s, obj,
			    "free of a pointer %u bytes into a slab, not at an object (caller %pS)",
			    (unsigned)((char *)obj - slab->base), caller);
		return;
	}
	/* The record first: a scan must not read the object once it is free. */
	if (unlikely(kmemleak_enabled))
		kmemleak_free(obj);
	spin_lock_irqsave(&s->lock, flags);
	if (cache_debug(s)) {
		if (debug_free_check(s, slab, obj, caller)) {
			set_freepointer(s, obj, slab->freelist);
			slab->freelist = obj;
			slab->inuse--;
			relist(s, slab);
			if (slab->where == SLAB_ON_EMPTY)
				trim_empty(s, &discard);
		}
	} else if (on_freelist(s, slab, obj)) {
		slab_report(s, obj, "double free (caller %pS)", caller);
	} else {
		c = cache_cpu(s);
		set_freepointer(s, obj, c->freelist);
		mark_free(s, obj);
		c->freelist = obj;
		if (c->free_budget <= 0)
			trim_cpu(s, c, &discard);
		else
			c->free_budget--;
	}
	spin_unlock_irqrestore(&s->lock, flags);
	discard_slabs(s, &discard);
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
	spin_lock_init(&s->lock);
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
	spin_lock(&slab_caches_lock);
	list_add_tail(&s->caches, &slab_caches);
	spin_unlock(&slab_caches_lock);
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
				fn(s, slab->base + i * slot_layout(s)->size);
			count++;
		}
	return count;
}

static void report_leak(struct kmem_cache *s, void *obj)
{
	slab_report(s, obj, "object still allocated when the cache is destroyed");
}

/*
 * Every CPU's freelist is given back first (flush_all_cpus()), so the slabs
 * count exactly the live objects; a cache must not be used while it is
 * destroyed, as in Linux.
 */
int kmem_cache_destroy(struct kmem_cache *s)
{
	struct list_head discard = LIST_HEAD_INIT(discard);
	struct slab *slab, *n;
	unsigned leaked = 0;
	uint32_t flags;

	if (!s)
		return 0;
	flush_all_cpus(s);
	spin_lock_irqsave(&s->lock, flags);
	list_for_each_entry (slab, &s->partial, list)
		leaked += for_each_allocated(s, slab, report_leak);
	list_for_each_entry (slab, &s->full, list)
		leaked += for_each_allocated(s, slab, report_leak);
	if (!leaked)
		list_for_each_entry_safe (slab, n, &s->empty, list)
			take_off(s, slab, &discard);
	spin_unlock_irqrestore(&s->lock, flags);
	if (leaked) {
		printk("kmem_cache_destroy(%s): %u objects still allocated, cache kept\n", s->name,
		       leaked);
		return -EBUSY;
	}
	discard_slabs(s, &discard);
	spin_lock(&slab_caches_lock);
	list_del(&s->caches);
	spin_unlock(&slab_caches_lock);
	kmem_cache_free(&cache_cache, s);
	return 0;
}

unsigned __kmem_cache_shrink(struct kmem_cache *s, unsigned max_pages, bool trylock)
{
	struct list_head discard = LIST_HEAD_INIT(discard);
	unsigned pages = 0;
	uint32_t flags = local_irq_save();

	if (!trylock)
		spin_lock(&s->lock);
	else if (!spin_trylock(&s->lock)) {
		local_irq_restore(flags);
		return 0;
	}
	for (; pages < max_pages && !list_empty(&s->empty); pages += 1u << s->order)
		take_off(s, list_entry(s->empty.prev, struct slab, list), &discard);
	spin_unlock_irqrestore(&s->lock, flags);
	return discard_slabs(s, &discard);
}

unsigned kmem_cache_shrink(struct kmem_cache *s)
{
	flush_all_cpus(s);
	return __kmem_cache_shrink(s, ~0u, false);
}

/*
 * A snapshot under the lock. The objects on the CPU freelists are free,
 * though their slabs count them: each CPU's count is its limit less its
 * budget (refill, trim, pop and push keep that exact), read here without
 * stopping the CPU, so another CPU's figure may be a moment old.
 */
void kmem_cache_info(const struct kmem_cache *cs, struct slabinfo *info)
{
	struct kmem_cache *s = (struct kmem_cache *)(uintptr_t)cs; /* the lock only */
	unsigned slabs, active, cached = 0;
	const struct slab *slab;
	uint32_t flags;

	spin_lock_irqsave(&s->lock, flags);
	slabs = s->nr_partial + s->nr_full + s->nr_empty;
	active = s->nr_full * s->objects;
	list_for_each_entry (slab, &s->partial, list)
		active += slab->inuse;
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		cached += s->cpu_limit - (uint32_t)READ_ONCE(s->cpu[cpu].free_budget);
	*info = (struct slabinfo){
		.name = s->name,
		.active_objs = active - cached,
		.num_objs = slabs * s->objects,
		.objsize = s->object_size,
		.objperslab = s->objects,
		.pagesperslab = 1u << s->order,
		.active_slabs = slabs - s->nr_empty,
		.num_slabs = slabs,
		.empty_slabs = s->nr_empty,
	};
	spin_unlock_irqrestore(&s->lock, flags);
}

/*
 * Under slab_caches_lock, so fn may not create or destroy a cache; process
 * context (fn may wait for cross calls: the lock is never taken in a handler).
 */
bool __kmem_cache_for_each(void (*fn)(struct kmem_cache *s, void *ctx), void *ctx, bool trylock)
{
	struct kmem_cache *s;

	if (!trylock)
		spin_lock(&slab_caches_lock);
	else if (!spin_trylock(&slab_caches_lock))
		return false;
	/* The bootstrap caches last: the others' slabs free descriptors into them. */
	list_for_each_entry (s, &slab_caches, caches)
		fn(s, ctx);
	fn(&desc_cache, ctx);
	fn(&cache_cache, ctx);
	spin_unlock(&slab_caches_lock);
	return true;
}

void kmem_cache_for_each(void (*fn)(struct kmem_cache *s, void *ctx), void *ctx)
{
	__kmem_cache_for_each(fn, ctx, false);
}

static void show_one(struct kmem_cache *s, void *ctx)
{
	struct slabinfo i;

	kmem_cache_info(s, &i);
	/* No tunables and no shared arrays here: Linux's SLUB prints zeros too. */
	seq_printf(ctx, "%-17s %6u %6u %6u %4u %4u : tunables %4u %4u %4u : slabdata %6u %6u %6u\n",
		   i.name, i.active_objs, i.num_objs, i.objsize, i.objperslab, i.pagesperslab, 0, 0,
		   0, i.active_slabs, i.num_slabs, 0);
}

void slabinfo_seq_show(struct seq_file *m)
{
	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab>"
		    " <pagesperslab> : tunables <limit> <batchcount> <sharedfactor>"
		    " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	kmem_cache_for_each(show_one, m);
}

void slabinfo_show(void)
{
	struct seq_file m = SEQ_FILE_CONSOLE(vprintk);

	slabinfo_seq_show(&m);
}

void kmem_cache_init(bool debug)
{
	init_cache(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0, SLAB_HWCACHE_ALIGN,
		   NULL, true);
	init_cache(&desc_cache, "slab_descriptor", sizeof(struct slab), 0, 0, NULL, true);
	BUG_ON(!calculate_sizes(&cache_cache) || !calculate_sizes(&desc_cache));
	debug_all_caches = debug;
	kmalloc_init();
	slab_shrinker_init();
}

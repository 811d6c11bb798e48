/*
 * Slab allocator internals (the public contract is include/slab.h).
 *
 * Every slab has a descriptor, struct slab, which lives in the slab's first
 * bytes for the two bootstrap caches and is allocated from the descriptor
 * cache for every other cache, so that object pages hold objects only.
 * Each page of a slab points at the descriptor through page->private and at
 * the cache through page->slab_cache, and carries PG_slab, so kfree() finds
 * an object's cache from its address.
 *
 * A slot is the object, then (with SLAB_RED_ZONE) a red zone, then (with
 * debugging or a constructor) the free pointer; otherwise the free pointer
 * overlays the object's first word. In a non-debug cache the free mark
 * (include/slab.h) is the word after the free pointer, so a constructor's
 * cache reserves two words after the object and a plain slot holds at least
 * two pointers.
 *
 * Non-debug caches keep a freelist per CPU (s->cpu[n].freelist,
 * include/slab_fast.h): free objects of any of the cache's slabs, newest
 * first, which their slabs still count as in use. Allocation pops the
 * running CPU's; a free pushes on the running CPU's, whichever CPU
 * allocated the object; the slow paths refill it from a slab (refill_cpu)
 * and give its oldest objects back to their slabs when it passes its limit
 * (trim_cpu). Debug caches have no CPU freelist: every operation takes the
 * checked slow path.
 *
 * Locking. A CPU's slot (freelist and budget) is written by that CPU only:
 * by the fast paths with LDREXD/STREXD, by the slow paths with interrupts
 * masked; other CPUs give theirs back when asked by cross call
 * (flush_all_cpus). Everything else that changes (the slabs' freelists and
 * inuse counts, the three lists and their counters, new and discarded
 * slabs' membership) is under s->lock, taken with interrupts masked since
 * handlers allocate and free: lock order s->lock -> the zone lock is never
 * used, because slabs are made and given back (pages and descriptors)
 * outside s->lock, so no two cache locks nest either. The fields above the
 * lock are set at creation and then only read.
 */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include "kmemleak.h"
#include "mm.h"
#include "slab.h"
#include "spinlock.h"

struct slab {
	struct list_head list; /* on the cache's partial, full or empty list */
	struct kmem_cache *cache;
	char *base;     /* first object */
	void *freelist; /* free objects, linked through the free pointer */
	uint16_t inuse; /* objects not on freelist (those on the CPU freelist included) */
	uint16_t objects;
	struct page *page; /* first page */
	uint8_t where;     /* SLAB_ON_* list it is on */
};

enum {
	SLAB_ON_NONE,
	SLAB_ON_PARTIAL,
	SLAB_ON_FULL,
	SLAB_ON_EMPTY
};

struct kmem_cache {
	/* Per CPU, the inline fast paths' fields (include/slab_fast.h), first. */
	struct kmem_cache_cpu cpu[NR_CPUS];
	uint32_t cpu_limit; /* objects a CPU freelist may hold */
	uint32_t span;      /* objects * size: the bytes of a slab holding objects */

	uint32_t object_size; /* what the user asked for */
	uint32_t align;
	uint32_t red_zone; /* red-zone bytes after the object, 0 if none */
	unsigned flags;
	unsigned order;   /* pages per slab = 1 << order */
	unsigned objects; /* per slab */
	gfp_t allocflags; /* added to every page allocation (__GFP_DMA) */
	bool on_slab;     /* descriptor in the slab (bootstrap caches) */
	void (*ctor)(void *);
	const char *name;

	spinlock_t lock; /* irqsave: everything below but caches, and the slabs */
	struct list_head partial, full, empty;
	unsigned nr_partial, nr_full, nr_empty;
	unsigned max_empty;      /* empty slabs kept before pages go back */
	unsigned errors;         /* problems reported for this cache */
	struct list_head caches; /* on the list of all caches (slab_caches_lock) */
};

_Static_assert(offsetof(struct kmem_cache, cpu) == 0 &&
		       sizeof(struct kmem_cache_cpu) == SLAB_CPU_STRIDE,
	       "slab_fast.h reaches the fast-path fields by a cast");

/* The layout fields, the same in every CPU's slot. */
#define slot_layout(s) (&(s)->cpu[0])

#define SLAB_RED_INACTIVE 0xbb /* red zone of a free object */
#define SLAB_RED_ACTIVE   0xcc /* red zone of an allocated object */
#define POISON_FREE       0x6b /* a free object's bytes */
#define POISON_END        0xa5 /* its last byte */

static inline bool cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/*
 * Does kmemleak record this cache's objects? Not the two bootstrap caches'
 * (caches and slab descriptors), which only mem_map's pages point at.
 * Tracked caches get no CPU freelist, so every allocation and free takes
 * the slow path, where the hooks are: the fast paths stay as they are.
 */
static inline bool slab_leak_tracked(const struct kmem_cache *s)
{
	return kmemleak_enabled && !s->on_slab;
}

/* kmem_cache_alloc with the API caller's address for kmemleak (kmalloc.c's entries). */
void *kmem_cache_alloc_caller(struct kmem_cache *s, gfp_t gfp, void *caller);

static inline void *get_freepointer(const struct kmem_cache *s, const void *obj)
{
	return *(void *const *)((const char *)obj + slot_layout(s)->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *next)
{
	*(void **)((char *)obj + slot_layout(s)->offset) = next;
}

/* Non-debug caches mark every free object (see slab_free_mark() in slab.h). */
static inline void mark_free(struct kmem_cache *s, void *obj)
{
	if (!cache_debug(s))
		*slab_free_mark(slot_layout(s), obj) = SLAB_FREE_MARK;
}

/* The slab an address belongs to, or NULL if it is not in a slab page. */
static inline struct slab *addr_to_slab(const void *addr)
{
	struct page *page;

	if (!virt_addr_valid(addr))
		return NULL;
	page = lowmem_page(addr);
	return page->flags & PG_slab ? (struct slab *)page->private : NULL;
}

/* Slot index of obj in its slab, or -1 when obj is not the start of a slot. */
static inline int obj_index(const struct kmem_cache *s, const struct slab *slab, const void *obj)
{
	uint32_t off = (uint32_t)((const char *)obj - slab->base);
	uint32_t idx = (uint32_t)(((uint64_t)off * slot_layout(s)->reciprocal) >> 32);

	if (off >= s->span || idx * slot_layout(s)->size != off)
		return -1;
	return (int)idx;
}

/* slab.c */
extern struct list_head slab_caches;
extern spinlock_t slab_caches_lock;
void slab_report(struct kmem_cache *s, const void *obj, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The checked free of obj to s; caller is named in reports. */
void __slab_free(struct kmem_cache *s, void *obj, void *caller);
/* Give the running CPU's freelist of s back to the slabs (any context). */
void slab_drain_cpu(struct kmem_cache *s);
/*
 * Give back s's empty slabs, the oldest first, until max_pages pages went;
 * the pages freed. The CPU freelists are left alone (no cross call), so
 * any context reclaim runs in may call it; trylock: only try s->lock.
 */
unsigned __kmem_cache_shrink(struct kmem_cache *s, unsigned max_pages, bool trylock);
/* kmem_cache_for_each(), or false at once when trylock finds the list busy. */
bool __kmem_cache_for_each(void (*fn)(struct kmem_cache *s, void *ctx), void *ctx, bool trylock);

/* slab_shrinker.c: register the shrinker of the caches' empty slabs (kmem_cache_init()). */
void slab_shrinker_init(void);

/*
 * May this CPU ask the others to run something and wait? Not with
 * interrupts masked or from a handler (include/smp.h): two CPUs would wait
 * for each other.
 */
static inline bool slab_may_wait_for_cpus(void)
{
	return !irqs_disabled() && !in_irq();
}

/* slab_debug.c */
void debug_init_object(struct kmem_cache *s, void *obj); /* a new free object */

/* kmalloc.c: create the kmalloc caches (kmem_cache_init() calls it last). */
void kmalloc_init(void);
bool debug_alloc_check(struct kmem_cache *s, void *obj); /* on allocation */
bool debug_free_check(struct kmem_cache *s, struct slab *slab, void *obj,
		      void *caller); /* on free */

#endif

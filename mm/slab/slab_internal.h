/*
 * Slab allocator internals (the public contract is include/slab.h).
 *
 * Every slab has a descriptor, struct slab, which lives in the slab's first
 * bytes for the two bootstrap caches and is allocated from the descriptor
 * cache for every other cache, so that object pages hold objects only.
 * Each page of a slab points at the descriptor through page->private and
 * carries PG_slab, so kfree() finds an object's cache from its address.
 *
 * A slot is the object, then (with SLAB_RED_ZONE) a red zone, then (with
 * debugging or a constructor) the free pointer; otherwise the free pointer
 * overlays the object's first word.
 *
 * Non-debug caches serve allocations from the "CPU slab": it is taken off
 * the lists ("frozen"), its free objects move to s->cpu_freelist, and a
 * free of one of its objects pushes it back there. Debug caches have no CPU
 * slab: every operation takes the checked slow path.
 */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include "mm.h"
#include "slab.h"

struct slab {
	struct list_head list;      /* on the cache's partial, full or empty list */
	struct kmem_cache *cache;
	char *base;                 /* first object */
	void *freelist;             /* free objects, linked through the free pointer */
	uint16_t inuse;             /* objects not on freelist (all of a frozen slab's) */
	uint16_t objects;
	struct page *page;          /* first page */
	bool frozen;                /* this is the CPU slab */
	uint8_t where;              /* SLAB_ON_* list it is on */
};

enum { SLAB_ON_NONE, SLAB_ON_PARTIAL, SLAB_ON_FULL, SLAB_ON_EMPTY };

struct kmem_cache {
	/* The fast path's fields first, together. */
	void *cpu_freelist;
	struct slab *cpu_slab;
	uint32_t offset;            /* free pointer offset in a slot */
	uint32_t size;              /* slot size */
	uint32_t reciprocal;        /* 2^32 / size, rounded up: slot index by multiply */
	uint32_t size_mask;         /* size - 1 when size is a power of two, else 0 */
	uint32_t span;              /* objects * size: the bytes of a slab holding objects */

	uint32_t object_size;       /* what the user asked for */
	uint32_t align;
	uint32_t red_zone;          /* red-zone bytes after the object, 0 if none */
	unsigned flags;
	unsigned order;             /* pages per slab = 1 << order */
	unsigned objects;           /* per slab */
	gfp_t allocflags;           /* added to every page allocation (__GFP_DMA) */
	bool on_slab;               /* descriptor in the slab (bootstrap caches) */
	void (*ctor)(void *);
	const char *name;

	struct list_head partial, full, empty;
	unsigned nr_partial, nr_full, nr_empty;
	unsigned max_empty;         /* empty slabs kept before pages go back */
	unsigned errors;            /* problems reported for this cache */
	struct list_head caches;    /* on the list of all caches */
};

#define SLAB_RED_INACTIVE 0xbb      /* red zone of a free object */
#define SLAB_RED_ACTIVE   0xcc      /* red zone of an allocated object */
#define POISON_FREE       0x6b      /* a free object's bytes */
#define POISON_END        0xa5      /* its last byte */

static inline bool cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

static inline void *get_freepointer(const struct kmem_cache *s, const void *obj)
{
	return *(void *const *)((const char *)obj + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *next)
{
	*(void **)((char *)obj + s->offset) = next;
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
	uint32_t idx = (uint32_t)(((uint64_t)off * s->reciprocal) >> 32);

	if (off >= s->span || idx * s->size != off)
		return -1;
	return (int)idx;
}

/* obj_index(...) >= 0, with a mask instead of a multiply for power-of-two slots. */
static inline bool obj_is_slot(const struct kmem_cache *s, const struct slab *slab, const void *obj)
{
	uint32_t off = (uint32_t)((const char *)obj - slab->base);

	if (off >= s->span)
		return false;
	if (s->size_mask)
		return !(off & s->size_mask);
	return (uint32_t)(((uint64_t)off * s->reciprocal) >> 32) * s->size == off;
}

/* slab.c */
extern struct list_head slab_caches;
void slab_report(struct kmem_cache *s, const void *obj, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, void *caller);
/* Reached by a tail call from kmem_cache_free(), so its return address is the caller's. */
void slab_free_slow(struct kmem_cache *s, void *obj) __attribute__((noinline));

/* slab_debug.c */
void debug_init_object(struct kmem_cache *s, void *obj);       /* a new free object */
bool debug_alloc_check(struct kmem_cache *s, void *obj);       /* on allocation */
bool debug_free_check(struct kmem_cache *s, struct slab *slab, void *obj, void *caller);  /* on free */
unsigned debug_validate_slab(struct kmem_cache *s, struct slab *slab);

#endif

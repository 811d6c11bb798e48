/*
 * Internals of include/slab.h: the inline fast paths of kmem_cache_alloc,
 * kmem_cache_free, kmalloc and kfree, and the per-CPU freelist, free mark
 * and size-class tables they use. Not an API: slab.h includes this at its
 * end so that a pair stays a few inline instructions in every caller; the
 * rest of the allocator's internals are in mm/slab/slab_internal.h.
 */
#ifndef SLAB_FAST_H
#define SLAB_FAST_H

#ifndef SLAB_H
#error "slab_fast.h is slab.h's tail: include slab.h"
#endif

#include "mm.h"

/*
 * The fast paths, inline so that a caller's constant GFP value folds and a
 * pair costs a few instructions; everything else (refills, trims, debug
 * caches, every misuse) goes to the out-of-line, checked paths in mm/slab/.
 *
 * A cache that does not debug keeps a CPU freelist: free objects of any of
 * its slabs, newest first, which their slabs still count as in use.
 * Allocation pops it. A free pushes on it when
 *   - the object's page says it belongs to this cache (page->slab_cache),
 *   - the address is the start of a slot (slab_fast_slot()),
 *   - the object does not carry the free mark (it is not already free), and
 *   - the freelist is under its limit (free_budget).
 * Every free object carries SLAB_FREE_MARK in the word after its free
 * pointer and allocation clears it, so a double free of any object that is
 * still free is caught (the slow path then looks the object up on the
 * freelists: a live object that merely holds the value is freed normally).
 * struct kmem_cache_cpu is the first member of struct kmem_cache.
 */
struct kmem_cache_cpu {
	void *freelist;      /* the CPU freelist */
	int32_t free_budget; /* pushes left before the freelist may pass its limit */
	uint32_t offset;     /* free pointer offset in a slot; the free mark follows it */
	/*
	 * The slot check: size - 1 for power-of-two slots of at most a page,
	 * with the free pointer first, from page-aligned slabs (an object is
	 * aligned to its size); else all ones, and then a reciprocal multiply
	 * over fast_span: the bytes holding objects in one-page slabs without
	 * a header, 0 where only the slow path may free (debug caches, the
	 * bootstrap caches' on-slab header, larger slabs).
	 */
	uintptr_t slot_mask;
	uint32_t size;       /* slot size */
	uint32_t reciprocal; /* 2^32 / size, rounded up: slot index by multiply */
	uint32_t fast_span;  /* see slot_mask */
};

/*
 * In every free object of a non-debug cache, a word after the free pointer.
 * Pointer-sized (sign-extended on a 64-bit host, an immediate operand there),
 * so that a compiler with strict aliasing knows the store cannot change the
 * cache's 32-bit fields.
 */
#define SLAB_FREE_MARK ((uintptr_t)(intptr_t)(int32_t)0xf4eef4eeu)

void *kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp) __attribute__((noinline));
void slab_free_slow(struct kmem_cache *s, void *obj) __attribute__((noinline));
void *__kmalloc(size_t size, gfp_t gfp) __attribute__((noinline));
void kfree_slow(const void *p) __attribute__((noinline));

static inline struct kmem_cache_cpu *cache_cpu(struct kmem_cache *s)
{
	return (struct kmem_cache_cpu *)(void *)s;
}

static inline uintptr_t *slab_free_mark(const struct kmem_cache_cpu *c, void *obj)
{
	return (uintptr_t *)((char *)obj + c->offset + sizeof(void *));
}

static inline void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_cpu *c = cache_cpu(s);
	void *obj = c->freelist;

	if (likely(obj && !(gfp & __GFP_ZERO))) {
		c->freelist = *(void **)((char *)obj + c->offset);
		c->free_budget++;
		*slab_free_mark(c, obj) = 0;
		return obj;
	}
	return kmem_cache_alloc_slow(s, gfp);
}

/* The start of a slot in a one-page slab without a header? (Slots not a power of two.) */
static inline bool slab_fast_slot(const struct kmem_cache_cpu *c, const void *obj)
{
	uint32_t off = (uint32_t)((uintptr_t)obj & (PAGE_SIZE - 1));

	return off < c->fast_span &&
	       (uint32_t)(((uint64_t)off * c->reciprocal) >> 32) * c->size == off;
}

/* Push obj, whose free pointer is at fp, unless it is marked free or the freelist is full. */
static inline bool slab_push(struct kmem_cache_cpu *c, void *obj, void **fp)
{
	uintptr_t *mark = (uintptr_t *)(fp + 1);

	if (unlikely(*mark == SLAB_FREE_MARK || --c->free_budget < 0))
		return false;
	*mark = SLAB_FREE_MARK;
	*fp = c->freelist;
	c->freelist = obj;
	return true;
}

/* Push obj, an address in a page of the cache's slabs, if it passes; false: take the slow path. */
static inline bool slab_free_fast(struct kmem_cache_cpu *c, void *obj)
{
	/* A power-of-two slot, its free pointer first, or any other slot. */
	if (likely(!((uintptr_t)obj & c->slot_mask)))
		return slab_push(c, obj, obj);
	return slab_fast_slot(c, obj) && slab_push(c, obj, (void **)((char *)obj + c->offset));
}

static inline void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page;

	if (likely(lowmem_page_lookup(obj, &page) && page->slab_cache == s &&
		   slab_free_fast(cache_cpu(s), obj)))
		return;
	slab_free_slow(s, obj);
}

/* kmalloc's caches: [0] normal, [1] __GFP_DMA; and the normal ones by (size - 1) / 8. */
#define KMALLOC_NR_CLASSES 12
#define KMALLOC_SMALL_MAX  512u
extern struct kmem_cache *kmalloc_caches[2][KMALLOC_NR_CLASSES];
extern struct kmem_cache *kmalloc_small[KMALLOC_SMALL_MAX / 8];

static inline void *kmalloc(size_t size, gfp_t gfp)
{
	if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE && !(gfp & __GFP_DMA))) {
		/* 513..4096: the class of the highest set bit of size - 1, 1024 is class 9. */
		struct kmem_cache *s =
			size <= KMALLOC_SMALL_MAX
				? kmalloc_small[(size - 1) / 8]
				: kmalloc_caches[0][31 - __builtin_clz((unsigned)size - 1)];

		return kmem_cache_alloc(s, gfp);
	}
	return __kmalloc(size, gfp); /* 0, __GFP_DMA, whole pages, too large */
}

static inline void kfree(const void *p)
{
	struct page *page;

	if (likely(lowmem_page_lookup(p, &page) && (page->flags & PG_slab) &&
		   slab_free_fast(cache_cpu(page->slab_cache), (void *)p)))
		return;
	kfree_slow(p);
}

#endif

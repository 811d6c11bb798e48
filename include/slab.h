/*
 * Object caches and kmalloc, with Linux's names and meanings.
 *
 * A cache hands out objects of one size. It takes whole blocks of pages
 * from the buddy allocator ("slabs"), carves them into objects, and keeps
 * each slab on its cache's partial, full or empty list. Recently freed
 * objects and a batch taken from one slab sit on a per-CPU freelist, so the
 * common alloc/free pair is an inline pop and push. Empty slabs go back to
 * the buddy allocator only past a small reserve (hysteresis), so a workload
 * hovering around one slab does not move pages back and forth.
 *
 * Constructors run when an object is created (when its slab is made), not
 * on every allocation, as in Linux: a freed object must be left in its
 * constructed state.
 *
 * Debugging (SLAB_RED_ZONE, SLAB_POISON, or the boot argument slub_debug
 * for every cache) puts a red zone after each object and a poison pattern
 * in free objects; frees then check for double frees, red-zone overwrites
 * and bad pointers, allocations check the poison, and kmem_cache_validate()
 * checks everything. Reports name the cache, the object and the problem;
 * the allocator refuses the operation or repairs its own data and goes on.
 */
#ifndef SLAB_H
#define SLAB_H

#include "gfp.h"
#include "list.h"
#include "mm.h"

#define SLAB_HWCACHE_ALIGN  0x0001u   /* align objects to a cache line */
#define SLAB_CACHE_DMA      0x0002u   /* slabs from ZONE_DMA */
#define SLAB_PANIC          0x0004u   /* kmem_cache_create panics instead of failing */
#define SLAB_RED_ZONE       0x0010u   /* guard bytes after each object */
#define SLAB_POISON         0x0020u   /* fill free objects with a pattern */
#define SLAB_DEBUG_FLAGS    (SLAB_RED_ZONE | SLAB_POISON)
#define SLAB_FLAGS_MASK     0x0037u

#define L1_CACHE_BYTES      64

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned flags, void (*ctor)(void *));
/* 0, or -EBUSY (and each leaked object reported) while objects are live. */
int kmem_cache_destroy(struct kmem_cache *s);
static inline void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp);
static inline void kmem_cache_free(struct kmem_cache *s, void *obj);
/* Give the cache's empty slabs back to the page allocator; returns pages freed. */
unsigned kmem_cache_shrink(struct kmem_cache *s);
/* Check every slab, object and freelist of the cache; returns problems found. */
unsigned kmem_cache_validate(struct kmem_cache *s);

/*
 * kmalloc: size classes 8..4096 (with 96 and 192), whole pages above, up to
 * order 10. __GFP_DMA requests use a second set of caches (dma-kmalloc-*)
 * whose slabs come from ZONE_DMA.
 */
#define KMALLOC_MAX_CACHE_SIZE 4096u
#define KMALLOC_MAX_SIZE       (4096u << 10)

static inline void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
/* krealloc to new_n * size bytes; NULL (p untouched) when the product overflows, as kcalloc. */
void *krealloc_array(const void *p, size_t new_n, size_t size, gfp_t gfp);
static inline void kfree(const void *p);
/* The usable size of a kmalloc'ed object (its size class, or its pages). */
size_t ksize(const void *p);

/* Per-cache statistics, as /proc/slabinfo shows them. */
struct slabinfo {
	const char *name;
	unsigned active_objs, num_objs, objsize, objperslab, pagesperslab;
	unsigned active_slabs, num_slabs, empty_slabs;
};
void kmem_cache_info(const struct kmem_cache *s, struct slabinfo *info);
void slabinfo_show(void);
/* Call fn for every cache, the internal ones (slab descriptors, caches) last. */
void kmem_cache_for_each(void (*fn)(struct kmem_cache *s, void *ctx), void *ctx);

/* Errors reported so far (double frees, red zones, poison, bad pointers...). */
extern unsigned slab_errors;

/* Boot: create the kmalloc caches; debug = slub_debug on the command line. */
void kmem_cache_init(bool debug);

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
	void *freelist;             /* the CPU freelist */
	int32_t free_budget;        /* pushes left before the freelist may pass its limit */
	uint32_t offset;            /* free pointer offset in a slot; the free mark follows it */
	/*
	 * The slot check: size - 1 for power-of-two slots of at most a page,
	 * with the free pointer first, from page-aligned slabs (an object is
	 * aligned to its size); else all ones, and then a reciprocal multiply
	 * over fast_span: the bytes holding objects in one-page slabs without
	 * a header, 0 where only the slow path may free (debug caches, the
	 * bootstrap caches' on-slab header, larger slabs).
	 */
	uintptr_t slot_mask;
	uint32_t size;              /* slot size */
	uint32_t reciprocal;        /* 2^32 / size, rounded up: slot index by multiply */
	uint32_t fast_span;         /* see slot_mask */
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

	return off < c->fast_span && (uint32_t)(((uint64_t)off * c->reciprocal) >> 32) * c->size == off;
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
		struct kmem_cache *s = size <= KMALLOC_SMALL_MAX ? kmalloc_small[(size - 1) / 8] :
			kmalloc_caches[0][31 - __builtin_clz((unsigned)size - 1)];

		return kmem_cache_alloc(s, gfp);
	}
	return __kmalloc(size, gfp);    /* 0, __GFP_DMA, whole pages, too large */
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

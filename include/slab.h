/*
 * Object caches and kmalloc, with Linux's names and meanings.
 *
 * A cache hands out objects of one size. It takes whole blocks of pages
 * from the buddy allocator ("slabs"), carves them into objects, and keeps
 * each slab on its cache's partial, full or empty list. Recently freed
 * objects and a batch taken from one slab sit on a per-CPU freelist, so the
 * common alloc/free pair is an inline pop and push. Empty slabs go back to
 * the buddy allocator only past a small reserve (hysteresis), so a workload
 * hovering around one slab does not move pages back and forth; reclaim
 * takes the reserve too (its shrinker, mm/slab/slab_shrinker.c).
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

#define SLAB_HWCACHE_ALIGN 0x0001u /* align objects to a cache line */
#define SLAB_CACHE_DMA     0x0002u /* slabs from ZONE_DMA */
#define SLAB_PANIC         0x0004u /* kmem_cache_create panics instead of failing */
#define SLAB_RED_ZONE      0x0010u /* guard bytes after each object */
#define SLAB_POISON        0x0020u /* fill free objects with a pattern */
#define SLAB_DEBUG_FLAGS   (SLAB_RED_ZONE | SLAB_POISON)
#define SLAB_FLAGS_MASK    0x0037u

#define L1_CACHE_BYTES 64

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align, unsigned flags,
				     void (*ctor)(void *));
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
/*
 * Every cache as Linux's /proc/slabinfo (version 2.1) into a seq_file;
 * slabinfo_show() prints it to the console.
 */
struct seq_file;
void slabinfo_seq_show(struct seq_file *m);
void slabinfo_show(void);
/* Call fn for every cache, the internal ones (slab descriptors, caches) last. */
void kmem_cache_for_each(void (*fn)(struct kmem_cache *s, void *ctx), void *ctx);

/* Errors reported so far (double frees, red zones, poison, bad pointers...). */
extern unsigned slab_errors;

/* Boot: create the kmalloc caches; debug = slub_debug on the command line. */
void kmem_cache_init(bool debug);

/* Not an API: the inline fast paths above and what they need (per-CPU freelist, free mark, size tables). */
#include "slab_fast.h"

#endif

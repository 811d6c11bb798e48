/*
 * Memory pools: a reserve of min_nr preallocated elements that guarantees
 * progress when the underlying allocator fails. mempool_alloc() tries the
 * allocator first and falls back to the reserve; mempool_free() refills the
 * reserve before giving elements back. The kernel never sleeps, so an empty
 * reserve plus a failing allocator returns NULL.
 *
 * SMP: mempool_alloc and mempool_free may run on any CPU and in interrupt
 * handlers; the reserve is under the pool's lock (irqsave), and the
 * allocator is called outside it. mempool_resize and mempool_destroy are
 * for process context, and destroy only once no one uses the pool.
 */
#ifndef MEMPOOL_H
#define MEMPOOL_H

#include "gfp.h"
#include "kernel.h"
#include "spinlock.h"

typedef void *(mempool_alloc_t)(gfp_t gfp, void *pool_data);
typedef void(mempool_free_t)(void *element, void *pool_data);

typedef struct mempool {
	spinlock_t lock;  /* min_nr, curr_nr and elements */
	unsigned min_nr;  /* reserve size */
	unsigned curr_nr; /* elements in the reserve now */
	void **elements;
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;
} mempool_t;

mempool_t *mempool_create(unsigned min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);
void mempool_destroy(mempool_t *pool);
void *mempool_alloc(mempool_t *pool, gfp_t gfp);
void mempool_free(void *element, mempool_t *pool);
/* Change the reserve to new_min elements: 0, or -ENOMEM (pool unchanged). */
int mempool_resize(mempool_t *pool, unsigned new_min);

/* Ready-made pools: elements from a slab cache, or kmalloc of a fixed size. */
void *mempool_alloc_slab(gfp_t gfp, void *cache);
void mempool_free_slab(void *element, void *cache);
void *mempool_kmalloc(gfp_t gfp, void *size);
void mempool_kfree(void *element, void *size);
struct kmem_cache;
mempool_t *mempool_create_slab_pool(unsigned min_nr, struct kmem_cache *cache);
mempool_t *mempool_create_kmalloc_pool(unsigned min_nr, size_t size);

#endif

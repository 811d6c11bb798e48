/* Memory pools over any allocator (see include/mempool.h). */
#include "errno.h"
#include "mempool.h"
#include "slab.h"
#include "string.h"

mempool_t *mempool_create(unsigned min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	mempool_t *pool = kzalloc(sizeof(*pool), GFP_KERNEL);

	if (!pool)
		return NULL;
	*pool = (mempool_t){ .pool_data = pool_data, .alloc = alloc_fn, .free = free_fn };
	if (mempool_resize(pool, min_nr)) {
		kfree(pool->elements);
		kfree(pool);
		return NULL;
	}
	return pool;
}

void mempool_destroy(mempool_t *pool)
{
	if (!pool)
		return;
	while (pool->curr_nr)
		pool->free(pool->elements[--pool->curr_nr], pool->pool_data);
	kfree(pool->elements);
	kfree(pool);
}

int mempool_resize(mempool_t *pool, unsigned new_min)
{
	void **elements;

	/* Shrinking gives the surplus back; growing preallocates first, so a failure changes nothing. */
	while (pool->curr_nr > new_min)
		pool->free(pool->elements[--pool->curr_nr], pool->pool_data);
	/* An array: on target 2^30 pointers and more would wrap to a small size. */
	elements = krealloc_array(pool->elements, max(new_min, 1u), sizeof(void *), GFP_KERNEL);
	if (!elements)
		return -ENOMEM;
	pool->elements = elements;
	while (pool->curr_nr < new_min) {
		void *e = pool->alloc(GFP_KERNEL, pool->pool_data);

		if (!e) {
			while (pool->curr_nr > pool->min_nr)
				pool->free(pool->elements[--pool->curr_nr], pool->pool_data);
			return -ENOMEM;
		}
		pool->elements[pool->curr_nr++] = e;
	}
	pool->min_nr = new_min;
	return 0;
}

void *mempool_alloc(mempool_t *pool, gfp_t gfp)
{
	/* The allocator first, quietly and without its slow path: the reserve is ours. */
	void *e = pool->alloc(gfp | __GFP_NOWARN | __GFP_NORETRY, pool->pool_data);

	if (e)
		return e;
	if (pool->curr_nr)
		return pool->elements[--pool->curr_nr];
	return NULL;
}

void mempool_free(void *element, mempool_t *pool)
{
	if (!element)
		return;
	if (pool->curr_nr < pool->min_nr)
		pool->elements[pool->curr_nr++] = element;
	else
		pool->free(element, pool->pool_data);
}

void *mempool_alloc_slab(gfp_t gfp, void *cache)
{
	return kmem_cache_alloc(cache, gfp);
}

void mempool_free_slab(void *element, void *cache)
{
	kmem_cache_free(cache, element);
}

void *mempool_kmalloc(gfp_t gfp, void *size)
{
	return kmalloc((size_t)(uintptr_t)size, gfp);
}

void mempool_kfree(void *element, void *size)
{
	(void)size;
	kfree(element);
}

mempool_t *mempool_create_slab_pool(unsigned min_nr, struct kmem_cache *cache)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, cache);
}

mempool_t *mempool_create_kmalloc_pool(unsigned min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)(uintptr_t)size);
}

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
	spin_lock_init(&pool->lock);
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

/* Take one element off the reserve while it holds more than keep; NULL when it does not. */
static void *take_above(mempool_t *pool, unsigned keep)
{
	void *e = NULL;
	uint32_t flags;

	spin_lock_irqsave(&pool->lock, flags);
	if (pool->curr_nr > keep)
		e = pool->elements[--pool->curr_nr];
	spin_unlock_irqrestore(&pool->lock, flags);
	return e;
}

/*
 * Shrinking gives the surplus back; growing preallocates first, so a failure
 * changes nothing. The allocator is called without the lock (it may wait for
 * other CPUs); the array is swapped under it, since mempool_free on another
 * CPU may store into it meanwhile.
 */
int mempool_resize(mempool_t *pool, unsigned new_min)
{
	void **elements, **old;
	uint32_t flags;
	void *e;

	spin_lock_irqsave(&pool->lock, flags);
	if (new_min < pool->min_nr)
		pool->min_nr = new_min; /* frees no longer refill past it */
	spin_unlock_irqrestore(&pool->lock, flags);
	while ((e = take_above(pool, new_min)))
		pool->free(e, pool->pool_data);
	/* A new array: on target 2^30 pointers and more would wrap to a small size. */
	elements = krealloc_array(NULL, max(new_min, 1u), sizeof(void *), GFP_KERNEL);
	if (!elements)
		return -ENOMEM;
	spin_lock_irqsave(&pool->lock, flags);
	old = pool->elements;
	if (pool->curr_nr)
		memcpy(elements, old, pool->curr_nr * sizeof(void *));
	pool->elements = elements;
	spin_unlock_irqrestore(&pool->lock, flags);
	kfree(old);
	for (;;) {
		bool added = false;

		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr >= new_min) {
			pool->min_nr = new_min;
			spin_unlock_irqrestore(&pool->lock, flags);
			return 0;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
		e = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!e)
			break;
		spin_lock_irqsave(&pool->lock, flags);
		if (pool->curr_nr < new_min) {
			pool->elements[pool->curr_nr++] = e;
			added = true;
		}
		spin_unlock_irqrestore(&pool->lock, flags);
		if (!added)
			pool->free(e, pool->pool_data);
	}
	/* Out of memory: back to the old reserve size. */
	while ((e = take_above(pool, pool->min_nr)))
		pool->free(e, pool->pool_data);
	return -ENOMEM;
}

void *mempool_alloc(mempool_t *pool, gfp_t gfp)
{
	/* The allocator first, quietly and without its slow path: the reserve is ours. */
	void *e = pool->alloc(gfp | __GFP_NOWARN | __GFP_NORETRY, pool->pool_data);

	return e ? e : take_above(pool, 0);
}

void mempool_free(void *element, mempool_t *pool)
{
	uint32_t flags;

	if (!element)
		return;
	spin_lock_irqsave(&pool->lock, flags);
	if (pool->curr_nr < pool->min_nr) {
		pool->elements[pool->curr_nr++] = element;
		element = NULL;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	if (element)
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

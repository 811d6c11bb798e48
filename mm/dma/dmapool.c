/*
 * DMA pools (see include/dmapool.h). A pool is a list of chunks, each one
 * dma_alloc_coherent() buffer cut into blocks; a chunk's free blocks are
 * chained through their first word (the offset of the next free block),
 * as Linux's dmapool did. A bitmap of busy blocks in the chunk's header
 * (one bit per granule of the block size's alignment: every block starts
 * on one) makes a double free an O(1) question. Chunks stay until the pool
 * is destroyed.
 */
#include "dmapool.h"
#include "list.h"
#include "mm.h"
#include "printk.h"
#include "slab.h"
#include "spinlock.h"
#include "string.h"

#define CHUNK_END 0xffffffffu /* no next free block */

struct dma_pool {
	char name[32];
	struct device *dev;
	size_t size;         /* block, rounded up to align */
	size_t allocation;   /* chunk bytes: a power of two of pages */
	size_t boundary;     /* a power of two, at most allocation */
	unsigned gran_shift; /* log2 of the largest power of two dividing size */
	struct list_head chunks;
	spinlock_t lock;
};

struct dma_chunk {
	struct list_head link;
	char *vaddr;
	dma_addr_t dma;
	unsigned in_use;
	uint32_t free;   /* offset of the first free block, or CHUNK_END */
	uint32_t busy[]; /* bit off >> gran_shift: the block at off is in use */
};

static size_t chunk_header_size(const struct dma_pool *pool)
{
	return sizeof(struct dma_chunk) +
	       DIV_ROUND_UP(pool->allocation >> pool->gran_shift, 32) * sizeof(uint32_t);
}

/* Mark the block at off in use (set) or free; was it in use before? */
static bool busy_bit(const struct dma_pool *pool, struct dma_chunk *c, uint32_t off, bool set)
{
	uint32_t bit = off >> pool->gran_shift, *w = &c->busy[bit / 32], m = 1u << (bit % 32);
	bool was = *w & m;

	*w = set ? *w | m : *w & ~m;
	return was;
}

/* Does a block start at off (chunk_init(): every size bytes within each boundary)? */
static bool block_start(const struct dma_pool *pool, uint32_t off)
{
	uint32_t in = off & (pool->boundary - 1);
	/* A power-of-two size (the usual case) needs no division. */
	uint32_t rem = pool->size == 1u << pool->gran_shift ? in & (pool->size - 1)
							    : in % pool->size;

	return !rem && in + pool->size <= pool->boundary;
}

static void pool_report(const struct dma_pool *pool, const char *what, void *vaddr, dma_addr_t dma,
			void *caller)
{
	vm_stats.misuse++;
	printk("BUG: dma_pool_free %s, %p/%#010x (%s) (caller %pS)\n", pool->name, vaddr, dma, what,
	       caller);
}

static bool power_of_two(size_t x)
{
	return x && !(x & (x - 1));
}

struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size, size_t align,
				 size_t boundary)
{
	struct dma_pool *pool;
	size_t allocation;

	if (!align)
		align = 1;
	if (!size || size > SZ_1M || !power_of_two(align) || align > PAGE_SIZE ||
	    (boundary && (!power_of_two(boundary) || boundary < ALIGN(size, align)))) {
		vm_stats.misuse++;
		printk("BUG: dma_pool_create(%s, size %zu, align %zu, boundary %zu): %s\n",
		       name ? name : "-", size, align, boundary,
		       !size || size > SZ_1M ? "size 0 or above 1 MB"
		       : !power_of_two(align) || align > PAGE_SIZE
			       ? "align not a power of two up to a page"
			       : "boundary not a power of two at least the block size");
		return NULL;
	}
	size = ALIGN(max(size, sizeof(uint32_t)), align);
	allocation = PAGE_SIZE << get_order(size);
	if (!boundary || boundary > allocation)
		boundary = allocation;
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	snprintf(pool->name, sizeof(pool->name), "%s", name ? name : "-");
	pool->dev = dev;
	pool->size = size;
	pool->allocation = allocation;
	pool->boundary = boundary;
	pool->gran_shift = (unsigned)__builtin_ctz((unsigned)size);
	INIT_LIST_HEAD(&pool->chunks);
	spin_lock_init(&pool->lock);
	return pool;
}

/* Chain a new chunk's blocks, skipping the end of each boundary that a block would cross. */
static void chunk_init(struct dma_pool *pool, struct dma_chunk *c)
{
	uint32_t *prev = &c->free;

	for (size_t off = 0; off + pool->size <= pool->allocation;) {
		if (off / pool->boundary != (off + pool->size - 1) / pool->boundary) {
			off = ALIGN(off + 1, pool->boundary);
			continue;
		}
		*prev = (uint32_t)off;
		prev = (uint32_t *)(c->vaddr + off);
		off += pool->size;
	}
	*prev = CHUNK_END;
	c->in_use = 0;
}

void *dma_pool_alloc(struct dma_pool *pool, gfp_t gfp, dma_addr_t *handle)
{
	struct dma_chunk *c, *fresh = NULL;
	uint32_t flags, off;
	void *block;

	if (!pool)
		return NULL;
	for (;;) {
		spin_lock_irqsave(&pool->lock, flags);
		if (fresh) /* another CPU may have freed blocks meanwhile: use them all the same */
			list_add(&fresh->link, &pool->chunks);
		list_for_each_entry (c, &pool->chunks, link)
			if (c->free != CHUNK_END)
				goto found;
		spin_unlock_irqrestore(&pool->lock, flags);
		/* No free block: a new chunk, made outside the lock. */
		fresh = kzalloc(chunk_header_size(pool), gfp & ~__GFP_ZERO);
		if (!fresh)
			return NULL;
		fresh->vaddr = dma_alloc_coherent(pool->dev, pool->allocation, &fresh->dma,
						  gfp & ~__GFP_ZERO);
		if (!fresh->vaddr) {
			kfree(fresh);
			return NULL;
		}
		chunk_init(pool, fresh);
	}
found:
	off = c->free;
	block = c->vaddr + off;
	c->free = *(uint32_t *)block;
	c->in_use++;
	busy_bit(pool, c, off, true);
	spin_unlock_irqrestore(&pool->lock, flags);
	*handle = c->dma + off;
	if (gfp & __GFP_ZERO)
		memset(block, 0, pool->size);
	return block;
}

void *dma_pool_zalloc(struct dma_pool *pool, gfp_t gfp, dma_addr_t *handle)
{
	return dma_pool_alloc(pool, gfp | __GFP_ZERO, handle);
}

void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t handle)
{
	void *caller = __builtin_return_address(0);
	struct dma_chunk *c;
	uint32_t flags, off;

	if (!pool || !vaddr)
		return;
	spin_lock_irqsave(&pool->lock, flags);
	list_for_each_entry (c, &pool->chunks, link) {
		if ((uintptr_t)vaddr - (uintptr_t)c->vaddr >= pool->allocation)
			continue;
		off = (uint32_t)((char *)vaddr - c->vaddr);
		if (c->dma + off != handle) {
			spin_unlock_irqrestore(&pool->lock, flags);
			pool_report(pool, "bad dma", vaddr, handle, caller);
			return;
		}
		if (!block_start(pool, off)) {
			spin_unlock_irqrestore(&pool->lock, flags);
			pool_report(pool, "not the start of a block", vaddr, handle, caller);
			return;
		}
		if (!busy_bit(pool, c, off, false)) {
			spin_unlock_irqrestore(&pool->lock, flags);
			pool_report(pool, "already free", vaddr, handle, caller);
			return;
		}
		*(uint32_t *)vaddr = c->free;
		c->free = off;
		c->in_use--;
		spin_unlock_irqrestore(&pool->lock, flags);
		return;
	}
	spin_unlock_irqrestore(&pool->lock, flags);
	pool_report(pool, "bad vaddr", vaddr, handle, caller);
}

void dma_pool_destroy(struct dma_pool *pool)
{
	struct dma_chunk *c, *n;

	if (!pool)
		return;
	list_for_each_entry_safe (c, n, &pool->chunks, link) {
		list_del(&c->link);
		if (c->in_use) {
			vm_stats.misuse++;
			printk("BUG: dma_pool_destroy %s, %p busy (%u blocks): left allocated\n",
			       pool->name, c->vaddr, c->in_use);
			kfree(c);
			continue;
		}
		dma_free_coherent(pool->dev, pool->allocation, c->vaddr, c->dma);
		kfree(c);
	}
	kfree(pool);
}

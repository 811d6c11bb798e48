/*
 * kmalloc and friends: twelve size classes from 8 to 4096 bytes (96 and
 * 192 included, as in Linux), each a slab cache; larger requests take whole
 * pages from the buddy allocator, up to order 10 (4 MB).
 */
#include "errno.h"
#include "printk.h"
#include "string.h"
#include "slab_internal.h"

#define ZERO_SIZE_PTR ((void *)16) /* what kmalloc(0) returns: not NULL, not usable */

static const uint32_t class_size[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096 };
static const char *const class_name[2][12] = {
	{ "kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96", "kmalloc-128",
	  "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k", "kmalloc-2k", "kmalloc-4k" },
	{ "dma-kmalloc-8", "dma-kmalloc-16", "dma-kmalloc-32", "dma-kmalloc-64", "dma-kmalloc-96",
	  "dma-kmalloc-128", "dma-kmalloc-192", "dma-kmalloc-256", "dma-kmalloc-512",
	  "dma-kmalloc-1k", "dma-kmalloc-2k", "dma-kmalloc-4k" },
};
#define NR_KMALLOC_CACHES ARRAY_SIZE(class_size)
_Static_assert(NR_KMALLOC_CACHES == KMALLOC_NR_CLASSES, "slab.h counts the classes");

/* [0]: normal; [1]: __GFP_DMA requests, from caches whose slabs live in ZONE_DMA. */
struct kmem_cache *kmalloc_caches[2][KMALLOC_NR_CLASSES];
/* The normal caches for sizes 1..512 by (size - 1) / 8: the inline kmalloc's lookup. */
struct kmem_cache *kmalloc_small[KMALLOC_SMALL_MAX / 8];

/* The smallest class holding size (1..4096). */
static unsigned kmalloc_index(size_t size)
{
	unsigned i = 0;

	while (class_size[i] < size)
		i++;
	return i;
}

static void *kmalloc_large(size_t size, gfp_t gfp, void *caller)
{
	struct page *page;

	if (size > KMALLOC_MAX_SIZE) {
		if (!(gfp & __GFP_NOWARN))
			printk("WARNING: kmalloc(%zu): larger than the %u kB limit (caller %pS)\n",
			       size, KMALLOC_MAX_SIZE >> 10, caller);
		return NULL;
	}
	page = alloc_pages(gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE), get_order(size));
	if (!page)
		return NULL;
	page->flags |= PG_kmalloc;
	if (unlikely(kmemleak_enabled))
		kmemleak_alloc(page_address(page), size, NULL, caller);
	return page_address(page);
}

/* kmalloc out of line, caller being the API's caller (kmemleak records it). */
static void *kmalloc_caller(size_t size, gfp_t gfp, void *caller)
{
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (likely(size <= KMALLOC_MAX_CACHE_SIZE))
		return kmem_cache_alloc_caller(
			kmalloc_caches[!!(gfp & __GFP_DMA)][kmalloc_index(size)], gfp, caller);
	return kmalloc_large(size, gfp, caller);
}

void *__kmalloc(size_t size, gfp_t gfp)
{
	return kmalloc_caller(size, gfp, __builtin_return_address(0));
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc_caller(size, gfp | __GFP_ZERO, __builtin_return_address(0));
}

/* Does n * size fit in a size_t? If not, who(n, size) says so unless __GFP_NOWARN. */
static bool array_size_fits(size_t n, size_t size, gfp_t gfp, const char *who, void *caller)
{
	if (!size || n <= (size_t)-1 / size)
		return true;
	if (!(gfp & __GFP_NOWARN))
		printk("WARNING: %s(%zu, %zu): the size overflows (caller %pS)\n", who, n, size,
		       caller);
	return false;
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	if (!array_size_fits(n, size, gfp, "kcalloc", __builtin_return_address(0)))
		return NULL;
	return kmalloc_caller(n * size, gfp | __GFP_ZERO, __builtin_return_address(0));
}

/* What kfree/ksize make of a pointer. */
enum kind {
	K_NONE,
	K_SLAB,
	K_LARGE,
	K_BAD
};

static enum kind classify(const void *p, struct slab **slab, struct page **page)
{
	if ((uintptr_t)p <= (uintptr_t)ZERO_SIZE_PTR)
		return K_NONE;
	if (!virt_addr_valid(p))
		return K_BAD;
	*page = lowmem_page(p);
	if ((*page)->flags & PG_slab) {
		*slab = (struct slab *)(*page)->private;
		return K_SLAB;
	}
	if (((*page)->flags & PG_kmalloc) && page_address(*page) == p)
		return K_LARGE;
	return K_BAD;
}

void kfree_slow(const void *p)
{
	void *caller = __builtin_return_address(0);
	struct slab *slab;
	struct page *page;

	switch (classify(p, &slab, &page)) {
	case K_NONE: return;
	case K_SLAB: __slab_free(slab->cache, (void *)p, caller); return;
	case K_LARGE:
		if (unlikely(kmemleak_enabled))
			kmemleak_free(p);
		page->flags &= ~PG_kmalloc;
		__free_pages(page, page_order(page));
		return;
	default:
		__atomic_fetch_add(&slab_errors, 1, __ATOMIC_RELAXED);
		printk("BUG kfree: %p was never returned by kmalloc (caller %pS)\n", p, caller);
	}
}

size_t ksize(const void *p)
{
	struct slab *slab;
	struct page *page;

	switch (classify(p, &slab, &page)) {
	case K_SLAB: return slab->cache->object_size;
	case K_LARGE: return PAGE_SIZE << page_order(page);
	default: return 0;
	}
}

static void *krealloc_caller(const void *p, size_t new_size, gfp_t gfp, void *caller)
{
	size_t old;
	void *n;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	old = ksize(p);
	if (old >= new_size)
		return (void *)p; /* it fits where it is */
	n = kmalloc_caller(new_size, gfp & ~__GFP_ZERO, caller);
	if (!n)
		return NULL; /* p is left as it was */
	if (old)
		memcpy(n, p, old);
	if (gfp & __GFP_ZERO) /* all of the new object past the copy, as kzalloc */
		memset((char *)n + old, 0, ksize(n) - old);
	kfree(p);
	return n;
}

void *krealloc(const void *p, size_t new_size, gfp_t gfp)
{
	return krealloc_caller(p, new_size, gfp, __builtin_return_address(0));
}

void *krealloc_array(const void *p, size_t new_n, size_t size, gfp_t gfp)
{
	void *caller = __builtin_return_address(0);

	if (!array_size_fits(new_n, size, gfp, "krealloc_array", caller))
		return NULL;
	return krealloc_caller(p, new_n * size, gfp, caller);
}

void kmalloc_init(void)
{
	for (unsigned i = 0; i < NR_KMALLOC_CACHES; i++) {
		kmalloc_caches[0][i] = kmem_cache_create(class_name[0][i], class_size[i], 0,
							 SLAB_PANIC, NULL);
		kmalloc_caches[1][i] = kmem_cache_create(class_name[1][i], class_size[i], 0,
							 SLAB_PANIC | SLAB_CACHE_DMA, NULL);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(kmalloc_small); i++)
		kmalloc_small[i] = kmalloc_caches[0][kmalloc_index(i * 8 + 8)];
}

/*
 * DMA-API debugging, always on (see dma_internal.h): every live streaming
 * mapping is an entry in a hash by bus address, and each unmap or sync is
 * checked against it with the questions Linux's lib/dma-debug.c asks.
 */
#include <stdarg.h>

#include "dma_internal.h"
#include "mempool.h"
#include "list.h"
#include "mm.h"
#include "printk.h"
#include "slab.h"
#include "spinlock.h"

#define HASH_SIZE 64

struct dma_debug_entry {
	struct list_head link;
	struct device *dev;
	dma_addr_t addr;
	size_t size;
	uint8_t type, dir;
	int nents; /* DMA_DEBUG_SG: the nents dma_map_sg() was called with */
	void *caller;
};

const char *const dma_dir_name[4] = { "DMA_BIDIRECTIONAL", "DMA_TO_DEVICE", "DMA_FROM_DEVICE",
				      "DMA_NONE" };
static const char *const type_name[] = { "single", "scatter-gather" };

static struct list_head hash[HASH_SIZE];
static DEFINE_SPINLOCK(dma_debug_lock);
static struct kmem_cache *entry_cache;
/*
 * The records come from a pool with a reserve, as Linux's dma-debug
 * preallocates its entries: a mapping is made at the worst moment for
 * memory (reclaim writing pages out to swap), and a record that cannot be
 * had switches the checks off for good.
 */
#define DMA_DEBUG_RESERVE 512
static mempool_t *entry_pool;
static unsigned nr_entries;
static bool disabled; /* out of memory for an entry once: no more checking */

void dma_report(const struct device *dev, void *caller, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	vm_stats.misuse++;
	printk("BUG: DMA-API: %s: %s (caller %pS)\n", dev && dev->name ? dev->name : "(no device)",
	       what, caller);
}

static unsigned hash_of(dma_addr_t addr)
{
	return (addr >> 12) % HASH_SIZE;
}

void dma_debug_init(void)
{
	for (unsigned i = 0; i < HASH_SIZE; i++)
		INIT_LIST_HEAD(&hash[i]);
	entry_cache = kmem_cache_create("dma_debug_entry", sizeof(struct dma_debug_entry), 0,
					SLAB_PANIC, NULL);
	entry_pool = mempool_create(DMA_DEBUG_RESERVE, mempool_alloc_slab, mempool_free_slab,
				    entry_cache);
	BUG_ON(!entry_pool);
}

void dma_debug_map(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		   enum dma_debug_type type, int nents, void *caller)
{
	struct dma_debug_entry *e;
	uint32_t flags;

	if (READ_ONCE(disabled))
		return;
	e = mempool_alloc(entry_pool, GFP_ATOMIC | __GFP_NOWARN);
	if (!e) {
		disabled = true;
		printk("DMA-API: debugging out of memory - disabling\n");
		return;
	}
	/* Field by field: a compound literal would clear the whole entry first. */
	e->dev = dev;
	e->addr = addr;
	e->size = size;
	e->type = (uint8_t)type;
	e->dir = (uint8_t)dir;
	e->nents = nents;
	e->caller = caller;
	spin_lock_irqsave(&dma_debug_lock, flags);
	list_add(&e->link, &hash[hash_of(addr)]);
	nr_entries++;
	spin_unlock_irqrestore(&dma_debug_lock, flags);
}

static struct dma_debug_entry *find(const struct device *dev, dma_addr_t addr)
{
	struct dma_debug_entry *e;

	list_for_each_entry (e, &hash[hash_of(addr)], link)
		if (e->dev == dev && e->addr == addr)
			return e;
	return NULL;
}

/* Does the unmap of r match its entry e (NULL: none)? If not, say why. */
static bool unmap_matches(const struct device *dev, const struct dma_debug_entry *e,
			  const struct dma_range *r, enum dma_data_direction dir,
			  enum dma_debug_type type, int nents, void *caller)
{
	if (!e) {
		dma_report(dev, caller,
			   "device driver tries to free DMA memory it has not allocated "
			   "[device address=%#010x] [size=%zu bytes]",
			   r->addr, r->size);
		return false;
	}
	if (e->size != r->size) {
		dma_report(dev, caller,
			   "device driver frees DMA memory with different size "
			   "[device address=%#010x] [map size=%zu bytes] [unmap size=%zu bytes]",
			   r->addr, e->size, r->size);
		return false;
	}
	if (e->type != type) {
		dma_report(dev, caller,
			   "device driver frees DMA memory with wrong function "
			   "[device address=%#010x] [size=%zu bytes] [mapped as %s] "
			   "[unmapped as %s]",
			   r->addr, r->size, type_name[e->type], type_name[type]);
		return false;
	}
	if (e->dir != dir) {
		dma_report(dev, caller,
			   "device driver frees DMA memory with different direction "
			   "[device address=%#010x] [size=%zu bytes] [mapped with %s] "
			   "[unmapped with %s]",
			   r->addr, r->size, dma_dir_name[e->dir], dma_dir_name[dir & 3]);
		return false;
	}
	if (type == DMA_DEBUG_SG && e->nents != nents) {
		dma_report(dev, caller,
			   "device driver frees DMA sg list with different entry count "
			   "[map count=%d] [unmap count=%d]",
			   e->nents, nents);
		return false;
	}
	return true;
}

bool dma_debug_unmap(struct device *dev, const struct dma_range *r, unsigned n,
		     enum dma_data_direction dir, enum dma_debug_type type, int nents, void *caller)
{
	uint32_t flags;
	bool ok = true;

	if (READ_ONCE(disabled))
		return true;
	spin_lock_irqsave(&dma_debug_lock, flags);
	for (unsigned i = 0; i < n && ok; i++)
		ok = unmap_matches(dev, find(dev, r[i].addr), &r[i], dir, type, nents, caller);
	if (ok)
		for (unsigned i = 0; i < n; i++) {
			struct dma_debug_entry *e = find(dev, r[i].addr);

			list_del(&e->link);
			nr_entries--;
			mempool_free(e, entry_pool);
		}
	spin_unlock_irqrestore(&dma_debug_lock, flags);
	return ok;
}

/* The mapping of dev that holds addr, or NULL. Lock held. */
static struct dma_debug_entry *find_containing(const struct device *dev, dma_addr_t addr)
{
	for (unsigned h = 0; h < HASH_SIZE; h++) {
		struct dma_debug_entry *e;

		list_for_each_entry (e, &hash[h], link)
			if (e->dev == dev && addr - e->addr < e->size)
				return e;
	}
	return NULL;
}

bool dma_debug_sync(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		    void *caller)
{
	struct dma_debug_entry *e;
	uint32_t flags;

	if (READ_ONCE(disabled))
		return true;
	spin_lock_irqsave(&dma_debug_lock, flags);
	e = find(dev, addr);
	if (!e)
		e = find_containing(dev, addr);
	if (!e) {
		spin_unlock_irqrestore(&dma_debug_lock, flags);
		dma_report(dev, caller,
			   "device driver tries to sync DMA memory it has not allocated "
			   "[device address=%#010x] [size=%zu bytes]",
			   addr, size);
		return false;
	}
	if (size > e->size - (addr - e->addr)) {
		spin_unlock_irqrestore(&dma_debug_lock, flags);
		dma_report(dev, caller,
			   "device driver syncs DMA memory outside allocated range "
			   "[device address=%#010x] [allocation size=%zu bytes] "
			   "[sync offset+size=%zu]",
			   e->addr, e->size, (size_t)(addr - e->addr) + size);
		return false;
	}
	/* A mapping for both ways may be synced either way; any other only its own way. */
	if (e->dir != DMA_BIDIRECTIONAL && e->dir != dir) {
		uint8_t mapped = e->dir;

		spin_unlock_irqrestore(&dma_debug_lock, flags);
		dma_report(
			dev, caller,
			"device driver syncs DMA memory with different direction "
			"[device address=%#010x] [size=%zu bytes] [mapped with %s] [synced with %s]",
			addr, size, dma_dir_name[mapped], dma_dir_name[dir & 3]);
		return false;
	}
	spin_unlock_irqrestore(&dma_debug_lock, flags);
	return true;
}

unsigned dma_debug_device_release(struct device *dev)
{
	struct dma_debug_entry *e, *n, *one = NULL;
	unsigned count = 0;
	uint32_t flags;

	spin_lock_irqsave(&dma_debug_lock, flags);
	for (unsigned h = 0; h < HASH_SIZE; h++)
		list_for_each_entry_safe (e, n, &hash[h], link)
			if (e->dev == dev) {
				list_del(&e->link);
				nr_entries--;
				if (!one)
					one = e;
				else
					mempool_free(e, entry_pool);
				count++;
			}
	spin_unlock_irqrestore(&dma_debug_lock, flags);
	if (!count)
		return 0;
	dma_report(dev, one->caller,
		   "device driver has pending DMA allocations while released from device "
		   "[count=%u]",
		   count);
	printk("DMA-API: One of leaked entries details: [device address=%#010x] [size=%zu bytes] "
	       "[mapped with %s] [mapped as %s]\n",
	       one->addr, one->size, dma_dir_name[one->dir], type_name[one->type]);
	mempool_free(one, entry_pool);
	return count;
}

unsigned dma_debug_nr_mappings(void)
{
	return READ_ONCE(nr_entries);
}

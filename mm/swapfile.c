/*
 * The swap device, its slots and the swap cache (include/swap.h).
 *
 * One device, one lock: swap_lock guards the slot counts, the cache's
 * table and the PG_swapcache bits of the pages in it. It nests inside an
 * mm's mmap_lock (a fault swapping in holds that) and outside the zone
 * locks (a page the cache lets go of is freed under it).
 *
 * Reads and writes are synchronous (blk_rw): a fault runs with interrupts
 * masked and an mmap_lock held, and the block layer polls the device then.
 * That keeps a fault one straight path (no dropping the lock and
 * retrying, as Linux's VM_FAULT_RETRY does) at the price of a CPU that
 * waits for the disk: on QEMU a request completes in microseconds.
 */
#include "blkdev.h"
#include "cmdline.h"
#include "errno.h"
#include "mm.h"
#include "page_ref.h"
#include "printk.h"
#include "scatterlist.h"
#include "spinlock.h"
#include "string.h"
#include "swap.h"
#include "highmem.h"
#include "vmalloc.h"

CMDLINE_PARAM(swap, "swap=DISK", "swap to the virtio-blk disk DISK (vda, vdb...) with a swap header");

#define SWAP_MAGIC        "SWAPSPACE2"
#define SWAP_MAGIC_OFFSET (PAGE_SIZE - 10)
#define SWAP_COUNT_MAX    0xffffu

/* Linux's swap header: page 0 of the device (include/linux/swap.h's union swap_header). */
struct swap_header_info {
	char bootbits[1024];
	uint32_t version;
	uint32_t last_page;
	uint32_t nr_badpages;
	uint8_t uuid[16];
	char volume[16];
};

static struct swap_info {
	struct gendisk *disk;
	uint32_t max;    /* slots, slot 0 (the header) included */
	uint32_t inuse;  /* slots named by an entry or holding a cached page */
	uint32_t cached; /* pages in the swap cache */
	uint32_t cursor; /* where the next slot search starts */
	uint16_t *map;   /* per slot: page table entries naming it */
	struct page **cache;
} si;
static DEFINE_SPINLOCK(swap_lock);
struct swap_stats swap_stats;

bool swap_enabled(void)
{
	return READ_ONCE(si.disk) != NULL;
}

void swap_counts(uint32_t *total, uint32_t *free, uint32_t *cached)
{
	uint32_t flags;

	spin_lock_irqsave(&swap_lock, flags);
	*total = si.max ? si.max - 1 : 0;
	*free = *total - si.inuse;
	*cached = si.cached;
	spin_unlock_irqrestore(&swap_lock, flags);
}

static int swap_io(struct page *page, uint32_t offset, enum req_op op)
{
	struct scatterlist sg;

	sg_init_table(&sg, 1);
	sg_set_page(&sg, page, PAGE_SIZE, 0);
	return blk_rw(si.disk, op, (uint64_t)offset << (PAGE_SHIFT - SECTOR_SHIFT), &sg, 1);
}

int swapon(const char *name)
{
	struct gendisk *disk = blk_get_disk(name);
	struct page *page;
	const struct swap_header_info *h;
	const char *magic;
	uint32_t max, last;
	uint16_t *map = NULL;
	struct page **cache = NULL;
	int err;

	if (!disk)
		return -ENODEV;
	if (si.disk)
		return -EBUSY;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	si.disk = disk; /* for swap_io(); cleared again on failure */
	err = swap_io(page, 0, REQ_OP_READ);
	si.disk = NULL;
	if (err)
		goto out;
	h = (const struct swap_header_info *)lowmem_page_address(page);
	magic = (const char *)h + SWAP_MAGIC_OFFSET;
	err = -EINVAL;
	if (memcmp(magic, SWAP_MAGIC, 10) || h->version != 1 || h->nr_badpages) {
		printk("swapon: %s: not a swap area (no SWAPSPACE2 header, version 1)\n", name);
		goto out;
	}
	/* The header's last page, the disk's end and the slot field's width: the least. */
	last = h->last_page;
	if (disk->capacity >> (PAGE_SHIFT - SECTOR_SHIFT) < (uint64_t)last + 1)
		last = (uint32_t)(disk->capacity >> (PAGE_SHIFT - SECTOR_SHIFT)) - 1;
	max = min(last + 1, SWAP_SLOTS_MAX);
	if (max < 2) {
		printk("swapon: %s: swap area has no pages\n", name);
		goto out;
	}
	err = -ENOMEM;
	map = vzalloc(max * sizeof(*map));
	cache = vzalloc(max * sizeof(*cache));
	if (!map || !cache)
		goto out;
	spin_lock(&swap_lock);
	si.map = map;
	si.cache = cache;
	si.max = max;
	si.inuse = 0;
	si.cursor = 1;
	WRITE_ONCE(si.disk, disk);
	spin_unlock(&swap_lock);
	map = NULL;
	cache = NULL;
	printk("Adding %uk swap on %s.  Priority:-2 extents:1 across:%uk\n",
	       (max - 1) * (unsigned)(PAGE_SIZE / 1024), name, (max - 1) * (unsigned)(PAGE_SIZE / 1024));
	err = 0;
out:
	vfree(map);
	vfree(cache);
	__free_page(page);
	return err;
}

static bool slot_free(uint32_t s)
{
	return !si.map[s] && !si.cache[s];
}

/* swap_lock held: the slot's last holder went; it is free again. */
static void slot_release(uint32_t s)
{
	si.inuse--;
	if (s < si.cursor)
		si.cursor = s;
}

/* swap_lock held: the cache lets go of s's page (its reference dropped: true if that freed it). */
static bool cache_detach(uint32_t s)
{
	struct page *page = si.cache[s];

	si.cache[s] = NULL;
	si.cached--;
	page->flags &= ~(PG_swapcache | ~0u << PG_SWAP_SHIFT);
	if (!si.map[s])
		slot_release(s);
	if (!page_ref_put(page))
		return false;
	__free_page(page);
	return true;
}

uint32_t add_to_swap(struct page *page)
{
	uint32_t flags, s, found = 0;

	spin_lock_irqsave(&swap_lock, flags);
	for (s = si.cursor; si.disk && s < si.max; s++)
		if (slot_free(s)) {
			found = s;
			break;
		}
	if (found) {
		si.cursor = found + 1;
		si.inuse++;
		si.cached++;
		si.cache[found] = page;
		page_ref_get(page);
		page->flags |= PG_swapcache | found << PG_SWAP_SHIFT;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return found;
}

void swap_entry_get(uint32_t offset)
{
	uint32_t flags;

	spin_lock_irqsave(&swap_lock, flags);
	si.map[offset]++;
	spin_unlock_irqrestore(&swap_lock, flags);
}

bool swap_duplicate(uint32_t offset)
{
	uint32_t flags;
	bool ok;

	spin_lock_irqsave(&swap_lock, flags);
	ok = si.map[offset] < SWAP_COUNT_MAX;
	if (ok)
		si.map[offset]++;
	spin_unlock_irqrestore(&swap_lock, flags);
	return ok;
}

void swap_free(uint32_t offset)
{
	uint32_t flags;

	spin_lock_irqsave(&swap_lock, flags);
	if (offset == 0 || offset >= si.max || !si.map[offset]) {
		spin_unlock_irqrestore(&swap_lock, flags);
		/* Linux's words: an entry nobody counted is a page table gone wrong. */
		printk("swap_free: %s swap offset entry %08x\n",
		       offset && offset < si.max ? "Unused" : "Bad", offset);
		return;
	}
	if (!--si.map[offset]) {
		if (si.cache[offset])
			cache_detach(offset);
		else
			slot_release(offset);
	}
	spin_unlock_irqrestore(&swap_lock, flags);
}

struct page *swapin_page(uint32_t offset, bool *exclusive, int *err)
{
	struct page *page, *fresh = NULL;
	uint32_t flags;

	spin_lock_irqsave(&swap_lock, flags);
	page = si.cache[offset];
	if (page)
		atomic_add(PAGE_MAP_ONE, &page->_counts);
	spin_unlock_irqrestore(&swap_lock, flags);
	if (!page) {
		/*
		 * Read outside the lock. The entry the caller holds keeps the
		 * slot's count above 0, so the slot stays this data's; another
		 * process sharing it may read it at the same time: the first
		 * to put its copy into the cache wins, the other is freed.
		 */
		fresh = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (!fresh) {
			*err = -ENOMEM;
			return NULL;
		}
		if (swap_io(fresh, offset, REQ_OP_READ)) {
			swap_stats.read_errors++;
			__free_page(fresh);
			*err = -EIO;
			return NULL;
		}
		swap_stats.pswpin++;
		spin_lock_irqsave(&swap_lock, flags);
		page = si.cache[offset];
		if (page) {
			atomic_add(PAGE_MAP_ONE, &page->_counts);
		} else {
			page = fresh;
			fresh = NULL;
			/* One mapping (the caller's) and the cache's reference. */
			atomic_set(&page->_counts, PAGE_MAP_ONE + PAGE_REF_ONE);
			page->flags |= PG_swapcache | offset << PG_SWAP_SHIFT;
			si.cache[offset] = page;
			si.cached++;
		}
		spin_unlock_irqrestore(&swap_lock, flags);
		if (fresh)
			__free_page(fresh);
	}
	/* The caller's entry goes: the last one takes the page out of the cache too. */
	spin_lock_irqsave(&swap_lock, flags);
	if (!--si.map[offset])
		cache_detach(offset); /* cannot free it: the caller's mapping holds it */
	*exclusive = page_ref_count(page) == 1;
	spin_unlock_irqrestore(&swap_lock, flags);
	return page;
}

bool swap_writepage(struct page *page)
{
	uint32_t s = page_swap_offset(page), flags;
	bool freed = false, written = !swap_io(page, s, REQ_OP_WRITE);

	if (!written) {
		if (!swap_stats.write_errors++)
			printk("Write-error on swap-device (%s)\n", si.disk->name);
	} else {
		swap_stats.pswpout++;
	}
	spin_lock_irqsave(&swap_lock, flags);
	/*
	 * Still in the cache, unmapped, and only the cache's reference and
	 * the reclaim's: the data is on the disk, the page can go. A fault
	 * that took it back meanwhile holds a mapping; a slot freed meanwhile
	 * took the page out of the cache already.
	 */
	if (written && PageSwapCache(page) && page_swap_offset(page) == s &&
	    si.cache[s] == page && page_mapcount(page) == 0 && page_ref_count(page) == 2) {
		page_ref_put(page);
		freed = cache_detach(s);
	} else if (page_ref_put(page)) {
		__free_page(page);
		freed = true;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return freed;
}

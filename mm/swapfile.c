/*
 * The swap device, its slots and the swap cache (include/swap.h).
 *
 * One device, one lock: swap_lock guards the slot counts, the cache's
 * table and the PG_swapcache bits of the pages in it. It nests inside an
 * mm's mmap_lock (a fault swapping in holds that) and outside the zone
 * locks (a page the cache lets go of is freed under it).
 *
 * Reads and writes are synchronous (the device's rw, the block layer's
 * blk_rw() behind it, kernel/kswapd.c): a fault runs with interrupts
 * masked and an mmap_lock held, and the block layer polls the device then.
 * That keeps a fault one straight path (no dropping the lock and
 * retrying, as Linux's VM_FAULT_RETRY does) at the price of a CPU that
 * waits for the disk: on QEMU a request completes in microseconds.
 */
#include "errno.h"
#include "mm.h"
#include "page_ref.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "swap.h"
#include "highmem.h"
#include "vmalloc.h"

#define SWAP_MAGIC        "SWAPSPACE2"
#define SWAP_MAGIC_OFFSET (PAGE_SIZE - 10)
#define SWAP_COUNT_MAX    0xffffu
#define SWAP_WRITE_RUN    SWAP_IO_MAX /* pages swap_writepages() takes at once */

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
	const struct swap_backend *dev;
	uint32_t max;    /* slots, slot 0 (the header) included */
	uint32_t inuse;  /* slots named by an entry or holding a cached page */
	uint32_t cached; /* pages in the swap cache */
	uint32_t cursor; /* where the next slot search starts */
	uint16_t *map;   /* per slot: page table entries naming it */
	struct page **cache;
	/*
	 * The inactive list: cached pages no page table maps (read ahead,
	 * or left unmapped by a process), oldest first, linked by page->lru
	 * (self-linked when off it). A fault that maps one takes it off; reclaim
	 * frees from the front. Mapped pages are on no list: with no
	 * reverse map, the page tables are their list (mm/user/vmscan.c).
	 */
	struct list_head inactive;
	uint32_t nr_inactive;
} si = { .inactive = LIST_HEAD_INIT(si.inactive) };
static DEFINE_SPINLOCK(swap_lock);
struct swap_stats swap_stats;

bool swap_enabled(void)
{
	return READ_ONCE(si.dev) != NULL;
}

uint32_t swap_inactive_pages(void)
{
	return READ_ONCE(si.nr_inactive);
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

/*
 * Pages [0, n) to or from slots [s, s + n) through the device, in one
 * request. Reclaim's and a fault's requests may take from the reserves
 * (the request's own bits: its command, the DMA-API's records): the
 * pages they free or need are worth more.
 */
static int swap_rw(const struct swap_backend *dev, bool write, uint32_t s, struct page **pages,
		   unsigned n)
{
	bool memalloc = memalloc_noreclaim_save();
	int err = dev->rw(dev, write, s, pages, n);

	memalloc_noreclaim_restore(memalloc);
	return err;
}

int swapon(const struct swap_backend *dev)
{
	const char *name = dev->name;
	struct page *page;
	const struct swap_header_info *h;
	const char *magic;
	uint32_t max, last;
	uint16_t *map = NULL;
	struct page **cache = NULL;
	int err;

	if (READ_ONCE(si.dev))
		return -EBUSY;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	err = swap_rw(dev, false, 0, &page, 1);
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
	last = min(h->last_page, dev->pages - 1);
	max = min(last + 1, SWAP_SLOTS_MAX);
	if (!dev->pages || max < 2) {
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
	WRITE_ONCE(si.dev, dev);
	spin_unlock(&swap_lock);
	map = NULL;
	cache = NULL;
	printk("Adding %uk swap on %s.  Priority:-2 extents:1 across:%uk\n",
	       (max - 1) * (unsigned)(PAGE_SIZE / 1024), name,
	       (max - 1) * (unsigned)(PAGE_SIZE / 1024));
	err = 0;
out:
	vfree(map);
	vfree(cache);
	__free_page(page);
	return err;
}

/* A slot whose read is under way: faults on it wait, allocation passes it by. */
#define SWAP_PENDING ((struct page *)1)

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

/* swap_lock held: a cached page no entry maps any more, to the inactive list's end. */
static void inactive_add(struct page *page)
{
	if (list_empty(&page->lru) && page_mapcount(page) == 0) {
		list_add_tail(&page->lru, &si.inactive);
		si.nr_inactive++;
	}
}

/* swap_lock held: page mapped again, taken for writing or leaving the cache. */
static void inactive_del(struct page *page)
{
	if (!list_empty(&page->lru)) {
		list_del_init(&page->lru);
		si.nr_inactive--;
	}
}

/* swap_lock held: the cache lets go of s's page (its reference dropped: true if that freed it). */
static bool cache_detach(uint32_t s)
{
	struct page *page = si.cache[s];

	inactive_del(page);
	si.cache[s] = NULL;
	si.cached--;
	page->flags &= ~(PG_swapcache | PG_swapdirty | ~0u << PG_SWAP_SHIFT);
	if (!si.map[s])
		slot_release(s);
	if (!page_ref_put(page))
		return false;
	__free_page(page);
	return true;
}

/*
 * swap_lock held: page (in the cache at s) is held by the cache and by
 * maps mappings alone (a mapping is a reference too), and no entry names
 * s. With maps 1: the faulting process's own mapping, which may keep it.
 */
static bool cache_only(const struct page *page, uint32_t s, unsigned maps)
{
	return si.cache[s] == page && !si.map[s] && page_mapcount(page) == maps &&
	       page_ref_count(page) == 1 + maps;
}

static void cache_insert(uint32_t s, struct page *page, uint32_t counts, uint32_t dirty)
{
	atomic_set(&page->_counts, (int)counts);
	page->flags |= PG_swapcache | dirty | s << PG_SWAP_SHIFT;
	si.cache[s] = page;
	si.cached++;
	INIT_LIST_HEAD(&page->lru);
	inactive_add(page);
}

uint32_t add_to_swap(struct page *page)
{
	uint32_t flags, s, found = 0;

	spin_lock_irqsave(&swap_lock, flags);
	for (s = si.cursor; si.dev && s < si.max; s++)
		if (slot_free(s)) {
			found = s;
			break;
		}
	if (found) {
		si.cursor = found + 1;
		si.inuse++;
		/* The mappings stay as they are; the cache adds its reference. */
		cache_insert(found, page, (uint32_t)atomic_read(&page->_counts) + PAGE_REF_ONE,
			     PG_swapdirty);
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
	struct page *page;

	spin_lock_irqsave(&swap_lock, flags);
	if (offset == 0 || offset >= si.max || !si.map[offset]) {
		spin_unlock_irqrestore(&swap_lock, flags);
		/* Linux's words: an entry nobody counted is a page table gone wrong. */
		printk("swap_free: %s swap offset entry %08x\n",
		       offset && offset < si.max ? "Unused" : "Bad", offset);
		return;
	}
	if (!--si.map[offset]) {
		page = si.cache[offset];
		if (!page)
			slot_release(offset);
		else if (page != SWAP_PENDING && page_mapcount(page) == 0)
			cache_detach(offset); /* reclaim may hold it still: then reclaim frees it */
		/* Mapped still: the slot goes with the page's last mapping (swap_page_unmapped). */
	}
	spin_unlock_irqrestore(&swap_lock, flags);
}

/*
 * swap_lock held: claim s and the slots after it that entries name and
 * the cache has not, up to SWAP_READAHEAD, for one read; how many.
 */
static unsigned claim_readahead(uint32_t s)
{
	unsigned n = 1;

	si.cache[s] = SWAP_PENDING;
	while (n < SWAP_READAHEAD && s + n < si.max && si.map[s + n] && !si.cache[s + n])
		si.cache[s + n++] = SWAP_PENDING;
	return n;
}

/* swap_lock held: slot s's read is over: its page into the cache, or nothing (*page NULL). */
static void finish_read(uint32_t s, struct page **page, bool wanted)
{
	si.cache[s] = NULL;
	if (*page && (wanted || si.map[s])) {
		/* The faulting process's mapping on the page it wanted, the cache's on each. */
		cache_insert(s, *page, wanted ? PAGE_MAP_ONE + PAGE_REF_ONE : PAGE_REF_ONE, 0);
		*page = NULL;
	} else if (!si.map[s]) {
		slot_release(s); /* its entries went while it was read: nobody wants it */
	}
}

/* Read slots [s, s + n) into new pages; the first is the fault's. 0 or -ENOMEM or -EIO. */
static int read_slots(uint32_t s, unsigned n, struct page **pages)
{
	unsigned got;
	int err;

	for (got = 0; got < n; got++) {
		/* The ones read ahead are a bet: they do not dig into the reserves for it. */
		pages[got] = alloc_page(got ? GFP_HIGHUSER_MOVABLE | __GFP_NORETRY | __GFP_NOWARN
					    : GFP_HIGHUSER_MOVABLE);
		if (!pages[got])
			break;
	}
	for (unsigned i = got; i < n; i++)
		pages[i] = NULL;
	if (!got)
		return -ENOMEM;
	err = swap_rw(si.dev, false, s, pages, got);
	if (err) {
		swap_stats.read_errors++;
		err = -EIO;
	} else {
		swap_stats.pswpin += got;
		swap_stats.readahead += got - 1;
	}
	return err;
}

struct page *swapin_page(uint32_t offset, bool write, bool shared, bool *writable, int *err)
{
	struct page *page, *pages[SWAP_READAHEAD];
	uint32_t flags;
	unsigned n = 0;

	spin_lock_irqsave(&swap_lock, flags);
	/* Another CPU reads the slot: wait for its page (its read polls the disk, no lock held). */
	while ((page = si.cache[offset]) == SWAP_PENDING) {
		spin_unlock_irqrestore(&swap_lock, flags);
		cpu_relax();
		spin_lock_irqsave(&swap_lock, flags);
	}
	if (page) {
		if (!(page->flags & PG_swapdirty) && page_mapcount(page) == 0)
			swap_stats.readahead_hits++;
		atomic_add(PAGE_MAP_ONE, &page->_counts);
		inactive_del(page);
	} else {
		n = claim_readahead(offset);
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	if (n) {
		*err = read_slots(offset, n, pages);
		spin_lock_irqsave(&swap_lock, flags);
		page = *err ? NULL : pages[0];
		for (unsigned i = 0; i < n; i++)
			finish_read(offset + i, &pages[i], i == 0 && !*err);
		if (!page) {
			spin_unlock_irqrestore(&swap_lock, flags);
			for (unsigned i = 0; i < n; i++)
				if (pages[i])
					__free_page(pages[i]);
			return NULL;
		}
	} else {
		spin_lock_irqsave(&swap_lock, flags);
	}
	si.map[offset]--;
	if (shared) {
		/* Its sharers' writes make the disk's copy stale. */
		page->flags |= PG_swapdirty;
		*writable = true;
	} else if (write && cache_only(page, offset, 1)) {
		cache_detach(offset); /* its only holder writes: its own page, off the disk */
		*writable = true;
	} else {
		*writable = false; /* kept clean in the cache: reclaim frees it without a write */
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	for (unsigned i = 0; i < n; i++)
		if (pages[i])
			__free_page(pages[i]); /* read ahead for slots freed meanwhile */
	return page;
}

void swap_page_unmapped(struct page *page, bool was_writable)
{
	uint32_t flags, s = page_swap_offset(page);

	spin_lock_irqsave(&swap_lock, flags);
	if (PageSwapCache(page) && si.cache[s] == page) {
		if (was_writable)
			page->flags |= PG_swapdirty;
		if (cache_only(page, s, 0))
			cache_detach(s);
		else
			inactive_add(page);
	}
	spin_unlock_irqrestore(&swap_lock, flags);
}

bool swap_reuse_page(struct page *page)
{
	uint32_t flags, s = page_swap_offset(page);
	bool reused = false;

	spin_lock_irqsave(&swap_lock, flags);
	if (PageSwapCache(page) && cache_only(page, s, 1)) {
		cache_detach(s);
		reused = true;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return reused;
}

unsigned swap_cache_unmapped(struct page **pages, unsigned max)
{
	struct page *page, *next;
	uint32_t flags;
	unsigned n = 0;

	spin_lock_irqsave(&swap_lock, flags);
	list_for_each_entry_safe (page, next, &si.inactive, lru) {
		if (n == max)
			break;
		if (page_ref_count(page) != 1)
			continue; /* held for a moment (a fault about to map it): it stays */
		inactive_del(page);
		page_ref_get(page);
		pages[n++] = page;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return n;
}

/* Write pages[0..n) to their slots s, s+1, ... in one request: 0 or -EIO. */
static int write_run(struct page **pages, unsigned n)
{
	if (swap_rw(si.dev, true, page_swap_offset(pages[0]), pages, n)) {
		if (!swap_stats.write_errors++)
			printk("Write-error on swap-device (%s)\n", si.dev->name);
		return -EIO;
	}
	swap_stats.pswpout += n;
	return 0;
}

unsigned swap_writepages(struct page **pages, unsigned n)
{
	bool dirty[SWAP_WRITE_RUN], failed[SWAP_WRITE_RUN];
	unsigned freed = 0;
	uint32_t flags;

	n = min(n, SWAP_WRITE_RUN);
	/*
	 * Dirty ones lose the mark before their write: a sharer that maps
	 * one writable meanwhile marks it again, and it stays.
	 */
	spin_lock_irqsave(&swap_lock, flags);
	for (unsigned i = 0; i < n; i++) {
		dirty[i] = pages[i]->flags & PG_swapdirty;
		pages[i]->flags &= ~PG_swapdirty;
		failed[i] = false;
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	/* Runs of neighbouring slots (reclaim takes slots in order): one request each. */
	for (unsigned i = 0, j; i < n; i = j) {
		j = i + 1;
		if (!dirty[i])
			continue;
		while (j < n && dirty[j] &&
		       page_swap_offset(pages[j]) == page_swap_offset(pages[j - 1]) + 1)
			j++;
		if (write_run(&pages[i], j - i))
			for (unsigned k = i; k < j; k++)
				failed[k] = true;
	}
	spin_lock_irqsave(&swap_lock, flags);
	for (unsigned i = 0; i < n; i++) {
		struct page *page = pages[i];
		uint32_t s = page_swap_offset(page);

		/*
		 * On the disk now, still cached, unmapped and held only by the
		 * cache and reclaim: it goes. A fault that took it back holds a
		 * mapping; a slot whose entries all went let go of it already.
		 */
		if (PageSwapCache(page) && si.cache[s] == page && failed[i])
			page->flags |= PG_swapdirty;
		if (PageSwapCache(page) && si.cache[s] == page && !(page->flags & PG_swapdirty) &&
		    page_mapcount(page) == 0 && page_ref_count(page) == 2) {
			page_ref_put(page);
			cache_detach(s);
			freed++;
			swap_stats.clean_frees += !dirty[i];
		} else if (page_ref_put(page)) {
			__free_page(page);
			freed++;
		} else if (PageSwapCache(page) && si.cache[s] == page) {
			inactive_add(page); /* its write failed, or it is held: not yet */
		}
	}
	spin_unlock_irqrestore(&swap_lock, flags);
	return freed;
}

/*
 * Swap: anonymous pages written to a disk when memory runs short and read
 * back when touched (docs/memory-pressure.md). mm/swapfile.c keeps the one
 * swap device, its slots and the swap cache; mm/vmscan.c chooses what goes
 * out; kernel/kswapd.c is the thread that does it in the background.
 *
 * A slot is one page of the device (slot 0 holds Linux's swap header,
 * written by mkswap or scripts/disk-image swap). In a process's page table
 * a page out on swap is a not-present entry: the ARMv7 short descriptor's
 * "fault" type (bits[1:0] = 0b00), whose other bits the MMU ignores, holds
 *
 *   bits 12-31  the slot          bit 2  SWP_PTE_MARK (so it is never 0,
 *                                        which means "nothing mapped")
 *
 * Slots are counted: swap_map[slot] is the number of page table entries
 * naming it (fork() copies them). While a page is in the swap cache, the
 * cache holds one reference on it (page_ref.h) and the page carries its
 * slot in page->flags (PG_swapcache, PG_SWAP_SHIFT): a page shared by
 * several processes is read once, and each finds it there.
 *
 *   swapon(dev)               attach a device (its rw and size: mm does
 *                             not call up into the block layer; the
 *                             kernel's swapon_disk() registers a disk)
 *                             with a swap header: 0, -EINVAL (no header,
 *                             no pages), -EBUSY (one swap device is all
 *                             there is), -ENOMEM, or the device's error
 *   swap_duplicate(entry)     one more entry names the slot (fork): false
 *                             at the count's limit
 *   swap_free(entry)          one entry fewer (unmapped, exit)
 *   swapin_page(entry, &excl, &err)  the slot's page with one mapping
 *                             taken on it (read from the disk unless
 *                             cached) and the entry's count dropped; excl:
 *                             no one else holds the page (map it
 *                             writable). NULL and err -ENOMEM or -EIO
 */
#ifndef SWAP_H
#define SWAP_H

#include "kernel.h"
#include "mm_types.h"

#define SWP_PTE_MARK 0x4u

static inline bool is_swap_pte(uint32_t pte)
{
	return (pte & 3u) == 0 && (pte & SWP_PTE_MARK);
}
static inline uint32_t swp_offset_pte(uint32_t pte)
{
	return pte >> 12;
}
static inline uint32_t swp_entry_to_pte(uint32_t offset)
{
	return offset << 12 | SWP_PTE_MARK;
}

/*
 * In page->flags while the page is in the swap cache: the flag, whether
 * the disk's copy is stale (a new page, or one mapped writable since it
 * was read or written), and its slot.
 */
#define PG_swapcache   0x4000u
#define PG_swapdirty   0x8000u
#define PG_SWAP_SHIFT  16
#define SWAP_SLOTS_MAX (1u << (32 - PG_SWAP_SHIFT)) /* 256 MB of 4 KB pages */
#define SWAP_READAHEAD 8u                           /* pages a swap-in reads at most */
#define SWAP_IO_MAX    32u /* pages in one request of the device's rw (reclaim's batch) */

static inline bool PageSwapCache(const struct page *p)
{
	return p->flags & PG_swapcache;
}
static inline uint32_t page_swap_offset(const struct page *p)
{
	return p->flags >> PG_SWAP_SHIFT;
}

struct swap_stats {
	uint32_t pswpin, pswpout; /* pages read from and written to the device */
	uint32_t read_errors, write_errors;
	uint32_t readahead;      /* pages read beside the one a fault wanted */
	uint32_t readahead_hits; /* of those, found in the cache by a later fault */
	uint32_t clean_frees;    /* cached pages freed without a write: the disk had them */
};
extern struct swap_stats swap_stats;

struct swap_backend {
	const char *name; /* "vda", for the log */
	uint32_t pages;   /* the device's size */
	/*
	 * Read or write pages[0..n) from or to slots [slot, slot + n), in one
	 * request, waiting for it: 0 or a negative errno. Any context (a
	 * fault: interrupts masked, an mmap_lock held).
	 */
	int (*rw)(const struct swap_backend *dev, bool write, uint32_t slot, struct page **pages,
		  unsigned n);
	void *priv; /* the device's owner's */
};
int swapon(const struct swap_backend *dev);
bool swap_enabled(void);
/* Pages of the device (slot 0 excluded), free ones and pages in the cache, for /proc/meminfo. */
void swap_counts(uint32_t *total, uint32_t *free, uint32_t *cached);
/* Cached pages no entry maps: the inactive list reclaim frees first (nr_inactive_anon). */
uint32_t swap_inactive_pages(void);

bool swap_duplicate(uint32_t offset);
void swap_free(uint32_t offset);
/*
 * A fault on a swap entry (mmap_lock held): the slot's page with one
 * mapping taken on it, from the cache or read from the disk with up to
 * SWAP_READAHEAD - 1 of the slots after it; the entry's count dropped.
 * *writable: the caller may map it writable (a shared area, whose writes
 * make the disk's copy stale; or a write by the page's only holder, which
 * takes it out of the cache). NULL and *err (-ENOMEM, -EIO) on failure.
 */
struct page *swapin_page(uint32_t offset, bool write, bool shared, bool *writable, int *err);
/*
 * A present entry of a page in the swap cache went away (unmapped, or
 * replaced by a copy), writable or not: the page is dirty then, and free
 * when no one else holds it.
 */
void swap_page_unmapped(struct page *page, bool was_writable);
/*
 * A write fault on a read-only cached page its process alone holds: out
 * of the cache, to be made writable in place. True if it was.
 */
bool swap_reuse_page(struct page *page);

/*
 * Reclaim's side (mm/user/vmscan.c): put a mapped page into the swap
 * cache (a new slot; 0 when the device is full); take one entry's count
 * on its slot as a page table entry is turned into it.
 */
uint32_t add_to_swap(struct page *page);
void swap_entry_get(uint32_t offset);
/*
 * Write out the dirty ones of pages reclaim took out of every page table
 * (each with a reference of reclaim's own), runs of neighbouring slots in
 * one request each, and free every page no one took back meanwhile. The
 * pages freed.
 */
unsigned swap_writepages(struct page **pages, unsigned n);
/*
 * Up to max cached pages no page table maps (read ahead and never used,
 * or left by a process that swapped them in and went): each with a
 * reference of reclaim's own for swap_writepages(). How many.
 */
unsigned swap_cache_unmapped(struct page **pages, unsigned max);

#endif

/*
 * Page reclaim: anonymous pages out of the processes' page tables, onto
 * the swap device (include/swap.h), and back to the buddy allocator.
 *
 * There is no reverse map: a 16-byte struct page has no room for Linux's
 * anon_vma and index. So reclaim scans virtual addresses, as Linux 2.4's
 * swap_out() did: each mm in turn from where its last scan stopped
 * (mm->swap_address), a clock hand over the page tables. Active and
 * inactive are the states of each entry: a young one (the user's access
 * intact) was used since the hand last passed; it stays, made old
 * (pte_mkold: the user's next touch faults and makes it young again). An
 * old one was not: its page goes, the entry turned into a swap entry. A
 * page enters the swap cache at its first entry; each entry
 * turned takes one count on the slot; when the page's last mapping goes
 * (a page fork() shared goes when the scan has reached every sharer) it is
 * written out and freed. A process that touches it before then finds it in
 * the swap cache, without a read.
 *
 * Never taken: the zero page, device frames, huge pages, mlock()ed areas.
 *
 * Before any of that, the caches registered as shrinkers (include/shrinker.h)
 * give back what they keep unused, with or without a swap device.
 */
#include "asm/cacheflush.h"
#include "asm/hardirq.h"
#include "asm/irqflags.h"
#include "mm.h"
#include "mm_user.h"
#include "page_ref.h"
#include "shrinker.h"
#include "swap.h"

#define SWAP_CLUSTER_MAX 32u /* pages written per scan of one mm (Linux's batch) */
#define MAX_SCAN_MMS     64u

struct reclaim_stats reclaim_stats;

static bool reclaimable_vma(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_IO | VM_HUGETLB));
}

/*
 * mmap_lock held: turn the present entry *pte of page into a swap entry
 * (the caller flushes the TLB). false when the device is full. The page joins batch[] when that
 * was its last mapping, with a reference of reclaim's own (the writer's).
 */
static bool unmap_one(struct mm_struct *mm, pte_t *pte, struct page *page, struct page **batch,
		      unsigned *n)
{
	uint32_t slot = PageSwapCache(page) ? page_swap_offset(page) : add_to_swap(page);
	bool was_writable = pte_write(*pte);

	if (!slot)
		return false;
	swap_entry_get(slot);
	*pte = swp_entry_to_pte(slot);
	clean_pt_entry(pte);
	/* The TLB flush, once for the batch, comes before any of it is written (swap_out_mm). */
	mm->rss--;
	mm->swapents++;
	page_ref_get(page);
	page_remove_map(page); /* never the last: the swap cache holds the page */
	if (was_writable)
		swap_page_unmapped(page, true); /* written through it: the disk's copy is stale */
	if (page_mapcount(page) == 0)
		batch[(*n)++] = page;
	else
		page_ref_put(page);
	return true;
}

/* What one scan of an mm is for, and what it found. */
struct scan_control {
	struct page **batch; /* the pages whose last mapping went, to write and free */
	unsigned n, want;    /* in batch, and at most */
	bool full;           /* the device has no free slot */
	bool trylock;
	bool age_only; /* mm_clear_refs(): make every entry old, take none */
};

/*
 * The hand at one present entry of a page: young, made old and left;
 * old, taken (false when the device is full).
 */
static bool scan_pte(struct mm_struct *mm, pte_t *pte, struct scan_control *sc)
{
	if (pte_young(*pte)) {
		/* Used since the hand last passed: it stays, old from now on. */
		*pte = pte_mkold(*pte);
		clean_pt_entry(pte);
		reclaim_stats.pgdeactivate++;
		return true;
	}
	if (sc->age_only)
		return true;
	if (!unmap_one(mm, pte, pfn_to_page(*pte >> PAGE_SHIFT), sc->batch, &sc->n)) {
		sc->full = true;
		return false;
	}
	return true;
}

/*
 * Scan mm from its swap_address until the batch has sc->want pages or
 * the scan went once around; the entries looked at.
 */
static unsigned swap_out_mm(struct mm_struct *mm, struct scan_control *sc)
{
	const uint32_t zero_pa = page_to_phys(zero_page);
	uint32_t start = mm->swap_address, a = start, lo = ~0u, hi = 0;
	unsigned scanned = 0;
	bool wrapped = false;

	if (!sc->trylock)
		spin_lock(&mm->mmap_lock);
	else if (!spin_trylock(&mm->mmap_lock))
		return 0; /* busy, maybe by the very allocation reclaim works for */
	while ((sc->n < sc->want || sc->age_only) && !sc->full) {
		struct vm_area_struct *vma = find_vma(mm, a);

		if (!vma || (wrapped && a >= start)) {
			if (wrapped || !start)
				break;
			wrapped = true;
			a = 0;
			continue;
		}
		if (a < vma->vm_start)
			a = vma->vm_start;
		if (!reclaimable_vma(vma)) {
			a = vma->vm_end;
			continue;
		}
		for (; a < vma->vm_end && (sc->n < sc->want || sc->age_only); a += PAGE_SIZE) {
			pde_t d = mm->arch.pgd[a >> SECTION_SHIFT];
			pte_t *pte;
			uint32_t pa;

			if ((d & L1_TYPE_MASK) != L1_TYPE_TABLE) {
				a = ALIGN_DOWN(a, SECTION_SIZE) + SECTION_SIZE - PAGE_SIZE;
				continue;
			}
			pte = (pte_t *)pt_phys_to_virt(d & L1_TABLE_ADDR_MASK) +
			      ((a >> PAGE_SHIFT) & 0xff);
			if (!pte_present(*pte))
				continue;
			scanned++;
			pa = *pte & PTE_SMALL_ADDR_MASK;
			if (pa == zero_pa || !pfn_valid(pa >> PAGE_SHIFT))
				continue;
			if (!scan_pte(mm, pte, sc))
				break;
			lo = min(lo, a);
			hi = max(hi, a + PAGE_SIZE);
		}
		if (a >= TASK_SIZE)
			a = 0;
	}
	mm->swap_address = a;
	/*
	 * One flush for the lot (a whole-ASID one when the range is long):
	 * a CPU running the process may hold any of the old entries, and
	 * writes through them must land before the pages are written out;
	 * an entry made old must fault at the user's next touch.
	 * Per page, the broadcast was most of an SMP machine's reclaim time.
	 */
	if (lo < hi)
		flush_tlb_user_range(&mm->arch, lo, hi - lo);
	spin_unlock(&mm->mmap_lock);
	return scanned;
}

unsigned mm_clear_refs(struct mm_struct *mm)
{
	struct scan_control sc = { .age_only = true };
	uint32_t before = reclaim_stats.pgdeactivate;

	swap_out_mm(mm, &sc);
	return reclaim_stats.pgdeactivate - before;
}

/* References on up to max mms, in list order; how many. */
static unsigned grab_mms(struct mm_struct **mms, unsigned max, bool trylock)
{
	struct mm_struct *mm;
	unsigned n = 0;
	uint32_t flags = local_irq_save();

	if (!trylock)
		spin_lock(&mmlist_lock);
	else if (!spin_trylock(&mmlist_lock)) {
		local_irq_restore(flags);
		return 0;
	}
	list_for_each_entry (mm, &mmlist, mmlist) {
		if (n == max)
			break;
		if (mm->rss && mmget_not_zero(mm))
			mms[n++] = mm;
	}
	/* The next call starts with the mm after the last one taken now: the list's head moves. */
	if (n) {
		list_del(&mmlist);
		list_add(&mmlist, &mms[n - 1]->mmlist);
	}
	spin_unlock_irqrestore(&mmlist_lock, flags);
	return n;
}

/*
 * Anonymous pages to swap, up to nr_pages: the pages freed. trylock as
 * for shrink_memory().
 */
static unsigned shrink_anon(unsigned nr_pages, bool kswapd, bool trylock)
{
	struct mm_struct *mms[MAX_SCAN_MMS];
	struct page *batch[SWAP_CLUSTER_MAX];
	unsigned freed = 0, nmm;
	bool full = false;

	/* First what the cache holds and nobody maps: mostly read ahead, and clean. */
	for (unsigned round = 0; round < 4 && freed < nr_pages; round++) {
		unsigned n = swap_cache_unmapped(batch, SWAP_CLUSTER_MAX);

		if (!n)
			break;
		freed += swap_writepages(batch, n);
	}
	nmm = grab_mms(mms, MAX_SCAN_MMS, trylock);
	for (unsigned round = 0; round < 4 && freed < nr_pages && !full; round++) {
		unsigned before = freed;

		for (unsigned i = 0; i < nmm && freed < nr_pages && !full; i++) {
			struct scan_control sc = {
				.batch = batch,
				.want = min(SWAP_CLUSTER_MAX, nr_pages - freed),
				.trylock = trylock,
			};
			unsigned scanned = swap_out_mm(mms[i], &sc);

			*(kswapd ? &reclaim_stats.pgscan_kswapd
				 : &reclaim_stats.pgscan_direct) += scanned;
			full = sc.full;
			/* No lock held: they wait for the disk. */
			freed += swap_writepages(batch, sc.n);
		}
		if (freed == before && round)
			break; /* two rounds without a page: what is left is shared or locked */
	}
	*(kswapd ? &reclaim_stats.pgsteal_kswapd : &reclaim_stats.pgsteal_direct) += freed;
	for (unsigned i = 0; i < nmm; i++)
		mmput(mms[i]);
	return freed;
}

/*
 * trylock: called by a failing allocation whose caller may hold any
 * spinlock (its own mm's mmap_lock, say): every lock is only tried, and
 * what is busy is passed by. The caches' shrinkers first: what they give
 * back costs no disk write and nobody's working set (empty slabs, lazily
 * freed areas), and they need no swap device.
 */
static unsigned shrink_memory(gfp_t gfp, unsigned nr_pages, bool kswapd, bool trylock)
{
	unsigned freed = (unsigned)shrink_slab(gfp, nr_pages, trylock);

	if (freed < nr_pages && swap_enabled())
		freed += shrink_anon(nr_pages - freed, kswapd, trylock);
	return freed;
}

unsigned try_to_free_pages(unsigned nr_pages, bool kswapd)
{
	return shrink_memory(GFP_KERNEL, nr_pages, kswapd, false);
}

/* The page allocator's direct reclaim (set_direct_reclaim()), any process context. */
static unsigned direct_reclaim(gfp_t gfp, unsigned order)
{
	bool memalloc;
	unsigned freed;

	if (in_irq())
		return 0;
	memalloc = memalloc_noreclaim_save(); /* its own allocations neither recurse nor fail */
	freed = shrink_memory(gfp, max(SWAP_CLUSTER_MAX, 2u << order), false, true);
	memalloc_noreclaim_restore(memalloc);
	return freed;
}

void vmscan_init(void)
{
	set_direct_reclaim(direct_reclaim);
}

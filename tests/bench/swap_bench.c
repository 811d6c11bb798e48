/*
 * Swap per page (mm/user/vmscan.c, mm/swapfile.c, the fault path), on a
 * swap device in RAM made for the benchmarks: the bench kernel has no swap
 * disk, and a disk's time is not mm's. The device's rw copies each page to
 * or from a page of its own (copy_highpage: a copy_page and two
 * kmap_atomic pairs) and times itself; that time is subtracted, so the
 * figures hold mm's part alone, as near as icount lets them (the counter
 * reads at the device's edges, a few instructions a request, stay in).
 *
 * A test mm (mm_alloc, no process) maps SWAP_BENCH_PAGES anonymous pages,
 * faulted in by writes and filled. Each iteration
 *   - swaps them all out: try_to_free_pages() until every page's entry is
 *     a swap entry (one call today; more if reclaim ages a page on a first
 *     pass and takes it on a second), timed call by call;
 *   - swaps them all in as a process's stores would: a write fault on
 *     each entry (handle_mm_fault, from the kernel: the abort's entry and
 *     return are not in it), the first of every SWAP_READAHEAD reading
 *     the slots after it too, the others finding their page in the swap
 *     cache; and the retried store's permission fault on any page that
 *     came back read-only (none since the page's only holder keeps it).
 * The figures divide those counts by the counters' deltas, not by the
 * pages or the calls: swap-out by the pages reclaim freed (pgsteal),
 * reclaim's scan by the entries it looked at (pgscan, the same count as
 * long as every entry looked at is taken), swap-in by the pages read from
 * the device (pswpin). Afterwards every word is checked.
 *
 * swapon() is for good (there is no swapoff): the device is made once,
 * at the first case, and stays. Nothing else starts reclaim: kswapd and
 * the allocator's direct reclaim come with swap= at boot (swap_setup()),
 * not with swapon(); the OOM path's reclaim would, but these cases run
 * last, after every other case.
 */
#include "asm/page.h"
#include "bench.h"
#include "errno.h"
#include "highmem.h"
#include "mm.h"
#include "mm_user.h"
#include "printk.h"
#include "string.h"
#include "swap.h"
#include "uapi/unistd.h"
#include "target/test_util.h"

#define SWAP_BENCH_PAGES 64u
#define RAMSWAP_SLOTS    (SWAP_BENCH_PAGES + 1) /* slot 0 holds the swap header */

/* What swapon() reads of Linux's swap header (its union swap_header's info). */
struct ramswap_header {
	char bootbits[1024];
	uint32_t version, last_page, nr_badpages;
};

static struct page *ramswap_slots[RAMSWAP_SLOTS];
static uint64_t ramswap_time; /* instructions spent in the device's rw */

static int ramswap_rw(const struct swap_backend *dev, bool write, uint32_t slot,
		      struct page **pages, unsigned n)
{
	uint64_t t0 = bench_counter_read();

	if (slot >= dev->pages || n > dev->pages - slot)
		return -EINVAL;
	for (unsigned i = 0; i < n; i++)
		if (write)
			copy_highpage(ramswap_slots[slot + i], pages[i]);
		else
			copy_highpage(pages[i], ramswap_slots[slot + i]);
	ramswap_time += bench_counter_read() - t0;
	return 0;
}

static struct swap_backend ramswap = {
	.name = "ramswap",
	.pages = RAMSWAP_SLOTS,
	.rw = ramswap_rw,
};

/* The device on, made at the first call. false if it cannot be (another swap device is on). */
static bool ramswap_on(void)
{
	struct ramswap_header *h;
	int err;

	if (swap_enabled()) {
		if (!ramswap_slots[0])
			printk("bench:   swap: another swap device is on (swap=): not measured\n");
		return ramswap_slots[0] != NULL;
	}
	for (unsigned s = 0; s < RAMSWAP_SLOTS; s++)
		if (!(ramswap_slots[s] = alloc_page(GFP_KERNEL | __GFP_ZERO)))
			return false; /* the pages taken stay: the bench kernel stops after the cases */
	h = page_address(ramswap_slots[0]);
	h->version = 1;
	h->last_page = RAMSWAP_SLOTS - 1;
	memcpy((char *)h + PAGE_SIZE - 10, "SWAPSPACE2", 10);
	err = swapon(&ramswap);
	if (err)
		printk("bench:   swapon(ramswap): error %d\n", err);
	return !err;
}

/* A word of page i's, as filled. */
static uint32_t swap_pattern(unsigned i, unsigned w)
{
	return (i * 2654435761u) ^ (w * 40503u) ^ 0x5a5a0000u;
}

/* Fill (or check) every word of the page mm maps at va; false if one differs or none is mapped. */
static bool swap_page_words(struct mm_struct *mm, uint32_t va, unsigned i, bool fill)
{
	uint32_t pa = walk_pa(mm, va, &(struct pt_walk){ 0 }), *p;
	bool same = true;

	if (pa == ~0u)
		return false;
	p = kmap_atomic(pfn_to_page(pa >> PAGE_SHIFT));
	for (unsigned w = 0; w < PAGE_SIZE / 4; w++) {
		if (fill)
			p[w] = swap_pattern(i, w);
		else
			same &= p[w] == swap_pattern(i, w);
	}
	kunmap_atomic(p);
	return same;
}

struct swap_figures {
	uint64_t out, in;                           /* instructions, the device's excluded */
	uint64_t dev_out, dev_in;                   /* the device's, for the log */
	uint32_t stolen, scanned, swpin, readahead; /* the counters' deltas */
	uint32_t readonly, copies; /* pages back read-only; of them, copied by their write */
};

static uint32_t reclaim_stolen(void)
{
	return reclaim_stats.pgsteal_direct + reclaim_stats.pgsteal_kswapd;
}
static uint32_t reclaim_scanned(void)
{
	return reclaim_stats.pgscan_direct + reclaim_stats.pgscan_kswapd;
}

/* Every page out: reclaim until each entry is a swap entry (4 calls at most). */
static bool swap_all_out(struct mm_struct *mm, struct swap_figures *f)
{
	for (unsigned call = 0; call < 4 && mm->swapents < SWAP_BENCH_PAGES; call++) {
		uint64_t t0 = ramswap_time, t = bench_counter_read();

		try_to_free_pages(SWAP_BENCH_PAGES - mm->swapents, false);
		t = bench_counter_read() - t;
		f->dev_out += ramswap_time - t0;
		f->out += t - (ramswap_time - t0) - bench_empty_loop(0);
	}
	return mm->swapents == SWAP_BENCH_PAGES && !mm->rss;
}

/*
 * Every page back, as a process's stores would bring it: a write fault on
 * each swap entry, then, for a page that came back read-only (kept clean
 * in the swap cache), the retried store's permission fault. Those are
 * found between the two timed loops, by the software walk.
 */
static bool swap_all_in(struct mm_struct *mm, uint32_t base, struct swap_figures *f)
{
	uint64_t dev0 = ramswap_time, t = bench_counter_read(), t0;
	bool ok = true, ro[SWAP_BENCH_PAGES];

	for (unsigned i = 0; i < SWAP_BENCH_PAGES; i++)
		ok &= handle_mm_fault(mm, base + i * PAGE_SIZE,
				      FAULT_FLAG_WRITE | FAULT_FLAG_TRANSLATION) == VM_FAULT_OK;
	t = bench_counter_read() - t;
	for (unsigned i = 0; i < SWAP_BENCH_PAGES; i++)
		f->readonly += ro[i] = !walk_user_writable(mm, base + i * PAGE_SIZE);
	t0 = bench_counter_read();
	for (unsigned i = 0; i < SWAP_BENCH_PAGES; i++)
		if (ro[i])
			ok &= handle_mm_fault(mm, base + i * PAGE_SIZE,
					      FAULT_FLAG_WRITE | FAULT_FLAG_PERMISSION) ==
			      VM_FAULT_OK;
	t += bench_counter_read() - t0;
	f->dev_in += ramswap_time - dev0;
	f->in += t - (ramswap_time - dev0) - 2 * bench_empty_loop(0);
	for (unsigned i = 0; i < SWAP_BENCH_PAGES; i++)
		ok &= walk_user_writable(mm, base + i * PAGE_SIZE);
	return ok && !mm->swapents && mm->rss == SWAP_BENCH_PAGES;
}

/* iterations round trips of the test mm's pages; false if a step or the final check failed. */
static bool swap_round_trips(unsigned iterations, struct swap_figures *f)
{
	uint32_t stolen0 = reclaim_stolen(), scanned0 = reclaim_scanned();
	uint32_t swpin0 = swap_stats.pswpin, readahead0 = swap_stats.readahead;
	uint32_t copies0 = mm_fault_stats.cow_copies;
	struct mm_struct *mm = ramswap_on() ? mm_alloc() : NULL;
	long base;
	bool ok;

	*f = (struct swap_figures){ 0 };
	if (!mm)
		return false;
	base = do_mmap(mm, 0, SWAP_BENCH_PAGES * PAGE_SIZE, UAPI_PROT_READ | UAPI_PROT_WRITE,
		       UAPI_MAP_PRIVATE | UAPI_MAP_ANONYMOUS, NULL, 0);
	ok = base >= 0;
	for (unsigned i = 0; ok && i < SWAP_BENCH_PAGES; i++)
		ok = handle_mm_fault(mm, (uint32_t)base + i * PAGE_SIZE,
				     FAULT_FLAG_WRITE | FAULT_FLAG_TRANSLATION) == VM_FAULT_OK &&
		     swap_page_words(mm, (uint32_t)base + i * PAGE_SIZE, i, true);
	for (unsigned i = 0; ok && i < iterations; i++)
		ok = swap_all_out(mm, f) && swap_all_in(mm, (uint32_t)base, f);
	for (unsigned i = 0; ok && i < SWAP_BENCH_PAGES; i++)
		ok = swap_page_words(mm, (uint32_t)base + i * PAGE_SIZE, i, false);
	mmput(mm);
	f->stolen = reclaim_stolen() - stolen0;
	f->scanned = reclaim_scanned() - scanned0;
	f->swpin = swap_stats.pswpin - swpin0;
	f->readahead = swap_stats.readahead - readahead0;
	f->copies = mm_fault_stats.cow_copies - copies0;
	if (!ok)
		printk("bench:   swap: a round trip failed (%u pages freed, %u read back)\n",
		       f->stolen, f->swpin);
	return ok;
}

enum swap_figure {
	SWAP_OUT,
	SWAP_IN,
	SWAP_SCAN
};

/*
 * The round trips, what they did for the log, and one figure: its count
 * over its counter's delta, in the runner's terms ((gross - empty) /
 * iterations comes out as count / pages).
 */
static uint64_t swap_case(unsigned iterations, enum swap_figure which)
{
	struct swap_figures f;
	uint64_t count = 0;
	uint32_t pages = 0;

	if (!swap_round_trips(iterations, &f) || !f.stolen || !f.swpin)
		return BENCH_FAILED;
	switch (which) {
	case SWAP_OUT:
		printk("bench:   swap-out: %u pages freed in %u iterations of %u pages, %u scanned;"
		       " the device's copies, subtracted: %llu a page\n",
		       f.stolen, iterations, SWAP_BENCH_PAGES, f.scanned, f.dev_out / f.stolen);
		count = f.out;
		pages = f.stolen;
		break;
	case SWAP_IN:
		printk("bench:   swap-in: %u pages read in %u iterations of %u faults, %u read ahead;"
		       " the device's copies, subtracted: %llu a page\n",
		       f.swpin, iterations, SWAP_BENCH_PAGES, f.readahead, f.dev_in / f.swpin);
		printk("bench:   swap-in: %u pages back read-only, %u of them copied by their write\n",
		       f.readonly, f.copies);
		count = f.in;
		pages = f.swpin;
		break;
	case SWAP_SCAN:
		printk("bench:   reclaim: %u entries scanned, %u pages freed in %u iterations\n",
		       f.scanned, f.stolen, iterations);
		count = f.out;
		pages = f.scanned;
		break;
	}
	return pages ? count * iterations / pages + bench_empty_loop(iterations) : BENCH_FAILED;
}

BENCH_CASE_ARG(swap_out, "swap-out (try_to_free_pages), per page", swap_case, SWAP_OUT, 20);
BENCH_CASE_ARG(swap_in, "swap-in (write fault, read-ahead), per page", swap_case, SWAP_IN, 20);
BENCH_CASE_ARG(reclaim_scan, "swap reclaim scan, per entry scanned", swap_case, SWAP_SCAN, 20);

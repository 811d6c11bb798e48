/*
 * Fault injection for the page allocator, as Linux's
 * CONFIG_FAIL_PAGE_ALLOC (Documentation/fault-injection/): make chosen
 * allocations fail, to test the failure paths of their callers.
 *
 * Armed by the boot argument fail_page_alloc=INTERVAL,PROBABILITY,SPACE,TIMES
 * (Linux's format: every INTERVAL-th eligible allocation fails with
 * PROBABILITY percent, once SPACE bytes have been allocated, at most TIMES
 * times, -1 for no limit), or by a test with fail_page_alloc_nth(). An
 * allocation is eligible unless it is __GFP_NOFAIL-like (none here), of an
 * order below min_order, __GFP_HIGHMEM with ignore_gfp_highmem, or one that
 * may reclaim (__GFP_RECLAIM) with ignore_gfp_wait: Linux's knobs and its
 * defaults (min_order 1, both ignores on) for the boot argument; the
 * nth arming clears them, so that every allocation counts.
 *
 * A forced failure prints Linux's "FAULT_INJECTION: forcing a failure." and
 * the call trace, and then takes the allocator's own failure path (the
 * warning, or the OOM killer's note for a process's allocation), with no
 * drain or retry: the caller sees what a real shortage gives it.
 *
 * Zero cost when off: arming makes the inline order-0 fast path and the
 * slow path's direct take miss by their own checks (the fast tables'
 * watermark level raised, mm/buddy/page_alloc.c), so that only the checked
 * path, alloc_pages_caller(), asks should_fail_alloc_page().
 */
#ifndef FAULT_INJECT_H
#define FAULT_INJECT_H

#include "gfp.h"
#include "kernel.h"

/* Linux's struct fault_attr, the parts this kernel uses. */
struct fault_attr {
	unsigned long probability; /* percent, 0..100 */
	unsigned long interval;    /* only every interval-th eligible call may fail */
	int times;                 /* failures left; -1: no limit */
	int space;                 /* bytes let through before any failure */
	unsigned long count;       /* eligible calls seen while armed */
	unsigned long nth;         /* fail the call whose count reaches this (0: not used) */
};

struct fail_page_alloc_attr {
	struct fault_attr attr;
	bool ignore_gfp_highmem; /* Linux's ignore-gfp-highmem */
	bool ignore_gfp_wait;    /* ignore-gfp-wait: spare allocations that may reclaim */
	unsigned min_order;      /* spare orders below this */
};
extern struct fail_page_alloc_attr fail_page_alloc;
/* Set while injection is armed: the page allocator's slow path asks should_fail_alloc_page(). */
extern bool fail_page_alloc_armed;

/* Parse "INTERVAL,PROBABILITY,SPACE,TIMES" and arm; false (nothing armed) on a bad string. */
bool setup_fail_page_alloc(const char *str);
/*
 * Arm for a test: the nth eligible allocation from now fails (once), every
 * allocation is eligible; nth 0 only counts them. fail_page_alloc_disarm()
 * ends it and returns how many eligible allocations were seen.
 */
void fail_page_alloc_nth(unsigned long nth);
unsigned long fail_page_alloc_disarm(void);
/* Failures forced since boot. */
extern unsigned long fail_page_alloc_fired;

/* The page allocator's question, when armed: is this allocation to fail? Reports when so. */
bool should_fail_alloc_page(gfp_t gfp, unsigned order);

#endif

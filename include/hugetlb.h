/*
 * Huge pages: MAP_HUGETLB anonymous memory backed by 1 MB sections, from
 * a pool set aside at boot with hugepages=N (as Linux's hugetlbfs pool:
 * the pages are the pool's from boot to halt, whoever maps them). A huge
 * area is 1 MB aligned and a whole number of MB long; each MB is one
 * first-level section entry, faulted in on first touch (zeroed), so it
 * costs one TLB entry where small pages cost 256.
 *
 * A huge page's counts are its head page's (page_ref.h): fork shares a
 * MAP_SHARED huge page and gives the child a copy of a private one (the
 * pool may run dry: fork fails with -ENOMEM and leaves nothing).
 */
#ifndef HUGETLB_H
#define HUGETLB_H

#include "kernel.h"

#define HPAGE_SHIFT 20
#define HPAGE_SIZE  (1u << HPAGE_SHIFT)
#define HPAGE_ORDER (HPAGE_SHIFT - 12)

struct page;

/* Boot: take n huge pages from the buddy allocator into the pool; the number taken. */
unsigned hugetlb_reserve(unsigned n);
/* Give up to n free huge pages back to the buddy allocator; the number given. */
unsigned hugetlb_shrink(unsigned n);
/* A free huge page of the pool (its head page, counts unset), or NULL when none is left. */
struct page *hugetlb_alloc(void);
/* Give a huge page back to the pool. */
void hugetlb_free(struct page *head);
/* The pool: pages in it and how many are free (meminfo's HugePages_Total/Free). */
void hugetlb_counts(unsigned *total, unsigned *free);

#endif

/*
 * The huge page pool (see include/hugetlb.h): 1 MB blocks taken from the
 * buddy allocator once, at boot, and kept on a list of their own. Order-8
 * buddy blocks are naturally 1 MB aligned, as a section must be. Highmem
 * first: huge pages are the processes', reached by the kernel only to
 * clear or copy them (kmap_atomic, a page at a time).
 */
#include "hugetlb.h"
#include "list.h"
#include "mm.h"
#include "printk.h"
#include "spinlock.h"

static DEFINE_SPINLOCK(hugetlb_lock);
static LIST_HEAD_DEFINE(hugepage_freelist);
static unsigned nr_huge_pages, free_huge_pages;

unsigned hugetlb_reserve(unsigned n)
{
	unsigned got = 0;

	for (; got < n; got++) {
		struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, HPAGE_ORDER);

		if (!p)
			break;
		hugetlb_free(p);
		nr_huge_pages++;
	}
	if (n)
		printk("HugeTLB: registered 1.00 MiB page size, pre-allocated %u pages%s\n", got,
		       got < n ? " (fewer than asked: no more 1 MB blocks)" : "");
	return got;
}

struct page *hugetlb_alloc(void)
{
	struct page *p = NULL;
	uint32_t flags;

	spin_lock_irqsave(&hugetlb_lock, flags);
	if (!list_empty(&hugepage_freelist)) {
		p = list_first_entry(&hugepage_freelist, struct page, lru);
		list_del(&p->lru);
		free_huge_pages--;
	}
	spin_unlock_irqrestore(&hugetlb_lock, flags);
	return p;
}

void hugetlb_free(struct page *head)
{
	uint32_t flags;

	spin_lock_irqsave(&hugetlb_lock, flags);
	list_add(&head->lru, &hugepage_freelist);
	free_huge_pages++;
	spin_unlock_irqrestore(&hugetlb_lock, flags);
}

void hugetlb_counts(unsigned *total, unsigned *free)
{
	*total = nr_huge_pages;
	*free = free_huge_pages;
}

unsigned hugetlb_shrink(unsigned n)
{
	unsigned given = 0;

	for (; given < n; given++) {
		struct page *p = hugetlb_alloc();

		if (!p)
			break;
		nr_huge_pages--;
		__free_pages(p, HPAGE_ORDER);
	}
	return given;
}

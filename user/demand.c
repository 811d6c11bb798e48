/*
 * Demand paging, step by step: after each step the program yields and the
 * kernel test looks at the page tables and the free-page count (tests/target/
 * user_test.c knows this sequence). arg0 = 16 pages are mapped.
 */
#include "ulib.h"

int main(unsigned pages)
{
	volatile char *p, *q, *keep;
	unsigned sum = 0;

	sched_yield(); /* step 0: nothing mapped yet */
	p = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mmap_err((void *)p))
		return 100;
	p[0] = 1; /* the first page and its L2 table */
	printf("demand: %u pages at %p\n", pages, p);
	sched_yield(); /* step 1 */
	for (unsigned i = 1; i < pages; i++)
		sum += p[i * PAGE_SIZE + 7]; /* reads: the zero page */
	CHECK_EQ(sum, 0);
	sched_yield(); /* step 2 */
	for (unsigned i = 1; i < pages / 2; i++)
		p[i * PAGE_SIZE + 5] = (char)i; /* writes: pages of our own */
	sched_yield();                          /* step 3 */
	/*
	 * A page just above, written: the L2 table stays when the area goes.
	 * Before the reads below, which leave the area's pages in the TLB:
	 * this fault's page clearing may flush it (kunmap_atomic at 1 GB).
	 */
	keep = mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(keep == p + pages * PAGE_SIZE);
	if (!mmap_err((void *)keep))
		keep[0] = 1;
	for (unsigned i = 1; i < pages; i++)
		CHECK_EQ(p[i * PAGE_SIZE + 5], i < pages / 2 ? (char)i : 0);
	CHECK_EQ(munmap((void *)p, pages * PAGE_SIZE), 0);
	/*
	 * At once, with no yield in between (a switch of address space would
	 * flush QEMU's TLB): the same range again, first fit, must read zero
	 * everywhere (the read faults map the zero page: no flush). A TLB
	 * entry that munmap failed to flush (the table was kept, so nothing
	 * flushed the whole MB) would still show the old pages here.
	 */
	q = mmap(0, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(q == p);
	if (!mmap_err((void *)q)) {
		for (unsigned i = 0; i < pages; i++)
			CHECK_EQ(q[i * PAGE_SIZE] | q[i * PAGE_SIZE + 5], 0);
		q[PAGE_SIZE + 5] = 9; /* over the zero page: a page of its own */
		CHECK_EQ(q[PAGE_SIZE + 5], 9);
		CHECK_EQ(munmap((void *)q, pages * PAGE_SIZE), 0);
	}
	if (!mmap_err((void *)keep))
		CHECK_EQ(munmap((void *)keep, PAGE_SIZE), 0);
	sched_yield(); /* step 4: all gone */
	return failures;
}

/*
 * Demand paging, step by step: after each step the program yields and the
 * kernel test looks at the page tables and the free-page count (tests/target/
 * user_test.c knows this sequence). arg0 = 16 pages are mapped.
 */
#include "ulib.h"

int main(unsigned pages)
{
	volatile char *p;
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
	for (unsigned i = 1; i < pages; i++)
		CHECK_EQ(p[i * PAGE_SIZE + 5], i < pages / 2 ? (char)i : 0);
	CHECK_EQ(munmap((void *)p, pages * PAGE_SIZE), 0);
	sched_yield(); /* step 4: all gone */
	return failures;
}

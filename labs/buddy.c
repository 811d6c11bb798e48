/* lab-buddy (docs/labs/buddy.md): predict the free lists after one allocation. */
#include "labs.h"

void lab_buddy_alloc(uint32_t nr_free[NR_PAGE_ORDERS], unsigned order)
{
	/* Your code here: which block is taken, and what goes back to the lists? */
	(void)nr_free;
	(void)order;
}

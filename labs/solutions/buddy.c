/* lab-buddy, the reference solution (docs/labs/buddy.md). */
#include "labs.h"

void lab_buddy_alloc(uint32_t nr_free[NR_PAGE_ORDERS], unsigned order)
{
	unsigned o = order;

	/* The smallest free block that is big enough... */
	while (o < NR_PAGE_ORDERS && !nr_free[o])
		o++;
	if (o == NR_PAGE_ORDERS)
		return; /* none: the allocator would fall back to another type's lists */
	nr_free[o]--;
	/* ...split in halves down to the order asked for: one upper half back per level. */
	while (o > order)
		nr_free[--o]++;
}

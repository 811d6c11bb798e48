/* ASID allocation (see asid.h). */
#include "asm/asid.h"

void asid_space_set_limit(struct asid_space *s, uint32_t limit)
{
	s->limit = limit < 1 ? 1 : limit > ASID_MASK ? ASID_MASK : limit;
}

void asid_space_init(struct asid_space *s, uint32_t limit, void (*flush_all)(void))
{
	s->generation = ASID_FIRST_GENERATION;
	s->next = 1;
	asid_space_set_limit(s, limit);
	s->rollovers = 0;
	s->flush_all = flush_all;
}

uint32_t asid_get(struct asid_space *s, uint32_t *ctx)
{
	if (asid_current(s, *ctx))
		return *ctx & ASID_MASK;
	if (s->next > s->limit) {
		/* None left: a new generation, and no TLB entry may outlive the old one. */
		s->generation += ASID_FIRST_GENERATION;
		if (!s->generation) /* 2^24 generations later: skip 0, "never had one" */
			s->generation = ASID_FIRST_GENERATION;
		s->next = 1;
		s->rollovers++;
		s->flush_all();
	}
	*ctx = s->generation | s->next++;
	return *ctx & ASID_MASK;
}

/* ASID allocation on several CPUs (see asm/asid.h). */
#include "asm/asid.h"

static bool test_bit32(const uint32_t *map, unsigned n)
{
	return map[n / 32] & (1u << (n % 32));
}

static void set_bit32(uint32_t *map, unsigned n)
{
	map[n / 32] |= 1u << (n % 32);
}

void asid_space_set_limit(struct asid_space *s, uint32_t limit)
{
	uint32_t min = s->nr_cpus + 1;

	s->limit = limit < min ? min : limit > ASID_MASK ? ASID_MASK : limit;
}

void asid_space_init(struct asid_space *s, unsigned nr_cpus, uint32_t limit,
		     void (*flush_local)(unsigned cpu))
{
	*s = (struct asid_space){
		.generation = ASID_FIRST_GENERATION,
		.next = 1,
		.nr_cpus = nr_cpus < 1               ? 1
			   : nr_cpus > ASID_MAX_CPUS ? ASID_MAX_CPUS
						     : nr_cpus,
		.flush_local = flush_local,
	};
	set_bit32(s->map, 0); /* the kernel's */
	asid_space_set_limit(s, limit);
}

/*
 * A new generation. Each CPU keeps the ASID it runs with: the address space
 * there gets it again in the new generation (check_reserved); everything
 * else is free, and every CPU flushes before its next user ASID.
 */
static void rollover(struct asid_space *s)
{
	s->generation += ASID_FIRST_GENERATION;
	if (!s->generation) /* 2^24 generations later: skip 0, "never had one" */
		s->generation = ASID_FIRST_GENERATION;
	for (unsigned i = 0; i < ASID_MASK / 32 + 1; i++)
		s->map[i] = 0;
	set_bit32(s->map, 0);
	for (unsigned cpu = 0; cpu < s->nr_cpus; cpu++) {
		uint32_t ctx = s->active[cpu];

		s->reserved[cpu] = ctx;
		if (ctx)
			set_bit32(s->map, ctx & ASID_MASK);
	}
	s->flush_pending = (1u << s->nr_cpus) - 1;
	s->next = 1;
	s->rollovers++;
}

/* Was ctx running on some CPU at the last rollover? Then it keeps its ASID. */
static bool check_reserved(struct asid_space *s, uint32_t ctx, uint32_t newctx)
{
	bool hit = false;

	for (unsigned cpu = 0; cpu < s->nr_cpus; cpu++)
		if (s->reserved[cpu] == ctx) {
			s->reserved[cpu] = newctx; /* every copy: it may be on several */
			hit = true;
		}
	return hit;
}

static uint32_t find_free(struct asid_space *s)
{
	uint32_t start = s->next <= s->limit ? s->next : 1; /* the limit may have been lowered */

	for (uint32_t n = 0, a = start; n < s->limit; n++, a = a >= s->limit ? 1 : a + 1)
		if (!test_bit32(s->map, a))
			return a;
	return 0;
}

static uint32_t new_context(struct asid_space *s, uint32_t ctx)
{
	uint32_t asid = ctx & ASID_MASK;

	if (ctx) {
		uint32_t newctx = s->generation | asid;

		if (check_reserved(s, ctx, newctx))
			return newctx;
		/* Free in this generation (and under the limit): take the same one again. */
		if (asid <= s->limit && !test_bit32(s->map, asid)) {
			set_bit32(s->map, asid);
			return newctx;
		}
	}
	asid = find_free(s);
	if (!asid) {
		rollover(s);
		asid = find_free(s); /* limit > CPUs: at least one is free */
	}
	set_bit32(s->map, asid);
	s->next = asid >= s->limit ? 1 : asid + 1;
	return s->generation | asid;
}

uint32_t asid_get(struct asid_space *s, unsigned cpu, uint32_t *ctx)
{
	if (!asid_current(s, *ctx))
		*ctx = new_context(s, *ctx);
	if (s->flush_pending & (1u << cpu)) {
		s->flush_pending &= ~(1u << cpu);
		s->flush_local(cpu);
	}
	/* The allocator's promise, checked: no other CPU runs another context under this ASID. */
	for (unsigned other = 0; other < s->nr_cpus; other++)
		if (other != cpu && s->active[other] != *ctx &&
		    !((s->active[other] ^ *ctx) & ASID_MASK))
			s->conflicts++;
	s->active[cpu] = *ctx;
	return *ctx & ASID_MASK;
}

void asid_put(struct asid_space *s, unsigned cpu)
{
	s->active[cpu] = 0;
}

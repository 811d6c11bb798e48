/*
 * ASID allocation for one CPU, with generations (portable: host-tested).
 *
 * A context id is generation << 8 | ASID. ASIDs 1..limit are handed out in
 * order within a generation and never reused in it; ASID 0 is the kernel's
 * (it tags nothing: kernel mappings are global). When none is left the
 * generation moves on and the whole TLB is flushed, after which every older
 * context id is stale and gets a new ASID the next time its mm is switched
 * in. So an ASID can tag TLB entries of at most one mm at any time: entries
 * of the mm that had it in an earlier generation were flushed at the
 * rollover. (With more CPUs the ASIDs live on others would have to be kept
 * across a rollover, as Linux does; here one CPU runs.)
 */
#ifndef ASM_ASID_H
#define ASM_ASID_H

#include "types.h"

#define ASID_BITS             8
#define ASID_MASK             ((1u << ASID_BITS) - 1)
#define ASID_FIRST_GENERATION (1u << ASID_BITS)

struct asid_space {
	uint32_t generation; /* current generation << ASID_BITS */
	uint32_t next;       /* next ASID to hand out */
	uint32_t limit;      /* highest ASID used (255; tests lower it) */
	unsigned rollovers;
	void (*flush_all)(void); /* flush every non-global TLB entry */
};

void asid_space_init(struct asid_space *s, uint32_t limit, void (*flush_all)(void));
/* Use ASIDs 1..limit (clamped to 1..255); an allocation past it rolls over. */
void asid_space_set_limit(struct asid_space *s, uint32_t limit);
/* Is *ctx's ASID valid in the current generation? */
static inline bool asid_current(const struct asid_space *s, uint32_t ctx)
{
	return (ctx & ~ASID_MASK) == s->generation;
}
/* The ASID to run *ctx with, updating *ctx when it was stale (0 = never had one). */
uint32_t asid_get(struct asid_space *s, uint32_t *ctx);

#endif

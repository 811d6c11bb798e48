/*
 * ASID allocation on several CPUs, with generations, as Linux allocates
 * them on ARM (arch/arm/mm/context.c's design). Portable: host-tested.
 *
 * A context id is generation << 8 | ASID. ASID 0 is the kernel's (it tags
 * nothing: kernel mappings are global); 1..limit go to address spaces. A
 * bitmap says which ASIDs the current generation has handed out. When none
 * is left the generation moves on (a rollover): the bitmap is cleared, but
 * the ASID each CPU is running with is kept (reserved) for the address
 * space using it, because that CPU keeps running it without a switch; and
 * every CPU must flush its TLB before it next takes a user ASID (a flush
 * pending per CPU, done by that CPU itself: no IPI). So an ASID tags TLB
 * entries of at most one address space on any CPU that may use them.
 *
 * The caller serialises every call (context.c's asid_lock); cpu is the
 * calling CPU. The reserved ASIDs need limit > CPUs: the limit is clamped
 * to at least nr_cpus + 1.
 */
#ifndef ASM_ASID_H
#define ASM_ASID_H

#include "types.h"

#define ASID_BITS             8
#define ASID_MASK             ((1u << ASID_BITS) - 1)
#define ASID_FIRST_GENERATION (1u << ASID_BITS)
#define ASID_MAX_CPUS         4

struct asid_space {
	uint32_t generation;                /* current generation << ASID_BITS */
	uint32_t limit;                     /* highest ASID used (255; tests lower it) */
	uint32_t next;                      /* where the search for a free ASID starts */
	uint32_t map[(ASID_MASK + 1) / 32]; /* ASIDs taken in this generation */
	uint32_t active[ASID_MAX_CPUS];     /* context id each CPU runs (0: none) */
	uint32_t reserved[ASID_MAX_CPUS];   /* what each CPU ran at the last rollover */
	uint32_t flush_pending;             /* CPUs to flush before their next user ASID */
	unsigned nr_cpus;
	unsigned rollovers;
	unsigned conflicts; /* two CPUs ran different contexts under one ASID: a bug */
	void (*flush_local)(unsigned cpu); /* flush cpu's non-global TLB entries (on cpu) */
};

void asid_space_init(struct asid_space *s, unsigned nr_cpus, uint32_t limit,
		     void (*flush_local)(unsigned cpu));
/* Use ASIDs 1..limit (clamped to nr_cpus + 1 .. 255); takes effect at the next rollover. */
void asid_space_set_limit(struct asid_space *s, uint32_t limit);
/* Is ctx's ASID valid in the current generation? */
static inline bool asid_current(const struct asid_space *s, uint32_t ctx)
{
	return (ctx & ~ASID_MASK) == s->generation;
}
/*
 * cpu switches to the address space whose context id is *ctx (0: never had
 * one): returns the ASID to run it with, updating *ctx when it was stale,
 * after flushing cpu's TLB if a rollover asked for it.
 */
uint32_t asid_get(struct asid_space *s, unsigned cpu, uint32_t *ctx);
/* cpu runs no user address space any more (kernel only). */
void asid_put(struct asid_space *s, unsigned cpu);

#endif

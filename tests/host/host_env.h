/*
 * The environment the portable code expects, faked for host tests
 * (host_env.c): a small "physical memory" holding the page tables, the
 * pt_* hooks of arch/arm/include/asm/pgtable.h over it, an L2 table allocator that
 * counts live tables and can be told to fail, table snapshots, and a
 * printk() that captures its output.
 *
 * Fake RAM: HOST_PHYS_SIZE bytes at HOST_PHYS_BASE. The first
 * HOST_L1_SLOTS * 16 KB hold first-level tables (host_l1_table()); the rest
 * is a pool of 1 KB second-level tables for pt_alloc_l2().
 */
#ifndef HOST_ENV_H
#define HOST_ENV_H

#include "asm/pgtable.h"
#include "errno.h"
#include "kernel.h"

#define HOST_PHYS_BASE 0x80000000u
#define HOST_PHYS_SIZE (1u << 20)
#define HOST_L1_BYTES  (L1_ENTRIES * 4u)
#define HOST_L1_SLOTS  4u
#define HOST_L2_BYTES  (L2_ENTRIES * 4u)
#define HOST_L2_TABLES ((HOST_PHYS_SIZE - HOST_L1_SLOTS * HOST_L1_BYTES) / HOST_L2_BYTES)

/* Zero fake RAM, forget every L2 table, clear counters and failure injection. */
void host_env_reset(void);

/* The zeroed 16 KB first-level table in slot 0..HOST_L1_SLOTS-1. */
pde_t *host_l1_table(unsigned slot);

/* struct pt_walker.read_phys over fake RAM (ctx unused). */
uint32_t host_read_phys(phys_addr_t pa, void *ctx);

/* L2 allocator state. */
unsigned host_l2_live(void);   /* tables allocated and not yet freed */
unsigned host_l2_allocs(void); /* successful pt_alloc_l2() calls since reset */
/* Let n more pt_alloc_l2() calls succeed, then fail; n < 0: never fail. */
void host_l2_fail_after(int n);

/* The union of pt_flush_tlb_range() calls since the last clear. */
struct host_flush_log {
	unsigned calls;
	uint64_t lo, hi; /* [lo, hi) covered, when calls > 0 */
};
void host_flush_clear(void);
const struct host_flush_log *host_flush_log(void);

/*
 * A copy of every first-level slot and every live L2 table.
 * host_snapshot_same() says whether the tables are still byte-for-byte the
 * same (and the same L2 tables live), printing the first difference.
 */
struct host_snapshot;
struct host_snapshot *host_snapshot_take(void);
bool host_snapshot_same(const struct host_snapshot *s);
void host_snapshot_free(struct host_snapshot *s);

/* What printk() wrote since the last clear (also echoed when HOST_VERBOSE is set). */
const char *host_printk_output(void);
void host_printk_clear(void);

#endif

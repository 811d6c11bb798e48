/*
 * Fake environment for the host tests: see host_env.h. Misuse of a hook
 * (an address outside fake RAM, freeing a table twice or while it still
 * holds entries) fails the running test at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printk.h"
#include "host_env.h"

#define L2_POOL_OFFSET (HOST_L1_SLOTS * HOST_L1_BYTES)
#define FREED_POISON   0xa5

static uint8_t ram[HOST_PHYS_SIZE] __attribute__((aligned(HOST_L1_BYTES)));
static bool l2_live[HOST_L2_TABLES];
static unsigned live_count, alloc_count;
static int fail_after = -1;
static struct host_flush_log flushes;
static bool snapshot_used[2]; /* host_snapshot_take() slots in use */

void host_env_reset(void)
{
	memset(ram, 0, sizeof(ram));
	memset(l2_live, 0, sizeof(l2_live));
	live_count = alloc_count = 0;
	fail_after = -1;
	memset(snapshot_used, 0, sizeof(snapshot_used));
	host_flush_clear();
	host_printk_clear();
}

pde_t *host_l1_table(unsigned slot)
{
	if (slot >= HOST_L1_SLOTS)
		fail_msg("host_l1_table: no slot %u", slot);
	return (pde_t *)&ram[slot * HOST_L1_BYTES];
}

/* ---- address translation over fake RAM ---- */

void *pt_phys_to_virt(phys_addr_t pa)
{
	if (pa < HOST_PHYS_BASE || pa - HOST_PHYS_BASE >= HOST_PHYS_SIZE)
		fail_msg("pt_phys_to_virt(%#x): outside fake RAM", pa);
	return &ram[pa - HOST_PHYS_BASE];
}

phys_addr_t pt_virt_to_phys(const void *va)
{
	const uint8_t *p = va;

	if (p < ram || p >= ram + sizeof(ram))
		fail_msg("pt_virt_to_phys(%p): outside fake RAM", va);
	return HOST_PHYS_BASE + (phys_addr_t)(p - ram);
}

uint32_t host_read_phys(phys_addr_t pa, void *ctx)
{
	uint32_t v;

	(void)ctx;
	if (pa & 3)
		fail_msg("host_read_phys(%#x): unaligned descriptor read", pa);
	memcpy(&v, pt_phys_to_virt(pa), sizeof(v));
	return v;
}

/* ---- the L2 table pool ---- */

static unsigned table_index(const void *t)
{
	const uint8_t *p = t;
	size_t off = (size_t)(p - ram);

	if (p < ram + L2_POOL_OFFSET || p >= ram + sizeof(ram) ||
	    (off - L2_POOL_OFFSET) % HOST_L2_BYTES)
		fail_msg("pt_free_l2(%p): not a table from pt_alloc_l2()", t);
	return (unsigned)((off - L2_POOL_OFFSET) / HOST_L2_BYTES);
}

pte_t *pt_alloc_l2(void)
{
	if (fail_after == 0)
		return NULL;
	for (unsigned i = 0; i < HOST_L2_TABLES; i++) {
		if (l2_live[i])
			continue;
		uint8_t *t = &ram[L2_POOL_OFFSET + i * HOST_L2_BYTES];

		memset(t, 0, HOST_L2_BYTES);
		l2_live[i] = true;
		live_count++;
		alloc_count++;
		if (fail_after > 0)
			fail_after--;
		return (pte_t *)t;
	}
	return NULL;
}

void pt_free_l2(pte_t *table)
{
	unsigned i = table_index(table);

	if (!l2_live[i])
		fail_msg("pt_free_l2(%p): table %u is not live (double free?)", (void *)table, i);
	for (unsigned e = 0; e < L2_ENTRIES; e++)
		if (table[e])
			fail_msg("pt_free_l2: table %u still holds entry %u = %#x", i, e, table[e]);
	/* A later walk through a stale L1 entry now finds garbage, not zeros. */
	memset(table, FREED_POISON, HOST_L2_BYTES);
	l2_live[i] = false;
	live_count--;
}

unsigned host_l2_live(void)
{
	return live_count;
}
unsigned host_l2_allocs(void)
{
	return alloc_count;
}
void host_l2_fail_after(int n)
{
	fail_after = n;
}

/* ---- cache and TLB maintenance ---- */

void pt_sync_entries(const void *start, const void *end)
{
	const uint8_t *s = start, *e = end;

	if (s < ram || e > ram + sizeof(ram) || e < s)
		fail_msg("pt_sync_entries(%p, %p): outside fake RAM", start, end);
}

void pt_flush_tlb_range(const struct arch_aspace *as, uint32_t va, uint32_t size)
{
	uint64_t end = (uint64_t)va + size;

	(void)pt_virt_to_phys(as->pgd);
	if (!flushes.calls || va < flushes.lo)
		flushes.lo = va;
	if (!flushes.calls || end > flushes.hi)
		flushes.hi = end;
	flushes.calls++;
}

/* No pinned tables on the host: every empty L2 table is freed. */
bool pt_table_pinned(const struct arch_aspace *as, uint32_t va)
{
	(void)as;
	(void)va;
	return false;
}

void host_flush_clear(void)
{
	memset(&flushes, 0, sizeof(flushes));
}

const struct host_flush_log *host_flush_log(void)
{
	return &flushes;
}

/* ---- snapshots ---- */

struct host_snapshot {
	uint8_t l1[L2_POOL_OFFSET];
	bool live[HOST_L2_TABLES];
	uint8_t l2[HOST_L2_TABLES][HOST_L2_BYTES];
};

/* Static, so that a test failing with a snapshot out leaks nothing. */
static struct host_snapshot snapshots[2];

struct host_snapshot *host_snapshot_take(void)
{
	struct host_snapshot *s = NULL;

	for (unsigned i = 0; i < ARRAY_SIZE(snapshots) && !s; i++)
		if (!snapshot_used[i]) {
			snapshot_used[i] = true;
			s = &snapshots[i];
		}
	if (!s) {
		fail_msg("host_snapshot_take: more than %zu snapshots out", ARRAY_SIZE(snapshots));
		return NULL; /* not reached: fail_msg() ends the test */
	}
	memcpy(s->l1, ram, sizeof(s->l1));
	memcpy(s->live, l2_live, sizeof(s->live));
	for (unsigned i = 0; i < HOST_L2_TABLES; i++)
		if (l2_live[i])
			memcpy(s->l2[i], &ram[L2_POOL_OFFSET + i * HOST_L2_BYTES], HOST_L2_BYTES);
	return s;
}

/* what names the area; table is its L2 table number, or -1 for the L1 slots. */
static bool same_words(const uint8_t *was, const uint8_t *now, size_t bytes, const char *what,
		       int table)
{
	for (size_t off = 0; off < bytes; off += 4) {
		uint32_t a, b;

		memcpy(&a, was + off, 4);
		memcpy(&b, now + off, 4);
		if (a != b) {
			print_message("%s %d: word %#zx changed from %#x to %#x\n", what, table,
				      off / 4, a, b);
			return false;
		}
	}
	return true;
}

bool host_snapshot_same(const struct host_snapshot *s)
{
	if (!same_words(s->l1, ram, sizeof(s->l1), "L1 slots (slot = word / 4096)", -1))
		return false;
	for (unsigned i = 0; i < HOST_L2_TABLES; i++) {
		if (s->live[i] != l2_live[i]) {
			print_message("L2 table %u: was %s, now %s\n", i,
				      s->live[i] ? "live" : "free", l2_live[i] ? "live" : "free");
			return false;
		}
		if (l2_live[i] && !same_words(s->l2[i], &ram[L2_POOL_OFFSET + i * HOST_L2_BYTES],
					      HOST_L2_BYTES, "L2 table", (int)i))
			return false;
	}
	return true;
}

void host_snapshot_free(struct host_snapshot *s)
{
	snapshot_used[s - snapshots] = false;
}

/* printk, host_printk_output() and host_printk_clear(): host_printk.c. */

/*
 * lockdep-lite: a lock-order and irq-safety checker for debug builds
 * (CONFIG_LOCKDEP: the test kernel, KTEST=y, and the host tests), after
 * Linux's lockdep, with fixed tables and no allocation.
 *
 * Every lock belongs to a class, named by a static key: DEFINE_SPINLOCK(x)
 * makes x its own class, spin_lock_init() one class per call site. On every
 * acquisition lib/lockdep.c records, between classes:
 *   - an edge A -> B when B is taken while A is held (same context: locks
 *     held by the code an interrupt interrupted do not count), and reports a
 *     new edge that closes a cycle: "possible circular locking dependency";
 *   - the class's usage: taken in interrupt context, taken with interrupts
 *     enabled (outside interrupt context). A class with both is reported:
 *     "inconsistent lock state" (the irqsave rule, include/spinlock.h);
 * and reports taking a class already held ("possible recursive locking"),
 * releasing a lock not held ("bad unlock balance") and holding a lock where
 * none may be held (a context switch, the return to user space).
 *
 * Each problem is printed once (a pair of classes, a class), in Linux's
 * words, and counted in struct lockdep_stats. The callers (spinlock.h) pass
 * the context and call with interrupts masked on this CPU.
 */
#ifndef LOCKDEP_H
#define LOCKDEP_H

#include "types.h"

#define LOCKDEP_MAX_CLASSES 64 /* classes: one bit each in the edge bitmaps */
#define LOCKDEP_MAX_DEPTH   16 /* locks one CPU holds at once */
#define LOCKDEP_MAX_CPUS    4

/* A class's identity: the address of a static object. */
struct lock_class_key {
	char dummy;
};

/* What a lock carries for lockdep: its class (found once, then cached). */
struct lockdep_map {
	const char *name;
	const void *key;
	uint16_t class_idx; /* 0: not looked up yet; else class + 1 */
};

/* Where an acquisition or release happens. */
struct lockdep_ctx {
	unsigned cpu; /* index of the per-CPU held-lock stack, < LOCKDEP_MAX_CPUS */
	bool irqs_on; /* interrupts were enabled at the call */
	bool in_irq;  /* the CPU runs an interrupt handler */
};

struct lockdep_stats {
	unsigned classes;        /* classes registered */
	unsigned edges;          /* lock-order edges recorded */
	unsigned acquires;       /* acquisitions checked */
	unsigned max_depth;      /* most locks held at once */
	unsigned inversions;     /* circular dependencies reported */
	unsigned inconsistent;   /* irq-safety violations reported */
	unsigned recursive;      /* recursive acquisitions reported */
	unsigned bad_unlock;     /* releases of locks not held */
	unsigned held_at_switch; /* locks held at a context switch / return to user */
	unsigned overflow;       /* a table was full: checking stopped */
};

/* Before taking the lock (after, for a trylock that succeeded: trylock = true). */
void lockdep_acquire(struct lockdep_map *map, const struct lockdep_ctx *ctx, bool trylock);
/* After releasing it. */
void lockdep_release(struct lockdep_map *map, const struct lockdep_ctx *ctx);
/* Report (once per place) locks this CPU holds outside interrupt context; true if none. */
bool lockdep_none_held(const struct lockdep_ctx *ctx, const char *where);
/* Does this CPU hold the lock? */
bool lockdep_is_held(const struct lockdep_map *map, const struct lockdep_ctx *ctx);
void lockdep_get_stats(struct lockdep_stats *out);
/* Forget every class, edge, held lock and count (tests; nothing may be held). */
void lockdep_reset(void);

#endif

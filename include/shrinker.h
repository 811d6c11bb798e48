/*
 * Shrinkers: caches that hold memory they could give back, asked to give
 * it back when reclaim runs (mm/user/vmscan.c), with Linux's names.
 *
 * A cache registers a struct shrinker with two callbacks:
 *
 *   count_objects(s, sc)  how many of its objects could be freed now; a
 *                         cheap estimate (no walk of every object), 0 or
 *                         SHRINK_EMPTY when there is nothing to do
 *   scan_objects(s, sc)   free up to sc->nr_to_scan of them; the objects
 *                         freed, or SHRINK_STOP when it could not take its
 *                         locks; the pages that went back to the page
 *                         allocator are added to sc->nr_reclaimed
 *
 * What an object is, is the cache's own choice (the slab allocator counts
 * the pages of its empty slabs, vmalloc its lazily freed areas); reclaim
 * adds up pages only, through sc->nr_reclaimed, as Linux's
 * reclaim_state->reclaimed_slab does.
 *
 * Locking. The callbacks run in process context with the shrinker list's
 * spinlock held, so they must not sleep, allocate memory, or register
 * or unregister a shrinker; they may take their own locks. With sc->trylock set they are called by a failing allocation
 * (direct reclaim), whose caller may hold any spinlock: every lock an
 * allocating caller could hold is then only tried (spin_trylock), and what
 * is busy is passed by; nor may they wait for other CPUs (cross calls).
 * unregister_shrinker() returns once no callback of that shrinker runs.
 */
#ifndef SHRINKER_H
#define SHRINKER_H

#include "gfp.h"
#include "list.h"

#define SHRINK_STOP  (~0UL)       /* scan_objects: could not make progress (lock busy) */
#define SHRINK_EMPTY (~0UL - 1UL) /* count_objects: nothing at all cached */

struct shrink_control {
	gfp_t gfp_mask;             /* the allocation reclaim works for */
	bool trylock;               /* direct reclaim: only try locks, never wait */
	unsigned long nr_to_scan;   /* in: objects to scan */
	unsigned long nr_scanned;   /* out: objects looked at (nr_to_scan if left as 0) */
	unsigned long nr_reclaimed; /* out: pages given back to the page allocator */
};

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *s, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *s, struct shrink_control *sc);
	const char *name;      /* for the reports */
	struct list_head list; /* on the list of shrinkers (the registry's) */
};

/* Put s on the list: 0, or -EINVAL without both callbacks. Process context. */
int register_shrinker(struct shrinker *s);
/* Take s off the list once none of its callbacks runs. Process context. */
void unregister_shrinker(struct shrinker *s);
/*
 * Ask every shrinker, the newest first, to scan up to nr_to_scan of its
 * objects: the pages they gave back. trylock: called by direct reclaim
 * (see above); a busy shrinker list then means nothing is shrunk.
 */
unsigned long shrink_slab(gfp_t gfp_mask, unsigned long nr_to_scan, bool trylock);

/* Objects the shrinkers looked at (Linux's /proc/vmstat slabs_scanned). */
extern unsigned long slabs_scanned;

#endif

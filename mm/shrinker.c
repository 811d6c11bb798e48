/*
 * The shrinker registry (include/shrinker.h): a list of the caches that
 * can give memory back, walked by reclaim. One spinlock covers the list
 * and is held across the callbacks, so that unregister_shrinker() waits
 * for a running one; direct reclaim only tries it.
 */
#include "errno.h"
#include "kernel.h"
#include "shrinker.h"
#include "spinlock.h"

unsigned long slabs_scanned;
static LIST_HEAD_DEFINE(shrinker_list);
/* The list, slabs_scanned, and every callback's run. Never taken in a handler. */
static DEFINE_SPINLOCK(shrinker_lock);

int register_shrinker(struct shrinker *s)
{
	if (!s->count_objects || !s->scan_objects)
		return -EINVAL;
	/* At the head: a later cache's objects may live in an earlier one's (vmalloc's in a slab). */
	spin_lock(&shrinker_lock);
	list_add(&s->list, &shrinker_list);
	spin_unlock(&shrinker_lock);
	return 0;
}

void unregister_shrinker(struct shrinker *s)
{
	spin_lock(&shrinker_lock);
	list_del(&s->list);
	spin_unlock(&shrinker_lock);
}

/* Under shrinker_lock: one shrinker's turn; the pages it gave back. */
static unsigned long do_shrink_slab(struct shrinker *s, gfp_t gfp_mask, unsigned long nr_to_scan,
				    bool trylock)
{
	struct shrink_control sc = { .gfp_mask = gfp_mask, .trylock = trylock };
	unsigned long count = s->count_objects(s, &sc);

	if (!count || count == SHRINK_EMPTY)
		return 0;
	sc.nr_to_scan = min(count, nr_to_scan);
	if (s->scan_objects(s, &sc) == SHRINK_STOP)
		return sc.nr_reclaimed;
	slabs_scanned += sc.nr_scanned ? sc.nr_scanned : sc.nr_to_scan;
	return sc.nr_reclaimed;
}

unsigned long shrink_slab(gfp_t gfp_mask, unsigned long nr_to_scan, bool trylock)
{
	struct shrinker *s;
	unsigned long pages = 0;

	if (!nr_to_scan)
		return 0;
	if (!trylock)
		spin_lock(&shrinker_lock);
	else if (!spin_trylock(&shrinker_lock))
		return 0; /* another CPU's reclaim is shrinking them already */
	list_for_each_entry (s, &shrinker_list, list)
		pages += do_shrink_slab(s, gfp_mask, nr_to_scan, trylock);
	spin_unlock(&shrinker_lock);
	return pages;
}

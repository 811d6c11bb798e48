/*
 * The slab caches' shrinker (include/shrinker.h): reclaim takes the empty
 * slabs every cache keeps past its use (up to max_empty each, kept so that
 * a workload hovering around a slab boundary does not move pages back and
 * forth) when memory is short. Its objects are pages: those of the empty
 * slabs. The CPU freelists stay as they are: emptying them needs cross
 * calls, which direct reclaim may not wait for, and they are the caches'
 * hot objects.
 */
#include "shrinker.h"
#include "slab_internal.h"

struct shrink_walk {
	unsigned long pages; /* count: pages seen; scan: pages freed */
	unsigned long left;  /* scan: pages still to free */
	bool trylock;
};

/* A moment's figure, read without s->lock: a count is an estimate anyway. */
static void count_one(struct kmem_cache *s, void *ctx)
{
	((struct shrink_walk *)ctx)->pages += READ_ONCE(s->nr_empty) << s->order;
}

static void scan_one(struct kmem_cache *s, void *ctx)
{
	struct shrink_walk *w = ctx;
	unsigned pages;

	if (!w->left)
		return;
	pages = __kmem_cache_shrink(s, w->left, w->trylock);
	w->pages += pages;
	w->left -= min(w->left, (unsigned long)pages);
}

static unsigned long slab_count_objects(struct shrinker *shrink, struct shrink_control *sc)
{
	struct shrink_walk w = { .trylock = sc->trylock };

	(void)shrink;
	if (!__kmem_cache_for_each(count_one, &w, sc->trylock))
		return 0;
	return w.pages ? w.pages : SHRINK_EMPTY;
}

static unsigned long slab_scan_objects(struct shrinker *shrink, struct shrink_control *sc)
{
	struct shrink_walk w = { .left = sc->nr_to_scan, .trylock = sc->trylock };

	(void)shrink;
	if (!__kmem_cache_for_each(scan_one, &w, sc->trylock))
		return SHRINK_STOP;
	sc->nr_reclaimed += w.pages;
	return w.pages;
}

static struct shrinker slab_shrinker = {
	.count_objects = slab_count_objects,
	.scan_objects = slab_scan_objects,
	.name = "slab-empty",
};

void slab_shrinker_init(void)
{
	register_shrinker(&slab_shrinker);
}

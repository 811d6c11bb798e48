/*
 * Slab debugging: red zones after objects, poison in free objects, the
 * checks made on allocation and free, and the cache validator. Every
 * problem is reported with slab_report() and then repaired or refused, so
 * the allocator's own data stays consistent.
 */
#include "printk.h"
#include "string.h"
#include "slab_internal.h"

static void fill(void *p, uint8_t value, uint32_t n)
{
	memset(p, value, n);
}

/* The first byte in [p, p+n) that is not value, or NULL. */
static const uint8_t *find_not(const void *p, uint8_t value, uint32_t n)
{
	for (const uint8_t *b = p; n--; b++)
		if (*b != value)
			return b;
	return NULL;
}

static void set_red_zone(struct kmem_cache *s, void *obj, uint8_t value)
{
	if (s->red_zone)
		fill((char *)obj + s->object_size, value, s->red_zone);
}

static void poison(struct kmem_cache *s, void *obj)
{
	if (s->flags & SLAB_POISON) {
		fill(obj, POISON_FREE, s->object_size - 1);
		((uint8_t *)obj)[s->object_size - 1] = POISON_END;
	}
}

void debug_init_object(struct kmem_cache *s, void *obj)
{
	poison(s, obj);
	set_red_zone(s, obj, SLAB_RED_INACTIVE);
}

/* Does the red zone hold value? Reports and repairs it when it does not. */
static bool check_red_zone(struct kmem_cache *s, void *obj, uint8_t value, const char *when)
{
	const uint8_t *bad;

	if (!s->red_zone)
		return true;
	bad = find_not((char *)obj + s->object_size, value, s->red_zone);
	if (!bad)
		return true;
	slab_report(s, obj,
		    "red zone overwritten %s: byte %u past the end is %#04x, expected %#04x", when,
		    (unsigned)(bad - ((uint8_t *)obj + s->object_size)), *bad, value);
	set_red_zone(s, obj, value);
	return false;
}

/* Is the poison of a free object intact? Reports and repairs it when not. */
static bool check_poison(struct kmem_cache *s, void *obj)
{
	const uint8_t *bad;

	if (!(s->flags & SLAB_POISON))
		return true;
	bad = find_not(obj, POISON_FREE, s->object_size - 1);
	if (!bad && ((uint8_t *)obj)[s->object_size - 1] == POISON_END)
		return true;
	if (!bad)
		bad = (uint8_t *)obj + s->object_size - 1;
	slab_report(s, obj, "poison overwritten (written after free): byte %u is %#04x",
		    (unsigned)(bad - (uint8_t *)obj), *bad);
	poison(s, obj);
	return false;
}

bool debug_alloc_check(struct kmem_cache *s, void *obj)
{
	bool ok = check_poison(s, obj);

	ok &= check_red_zone(s, obj, SLAB_RED_INACTIVE, "while free");
	set_red_zone(s, obj, SLAB_RED_ACTIVE);
	return ok;
}

bool debug_free_check(struct kmem_cache *s, struct slab *slab, void *obj, void *caller)
{
	unsigned n = 0;

	for (void *p = slab->freelist; p && n <= slab->objects; p = get_freepointer(s, p), n++)
		if (p == obj) {
			slab_report(s, obj, "double free (caller %p)", caller);
			return false;
		}
	if (!check_red_zone(s, obj, SLAB_RED_ACTIVE, "(write past the end)"))
		printk("    ... found when the object was freed by %p\n", caller);
	set_red_zone(s, obj, SLAB_RED_INACTIVE);
	poison(s, obj);
	return true;
}

/*
 * Everything about one slab: its pages point back at it, its freelist only
 * holds object starts of this slab, once each, its counters agree with the
 * freelist and with the list it is on, none of its objects is on both its
 * freelist and the CPU freelist (cpu_ok: that list was found sound), and
 * (debug caches) free objects keep their poison and inactive red zone,
 * allocated ones an active red zone.
 */
static unsigned validate_slab(struct kmem_cache *s, struct slab *slab, bool cpu_ok)
{
	uint8_t is_free[(1u << 12) / 8 + 1];
	unsigned problems = 0, nfree = 0;
	const unsigned errors_before = s->errors;

	memset(is_free, 0, (slab->objects + 7) / 8);
	if (slab->cache != s) {
		slab_report(s, slab, "slab descriptor names cache %s",
			    slab->cache ? slab->cache->name : "none");
		return 1;
	}
	for (unsigned i = 0; i < (1u << s->order); i++)
		if (!(slab->page[i].flags & PG_slab) ||
		    slab->page[i].private != (uint32_t)(uintptr_t)slab ||
		    slab->page[i].slab_cache != s) {
			slab_report(s, slab, "page %u of the slab does not point back at it", i);
			problems++;
		}
	for (int pass = 0; pass < 2; pass++) {
		void *p = pass == 0 ? slab->freelist : (cpu_ok ? s->cpu.freelist : NULL);

		for (; p; p = get_freepointer(s, p)) {
			int i;

			if (pass == 1 && addr_to_slab(p) != slab)
				continue; /* another slab's object */
			i = obj_index(s, slab, p);
			if (i < 0) {
				slab_report(s, p, "freelist entry is not an object of this slab");
				problems++;
				break;
			}
			if (is_free[i / 8] & (1u << (i % 8))) {
				slab_report(s, p, "object is on the freelist twice");
				problems++;
				break;
			}
			is_free[i / 8] |= (uint8_t)(1u << (i % 8));
			nfree += pass == 0;
		}
	}
	/* inuse counts the objects on the CPU freelist: they are not on the slab's. */
	if (slab->inuse + nfree != slab->objects) {
		slab_report(s, slab, "slab counts %u in use but has %u of %u objects free",
			    slab->inuse, nfree, slab->objects);
		problems++;
	}
	if ((slab->where == SLAB_ON_FULL && nfree) ||
	    (slab->where == SLAB_ON_EMPTY && nfree != slab->objects) ||
	    (slab->where == SLAB_ON_PARTIAL && (!nfree || nfree == slab->objects))) {
		slab_report(s, slab, "slab with %u of %u objects free is on the wrong list", nfree,
			    slab->objects);
		problems++;
	}
	if (cache_debug(s))
		for (unsigned i = 0; i < slab->objects; i++) {
			void *obj = slab->base + i * s->cpu.size;
			bool free = is_free[i / 8] & (1u << (i % 8));

			if (free)
				check_poison(s, obj);
			check_red_zone(s, obj, free ? SLAB_RED_INACTIVE : SLAB_RED_ACTIVE,
				       free ? "while free" : "(write past the end)");
		}
	return problems + (s->errors - errors_before - problems);
}

/*
 * The CPU freelist: every entry the start of a slot of one of the cache's
 * slabs, and no longer than its limit (a cycle makes it endless). Entries
 * are checked before they are followed. Returns the problems (0 or 1).
 */
static unsigned validate_cpu_freelist(struct kmem_cache *s)
{
	unsigned n = 0;

	for (void *p = s->cpu.freelist; p; p = get_freepointer(s, p)) {
		struct slab *slab = addr_to_slab(p);

		if (!slab || slab->cache != s || obj_index(s, slab, p) < 0) {
			slab_report(s, p, "CPU freelist entry is not an object of this cache");
			return 1;
		}
		if (++n > s->cpu_limit) {
			slab_report(s, NULL,
				    "CPU freelist holds more than its %u objects (a cycle?)",
				    s->cpu_limit);
			return 1;
		}
	}
	return 0;
}

unsigned kmem_cache_validate(struct kmem_cache *s)
{
	struct list_head *lists[] = { &s->partial, &s->full, &s->empty };
	unsigned counts[] = { s->nr_partial, s->nr_full, s->nr_empty };
	unsigned problems = validate_cpu_freelist(s);
	bool cpu_ok = !problems;
	struct slab *slab;

	for (unsigned l = 0; l < 3; l++) {
		unsigned n = 0;

		list_for_each_entry (slab, lists[l], list) {
			problems += validate_slab(s, slab, cpu_ok);
			n++;
		}
		if (n != counts[l]) {
			slab_report(s, NULL, "list %u holds %u slabs, the counter says %u", l, n,
				    counts[l]);
			problems++;
		}
	}
	return problems;
}

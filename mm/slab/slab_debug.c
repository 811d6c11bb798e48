/*
 * Slab debugging: red zones after objects, poison in free objects, the
 * checks made on allocation and free, and the cache validator. Every
 * problem is reported with slab_report() and then repaired or refused, so
 * the allocator's own data stays consistent.
 */
#include "printk.h"
#include "smp.h"
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
			slab_report(s, obj, "double free (caller %pS)", caller);
			return false;
		}
	if (!check_red_zone(s, obj, SLAB_RED_ACTIVE, "(write past the end)"))
		printk("    ... found when the object was freed by %pS\n", caller);
	set_red_zone(s, obj, SLAB_RED_INACTIVE);
	poison(s, obj);
	return true;
}

/*
 * Everything about one slab: its pages point back at it, its freelist only
 * holds object starts of this slab, once each, its counters agree with the
 * freelist and with the list it is on, none of its objects is on both its
 * freelist and the CPU freelist c (NULL: that list was not found sound), and
 * (debug caches) free objects keep their poison and inactive red zone,
 * allocated ones an active red zone.
 */
static unsigned validate_slab(struct kmem_cache *s, struct slab *slab,
			      const struct kmem_cache_cpu *c)
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
		void *p = pass == 0 ? slab->freelist : (c ? c->freelist : NULL);

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
			void *obj = slab->base + i * slot_layout(s)->size;
			bool free = is_free[i / 8] & (1u << (i % 8));

			if (free)
				check_poison(s, obj);
			check_red_zone(s, obj, free ? SLAB_RED_INACTIVE : SLAB_RED_ACTIVE,
				       free ? "while free" : "(write past the end)");
		}
	return problems + (s->errors - errors_before - problems);
}

/*
 * A CPU freelist: every entry the start of a slot of one of the cache's
 * slabs, and no longer than its limit (a cycle makes it endless). Entries
 * are checked before they are followed. 0 when sound, else 1 and *bad is
 * the entry that is not an object (NULL: the list is too long).
 */
static unsigned check_cpu_freelist(struct kmem_cache *s, const struct kmem_cache_cpu *c, void **bad)
{
	unsigned n = 0;

	for (void *p = c->freelist; p; p = get_freepointer(s, p)) {
		struct slab *slab = addr_to_slab(p);

		if (!slab || slab->cache != s || obj_index(s, slab, p) < 0) {
			*bad = p;
			return 1;
		}
		if (++n > s->cpu_limit) {
			*bad = NULL;
			return 1;
		}
	}
	return 0;
}

static void report_cpu_freelist(struct kmem_cache *s, unsigned cpu, void *bad)
{
	if (bad)
		slab_report(s, bad, "CPU %u freelist entry is not an object of this cache", cpu);
	else
		slab_report(s, NULL, "CPU %u freelist holds more than its %u objects (a cycle?)",
			    cpu, s->cpu_limit);
}

struct remote_check {
	struct kmem_cache *s;
	void *bad[NR_CPUS];
	uint32_t bad_cpus; /* CPUs whose freelist was unsound, left as it was */
};

/*
 * A cross call's function, on every other CPU: check its freelist and, if
 * sound, give it back to the slabs, so that validation sees every free
 * object on its slab; an unsound list is only noted (a handler may not
 * print) and left alone, since following it could go anywhere.
 */
static void check_and_drain(void *info)
{
	struct remote_check *rc = info;
	unsigned cpu = smp_processor_id();
	void *bad;

	if (check_cpu_freelist(rc->s, cache_cpu(rc->s), &bad)) {
		rc->bad[cpu] = bad;
		__atomic_fetch_or(&rc->bad_cpus, 1u << cpu, __ATOMIC_RELAXED);
		return;
	}
	slab_drain_cpu(rc->s);
}

/*
 * The other CPUs' freelists are checked and drained where they live (by
 * cross call, when this CPU may wait for them: slab_may_wait_for_cpus());
 * the running CPU's is checked in place, under the lock, with the slabs.
 */
unsigned kmem_cache_validate(struct kmem_cache *s)
{
	struct list_head *lists[] = { &s->partial, &s->full, &s->empty };
	uint32_t others = cpu_online_mask() & ~(1u << smp_processor_id());
	struct remote_check rc = { .s = s };
	unsigned problems = 0, self;
	const struct kmem_cache_cpu *c;
	struct slab *slab;
	uint32_t flags;
	void *bad;

	if (others && !cache_debug(s) && slab_may_wait_for_cpus() &&
	    smp_call_function_many(others, check_and_drain, &rc, true)) {
		slab_report(s, NULL, "a CPU did not answer the validator");
		problems++;
	}
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++)
		if (rc.bad_cpus & (1u << cpu)) {
			report_cpu_freelist(s, cpu, rc.bad[cpu]);
			problems++;
		}
	spin_lock_irqsave(&s->lock, flags);
	self = smp_processor_id();
	c = cache_cpu(s);
	if (check_cpu_freelist(s, c, &bad)) {
		report_cpu_freelist(s, self, bad);
		problems++;
		c = NULL;
	}
	{
		unsigned counts[] = { s->nr_partial, s->nr_full, s->nr_empty };

		for (unsigned l = 0; l < 3; l++) {
			unsigned n = 0;

			list_for_each_entry (slab, lists[l], list) {
				problems += validate_slab(s, slab, c);
				n++;
			}
			if (n != counts[l]) {
				slab_report(s, NULL, "list %u holds %u slabs, the counter says %u",
					    l, n, counts[l]);
				problems++;
			}
		}
	}
	spin_unlock_irqrestore(&s->lock, flags);
	return problems;
}

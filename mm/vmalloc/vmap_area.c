/* Virtual address ranges (see vmap_area.h). */
#include "errno.h"
#include "kernel.h"
#include "printk.h"
#include "vmap_area.h"

#define VA_PAGE 4096u

static unsigned bin_of(uint32_t bytes)
{
	uint32_t pages = bytes / VA_PAGE;

	return pages ? min(31u - (unsigned)__builtin_clz(pages), (unsigned)VA_BINS - 1) : 0;
}

static void bin_add(struct va_space *vs, struct vmap_area *va)
{
	unsigned b = bin_of(va->end - va->start);

	list_add(&va->link, &vs->bins[b]);
	vs->bin_mask |= 1u << b;
}

static void bin_del(struct va_space *vs, struct vmap_area *va)
{
	unsigned b = bin_of(va->end - va->start);

	list_del(&va->link);
	if (list_empty(&vs->bins[b]))
		vs->bin_mask &= ~(1u << b);
}

static void make_free(struct va_space *vs, struct vmap_area *va)
{
	va->free = true;
	va->guard = 0;
	va->owner = NULL;
	bin_add(vs, va);
	vs->nr_free++;
	vs->free_bytes += va->end - va->start;
}

static void unmake_free(struct va_space *vs, struct vmap_area *va)
{
	bin_del(vs, va);
	vs->nr_free--;
	vs->free_bytes -= va->end - va->start;
}

/* Grow or shrink a free area in place; it changes bins only when its size class does. */
static void resize_free(struct va_space *vs, struct vmap_area *va, uint32_t start, uint32_t end)
{
	bool rebin = bin_of(end - start) != bin_of(va->end - va->start);

	if (rebin)
		bin_del(vs, va);
	vs->free_bytes += (end - start) - (va->end - va->start);
	va->start = start;
	va->end = end;
	if (rebin)
		bin_add(vs, va);
}

int va_space_init(struct va_space *vs, uint32_t start, uint32_t end)
{
	struct vmap_area *all;

	if (start >= end || (start | end) % VA_PAGE)
		return -EINVAL;
	vs->start = start;
	vs->end = end;
	vs->nr_busy = vs->nr_free = vs->free_bytes = vs->bin_mask = 0;
	INIT_LIST_HEAD(&vs->areas);
	for (unsigned i = 0; i < VA_BINS; i++)
		INIT_LIST_HEAD(&vs->bins[i]);
	for (unsigned i = 0; i < VA_HASH_SIZE; i++)
		INIT_LIST_HEAD(&vs->hash[i]);
	all = va_node_alloc();
	if (!all)
		return -ENOMEM;
	all->start = start;
	all->end = end;
	list_add(&all->addr, &vs->areas);
	make_free(vs, all);
	return 0;
}

/* Does a free area hold size + guard bytes at an aligned address? Sets *at to it (0 is an address). */
static bool fits(const struct vmap_area *va, uint32_t need, uint32_t align, uint32_t *at)
{
	uint64_t a = ALIGN((uint64_t)va->start, (uint64_t)align);

	*at = (uint32_t)a;
	return a + need <= va->end;
}

struct vmap_area *va_alloc(struct va_space *vs, uint32_t size, uint32_t align, uint32_t guard)
{
	uint32_t need = size + guard;
	struct vmap_area *va = NULL, *busy, *tail = NULL, *cand;
	uint32_t at = 0;
	bool head, rest;

	if (!size || size % VA_PAGE || guard % VA_PAGE || need < size || align < VA_PAGE ||
	    (align & (align - 1)))
		return NULL;
	/* The bin that can hold need, then every larger non-empty bin: the first fit wins. */
	for (uint32_t bins = vs->bin_mask & ~((1u << bin_of(need)) - 1); bins && !va;
	     bins &= bins - 1)
		list_for_each_entry (cand, &vs->bins[__builtin_ctz(bins)], link)
			if (fits(cand, need, align, &at)) {
				va = cand;
				break;
			}
	if (!va)
		return NULL;
	/*
	 * Carve [at, at + need) out of va. The free node keeps what is left
	 * before (or else after) the new area, so the usual case, a fit at the
	 * start of a larger area, allocates one node and moves one boundary.
	 */
	head = at > va->start;
	rest = at + need < va->end;
	busy = head || rest ? va_node_alloc() : va;
	if (!busy)
		return NULL;
	if (head && rest && !(tail = va_node_alloc())) {
		va_node_free(busy);
		return NULL;
	}
	if (tail) {
		tail->start = at + need;
		tail->end = va->end;
		list_add(&tail->addr, &va->addr);
		make_free(vs, tail);
	}
	if (busy == va)
		unmake_free(vs, va);
	else if (head) {
		resize_free(vs, va, va->start, at);
		list_add(&busy->addr, &va->addr);
	} else {
		resize_free(vs, va, at + need, va->end);
		list_add_tail(&busy->addr, &va->addr);
	}
	busy->start = at;
	busy->end = at + need;
	busy->guard = guard;
	busy->free = false;
	busy->owner = NULL;
	list_add(&busy->link, &vs->hash[hash_of(at)]);
	vs->nr_busy++;
	return busy;
}

/* The free neighbour of va on the side of link (prev or next), or NULL. */
static struct vmap_area *free_neighbour(const struct va_space *vs, const struct list_head *link)
{
	struct vmap_area *n;

	if (link == &vs->areas)
		return NULL;
	n = list_entry(link, struct vmap_area, addr);
	return n->free ? n : NULL;
}

/* Drop a busy node that a free neighbour has taken over. */
static void drop_node(struct vmap_area *va)
{
	list_del(&va->addr);
	va_node_free(va);
}

void va_free(struct va_space *vs, struct vmap_area *va)
{
	struct vmap_area *prev = free_neighbour(vs, va->addr.prev);
	struct vmap_area *next = free_neighbour(vs, va->addr.next);

	list_del(&va->link);
	vs->nr_busy--;
	/* Free neighbours grow over the area in place: no node to bin unless none is free. */
	if (prev && next) {
		unmake_free(vs, next);
		resize_free(vs, prev, prev->start, next->end);
		drop_node(next);
		drop_node(va);
	} else if (prev) {
		resize_free(vs, prev, prev->start, va->end);
		drop_node(va);
	} else if (next) {
		resize_free(vs, next, va->start, next->end);
		drop_node(va);
	} else {
		make_free(vs, va);
	}
}

#define CHECK(cond, ...)                                   \
	do {                                               \
		if (!(cond)) {                             \
			printk("vmap_area: " __VA_ARGS__); \
			printk("\n");                      \
			problems++;                        \
		}                                          \
	} while (0)

unsigned va_check(const struct va_space *vs)
{
	unsigned problems = 0, nfree = 0, nbusy = 0, binned = 0, hashed = 0;
	uint32_t expect = vs->start, free_bytes = 0;
	const struct vmap_area *va, *prev = NULL;

	list_for_each_entry (va, &vs->areas, addr) {
		CHECK(va->start == expect, "area %#x-%#x leaves a gap or overlap at %#x", va->start,
		      va->end, expect);
		CHECK(va->start < va->end, "empty area at %#x", va->start);
		CHECK(!(va->start % VA_PAGE) && !(va->end % VA_PAGE), "unaligned area %#x-%#x",
		      va->start, va->end);
		CHECK(!(prev && prev->free && va->free), "free areas at %#x and %#x not merged",
		      prev ? prev->start : 0, va->start);
		if (va->free) {
			nfree++;
			free_bytes += va->end - va->start;
		} else {
			nbusy++;
			CHECK(va_find(vs, va->start) == va, "busy area %#x missing from the hash",
			      va->start);
			CHECK(va->guard < va->end - va->start, "busy area %#x is all guard",
			      va->start);
		}
		expect = va->end;
		prev = va;
	}
	CHECK(expect == vs->end, "areas end at %#x, the space at %#x", expect, vs->end);
	for (unsigned b = 0; b < VA_BINS; b++)
		list_for_each_entry (va, &vs->bins[b], link) {
			binned++;
			CHECK(va->free && bin_of(va->end - va->start) == b,
			      "area %#x in the wrong bin %u", va->start, b);
		}
	for (unsigned b = 0; b < VA_BINS; b++)
		CHECK(!list_empty(&vs->bins[b]) == !!(vs->bin_mask & 1u << b),
		      "bin %u and the bin mask disagree", b);
	for (unsigned h = 0; h < VA_HASH_SIZE; h++)
		list_for_each_entry (va, &vs->hash[h], link) {
			hashed++;
			CHECK(!va->free && hash_of(va->start) == h,
			      "area %#x in the wrong hash chain", va->start);
		}
	CHECK(nfree == vs->nr_free && binned == nfree, "%u free areas, %u binned, counter %u",
	      nfree, binned, vs->nr_free);
	CHECK(nbusy == vs->nr_busy && hashed == nbusy, "%u busy areas, %u hashed, counter %u",
	      nbusy, hashed, vs->nr_busy);
	CHECK(free_bytes == vs->free_bytes, "free bytes %u, counter %u", free_bytes,
	      vs->free_bytes);
	return problems;
}

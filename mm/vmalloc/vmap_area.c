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

static unsigned hash_of(uint32_t addr)
{
	return (addr / VA_PAGE * 2654435761u) >> (32 - 6);
}
_Static_assert(VA_HASH_SIZE == 64, "hash_of gives 6 bits");

static void make_free(struct va_space *vs, struct vmap_area *va)
{
	va->free = true;
	va->guard = 0;
	va->owner = NULL;
	list_add(&va->link, &vs->bins[bin_of(va->end - va->start)]);
	vs->nr_free++;
	vs->free_bytes += va->end - va->start;
}

static void unmake_free(struct va_space *vs, struct vmap_area *va)
{
	list_del(&va->link);
	vs->nr_free--;
	vs->free_bytes -= va->end - va->start;
}

int va_space_init(struct va_space *vs, uint32_t start, uint32_t end)
{
	struct vmap_area *all;

	if (start >= end || (start | end) % VA_PAGE)
		return -EINVAL;
	vs->start = start;
	vs->end = end;
	vs->nr_busy = vs->nr_free = vs->free_bytes = 0;
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
	struct vmap_area *va = NULL, *head = NULL, *tail = NULL, *cand;
	uint32_t at = 0;

	if (!size || size % VA_PAGE || guard % VA_PAGE || need < size ||
	    align < VA_PAGE || (align & (align - 1)))
		return NULL;
	/* The bin that can hold need, then every larger bin: the first fit wins. */
	for (unsigned b = bin_of(need); b < VA_BINS && !va; b++)
		list_for_each_entry(cand, &vs->bins[b], link)
			if (fits(cand, need, align, &at)) {
				va = cand;
				break;
			}
	if (!va)
		return NULL;
	/* Carve [at, at + need) out of va: up to two free pieces remain around it. */
	if (at > va->start && !(head = va_node_alloc()))
		return NULL;
	if (at + need < va->end && !(tail = va_node_alloc())) {
		if (head)
			va_node_free(head);
		return NULL;
	}
	unmake_free(vs, va);
	if (head) {
		head->start = va->start;
		head->end = at;
		list_add_tail(&head->addr, &va->addr);
		make_free(vs, head);
	}
	if (tail) {
		tail->start = at + need;
		tail->end = va->end;
		list_add(&tail->addr, &va->addr);
		make_free(vs, tail);
	}
	va->start = at;
	va->end = at + need;
	va->guard = guard;
	va->free = false;
	list_add(&va->link, &vs->hash[hash_of(at)]);
	vs->nr_busy++;
	return va;
}

struct vmap_area *va_find(const struct va_space *vs, uint32_t addr)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vs->hash[hash_of(addr)], link)
		if (va->start == addr)
			return va;
	return NULL;
}

/* Merge next into va (both free, adjacent). */
static void absorb(struct va_space *vs, struct vmap_area *va, struct vmap_area *next)
{
	unmake_free(vs, next);
	list_del(&next->addr);
	va->end = next->end;
	va_node_free(next);
}

void va_free(struct va_space *vs, struct vmap_area *va)
{
	struct vmap_area *prev, *next;

	list_del(&va->link);
	vs->nr_busy--;
	if (va->addr.prev != &vs->areas) {
		prev = list_entry(va->addr.prev, struct vmap_area, addr);
		if (prev->free) {
			unmake_free(vs, prev);
			prev->end = va->end;
			list_del(&va->addr);
			va_node_free(va);
			va = prev;
		}
	}
	if (va->addr.next != &vs->areas) {
		next = list_entry(va->addr.next, struct vmap_area, addr);
		if (next->free)
			absorb(vs, va, next);
	}
	make_free(vs, va);
}

#define CHECK(cond, ...) do { if (!(cond)) { printk("vmap_area: " __VA_ARGS__); printk("\n"); problems++; } } while (0)

unsigned va_check(const struct va_space *vs)
{
	unsigned problems = 0, nfree = 0, nbusy = 0, binned = 0, hashed = 0;
	uint32_t expect = vs->start, free_bytes = 0;
	const struct vmap_area *va, *prev = NULL;

	list_for_each_entry(va, &vs->areas, addr) {
		CHECK(va->start == expect, "area %#x-%#x leaves a gap or overlap at %#x", va->start, va->end, expect);
		CHECK(va->start < va->end, "empty area at %#x", va->start);
		CHECK(!(va->start % VA_PAGE) && !(va->end % VA_PAGE), "unaligned area %#x-%#x", va->start, va->end);
		CHECK(!(prev && prev->free && va->free), "free areas at %#x and %#x not merged", prev ? prev->start : 0, va->start);
		if (va->free) {
			nfree++;
			free_bytes += va->end - va->start;
		} else {
			nbusy++;
			CHECK(va_find(vs, va->start) == va, "busy area %#x missing from the hash", va->start);
			CHECK(va->guard < va->end - va->start, "busy area %#x is all guard", va->start);
		}
		expect = va->end;
		prev = va;
	}
	CHECK(expect == vs->end, "areas end at %#x, the space at %#x", expect, vs->end);
	for (unsigned b = 0; b < VA_BINS; b++)
		list_for_each_entry(va, &vs->bins[b], link) {
			binned++;
			CHECK(va->free && bin_of(va->end - va->start) == b, "area %#x in the wrong bin %u", va->start, b);
		}
	for (unsigned h = 0; h < VA_HASH_SIZE; h++)
		list_for_each_entry(va, &vs->hash[h], link) {
			hashed++;
			CHECK(!va->free && hash_of(va->start) == h, "area %#x in the wrong hash chain", va->start);
		}
	CHECK(nfree == vs->nr_free && binned == nfree, "%u free areas, %u binned, counter %u", nfree, binned, vs->nr_free);
	CHECK(nbusy == vs->nr_busy && hashed == nbusy, "%u busy areas, %u hashed, counter %u", nbusy, hashed, vs->nr_busy);
	CHECK(free_bytes == vs->free_bytes, "free bytes %u, counter %u", free_bytes, vs->free_bytes);
	return problems;
}

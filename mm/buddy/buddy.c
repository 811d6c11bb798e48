/*
 * The buddy allocator core (see buddy.h). A free block of order n starts
 * at a PFN that is a multiple of 2^n; its buddy is the block whose PFN
 * differs only in bit n. Freeing merges a block with its buddy for as long
 * as the buddy is free and of the same order; allocating splits a larger
 * block, putting the upper halves back on the free lists.
 */
#include "buddy.h"
#include "string.h"

static const uint8_t fallback_types[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
};

static inline void set_page_state(struct page *p, uint32_t state, unsigned order, unsigned mt)
{
	p->flags = (p->flags & PG_ZONE_MASK) | state | order << PG_ORDER_SHIFT | mt << PG_MT_SHIFT;
}

static inline struct page *pfn_page(const struct zone *z, uint32_t pfn)
{
	return z->pages + (pfn - z->start_pfn);
}

static void del_from_free_list(struct zone *z, struct page *p, unsigned order)
{
	list_del(&p->lru);
	p->flags &= PG_ZONE_MASK;
	z->area[order].nr_free--;
}

/*
 * Put the block of 2^order pages at page (PFN pfn) on the free lists,
 * merging it with free buddies first. The zone's bounds are read once into
 * locals: the list stores could alias them and force a reload on every
 * round. Every page that stops being a block's head is left with its zone
 * bits alone.
 */
static inline __attribute__((always_inline)) void free_one_block(struct zone *z, struct page *page,
								 uint32_t pfn, unsigned order)
{
	const uint32_t start = z->start_pfn, spanned = z->spanned, zone_bits = z->idx;
	struct free_area *area = &z->area[order];
	unsigned mt;

	page->flags = zone_bits;
	while (order < MAX_PAGE_ORDER) {
		uint32_t bit = 1u << order;
		struct page *buddy;

		if ((pfn ^ bit) - start >= spanned)
			break;
		buddy = pfn & bit ? page - bit : page + bit;
		if ((buddy->flags & (PG_buddy | PG_ORDER_MASK)) !=
		    (PG_buddy | order << PG_ORDER_SHIFT))
			break;
		list_del(&buddy->lru);
		buddy->flags = zone_bits;
		area->nr_free--;
		if (pfn & bit)
			page = buddy;
		pfn &= ~bit;
		order++;
		area++;
	}
	mt = pageblock_mt(z, pfn);
	page->flags = zone_bits | PG_buddy | order << PG_ORDER_SHIFT | mt << PG_MT_SHIFT;
	list_add(&page->lru, &area->free_list[mt]);
	area->nr_free++;
}

/* Split the block of order high at page down to order low: upper halves go back free. */
static void expand(struct zone *z, struct page *page, unsigned low, unsigned high, unsigned mt)
{
	const uint32_t head = z->idx | PG_buddy | mt << PG_MT_SHIFT;
	struct free_area *area = &z->area[high];

	while (high > low) {
		struct page *half;

		high--;
		area--;
		half = page + (1u << high);
		half->flags = head | high << PG_ORDER_SHIFT;
		list_add(&half->lru, &area->free_list[mt]);
		area->nr_free++;
	}
}

/* Move every free block of a pageblock to the lists of a new migrate type. */
static void claim_pageblock(struct zone *z, uint32_t pfn, unsigned mt)
{
	uint32_t first = pfn & ~((1u << PAGEBLOCK_ORDER) - 1);
	uint32_t end = first + (1u << PAGEBLOCK_ORDER);

	z->pageblock_mt[pageblock_index(z, pfn)] = (uint8_t)mt;
	for (uint32_t p = max(first, z->start_pfn); p < end && zone_spans_pfn(z, p);) {
		struct page *page = pfn_page(z, p);

		if (page->flags & PG_buddy) {
			unsigned order = page_order(page);

			list_del(&page->lru);
			page->flags = (page->flags & ~PG_MT_MASK) | mt << PG_MT_SHIFT;
			list_add(&page->lru, &z->area[order].free_list[mt]);
			p += 1u << order;
		} else {
			p++;
		}
	}
}

/*
 * Fall back to another type, largest block first, to keep types apart
 * (rmqueue found no block of its own type).
 */
static struct page *__attribute__((noinline))
rmqueue_fallback(struct zone *z, unsigned order, unsigned mt)
{
	for (int o = MAX_PAGE_ORDER; o >= (int)order; o--) {
		for (unsigned i = 0; i < MIGRATE_TYPES - 1; i++) {
			struct list_head *list = &z->area[o].free_list[fallback_types[mt][i]];
			struct page *p;
			uint32_t pfn;
			unsigned keep_mt = fallback_types[mt][i];

			if (list_empty(list))
				continue;
			p = list_first_entry(list, struct page, lru);
			pfn = zone_page_pfn(z, p);
			del_from_free_list(z, p, (unsigned)o);
			/* A big enough steal claims the whole pageblock for the new type. */
			if (o >= PAGEBLOCK_ORDER / 2) {
				claim_pageblock(z, pfn, mt);
				keep_mt = mt;
			}
			expand(z, p, order, (unsigned)o, keep_mt);
			z->nr_free -= 1u << order;
			z->fallbacks++;
			return p;
		}
	}
	return NULL;
}

/* The order of the smallest free block of type mt at least min_order, or NR_PAGE_ORDERS. */
static inline unsigned smallest_free_order(const struct zone *z, unsigned min_order, unsigned mt)
{
	unsigned o = min_order;

	while (o < NR_PAGE_ORDERS && list_empty(&z->area[o].free_list[mt]))
		o++;
	return o;
}

/* Take the first block of order o and type mt off its list (one must be there). */
static inline struct page *take_block(struct zone *z, unsigned o, unsigned mt)
{
	struct free_area *area = &z->area[o];
	struct page *p = list_first_entry(&area->free_list[mt], struct page, lru);

	list_del(&p->lru);
	area->nr_free--;
	return p;
}

/*
 * Take a block of exactly 2^order pages off the buddy lists, or NULL; its
 * head's flags are left to the caller to set.
 */
static inline struct page *rmqueue(struct zone *z, unsigned order, unsigned mt)
{
	unsigned o = smallest_free_order(z, order, mt);
	struct page *p;

	if (unlikely(o == NR_PAGE_ORDERS))
		return rmqueue_fallback(z, order, mt);
	p = take_block(z, o, mt);
	expand(z, p, order, o, mt);
	z->nr_free -= 1u << order;
	return p;
}

bool zone_watermark_ok(const struct zone *z, unsigned order, unsigned alloc_flags)
{
	uint32_t free = zone_free_pages(z);

	if (free < (1u << order))
		return false;
	if (alloc_flags & ALLOC_NO_WMARKS)
		return true;
	return free - (1u << order) >= z->wmark_level[alloc_flags & 3];
}

/*
 * Move up to batch pages of one type from the buddy lists to a hot list
 * (lock held). The pages are those rmqueue(z, 0, mt) would give one at a
 * time, smallest blocks first, but a block is split once for all the
 * pages it gives instead of once per page: the largest power of two of
 * the pages still wanted is taken off it whole.
 */
static void pcp_refill(struct zone *z, struct per_cpu_pages *pcp, unsigned mt)
{
	const uint32_t state = z->idx | PG_pcp | mt << PG_MT_SHIFT;
	struct list_head *dst = &pcp->lists[mt], *tail;
	uint32_t want = pcp->batch, got = 0;

	while (got < want) {
		unsigned o = smallest_free_order(z, 0, mt), k;
		struct page *p;

		if (unlikely(o == NR_PAGE_ORDERS)) {
			p = rmqueue_fallback(z, 0, mt);
			if (!p)
				break;
			k = 0;
		} else {
			k = min(o, 31u - (unsigned)__builtin_clz(want - got));
			p = take_block(z, o, mt);
			expand(z, p, k, o, mt);
			z->nr_free -= 1u << k;
		}
		/*
		 * Chain the pages in order and link the chain at the list's tail
		 * once; two pages a round (a block of order k >= 1 has an even
		 * count), which halves the loop's own instructions.
		 */
		tail = dst->prev;
		if (!k) {
			p->flags = state;
			p->lru.prev = tail;
			tail->next = &p->lru;
			tail = &p->lru;
		}
		for (uint32_t i = 0; i < (k ? 1u << k : 0); i += 2) {
			struct page *a = &p[i], *b = &p[i + 1];

			a->flags = state;
			b->flags = state;
			a->lru.prev = tail;
			tail->next = &a->lru;
			a->lru.next = &b->lru;
			b->lru.prev = &a->lru;
			tail = &b->lru;
		}
		tail->next = dst;
		dst->prev = tail;
		got += 1u << k;
	}
	pcp->count += got;
}

/*
 * Put the pages [page, page + count) (PFNs from pfn), which no list holds
 * and whose flags are cleared, on the free lists as the largest naturally
 * aligned blocks the run holds, each merged with its free buddies. The
 * caller counts them into nr_free.
 */
static void free_run_locked(struct zone *z, struct page *page, uint32_t pfn, uint32_t count)
{
	while (count) {
		unsigned order = min((unsigned)__builtin_ctz(pfn | 1u << MAX_PAGE_ORDER),
				     31u - (unsigned)__builtin_clz(count));

		free_one_block(z, page, pfn, order);
		page += 1u << order;
		pfn += 1u << order;
		count -= 1u << order;
	}
}

/*
 * Give the coldest count pages of a hot list back to the buddy lists (lock
 * held): the tail of each type's list in turn, the list of type last_mt
 * last. Pages that follow each other in memory as well as on the list (a
 * refill's, freed in the order they were allocated) go back as whole
 * blocks: one merge per block instead of one per page.
 */
static uint32_t pcp_free_bulk(struct zone *z, struct per_cpu_pages *pcp, uint32_t count,
			      unsigned last_mt)
{
	struct page *const pages = z->pages;
	const uint32_t start = z->start_pfn, zone_bits = z->idx;
	uint32_t done = 0;

	count = min(count, pcp->count);
	for (unsigned i = 1; i <= MIGRATE_TYPES && done < count; i++) {
		struct list_head *list = &pcp->lists[(last_mt + i) % MIGRATE_TYPES];

		while (done < count && !list_empty(list)) {
			struct page *p = list_entry(list->prev, struct page, lru), *last = p;
			uint32_t run = 1;

			/* The run: p, then the entries before it for as long as they are p + 1, p + 2... */
			p->flags = zone_bits;
			while (done + run < count && last->lru.prev != list &&
			       list_entry(last->lru.prev, struct page, lru) - p == (ptrdiff_t)run) {
				last = list_entry(last->lru.prev, struct page, lru);
				last->flags = zone_bits;
				run++;
			}
			/* Cut the whole run off the tail at once (the blocks' heads are relinked). */
			last->lru.prev->next = list;
			list->prev = last->lru.prev;
			free_run_locked(z, p, start + (uint32_t)(p - pages), run);
			done += run;
		}
	}
	pcp->count -= done;
	z->nr_free += done;
	return done;
}

/*
 * The other types' lists first: spilling the list a page of type mt was
 * just freed to could empty it, and the next allocation of that type
 * would refill it from the buddy lists, again and again (a vmalloc/vfree
 * loop did so, 5810 instructions a pair instead of 198, while another
 * type's pages filled the hot list up to its high mark).
 */
void pcp_spill(struct zone *z, unsigned mt)
{
	uint32_t flags;

	spin_lock_irqsave(&z->lock, flags);
	pcp_free_bulk(z, this_pcp(z), this_pcp(z)->batch, mt);
	spin_unlock_irqrestore(&z->lock, flags);
}

/*
 * Put pcp_order_batch(order) blocks of type mt on this CPU's list l of that
 * order and type (lock held): the blocks rmqueue(z, order, mt) would give
 * one at a time, smallest free blocks first, but a larger block is split
 * once for all the blocks it gives, and the first block taken heads the
 * list (it is the one allocated next, so a drain leaves the buddy lists as
 * one rmqueue() would have: the exact-split tests rely on it).
 */
static void pcp_order_refill(struct zone *z, struct pcpo_list *l, unsigned order, unsigned mt)
{
	const uint32_t state = z->idx | PG_pcp | order << PG_ORDER_SHIFT | mt << PG_MT_SHIFT;
	struct list_head *dst = &l->list, *tail = dst->prev;
	uint32_t want = pcp_order_batch(order), got = 0;

	while (got < want) {
		unsigned o = smallest_free_order(z, order, mt), k;
		struct page *p;

		if (unlikely(o == NR_PAGE_ORDERS)) {
			/*
			 * One block stolen from another type per refill, as one
			 * allocation would: a batch of steals would spread this
			 * type over the other's pageblocks for blocks nobody asked for.
			 */
			p = rmqueue_fallback(z, order, mt);
			if (!p)
				break;
			want = got + 1;
			k = order;
		} else {
			k = min(o, order + 31u - (unsigned)__builtin_clz(want - got));
			p = take_block(z, o, mt);
			expand(z, p, k, o, mt);
			z->nr_free -= 1u << k;
		}
		/* Cut the block of order k into blocks of the wanted order, chained in order. */
		for (uint32_t i = 0; i < 1u << (k - order); i++) {
			struct page *b = p + (i << order);

			b->flags = state;
			b->lru.prev = tail;
			tail->next = &b->lru;
			tail = &b->lru;
		}
		got += 1u << (k - order);
	}
	tail->next = dst;
	dst->prev = tail;
	l->count += got;
}

/*
 * Give the n coldest blocks of list l (of this order; n at most its count)
 * back to the buddy lists (lock held), each merged with its free buddies.
 * Returns the pages given.
 */
static uint32_t pcp_order_free(struct zone *z, struct pcpo_list *l, unsigned order, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		struct page *p = list_entry(l->list.prev, struct page, lru);

		list_del(&p->lru);
		free_one_block(z, p, zone_page_pfn(z, p), order);
	}
	l->count -= n;
	z->nr_free += n << order;
	return n << order;
}

uint32_t zone_drain_pcp(struct zone *z)
{
	struct pcp_orders *po;
	uint32_t flags, n;

	spin_lock_irqsave(&z->lock, flags);
	n = pcp_free_bulk(z, this_pcp(z), this_pcp(z)->count, 0);
	po = &z->pcpo[smp_processor_id()];
	for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
		for (unsigned o = 1; o <= PCP_MAX_ORDER; o++)
			n += pcp_order_free(z, &po->lists[mt][o - 1], o,
					    po->lists[mt][o - 1].count);
	spin_unlock_irqrestore(&z->lock, flags);
	return n;
}

/*
 * zone_watermark_ok() with the zone lock held, answered from the buddy
 * lists' count alone when that suffices (the hot lists only add to it), so
 * that the common case does not sum every CPU's hot list.
 */
static inline bool watermark_ok_locked(const struct zone *z, unsigned order, unsigned alloc_flags)
{
	if (likely(z->nr_free >= (1u << order) + z->wmark_level[alloc_flags & 3]))
		return true;
	return zone_watermark_ok(z, order, alloc_flags);
}

static struct page *zone_alloc_locked(struct zone *z, struct per_cpu_pages *pcp, unsigned order,
				      unsigned mt, unsigned alloc_flags)
{
	struct page *p;

	if (order == 0 && !(alloc_flags & ALLOC_NO_WMARKS)) {
		p = pcp_alloc_fast(z, pcp, mt, alloc_flags);
		if (likely(p))
			return p;
	}
	if (unlikely(!watermark_ok_locked(z, order, alloc_flags)))
		return NULL;
	if (order == 0) {
		struct list_head *list = &pcp->lists[mt];

		if (list_empty(list)) {
			pcp_refill(z, pcp, mt);
			if (list_empty(list))
				return NULL;
		}
		p = list_first_entry(list, struct page, lru);
		list_del(&p->lru);
		pcp->count--;
		set_page_state(p, PG_head, 0, mt);
		return p;
	}
	p = rmqueue(z, order, mt);
	if (!p)
		return NULL;
	set_page_state(p, PG_head, order, mt);
	return p;
}

/*
 * An order 1..PCP_MAX_ORDER allocation: this CPU's list of the order and
 * type, refilled under the lock when it is empty, or taken from when the
 * unlocked watermark test failed but the exact one allows it.
 */
static struct page *__attribute__((noinline))
zone_alloc_pcpo(struct zone *z, unsigned order, unsigned mt, unsigned alloc_flags)
{
	struct pcpo_list *l;
	struct page *p;
	uint32_t flags = local_irq_save();

	l = this_pcpo(z, order, mt);
	p = pcpo_pop(z, l, order, z->wmark_level[alloc_flags & 3]);
	if (likely(p))
		goto out;
	spin_lock(&z->lock);
	if (likely(watermark_ok_locked(z, order, alloc_flags))) {
		if (list_empty(&l->list))
			pcp_order_refill(z, l, order, mt);
		if (!list_empty(&l->list)) {
			p = list_first_entry(&l->list, struct page, lru);
			list_del(&p->lru);
			l->count--;
			p->flags ^= PG_pcp | PG_head;
		}
	}
	spin_unlock(&z->lock);
out:
	local_irq_restore(flags);
	return p;
}

/* Give the coldest batch of this CPU's list l back (interrupts masked). */
void pcpo_spill(struct zone *z, struct pcpo_list *l, unsigned order)
{
	spin_lock(&z->lock);
	pcp_order_free(z, l, order, pcp_order_batch(order));
	spin_unlock(&z->lock);
}

struct page *zone_alloc(struct zone *z, unsigned order, unsigned mt, unsigned alloc_flags)
{
	struct page *p;
	uint32_t flags;

	if (order == 0) {
		spin_lock_irqsave(&z->lock, flags);
		p = zone_alloc_locked(z, this_pcp(z), order, mt, alloc_flags);
	} else {
		if (order <= PCP_MAX_ORDER)
			return zone_alloc_pcpo(z, order, mt, alloc_flags);
		/* zone_alloc_locked() without its order-0 branches. */
		spin_lock_irqsave(&z->lock, flags);
		p = NULL;
		if (likely(watermark_ok_locked(z, order, alloc_flags)))
			p = rmqueue(z, order, mt);
		if (likely(p))
			p->flags = z->idx | PG_head | order << PG_ORDER_SHIFT | mt << PG_MT_SHIFT;
	}
	spin_unlock_irqrestore(&z->lock, flags);
	return p;
}

unsigned zone_alloc_bulk(struct zone *z, unsigned mt, unsigned alloc_flags, unsigned nr,
			 struct page **pages)
{
	uint32_t head_flags = z->idx | mt << PG_MT_SHIFT | PG_head;
	uint32_t free, level = z->wmark_level[alloc_flags & 3], flags;
	struct per_cpu_pages *pcp;
	struct list_head *list;
	unsigned got = 0;

	spin_lock_irqsave(&z->lock, flags);
	pcp = this_pcp(z);
	list = &pcp->lists[mt];
	/*
	 * What order-0 allocations one at a time could take before the
	 * watermark stops them; the buddy lists' count alone usually says
	 * "all of them" without summing every CPU's hot lists.
	 */
	free = z->nr_free;
	if (free < level + nr)
		free = zone_free_pages(z);
	if (free <= level) {
		spin_unlock_irqrestore(&z->lock, flags);
		return 0;
	}
	nr = min(nr, free - level);
	while (got < nr && list->next != list) {
		struct page *p = list_entry(list->next, struct page, lru);

		list_del(&p->lru);
		p->flags = head_flags;
		pages[got++] = p;
	}
	pcp->count -= got;
	/* Then whole blocks off the buddy lists, each split into single pages in one go. */
	while (got < nr) {
		unsigned order = min(31u - (unsigned)__builtin_clz(nr - got),
				     (unsigned)MAX_PAGE_ORDER);
		struct page *p;

		while (!(p = rmqueue(z, order, mt)) && order)
			order--;
		if (!p)
			break;
		for (uint32_t i = 0; i < 1u << order; i++) {
			p[i].flags = head_flags;
			pages[got++] = &p[i];
		}
	}
	spin_unlock_irqrestore(&z->lock, flags);
	return got;
}

/*
 * Put [pfn, pfn + count) on the free lists as the largest naturally
 * aligned blocks it holds, merging each with its free buddies.
 */
static void free_range(struct zone *z, uint32_t pfn, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		pfn_page(z, pfn + i)->flags &= PG_ZONE_MASK;
	z->nr_free += count;
	free_run_locked(z, pfn_page(z, pfn), pfn, count);
}

void zone_free_run(struct zone *z, struct page *p, uint32_t count)
{
	uint32_t flags;

	spin_lock_irqsave(&z->lock, flags);
	free_range(z, zone_page_pfn(z, p), count);
	spin_unlock_irqrestore(&z->lock, flags);
}

void zone_free(struct zone *z, struct page *p, unsigned order)
{
	uint32_t flags;

	if (order == 0) {
		flags = local_irq_save();
		pcp_free_fast(z, p);
		local_irq_restore(flags);
		return;
	}
	if (order <= PCP_MAX_ORDER) {
		flags = local_irq_save();
		pcpo_push(z, this_pcpo(z, order, page_mt(p)), p, order, p->flags);
		local_irq_restore(flags);
		return;
	}
	spin_lock_irqsave(&z->lock, flags);
	z->nr_free += 1u << order;
	free_one_block(z, p, zone_page_pfn(z, p), order);
	spin_unlock_irqrestore(&z->lock, flags);
}

void zone_init(struct zone *z, const char *name, unsigned idx, uint32_t start_pfn, uint32_t spanned,
	       struct page *pages, uint8_t *pageblock_mt)
{
	memset(z, 0, sizeof(*z));
	spin_lock_init(&z->lock);
	z->name = name;
	z->idx = idx;
	z->start_pfn = start_pfn;
	z->spanned = spanned;
	z->pages = pages;
	z->pageblock_mt = pageblock_mt;
	z->nr_pageblocks = pageblocks_spanned(start_pfn, spanned);
	for (uint32_t i = 0; i < z->nr_pageblocks; i++)
		pageblock_mt[i] = MIGRATE_MOVABLE;
	for (unsigned o = 0; o < NR_PAGE_ORDERS; o++)
		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&z->area[o].free_list[mt]);
	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &z->pcp[cpu];

		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++) {
			INIT_LIST_HEAD(&pcp->lists[mt]);
			for (unsigned o = 0; o < PCP_MAX_ORDER; o++)
				INIT_LIST_HEAD(&z->pcpo[cpu].lists[mt][o].list);
		}
		pcp->batch = 32;
		pcp->high = 6 * pcp->batch;
	}
}

void zone_add_free_range(struct zone *z, uint32_t pfn, uint32_t count)
{
	uint32_t flags;

	spin_lock_irqsave(&z->lock, flags);
	z->managed += count;
	free_range(z, pfn, count);
	spin_unlock_irqrestore(&z->lock, flags);
}

void zone_add_free_blocks(struct zone *z, uint32_t pfn, uint32_t count)
{
	uint32_t flags;

	spin_lock_irqsave(&z->lock, flags);
	z->managed += count;
	z->nr_free += count;
	while (count) {
		unsigned order = min((unsigned)__builtin_ctz(pfn | 1u << MAX_PAGE_ORDER),
				     31u - (unsigned)__builtin_clz(count));

		free_one_block(z, pfn_page(z, pfn), pfn, order);
		pfn += 1u << order;
		count -= 1u << order;
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

void zone_set_watermarks(struct zone *z, uint32_t min_pages)
{
	z->wmark_min = min_pages;
	z->wmark_low = min_pages + min_pages / 4;
	z->wmark_high = min_pages + min_pages / 2;
	z->wmark_level[0] = min_pages;
	z->wmark_level[ALLOC_HIGH] = min_pages / 2;
	z->wmark_level[ALLOC_HARDER] = min_pages / 4;
	z->wmark_level[ALLOC_HIGH | ALLOC_HARDER] = min_pages / 4;
}

/* ---- the invariant checker ---- */

#define CHECK(cond, ...)                           \
	do {                                       \
		if (!(cond)) {                     \
			buddy_report(__VA_ARGS__); \
			problems++;                \
		}                                  \
	} while (0)

/* zone_check() of one CPU's lists of orders above 0; returns the blocks seen. */
static uint32_t pcpo_check(const struct zone *z, const struct pcp_orders *po, unsigned *problemsp)
{
	unsigned problems = 0;
	uint32_t blocks = 0;

	for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++) {
		for (unsigned o = 1; o <= PCP_MAX_ORDER; o++) {
			const struct pcpo_list *l = &po->lists[mt][o - 1];
			const struct page *p;
			uint32_t seen = 0;

			list_for_each_entry (p, &l->list, lru) {
				uint32_t pfn = zone_page_pfn(z, p);

				seen++;
				CHECK((p->flags & ~PG_ZONE_MASK) ==
					      (PG_pcp | o << PG_ORDER_SHIFT | mt << PG_MT_SHIFT),
				      "%s: order-%u hot-list pfn %#x has flags %#x", z->name, o,
				      pfn, p->flags);
				CHECK(zone_spans_pfn(z, pfn + (1u << o) - 1) &&
					      !(pfn & ((1u << o) - 1)),
				      "%s: order-%u hot-list pfn %#x misaligned or outside the zone",
				      z->name, o, pfn);
				for (uint32_t i = 1; i < (1u << o); i++)
					CHECK(!(p[i].flags &
						(PG_buddy | PG_pcp | PG_head | PG_reserved)),
					      "%s: pfn %#x inside a hot block has flags %#x",
					      z->name, pfn + i, p[i].flags);
			}
			CHECK(seen == l->count,
			      "%s: %u blocks on the order-%u type-%u hot list, count says %u",
			      z->name, seen, o, mt, l->count);
			blocks += seen;
		}
	}
	*problemsp += problems;
	return blocks;
}

unsigned zone_check(const struct zone *z)
{
	unsigned problems = 0;
	uint32_t listed_pages = 0, heads_on_lists = 0, heads_seen = 0, pcp_seen = 0,
		 pcp_flagged = 0;

	for (unsigned o = 0; o < NR_PAGE_ORDERS; o++) {
		uint32_t blocks = 0;

		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++) {
			const struct page *p;

			list_for_each_entry (p, &z->area[o].free_list[mt], lru) {
				uint32_t pfn = zone_page_pfn(z, p);
				uint32_t buddy_pfn = pfn ^ (1u << o);

				blocks++;
				CHECK(zone_spans_pfn(z, pfn) &&
					      zone_spans_pfn(z, pfn + (1u << o) - 1),
				      "%s: free block pfn %#x order %u outside the zone", z->name,
				      pfn, o);
				CHECK((p->flags & ~PG_ZONE_MASK) ==
					      (PG_buddy | o << PG_ORDER_SHIFT | mt << PG_MT_SHIFT),
				      "%s: pfn %#x on the order-%u type-%u list has flags %#x",
				      z->name, pfn, o, mt, p->flags);
				CHECK(!(pfn & ((1u << o) - 1)),
				      "%s: pfn %#x misaligned for order %u", z->name, pfn, o);
				CHECK(page_zonenum(p) == z->idx, "%s: pfn %#x has zone %u", z->name,
				      pfn, page_zonenum(p));
				CHECK(pageblock_mt(z, pfn) == mt,
				      "%s: pfn %#x on type-%u list in a type-%u pageblock", z->name,
				      pfn, mt, pageblock_mt(z, pfn));
				if (o < MAX_PAGE_ORDER && zone_spans_pfn(z, buddy_pfn)) {
					const struct page *b = pfn_page(z, buddy_pfn);

					CHECK((b->flags & (PG_buddy | PG_ORDER_MASK)) !=
						      (PG_buddy | o << PG_ORDER_SHIFT),
					      "%s: free buddies pfn %#x and %#x of order %u were not merged",
					      z->name, pfn, buddy_pfn, o);
				}
				for (uint32_t i = 1; i < (1u << o); i++)
					CHECK(!(p[i].flags &
						(PG_buddy | PG_pcp | PG_head | PG_reserved)),
					      "%s: pfn %#x inside a free block has flags %#x",
					      z->name, pfn + i, p[i].flags);
			}
		}
		CHECK(blocks == z->area[o].nr_free,
		      "%s: order %u has %u blocks listed, nr_free says %u", z->name, o, blocks,
		      z->area[o].nr_free);
		listed_pages += blocks << o;
		heads_on_lists += blocks;
	}
	CHECK(listed_pages == z->nr_free, "%s: %u pages on the lists, nr_free says %u", z->name,
	      listed_pages, z->nr_free);

	for (unsigned cpu = 0; cpu < NR_CPUS; cpu++) {
		const struct per_cpu_pages *pcp = &z->pcp[cpu];
		uint32_t seen = 0;

		for (unsigned mt = 0; mt < MIGRATE_TYPES; mt++) {
			const struct page *p;

			list_for_each_entry (p, &pcp->lists[mt], lru) {
				seen++;
				CHECK((p->flags & ~PG_ZONE_MASK) == (PG_pcp | mt << PG_MT_SHIFT),
				      "%s: hot-list pfn %#x has flags %#x", z->name,
				      zone_page_pfn(z, p), p->flags);
			}
		}
		CHECK(seen == pcp->count, "%s: %u pages on the hot list, count says %u", z->name,
		      seen, pcp->count);
		pcp_seen += seen;
		pcp_seen += pcpo_check(z, &z->pcpo[cpu], &problems);
	}

	for (uint32_t i = 0; i < z->spanned; i++) {
		if (z->pages[i].flags & PG_buddy)
			heads_seen++;
		if (z->pages[i].flags & PG_pcp)
			pcp_flagged++;
		CHECK(page_zonenum(&z->pages[i]) == z->idx, "%s: pfn %#x has zone %u", z->name,
		      z->start_pfn + i, page_zonenum(&z->pages[i]));
	}
	CHECK(heads_seen == heads_on_lists, "%s: %u pages flagged free, %u on the lists", z->name,
	      heads_seen, heads_on_lists);
	CHECK(pcp_flagged == pcp_seen, "%s: %u pages flagged hot, %u on the hot list", z->name,
	      pcp_flagged, pcp_seen);
	CHECK(zone_free_pages(z) <= z->managed, "%s: %u free of %u managed", z->name,
	      zone_free_pages(z), z->managed);
	return problems;
}

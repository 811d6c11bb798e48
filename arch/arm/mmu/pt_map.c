/*
 * map / unmap / protect / query over ranges of one first-level table.
 *
 * Every call checks its whole range before it writes anything, so a
 * refused call leaves the tables exactly as they were. The only failure
 * after a write has started is running out of L2 tables: pt_map() then
 * undoes what it mapped; pt_unmap() and pt_protect() may have split a block
 * into smaller descriptors, which translate exactly as before.
 */
#include "errno.h"
#include "kernel.h"
#include "asm/pgtable.h"
#include "pt_env.h"

#define SECT_MASK  (SECTION_SIZE - 1)
#define SUPER_MASK (SUPERSECTION_SIZE - 1)
#define LARGE_MASK (LARGE_PAGE_SIZE - 1)
#define SMALL_MASK (SMALL_PAGE_SIZE - 1)
#define SUPER_SPAN (SUPERSECTION_SIZE / SECTION_SIZE)  /* 16 L1 entries */
#define LARGE_SPAN (LARGE_PAGE_SIZE / SMALL_PAGE_SIZE) /* 16 L2 entries */

static inline bool is_sect(pde_t d)
{
	return (d & L1_TYPE_MASK) == L1_TYPE_SECT;
}
static inline bool is_table(pde_t d)
{
	return (d & L1_TYPE_MASK) == L1_TYPE_TABLE;
}
static inline bool is_super(pde_t d)
{
	return is_sect(d) && (d & SECT_SUPER);
}
static inline bool pte_is_large(pte_t d)
{
	return (d & L2_TYPE_MASK) == L2_TYPE_LARGE;
}

static pte_t *l2_table(pde_t d)
{
	return pt_env_l2_table(d & L1_TABLE_ADDR_MASK);
}

static void write_entries(uint32_t *dst, uint32_t value, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		dst[i] = value;
	pt_sync_entries(dst, dst + count);
}

/* The end of the 1 MB chunk holding va, as a 64-bit number (may be 4 GB). */
static uint64_t chunk_end(uint64_t va)
{
	return (va | SECT_MASK) + 1;
}

enum range_state {
	RANGE_EMPTY = 1,
	RANGE_FULL = 2,
	RANGE_MIXED = 3
};

/*
 * What is mapped in [va, end): nothing, everything, or some. Also reports
 * whether any L2 table touched has a domain other than want_domain.
 */
static unsigned scan_range(const pde_t *pgd, uint64_t va, uint64_t end, unsigned want_domain,
			   bool *domain_clash)
{
	unsigned seen = 0;

	*domain_clash = false;
	while (va < end) {
		pde_t d = pgd[va >> SECTION_SHIFT];
		uint64_t stop = min(chunk_end(va), end);

		if (is_sect(d)) {
			seen |= RANGE_FULL;
		} else if (is_table(d)) {
			const pte_t *t = l2_table(d);

			if (((d >> 5) & 0xf) != want_domain)
				*domain_clash = true;
			for (uint64_t a = va; a < stop; a += SMALL_PAGE_SIZE)
				seen |= pte_present(t[(a >> 12) & 0xff]) ? RANGE_FULL : RANGE_EMPTY;
		} else {
			seen |= RANGE_EMPTY;
		}
		va = stop;
	}
	return seen;
}

static int check_va_range(uint32_t va, uint32_t size)
{
	if (size == 0 || (va & SMALL_MASK) || (size & SMALL_MASK))
		return -EINVAL;
	if ((uint64_t)va + size > 0x100000000ull) /* wraps past 4 GB */
		return -EINVAL;
	return 0;
}

/* A table for the chunk at va: the existing one, or a new empty one. */
static pte_t *get_l2(pde_t *pgd, uint32_t va, unsigned domain)
{
	pde_t *l1 = &pgd[va >> SECTION_SHIFT];
	pte_t *t;

	if (is_table(*l1))
		return l2_table(*l1);
	t = pt_alloc_l2();
	if (!t)
		return NULL;
	write_entries(l1, mk_l1_table(pt_virt_to_phys(t), domain), 1);
	return t;
}

/* Four entries a step, OR-ed: a table is scanned whole each time one empties. */
static bool l2_empty(const pte_t *t)
{
	for (unsigned i = 0; i < L2_ENTRIES; i += 4)
		if (t[i] | t[i + 1] | t[i + 2] | t[i + 3])
			return false;
	return true;
}

/*
 * Drop the empty L2 table t of the MB holding va: clear the L1 entry, flush
 * one page, free the table. One page is enough: with the short-descriptor
 * MMU a TLB invalidation by MVA also drops any cached copy of the L1 entry
 * the walk used for that MVA (ARMv7 has no leaf-only form; Linux's ARM
 * __pte_free_tlb flushes one page per MB for this), so no CPU's walk can
 * reach the table once it is back in the pool. The MB's leaf entries are
 * not the table's concern: a cached translation holds no pointer to the
 * table, and each caller flushes the entries it cleared before their pages
 * go. (Flushing the whole MB was a whole-ASID flush on top of the page's
 * own for every table a process's munmap freed.)
 */
static void free_l2(struct arch_aspace *as, pte_t *t, uint32_t va)
{
	write_entries(&as->pgd[va >> SECTION_SHIFT], 0, 1);
	pt_env_flush_tlb_range(as, va & ~SMALL_MASK, SMALL_PAGE_SIZE);
	pt_free_l2(t);
}

/*
 * A block descriptor never replaces an L1 table entry: that would lose the
 * table (kept or pinned tables can be empty). Such a chunk gets pages.
 */
static bool no_tables(const pde_t *pgd, uint32_t va, unsigned entries)
{
	for (unsigned i = 0; i < entries; i++)
		if (is_table(pgd[(va >> SECTION_SHIFT) + i]))
			return false;
	return true;
}

static int unmap_range(struct arch_aspace *as, uint32_t va, uint32_t size);

/*
 * ---- The common case: small pages inside one MB whose L2 table exists ----
 * A vmalloc-area or ioremap page, a process's page: one L1 read, then the
 * entries themselves, with the same checks and results as the general
 * paths below (which would find the same table and write the same
 * entries), minus their scans over chunks and block kinds.
 */

/*
 * Does [va, va + size) (page-aligned, size > 0) lie in one MB whose L1
 * entry is a table? A single page always lies in one MB.
 */
static inline __attribute__((always_inline)) bool in_one_table(const pde_t *pgd, uint32_t va,
							       uint32_t size)
{
	return (size == SMALL_PAGE_SIZE || !((va ^ (va + size - 1)) >> SECTION_SHIFT)) &&
	       is_table(pgd[va >> SECTION_SHIFT]);
}

static unsigned table_domain(pde_t d)
{
	return (d >> 5) & 0xf;
}

/*
 * in_one_table() and of prot's domain, no large page wanted, desc the
 * first page's descriptor: -EEXIST if any entry is in use.
 */
static inline __attribute__((always_inline)) int map_small_in_table(pde_t *pgd, uint32_t va,
								    uint32_t size, pte_t desc)
{
	pte_t *e = l2_table(pgd[va >> SECTION_SHIFT]) + ((va >> 12) & 0xff);
	unsigned n = size >> 12;

	for (unsigned i = 0; i < n; i++)
		if (pte_present(e[i]))
			return -EEXIST;
	/* One encoding: the next page's descriptor differs only in its address. */
	for (unsigned i = 0; i < n; i++)
		e[i] = desc + i * SMALL_PAGE_SIZE;
	pt_env_sync_l2(e, e + n);
	return 0;
}

/*
 * in_one_table(): clear small pages, all present. 1 if a
 * large page is among them (the general path splits it), else 0 or
 * -ENOENT (something is not mapped; nothing changed).
 */
static inline __attribute__((always_inline)) int unmap_small_in_table(struct arch_aspace *as,
								      uint32_t va, uint32_t size)
{
	pte_t *t = l2_table(as->pgd[va >> SECTION_SHIFT]), *e = t + ((va >> 12) & 0xff);
	unsigned n = size >> 12;

	for (unsigned i = 0; i < n; i++) {
		if (!pte_present(e[i]))
			return -ENOENT;
		if (pte_is_large(e[i]))
			return 1;
	}
	for (unsigned i = 0; i < n; i++)
		e[i] = 0;
	pt_env_sync_l2(e, e + n);
	if (!pt_env_table_stays(as, va) && l2_empty(t))
		free_l2(as, t, va);
	pt_env_flush_tlb_range(as, va, size);
	return 0;
}

static int __attribute__((noinline))
map_general(struct arch_aspace *as, uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot,
	    enum pt_kind max_kind);

/*
 * The fast path when it applies (0 or -EEXIST), else 1. Its conditions are
 * those under which map_general() checks the same and writes the same
 * small pages.
 */
static inline __attribute__((always_inline)) int map_fast(struct arch_aspace *as, uint32_t va,
							  phys_addr_t pa, uint32_t size,
							  pgprot_t prot, enum pt_kind max_kind)
{
	pde_t *pgd = as->pgd;
	pte_t desc;

	if (size && !((va | pa | size) & SMALL_MASK) && pa + (size - 1) >= pa &&
	    in_one_table(pgd, va, size) &&
	    table_domain(pgd[va >> SECTION_SHIFT]) == PROT_DOMAIN_OF(prot) &&
	    (size < LARGE_PAGE_SIZE || max_kind == PT_SMALL) && max_kind >= PT_SUPERSECTION &&
	    max_kind <= PT_SMALL && (desc = mk_small_page_cached(pa, prot)))
		return map_small_in_table(pgd, va, size, desc);
	return 1;
}

/* pt_map_max(), inline in pt_map(); one page, the usual call, without loops. */
static inline __attribute__((always_inline)) int map_max(struct arch_aspace *as, uint32_t va,
							 phys_addr_t pa, uint32_t size,
							 pgprot_t prot, enum pt_kind max_kind)
{
	int err = size == SMALL_PAGE_SIZE ? map_fast(as, va, pa, SMALL_PAGE_SIZE, prot, max_kind)
					  : map_fast(as, va, pa, size, prot, max_kind);

	return err <= 0 ? err : map_general(as, va, pa, size, prot, max_kind);
}

int pt_map_max(struct arch_aspace *as, uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot,
	       enum pt_kind max_kind)
{
	return map_max(as, va, pa, size, prot, max_kind);
}

static int map_general(struct arch_aspace *as, uint32_t va, phys_addr_t pa, uint32_t size,
		       pgprot_t prot, enum pt_kind max_kind)
{
	pde_t *pgd = as->pgd;
	unsigned domain = PROT_DOMAIN_OF(prot);
	uint64_t end = (uint64_t)va + size;
	bool clash;
	uint32_t done = 0;

	if (check_va_range(va, size) || (pa & SMALL_MASK) || (uint64_t)pa + size > 0x100000000ull ||
	    !pgprot_valid(prot) || max_kind < PT_SUPERSECTION || max_kind > PT_SMALL)
		return -EINVAL;
	if (scan_range(pgd, va, end, domain, &clash) != RANGE_EMPTY)
		return -EEXIST;
	if (clash)
		return -EINVAL; /* pages share their table's domain */

	while (done < size) {
		uint32_t v = va + done, left = size - done;
		phys_addr_t p = pa + done;

		if (max_kind <= PT_SUPERSECTION && domain == 0 && !((v | p) & SUPER_MASK) &&
		    left >= SUPERSECTION_SIZE && no_tables(pgd, v, SUPER_SPAN)) {
			write_entries(&pgd[v >> SECTION_SHIFT], mk_supersection(p, prot),
				      SUPER_SPAN);
			done += SUPERSECTION_SIZE;
			continue;
		}
		if (max_kind <= PT_SECTION && !((v | p) & SECT_MASK) && left >= SECTION_SIZE &&
		    no_tables(pgd, v, 1)) {
			write_entries(&pgd[v >> SECTION_SHIFT], mk_section(p, prot), 1);
			done += SECTION_SIZE;
			continue;
		}

		pte_t *t = get_l2(pgd, v, domain);
		if (!t) {
			if (done)
				unmap_range(as, va, done);
			return -ENOMEM;
		}
		uint32_t stop = (uint32_t)min(chunk_end(v) - va, (uint64_t)size);
		while (done < stop) {
			v = va + done;
			p = pa + done;
			left = size - done;
			if (max_kind <= PT_LARGE && !((v | p) & LARGE_MASK) &&
			    left >= LARGE_PAGE_SIZE) {
				write_entries(&t[(v >> 12) & 0xff], mk_large_page(p, prot),
					      LARGE_SPAN);
				done += LARGE_PAGE_SIZE;
			} else {
				write_entries(&t[(v >> 12) & 0xff], mk_small_page(p, prot), 1);
				done += SMALL_PAGE_SIZE;
			}
		}
	}
	return 0;
}

pte_t *pt_l2_entry(struct arch_aspace *as, uint32_t va)
{
	pde_t *pgd = as->pgd;
	pte_t *t;

	if (is_sect(pgd[va >> SECTION_SHIFT]))
		return NULL;
	t = get_l2(pgd, va, 0);
	return t ? &t[(va >> 12) & 0xff] : NULL;
}

int pt_free_empty_l2(struct arch_aspace *as, uint32_t va)
{
	pde_t d = as->pgd[va >> SECTION_SHIFT];

	if (!is_table(d))
		return -ENOENT;
	if (!l2_empty(l2_table(d)))
		return -EBUSY;
	free_l2(as, l2_table(d), va);
	return 0;
}

int pt_map(struct arch_aspace *as, uint32_t va, phys_addr_t pa, uint32_t size, pgprot_t prot)
{
	return map_max(as, va, pa, size, prot, PT_SUPERSECTION);
}

/* Replace the supersection holding va by 16 sections with the same attributes. */
static int split_supersection(pde_t *pgd, uint32_t va)
{
	pde_t *first = &pgd[(va >> SECTION_SHIFT) & ~(SUPER_SPAN - 1)];
	pde_t d = *first;
	bool known;
	pgprot_t prot = section_prot(d, &known);

	if (d & (0xfu << 20 | 0xfu << 5)) /* PA above 4 GB: no section can say it */
		return -EINVAL;
	for (unsigned i = 0; i < SUPER_SPAN; i++)
		first[i] = mk_section((d & SUPERSECT_ADDR_MASK) + i * SECTION_SIZE, prot);
	pt_sync_entries(first, first + SUPER_SPAN);
	return 0;
}

/* Replace the section holding va by an L2 table of 16 large pages. */
static int split_section(pde_t *pgd, uint32_t va)
{
	pde_t *l1 = &pgd[va >> SECTION_SHIFT];
	bool known;
	pgprot_t prot = section_prot(*l1, &known);
	pte_t *t = pt_alloc_l2();

	if (!t)
		return -ENOMEM;
	for (unsigned i = 0; i < L2_ENTRIES; i += LARGE_SPAN)
		write_entries(&t[i],
			      mk_large_page((*l1 & SECT_ADDR_MASK) + i * SMALL_PAGE_SIZE, prot),
			      LARGE_SPAN);
	write_entries(l1, mk_l1_table(pt_virt_to_phys(t), PROT_DOMAIN_OF(prot)), 1);
	return 0;
}

/* Replace the large page holding va by 16 small pages. */
static void split_large(pte_t *t, uint32_t va, unsigned domain)
{
	pte_t *first = &t[((va >> 12) & 0xff) & ~(LARGE_SPAN - 1)];
	pte_t d = *first;
	bool known;
	pgprot_t prot = large_page_prot(d, domain, &known);

	for (unsigned i = 0; i < LARGE_SPAN; i++)
		first[i] = mk_small_page((d & PTE_LARGE_ADDR_MASK) + i * SMALL_PAGE_SIZE, prot);
	pt_sync_entries(first, first + LARGE_SPAN);
}

/* Make addr a descriptor boundary by splitting whatever block straddles it. */
static int split_at(pde_t *pgd, uint64_t addr)
{
	uint32_t va = (uint32_t)addr;
	pde_t *l1 = &pgd[va >> SECTION_SHIFT];
	int err;

	if (addr >= 0x100000000ull) /* the end of the address space splits nothing */
		return 0;
	if (is_super(*l1) && (va & SUPER_MASK)) {
		err = split_supersection(pgd, va);
		if (err)
			return err;
	}
	if (is_sect(*l1) && !is_super(*l1) && (va & SECT_MASK)) {
		err = split_section(pgd, va);
		if (err)
			return err;
	}
	if (is_table(*l1) && (va & LARGE_MASK)) {
		pte_t *t = l2_table(*l1);

		if (pte_is_large(t[(va >> 12) & 0xff]))
			split_large(t, va, (*l1 >> 5) & 0xf);
	}
	return 0;
}

/* Clear every descriptor in a fully mapped, edge-split range. */
static int unmap_range(struct arch_aspace *as, uint32_t va, uint32_t size)
{
	pde_t *pgd = as->pgd;
	uint64_t a = va, end = (uint64_t)va + size;

	while (a < end) {
		pde_t *l1 = &pgd[a >> SECTION_SHIFT];

		if (is_super(*l1)) {
			write_entries(l1, 0, SUPER_SPAN);
			a += SUPERSECTION_SIZE;
		} else if (is_sect(*l1)) {
			write_entries(l1, 0, 1);
			a += SECTION_SIZE;
		} else if (is_table(*l1)) {
			pte_t *t = l2_table(*l1);
			uint64_t stop = min(chunk_end(a), end);
			unsigned first = (a >> 12) & 0xff;
			unsigned count = (unsigned)((stop - a) >> 12);

			write_entries(&t[first], 0, count);
			if (!pt_table_pinned(as, (uint32_t)a) && l2_empty(t))
				free_l2(as, t, (uint32_t)a);
			a = stop;
		} else {
			a = chunk_end(a);
		}
	}
	pt_flush_tlb_range(as, va, size);
	return 0;
}

static int __attribute__((noinline))
unmap_general(struct arch_aspace *as, uint32_t va, uint32_t size);

int pt_unmap(struct arch_aspace *as, uint32_t va, uint32_t size)
{
	int err = 1;

	if (size == SMALL_PAGE_SIZE && !(va & SMALL_MASK) &&
	    in_one_table(as->pgd, va, SMALL_PAGE_SIZE))
		err = unmap_small_in_table(as, va, SMALL_PAGE_SIZE); /* no loops */
	else if (size && !((va | size) & SMALL_MASK) && in_one_table(as->pgd, va, size))
		err = unmap_small_in_table(as, va, size);
	return err <= 0 ? err : unmap_general(as, va, size);
}

static int unmap_general(struct arch_aspace *as, uint32_t va, uint32_t size)
{
	pde_t *pgd = as->pgd;
	uint64_t end = (uint64_t)va + size;
	bool clash;
	int err;

	if (check_va_range(va, size))
		return -EINVAL;
	if (scan_range(pgd, va, end, 0, &clash) != RANGE_FULL)
		return -ENOENT;
	err = split_at(pgd, va);
	if (!err)
		err = split_at(pgd, end);
	if (err)
		return err;
	return unmap_range(as, va, size);
}

/* Would splitting the section at addr put pages of another domain in its table? */
static bool edge_domain_clash(const pde_t *pgd, uint64_t addr, unsigned domain)
{
	pde_t d;

	if (addr >= 0x100000000ull || !(addr & SECT_MASK))
		return false;
	d = pgd[addr >> SECTION_SHIFT];
	return is_sect(d) && !is_super(d) && ((d >> 5) & 0xf) != domain;
}

int pt_protect(struct arch_aspace *as, uint32_t va, uint32_t size, pgprot_t prot)
{
	pde_t *pgd = as->pgd;
	uint64_t a = va, end = (uint64_t)va + size;
	unsigned domain = PROT_DOMAIN_OF(prot);
	bool clash;
	int err;

	if (check_va_range(va, size) || !pgprot_valid(prot))
		return -EINVAL;
	if (scan_range(pgd, va, end, domain, &clash) != RANGE_FULL)
		return -ENOENT;
	if (clash)
		return -EINVAL; /* pages cannot leave their table's domain */
	for (uint64_t s = va & ~SUPER_MASK; s < end; s += SUPERSECTION_SIZE)
		if (is_super(pgd[s >> SECTION_SHIFT]) && domain)
			return -EINVAL; /* supersections are always domain 0 */
	if (edge_domain_clash(pgd, va, domain) || edge_domain_clash(pgd, end, domain))
		return -EINVAL; /* the split section's table keeps its domain */

	err = split_at(pgd, va);
	if (!err)
		err = split_at(pgd, end);
	if (err)
		return err;

	while (a < end) {
		pde_t *l1 = &pgd[a >> SECTION_SHIFT];

		if (is_super(*l1)) {
			write_entries(l1, mk_supersection(*l1 & SUPERSECT_ADDR_MASK, prot),
				      SUPER_SPAN);
			a += SUPERSECTION_SIZE;
		} else if (is_sect(*l1)) {
			write_entries(l1, mk_section(*l1 & SECT_ADDR_MASK, prot), 1);
			a += SECTION_SIZE;
		} else {
			pte_t *t = l2_table(*l1);
			pte_t *e = &t[(a >> 12) & 0xff];

			if (pte_is_large(*e)) {
				write_entries(e, mk_large_page(*e & PTE_LARGE_ADDR_MASK, prot),
					      LARGE_SPAN);
				a += LARGE_PAGE_SIZE;
			} else {
				write_entries(e, mk_small_page(*e & PTE_SMALL_ADDR_MASK, prot), 1);
				a += SMALL_PAGE_SIZE;
			}
		}
	}
	pt_flush_tlb_range(as, va, size);
	return 0;
}

bool pt_lookup(const pde_t *pgd, uint32_t va, uint64_t *pa)
{
	pde_t d = pgd[va >> SECTION_SHIFT];
	pte_t e;

	if (is_table(d)) {
		e = l2_table(d)[(va >> 12) & 0xff];
		if ((e & L2_TYPE_MASK) == L2_TYPE_FAULT)
			return false;
		*pa = pte_is_large(e) ? (e & PTE_LARGE_ADDR_MASK) | (va & LARGE_MASK)
				      : (e & PTE_SMALL_ADDR_MASK) | (va & SMALL_MASK);
		return true;
	}
	if (!is_sect(d))
		return false;
	if (!is_super(d)) {
		*pa = (d & SECT_ADDR_MASK) | (va & SECT_MASK);
		return true;
	}
	/* PA[35:32] in bits 23:20 and PA[39:36] in bits 8:5 (pt_encode.c). */
	*pa = (d & SUPERSECT_ADDR_MASK) | (va & SUPER_MASK) | (uint64_t)((d >> 20) & 0xf) << 32 |
	      (uint64_t)((d >> 5) & 0xf) << 36;
	return true;
}

static uint32_t read_table_word(phys_addr_t pa, void *ctx)
{
	(void)ctx;
	return *(const uint32_t *)pt_phys_to_virt(pa);
}

void pt_query(const pde_t *pgd, uint32_t va, struct pt_walk *out)
{
	struct pt_walker w = {
		.ttbr0 = pt_virt_to_phys(pgd),
		.read_phys = read_table_word,
	};

	pt_walk_hw(&w, va, out);
}

void pt_for_each_range(const pde_t *pgd, uint32_t va_start, uint64_t va_end,
		       void (*fn)(const struct pt_range *r, void *ctx), void *ctx)
{
	struct pt_range run = { 0 };
	uint64_t va = va_start;

	while (va < va_end) {
		struct pt_walk w;
		uint64_t step;

		pt_query(pgd, (uint32_t)va, &w);
		if (w.kind == PT_FAULT) {
			step = w.fault_level == 1 ? chunk_end(va) - va : SMALL_PAGE_SIZE;
		} else {
			uint32_t size = pt_kind_size(w.kind);

			/* Clip to the window, as va_start clips the first run. */
			step = min(size - (va & (size - 1)), va_end - va);
			if (run.size && run.kind == w.kind && run.prot == w.prot &&
			    run.va + run.size == va && run.pa + run.size == w.pa) {
				run.size += step;
			} else {
				if (run.size)
					fn(&run, ctx);
				run = (struct pt_range){ (uint32_t)va, w.pa, step, w.kind, w.prot };
			}
		}
		if (w.kind == PT_FAULT && run.size) {
			fn(&run, ctx);
			run.size = 0;
		}
		va += step;
	}
	if (run.size)
		fn(&run, ctx);
}

/*
 * How many hold a page that processes map: Linux's _refcount and
 * _mapcount, packed into the one word of struct page an allocated page
 * leaves to its owner (page->_counts, so struct page stays 16 bytes):
 *
 *   bits 16-31  references: every mapping holds one; a holder that does
 *               not map the page (the swap cache, reclaim while it
 *               writes the page out) adds its own
 *   bits  0-15  mappings: the page table entries that map it, in any
 *               process (fork() shares a page with copy-on-write)
 *
 * A mapping takes and drops both at once with one atomic add of
 * PAGE_MAP_ONE; the last reference frees the page. Both counts stop at
 * PAGE_COUNT_MAX: fork() refuses (-EAGAIN) to share a page that many
 * times, rather than let a count run into the other or wrap.
 *
 * The zero page and device frames are never counted: they are not the
 * processes' to free (zap_page_range() and fork() pass them by).
 */
#ifndef PAGE_REF_H
#define PAGE_REF_H

#include "atomic.h"
#include "mm_types.h"

#define PAGE_REF_ONE   (1u << 16)
#define PAGE_MAP_ONE   (PAGE_REF_ONE | 1u)
#define PAGE_COUNT_MAX 0x7fffu

static inline unsigned page_ref_count(const struct page *p)
{
	return (uint32_t)atomic_read(&p->_counts) >> 16;
}
static inline unsigned page_mapcount(const struct page *p)
{
	return (uint32_t)atomic_read(&p->_counts) & 0xffff;
}
/* A page just allocated for one mapping (no one else can see it yet). */
static inline void page_set_mapped_once(struct page *p)
{
	atomic_set(&p->_counts, PAGE_MAP_ONE);
}
/* One more mapping of a page mapped already (fork); false at PAGE_COUNT_MAX. */
static inline bool page_dup_map(struct page *p)
{
	if (page_ref_count(p) >= PAGE_COUNT_MAX)
		return false;
	atomic_add(PAGE_MAP_ONE, &p->_counts);
	return true;
}
/* One mapping fewer: true when that was the last reference (the caller frees the page). */
static inline bool page_remove_map(struct page *p)
{
	return atomic_sub_return(PAGE_MAP_ONE, &p->_counts) == 0;
}

/* A reference that is not a mapping (the swap cache's, reclaim's while it writes the page). */
static inline void page_ref_get(struct page *p)
{
	atomic_add(PAGE_REF_ONE, &p->_counts);
}
/* Drop one: true when that was the last (the caller frees the page). */
static inline bool page_ref_put(struct page *p)
{
	return atomic_sub_return(PAGE_REF_ONE, &p->_counts) == 0;
}

#endif

/*
 * Allocation of ranges of kernel virtual address space (the vmalloc and
 * DMA-coherent areas). Portable: it deals in numbers, never in memory.
 *
 * The space is tiled by areas in address order, each free or busy. Free
 * areas also sit in bins by size (bin k holds sizes of 2^k to 2^(k+1)-1
 * pages), so finding room looks at the non-empty bins (a bit mask says
 * which), not at every area; busy areas
 * sit in a hash table by start address, so finding one to free is O(1);
 * freeing merges with free neighbours in O(1) through the address list.
 * Each busy area may be followed by unmapped guard pages, counted in it.
 */
#ifndef MM_VMAP_AREA_H
#define MM_VMAP_AREA_H

#include "list.h"
#include "spinlock.h"

#define VA_BINS      20 /* up to 2^20 pages: the whole 4 GB */
#define VA_HASH_SIZE 64

struct vmap_area {
	uint32_t start, end;   /* [start, end), guard pages included */
	uint32_t guard;        /* bytes of guard at the end (busy areas) */
	struct list_head addr; /* every area of the space, by address */
	struct list_head link; /* free: its bin; busy: its hash chain */
	bool free;
	void *owner; /* the user's data for a busy area */
};

struct va_space {
	uint32_t start, end;
	struct list_head areas;
	struct list_head bins[VA_BINS];
	struct list_head hash[VA_HASH_SIZE];
	uint32_t bin_mask; /* bit k set: bins[k] is not empty */
	uint32_t nr_busy, nr_free;
	uint32_t free_bytes;
};

/* Environment: node memory (kmalloc on target, malloc in host tests). */
/*
 * Held (interrupts masked) around every va_space call, the kept tables and
 * the kernel page-table updates of the vmalloc and coherent areas.
 */
extern spinlock_t vmap_lock;

struct vmap_area *va_node_alloc(void);
void va_node_free(struct vmap_area *va);

/* 0, or -ENOMEM; [start, end) page aligned. */
int va_space_init(struct va_space *vs, uint32_t start, uint32_t end);
/*
 * A busy area of size bytes (page multiple) at an address aligned to align
 * (power of two, at least a page), followed by guard bytes; NULL when no
 * free range fits or a node cannot be allocated (the space is unchanged).
 */
struct vmap_area *va_alloc(struct va_space *vs, uint32_t size, uint32_t align, uint32_t guard);
static inline unsigned hash_of(uint32_t addr)
{
	return (addr / 4096 * 2654435761u) >> (32 - 6);
}
_Static_assert(VA_HASH_SIZE == 64, "hash_of gives 6 bits");

/* The busy area starting exactly at addr, or NULL. Inline: every free starts with it. */
static inline struct vmap_area *va_find(const struct va_space *vs, uint32_t addr)
{
	struct vmap_area *va;

	list_for_each_entry (va, &vs->hash[hash_of(addr)], link)
		if (va->start == addr)
			return va;
	return NULL;
}
void va_free(struct va_space *vs, struct vmap_area *va);
/* Check the tiling, the bins, the hash and the counters; returns problems found. */
unsigned va_check(const struct va_space *vs);

#endif

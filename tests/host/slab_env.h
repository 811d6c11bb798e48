/*
 * The slab allocator's environment on the host (slab_env.c), on top of the
 * page allocator's (buddy_env.c).
 *
 * struct page keeps the slab descriptor's address in a 32-bit word
 * (page->private), as on target. Every descriptor lives in fake RAM, so
 * slab_env.c puts fake RAM below 4 GB: buddy_env.c's aligned_alloc() and
 * free() are wrapped (-Wl,--wrap=aligned_alloc,--wrap=free) and its fake
 * RAM comes from mmap(MAP_32BIT). The slab sources are built with
 * -include asm/memory.h (PAGE_SIZE) and -Wno-int-to-pointer-cast (the
 * 32-bit word turned back into a pointer); see the Makefile's HOST_SLAB.
 *
 * slab_env_reset() builds a fresh page allocator (the default layout) and a
 * fresh slab allocator over it (kmem_cache_init), forgetting the old ones.
 */
#ifndef SLAB_ENV_H
#define SLAB_ENV_H

#include "buddy_env.h"
#include "slab.h"

/* Fresh buddy + slab allocators; debug: as if slub_debug were on the command line. */
void slab_env_reset(bool debug);
/* slab_env_reset(), then drain the hot lists: the free-page count a test must come back to. */
uint32_t slab_env_fresh(bool debug);
/* The same over a given layout (NULL: buddy_env_default). */
void slab_env_init(const struct buddy_env_layout *layout, bool debug);

/* Give every cache's empty slabs back (the internal caches last) and drain the hot lists. */
void slab_env_shrink_all(void);

/* Live objects over every cache, the internal ones included. */
unsigned slab_env_active_objs(void);

/* Problems kmem_cache_validate() finds over every cache. */
unsigned slab_env_validate_all(void);

#endif

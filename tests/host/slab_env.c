/*
 * The slab allocator's environment on the host: see slab_env.h.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "slab_env.h"
#include "printk.h"
#include "mm/slab/slab_internal.h"

/* ---- fake RAM below 4 GB for buddy_env.c ---- */

void *__real_aligned_alloc(size_t align, size_t size);
void __real_free(void *p);
void *__wrap_aligned_alloc(size_t align, size_t size);
void __wrap_free(void *p);

static void *low_ram;
static size_t low_ram_size;

/* Only buddy_env.c's fake RAM (page aligned, megabytes) goes below 4 GB. */
void *__wrap_aligned_alloc(size_t align, size_t size)
{
	void *p;

	if (align != BUDDY_ENV_PAGE_SIZE || size < (1u << 20) || low_ram)
		return __real_aligned_alloc(align, size);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1,
		 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "slab_env: no fake RAM below 4 GB\n");
		abort();
	}
	low_ram = p;
	low_ram_size = size;
	return p;
}

void __wrap_free(void *p)
{
	if (p && p == low_ram) {
		munmap(low_ram, low_ram_size);
		low_ram = NULL;
		return;
	}
	__real_free(p);
}

/* ---- what the kernel provides ---- */

void panic(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "panic: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

/* ---- set-up and whole-allocator helpers ---- */

void slab_env_reset(bool debug)
{
	slab_env_init(NULL, debug);
}

uint32_t slab_env_fresh(bool debug)
{
	slab_env_reset(debug);
	drain_all_pages();
	return nr_free_pages();
}

void slab_env_init(const struct buddy_env_layout *layout, bool debug)
{
	buddy_env_init(layout);
	if ((uintptr_t)page_address(mem_map) +
		    (uintptr_t)buddy_env_nr_pages() * BUDDY_ENV_PAGE_SIZE >
	    0xffffffffu) {
		fprintf(stderr,
			"slab_env: fake RAM above 4 GB (is the binary linked with --wrap?)\n");
		abort();
	}
	INIT_LIST_HEAD(&slab_caches);
	slab_errors = 0;
	kmem_cache_init(debug);
}

static void shrink_one(struct kmem_cache *s, void *ctx)
{
	(void)ctx;
	kmem_cache_shrink(s);
}

void slab_env_shrink_all(void)
{
	kmem_cache_for_each(shrink_one, NULL);
	drain_all_pages();
}

static void count_one(struct kmem_cache *s, void *ctx)
{
	struct slabinfo i;

	kmem_cache_info(s, &i);
	*(unsigned *)ctx += i.active_objs;
}

unsigned slab_env_active_objs(void)
{
	unsigned n = 0;

	kmem_cache_for_each(count_one, &n);
	return n;
}

static void validate_one(struct kmem_cache *s, void *ctx)
{
	*(unsigned *)ctx += kmem_cache_validate(s);
}

unsigned slab_env_validate_all(void)
{
	unsigned n = 0;

	kmem_cache_for_each(validate_one, &n);
	return n;
}

/*
 * kmemleak: a leak detector in the manner of Linux's (mm/kmemleak.c).
 *
 * Contract:
 *   - Off unless the boot argument kmemleak=on asks for it; off, the
 *     allocators' fast paths are unchanged (the slab caches' CPU freelists
 *     are sized at creation, so nothing is tested per call) and their
 *     slow paths and vmalloc/vfree test one flag.
 *   - On, every slab object (kmem_cache_alloc, kmalloc and its page-backed
 *     sizes) and every vmalloc area is recorded with its size, its caller,
 *     the task and the jiffies of its allocation; the record goes at the
 *     free. Records come from a pool of buddy pages taken at
 *     kmemleak_init(); when it is full kmemleak says so and turns itself
 *     off (as Linux does), and the allocators go on untracked.
 *   - kmemleak_scan() marks what the kernel's .data, .bss, exception
 *     stacks and every task's live stack point at, then what those objects
 *     point at (any aligned word inside an object counts), and reports each
 *     object older than KMEMLEAK_MIN_AGE that nothing reaches, once, in
 *     Linux's words. The object list is locked for the whole scan, so no
 *     object is freed while it is read. Returns the new leaks, or -EBUSY
 *     when kmemleak is off.
 *   - kmemleak_seq_show() lists every leak reported so far (Linux's
 *     /sys/kernel/debug/kmemleak; here /proc/kmemleak, whose open scans
 *     first).
 */
#ifndef KMEMLEAK_H
#define KMEMLEAK_H

#include "kernel.h"
#include "types.h"

/* Objects younger than this are not reported (Linux waits 5 s; tests here wait this long). */
#define KMEMLEAK_MIN_AGE 50 /* jiffies: half a second at HZ 100 */

#ifdef HOST_TEST
/* Host tests of the slab and vmalloc code link no kmemleak: it is always off there. */
#define kmemleak_enabled false
static inline void kmemleak_alloc(const void *p, size_t n, const void *k, void *c)
{
	(void)p, (void)n, (void)k, (void)c;
}
static inline void kmemleak_free(const void *p)
{
	(void)p;
}
#else
extern bool kmemleak_enabled;
#endif

/*
 * What mm asks of the layers above (kernel/sched.c registers it): the
 * time, the running task, and each task's kernel stack (only the part in
 * use where the task's stack pointer is known).
 */
struct kmemleak_env {
	uint32_t (*now)(void); /* jiffies */
	void (*whoami)(char *comm, size_t size, int *pid);
	void (*for_each_stack)(void (*scan)(const void *lo, const void *hi));
};
void kmemleak_set_env(const struct kmemleak_env *env);

/* Boot, after mem_init() and before the first slab cache: on = kmemleak=on. */
void kmemleak_init(bool on);

/*
 * The allocators' hooks (caller: the API's caller). kind: the slab cache
 * of an object (NULL for the others). A vmalloc area is not kept alive by
 * objects of meta, the cache of vmalloc's own records, which hold its
 * address (a free neighbour's end, the area's start, its vm_struct).
 */
#ifndef HOST_TEST
void kmemleak_alloc(const void *ptr, size_t size, const void *kind, void *caller);
void kmemleak_free(const void *ptr); /* unknown pointers are ignored */
#endif
void kmemleak_vmalloc(const void *addr, size_t size, const void *meta, void *caller);

int kmemleak_scan(void);
/* Objects recorded now (tests). */
unsigned kmemleak_nr_objects(void);

struct seq_file;
void kmemleak_seq_show(struct seq_file *m);

#endif

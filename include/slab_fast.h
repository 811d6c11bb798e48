/*
 * Internals of include/slab.h: the inline fast paths of kmem_cache_alloc,
 * kmem_cache_free, kmalloc and kfree, and the per-CPU freelists, free mark
 * and size-class tables they use. The fast paths are safe against an
 * interrupt handler on the same CPU that allocates or frees too, and take
 * no lock (see below). Not an API: slab.h includes this at its
 * end so that a pair stays a few inline instructions in every caller; the
 * rest of the allocator's internals are in mm/slab/slab_internal.h.
 */
#ifndef SLAB_FAST_H
#define SLAB_FAST_H

#ifndef SLAB_H
#error "slab_fast.h is slab.h's tail: include slab.h"
#endif

#include "mm.h"

#include "smp.h"
#ifdef HOST_TEST
#include "asm-generic/irqflags.h"
#else
#include "asm/irqflags.h"
#endif

/*
 * The fast paths, inline so that a caller's constant GFP value folds and a
 * pair costs a few instructions; everything else (refills, trims, debug
 * caches, every misuse) goes to the out-of-line, checked paths in mm/slab/.
 *
 * A cache that does not debug keeps a freelist per CPU: free objects of any
 * of its slabs, newest first, which their slabs still count as in use.
 * Allocation pops the running CPU's. A free pushes on the running CPU's
 * (whichever CPU allocated the object) when
 *   - the object's page says it belongs to this cache (page->slab_cache),
 *   - the address is the start of a slot (slab_fast_slot()),
 *   - the object does not carry the free mark (it is not already free), and
 *   - the freelist is under its limit (free_budget).
 * Every free object carries SLAB_FREE_MARK in the word after its free
 * pointer and allocation clears it, so a double free of any object that is
 * still free is caught (the slow path then looks the object up on the
 * freelists: a live object that merely holds the value is freed normally).
 *
 * SMP and interrupts. A CPU's freelist is touched by that CPU only (other
 * CPUs ask it by cross call to give its objects back), so only an interrupt
 * handler on the same CPU can interleave with a pop or push. The fast paths
 * update the pair (freelist, free_budget) with LDREXD/STREXD: every
 * exception return runs CLREX (boot/vectors.S), so if a handler ran between
 * the load and the store, the store fails and the pop or push starts over.
 * The slow paths mask interrupts instead. Host builds (no exclusives) mask
 * their pretend interrupts around the same plain code, as does a target
 * built with SLAB_FAST_IRQOFF (kept to measure the alternative).
 *
 * struct kmem_cache begins with NR_CPUS of these, SLAB_CPU_STRIDE bytes
 * apart (a cache line each, so CPUs do not share one); the fields after
 * the pair are the same in every slot, copied so that a fast path touches
 * one line.
 */
#define SLAB_CPU_STRIDE 64u
struct kmem_cache_cpu {
	void *freelist;      /* this CPU's freelist */
	int32_t free_budget; /* pushes left before the freelist reaches its limit */
	uint32_t offset;     /* free pointer offset in a slot; the free mark follows it */
	/*
	 * The slot check: size - 1 for power-of-two slots of at most a page,
	 * with the free pointer first, from page-aligned slabs (an object is
	 * aligned to its size); else all ones, and then a reciprocal multiply
	 * over fast_span: the bytes holding objects in one-page slabs without
	 * a header, 0 where only the slow path may free (debug caches, the
	 * bootstrap caches' on-slab header, larger slabs).
	 */
	uintptr_t slot_mask;
	uint32_t size;       /* slot size */
	uint32_t reciprocal; /* 2^32 / size, rounded up: slot index by multiply */
	uint32_t fast_span;  /* see slot_mask */
} __attribute__((aligned(SLAB_CPU_STRIDE)));

#if defined(HOST_TEST) || defined(SLAB_FAST_IRQOFF)
#define SLAB_FAST_EXCLUSIVE 0
#else
#define SLAB_FAST_EXCLUSIVE 1
_Static_assert(sizeof(void *) == 4, "LDREXD pairs the freelist with the budget");
#endif

/*
 * In every free object of a non-debug cache, a word after the free pointer.
 * Pointer-sized (sign-extended on a 64-bit host, an immediate operand there),
 * so that a compiler with strict aliasing knows the store cannot change the
 * cache's 32-bit fields.
 */
#define SLAB_FREE_MARK ((uintptr_t)(intptr_t)(int32_t)0xf4eef4eeu)

void *kmem_cache_alloc_slow(struct kmem_cache *s, gfp_t gfp) __attribute__((noinline));
void slab_free_slow(struct kmem_cache *s, void *obj) __attribute__((noinline));
void *__kmalloc(size_t size, gfp_t gfp) __attribute__((noinline));
void kfree_slow(const void *p) __attribute__((noinline));

/* The running CPU's slot of s (the slots are the first member of struct kmem_cache). */
static inline struct kmem_cache_cpu *cache_cpu(struct kmem_cache *s)
{
	return (struct kmem_cache_cpu *)(void *)s + smp_processor_id();
}

static inline uintptr_t *slab_free_mark(const struct kmem_cache_cpu *c, void *obj)
{
	return (uintptr_t *)((char *)obj + c->offset + sizeof(void *));
}

/*
 * Pop the running CPU's freelist: the object, or NULL when it is empty.
 * *zero is 0 when an object is returned (STREXD's status), for the caller's
 * clearing of the free mark: a register that already holds 0.
 * LDREXD loads (freelist, free_budget); the free pointer of the head is
 * read and STREXD stores (next, budget + 1), and starts over if anything
 * ran in between. The freelist's objects are written only by this CPU's
 * push (an asm volatile, kept in order with this one) and by the
 * out-of-line slow paths, so reading the free pointer inside the asm needs
 * no memory clobber.
 */
static inline void *slab_cpu_pop(struct kmem_cache_cpu *c, uintptr_t *zero)
{
#if SLAB_FAST_EXCLUSIVE
	uint64_t head, next;
	uintptr_t failed;

	/* Conditional execution, no branch out: an empty list leaves head 0. */
	__asm__ volatile("1:	ldrexd	%Q0, %R0, [%4]\n"
			 "	cmp	%Q0, #0\n"
			 "	ldrne	%Q1, [%Q0, %5]\n"
			 "	addne	%R1, %R0, #1\n"
			 "	strexdne %2, %Q1, %R1, [%4]\n"
			 "	cmpne	%2, #0\n"
			 "	bne	1b\n"
			 : "=&r"(head), "=&r"(next), "=&r"(failed), "+Qo"(*(uint64_t *)(void *)c)
			 : "r"(c), "r"(c->offset)
			 : "cc");
	*zero = failed; /* the loop ends only after a successful STREXD or on an empty list */
	return (void *)(uintptr_t)(uint32_t)head;
#else
	uint32_t flags = local_irq_save();
	void *obj = c->freelist;

	if (likely(obj)) {
		c->freelist = *(void **)((char *)obj + c->offset);
		c->free_budget++;
	}
	local_irq_restore(flags);
	*zero = 0;
	return obj;
#endif
}

/* An object from the running CPU's freelist, or NULL: the slow path's turn. */
static inline void *slab_alloc_fast(struct kmem_cache *s, gfp_t gfp)
{
	if (likely(!(gfp & __GFP_ZERO))) {
		struct kmem_cache_cpu *c = cache_cpu(s);
		uintptr_t zero;
		void *obj = slab_cpu_pop(c, &zero);

		if (likely(obj)) {
			*slab_free_mark(c, obj) = zero; /* no longer free */
			return obj;
		}
	}
	return NULL;
}

static inline void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	void *obj = slab_alloc_fast(s, gfp);

	return likely(obj) ? obj : kmem_cache_alloc_slow(s, gfp);
}

/* The start of a slot in a one-page slab without a header? (Slots not a power of two.) */
static inline bool slab_fast_slot(const struct kmem_cache_cpu *c, const void *obj)
{
	uint32_t off = (uint32_t)((uintptr_t)obj & (PAGE_SIZE - 1));

	return off < c->fast_span &&
	       (uint32_t)(((uint64_t)off * c->reciprocal) >> 32) * c->size == off;
}

/*
 * Push obj, whose free pointer is at fp, on the running CPU's freelist,
 * unless it is marked free or the freelist is at its limit. The free
 * pointer and the mark are written before STREXD publishes the object (a
 * handler that pops it at once clears the mark again); a retry writes
 * them again.
 */
static inline bool slab_push(struct kmem_cache_cpu *c, void *obj, void **fp)
{
	uintptr_t *mark = (uintptr_t *)(fp + 1);

	if (unlikely(*mark == SLAB_FREE_MARK))
		return false;
#if SLAB_FAST_EXCLUSIVE
	{
		uint64_t v; /* (head, budget), then (obj, budget - 1) */
		uint32_t failed;
		bool full;

		/*
		 * Conditional execution, no branch out: a budget of 0 ends the
		 * loop at once (mi, carry clear); a failed STREXD leaves carry
		 * set and Z clear (hi): go again. Success leaves N clear.
		 */
		__asm__ volatile("1:	ldrexd	%Q0, %R0, [%4]\n"
				 "	subs	%R0, %R0, #1\n"
				 "	strpl	%Q0, [%5]\n"
				 "	strpl	%7, [%5, #4]\n"
				 "	movpl	%Q0, %6\n"
				 "	strexdpl %1, %Q0, %R0, [%4]\n"
				 "	cmppl	%1, #0\n"
				 "	bhi	1b\n"
				 : "=&r"(v), "=&r"(failed), "=@ccmi"(full),
				   "+Qo"(*(uint64_t *)(void *)c)
				 : "r"(c), "r"(fp), "r"(obj), "r"(SLAB_FREE_MARK)
				 : "memory");
		return !full;
	}
#else
	{
		uint32_t flags = local_irq_save();
		bool ok = c->free_budget > 0;

		if (likely(ok)) {
			c->free_budget--;
			*mark = SLAB_FREE_MARK;
			*fp = c->freelist;
			c->freelist = obj;
		}
		local_irq_restore(flags);
		return ok;
	}
#endif
}

/* Push obj, an address in a page of the cache's slabs, if it passes; false: take the slow path. */
static inline bool slab_free_fast(struct kmem_cache_cpu *c, void *obj)
{
	/* A power-of-two slot, its free pointer first, or any other slot. */
	if (likely(!((uintptr_t)obj & c->slot_mask)))
		return slab_push(c, obj, obj);
	return slab_fast_slot(c, obj) && slab_push(c, obj, (void **)((char *)obj + c->offset));
}

static inline void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page;

	if (likely(lowmem_page_lookup(obj, &page) && page->slab_cache == s &&
		   slab_free_fast(cache_cpu(s), obj)))
		return;
	slab_free_slow(s, obj);
}

/* kmalloc's caches: [0] normal, [1] __GFP_DMA; and the normal ones by (size - 1) / 8. */
#define KMALLOC_NR_CLASSES 12
#define KMALLOC_SMALL_MAX  512u
extern struct kmem_cache *kmalloc_caches[2][KMALLOC_NR_CLASSES];
extern struct kmem_cache *kmalloc_small[KMALLOC_SMALL_MAX / 8];

static inline void *kmalloc(size_t size, gfp_t gfp)
{
	if (likely(size - 1 < KMALLOC_MAX_CACHE_SIZE && !(gfp & __GFP_DMA))) {
		/* 513..4096: the class of the highest set bit of size - 1, 1024 is class 9. */
		struct kmem_cache *s =
			size <= KMALLOC_SMALL_MAX
				? kmalloc_small[(size - 1) / 8]
				: kmalloc_caches[0][31 - __builtin_clz((unsigned)size - 1)];

		return kmem_cache_alloc(s, gfp);
	}
	return __kmalloc(size, gfp); /* 0, __GFP_DMA, whole pages, too large */
}

static inline void kfree(const void *p)
{
	struct page *page;

	if (likely(lowmem_page_lookup(p, &page) && (page->flags & PG_slab) &&
		   slab_free_fast(cache_cpu(page->slab_cache), (void *)p)))
		return;
	kfree_slow(p);
}

#endif

/*
 * kmemleak: the object records, the scan and the report (include/kmemleak.h).
 *
 * Linux's design, smaller. Every tracked allocation is a record (pointer,
 * size, caller, task, jiffies) in a hash by address. A scan sorts the
 * records by address, so that any word, also one pointing into the middle
 * of an object, finds its object by binary search; counts the references
 * each object gets from the roots; and scans each object referenced
 * ("gray") for references in turn, until no gray object is left. An
 * object nothing references ("white") is a leak once it is older than
 * KMEMLEAK_MIN_AGE. Linux counts to a min_count instead (2 for a vmalloc
 * area, which vmalloc's own vm_struct references); here vmalloc names the
 * cache of its records, whose words do not count: an area's address is in
 * its node twice and in the node of a free neighbour, as its end.
 *
 * The records live in one block of buddy pages, not in a slab cache (which
 * would be tracked itself) and not in .bss (which is a root: the records'
 * pointers would reach every object). Nothing here holds an object's
 * address in .data, .bss or a live stack frame above the scan: the scan
 * would find its own bookkeeping.
 *
 * Locking: kmemleak_lock (irqsave) covers the records; the scan holds it
 * from start to end, so an object's free (which drops its record first,
 * then gives the memory back) waits until the scan has read it. The stack
 * walk takes the scheduler's lock inside it; nothing allocates under the
 * scheduler's lock, so the order is kmemleak_lock -> rq_lock always.
 */
#include "asm/hardirq.h"
#include "asm/sections.h"
#include "atomic.h"
#include "errno.h"
#include "kmemleak.h"
#include "mm.h"
#include "printk.h"
#include "seq_file.h"
#include "spinlock.h"
#include "string.h"

#define POOL_ORDER   7 /* 512 KB of records */
#define HASH_BITS    10
#define COMM_LEN     16
#define OBJ_NONE     0 /* record indices are 1-based: 0 ends a list */
#define OBJ_REPORTED 1u

struct kmemleak_object {
	uintptr_t pointer;
	uint32_t size;
	void *caller;
	uint32_t jiffies;
	int pid;
	const void *kind;   /* its slab cache, or NULL */
	const void *ignore; /* references from objects of this kind do not count */
	uint32_t next;      /* hash chain, or the free list */
	uint32_t gray_next; /* the scan's gray list */
	int32_t count;
	uint8_t flags;
	char comm[COMM_LEN];
};

/* The pool's header: everything a scan keeps that may hold an object's address. */
struct kmemleak_pool {
	uint32_t hash[1u << HASH_BITS];
	uint32_t free;    /* free records */
	uint32_t nr, max; /* records in use, records in the pool */
	uintptr_t lo, hi; /* the scan: lowest object start, highest object end */
	uintptr_t entry;  /* the scan: the scanner's frame; deeper frames are its own */
	uint32_t gray;    /* the scan: gray objects not scanned yet */
	uint32_t *sorted; /* the scan: record indices by address */
	struct kmemleak_object obj[];
};

bool kmemleak_enabled;
static struct kmemleak_pool *pool;
static const struct kmemleak_env *env;
static DEFINE_SPINLOCK(kmemleak_lock);

void kmemleak_set_env(const struct kmemleak_env *e)
{
	env = e;
}

static struct kmemleak_object *obj_at(uint32_t i)
{
	return &pool->obj[i - 1];
}

static uint32_t *bucket(uintptr_t ptr)
{
	return &pool->hash[(ptr >> 4 ^ ptr >> 14) & ((1u << HASH_BITS) - 1)];
}

void kmemleak_init(bool on)
{
	uint32_t bytes = PAGE_SIZE << POOL_ORDER;

	if (!on)
		return;
	pool = (struct kmemleak_pool *)__get_free_pages(GFP_KERNEL, POOL_ORDER);
	if (!pool) {
		printk("kmemleak: Kernel memory leak detector disabled (no memory for %u KB of records)\n",
		       bytes >> 10);
		return;
	}
	memset(pool, 0, sizeof(*pool));
	/* Each record also needs its slot in the scan's sorted index. */
	pool->max = (bytes - (uint32_t)sizeof(*pool)) / (sizeof(struct kmemleak_object) + 4);
	pool->sorted = (uint32_t *)&pool->obj[pool->max];
	for (uint32_t i = pool->max; i >= 1; i--) {
		obj_at(i)->next = pool->free;
		pool->free = i;
	}
	kmemleak_enabled = true;
	printk("kmemleak: Kernel memory leak detector initialized (mem pool available: %u)\n",
	       pool->max);
}

/* The pool is full: stop tracking, as Linux does, rather than report false leaks. */
static void kmemleak_disable(void)
{
	WRITE_ONCE(kmemleak_enabled, false);
	printk("kmemleak: Cannot allocate a kmemleak_object structure\n");
	printk("kmemleak: Kernel memory leak detector disabled\n");
}

static void create_object(const void *ptr, size_t size, const void *kind, const void *ignore,
			  void *caller)
{
	char comm[COMM_LEN] = "swapper/0";
	struct kmemleak_object *o;
	uint32_t flags, i, *b;
	int pid = 0;

	if (!READ_ONCE(kmemleak_enabled) || !ptr || !size)
		return;
	if (in_irq())
		memcpy(comm, "hardirq", sizeof("hardirq"));
	else if (env)
		env->whoami(comm, sizeof(comm), &pid);
	spin_lock_irqsave(&kmemleak_lock, flags);
	i = pool->free;
	if (!i || !kmemleak_enabled) {
		spin_unlock_irqrestore(&kmemleak_lock, flags);
		if (!i)
			kmemleak_disable();
		return;
	}
	o = obj_at(i);
	pool->free = o->next;
	o->pointer = (uintptr_t)ptr;
	o->size = (uint32_t)size;
	o->caller = caller;
	o->jiffies = env ? env->now() : 0;
	o->pid = pid;
	o->kind = kind;
	o->ignore = ignore;
	o->flags = 0;
	memcpy(o->comm, comm, COMM_LEN);
	b = bucket(o->pointer);
	o->next = *b;
	*b = i;
	pool->nr++;
	spin_unlock_irqrestore(&kmemleak_lock, flags);
}

void kmemleak_free(const void *ptr)
{
	uint32_t flags, *link;

	if (!READ_ONCE(kmemleak_enabled) || !ptr)
		return;
	spin_lock_irqsave(&kmemleak_lock, flags);
	for (link = bucket((uintptr_t)ptr); *link; link = &obj_at(*link)->next) {
		struct kmemleak_object *o = obj_at(*link);

		if (o->pointer == (uintptr_t)ptr) {
			uint32_t i = *link;

			*link = o->next;
			o->next = pool->free;
			pool->free = i;
			pool->nr--;
			break;
		}
	}
	spin_unlock_irqrestore(&kmemleak_lock, flags);
}

void kmemleak_alloc(const void *ptr, size_t size, const void *kind, void *caller)
{
	create_object(ptr, size, kind, NULL, caller);
}

void kmemleak_vmalloc(const void *addr, size_t size, const void *meta, void *caller)
{
	create_object(addr, size, NULL, meta, caller);
}

unsigned kmemleak_nr_objects(void)
{
	return pool ? pool->nr : 0;
}

/* ---- the scan (kmemleak_lock held throughout) ---- */

static bool before(uint32_t a, uint32_t b)
{
	return obj_at(a)->pointer < obj_at(b)->pointer;
}

/* Heapsort of the index by address: no allocation, no recursion. */
static void sift_down(uint32_t *v, uint32_t root, uint32_t n)
{
	for (uint32_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && before(v[child], v[child + 1]))
			child++;
		if (!before(v[root], v[child]))
			return;
		uint32_t t = v[root];
		v[root] = v[child];
		v[child] = t;
	}
}

static void sort_index(uint32_t *v, uint32_t n)
{
	for (uint32_t i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (uint32_t end = n; end-- > 1;) {
		uint32_t t = v[0];
		v[0] = v[end];
		v[end] = t;
		sift_down(v, 0, end);
	}
}

/* Every record into the sorted index with its count cleared; lo and hi bound them. */
static void prepare(void)
{
	uint32_t n = 0;

	for (uint32_t b = 0; b < ARRAY_SIZE(pool->hash); b++)
		for (uint32_t i = pool->hash[b]; i; i = obj_at(i)->next) {
			obj_at(i)->count = 0;
			pool->sorted[n++] = i;
		}
	sort_index(pool->sorted, n);
	pool->lo = n ? obj_at(pool->sorted[0])->pointer : 1;
	pool->hi = 0;
	for (uint32_t k = 0; k < n; k++)
		pool->hi = max(pool->hi,
			       obj_at(pool->sorted[k])->pointer + obj_at(pool->sorted[k])->size);
	pool->gray = OBJ_NONE;
}

/* The object holding address v, or 0. */
static uint32_t lookup(uintptr_t v)
{
	uint32_t lo = 0, hi = pool->nr;

	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (obj_at(pool->sorted[mid])->pointer <= v)
			lo = mid;
		else
			hi = mid;
	}
	if (!pool->nr)
		return OBJ_NONE;
	struct kmemleak_object *o = obj_at(pool->sorted[lo]);
	return v >= o->pointer && v - o->pointer < o->size ? pool->sorted[lo] : OBJ_NONE;
}

/* Count every aligned word of [start, end) that points into an object other than self. */
static void scan_block(const void *start, const void *end, uint32_t self)
{
	const uintptr_t *p = (const uintptr_t *)ALIGN((uintptr_t)start, sizeof(uintptr_t));

	for (; (const void *)(p + 1) <= end; p++) {
		uintptr_t v = *p;
		uint32_t i;

		if (v < pool->lo || v >= pool->hi || !(i = lookup(v)) || i == self ||
		    (self && obj_at(i)->ignore && obj_at(i)->ignore == obj_at(self)->kind))
			continue;
		if (++obj_at(i)->count == 1) {
			obj_at(i)->gray_next = pool->gray;
			pool->gray = i;
		}
	}
}

/* A stack from the scheduler: the scanner's own is read from its frame up only. */
static void scan_stack(const void *lo, const void *hi)
{
	if (pool->entry >= (uintptr_t)lo && pool->entry < (uintptr_t)hi)
		lo = (const void *)pool->entry;
	scan_block(lo, hi, OBJ_NONE);
}

static void scan_gray(void)
{
	while (pool->gray) {
		uint32_t i = pool->gray;

		pool->gray = obj_at(i)->gray_next;
		scan_block((const void *)obj_at(i)->pointer,
			   (const void *)(obj_at(i)->pointer + obj_at(i)->size), i);
	}
}

static void print_object(struct seq_file *m, const struct kmemleak_object *o)
{
	seq_printf(m, "unreferenced object 0x%08lx (size %u):\n", (unsigned long)o->pointer,
		   o->size);
	seq_printf(m, "  comm \"%s\", pid %d, jiffies %u\n", o->comm, o->pid, o->jiffies);
	seq_printf(m, "  backtrace:\n    [<%08lx>] %pS\n", (unsigned long)o->caller, o->caller);
}

static int console_print(const char *fmt, va_list ap)
{
	return vprintk(fmt, ap);
}

/* White and old enough, not reported before: report it (to the console, as kmemleak.verbose=1). */
static int report_new(void)
{
	uint32_t now = env ? env->now() : 0;
	struct seq_file con = SEQ_FILE_CONSOLE(console_print);
	int new = 0;

	for (uint32_t k = 0; k < pool->nr; k++) {
		struct kmemleak_object *o = obj_at(pool->sorted[k]);

		if (o->count || (o->flags & OBJ_REPORTED) ||
		    (int32_t)(now - o->jiffies) < KMEMLEAK_MIN_AGE)
			continue;
		o->flags |= OBJ_REPORTED;
		print_object(&con, o);
		new ++;
	}
	return new;
}

/*
 * The roots: .data, .bss (per-CPU variables and the secondaries' stacks
 * are arrays there), the exception stacks, every task's kernel stack.
 * Not the direct map as a whole: it holds every object, freed or not.
 */
static void __attribute__((noinline)) scan_roots(void)
{
	scan_block(_sdata, _edata, OBJ_NONE);
	scan_block(__bss_start, __bss_end, OBJ_NONE);
	/* .stack: the exception stacks below the boot stack; the boot stack is init's task stack. */
	scan_block(__stack_start, init_stack_bottom, OBJ_NONE);
	if (env)
		env->for_each_stack(scan_stack);
}

static int __attribute__((noinline)) scan_locked(void)
{
	int new;

	prepare();
	scan_roots();
	scan_gray();
	new = report_new();
	if (new)
		printk("kmemleak: %d new suspected memory leaks (see /proc/kmemleak)\n", new);
	return new;
}

int kmemleak_scan(void)
{
	volatile char here = 0; /* the frame the scan's own stack use starts below */
	uint32_t flags;
	int new;

	if (!READ_ONCE(kmemleak_enabled))
		return -EBUSY;
	spin_lock_irqsave(&kmemleak_lock, flags);
	pool->entry = (uintptr_t)&here;
	new = scan_locked();
	spin_unlock_irqrestore(&kmemleak_lock, flags);
	return new;
}

void kmemleak_seq_show(struct seq_file *m)
{
	uint32_t flags;

	if (!pool)
		return;
	spin_lock_irqsave(&kmemleak_lock, flags);
	for (uint32_t b = 0; b < ARRAY_SIZE(pool->hash); b++)
		for (uint32_t i = pool->hash[b]; i; i = obj_at(i)->next)
			if (obj_at(i)->flags & OBJ_REPORTED)
				print_object(m, obj_at(i));
	spin_unlock_irqrestore(&kmemleak_lock, flags);
}

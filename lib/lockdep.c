/*
 * lockdep-lite (see include/lockdep.h): fixed tables, a bitmap per class for
 * the lock-order graph, a held-lock stack per CPU. The tables are shared by
 * every CPU and guarded by graph_lock, a test-and-set lock of its own (the
 * spinlocks it checks cannot guard it); callers mask interrupts, so an
 * interrupt on this CPU never finds it taken.
 */
#include "lockdep.h"
#include "printk.h"

enum usage_bit {
	USED_IN_IRQ = 1 << 0, /* taken in interrupt context */
	ENABLED_IRQ = 1 << 1, /* taken with interrupts enabled, outside interrupt context */
};

struct lock_class {
	const void *key;
	const char *name;
	uint8_t usage;
	bool reported_state, reported_recursion;
	unsigned long usage_ip[2]; /* where each usage bit was first seen */
};

struct held_lock {
	const struct lockdep_map *map;
	uint8_t class;
	bool irq_ctx;
	bool trylock;
};

struct held_stack {
	struct held_lock locks[LOCKDEP_MAX_DEPTH];
	unsigned depth;
	bool reported_switch;
};

typedef uint64_t class_mask_t; /* one bit per class */

static struct lock_class classes[LOCKDEP_MAX_CLASSES];
static class_mask_t after[LOCKDEP_MAX_CLASSES];    /* after[a] has b: edge a -> b */
static class_mask_t reported[LOCKDEP_MAX_CLASSES]; /* cycle closed by a -> b reported */
static struct held_stack held[LOCKDEP_MAX_CPUS];
static struct lockdep_stats stats;
static bool lockdep_off;
static uint32_t graph_lock;

static void graph_lock_take(void)
{
	/*
	 * YIELD while waiting: single-threaded TCG then runs the holder
	 * instead of spinning out this vCPU's time slice (it never sleeps, so
	 * no event is needed on hardware).
	 */
	while (__atomic_exchange_n(&graph_lock, 1, __ATOMIC_ACQUIRE))
#ifdef __arm__
		__asm__ volatile("yield" ::: "memory"); /* lib/ may not include arch headers */
#else
		;
#endif
}

static void graph_lock_drop(void)
{
	__atomic_store_n(&graph_lock, 0, __ATOMIC_RELEASE);
}

static const char *class_name(unsigned c)
{
	return classes[c].name ? classes[c].name : "(unnamed)";
}

static void overflow(const char *what)
{
	stats.overflow++;
	lockdep_off = true;
	printk("lockdep: %s full: checking turned off\n", what);
}

/* The class of map, registered on first use; -1 if the table is full. */
static int class_of(struct lockdep_map *map)
{
	unsigned i;

	if (map->class_idx && classes[map->class_idx - 1].key == map->key)
		return map->class_idx - 1; /* cached (and not forgotten by lockdep_reset) */
	for (i = 0; i < stats.classes; i++)
		if (classes[i].key == map->key)
			break;
	if (i == stats.classes) {
		if (i == LOCKDEP_MAX_CLASSES) {
			overflow("class table");
			return -1;
		}
		classes[i] = (struct lock_class){ .key = map->key, .name = map->name };
		stats.classes++;
	}
	map->class_idx = (uint16_t)(i + 1);
	return (int)i;
}

/*
 * A path from -> ... -> to in the graph (breadth first); fills path[] with
 * its classes, from first, and returns their number, or 0 if there is none.
 */
static unsigned find_path(unsigned from, unsigned to, uint8_t path[LOCKDEP_MAX_CLASSES])
{
	uint8_t parent[LOCKDEP_MAX_CLASSES], queue[LOCKDEP_MAX_CLASSES];
	class_mask_t seen = (class_mask_t)1 << from;
	unsigned head = 0, tail = 0, n = 0;

	queue[tail++] = (uint8_t)from;
	while (head < tail) {
		unsigned c = queue[head++];

		if (c == to) {
			uint8_t rev[LOCKDEP_MAX_CLASSES];

			for (unsigned x = to;; x = parent[x]) {
				rev[n++] = (uint8_t)x;
				if (x == from)
					break;
			}
			for (unsigned i = 0; i < n; i++)
				path[i] = rev[n - 1 - i];
			return n;
		}
		for (unsigned d = 0; d < stats.classes; d++) {
			class_mask_t bit = (class_mask_t)1 << d;

			if ((after[c] & bit) && !(seen & bit)) {
				seen |= bit;
				parent[d] = (uint8_t)c;
				queue[tail++] = (uint8_t)d;
			}
		}
	}
	return 0;
}

static void report_header(const char *title)
{
	printk("\n==================================================\n");
	printk("WARNING: %s\n", title);
	printk("--------------------------------------------------\n");
}

/* Taking next while holding prev closes the cycle next -> ... -> prev. */
static void report_cycle(unsigned cpu, unsigned prev, unsigned next, const uint8_t *path,
			 unsigned n)
{
	stats.inversions++;
	report_header("possible circular locking dependency detected");
	printk("cpu%u is trying to acquire lock:\n  (%s)\n", cpu, class_name(next));
	printk("but is already holding lock:\n  (%s)\n", class_name(prev));
	printk("which lock already depends on the new lock.\n");
	printk("the existing dependency chain is:\n  ");
	for (unsigned i = 0; i < n; i++)
		printk("%s(%s)", i ? " -> " : "", class_name(path[i]));
	printk("\nthe new dependency is:\n  (%s) -> (%s)\n", class_name(prev), class_name(next));
	printk(" Possible unsafe locking scenario:\n");
	printk("       CPU0                    CPU1\n");
	printk("       ----                    ----\n");
	printk("  lock(%s);\n", class_name(prev));
	printk("                               lock(%s);\n", class_name(next));
	printk("                               lock(%s);\n", class_name(prev));
	printk("  lock(%s);\n", class_name(next));
	printk(" *** DEADLOCK ***\n");
}

static void check_usage(unsigned c, const struct lockdep_ctx *ctx, unsigned long ip)
{
	struct lock_class *cl = &classes[c];
	uint8_t now = ctx->in_irq ? USED_IN_IRQ : ctx->irqs_on ? ENABLED_IRQ : 0;
	uint8_t other = now == USED_IN_IRQ ? ENABLED_IRQ : USED_IN_IRQ;

	if (!now)
		return; /* interrupts off outside a handler: safe either way */
	if (!(cl->usage & now)) {
		cl->usage |= now;
		cl->usage_ip[now == ENABLED_IRQ] = ip;
	}
	if (!(cl->usage & other) || cl->reported_state)
		return;
	cl->reported_state = true;
	stats.inconsistent++;
	report_header("inconsistent lock state");
	printk("inconsistent {%s} -> {%s} usage.\n",
	       now == ENABLED_IRQ ? "IN-HARDIRQ-W" : "HARDIRQ-ON-W",
	       now == ENABLED_IRQ ? "HARDIRQ-ON-W" : "IN-HARDIRQ-W");
	printk("cpu%u takes lock (%s) %s at %pS;\n", ctx->cpu, class_name(c),
	       ctx->in_irq ? "in interrupt context" : "with interrupts enabled", (void *)ip);
	printk("it was taken %s at %pS.\n",
	       ctx->in_irq ? "with interrupts enabled" : "in interrupt context",
	       (void *)cl->usage_ip[other == ENABLED_IRQ]);
	printk(" Possible unsafe locking scenario:\n");
	printk("       CPU0\n       ----\n");
	printk("  lock(%s);\n  <Interrupt>\n    lock(%s);\n", class_name(c), class_name(c));
	printk(" *** DEADLOCK ***\n");
	printk("(take it with spin_lock_irqsave outside interrupt context)\n");
}

/* Record prev -> next, unless it closes a cycle (then report it, once per pair). */
static void add_edge(unsigned cpu, unsigned prev, unsigned next)
{
	class_mask_t bit = (class_mask_t)1 << next;
	uint8_t path[LOCKDEP_MAX_CLASSES];
	unsigned n;

	if (after[prev] & bit)
		return;
	n = find_path(next, prev, path);
	if (n) {
		if (!(reported[prev] & bit)) {
			reported[prev] |= bit;
			report_cycle(cpu, prev, next, path, n);
		}
		return;
	}
	after[prev] |= bit;
	stats.edges++;
}

void lockdep_acquire(struct lockdep_map *map, const struct lockdep_ctx *ctx, bool trylock)
{
	unsigned long ip = (unsigned long)__builtin_return_address(0);
	struct held_stack *h = &held[ctx->cpu % LOCKDEP_MAX_CPUS];
	int c;

	graph_lock_take();
	if (lockdep_off)
		goto out;
	c = class_of(map);
	if (c < 0)
		goto out;
	stats.acquires++;
	check_usage((unsigned)c, ctx, ip);
	for (unsigned i = 0; i < h->depth && !trylock; i++) {
		const struct held_lock *hl = &h->locks[i];

		if (hl->class == c) {
			if (!classes[c].reported_recursion) {
				classes[c].reported_recursion = true;
				stats.recursive++;
				report_header("possible recursive locking detected");
				printk("cpu%u is trying to acquire lock:\n  (%s) at %pS\n",
				       ctx->cpu, class_name((unsigned)c), (void *)ip);
				printk("but is already holding lock:\n  (%s)%s\n",
				       class_name((unsigned)c),
				       hl->map == map ? ", the same lock: deadlock" : "");
			}
			continue;
		}
		if (hl->irq_ctx == ctx->in_irq)
			add_edge(ctx->cpu, hl->class, (unsigned)c);
	}
	if (h->depth == LOCKDEP_MAX_DEPTH) {
		overflow("held-lock stack");
		goto out;
	}
	h->locks[h->depth++] = (struct held_lock){ map, (uint8_t)c, ctx->in_irq, trylock };
	stats.max_depth = max(stats.max_depth, h->depth);
out:
	graph_lock_drop();
}

void lockdep_release(struct lockdep_map *map, const struct lockdep_ctx *ctx)
{
	struct held_stack *h = &held[ctx->cpu % LOCKDEP_MAX_CPUS];
	unsigned i = h->depth;

	graph_lock_take();
	if (lockdep_off)
		goto out;
	while (i > 0 && h->locks[i - 1].map != map)
		i--;
	if (!i) {
		stats.bad_unlock++;
		report_header("bad unlock balance detected!");
		printk("cpu%u is trying to release lock (%s) at %pS\n", ctx->cpu,
		       map->name ? map->name : "(unnamed)", __builtin_return_address(0));
		printk("but there are no more locks to release!\n");
		goto out;
	}
	/* Locks may be released out of order: close the gap. */
	for (; i < h->depth; i++)
		h->locks[i - 1] = h->locks[i];
	if (!--h->depth)
		h->reported_switch = false;
out:
	graph_lock_drop();
}

bool lockdep_none_held(const struct lockdep_ctx *ctx, const char *where)
{
	struct held_stack *h = &held[ctx->cpu % LOCKDEP_MAX_CPUS];
	bool none = true;

	graph_lock_take();
	for (unsigned i = 0; i < h->depth; i++)
		none &= h->locks[i].irq_ctx;
	if (!none && !lockdep_off && !h->reported_switch) {
		h->reported_switch = true; /* until this CPU holds nothing again */
		stats.held_at_switch++;
		{
			report_header("lock held at a point where none may be held");
			printk("cpu%u reached %s holding:\n", ctx->cpu, where);
			for (unsigned i = 0; i < h->depth; i++)
				printk("  held lock %u: (%s)\n", i, class_name(h->locks[i].class));
		}
	}
	graph_lock_drop();
	return none;
}

bool lockdep_is_held(const struct lockdep_map *map, const struct lockdep_ctx *ctx)
{
	const struct held_stack *h = &held[ctx->cpu % LOCKDEP_MAX_CPUS];

	for (unsigned i = 0; i < h->depth; i++)
		if (h->locks[i].map == map)
			return true;
	return false;
}

void lockdep_get_stats(struct lockdep_stats *out)
{
	graph_lock_take();
	*out = stats;
	graph_lock_drop();
}

void lockdep_reset(void)
{
	graph_lock_take();
	for (unsigned i = 0; i < LOCKDEP_MAX_CLASSES; i++) {
		classes[i] = (struct lock_class){ 0 };
		after[i] = reported[i] = 0;
	}
	for (unsigned i = 0; i < LOCKDEP_MAX_CPUS; i++)
		held[i] = (struct held_stack){ 0 };
	stats = (struct lockdep_stats){ 0 };
	lockdep_off = false;
	graph_lock_drop();
}
